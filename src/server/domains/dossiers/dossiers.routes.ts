import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DossierDetail, DossierIdParams, DossierMetrics, DossierMetricsQuery, DossierPage, Index766, Index766Query, ListDossiersQuery, OverdueBoard, OverdueQuery,
} from '../../../shared/contracts/dossiers.js';
import { contextOf } from '../../core/context.js';
import { dossierMetrics, getDossier, listDossiersFor, overdueBoard } from './dossiers.service.js';
import { index766Of } from './index-766.js';

/** The monitoring reads under /api/dossiers (the ingest door POST /bulk is registered by its own plugin). */
export const dossierMonitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['dossiers'];
  app.get('/', { schema: { tags, summary: 'Search dossiers; the drill-down target of every metric cell', querystring: ListDossiersQuery, response: { 200: DossierPage } } },
    async (req) => listDossiersFor(contextOf(req), req.query));
  app.get('/metrics', { schema: { tags, summary: 'Received, finished (early/on time/late), pending, rates by unit, agency, procedure, field, month or channel', querystring: DossierMetricsQuery, response: { 200: DossierMetrics } } },
    async (req) => dossierMetrics(contextOf(req), req.query));
  app.get('/overdue', { schema: { tags, summary: 'The overdue board: unfinished dossiers past due, most overdue first, with the agency holding them', querystring: OverdueQuery, response: { 200: OverdueBoard } } },
    async (req) => overdueBoard(contextOf(req), req.query));
  app.get('/index-766', { schema: { tags, summary: 'Decision 766/QĐ-TTg groups and components computed from our data', querystring: Index766Query, response: { 200: Index766 } } },
    async (req) => index766Of(contextOf(req), req.query));
  app.get('/:id', { schema: { tags, summary: 'A dossier with its full status history', params: DossierIdParams, response: { 200: DossierDetail } } },
    async (req) => getDossier(contextOf(req), req.params.id));
};
