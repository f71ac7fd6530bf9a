// SQL of the feedback domain: categories, SLA settings, routing lookups, reports and their timeline.
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql, type SQLWrapper } from 'drizzle-orm';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { agencies, units } from '../units/units.table.js';
import {
  reportCategories, reportEvents, reportRoutes, reports, reportSlaSettings, type ReportCategoryRow, type ReportRow,
} from './feedback.table.js';

// ── categories and SLA ──────────────────────────────────────────────────────────────────────────────
export async function listCategories(db: DbOrTx, activeOnly: boolean): Promise<ReportCategoryRow[]> {
  return db.select().from(reportCategories).where(activeOnly ? eq(reportCategories.active, true) : undefined)
    .orderBy(asc(reportCategories.sortOrder), asc(reportCategories.code));
}

export async function findCategoryByCode(db: DbOrTx, code: string): Promise<ReportCategoryRow | undefined> {
  const [row] = await db.select().from(reportCategories).where(eq(reportCategories.code, code));
  return row;
}

export async function findCategoryById(db: DbOrTx, id: string): Promise<ReportCategoryRow | undefined> {
  const [row] = await db.select().from(reportCategories).where(eq(reportCategories.id, id));
  return row;
}

// ── places and routing ──────────────────────────────────────────────────────────────────────────────
export interface PlaceUnit { id: string; path: string; name: string }

/** The deepest unit valid on `today` whose boundary covers the point. */
export async function unitCoveringPoint(db: DbOrTx, lat: number, lon: number, today: string): Promise<PlaceUnit | undefined> {
  const [row] = await selectRows<PlaceUnit>(db, sql`
    SELECT id, path, name FROM units
    WHERE boundary IS NOT NULL AND valid_from <= ${today} AND (valid_to IS NULL OR valid_to > ${today})
      AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))
    ORDER BY level DESC LIMIT 1`);
  return row;
}

/** unitCoveringPoint for many points in one statement (batched intake): one answer per point, in order. */
export async function unitsCoveringPoints(db: DbOrTx, points: ({ lat: number; lon: number } | null)[], today: string): Promise<(PlaceUnit | undefined)[]> {
  // One JSON parameter rather than an array literal per column: no quoting rules to get wrong.
  const rows = await selectRows<PlaceUnit & { i: number }>(db, sql`
    SELECT p.i::int AS i, u.id, u.path, u.name
    FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(points.map((p) => p ?? {}))}::jsonb) AS (lat float8, lon float8)) WITH ORDINALITY AS p(lat, lon, i)
    CROSS JOIN LATERAL (
      SELECT id, path, name FROM units
      WHERE p.lat IS NOT NULL AND boundary IS NOT NULL AND valid_from <= ${today} AND (valid_to IS NULL OR valid_to > ${today})
        AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
      ORDER BY level DESC LIMIT 1) u`);
  const out: (PlaceUnit | undefined)[] = points.map(() => undefined);
  for (const r of rows) out[r.i - 1] = { id: r.id, path: r.path, name: r.name };
  return out;
}

export async function unitById(db: DbOrTx, id: string): Promise<(PlaceUnit & { validFrom: string; validTo: string | null }) | undefined> {
  const [row] = await db.select({ id: units.id, path: units.path, name: units.name, validFrom: units.validFrom, validTo: units.validTo }).from(units).where(eq(units.id, id));
  return row;
}

/** The province valid today (the first child of the country root): where a report with no place belongs. */
export async function currentProvince(db: DbOrTx, today: string): Promise<PlaceUnit | undefined> {
  const [row] = await selectRows<PlaceUnit>(db, sql`
    SELECT u.id, u.path, u.name FROM units u JOIN units root ON root.id = u.parent_id AND root.parent_id IS NULL
    WHERE u.valid_from <= ${today} AND (u.valid_to IS NULL OR u.valid_to > ${today})
    ORDER BY u.code LIMIT 1`);
  return row;
}

