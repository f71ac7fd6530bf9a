// Incidents: made from an alarm, a citizen report or by hand; dispatched to agencies, acknowledged by them,
// worked, resolved and closed with a closure report. Every change is on the timeline, audited and published.
import { uuidv7 } from 'uuidv7';
import type { AlarmSeverity } from '../../../shared/contracts/alarms.js';
import {
  type AcknowledgeDispatchBody, categoryOf, type CreateIncidentBody, type DispatchIncidentBody, type Incident, type IncidentDetail, incidentMoves,
  type IncidentPage, type IncidentStats, type IncidentStatsQuery, type IncidentStatus, incidentCategories, type IncidentType, incidentTypes,
  type LinkIncidentSourceBody, type ListIncidentsQuery, type MoveIncidentBody,
} from '../../../shared/contracts/incidents.js';
import { assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { alarmForIncident, linkAlarmToIncident } from '../alarms/alarms.service.js';
import type { ReportDetail } from '../../../shared/contracts/feedback.js';
import { getReport } from '../feedback/feedback.service.js';
import { notify } from '../notifications/notifications.service.js';
import { agenciesByIds } from '../units/agencies.service.js';
import { findVisibleUnit } from '../units/units.service.js';
import {
  acknowledgeDispatch, dispatchesOf, eventsOfIncident, findIncident, incidentCounts, type IncidentRecord, insertDispatches, insertIncident,
  insertIncidentEvents, insertSource, listIncidents, nextIncidentNumber, officersOfAgencies, sourcesOf, unitCoveringPoint, updateIncidentRow,
} from './incidents.queries.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toIncident(r: IncidentRecord): Incident {
  const x = r.incident;
  return {
    id: x.id, code: x.code, type: x.type as IncidentType, category: categoryOf(x.type as IncidentType), title: x.title, description: x.description,
    severity: x.severity as AlarmSeverity, status: x.status as IncidentStatus, lon: r.lon === null ? null : Number(r.lon), lat: r.lat === null ? null : Number(r.lat),
    address: x.address, unitId: x.unitId, unitName: r.unitName, unitPath: x.unitPath, occurredAt: x.occurredAt.toISOString(),
    dispatchedAt: iso(x.dispatchedAt), resolvedAt: iso(x.resolvedAt), closedAt: iso(x.closedAt), createdBy: x.createdByName,
    dispatchCount: Number(r.dispatchCount), acknowledgedCount: Number(r.acknowledgedCount), version: x.version, updatedAt: x.updatedAt.toISOString(),
  };
}

/** What kind of incident an alarm or a report category most likely is; the operator may say otherwise. */
export function guessIncidentType(text: string): IncidentType {
  const t = text.toLowerCase();
  const rules: [RegExp, IncidentType][] = [
    [/accident|tai-nan|collision/, 'accident'], [/congest|traffic-jam|ùn tắc/, 'congestion'], [/wrong-way|violation|red-light|urban-order|speeding/, 'violation'],
    [/fight|brawl|xô xát/, 'fight'], [/fire|smoke|cháy/, 'fire'], [/crowd|gathering|tụ tập/, 'gathering'],
    [/waterlevel|precipitation|flood|rain/, 'flood'], [/pm25|pm10|no2|o3|\bco\b|aqi|environment|so2/, 'environment'],
  ];
  for (const [re, type] of rules) if (re.test(t)) return type;
  return 'other';
}

function incidentCode(n: number, now: Date): string {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  return `SC-${String(vn.getUTCFullYear()).slice(2)}${String(vn.getUTCMonth() + 1).padStart(2, '0')}-${String(n).padStart(4, '0')}`;
}

async function findVisibleIncident(ctx: RequestContext, db: DbOrTx, id: string, forUpdate = false): Promise<IncidentRecord> {
  const rec = await findIncident(db, id, forUpdate);
  if (!rec) throw new AppError('not-found');
  assertVisible(ctx.actor, rec.incident.unitPath);
  return rec;
}

const actorFields = (ctx: RequestContext) => ({ actorId: ctx.actor.id, actorName: ctx.actor.name });

