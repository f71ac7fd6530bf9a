// Monitoring of public-service dossiers: search (the drill-down target), detail with history, metrics by
// unit/agency/procedure/field/month/channel, and the overdue board. Reads only; scoped by the receiving
// unit's path. Plain functions taking a context, so that a bench can call them directly.
import type {
  DossierDetail, DossierMetricRow, DossierMetrics, DossierMetricsQuery, DossierPage, DossierSummary, ListDossiersQuery, MetricGrouping,
  OverdueBoard, OverdueQuery,
} from '../../../shared/contracts/dossiers.js';
import type { HubTopic } from '../../../shared/realtime.js';
import { assertVisible, can } from '../../core/auth.js';
import { addDays, todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { readCacheOf } from '../../core/read-cache.js';
import type { DbOrTx } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { addWorkingDays, type WorkingCalendar, workingDaysBetween } from '../calendar/working-days.js';
import { findVisibleUnit, unitsByCodes } from '../units/units.service.js';
import {
  agencyNames, childUnitsOf, type DossierFilter, eventsOfDossier, findDossierById, listDossiers, listOverdue, NO_AGENCY, overdueByHoldingAgency,
  pendingGrouped, type PendingRow, procedureNames, type StatsFilter, statsGrouped, type StatsKey, type StatsRow, unitsInPath, unitsOutsidePath,
} from './dossiers.queries.js';

type Ctx = Pick<RequestContext, 'db' | 'actor'>;
const CACHE_TOPICS: HubTopic[] = ['dossiers', 'units', 'agencies'];

// ── shared helpers ──────────────────────────────────────────────────────────────────────────────────
/** The first instant of a Vietnam date (00:00 at UTC+7). */
export function startOfVietnamDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+07:00`);
}

export interface VisibleUnit { id: string; code: string; name: string; path: string; parentId: string | null }

/** The unit named by id or code (404 outside the scope), or the actor's scope unit. */
export async function resolveUnit(ctx: Ctx, unitId?: string, unitCode?: string): Promise<VisibleUnit> {
  if (unitId) return findVisibleUnit(ctx, ctx.db, unitId);
  if (unitCode) {
    const [unit] = await unitsByCodes(ctx.db, [unitCode]);
    if (!unit) throw new AppError('not-found');
    assertVisible(ctx.actor, unit.path);
    return unit;
  }
  return findVisibleUnit(ctx, ctx.db, ctx.actor.scopeUnitId);
}

async function unitPathOf(ctx: Ctx, unitId?: string, unitCode?: string): Promise<string | undefined> {
  return unitId || unitCode ? (await resolveUnit(ctx, unitId, unitCode)).path : undefined;
}

/** The working calendar covering every year from `from` to a year after `to`. */
export async function calendarCovering(db: DbOrTx, from: Date | null, to: Date): Promise<WorkingCalendar> {
  const toYear = to.getUTCFullYear() + 1;
  return loadWorkingCalendar(db, Math.min(from ? from.getUTCFullYear() : toYear - 1, toYear - 1), toYear);
}

/**
 * Working days past due: until now when unfinished, until the finish when finished late; 0 otherwise. A
 * dossier due at the end of day D and still open on the next working day is 1 day overdue.
 */
export function daysOverdueOf(cal: WorkingCalendar, d: { dueAt: Date | null; finishedAt: Date | null }, now: Date): number {
  if (!d.dueAt) return 0;
  const end = d.finishedAt ?? now;
  if (end <= d.dueAt) return 0;
  return Math.max(0, workingDaysBetween(cal, d.dueAt, end));
}

// ── search and detail ───────────────────────────────────────────────────────────────────────────────
type SummaryRecord = Awaited<ReturnType<typeof listDossiers>>['items'][number];

function toSummary(r: SummaryRecord, cal: WorkingCalendar, now: Date): DossierSummary {
  return {
    id: r.id, source: r.source, code: r.code,
    procedureId: r.procedureId, procedureCode: r.procedureCode, procedureName: r.procedureName, field: r.field,
    receivingUnitId: r.receivingUnitId, receivingUnitCode: r.receivingUnitCode, receivingUnitName: r.receivingUnitName,
    handlingAgencyId: r.handlingAgencyId, handlingAgencyName: r.handlingAgencyName,
    holdingAgencyId: r.holdingAgencyId, holdingAgencyName: r.holdingAgencyName,
    channel: r.channel as DossierSummary['channel'], status: r.status as DossierSummary['status'],
    receivedAt: r.receivedAt.toISOString(), dueAt: r.dueAt?.toISOString() ?? null, finishedAt: r.finishedAt?.toISOString() ?? null,
    returnedAt: r.returnedAt?.toISOString() ?? null,
    timeliness: r.timeliness as DossierSummary['timeliness'], processingDays: r.processingDays,
    isOverdue: r.finishedAt === null && r.dueAt !== null && r.dueAt < now,
    daysOverdue: daysOverdueOf(cal, r, now),
    onlinePayment: r.onlinePayment, digitisedResult: r.digitisedResult,
    satisfaction: r.satisfaction as DossierSummary['satisfaction'], result: r.result,
  };
}

/** The list filter of a search query, narrowed to the actor's scope; `now` fixes "pending" and "overdue". */
export async function dossierFilterOf(ctx: Ctx, q: Partial<ListDossiersQuery>, now: Date): Promise<DossierFilter> {
  const unitPath = await unitPathOf(ctx, q.unitId, q.unitCode);
  let dueSoonUntil: Date | undefined;
  if (q.pending === 'due-soon') dueSoonUntil = addWorkingDays(await calendarCovering(ctx.db, now, now), now, q.dueWithinDays ?? 2);
  return {
    scopePath: ctx.actor.scopePath, unitPath, receivingUnitId: q.receivingUnitId,
    handlingAgencyId: q.handlingAgencyId, holdingAgencyId: q.holdingAgencyId, procedureId: q.procedureId, field: q.field,
    channel: q.channel, status: q.status, timeliness: q.timeliness, pending: q.pending, now, dueSoonUntil,
    receivedFrom: q.receivedFrom ? startOfVietnamDay(q.receivedFrom) : undefined,
    receivedBefore: q.receivedTo ? startOfVietnamDay(addDays(q.receivedTo, 1)) : undefined,
    finishedFrom: q.finishedFrom ? startOfVietnamDay(q.finishedFrom) : undefined,
    finishedBefore: q.finishedTo ? startOfVietnamDay(addDays(q.finishedTo, 1)) : undefined,
    q: q.q?.trim() || undefined,
  };
}

export async function listDossiersFor(ctx: Ctx, q: ListDossiersQuery, now = new Date()): Promise<DossierPage> {
  can(ctx.actor, 'dossiers:read');
  const filter = await dossierFilterOf(ctx, q, now);
  const { items, total } = await listDossiers(ctx.db, filter, q);
  const earliestDue = items.reduce<Date | null>((a, r) => (r.dueAt && (!a || r.dueAt < a) ? r.dueAt : a), null);
  const cal = await calendarCovering(ctx.db, earliestDue, now);
  return { items: items.map((r) => toSummary(r, cal, now)), total };
}

export async function getDossier(ctx: Ctx, id: number, now = new Date()): Promise<DossierDetail> {
  can(ctx.actor, 'dossiers:read');
  const row = await findDossierById(ctx.db, id);
  if (!row) throw new AppError('not-found');
  assertVisible(ctx.actor, row.unitPath);
  const events = await eventsOfDossier(ctx.db, id);
  const cal = await calendarCovering(ctx.db, row.dueAt, now);
  return {
    ...toSummary(row, cal, now),
    unitPath: row.unitPath,
    procedureNationalCode: row.procedureNationalCode, procedureProcessingDays: row.procedureProcessingDays,
    holdingUnitId: row.holdingUnitId, holdingUnitName: row.holdingUnitName,
    events: events.map((e) => ({
      at: e.at.toISOString(), status: e.status as DossierDetail['status'], agencyId: e.agencyId, agencyName: e.agencyName, agencyNameEn: e.agencyNameEn,
      note: e.note, recordedAt: e.recordedAt.toISOString(),
    })),
  };
}

// ── metrics ─────────────────────────────────────────────────────────────────────────────────────────
const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

interface Counts { stats: Omit<StatsRow, 'key'>; within: number; overdue: number }
const emptyStats = (): Omit<StatsRow, 'key'> => ({
  received: 0, received_online: 0, finished: 0, finished_early: 0, finished_on_time: 0, finished_late: 0, processing_days_sum: 0,
  paid_online: 0, digitised: 0, rated: 0, satisfied: 0,
});
const emptyCounts = (): Counts => ({ stats: emptyStats(), within: 0, overdue: 0 });

function addStats(into: Omit<StatsRow, 'key'>, r: Omit<StatsRow, 'key'>) {
  for (const k of Object.keys(into) as (keyof typeof into)[]) into[k] += r[k];
}

function metricValues(c: Counts) {
  const s = c.stats;
  return {
    received: s.received, receivedOnline: s.received_online, finished: s.finished,
    finishedEarly: s.finished_early, finishedOnTime: s.finished_on_time, finishedLate: s.finished_late,
    pendingWithinDeadline: c.within, pendingOverdue: c.overdue,
    onTimeRate: ratio(s.finished_early + s.finished_on_time, s.finished),
    onlineReceiptRate: ratio(s.received_online, s.received),
    onlinePaymentRate: ratio(s.paid_online, s.finished),
    digitisationRate: ratio(s.digitised, s.finished),
    satisfactionRate: ratio(s.satisfied, s.rated),
    averageProcessingDays: s.finished > 0 ? Math.round((s.processing_days_sum / s.finished) * 100) / 100 : null,
  };
}

const channelLabels: Record<string, [string, string]> = { online: ['Trực tuyến', 'Online'], direct: ['Trực tiếp', 'In person'], postal: ['Bưu chính', 'By post'] };

function monthsBetween(from: string, to: string): { key: string; from: string; to: string }[] {
  const out: { key: string; from: string; to: string }[] = [];
  let y = Number(from.slice(0, 4)); let m = Number(from.slice(5, 7));
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to.slice(0, 7)) break;
    const start = `${key}-01`;
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const end = addDays(next, -1);
    out.push({ key, from: start > from ? start : from, to: end < to ? end : to });
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

/** The filter for the daily stats: the unit's subtree (narrowed to the scope), the period and the dimensions. */
export async function statsFilterOf(ctx: Ctx, unitPath: string, from: string, to: string, q: Partial<DossierMetricsQuery>): Promise<StatsFilter> {
  const [outside, inside] = await Promise.all([unitsOutsidePath(ctx.db, unitPath), unitsInPath(ctx.db, unitPath)]);
  return {
    path: unitPath, unitIds: outside === 0 ? null : inside.map((u) => u.id), from, to,
    handlingAgencyId: q.handlingAgencyId, procedureId: q.procedureId, field: q.field, channel: q.channel,
  };
}

/**
 * Metrics by one grouping. Period counts (received, finished, rates, processing time) come from
 * dossier_daily_stats for [from, to]; pending counts are now (on month rows: of the dossiers received in
 * that month). Unit grouping: the children of the unit, each with its subtree, plus the unit itself.
 */
export async function dossierMetrics(ctx: Ctx, q: DossierMetricsQuery, now = new Date()): Promise<DossierMetrics> {
  can(ctx.actor, 'dossiers:read');
  // Wall screens ask the same question every few seconds: the answer is kept until a dossier, unit or agency
  // changes (any process), and for at most the minute it was computed in (pending turns overdue with time).
  const key = JSON.stringify(['dossier-metrics', ctx.actor.scopePath, ctx.actor.scopeUnitId, Math.floor(now.getTime() / 60_000), q]);
  return readCacheOf(ctx.db).read(key, CACHE_TOPICS, () => computeDossierMetrics(ctx, q, now));
}

/** The metrics without the answer cache (for the bench and for callers that must not share answers). */
export async function computeDossierMetrics(ctx: Ctx, q: DossierMetricsQuery, now = new Date()): Promise<DossierMetrics> {
  can(ctx.actor, 'dossiers:read');
  const today = todayInVietnam(now);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw new AppError('validation-failed', { errors: [{ path: 'querystring.from', message: 'from must not be after to' }] });
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 20) throw new AppError('validation-failed', { errors: [{ path: 'querystring.from', message: 'at most 20 years' }] });
  const unit = await resolveUnit(ctx, q.unitId, q.unitCode);
  const groupBy: MetricGrouping = q.groupBy;
  const key: StatsKey = groupBy === 'field' ? 'procedure' : groupBy;
  const dims = { handlingAgencyId: q.handlingAgencyId, procedureId: q.procedureId, field: q.field, channel: q.channel };
  const pendingFilter: DossierFilter = {
    scopePath: ctx.actor.scopePath, unitPath: unit.path, ...dims, now,
    ...(groupBy === 'month' ? { receivedFrom: startOfVietnamDay(from), receivedBefore: startOfVietnamDay(addDays(to, 1)) } : {}),
  };
  // The pending count (unfinished dossiers) and the period counts (daily/monthly tables) run side by side.
  const [stats, pending, pendingAll] = await Promise.all([
    statsFilterOf(ctx, unit.path, from, to, q).then((f) => statsGrouped(ctx.db, key, f)),
    pendingGrouped(ctx.db, key, pendingFilter),
    // Month rows count the pending dossiers received in each month; the total counts every pending one.
    groupBy === 'month' ? pendingGrouped(ctx.db, 'none', { ...pendingFilter, receivedFrom: undefined, receivedBefore: undefined }) : Promise.resolve(null),
  ]);

  // Group keys → rows, with labels and their list filter.
  interface Group { key: string; code: string | null; label: string; labelEn: string | null; isSelf: boolean; from: string; to: string; filter: DossierMetricRow['filter']; counts: Counts; order: string }
  const groups = new Map<string, Group>();
  const group = (k: string, make: () => Omit<Group, 'counts'>) => {
    let g = groups.get(k);
    if (!g) { g = { ...make(), counts: emptyCounts() }; groups.set(k, g); }
    return g;
  };
  let groupOf: (rawKey: string) => Group | null;
  const period = { from, to };

  if (groupBy === 'unit') {
    const [children, subtree] = await Promise.all([childUnitsOf(ctx.db, unit.id), unitsInPath(ctx.db, unit.path)]);
    const childByPath = new Map(children.map((c) => [c.path, c]));
    const pathById = new Map(subtree.map((u) => [u.id, u.path]));
    const self = () => group(unit.id, () => ({ key: unit.id, code: unit.code, label: unit.name, labelEn: null, isSelf: true, ...period, filter: { receivingUnitId: unit.id }, order: '' }));
    const childGroup = (c: (typeof children)[number]) => group(c.id, () => ({ key: c.id, code: c.code, label: c.name, labelEn: null, isSelf: false, ...period, filter: { unitId: c.id }, order: c.code }));
    for (const c of children) if (c.validFrom <= to && (c.validTo === null || c.validTo > from)) childGroup(c);
    groupOf = (unitId) => {
      const path = pathById.get(unitId);
      if (!path) return null;
      if (path === unit.path) return self();
      const child = childByPath.get(unit.path + path.slice(unit.path.length).split('/')[0] + '/');
      return child ? childGroup(child) : null;
    };
  } else if (groupBy === 'agency') {
    const ids = [...new Set([...stats, ...pending].map((r) => r.key))].filter((k) => k !== NO_AGENCY);
    const names = new Map((await agencyNames(ctx.db, ids)).map((a) => [a.id, a]));
    groupOf = (k) => {
      if (k === NO_AGENCY) return group('none', () => ({ key: 'none', code: null, label: 'Chưa xác định cơ quan giải quyết', labelEn: 'No handling agency recorded', isSelf: false, ...period, filter: { handlingAgencyId: 'none' }, order: '\uffff' }));
      const a = names.get(k);
      return group(k, () => ({ key: k, code: a?.code ?? null, label: a?.name ?? k, labelEn: a?.nameEn ?? null, isSelf: false, ...period, filter: { handlingAgencyId: k }, order: a?.name ?? k }));
    };
  } else if (groupBy === 'procedure' || groupBy === 'field') {
    const ids = [...new Set([...stats, ...pending].map((r) => r.key))];
    const names = new Map((await procedureNames(ctx.db, ids)).map((p) => [p.id, p]));
    groupOf = (k) => {
      const p = names.get(k);
      if (!p) return null;
      if (groupBy === 'field') return group(p.field, () => ({ key: p.field, code: null, label: p.field, labelEn: null, isSelf: false, ...period, filter: { field: p.field }, order: p.field }));
      return group(k, () => ({ key: k, code: p.code, label: p.name, labelEn: p.nameEn, isSelf: false, ...period, filter: { procedureId: k }, order: p.code }));
    };
  } else if (groupBy === 'month') {
    for (const m of monthsBetween(from, to)) group(m.key, () => ({ key: m.key, code: null, label: m.key, labelEn: null, isSelf: false, from: m.from, to: m.to, filter: {}, order: m.key }));
    groupOf = (k) => groups.get(k) ?? null;
  } else {
    for (const ch of ['online', 'direct', 'postal'] as const) {
      group(ch, () => ({ key: ch, code: ch, label: channelLabels[ch]![0], labelEn: channelLabels[ch]![1], isSelf: false, ...period, filter: { channel: ch }, order: String(['online', 'direct', 'postal'].indexOf(ch)) }));
    }
    groupOf = (k) => groups.get(k) ?? null;
  }

  const total = emptyCounts();
  for (const r of stats) {
    const { key: k, ...counts } = r;
    addStats(total.stats, counts);
    const g = groupOf(k);
    if (g) addStats(g.counts.stats, counts);
  }
  for (const r of pending as PendingRow[]) {
    total.within += r.within; total.overdue += r.overdue;
    const g = groupOf(r.key);
    if (g) { g.counts.within += r.within; g.counts.overdue += r.overdue; }
  }
  if (pendingAll) { total.within = pendingAll[0]?.within ?? 0; total.overdue = pendingAll[0]?.overdue ?? 0; }

  const rows: DossierMetricRow[] = [...groups.values()].map((g) => ({
    key: g.key, code: g.code, label: g.label, labelEn: g.labelEn, isSelf: g.isSelf, from: g.from, to: g.to, filter: g.filter, ...metricValues(g.counts),
  }));
  const orderOf = new Map([...groups.values()].map((g) => [g.key, g.order]));
  const byKey = (a: DossierMetricRow, b: DossierMetricRow) => (orderOf.get(a.key)! < orderOf.get(b.key)! ? -1 : orderOf.get(a.key)! > orderOf.get(b.key)! ? 1 : 0);
  const nullsLast = (v: number | null, dir: 1 | -1) => (v === null ? Number.POSITIVE_INFINITY : dir * v);
  rows.sort((a, b) => {
    switch (q.sort) {
      case 'key': return byKey(a, b);
      case 'received': return b.received - a.received || byKey(a, b);
      case 'onTimeRate': return nullsLast(a.onTimeRate, -1) - nullsLast(b.onTimeRate, -1) || b.finished - a.finished || byKey(a, b);
      case '-onTimeRate': return nullsLast(a.onTimeRate, 1) - nullsLast(b.onTimeRate, 1) || b.finished - a.finished || byKey(a, b);
      case 'pendingOverdue': return b.pendingOverdue - a.pendingOverdue || byKey(a, b);
    }
  });
  const baseFilter = { unitId: unit.id, ...Object.fromEntries(Object.entries(dims).filter(([, v]) => v !== undefined)) } as DossierMetrics['baseFilter'];
  return {
    groupBy, from, to, asOf: now.toISOString(),
    unit: { id: unit.id, code: unit.code, name: unit.name },
    baseFilter,
    rows,
    total: { key: 'total', code: null, label: 'Tổng cộng', labelEn: 'Total', isSelf: false, from, to, filter: {}, ...metricValues(total) },
  };
}

// ── the overdue board ───────────────────────────────────────────────────────────────────────────────
/** Unfinished dossiers past due, most overdue first, with days overdue in working days and who holds them. */
export async function overdueBoard(ctx: Ctx, q: OverdueQuery, now = new Date()): Promise<OverdueBoard> {
  can(ctx.actor, 'dossiers:read');
  const unitPath = await unitPathOf(ctx, q.unitId, q.unitCode);
  const filter: DossierFilter = {
    scopePath: ctx.actor.scopePath, unitPath, holdingAgencyId: q.holdingAgencyId, handlingAgencyId: q.handlingAgencyId, procedureId: q.procedureId, now,
  };
  const [items, counts] = await Promise.all([listOverdue(ctx.db, filter, q), overdueByHoldingAgency(ctx.db, filter)]);
  const names = new Map((await agencyNames(ctx.db, counts.map((c) => c.agencyId).filter((id): id is string => id !== null))).map((a) => [a.id, a]));
  const cal = await calendarCovering(ctx.db, items[0]?.dueAt ?? null, now);
  return {
    asOf: now.toISOString(),
    total: counts.reduce((s, c) => s + c.overdue, 0),
    items: items.map((r) => ({
      ...r,
      status: r.status as OverdueBoard['items'][number]['status'], channel: r.channel as OverdueBoard['items'][number]['channel'],
      receivedAt: r.receivedAt.toISOString(), dueAt: r.dueAt!.toISOString(),
      daysOverdue: daysOverdueOf(cal, { dueAt: r.dueAt, finishedAt: null }, now),
    })),
    byAgency: counts.map((c) => {
      const a = c.agencyId ? names.get(c.agencyId) : undefined;
      return { agencyId: c.agencyId, agencyName: a?.name ?? null, unitName: a?.unitName ?? null, overdue: c.overdue };
    }),
  };
}
