import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/contracts/common.js';
import {
  AssignReportBody, CategoryList, CreateReportBody, ListReportsQuery, PublicCreateReportBody, PublicReportCreated, PublicReportStatus,
  PutRoutingEntryBody, PutSlaSettingBody, ReportAnswerBody, ReportDetail, ReportNoteBody, ReportPage, ReturnReportBody, RoutingMatrix,
  SlaSettings, TrackingCodeParams, TransitionReportBody,
} from '../../../shared/contracts/feedback.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parseOfficeHours } from '../calendar/working-hours.js';
import {
  addReportNote, answerReport, assignReport, createPublicReport, createReport, getReport, listReportCategories, listReportsFor,
  originOf, publicReportStatus, returnReport, transitionReport,
} from './feedback.service.js';
import { createRateLimiter } from './rate-limit.js';
import { deleteRoutingEntry, putRoutingEntry, putSlaSetting, routingMatrix, slaSettings } from './routing.js';

const tags = ['feedback'];

/** The staff inbox under /api/feedback. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const opts = { officeHours: parseOfficeHours(app.config.officeHours) };
  app.get('/categories', { schema: { tags, summary: 'Report categories with their Open311 attributes (inactive ones too)', response: { 200: CategoryList } } },
    async (req) => { contextOf(req); return listReportCategories(app.db, false); });
  app.get('/routing', { schema: { tags, summary: 'The routing matrix in your scope: category × unit subtree → agency (the deepest unit wins)', response: { 200: RoutingMatrix } } },
    async (req) => routingMatrix(contextOf(req)));
  app.put('/routing', { schema: { tags, summary: 'Set the agency of a category in a unit’s subtree (feedback:configure)', body: PutRoutingEntryBody, response: { 200: RoutingMatrix } } },
    async (req) => putRoutingEntry(contextOf(req), req.body));
  app.delete('/routing/:id', { schema: { tags, summary: 'Remove a matrix entry (feedback:configure)', params: IdParams, response: { 200: RoutingMatrix } } },
    async (req) => deleteRoutingEntry(contextOf(req), req.params.id));
  app.get('/sla', { schema: { tags, summary: 'Deadlines per category × urgency, in working hours', response: { 200: SlaSettings } } },
    async (req) => slaSettings(contextOf(req)));
  app.put('/sla', { schema: { tags, summary: 'Set the deadlines of a category × urgency for reports taken from now on (feedback:configure)', body: PutSlaSettingBody, response: { 200: SlaSettings } } },
    async (req) => putSlaSetting(contextOf(req), req.body));
  app.get('/', { schema: { tags, summary: 'The inbox: filters by state, category, agency (none = operator queue), unit subtree, channel, overdue, text', querystring: ListReportsQuery, response: { 200: ReportPage } } },
    async (req) => listReportsFor(contextOf(req), req.query));
  app.post('/', { schema: { tags, summary: 'Take a report (phone, e-mail, …): routed by category × place, deadlines in working hours', body: CreateReportBody, response: { 201: ReportDetail } } },
    async (req, reply) => reply.code(201).send(await createReport(contextOf(req), req.body, opts)));
  app.get('/:id', { schema: { tags, summary: 'A report with its reporter and timeline', params: IdParams, response: { 200: ReportDetail } } },
    async (req) => getReport(contextOf(req), req.params.id));
  app.post('/:id/transition', { schema: { tags, summary: 'Move a report to another state (see docs/feedback.md for the table)', params: IdParams, body: TransitionReportBody, response: { 200: ReportDetail } } },
    async (req) => transitionReport(contextOf(req), req.params.id, req.body, opts));
  app.post('/:id/assign', { schema: { tags, summary: 'Assign to an agency (operators); a new urgency recomputes the deadlines', params: IdParams, body: AssignReportBody, response: { 200: ReportDetail } } },
    async (req) => assignReport(contextOf(req), req.params.id, req.body.agencyId, req.body.urgency, opts));
  app.post('/:id/return', { schema: { tags, summary: 'Hand back as not our responsibility, with a reason: re-routed or back to the operator queue', params: IdParams, body: ReturnReportBody, response: { 200: ReportDetail } } },
    async (req) => returnReport(contextOf(req), req.params.id, req.body.reason, opts));
  app.post('/:id/notes', { schema: { tags, summary: 'An internal (default) or public note on the timeline', params: IdParams, body: ReportNoteBody, response: { 200: ReportDetail } } },
    async (req) => addReportNote(contextOf(req), req.params.id, req.body.text, req.body.isPublic));
  app.post('/:id/answer', { schema: { tags, summary: 'The answer shown to the citizen', params: IdParams, body: ReportAnswerBody, response: { 200: ReportDetail } } },
    async (req) => answerReport(contextOf(req), req.params.id, req.body.text));
};

/** The public page's door under /api/public/reports: no sign-in, a per-IP limit on submissions. */
export const publicReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const opts = { officeHours: parseOfficeHours(app.config.officeHours) };
  const limiter = createRateLimiter(app.config.publicReportLimit, 10 * 60_000);
  const publicTags = ['feedback (public)'];
  app.get('/categories', { schema: { tags: publicTags, summary: 'Active categories, emergency ones with the number to call', security: [], response: { 200: CategoryList } } },
    async () => listReportCategories(app.db, true));
  app.post('/', { schema: { tags: publicTags, summary: 'Submit a report; answers the tracking code (and the 113/114/115 notice for emergencies)', security: [], body: PublicCreateReportBody, response: { 201: PublicReportCreated } } },
    async (req, reply) => {
      const wait = limiter.hit(req.ip);
      if (wait !== null) { reply.header('retry-after', String(wait)); throw new AppError('rate-limited', { retryAfterSeconds: wait }); }
      return reply.code(201).send(await createPublicReport(originOf(req), req.body, opts));
    });
  app.get('/:trackingCode', { schema: { tags: publicTags, summary: 'Status by tracking code, in plain Vietnamese: deadline vs done, the agency’s answer', security: [], params: TrackingCodeParams, response: { 200: PublicReportStatus } } },
    async (req) => publicReportStatus(app.db, req.params.trackingCode));
};
