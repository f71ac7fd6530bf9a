// The SQL of the dossier monitoring reads. No permission checks here: callers pass the scope path.
// Period counts come from dossier_daily_stats (never a scan of the history); pending counts and the
// overdue board read only unfinished dossiers (partial indexes WHERE finished_at IS NULL).
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { agencies, units } from '../units/units.table.js';
import { dossierDailyStats, dossierEvents, dossierMonthlyStats, dossiers, procedures } from './dossiers.table.js';

export const NO_AGENCY = '00000000-0000-0000-0000-000000000000';   // dossier_daily_stats.agency_id when none

export interface DossierFilter {
  scopePath: string;                 // the actor's scope, or a unit inside it (the narrower wins)
  unitPath?: string | undefined;
  receivingUnitId?: string | undefined;
  handlingAgencyId?: string | undefined;           // 'none': no handling agency
  holdingAgencyId?: string | undefined;
  procedureId?: string | undefined;
  field?: string | undefined;
  channel?: string | undefined;
  status?: string | undefined;
  timeliness?: string | undefined;
  pending?: 'all' | 'within-deadline' | 'overdue' | 'due-soon' | undefined;
  now: Date;
  dueSoonUntil?: Date | undefined;   // pending=due-soon: due no later than this
  receivedFrom?: Date | undefined; receivedBefore?: Date | undefined;
  finishedFrom?: Date | undefined; finishedBefore?: Date | undefined;
  q?: string | undefined;
}

const inPath = (path: string) => sql`${dossiers.unitPath} LIKE ${likePattern(path, { prefix: true })}`;
const procedureIdsOfField = (field: string) => sql`(SELECT ${procedures.id} FROM ${procedures} WHERE ${procedures.field} = ${field})`;

function dossierConditions(f: DossierFilter): SQL {
  const c: SQL[] = [inPath(f.scopePath)];
  if (f.unitPath && f.unitPath !== f.scopePath) c.push(inPath(f.unitPath));
  if (f.receivingUnitId) c.push(eq(dossiers.receivingUnitId, f.receivingUnitId));
  if (f.handlingAgencyId === 'none') c.push(sql`${dossiers.handlingAgencyId} IS NULL`);
  else if (f.handlingAgencyId) c.push(eq(dossiers.handlingAgencyId, f.handlingAgencyId));
  if (f.holdingAgencyId) c.push(eq(dossiers.holdingAgencyId, f.holdingAgencyId));
  if (f.procedureId) c.push(eq(dossiers.procedureId, f.procedureId));
  if (f.field) c.push(sql`${dossiers.procedureId} IN ${procedureIdsOfField(f.field)}`);
  if (f.channel) c.push(eq(dossiers.channel, f.channel));
  if (f.status) c.push(eq(dossiers.status, f.status));
  if (f.timeliness) c.push(eq(dossiers.timeliness, f.timeliness));
  if (f.pending) {
    c.push(sql`${dossiers.finishedAt} IS NULL`);
    if (f.pending === 'overdue') c.push(sql`${dossiers.dueAt} < ${f.now}`);
    if (f.pending === 'within-deadline') c.push(sql`(${dossiers.dueAt} IS NULL OR ${dossiers.dueAt} >= ${f.now})`);
    if (f.pending === 'due-soon') c.push(sql`${dossiers.dueAt} >= ${f.now} AND ${dossiers.dueAt} <= ${f.dueSoonUntil ?? f.now}`);
  }
  if (f.receivedFrom) c.push(sql`${dossiers.receivedAt} >= ${f.receivedFrom}`);
  if (f.receivedBefore) c.push(sql`${dossiers.receivedAt} < ${f.receivedBefore}`);
  if (f.finishedFrom) c.push(sql`${dossiers.finishedAt} >= ${f.finishedFrom}`);
  if (f.finishedBefore) c.push(sql`${dossiers.finishedAt} < ${f.finishedBefore}`);
  if (f.q) c.push(sql`${dossiers.code} ILIKE ${likePattern(f.q, { contains: true })}`);
  return and(...c)!;
}

const handling = alias(agencies, 'handling');
const holding = alias(agencies, 'holding');
const receiving = alias(units, 'receiving');
const holdingUnit = alias(units, 'holding_unit');

