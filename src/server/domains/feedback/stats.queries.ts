// SQL of the feedback figures: the dashboard's counts, the SLA board's buckets, the map's points and the
// caller lookup, and the satisfaction ratings (report_ratings, handling.table.ts). No permission checks here: stats.ts decides the scope and passes it in.
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { phoneDigitsSql } from './feedback.table.js';

const closedStates = ['resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled'];
const closedList = sql.join(closedStates.map((s) => sql`${s}`), sql`, `);
const isOpen = sql`r.state NOT IN (${closedList})`;

/** Which reports a screen may count: the caller's scope, an agency officer's own agency, and the filters. */
export interface StatsScope {
  scopePath: string;
  onlyAgencyId?: string | undefined;
  unitPath?: string | undefined;
  agencyId?: string | 'none' | undefined;
  categoryCode?: string | undefined;
}

function scopeConditions(s: StatsScope): SQL[] {
  const c: SQL[] = [sql`r.unit_path LIKE ${likePattern(s.scopePath, { prefix: true })}`];
  if (s.unitPath) c.push(sql`r.unit_path LIKE ${likePattern(s.unitPath, { prefix: true })}`);
  if (s.onlyAgencyId) c.push(sql`r.agency_id = ${s.onlyAgencyId}`);
  if (s.agencyId === 'none') c.push(sql`r.agency_id IS NULL`);
  else if (s.agencyId) c.push(sql`r.agency_id = ${s.agencyId}`);
  if (s.categoryCode) c.push(sql`r.category_id = (SELECT id FROM report_categories WHERE code = ${s.categoryCode})`);
  return c;
}

const whereOf = (c: SQL[]) => sql.join(c, sql` AND `);
const num = (v: unknown) => Number(v ?? 0);

export interface Window { from: Date; to: Date }   // [from, to)

function windowed(s: StatsScope, w: Window): SQL {
  return whereOf([...scopeConditions(s), sql`r.created_at >= ${w.from}`, sql`r.created_at < ${w.to}`]);
}

/** One row of the dashboard's single pass: a group (see `kind`) with every count the screens show. */
export interface DashboardGroup {
  kind: 'total' | 'dayChannel' | 'category' | 'unitPath' | 'agency';
  day: string | null; channel: string | null; categoryCode: string | null; categoryName: string | null; unitPath: string | null;
  agencyId: string | null; agencyName: string | null;
  received: number; open: number; overdueOpen: number; accepted: number; resolved: number;
  acceptedOnTime: number; acceptMeasured: number; resolvedOnTime: number; resolveMeasured: number;
}

const groupKinds: Record<number, DashboardGroup['kind']> = { 7: 'dayChannel', 27: 'category', 29: 'unitPath', 30: 'agency', 31: 'total' };

/**
 * Every count of the dashboard in one scan of the window (GROUPING SETS): the totals, per day × channel,
 * per category, per unit path and per agency. The inner query evaluates each row's conditions once (as
 * booleans) and the groups carry only ids; names are joined on the ~2,000 groups, not the 60,000 rows.
 * Run it under `dashboardWorkMem` (stats.ts): with the default 4 MB work_mem PostgreSQL sorts the unit-path
 * set on disk (external merge, ~250 ms for a year at the bench volume); with 32 MB it hashes every set (~50 ms).
 */