// ── reading ─────────────────────────────────────────────────────────────────────────────────────────
export async function listIncidentsFor(ctx: RequestContext, q: ListIncidentsQuery): Promise<IncidentPage> {
  can(ctx.actor, 'incidents:read');
  const unitPath = q.unitId ? (await findVisibleUnit(ctx, ctx.db, q.unitId)).path : undefined;
  const { items, total } = await listIncidents(ctx.db, {
    scopePath: ctx.actor.scopePath, statuses: q.status, types: q.type, unitPath, agencyId: q.agencyId,
    from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
  }, q);
  return { items: items.map(toIncident), total };
}

export async function getIncident(ctx: RequestContext, id: string): Promise<IncidentDetail> {
  can(ctx.actor, 'incidents:read');
  const rec = await findVisibleIncident(ctx, ctx.db, id);
  const sources = await sourcesOf(ctx.db, id);
  const dispatches = await dispatchesOf(ctx.db, id);
  const events = await eventsOfIncident(ctx.db, id);
  return {
    ...toIncident(rec),
    closureReport: rec.incident.closureReport,
    sources: sources.map((s) => ({ kind: s.kind as 'alarm' | 'report', refId: s.refId, label: s.label, addedAt: s.addedAt.toISOString() })),
    dispatches: dispatches.map(({ dispatch: d, agencyName }) => ({
      agencyId: d.agencyId, agencyName, note: d.note, dispatchedAt: d.dispatchedAt.toISOString(), dispatchedBy: d.dispatchedByName,
      acknowledgedAt: iso(d.acknowledgedAt), acknowledgedBy: d.acknowledgedByName,
    })),
    events: events.map(({ event: e, agencyName }) => ({
      at: e.at.toISOString(), kind: e.kind, fromStatus: e.fromStatus as IncidentStatus | null, toStatus: e.toStatus as IncidentStatus | null,
      agencyName, text: e.text, actorName: e.actorName,
    })),
    allowedMoves: incidentMoves[rec.incident.status as IncidentStatus],
  };
}

// ── creating ────────────────────────────────────────────────────────────────────────────────────────
interface Draft {
  type: IncidentType; title: string; description: string | null; severity: AlarmSeverity; lon: number | null; lat: number | null;
  address: string | null; unitId: string | null; unitPath: string | null; occurredAt: Date;
  source: { kind: 'alarm' | 'report'; refId: string; label: string } | null;
}

async function draftFromSource(ctx: RequestContext, tx: DbOrTx, body: CreateIncidentBody, report: ReportDetail | null, now: Date): Promise<Draft> {
  const given = {
    description: body.description ?? null, address: body.address ?? null,
    occurredAt: body.occurredAt ? new Date(body.occurredAt) : null,
  };
  if (body.fromAlarmId) {
    const alarm = await alarmForIncident(ctx, tx, body.fromAlarmId);
    return {
      type: body.type ?? guessIncidentType(`${alarm.type} ${String(alarm.details.metric ?? '')}`), title: body.title ?? alarm.message.vi,
      description: given.description ?? alarm.message.vi, severity: body.severity ?? alarm.severity,
      lon: body.location?.lon ?? alarm.lon, lat: body.location?.lat ?? alarm.lat, address: given.address, unitId: null, unitPath: alarm.unitPath,
      occurredAt: given.occurredAt ?? new Date(alarm.raisedAt), source: { kind: 'alarm', refId: alarm.id, label: `${alarm.source.name}: ${alarm.message.vi}`.slice(0, 300) },
    };
  }
  if (report) {
    return {
      type: body.type ?? guessIncidentType(`${report.categoryCode} ${report.description}`), title: body.title ?? `${report.categoryName}: ${report.description}`.slice(0, 300),
      description: given.description ?? report.description, severity: body.severity ?? (report.urgency === 'urgent' ? 'major' : 'minor'),
      lon: body.location?.lon ?? report.location?.lon ?? null, lat: body.location?.lat ?? report.location?.lat ?? null,
      address: given.address ?? report.address, unitId: report.unitId, unitPath: report.unitPath, occurredAt: given.occurredAt ?? new Date(report.createdAt),
      source: { kind: 'report', refId: report.id, label: `${report.trackingCode}: ${report.description}`.slice(0, 300) },
    };
  }
  return {
    type: body.type!, title: body.title!, description: given.description, severity: body.severity ?? 'minor',
    lon: body.location?.lon ?? null, lat: body.location?.lat ?? null, address: given.address, unitId: null, unitPath: null,
    occurredAt: given.occurredAt ?? now, source: null,
  };
}

