import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../shared/contracts/common.js';
import {
  CannedAnswer, CannedAnswerList, CreateCannedAnswerBody, DraftDuplicatesBody, DuplicateCandidates, DuplicateQuery, ListCannedAnswersQuery,
  MergeReportBody, PhotoParams, PublicDuplicateCandidates, PublicPhotoParams, PublicSupportBody, RateReportBody, RedactPhotoBody,
  RenderCannedAnswerBody, RenderedAnswer, ReopenReportBody, ReporterKeyQuery, SupportReportBody, SupportResult, UpdateCannedAnswerBody,
} from '../../../shared/contracts/feedback-handling.js';
import {
  AssignReportBody, CategoryList, ChangeCategoryBody, CreateReportBody, ListReportsQuery, PublicCreateReportBody, PublicReportCreated, PublicReportStatus,
  PutRoutingEntryBody, PutSlaSettingBody, ReportAnswerBody, ReportDetail, ReportNoteBody, ReportPage, ReturnReportBody, RoutingMatrix,
  ReportPhoto, SlaSettings, TrackingCodeParams, TransitionReportBody,
} from '../../../shared/contracts/feedback.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parseOfficeHours } from '../calendar/working-hours.js';
import {
  addReportNote, answerReport, assignReport, changeReportCategory, createPublicReport, createReport, getReport, listReportCategories, listReportsFor,
  originOf, publicReportStatus, returnReport, transitionReport,
} from './feedback.service.js';
import {
  changeCannedAnswer, createCannedAnswer, listCannedAnswersFor, removeCannedAnswer, renderCannedAnswerFor,
} from './canned-answers.js';
import {
  mergeReport, suggestDuplicatesForDraft, suggestDuplicatesForStaffDraft, suggestDuplicatesOf, supportReport, supportReportPublic,
} from './duplicates.js';
import { acceptPhotos, type PhotoContent, photosOf, publicPhotoContent, redactPhoto, staffPhotoContent } from './media.js';
import { createRateLimiter } from './rate-limit.js';
import { rateReport, reopenReportByReporter } from './satisfaction.js';
import { deleteRoutingEntry, putRoutingEntry, putSlaSetting, routingMatrix, slaSettings } from './routing.js';

const tags = ['feedback'];
const withPhotos = 'JSON, or multipart/form-data with this JSON body in a field named "data" and the photos as files (JPEG, PNG or WebP, checked by content; per-photo and count limits in docs/feedback.md): 413 when too large or too many, 415 when not a photo; nothing is written then.';

function sendPhoto(reply: FastifyReply, photo: PhotoContent) {
  return reply.type(photo.contentType).header('cache-control', 'private, no-cache').header('content-disposition', 'inline').send(photo.content);
}