export async function dashboardGroups(db: DbOrTx, s: StatsScope, w: Window, now: Date): Promise<DashboardGroup[]> {
  const rows = await selectRows<Record<string, unknown>>(db, sql`
    SELECT g.*, c.code, c.name AS cname, a.name AS aname FROM (
      SELECT GROUPING(x.day, x.channel, x.category_id, x.unit_path, x.agency_id) AS g,
        to_char(x.day, 'YYYY-MM-DD') AS day, x.channel, x.category_id, x.unit_path, x.agency_id,
        count(*) AS received,
        count(*) FILTER (WHERE x.open) AS open,
        count(*) FILTER (WHERE x.open AND x.overdue) AS overdue_open,
        count(*) FILTER (WHERE x.accepted) AS accepted,
        count(*) FILTER (WHERE x.resolved) AS resolved,
        count(*) FILTER (WHERE x.accepted_on_time) AS accepted_on_time,
        count(*) FILTER (WHERE x.accepted OR (x.open AND x.accept_late)) AS accept_measured,
        count(*) FILTER (WHERE x.resolved_on_time) AS resolved_on_time,
        count(*) FILTER (WHERE x.resolved OR (x.open AND x.resolve_late)) AS resolve_measured
      FROM (
        SELECT (r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, r.channel, r.category_id, r.unit_path, r.agency_id,
          ${isOpen} AS open,
          (r.resolve_due_at < ${now} OR (r.accepted_at IS NULL AND r.accept_due_at < ${now})) AS overdue,
          r.accepted_at IS NOT NULL AS accepted, r.resolved_at IS NOT NULL AS resolved,
          r.accepted_at IS NOT NULL AND r.accepted_at <= r.accept_due_at AS accepted_on_time, r.accept_due_at < ${now} AS accept_late,
          r.resolved_at IS NOT NULL AND r.resolved_at <= r.resolve_due_at AS resolved_on_time, r.resolve_due_at < ${now} AS resolve_late
        FROM reports r WHERE ${windowed(s, w)}
      ) x
      GROUP BY GROUPING SETS ((x.day, x.channel), (x.category_id), (x.unit_path), (x.agency_id), ())
    ) g LEFT JOIN report_categories c ON c.id = g.category_id LEFT JOIN agencies a ON a.id = g.agency_id
    ORDER BY g.received DESC, c.sort_order, c.code`);
  return rows.map((r) => ({
    kind: groupKinds[Number(r.g)] ?? 'total',
    day: (r.day as string | null) ?? null, channel: (r.channel as string | null) ?? null,
    categoryCode: (r.code as string | null) ?? null, categoryName: (r.cname as string | null) ?? null, unitPath: (r.unit_path as string | null) ?? null,
    agencyId: (r.agency_id as string | null) ?? null, agencyName: (r.aname as string | null) ?? null,
    received: num(r.received), open: num(r.open), overdueOpen: num(r.overdue_open), accepted: num(r.accepted), resolved: num(r.resolved),
    acceptedOnTime: num(r.accepted_on_time), acceptMeasured: num(r.accept_measured), resolvedOnTime: num(r.resolved_on_time), resolveMeasured: num(r.resolve_measured),
  }));
}

/** Enough memory for the dashboard's hash aggregates (see dashboardGroups), for this transaction only. */
export async function dashboardWorkMem(db: DbOrTx): Promise<void> {
  await db.execute(sql`SET LOCAL work_mem = '32MB'`);
}

/**
 * Receipt, acceptance and resolution instants (epoch ms) of the window's accepted reports, for working-hour
 * medians. As rows: tried as three float8 arrays in one row, node-postgres parsed those slower (~2×).
 */
export async function durationsIn(db: DbOrTx, s: StatsScope, w: Window) {
  const rows = await selectRows<{ c: unknown; a: unknown; r: unknown }>(db, sql`
    SELECT extract(epoch FROM r.created_at) AS c, extract(epoch FROM r.accepted_at) AS a, extract(epoch FROM r.resolved_at) AS r
    FROM reports r WHERE ${windowed(s, w)} AND r.accepted_at IS NOT NULL`);
  return rows.map((x) => ({ createdAt: Number(x.c) * 1000, acceptedAt: Number(x.a) * 1000, resolvedAt: x.r === null ? null : Number(x.r) * 1000 }));
}

/** Names of units by path (the unit valid last when a path was reused over time). */
export async function unitNamesByPath(db: DbOrTx, paths: string[]): Promise<Map<string, { id: string; name: string }>> {
  if (paths.length === 0) return new Map();
  const rows = await selectRows<{ id: string; path: string; name: string }>(db, sql`
    SELECT DISTINCT ON (path) id, path, name FROM units WHERE path IN (${sql.join(paths.map((p) => sql`${p}`), sql`, `)})
    ORDER BY path, valid_from DESC`);
  return new Map(rows.map((r) => [r.path, { id: r.id, name: r.name }]));
}

export async function topIssuesIn(db: DbOrTx, s: StatsScope, w: Window, limit: number) {
  const rows = await selectRows<{ code: string; cname: string; unit_id: string | null; uname: string | null; n: unknown; open: unknown }>(db, sql`
    SELECT c.code, c.name AS cname, r.unit_id, u.name AS uname, count(*) AS n, count(*) FILTER (WHERE ${isOpen}) AS open
    FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN units u ON u.id = r.unit_id
    WHERE ${windowed(s, w)} GROUP BY c.code, c.name, r.unit_id, u.name ORDER BY count(*) DESC, c.code LIMIT ${limit}`);
  return rows.map((r) => ({ categoryCode: r.code, categoryName: r.cname, unitId: r.unit_id, unitName: r.uname, count: num(r.n), open: num(r.open) }));
}

/** Satisfaction ratings given in the window on reports in scope (report_ratings: one per closure rated). */
export async function ratingsIn(db: DbOrTx, s: StatsScope, w: Window) {
  const rows = await selectRows<{ score: number; n: unknown }>(db, sql`
    SELECT g.score, count(*) AS n FROM report_ratings g JOIN reports r ON r.id = g.report_id
    WHERE ${whereOf([...scopeConditions(s), sql`g.created_at >= ${w.from}`, sql`g.created_at < ${w.to}`])}
    GROUP BY g.score`);
  return rows.map((r) => ({ score: Number(r.score), count: num(r.n) }));
}