/** The matrix entry of the deepest unit containing `unitPath` whose agency exists today, skipping `exclude`. */
export async function routeOf(db: DbOrTx, categoryId: string, unitPath: string, today: string, exclude: string[]): Promise<string | null> {
  return (await routedAgencyOf(db, categoryId, unitPath, today, exclude))?.id ?? null;
}

/** routeOf with the agency's name (intake answers the report without reading it back). */
export async function routedAgencyOf(db: DbOrTx, categoryId: string, unitPath: string, today: string, exclude: string[]): Promise<{ id: string; name: string } | null> {
  const [row] = await selectRows<{ agency_id: string; name: string }>(db, sql`
    SELECT r.agency_id, a.name FROM report_routes r JOIN agencies a ON a.id = r.agency_id
    WHERE r.category_id = ${categoryId} AND ${unitPath} LIKE r.unit_path || '%'
      AND a.valid_from <= ${today} AND (a.valid_to IS NULL OR a.valid_to > ${today})
      ${exclude.length ? sql`AND r.agency_id NOT IN (${sql.join(exclude.map((id) => sql`${id}`), sql`, `)})` : sql``}
    ORDER BY length(r.unit_path) DESC LIMIT 1`);
  return row ? { id: row.agency_id, name: row.name } : null;
}

/** routedAgencyOf for many (category, unit path) pairs in one statement (batched intake), in order. */
export async function routedAgenciesOf(db: DbOrTx, pairs: { categoryId: string; unitPath: string }[], today: string): Promise<({ id: string; name: string } | null)[]> {
  if (pairs.length === 0) return [];
  const rows = await selectRows<{ i: number; agency_id: string; name: string }>(db, sql`
    SELECT p.i::int AS i, x.agency_id, x.name
    FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ category_id: p.categoryId, unit_path: p.unitPath })))}::jsonb)
      AS (category_id uuid, unit_path text)) WITH ORDINALITY AS p(category_id, unit_path, i)
    CROSS JOIN LATERAL (
      SELECT r.agency_id, a.name FROM report_routes r JOIN agencies a ON a.id = r.agency_id
      WHERE r.category_id = p.category_id AND p.unit_path LIKE r.unit_path || '%'
        AND a.valid_from <= ${today} AND (a.valid_to IS NULL OR a.valid_to > ${today})
      ORDER BY length(r.unit_path) DESC LIMIT 1) x`);
  const out: ({ id: string; name: string } | null)[] = pairs.map(() => null);
  for (const r of rows) out[r.i - 1] = { id: r.agency_id, name: r.name };
  return out;
}

export async function agencyById(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: agencies.id, name: agencies.name, unitId: agencies.unitId, validTo: agencies.validTo, unitPath: units.path })
    .from(agencies).innerJoin(units, eq(units.id, agencies.unitId)).where(eq(agencies.id, id));
  return row;
}

// ── reports ─────────────────────────────────────────────────────────────────────────────────────────
const reportColumns = {
  report: reports,
  categoryCode: reportCategories.code,
  categoryName: reportCategories.name,
  unitName: units.name,
  agencyName: agencies.name,
  lat: sql<number | null>`ST_Y(${reports.location})`,
  lon: sql<number | null>`ST_X(${reports.location})`,
};

export type ReportRecord = { report: ReportRow; categoryCode: string; categoryName: string; unitName: string | null; agencyName: string | null; lat: number | null; lon: number | null };

function selectReports(db: DbOrTx) {
  return db.select(reportColumns).from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .leftJoin(units, eq(units.id, reports.unitId))
    .leftJoin(agencies, eq(agencies.id, reports.agencyId));
}

export type NewReport = Omit<typeof reports.$inferInsert, 'location'> & { lat?: number | null; lon?: number | null };