const summaryColumns = {
  id: dossiers.id, source: dossiers.source, code: dossiers.code,
  procedureId: dossiers.procedureId, procedureCode: procedures.code, procedureName: procedures.name, field: procedures.field,
  procedureNationalCode: procedures.nationalCode, procedureProcessingDays: procedures.processingDays,
  receivingUnitId: dossiers.receivingUnitId, receivingUnitCode: receiving.code, receivingUnitName: receiving.name, unitPath: dossiers.unitPath,
  handlingAgencyId: dossiers.handlingAgencyId, handlingAgencyName: handling.name,
  holdingAgencyId: dossiers.holdingAgencyId, holdingAgencyName: holding.name,
  holdingUnitId: holding.unitId, holdingUnitName: holdingUnit.name,
  channel: dossiers.channel, status: dossiers.status,
  receivedAt: dossiers.receivedAt, dueAt: dossiers.dueAt, finishedAt: dossiers.finishedAt, returnedAt: dossiers.returnedAt,
  timeliness: dossiers.timeliness, processingDays: dossiers.processingDays,
  onlinePayment: dossiers.onlinePayment, digitisedResult: dossiers.digitisedResult, satisfaction: dossiers.satisfaction, result: dossiers.result,
};
export type DossierRecord = Awaited<ReturnType<typeof findDossierById>> & {};

const sorts: Record<string, SQL[]> = {
  'receivedAt': [sql`${dossiers.receivedAt} ASC`, sql`${dossiers.id} ASC`],
  '-receivedAt': [sql`${dossiers.receivedAt} DESC`, sql`${dossiers.id} DESC`],
  'dueAt': [sql`${dossiers.dueAt} ASC NULLS LAST`, sql`${dossiers.id} ASC`],
  '-dueAt': [sql`${dossiers.dueAt} DESC NULLS LAST`, sql`${dossiers.id} DESC`],
  'finishedAt': [sql`${dossiers.finishedAt} ASC NULLS LAST`, sql`${dossiers.id} ASC`],
  '-finishedAt': [sql`${dossiers.finishedAt} DESC NULLS LAST`, sql`${dossiers.id} DESC`],
  'code': [asc(dossiers.code), asc(dossiers.id)],
};