// ── the SLA board ───────────────────────────────────────────────────────────────────────────────────
/** The next deadline of an open report: acceptance while not accepted, else resolution. */
const nextDue = sql`(CASE WHEN r.accepted_at IS NULL THEN r.accept_due_at ELSE r.resolve_due_at END)`;

/** Instants `now` plus 4 working hours, one working day and three working days (computed by the caller). */
export interface SlaEdges { now: Date; in4h: Date; inDay: Date; in3Days: Date }

export async function slaBucketsByAgency(db: DbOrTx, s: StatsScope, e: SlaEdges) {
  const rows = await selectRows<Record<string, unknown> & { agency_id: string | null; name: string | null }>(db, sql`
    SELECT r.agency_id, a.name, count(*) AS open,
      count(*) FILTER (WHERE ${nextDue} < ${e.now}) AS overdue,
      count(*) FILTER (WHERE ${nextDue} >= ${e.now} AND ${nextDue} <= ${e.in4h}) AS within4h,
      count(*) FILTER (WHERE ${nextDue} > ${e.in4h} AND ${nextDue} <= ${e.inDay}) AS within_day,
      count(*) FILTER (WHERE ${nextDue} > ${e.inDay} AND ${nextDue} <= ${e.in3Days}) AS within3days,
      count(*) FILTER (WHERE ${nextDue} > ${e.in3Days}) AS later,
      count(*) FILTER (WHERE ${nextDue} IS NULL) AS no_deadline
    FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id
    WHERE ${whereOf([...scopeConditions(s), isOpen])}
    GROUP BY r.agency_id, a.name ORDER BY count(*) FILTER (WHERE ${nextDue} < ${e.now}) DESC, count(*) DESC`);
  return rows.map((r) => ({
    agencyId: r.agency_id, agencyName: r.name, open: num(r.open),
    overdue: num(r.overdue), within4h: num(r.within4h), withinDay: num(r.within_day), within3Days: num(r.within3days), later: num(r.later), noDeadline: num(r.no_deadline),
  }));
}

export async function nextDueReports(db: DbOrTx, s: StatsScope, limit: number) {
  return selectRows<{
    id: string; tracking_code: string; cname: string; state: string; urgency: string; agency_id: string | null; aname: string | null;
    uname: string | null; accepted: boolean; due: Date | string;
  }>(db, sql`
    SELECT r.id, r.tracking_code, c.name AS cname, r.state, r.urgency, r.agency_id, a.name AS aname, u.name AS uname,
      r.accepted_at IS NOT NULL AS accepted, ${nextDue} AS due
    FROM reports r JOIN report_categories c ON c.id = r.category_id
      LEFT JOIN agencies a ON a.id = r.agency_id LEFT JOIN units u ON u.id = r.unit_id
    WHERE ${whereOf([...scopeConditions(s), isOpen, sql`${nextDue} IS NOT NULL`])}
    ORDER BY ${nextDue} ASC, r.id LIMIT ${limit}`);
}

// ── the map ─────────────────────────────────────────────────────────────────────────────────────────
export async function mapPoints(db: DbOrTx, s: StatsScope, w: Window, open: boolean | undefined, now: Date, limit: number, bbox: Bbox | null = null) {
  const c = mapConditions(s, w, open, bbox);
  const rows = await selectRows<{ id: string; lon: unknown; lat: unknown; code: string; state: string; urgency: string; open: boolean; overdue: boolean }>(db, sql`
    SELECT r.id, round(ST_X(r.location)::numeric, 4) AS lon, round(ST_Y(r.location)::numeric, 4) AS lat, c.code, r.state, r.urgency,
      ${isOpen} AS open,
      (${isOpen} AND (r.resolve_due_at < ${now} OR (r.accepted_at IS NULL AND r.accept_due_at < ${now}))) AS overdue
    FROM reports r JOIN report_categories c ON c.id = r.category_id
    WHERE ${whereOf(c)} ORDER BY r.created_at DESC LIMIT ${limit}`);
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat) }));
}

/** West, south, east, north in degrees (WGS 84). */
export type Bbox = [number, number, number, number];

function mapConditions(s: StatsScope, w: Window, open: boolean | undefined, bbox: Bbox | null): SQL[] {
  const c = [...scopeConditions(s), sql`r.created_at >= ${w.from}`, sql`r.created_at < ${w.to}`, sql`r.location IS NOT NULL`];
  // && against an envelope: the GiST index on location (reports_location_idx) when the viewport is small.
  if (bbox) c.push(sql`r.location && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`);
  if (open === true) c.push(isOpen);
  if (open === false) c.push(sql`NOT ${isOpen}`);
  return c;
}

