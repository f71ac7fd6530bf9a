// Alarms: raising (rules and camera events), the lifecycle people drive (ack, clear, assign, comment) and reading.
// Ack and clear are independent, as in ThingsBoard: active-unack → active-ack → cleared-ack, or cleared-unack.
import { uuidv7 } from 'uuidv7';
import {
  type Alarm, type AlarmDetail, type AlarmPage, type AlarmSeverity, type AlarmStatus, type AssignAlarmBody, type ListAlarmsQuery,
} from '../../../shared/contracts/alarms.js';
import { assertVisible, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { publish, publishMany, type PublishInput } from '../../core/hub.js';
import type { DbOrTx } from '../../db/client.js';
import { findVisibleUnit } from '../units/units.service.js';
import { routeAlarmToGroups } from './alarm-notifications.js';
import {
  type AlarmRecord, eventsOfAlarm, findAlarm, insertAlarmEvents, listAlarms, matchingSilence, type NewOccurrence, openCountsBySeverity, personById,
  updateAlarmRow, upsertOpenAlarm,
} from './alarms.queries.js';

export type { AlarmSeverity };

// ── presenting ──────────────────────────────────────────────────────────────────────────────────────
export function statusOf(a: { acknowledgedAt: Date | null; clearedAt: Date | null }): AlarmStatus {
  return `${a.clearedAt ? 'cleared' : 'active'}-${a.acknowledgedAt ? 'ack' : 'unack'}` as AlarmStatus;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toAlarm(r: AlarmRecord): Alarm {
  const a = r.alarm;
  return {
    id: a.id, ruleId: a.ruleId, ruleName: r.ruleName, type: a.type,
    source: { kind: a.sourceKind as 'device' | 'camera', id: a.sourceId, name: a.sourceName }, deviceType: a.deviceType,
    unitPath: a.unitPath, lon: r.lon === null ? null : Number(r.lon), lat: r.lat === null ? null : Number(r.lat),
    severity: a.severity as AlarmSeverity, status: statusOf(a), message: { vi: a.message, en: a.messageEn },
    lastValue: a.lastValue, count: a.count, raisedAt: a.raisedAt.toISOString(), lastAt: a.lastAt.toISOString(),
    acknowledgedAt: iso(a.acknowledgedAt), acknowledgedBy: a.acknowledgedBy, clearedAt: iso(a.clearedAt), clearedBy: a.clearedBy,
    assignee: a.assigneeId ? { id: a.assigneeId, name: a.assigneeName ?? '' } : null,
    silenced: a.silenceId !== null, incidentId: a.incidentId, details: a.details as Record<string, unknown>,
  };
}

// ── raising ─────────────────────────────────────────────────────────────────────────────────────────
export interface Occurrence extends Omit<NewOccurrence, 'id'> { now: Date }
export interface RaiseOutcome { alarmId: string; created: boolean; changed: boolean; event: PublishInput | null }

/**
 * Raises or updates the one open alarm of (source, rule or type), inside the caller's transaction. A new alarm
 * is checked against silences and maintenance windows: when one holds it is recorded and marked silenced, and
 * no notification is routed. The hub event is answered, not published, so a round of the evaluator can
 * publish its events together.
 */
export async function raiseAlarm(tx: DbOrTx, o: Occurrence): Promise<RaiseOutcome> {
  const { now, ...occurrence } = o;
  const result = await upsertOpenAlarm(tx, { id: uuidv7(), ...occurrence });
  if (!result.changed) return { ...result, alarmId: result.id, event: null };
  const data = { severity: o.severity, type: o.type, sourceId: o.sourceId };
  if (!result.created) {
    return { alarmId: result.id, created: false, changed: true, event: { topic: 'alarms', type: 'alarm.updated', unitPath: o.unitPath, ids: [result.id], data } };
  }
  const silence = await matchingSilence(tx, { ruleId: o.ruleId, sourceId: o.sourceId, deviceType: o.deviceType, type: o.type, unitPath: o.unitPath }, now);
  const events: Parameters<typeof insertAlarmEvents>[1] = [{ alarmId: result.id, at: now, kind: 'raised', text: o.message, actorName: 'system' }];
  if (silence) {
    await updateAlarmRow(tx, result.id, { silenceId: silence.id });
    events.push({ alarmId: result.id, at: now, kind: 'silenced', text: silence.kind === 'maintenance' ? 'Trong thời gian bảo trì' : 'Đang tạm tắt thông báo', actorName: 'system' });
  } else {
    await routeAlarmToGroups(tx, { id: result.id, severity: o.severity as AlarmSeverity, unitPath: o.unitPath, groupKey: `${o.dedupeKey}|${o.groupPath}` }, now);
  }
  await insertAlarmEvents(tx, events);
  return { alarmId: result.id, created: true, changed: true, event: { topic: 'alarms', type: 'alarm.raised', unitPath: o.unitPath, ids: [result.id], data: { ...data, silenced: Boolean(silence) } } };
}

/** The clear condition held: the system clears the alarm (an acknowledgement, if any, stays). */
export async function clearAlarmBySystem(tx: DbOrTx, alarmId: string, at: Date, text: string): Promise<PublishInput> {
  const rec = (await findAlarm(tx, alarmId, true))!;
  await updateAlarmRow(tx, alarmId, { clearedAt: at, clearedBy: 'system' });
  await insertAlarmEvents(tx, [{ alarmId, at, kind: 'cleared', text, actorName: 'system' }]);
  return { topic: 'alarms', type: 'alarm.cleared', unitPath: rec.alarm.unitPath, ids: [alarmId], data: { severity: rec.alarm.severity } };
}

export async function publishAlarmEvents(tx: DbOrTx, events: PublishInput[]): Promise<void> {
  // Many alarms at once (100 sensors going silent) become one event per unit, not one per alarm.
  const byUnit = new Map<string, PublishInput>();
  for (const e of events) {
    const key = `${e.type}|${e.unitPath}`;
    const prev = byUnit.get(key);
    if (prev) prev.ids.push(...e.ids);
    else byUnit.set(key, { ...e, ids: [...e.ids] });
  }
  await publishMany(tx, [...byUnit.values()]);
}

/**
 * Raise or update the one open alarm of (source, type) — used by camera events (interfaces.md). Inside the
 * caller's transaction; honours silences and routes notifications like any alarm.
 */
export async function raiseSourceAlarm(tx: DbOrTx, input: {
  source: { kind: 'camera' | 'device'; id: string; name: string; unitPath: string; lon?: number | null; lat?: number | null };
  type: string;
  severity: AlarmSeverity;
  message: { vi: string; en: string };
  details?: Record<string, unknown>;
  at: Date;
}): Promise<{ alarmId: string; created: boolean }> {
  const outcome = await raiseAlarm(tx, {
    ruleId: null, type: input.type, dedupeKey: `type:${input.type}`, sourceKind: input.source.kind, sourceId: input.source.id,
    sourceName: input.source.name, deviceType: input.source.kind === 'camera' ? 'camera' : null, unitPath: input.source.unitPath,
    groupPath: input.source.unitPath, lon: input.source.lon ?? null, lat: input.source.lat ?? null, severity: input.severity,
    message: input.message.vi, messageEn: input.message.en, details: input.details ?? {}, lastValue: null, raisedAt: input.at, lastAt: input.at, now: input.at,
  });
  if (outcome.event) await publish(tx, outcome.event);
  return { alarmId: outcome.alarmId, created: outcome.created };
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────────────
export async function listAlarmsFor(ctx: RequestContext, q: ListAlarmsQuery): Promise<AlarmPage> {
  can(ctx.actor, 'alarms:read');
  const unitPath = q.unitId ? (await findVisibleUnit(ctx, ctx.db, q.unitId)).path : undefined;
  const { items, total } = await listAlarms(ctx.db, {
    scopePath: ctx.actor.scopePath, status: q.status, severities: q.severity, unitPath, ruleId: q.ruleId, sourceId: q.sourceId, type: q.type,
    from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
  }, { limit: q.limit, offset: q.offset });
  const counts = await openCountsBySeverity(ctx.db, ctx.actor.scopePath, unitPath);
  return {
    items: items.map(toAlarm), total,
    openBySeverity: { critical: counts.critical ?? 0, major: counts.major ?? 0, minor: counts.minor ?? 0, warning: counts.warning ?? 0, info: counts.info ?? 0 },
  };
}

async function findVisibleAlarm(ctx: RequestContext, db: DbOrTx, id: string, forUpdate = false): Promise<AlarmRecord> {
  const rec = await findAlarm(db, id, forUpdate);
  if (!rec) throw new AppError('not-found');
  assertVisible(ctx.actor, rec.alarm.unitPath);
  return rec;
}

export async function getAlarm(ctx: RequestContext, id: string, db: DbOrTx = ctx.db): Promise<AlarmDetail> {
  can(ctx.actor, 'alarms:read');
  const rec = await findVisibleAlarm(ctx, db, id);
  const events = await eventsOfAlarm(db, id);
  return { ...toAlarm(rec), events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, text: e.text, actorName: e.actorName })) };
}

