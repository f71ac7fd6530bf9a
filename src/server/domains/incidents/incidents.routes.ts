import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/contracts/common.js';
import {
  AcknowledgeDispatchBody, CreateIncidentBody, DispatchIncidentBody, IncidentDetail, IncidentNoteBody, IncidentPage, IncidentStats, IncidentStatsQuery,
  LinkIncidentSourceBody, ListIncidentsQuery, MoveIncidentBody,
} from '../../../shared/contracts/incidents.js';
import { contextOf } from '../../core/context.js';
import {
  acknowledgeIncidentDispatch, addIncidentNote, createIncident, dispatchIncident, getIncident, incidentStatsFor, linkIncidentSource, listIncidentsFor,
  moveIncident,
} from './incidents.service.js';

const tags = ['incidents'];

/** /api/incidents (incidents:read, incidents:handle). */
export const incidentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'Incidents in your scope: unfinished first, by severity, newest', querystring: ListIncidentsQuery, response: { 200: IncidentPage } } },
    async (req) => listIncidentsFor(contextOf(req), req.query));
  app.get('/stats', { schema: { tags, summary: 'Counts by type, unit, hour of day (Asia/Ho_Chi_Minh) and status over [from, to): the traffic and public-order dashboards', querystring: IncidentStatsQuery, response: { 200: IncidentStats } } },
    async (req) => incidentStatsFor(contextOf(req), req.query));
  app.post('/', { schema: { tags, summary: 'Open an incident by hand, from an alarm (fromAlarmId; camera events come as their alarm) or from a citizen report (fromReportId)', body: CreateIncidentBody, response: { 201: IncidentDetail } } },
    async (req, reply) => reply.code(201).send(await createIncident(contextOf(req), req.body)));
  app.get('/:id', { schema: { tags, summary: 'An incident with its sources, dispatched agencies and timeline', params: IdParams, response: { 200: IncidentDetail } } },
    async (req) => getIncident(contextOf(req), req.params.id));
  app.post('/:id/dispatch', { schema: { tags, summary: 'Dispatch agencies (open → dispatched); their officers are notified', params: IdParams, body: DispatchIncidentBody, response: { 200: IncidentDetail } } },
    async (req) => dispatchIncident(contextOf(req), req.params.id, req.body));
  app.post('/:id/acknowledge', { schema: { tags, summary: 'An agency acknowledges the dispatch: an officer for their agency, an operator on an agency’s behalf', params: IdParams, body: AcknowledgeDispatchBody, response: { 200: IncidentDetail } } },
    async (req) => acknowledgeIncidentDispatch(contextOf(req), req.params.id, req.body));
  app.post('/:id/status', { schema: { tags, summary: 'Move: dispatched → in_progress → resolved → closed (closing needs closureReport); resolved → in_progress reopens', params: IdParams, body: MoveIncidentBody, response: { 200: IncidentDetail } } },
    async (req) => moveIncident(contextOf(req), req.params.id, req.body));
  app.post('/:id/notes', { schema: { tags, summary: 'A note on the timeline', params: IdParams, body: IncidentNoteBody, response: { 200: IncidentDetail } } },
    async (req) => addIncidentNote(contextOf(req), req.params.id, req.body.text));
  app.post('/:id/sources', { schema: { tags, summary: 'Link another alarm or citizen report', params: IdParams, body: LinkIncidentSourceBody, response: { 200: IncidentDetail } } },
    async (req) => linkIncidentSource(contextOf(req), req.params.id, req.body));
};