/** Where the incident belongs: the unit given, else the unit covering the point, else its source's unit. */
async function placeOf(ctx: RequestContext, tx: DbOrTx, body: CreateIncidentBody, draft: Draft, now: Date): Promise<{ unitId: string | null; unitPath: string }> {
  if (body.unitId) {
    const unit = await findVisibleUnit(ctx, tx, body.unitId);
    return { unitId: unit.id, unitPath: unit.path };
  }
  if (draft.lat !== null && draft.lon !== null) {
    const unit = await unitCoveringPoint(tx, draft.lat, draft.lon, todayInVietnam(now));
    if (unit && unit.path.startsWith(ctx.actor.scopePath)) return { unitId: unit.id, unitPath: unit.path };
  }
  if (draft.unitPath) return { unitId: draft.unitId, unitPath: draft.unitPath };
  return { unitId: ctx.actor.scopeUnitId, unitPath: ctx.actor.scopePath };
}

export async function createIncident(ctx: RequestContext, body: CreateIncidentBody): Promise<IncidentDetail> {
  can(ctx.actor, 'incidents:handle');
  const now = new Date();
  const id = uuidv7();
  // Read through the feedback domain before the transaction: its reads use the pool, and on the embedded
  // PGlite (one connection) a read outside the open transaction would wait for it forever.
  const report = body.fromReportId ? await getReport(ctx, body.fromReportId) : null;
  await ctx.db.transaction(async (tx) => {
    const draft = await draftFromSource(ctx, tx, body, report, now);
    const place = await placeOf(ctx, tx, body, draft, now);
    assertWithinScope(ctx.actor, place.unitPath);
    const code = incidentCode(await nextIncidentNumber(tx), now);
    await insertIncident(tx, {
      id, code, type: draft.type, title: draft.title, description: draft.description, severity: draft.severity, status: 'open',
      lon: draft.lon, lat: draft.lat, address: draft.address, unitId: place.unitId, unitPath: place.unitPath, occurredAt: draft.occurredAt,
      createdById: ctx.actor.id, createdByName: ctx.actor.name,
    });
    const events: Parameters<typeof insertIncidentEvents>[1] = [{ incidentId: id, at: now, kind: 'created', toStatus: 'open', text: draft.title, ...actorFields(ctx) }];
    if (draft.source) {
      if (!(await insertSource(tx, { incidentId: id, ...draft.source, addedAt: now }))) throw new AppError('incident-source-taken');
      if (draft.source.kind === 'alarm') await linkAlarmToIncident(ctx, tx, draft.source.refId, { id, code });
      events.push({ incidentId: id, at: now, kind: 'linked', text: draft.source.label, ...actorFields(ctx) });
    }
    await insertIncidentEvents(tx, events);
    await audit(tx, ctx, { action: 'incident.create', entityType: 'incident', entityId: id, unitPath: place.unitPath, after: { code, ...draft } });
    await ctx.publish(tx, { topic: 'incidents', type: 'incident.created', unitPath: place.unitPath, ids: [id], data: { type: draft.type, severity: draft.severity, status: 'open' } });
  });
  return getIncident(ctx, id);
}

// ── changing ────────────────────────────────────────────────────────────────────────────────────────
type Change = (tx: DbOrTx, rec: IncidentRecord, now: Date) => Promise<{
  type: string; patch: Parameters<typeof updateIncidentRow>[2]; events: Omit<Parameters<typeof insertIncidentEvents>[1][number], 'incidentId' | 'at' | 'actorName'>[];
}>;

/** The frame of every change: permission, lock, scope, the change, timeline, audit, hub event. */
async function changeIncident(ctx: RequestContext, id: string, action: string, change: Change): Promise<IncidentDetail> {
  can(ctx.actor, 'incidents:handle');
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    const rec = await findVisibleIncident(ctx, tx, id, true);
    const { type, patch, events } = await change(tx, rec, now);
    await updateIncidentRow(tx, id, patch);
    await insertIncidentEvents(tx, events.map((e) => ({ ...actorFields(ctx), ...e, incidentId: id, at: now })));
    const before = { status: rec.incident.status, severity: rec.incident.severity };
    await audit(tx, ctx, { action, entityType: 'incident', entityId: id, unitPath: rec.incident.unitPath, before, after: { ...before, ...patch, events } });
    await ctx.publish(tx, { topic: 'incidents', type, unitPath: rec.incident.unitPath, ids: [id], data: { status: patch.status ?? rec.incident.status, severity: rec.incident.severity } });
  });
  return getIncident(ctx, id);
}