/** Inserts a report and answers the stored row (defaults included). */
export async function insertReport(db: DbOrTx, values: NewReport): Promise<ReportRow> {
  const { lat, lon, ...rest } = values;
  const [row] = await db.insert(reports).values({
    ...rest,
    location: lat != null && lon != null ? sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)` as unknown as string : null,
  }).returning();
  return row!;
}

/**
 * Several reports in one statement (batched intake), returned in the order given. `alongside`: inserts of
 * the same change (the reports' timeline, their audit rows) run in the same statement as data-modifying
 * CTEs, so that a batch waits for one answer from the database instead of three.
 */
export async function insertReports(db: DbOrTx, values: NewReport[], alongside: SQLWrapper[] = []): Promise<ReportRow[]> {
  const ctes = alongside.map((insert, i) => db.$with(`alongside_${i}`, {}).as(insert.getSQL()));
  const rows = await (ctes.length ? db.with(...ctes) : db).insert(reports).values(values.map(({ lat, lon, ...rest }) => ({
    ...rest,
    location: lat != null && lon != null ? sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)` as unknown as string : null,
  }))).returning();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return values.map((v) => byId.get(v.id!)!);
}

/** The insert of timeline rows, unexecuted (for insertReports' `alongside`). */
export function reportEventsInsertOf(db: DbOrTx, events: NewReportEvent[]) {
  return db.insert(reportEvents).values(events);
}

export async function updateReport(db: DbOrTx, id: string, patch: Partial<typeof reports.$inferInsert>): Promise<void> {
  await db.update(reports).set({ ...patch, updatedAt: sql`now()` as unknown as Date }).where(eq(reports.id, id));
}

export async function findReportById(db: DbOrTx, id: string, forUpdate = false): Promise<ReportRecord | undefined> {
  if (forUpdate) await db.execute(sql`SELECT 1 FROM reports WHERE id = ${id} FOR UPDATE`);
  const [row] = await selectReports(db).where(eq(reports.id, id));
  return row;
}

export async function findReportsByIds(db: DbOrTx, ids: string[]): Promise<ReportRecord[]> {
  if (ids.length === 0) return [];
  return selectReports(db).where(inArray(reports.id, ids));
}

export async function findReportByTrackingCode(db: DbOrTx, code: string): Promise<ReportRecord | undefined> {
  const [row] = await selectReports(db).where(eq(reports.trackingCode, code));
  return row;
}

export async function findReportIdByToken(db: DbOrTx, token: string): Promise<{ trackingCode: string } | undefined> {
  const [row] = await db.select({ trackingCode: reports.trackingCode }).from(reports).where(eq(reports.token, token));
  return row;
}

const closedStates = ['resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled'];

export interface ReportFilter {
  scopePath: string;
  onlyAgencyId?: string | undefined;      // an agency officer sees its agency's reports only
  states?: string[] | undefined;
  categoryCode?: string | undefined;
  agencyId?: string | 'none' | undefined;
  unitPath?: string | undefined;
  channel?: string | undefined;
  urgencies?: string[] | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  now: Date;
}

function conditionsOf(f: ReportFilter): SQL[] {
  const c: SQL[] = [sql`${reports.unitPath} LIKE ${likePattern(f.scopePath, { prefix: true })}`];
  if (f.onlyAgencyId) c.push(eq(reports.agencyId, f.onlyAgencyId));
  if (f.states?.length) c.push(inArray(reports.state, f.states));
  if (f.categoryCode) c.push(eq(reportCategories.code, f.categoryCode));
  if (f.agencyId === 'none') c.push(isNull(reports.agencyId));
  else if (f.agencyId) c.push(eq(reports.agencyId, f.agencyId));
  if (f.unitPath) c.push(sql`${reports.unitPath} LIKE ${likePattern(f.unitPath, { prefix: true })}`);
  if (f.channel) c.push(eq(reports.channel, f.channel));
  if (f.urgencies?.length) c.push(inArray(reports.urgency, f.urgencies));
  const overdue = sql`(${reports.state} NOT IN (${sql.join(closedStates.map((s) => sql`${s}`), sql`, `)}) AND (${reports.resolveDueAt} < ${f.now} OR (${reports.acceptedAt} IS NULL AND ${reports.acceptDueAt} < ${f.now})))`;
  if (f.overdue === true) c.push(overdue);
  if (f.overdue === false) c.push(sql`NOT ${overdue}`);
  if (f.q) {
    const p = likePattern(f.q, { contains: true });
    c.push(or(eq(reports.trackingCode, f.q.toUpperCase()), sql`unaccent_vi(${reports.description}) ILIKE unaccent_vi(${p})`, ilike(reports.address, p))!);
  }
  return c;
}

