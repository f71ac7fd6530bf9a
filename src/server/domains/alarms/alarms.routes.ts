import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AlarmCommentBody, AlarmDetail, AlarmNoteBody, AlarmPage, AlarmRoute, AlarmRouteList, AlarmRule, AlarmRuleList, AssignAlarmBody, CreateAlarmRouteBody,
  CreateAlarmRuleBody, CreateSilenceBody, ListAlarmsQuery, ListSilencesQuery, Silence, SilenceList, ToggleAlarmRuleBody, UpdateAlarmRuleBody,
} from '../../../shared/contracts/alarms.js';
import { IdParams, Ok } from '../../../shared/contracts/common.js';
import { contextOf } from '../../core/context.js';
import { createAlarmRoute, deleteAlarmRoute, listAlarmRoutesFor } from './alarm-notifications.js';
import { acknowledgeAlarm, assignAlarm, clearAlarm, commentOnAlarm, getAlarm, listAlarmsFor } from './alarms.service.js';
import {
  createAlarmRule, createSilence, deleteAlarmRule, expireSilenceNow, getAlarmRule, listAlarmRulesFor, listSilencesFor, setAlarmRuleEnabled, updateAlarmRule,
} from './rules.service.js';

const tags = ['alarms'];

/** /api/alarms: the console's list and the lifecycle (alarms:read, alarms:handle). */
export const alarmsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'Alarms in your scope: open first, by severity then newest; status active|cleared|acknowledged|unacknowledged|any', querystring: ListAlarmsQuery, response: { 200: AlarmPage } } },
    async (req) => listAlarmsFor(contextOf(req), req.query));
  app.get('/:id', { schema: { tags, summary: 'An alarm with its timeline', params: IdParams, response: { 200: AlarmDetail } } },
    async (req) => getAlarm(contextOf(req), req.params.id));
  app.post('/:id/ack', { schema: { tags, summary: 'Acknowledge (independent of clear)', params: IdParams, body: AlarmNoteBody, response: { 200: AlarmDetail } } },
    async (req) => acknowledgeAlarm(contextOf(req), req.params.id, req.body.text));
  app.post('/:id/clear', { schema: { tags, summary: 'Clear by hand (independent of acknowledge); the next breach opens a new alarm', params: IdParams, body: AlarmNoteBody, response: { 200: AlarmDetail } } },
    async (req) => clearAlarm(contextOf(req), req.params.id, req.body.text));
  app.post('/:id/assign', { schema: { tags, summary: 'Assign to a user who may handle it ("me" for yourself, null to unassign)', params: IdParams, body: AssignAlarmBody, response: { 200: AlarmDetail } } },
    async (req) => assignAlarm(contextOf(req), req.params.id, req.body));
  app.post('/:id/comments', { schema: { tags, summary: 'A comment on the timeline', params: IdParams, body: AlarmCommentBody, response: { 200: AlarmDetail } } },
    async (req) => commentOnAlarm(contextOf(req), req.params.id, req.body.text));
};

/** /api/alarm-rules (reading: alarms:read; changes: alarms:configure). */
export const alarmRulesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'Rules that apply in your scope, with the condition in words (vi, en)', response: { 200: AlarmRuleList } } },
    async (req) => listAlarmRulesFor(contextOf(req)));
  app.post('/', { schema: { tags, summary: 'A rule: threshold, for-duration, repeat, rate-of-change (per minute) or no-data, for a device type in an area', body: CreateAlarmRuleBody, response: { 201: AlarmRule } } },
    async (req, reply) => reply.code(201).send(await createAlarmRule(contextOf(req), req.body)));
  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: AlarmRule } } },
    async (req) => getAlarmRule(contextOf(req), req.params.id));
  app.put('/:id', { schema: { tags, summary: 'Replace a rule’s definition', params: IdParams, body: UpdateAlarmRuleBody, response: { 200: AlarmRule } } },
    async (req) => updateAlarmRule(contextOf(req), req.params.id, req.body));
  app.patch('/:id', { schema: { tags, summary: 'Switch a rule on or off', params: IdParams, body: ToggleAlarmRuleBody, response: { 200: AlarmRule } } },
    async (req) => setAlarmRuleEnabled(contextOf(req), req.params.id, req.body.enabled));
  app.delete('/:id', { schema: { tags, summary: 'Delete a rule (its alarms stay, unlinked)', params: IdParams, response: { 200: Ok } } },
    async (req) => deleteAlarmRule(contextOf(req), req.params.id));
};

/** /api/silences: silences and maintenance windows (alarms:handle). */
export const silencesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'Silences and maintenance windows in your scope (default: scheduled and active)', querystring: ListSilencesQuery, response: { 200: SilenceList } } },
    async (req) => listSilencesFor(contextOf(req), req.query));
  app.post('/', { schema: { tags, summary: 'Silence alarms matching rule / device / device type / alarm type / area between two times: they are recorded and marked, not notified', body: CreateSilenceBody, response: { 201: Silence } } },
    async (req, reply) => reply.code(201).send(await createSilence(contextOf(req), req.body)));
  app.post('/:id/expire', { schema: { tags, summary: 'End a silence now', params: IdParams, response: { 200: Ok } } },
    async (req) => expireSilenceNow(contextOf(req), req.params.id));
};

/** /api/alarm-routes: where notifications go (alarms:configure). */
export const alarmRoutingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'Notification routes in your scope', response: { 200: AlarmRouteList } } },
    async (req) => listAlarmRoutesFor(contextOf(req)));
  app.post('/', { schema: { tags, summary: 'Route alarms of an area at or above a severity to in-app notifications, e-mail or a webhook, grouped per rule and area for groupWaitSeconds', body: CreateAlarmRouteBody, response: { 201: AlarmRoute } } },
    async (req, reply) => reply.code(201).send(await createAlarmRoute(contextOf(req), req.body)));
  app.delete('/:id', { schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => deleteAlarmRoute(contextOf(req), req.params.id));
};