function assertOpen(rec: IncidentRecord): void {
  if (rec.incident.status === 'closed') throw new AppError('incident-invalid-transition');
}

export async function dispatchIncident(ctx: RequestContext, id: string, body: DispatchIncidentBody): Promise<IncidentDetail> {
  if (ctx.actor.role === 'agency_officer') throw new AppError('forbidden');   // the IOC sends agencies; an agency does not send others
  return changeIncident(ctx, id, 'incident.dispatch', async (tx, rec, now) => {
    assertOpen(rec);
    if (rec.incident.status === 'resolved') throw new AppError('incident-invalid-transition');
    const today = todayInVietnam(now);
    const found = await agenciesByIds(tx, body.agencyIds);
    for (const agencyId of body.agencyIds) {
      const a = found.find((x) => x.id === agencyId);
      if (!a || a.validFrom > today || (a.validTo !== null && a.validTo <= today)) {
        throw new AppError('validation-failed', { errors: [{ path: 'body.agencyIds', message: `no such agency today: ${agencyId}` }] });
      }
    }
    const sent = await insertDispatches(tx, body.agencyIds.map((agencyId) => ({
      id: uuidv7(), incidentId: id, agencyId, note: body.note ?? null, dispatchedAt: now, dispatchedByName: ctx.actor.name,
    })));
    const patch: Parameters<typeof updateIncidentRow>[2] = {};
    const events: Awaited<ReturnType<Change>>['events'] = sent.map((agencyId) => ({ kind: 'dispatched', agencyId, text: body.note ?? null }));
    if (rec.incident.status === 'open') {
      Object.assign(patch, { status: 'dispatched', dispatchedAt: now });
      events.push({ kind: 'status', fromStatus: 'open', toStatus: 'dispatched', text: null });
    }
    // The agencies' officers hear of it in the app (and by e-mail when they have one).
    const officers = await officersOfAgencies(tx, sent);
    if (officers.length) {
      await notify(tx, officers.map((o) => ({ id: o.id, email: o.email, scopePath: o.scopePath })), {
        key: `incident-dispatch:${id}:${now.getTime()}`, kind: 'incident',
        title: `Điều động xử lý sự cố ${rec.incident.code}: ${rec.incident.title}`.slice(0, 300),
        titleEn: `Dispatched to incident ${rec.incident.code}: ${rec.incident.title}`.slice(0, 300),
        body: `${rec.incident.title}${body.note ? `\n${body.note}` : ''}`, link: `/operations/incidents/${id}`,
      });
    }
    return { type: 'incident.dispatched', patch, events };
  });
}

export async function acknowledgeIncidentDispatch(ctx: RequestContext, id: string, body: AcknowledgeDispatchBody): Promise<IncidentDetail> {
  return changeIncident(ctx, id, 'incident.acknowledge', async (tx, rec, now) => {
    assertOpen(rec);
    let agencyId: string;
    let onBehalf = false;
    if (ctx.actor.role === 'agency_officer') {
      // An officer acknowledges for their own agency only.
      if (!ctx.actor.agencyId || (body.agencyId && body.agencyId !== ctx.actor.agencyId)) throw new AppError('incident-not-dispatched');
      agencyId = ctx.actor.agencyId;
    } else {
      if (!body.agencyId) throw new AppError('validation-failed', { errors: [{ path: 'body.agencyId', message: 'say which agency acknowledged' }] });
      agencyId = body.agencyId;
      onBehalf = ctx.actor.agencyId !== agencyId;
    }
    const outcome = await acknowledgeDispatch(tx, id, agencyId, { id: ctx.actor.id, name: ctx.actor.name }, now);
    if (outcome === 'missing') throw new AppError('incident-not-dispatched');
    if (outcome === 'already') throw new AppError('conflict');
    const text = [onBehalf ? 'Ghi nhận thay (qua điện thoại/bộ đàm)' : null, body.text ?? null].filter(Boolean).join(' — ') || null;
    return { type: 'incident.acknowledged', patch: {}, events: [{ kind: 'acknowledged', agencyId, text }] };
  });
}

