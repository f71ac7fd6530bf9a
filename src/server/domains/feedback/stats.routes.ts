// Figures for the feedback screens under /api/feedback/stats, and the public page's places under /api/public/feedback.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CallerHistory, CallerLookupQuery, FeedbackDashboard, FeedbackDashboardQuery, FeedbackMapPoints, FeedbackMapQuery, FeedbackMapView, PublicPlaces, SlaBoard,
  SlaBoardQuery,
} from '../../../shared/contracts/feedback-stats.js';
import { z } from 'zod';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parseOfficeHours } from '../calendar/working-hours.js';
import { publish } from '../../core/hub.js';
import { callerHistory, feedbackDashboard, feedbackMapPoints, feedbackMapView, publicPlaces, slaBoard } from './stats.js';

const tags = ['feedback'];

export const feedbackStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  const opts = { officeHours: parseOfficeHours(app.config.officeHours) };
  app.get('/dashboard', { schema: { tags, summary: 'Reports per day by channel, category, unit and agency; median working hours to acceptance and resolution; on-time rates; top issues', querystring: FeedbackDashboardQuery, response: { 200: FeedbackDashboard } } },
    async (req) => feedbackDashboard(contextOf(req), req.query, opts));
  app.get('/sla', { schema: { tags, summary: 'Open reports by working time left to their next deadline, per agency, and the most urgent ones', querystring: SlaBoardQuery, response: { 200: SlaBoard } } },
    async (req) => slaBoard(contextOf(req), req.query, opts));
  app.get('/map', {
    schema: {
      tags, summary: 'Anonymised reports (no reporter, no text) for the map: every point, or with bbox and zoom the viewport clustered in the database',
      description: 'Without bbox and zoom: every matching point (FeedbackMapPoints). With both: a FeedbackMapView — clusters of grid cells, the points themselves when the viewport holds few reports or at high zoom, or weighted heatmap cells with mode=heatmap.',
      querystring: FeedbackMapQuery, response: { 200: z.union([FeedbackMapPoints, FeedbackMapView]) },
    },
  }, async (req) => {
    const { bbox, zoom } = req.query;
    if (bbox === undefined && zoom === undefined) return feedbackMapPoints(contextOf(req), req.query);
    if (bbox === undefined || zoom === undefined) throw new AppError('validation-failed', { errors: [{ path: bbox === undefined ? 'querystring.bbox' : 'querystring.zoom', message: 'bbox and zoom go together' }] });
    return feedbackMapView(contextOf(req), { ...req.query, bbox, zoom });
  });
  app.get('/callers', { schema: { tags, summary: 'A caller’s previous reports by phone number (feedback:handle): the call-center screen', querystring: CallerLookupQuery, response: { 200: CallerHistory } } },
    async (req) => callerHistory(contextOf(req), req.query));
};

export const publicPlacesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/places', { schema: { tags: ['feedback (public)'], summary: 'The province’s communes and wards with boundaries, to place a report', security: [], response: { 200: PublicPlaces } } },
    async (req) => publicPlaces({ db: app.db, log: req.log, publish, ip: req.ip, requestId: String(req.id) }));
};