/** Reports in the viewport (the map chooses points or clusters by it). */
export async function mapCount(db: DbOrTx, s: StatsScope, w: Window, open: boolean | undefined, bbox: Bbox): Promise<number> {
  const [row] = await selectRows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM reports r WHERE ${whereOf(mapConditions(s, w, open, bbox))}`);
  return num(row?.n);
}

/**
 * The viewport's reports grouped on a square grid of `cell` degrees anchored at 0°,0° (cells stay put while the
 * map pans, so a cluster does not jump): per cell the count, open and overdue counts, the mean position and
 * the extent, and the id of the report when the cell holds one. Positions rounded to 4 decimals (~11 m).
 */
export async function mapCells(db: DbOrTx, s: StatsScope, w: Window, open: boolean | undefined, now: Date, bbox: Bbox, cell: number) {
  const rows = await selectRows<Record<string, unknown>>(db, sql`
    SELECT count(*) AS n, count(*) FILTER (WHERE x.open) AS open, count(*) FILTER (WHERE x.overdue) AS overdue,
      round(avg(x.lon)::numeric, 4) AS lon, round(avg(x.lat)::numeric, 4) AS lat,
      round(min(x.lon)::numeric, 4) AS w, round(min(x.lat)::numeric, 4) AS s, round(max(x.lon)::numeric, 4) AS e, round(max(x.lat)::numeric, 4) AS nn,
      min(x.id::text) AS one
    FROM (
      SELECT r.id, ST_X(r.location) AS lon, ST_Y(r.location) AS lat, ${isOpen} AS open,
        (${isOpen} AND (r.resolve_due_at < ${now} OR (r.accepted_at IS NULL AND r.accept_due_at < ${now}))) AS overdue
      FROM reports r WHERE ${whereOf(mapConditions(s, w, open, bbox))}
    ) x
    GROUP BY floor(x.lon / ${cell}), floor(x.lat / ${cell})`);
  return rows.map((r) => ({
    count: num(r.n), open: num(r.open), overdue: num(r.overdue), lon: Number(r.lon), lat: Number(r.lat),
    bounds: [Number(r.w), Number(r.s), Number(r.e), Number(r.nn)] as Bbox, oneId: num(r.n) === 1 ? String(r.one) : null,
  }));
}

/** The map's points (as mapPoints) of the given reports: the single-report cells of a clustered viewport. */
export async function mapPointsByIds(db: DbOrTx, ids: string[], now: Date) {
  if (ids.length === 0) return [];
  const rows = await selectRows<{ id: string; lon: unknown; lat: unknown; code: string; state: string; urgency: string; open: boolean; overdue: boolean }>(db, sql`
    SELECT r.id, round(ST_X(r.location)::numeric, 4) AS lon, round(ST_Y(r.location)::numeric, 4) AS lat, c.code, r.state, r.urgency,
      ${isOpen} AS open,
      (${isOpen} AND (r.resolve_due_at < ${now} OR (r.accepted_at IS NULL AND r.accept_due_at < ${now}))) AS overdue
    FROM reports r JOIN report_categories c ON c.id = r.category_id
    WHERE r.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat) }));
}

// ── the caller lookup ───────────────────────────────────────────────────────────────────────────────
// The expression of reports_reporter_phone_digits_idx (feedback.table.ts): equality or a prefix LIKE on it is an index scan.
const phoneDigits = phoneDigitsSql(sql`r.reporter_phone`);

export async function reportsOfCaller(db: DbOrTx, s: StatsScope, digits: string, exact: boolean, limit: number) {
  const match = exact ? sql`${phoneDigits} = ${digits}` : sql`${phoneDigits} LIKE ${likePattern(digits, { prefix: true })}`;
  const where = whereOf([...scopeConditions(s), sql`r.reporter_phone IS NOT NULL`, match]);
  const items = await selectRows<{
    id: string; tracking_code: string; created_at: Date | string; code: string; cname: string; state: string; channel: string;
    reporter_name: string | null; reporter_phone: string | null; address: string | null; description: string; aname: string | null;
  }>(db, sql`
    SELECT r.id, r.tracking_code, r.created_at, c.code, c.name AS cname, r.state, r.channel, r.reporter_name, r.reporter_phone, r.address,
      left(r.description, 300) AS description, a.name AS aname
    FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN agencies a ON a.id = r.agency_id
    WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`);
  const [total] = await selectRows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM reports r WHERE ${where}`);
  return { items, total: num(total?.n) };
}