/** For the incidents domain: an alarm the actor may see, with what an incident needs from it. */
export async function alarmForIncident(ctx: RequestContext, db: DbOrTx, id: string): Promise<Alarm> {
  can(ctx.actor, 'alarms:read');
  return toAlarm(await findVisibleAlarm(ctx, db, id, true));
}

/** For the incidents domain: records on the alarm that an incident was made of it. */
export async function linkAlarmToIncident(ctx: RequestContext, tx: DbOrTx, alarmId: string, incident: { id: string; code: string }): Promise<void> {
  const rec = await findVisibleAlarm(ctx, tx, alarmId, true);
  await updateAlarmRow(tx, alarmId, { incidentId: incident.id });
  await insertAlarmEvents(tx, [{ alarmId, at: new Date(), kind: 'incident', text: incident.code, actorId: ctx.actor.id, actorName: ctx.actor.name }]);
  await ctx.publish(tx, { topic: 'alarms', type: 'alarm.incident', unitPath: rec.alarm.unitPath, ids: [alarmId], data: { incidentId: incident.id } });
}

// ── what people do ──────────────────────────────────────────────────────────────────────────────────
type Change = (rec: AlarmRecord, now: Date, tx: DbOrTx) => Promise<{ type: string; patch: Parameters<typeof updateAlarmRow>[2]; kind: string; text: string | null }>;