/** The staff inbox under /api/feedback. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const opts = { officeHours: parseOfficeHours(app.config.officeHours) };
  const handling = app.config.handling;
  await app.register(fastifyMultipart, { limits: { fileSize: handling.photoMaxBytes, files: handling.photoMaxFiles } });
  const photos = acceptPhotos(handling, 'handler');
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
  app.post('/', { preValidation: photos, schema: { tags, summary: 'Take a report (phone, e-mail, …): routed by category × place, deadlines in working hours', description: withPhotos, body: CreateReportBody, response: { 201: ReportDetail } } },
    async (req, reply) => reply.code(201).send(await createReport(contextOf(req), req.body, opts, photosOf(req))));
  app.post('/duplicates', { schema: { tags, summary: 'Open reports like the one being taken: same category, within the radius and days, ranked by distance and shared words', body: DraftDuplicatesBody, response: { 200: DuplicateCandidates } } },
    async (req) => suggestDuplicatesForStaffDraft(contextOf(req), req.body));
  app.get('/canned-answers', { schema: { tags, summary: 'Canned answers you may use: the common ones and your agency’s', querystring: ListCannedAnswersQuery, response: { 200: CannedAnswerList } } },
    async (req) => listCannedAnswersFor(contextOf(req), req.query));
  app.post('/canned-answers', { schema: { tags, summary: 'A canned answer with {placeholders}: common (operators) or an agency’s', body: CreateCannedAnswerBody, response: { 201: CannedAnswer } } },
    async (req, reply) => reply.code(201).send(await createCannedAnswer(contextOf(req), req.body)));
  app.patch('/canned-answers/:id', { schema: { tags, summary: 'Change a canned answer', params: IdParams, body: UpdateCannedAnswerBody, response: { 200: CannedAnswer } } },
    async (req) => changeCannedAnswer(contextOf(req), req.params.id, req.body));
  app.delete('/canned-answers/:id', { schema: { tags, summary: 'Delete a canned answer', params: IdParams, response: { 200: Ok } } },
    async (req) => removeCannedAnswer(contextOf(req), req.params.id));
  app.get('/:id', { schema: { tags, summary: 'A report with its reporter and timeline', params: IdParams, response: { 200: ReportDetail } } },
    async (req) => getReport(contextOf(req), req.params.id));
  app.post('/:id/transition', { schema: { tags, summary: 'Move a report to another state (see docs/feedback.md for the table)', params: IdParams, body: TransitionReportBody, response: { 200: ReportDetail } } },
    async (req) => transitionReport(contextOf(req), req.params.id, req.body, opts));
  app.post('/:id/assign', { schema: { tags, summary: 'Assign to an agency (operators); a new urgency recomputes the deadlines', params: IdParams, body: AssignReportBody, response: { 200: ReportDetail } } },
    async (req) => assignReport(contextOf(req), req.params.id, req.body.agencyId, req.body.urgency, opts));
  app.post('/:id/category', { schema: { tags, summary: 'Correct the category (operators): new deadlines from the category’s SLA; routed again when reroute is true or no agency holds it; the classifier learns from it', params: IdParams, body: ChangeCategoryBody, response: { 200: ReportDetail } } },
    async (req) => changeReportCategory(contextOf(req), req.params.id, req.body, opts));
  app.post('/:id/return', { schema: { tags, summary: 'Hand back as not our responsibility, with a reason: re-routed or back to the operator queue', params: IdParams, body: ReturnReportBody, response: { 200: ReportDetail } } },
    async (req) => returnReport(contextOf(req), req.params.id, req.body.reason, opts));
  app.post('/:id/notes', { schema: { tags, summary: 'An internal (default) or public note on the timeline', params: IdParams, body: ReportNoteBody, response: { 200: ReportDetail } } },
    async (req) => addReportNote(contextOf(req), req.params.id, req.body.text, req.body.isPublic));
  app.post('/:id/answer', { preValidation: photos, schema: { tags, summary: 'The answer shown to the citizen, with photos if any', description: withPhotos, params: IdParams, body: ReportAnswerBody, response: { 200: ReportDetail } } },
    async (req) => answerReport(contextOf(req), req.params.id, req.body.text, photosOf(req)));
  app.post('/:id/render-answer', { schema: { tags, summary: 'A canned answer filled in for this report ({tracking_code}, {agency}, {deadline}, …)', params: IdParams, body: RenderCannedAnswerBody, response: { 200: RenderedAnswer } } },
    async (req) => renderCannedAnswerFor(contextOf(req), req.params.id, req.body.cannedAnswerId));
  app.get('/:id/duplicates', { schema: { tags, summary: 'Open reports that may be the same: same category, within radiusMeters (default 250) and days (default 30), ranked', params: IdParams, querystring: DuplicateQuery, response: { 200: DuplicateCandidates } } },
    async (req) => suggestDuplicatesOf(contextOf(req), req.params.id, req.query));
  app.post('/:id/merge', { schema: { tags, summary: 'Merge into another report (operators): this one becomes its duplicate and its reporter follows the other', params: IdParams, body: MergeReportBody, response: { 200: ReportDetail } } },
    async (req) => mergeReport(contextOf(req), req.params.id, req.body));
  app.post('/:id/supporters', { schema: { tags, summary: 'Attach a caller to this report instead of taking a new one ("me too"); the contact stays private', params: IdParams, body: SupportReportBody, response: { 200: SupportResult } } },
    async (req) => supportReport(contextOf(req), req.params.id, req.body));
  app.get('/:id/photos/:photoId', { schema: { tags, summary: 'A photo: the original for handlers, the public copy for readers', params: PhotoParams } },
    async (req, reply) => sendPhoto(reply, await staffPhotoContent(contextOf(req), req.params.id, req.params.photoId)));
  app.post('/:id/photos/:photoId/redact', { schema: { tags, summary: 'Hide a photo or parts of it from the public (a blurred copy, or the given regions pixelated, replaces the public one; the original stays for staff)', params: PhotoParams, body: RedactPhotoBody, response: { 200: z.object({ items: z.array(ReportPhoto) }) } } },
    async (req) => ({ items: await redactPhoto(contextOf(req), req.params.id, req.params.photoId, req.body) }));
};

/** The public page's door under /api/public/reports: no sign-in, a per-IP limit on submissions. */
export const publicReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const opts = { officeHours: parseOfficeHours(app.config.officeHours) };
  const limiter = createRateLimiter(app.config.publicReportLimit, 10 * 60_000);
  const publicTags = ['feedback (public)'];
  const handling = app.config.handling;
  await app.register(fastifyMultipart, { limits: { fileSize: handling.photoMaxBytes, files: handling.photoMaxFiles } });
  const photos = acceptPhotos(handling, 'public');
  // "Me too" counts towards the same per-IP limit as a submission: it is one, attached to an existing report.
  // A submission with photos is counted before its photos are read (a flood of uploads stops at the limit);
  // a JSON one only once it passed validation, as before.
  const counted = new WeakSet<FastifyRequest>();
  const limit = (req: FastifyRequest, reply: FastifyReply) => {
    if (counted.has(req)) return;
    counted.add(req);
    const wait = limiter.hit(req.ip);
    if (wait !== null) { reply.header('retry-after', String(wait)); throw new AppError('rate-limited', { retryAfterSeconds: wait }); }
  };
  const limitUploads = async (req: FastifyRequest, reply: FastifyReply) => { if (req.isMultipart()) limit(req, reply); };
  app.get('/categories', { schema: { tags: publicTags, summary: 'Active categories, emergency ones with the number to call', security: [], response: { 200: CategoryList } } },
    async () => listReportCategories(app.db, true));
  app.post('/', { preValidation: [limitUploads, photos], schema: { tags: publicTags, summary: 'Submit a report; answers the tracking code, the reporter’s key (and the 113/114/115 notice for emergencies)', description: withPhotos, security: [], body: PublicCreateReportBody, response: { 201: PublicReportCreated } } },
    async (req, reply) => {
      limit(req, reply);
      return reply.code(201).send(await createPublicReport(originOf(req), req.body, opts, photosOf(req)));
    });
  app.post('/duplicates', { schema: { tags: publicTags, summary: 'Before submitting: open reports like this one nearby ("is it one of these?"), anonymised', security: [], body: DraftDuplicatesBody, response: { 200: PublicDuplicateCandidates } } },
    async (req) => suggestDuplicatesForDraft(app.db, req.body));
  app.get('/:trackingCode', { schema: { tags: publicTags, summary: 'Status by tracking code, in plain Vietnamese: deadline vs done, the agency’s answer and photos; with the reporter’s key also what the reporter may do', security: [], params: TrackingCodeParams, querystring: ReporterKeyQuery, response: { 200: PublicReportStatus } } },
    async (req) => publicReportStatus(app.db, req.params.trackingCode, new Date(), req.query.key, handling));
  app.post('/:trackingCode/supporters', { schema: { tags: publicTags, summary: '"Me too": support an open report instead of filing a new one; the contact stays private and is told of changes', security: [], params: TrackingCodeParams, body: PublicSupportBody, response: { 200: SupportResult } } },
    async (req, reply) => {
      limit(req, reply);
      return supportReportPublic(originOf(req), req.params.trackingCode, req.body);
    });
  app.post('/:trackingCode/rating', { schema: { tags: publicTags, summary: 'The reporter rates the result 1–5 (needs the reporter’s key)', security: [], params: TrackingCodeParams, body: RateReportBody, response: { 200: PublicReportStatus } } },
    async (req) => rateReport(originOf(req), req.params.trackingCode, req.body, handling));
  app.post('/:trackingCode/reopen', { schema: { tags: publicTags, summary: 'The reporter reopens a closed report that was not fixed, within the allowed days (needs the reporter’s key)', security: [], params: TrackingCodeParams, body: ReopenReportBody, response: { 200: PublicReportStatus } } },
    async (req) => reopenReportByReporter(originOf(req), req.params.trackingCode, req.body, handling, opts));
  app.get('/:trackingCode/photos/:photoId', { schema: { tags: publicTags, summary: 'A photo’s public copy (no metadata; blurred if redacted)', security: [], params: PublicPhotoParams } },
    async (req, reply) => sendPhoto(reply, await publicPhotoContent(app.db, req.params.trackingCode, req.params.photoId)));
};