export async function listReports(db: DbOrTx, f: ReportFilter, page: { limit: number; offset: number }): Promise<{ items: ReportRecord[]; total: number }> {
  const where = and(...conditionsOf(f));
  const items = await selectReports(db).where(where).orderBy(desc(reports.createdAt), desc(reports.id)).limit(page.limit).offset(page.offset);
  const [total] = await db.select({ n: count() }).from(reports).innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId)).where(where);
  return { items, total: total?.n ?? 0 };
}

/** Open311 GET requests: public reports by ids, or by service codes, a window of `requested_datetime` and statuses. */
export async function listReportsForOpen311(db: DbOrTx, f: {
  trackingCodes?: string[]; serviceCodes?: string[]; from?: Date; to?: Date; states?: string[]; limit: number; offset: number;
}): Promise<ReportRecord[]> {
  const c: SQL[] = [];
  if (f.trackingCodes) c.push(inArray(reports.trackingCode, f.trackingCodes));
  if (f.serviceCodes?.length) c.push(inArray(reportCategories.code, f.serviceCodes));
  if (f.from) c.push(gte(reports.createdAt, f.from));
  if (f.to) c.push(lt(reports.createdAt, f.to));
  if (f.states) c.push(inArray(reports.state, f.states));
  return selectReports(db).where(and(...c)).orderBy(desc(reports.createdAt), desc(reports.id)).limit(f.limit).offset(f.offset);
}

// ── timeline ────────────────────────────────────────────────────────────────────────────────────────
export type NewReportEvent = typeof reportEvents.$inferInsert;

export async function insertReportEvent(db: DbOrTx, event: NewReportEvent): Promise<void> {
  await db.insert(reportEvents).values(event);
}

/** Several timeline entries in one statement (intake writes two). */
export async function eventsOfReport(db: DbOrTx, reportId: string, publicOnly = false) {
  return db.select({ event: reportEvents, agencyName: agencies.name }).from(reportEvents)
    .leftJoin(agencies, eq(agencies.id, reportEvents.agencyId))
    .where(and(eq(reportEvents.reportId, reportId), publicOnly ? eq(reportEvents.isPublic, true) : undefined))
    .orderBy(asc(reportEvents.at), asc(reportEvents.id));
}

/** Agencies that handed the report back as not theirs: re-routing skips them. */
export async function agenciesThatReturned(db: DbOrTx, reportId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ agencyId: reportEvents.agencyId }).from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.kind, 'returned')));
  return rows.flatMap((r) => (r.agencyId ? [r.agencyId] : []));
}

/** Public state changes and answers in a window (FixMyStreet servicerequestupdates). */
export async function publicUpdatesBetween(db: DbOrTx, from: Date, to: Date, limit: number) {
  return db.select({ event: reportEvents, trackingCode: reports.trackingCode, state: reports.state }).from(reportEvents)
    .innerJoin(reports, eq(reports.id, reportEvents.reportId))
    .where(and(eq(reportEvents.isPublic, true), gte(reportEvents.at, from), lt(reportEvents.at, to)))
    .orderBy(asc(reportEvents.at), asc(reportEvents.id)).limit(limit);
}