/** The frame of every change: permission, lock, scope, the change, timeline, audit, hub event. */
async function changeAlarm(ctx: RequestContext, id: string, action: string, change: Change): Promise<AlarmDetail> {
  can(ctx.actor, 'alarms:handle');
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    const rec = await findVisibleAlarm(ctx, tx, id, true);
    const { type, patch, kind, text } = await change(rec, now, tx);
    if (Object.keys(patch).length) await updateAlarmRow(tx, id, patch);
    await insertAlarmEvents(tx, [{ alarmId: id, at: now, kind, text, actorId: ctx.actor.id, actorName: ctx.actor.name }]);
    const before = { status: statusOf(rec.alarm), assigneeId: rec.alarm.assigneeId };
    await audit(tx, ctx, { action, entityType: 'alarm', entityId: id, unitPath: rec.alarm.unitPath, before, after: { ...before, ...patch, text } });
    await ctx.publish(tx, { topic: 'alarms', type, unitPath: rec.alarm.unitPath, ids: [id], data: { severity: rec.alarm.severity } });
  });
  return getAlarm(ctx, id);
}

export async function acknowledgeAlarm(ctx: RequestContext, id: string, text?: string): Promise<AlarmDetail> {
  return changeAlarm(ctx, id, 'alarm.ack', async (rec, now) => {
    if (rec.alarm.acknowledgedAt) throw new AppError('alarm-already-acknowledged');
    return { type: 'alarm.acknowledged', patch: { acknowledgedAt: now, acknowledgedBy: ctx.actor.name }, kind: 'acknowledged', text: text ?? null };
  });
}

export async function clearAlarm(ctx: RequestContext, id: string, text?: string): Promise<AlarmDetail> {
  return changeAlarm(ctx, id, 'alarm.clear', async (rec, now) => {
    if (rec.alarm.clearedAt) throw new AppError('alarm-already-cleared');
    return { type: 'alarm.cleared', patch: { clearedAt: now, clearedBy: ctx.actor.name }, kind: 'cleared', text: text ?? null };
  });
}

export async function assignAlarm(ctx: RequestContext, id: string, body: AssignAlarmBody): Promise<AlarmDetail> {
  return changeAlarm(ctx, id, 'alarm.assign', async (rec, _now, tx) => {
    if (body.userId === null) return { type: 'alarm.assigned', patch: { assigneeId: null, assigneeName: null }, kind: 'unassigned', text: rec.alarm.assigneeName };
    const userId = body.userId === 'me' ? ctx.actor.id : body.userId;
    if (!userId) throw new AppError('forbidden');
    const person = await personById(tx, userId);
    // Only someone who could see and handle the alarm may hold it.
    if (!person || !rec.alarm.unitPath.startsWith(person.scopePath) || !['admin', 'operator', 'agency_officer'].includes(person.role)) {
      throw new AppError('validation-failed', { errors: [{ path: 'body.userId', message: 'no user who may handle this alarm' }] });
    }
    return { type: 'alarm.assigned', patch: { assigneeId: person.id, assigneeName: person.displayName }, kind: 'assigned', text: person.displayName };
  });
}

export async function commentOnAlarm(ctx: RequestContext, id: string, text: string): Promise<AlarmDetail> {
  return changeAlarm(ctx, id, 'alarm.comment', async () => ({ type: 'alarm.comment', patch: {}, kind: 'comment', text }));
}