export async function moveIncident(ctx: RequestContext, id: string, body: MoveIncidentBody): Promise<IncidentDetail> {
  return changeIncident(ctx, id, 'incident.status', async (_tx, rec, now) => {
    const from = rec.incident.status as IncidentStatus;
    if (!incidentMoves[from].includes(body.to)) throw new AppError('incident-invalid-transition');
    const patch: Parameters<typeof updateIncidentRow>[2] = { status: body.to };
    const events: Awaited<ReturnType<Change>>['events'] = [{ kind: 'status', fromStatus: from, toStatus: body.to, text: body.text ?? null }];
    if (body.to === 'resolved') patch.resolvedAt = now;
    if (body.to === 'in_progress' && from === 'resolved') patch.resolvedAt = null;
    if (body.to === 'closed') {
      const report = body.closureReport ?? rec.incident.closureReport;
      if (!report) throw new AppError('incident-closure-report-required');
      Object.assign(patch, { closedAt: now, closureReport: report });
      events.push({ kind: 'closure-report', text: report });
    }
    return { type: 'incident.status', patch, events };
  });
}

export async function addIncidentNote(ctx: RequestContext, id: string, text: string): Promise<IncidentDetail> {
  return changeIncident(ctx, id, 'incident.note', async () => ({ type: 'incident.note', patch: {}, events: [{ kind: 'note', agencyId: ctx.actor.agencyId, text }] }));
}

/** Links another alarm or citizen report to the incident (e.g. a second camera saw the same accident). */
export async function linkIncidentSource(ctx: RequestContext, id: string, body: LinkIncidentSourceBody): Promise<IncidentDetail> {
  const report = body.reportId ? await getReport(ctx, body.reportId) : null;   // before the transaction (see createIncident)
  return changeIncident(ctx, id, 'incident.link', async (tx, rec, now) => {
    assertOpen(rec);
    let source: { kind: 'alarm' | 'report'; refId: string; label: string };
    if (body.alarmId) {
      const alarm = await alarmForIncident(ctx, tx, body.alarmId);
      source = { kind: 'alarm', refId: alarm.id, label: `${alarm.source.name}: ${alarm.message.vi}`.slice(0, 300) };
    } else {
      source = { kind: 'report', refId: report!.id, label: `${report!.trackingCode}: ${report!.description}`.slice(0, 300) };
    }
    if (!(await insertSource(tx, { incidentId: id, ...source, addedAt: now }))) throw new AppError('incident-source-taken');
    if (source.kind === 'alarm') await linkAlarmToIncident(ctx, tx, source.refId, { id, code: rec.incident.code });
    return { type: 'incident.linked', patch: {}, events: [{ kind: 'linked', text: source.label }] };
  });
}

// ── dashboards ──────────────────────────────────────────────────────────────────────────────────────
export async function incidentStatsFor(ctx: RequestContext, q: IncidentStatsQuery): Promise<IncidentStats> {
  can(ctx.actor, 'incidents:read');
  const unitPath = q.unitId ? (await findVisibleUnit(ctx, ctx.db, q.unitId)).path : undefined;
  const types = q.category ? [...incidentCategories[q.category]] : undefined;
  const c = await incidentCounts(ctx.db, { scopePath: ctx.actor.scopePath, unitPath, types, from: new Date(q.from), to: new Date(q.to) });
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const h of c.byHour) byHour[Number(h.hour)] = h.n;
  const typeCounts = new Map(c.byType.map((t) => [t.type, t.n]));
  return {
    from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(),
    total: c.byType.reduce((s, t) => s + t.n, 0),
    byType: incidentTypes.filter((t) => !types || types.includes(t)).map((type) => ({ type, count: typeCounts.get(type) ?? 0 })),
    byUnit: c.byUnit.map((u) => ({ unitId: u.unitId, unitName: u.unitName, unitPath: u.unitPath, count: u.n })),
    byHour,
    byStatus: c.byStatus.map((s) => ({ status: s.status as IncidentStatus, count: s.n })),
  };
}