// ── seeding ─────────────────────────────────────────────────────────────────────────────────────────
export async function insertCategoryIfMissing(db: DbOrTx, row: typeof reportCategories.$inferInsert): Promise<string> {
  await db.insert(reportCategories).values(row).onConflictDoNothing({ target: reportCategories.code });
  const [found] = await db.select({ id: reportCategories.id }).from(reportCategories).where(eq(reportCategories.code, row.code));
  return found!.id;
}

export async function insertSlaIfMissing(db: DbOrTx, row: typeof reportSlaSettings.$inferInsert): Promise<void> {
  await db.insert(reportSlaSettings).values(row).onConflictDoNothing();
}

export async function countRoutes(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reportRoutes);
  return row?.n ?? 0;
}

export async function insertRoutes(db: DbOrTx, rows: (typeof reportRoutes.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(reportRoutes).values(rows).onConflictDoNothing();
}

// ── configuration ───────────────────────────────────────────────────────────────────────────────────
export async function listRoutes(db: DbOrTx, scopePath: string) {
  return db.select({
    id: reportRoutes.id, categoryCode: reportCategories.code, categoryName: reportCategories.name,
    unitId: reportRoutes.unitId, unitName: units.name, unitPath: reportRoutes.unitPath, agencyId: reportRoutes.agencyId, agencyName: agencies.name,
  }).from(reportRoutes)
    .innerJoin(reportCategories, eq(reportCategories.id, reportRoutes.categoryId))
    .innerJoin(units, eq(units.id, reportRoutes.unitId))
    .innerJoin(agencies, eq(agencies.id, reportRoutes.agencyId))
    .where(sql`${reportRoutes.unitPath} LIKE ${likePattern(scopePath, { prefix: true })}`)
    .orderBy(asc(reportCategories.sortOrder), asc(reportRoutes.unitPath));
}

export async function findRoute(db: DbOrTx, id: string) {
  const [row] = await db.select().from(reportRoutes).where(eq(reportRoutes.id, id));
  return row;
}

export async function upsertRoute(db: DbOrTx, row: { id: string; categoryId: string; unitId: string; unitPath: string; agencyId: string }): Promise<string> {
  const [saved] = await db.insert(reportRoutes).values(row)
    .onConflictDoUpdate({ target: [reportRoutes.categoryId, reportRoutes.unitId], set: { agencyId: row.agencyId, updatedAt: new Date() } })
    .returning({ id: reportRoutes.id });
  return saved!.id;
}

export async function deleteRoute(db: DbOrTx, id: string): Promise<void> {
  await db.delete(reportRoutes).where(eq(reportRoutes.id, id));
}

/** Every configured deadline, by category id (the intake catalog's copy). */
export async function listSlaSettingRows(db: DbOrTx) {
  return db.select({ categoryId: reportSlaSettings.categoryId, urgency: reportSlaSettings.urgency, acceptHours: reportSlaSettings.acceptHours, resolveHours: reportSlaSettings.resolveHours })
    .from(reportSlaSettings);
}

export async function listSlaSettings(db: DbOrTx) {
  return db.select({ categoryCode: reportCategories.code, urgency: reportSlaSettings.urgency, acceptHours: reportSlaSettings.acceptHours, resolveHours: reportSlaSettings.resolveHours })
    .from(reportSlaSettings).innerJoin(reportCategories, eq(reportCategories.id, reportSlaSettings.categoryId))
    .orderBy(asc(reportCategories.sortOrder), asc(reportSlaSettings.urgency));
}

export async function upsertSlaSetting(db: DbOrTx, row: { categoryId: string; urgency: string; acceptHours: number; resolveHours: number }): Promise<void> {
  await db.insert(reportSlaSettings).values(row)
    .onConflictDoUpdate({ target: [reportSlaSettings.categoryId, reportSlaSettings.urgency], set: { acceptHours: row.acceptHours, resolveHours: row.resolveHours, updatedAt: new Date() } });
}