export async function listDossiers(db: DbOrTx, f: DossierFilter, page: { sort: string; limit: number; offset: number }) {
  const where = dossierConditions(f);
  const [items, [total]] = await Promise.all([
    db.select(summaryColumns).from(dossiers)
      .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
      .innerJoin(receiving, eq(receiving.id, dossiers.receivingUnitId))
      .leftJoin(handling, eq(handling.id, dossiers.handlingAgencyId))
      .leftJoin(holding, eq(holding.id, dossiers.holdingAgencyId))
      .leftJoin(holdingUnit, eq(holdingUnit.id, holding.unitId))
      .where(where).orderBy(...(sorts[page.sort] ?? sorts['-receivedAt']!)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(dossiers).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findDossierById(db: DbOrTx, id: number) {
  const [row] = await db.select(summaryColumns).from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(receiving, eq(receiving.id, dossiers.receivingUnitId))
    .leftJoin(handling, eq(handling.id, dossiers.handlingAgencyId))
    .leftJoin(holding, eq(holding.id, dossiers.holdingAgencyId))
    .leftJoin(holdingUnit, eq(holdingUnit.id, holding.unitId))
    .where(eq(dossiers.id, id));
  return row ?? null;
}

export async function eventsOfDossier(db: DbOrTx, id: number) {
  return db.select({
    at: dossierEvents.at, status: dossierEvents.status, agencyId: dossierEvents.agencyId, agencyName: agencies.name, agencyNameEn: agencies.nameEn,
    note: dossierEvents.note, recordedAt: dossierEvents.recordedAt,
  }).from(dossierEvents).leftJoin(agencies, eq(agencies.id, dossierEvents.agencyId))
    .where(eq(dossierEvents.dossierId, id)).orderBy(asc(dossierEvents.at), asc(dossierEvents.recordedAt), asc(dossierEvents.status));
}

// ── metrics ─────────────────────────────────────────────────────────────────────────────────────────
export type StatsKey = 'unit' | 'agency' | 'procedure' | 'month' | 'channel' | 'none';

export interface StatsFilter {
  path: string;                              // receiving unit subtree (already narrowed to the scope)
  unitIds: string[] | null;                  // the units of the subtree; null when it holds every unit (no filter)
  from: string; to: string;                  // inclusive Vietnam dates
  handlingAgencyId?: string | undefined; procedureId?: string | undefined; field?: string | undefined; channel?: string | undefined;
}

export interface StatsRow {
  key: string; received: number; received_online: number; finished: number; finished_early: number; finished_on_time: number; finished_late: number;
  processing_days_sum: number; paid_online: number; digitised: number; rated: number; satisfied: number;
}

// Keys over the union of monthly and daily rows (`day` is the month's first day for monthly rows).
const statsKeyExpr: Record<StatsKey, SQL> = {
  unit: sql`s.unit_id`,
  agency: sql`s.agency_id`,
  procedure: sql`s.procedure_id`,
  month: sql`to_char(s.day, 'YYYY-MM')`,
  channel: sql`s.channel`,
  none: sql`''`,
};

/** Whole months of [from, to] (read from the monthly table) and the days around them (from the daily one). */
export function splitPeriod(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
  const nextMonth = (d: string) => { const y = Number(d.slice(0, 4)); const m = Number(d.slice(5, 7)); return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`; };
  const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const firstWhole = from === monthStart(from) ? from : nextMonth(from);             // first day of the first whole month
  const afterLastWhole = dayBefore(nextMonth(to)) === to ? nextMonth(to) : monthStart(to);   // the day after the last whole month
  if (firstWhole >= afterLastWhole) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < firstWhole) days.push([from, dayBefore(firstWhole)]);
  if (afterLastWhole <= to) days.push([afterLastWhole, to]);
  return { months: [firstWhole, dayBefore(afterLastWhole).slice(0, 7) + '-01'], days };
}

/**
 * Period counts grouped by one key: whole months from dossier_monthly_stats, the days around them from
 * dossier_daily_stats (a year is 12 monthly rows per key instead of 365 daily ones).
 */
export async function statsGrouped(db: DbOrTx, key: StatsKey, f: StatsFilter): Promise<StatsRow[]> {
  const dims: SQL[] = [];
  // An explicit id list, not a semi-join on units.path: the planner then estimates the rows well (and hashes).
  if (f.unitIds) dims.push(sql`unit_id = ANY(${`{${f.unitIds.join(',')}}`}::uuid[])`);
  if (f.handlingAgencyId) dims.push(sql`agency_id = ${f.handlingAgencyId === 'none' ? NO_AGENCY : f.handlingAgencyId}::uuid`);
  if (f.procedureId) dims.push(sql`procedure_id = ${f.procedureId}`);
  if (f.field) dims.push(sql`procedure_id IN ${procedureIdsOfField(f.field)}`);
  if (f.channel) dims.push(sql`channel = ${f.channel}`);
  const { months, days } = splitPeriod(f.from, f.to);
  const counts = sql.raw('procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied');
  const parts: SQL[] = [];
  if (months) parts.push(sql`SELECT month AS day, ${counts} FROM ${dossierMonthlyStats} WHERE ${and(sql`month >= ${months[0]}::date AND month <= ${months[1]}::date`, ...dims)}`);
  if (days.length) {
    const ranges = sql.join(days.map(([a, b]) => sql`(day >= ${a}::date AND day <= ${b}::date)`), sql` OR `);
    parts.push(sql`SELECT day, ${counts} FROM ${dossierDailyStats} WHERE ${and(sql`(${ranges})`, ...dims)}`);
  }
  const k = statsKeyExpr[key];
  const rows = await selectRows<StatsRow>(db, sql`
    SELECT ${k}::text AS key,
           coalesce(sum(s.received), 0)::int AS received,
           coalesce(sum(s.received) FILTER (WHERE s.channel = 'online'), 0)::int AS received_online,
           coalesce(sum(s.finished), 0)::int AS finished,
           coalesce(sum(s.finished_early), 0)::int AS finished_early,
           coalesce(sum(s.finished_on_time), 0)::int AS finished_on_time,
           coalesce(sum(s.finished_late), 0)::int AS finished_late,
           coalesce(sum(s.processing_days_sum), 0)::float8 AS processing_days_sum,
           coalesce(sum(s.paid_online), 0)::int AS paid_online,
           coalesce(sum(s.digitised), 0)::int AS digitised,
           coalesce(sum(s.rated), 0)::int AS rated,
           coalesce(sum(s.satisfied), 0)::int AS satisfied
    FROM (${sql.join(parts, sql` UNION ALL `)}) s
    GROUP BY ${k}`);
  return rows.map((r) => ({ ...r, processing_days_sum: Number(r.processing_days_sum) }));
}

export interface PendingRow { key: string; within: number; overdue: number }

const pendingKeyExpr: Record<StatsKey, SQL> = {
  unit: sql`${dossiers.receivingUnitId}::text`,
  agency: sql`coalesce(${dossiers.handlingAgencyId}, ${NO_AGENCY}::uuid)::text`,
  procedure: sql`${dossiers.procedureId}::text`,
  month: sql`to_char(${dossiers.receivedAt} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`,
  channel: sql`${dossiers.channel}`,
  none: sql`''`,
};

/** Unfinished dossiers now, within deadline and overdue, grouped by one key. */
export async function pendingGrouped(db: DbOrTx, key: StatsKey, f: DossierFilter): Promise<PendingRow[]> {
  return selectRows<PendingRow>(db, sql`
    SELECT ${pendingKeyExpr[key]} AS key,
           (count(*) FILTER (WHERE ${dossiers.dueAt} IS NULL OR ${dossiers.dueAt} >= ${f.now}))::int AS within,
           (count(*) FILTER (WHERE ${dossiers.dueAt} < ${f.now}))::int AS overdue
    FROM ${dossiers}
    WHERE ${dossierConditions({ ...f, pending: 'all' })}
    GROUP BY 1`);
}

/** How many units lie outside this path (none: the stats need no unit filter). */
export async function unitsOutsidePath(db: DbOrTx, path: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(units).where(sql`${units.path} NOT LIKE ${likePattern(path, { prefix: true })}`);
  return row?.n ?? 0;
}

export async function unitsInPath(db: DbOrTx, path: string) {
  return db.select({ id: units.id, code: units.code, name: units.name, path: units.path, parentId: units.parentId, validFrom: units.validFrom, validTo: units.validTo })
    .from(units).where(sql`${units.path} LIKE ${likePattern(path, { prefix: true })}`);
}

export async function childUnitsOf(db: DbOrTx, parentId: string) {
  return db.select({ id: units.id, code: units.code, name: units.name, path: units.path, validFrom: units.validFrom, validTo: units.validTo })
    .from(units).where(eq(units.parentId, parentId)).orderBy(asc(units.code));
}

export async function agencyNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: agencies.id, code: agencies.code, name: agencies.name, nameEn: agencies.nameEn, unitId: agencies.unitId, unitName: units.name, unitPath: units.path })
    .from(agencies).innerJoin(units, eq(units.id, agencies.unitId)).where(inArray(agencies.id, ids));
}

export async function procedureNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: procedures.id, code: procedures.code, name: procedures.name, nameEn: procedures.nameEn, field: procedures.field, onlineLevel: procedures.onlineLevel })
    .from(procedures).where(inArray(procedures.id, ids));
}

export async function findProcedureById(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.id, id));
  return row ?? null;
}

// ── the overdue board ───────────────────────────────────────────────────────────────────────────────
export async function listOverdue(db: DbOrTx, f: DossierFilter, page: { limit: number; offset: number }) {
  const where = dossierConditions({ ...f, pending: 'overdue' });
  return db.select({
    id: dossiers.id, code: dossiers.code,
    procedureId: dossiers.procedureId, procedureCode: procedures.code, procedureName: procedures.name, field: procedures.field,
    receivingUnitId: dossiers.receivingUnitId, receivingUnitName: receiving.name,
    holdingAgencyId: dossiers.holdingAgencyId, holdingAgencyName: holding.name, holdingUnitId: holding.unitId, holdingUnitName: holdingUnit.name,
    handlingAgencyId: dossiers.handlingAgencyId, handlingAgencyName: handling.name,
    status: dossiers.status, channel: dossiers.channel, receivedAt: dossiers.receivedAt, dueAt: dossiers.dueAt,
  }).from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(receiving, eq(receiving.id, dossiers.receivingUnitId))
    .leftJoin(handling, eq(handling.id, dossiers.handlingAgencyId))
    .leftJoin(holding, eq(holding.id, dossiers.holdingAgencyId))
    .leftJoin(holdingUnit, eq(holdingUnit.id, holding.unitId))
    // Most overdue first = earliest due first: the order of dossiers_pending_holder_idx / _due_idx.
    .where(where).orderBy(asc(dossiers.dueAt), asc(dossiers.id)).limit(page.limit).offset(page.offset);
}

export async function overdueByHoldingAgency(db: DbOrTx, f: DossierFilter) {
  return db.select({ agencyId: dossiers.holdingAgencyId, overdue: count() }).from(dossiers)
    .where(dossierConditions({ ...f, pending: 'overdue' })).groupBy(dossiers.holdingAgencyId).orderBy(desc(count()));
}
