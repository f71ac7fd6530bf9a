// SQL of the feedback domain: categories, SLA settings, routing lookups, reports and their timeline.
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.js';
import { publicationNotice, publicationOf } from '../../core/hub.js';
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

/** The deepest unit valid on `today` whose boundary covers the point (lat, lon: SQL of a row or parameters). */
function coveringUnitSql(lat: SQL, lon: SQL, today: string): SQL {
  return sql`SELECT id, path, name FROM units
    WHERE boundary IS NOT NULL AND valid_from <= ${today} AND (valid_to IS NULL OR valid_to > ${today})
      AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))
    ORDER BY level DESC LIMIT 1`;
}

export async function unitCoveringPoint(db: DbOrTx, lat: number, lon: number, today: string): Promise<PlaceUnit | undefined> {
  const [row] = await selectRows<PlaceUnit>(db, coveringUnitSql(sql`${lat}`, sql`${lon}`, today));
  return row;
}

export async function unitById(db: DbOrTx, id: string): Promise<(PlaceUnit & { validFrom: string; validTo: string | null }) | undefined> {
  const [row] = await db.select({ id: units.id, path: units.path, name: units.name, validFrom: units.validFrom, validTo: units.validTo }).from(units).where(eq(units.id, id));
  return row;
}

/** The province valid today (the first child of the country root): where a report with no place belongs. */
function currentProvinceSql(today: string): SQL {
  return sql`SELECT u.id, u.path, u.name FROM units u JOIN units root ON root.id = u.parent_id AND root.parent_id IS NULL
    WHERE u.valid_from <= ${today} AND (u.valid_to IS NULL OR u.valid_to > ${today})
    ORDER BY u.code LIMIT 1`;
}

export async function currentProvince(db: DbOrTx, today: string): Promise<PlaceUnit | undefined> {
  const [row] = await selectRows<PlaceUnit>(db, currentProvinceSql(today));
  return row;
}

/** The matrix entry of the deepest unit containing `unitPath` whose agency exists today, skipping `exclude`. */
export async function routeOf(db: DbOrTx, categoryId: string, unitPath: string, today: string, exclude: string[]): Promise<string | null> {
  return (await routedAgencyOf(db, categoryId, unitPath, today, exclude))?.id ?? null;
}

/** The matrix entry (agency_id, name) of the deepest unit containing the unit path whose agency exists today. */
function routeSql(categoryId: SQL, unitPath: SQL, today: string, exclude: string[] = []): SQL {
  return sql`SELECT r.agency_id, a.name FROM report_routes r JOIN agencies a ON a.id = r.agency_id
    WHERE r.category_id = ${categoryId} AND ${unitPath} LIKE r.unit_path || '%'
      AND a.valid_from <= ${today} AND (a.valid_to IS NULL OR a.valid_to > ${today})
      ${exclude.length ? sql`AND r.agency_id NOT IN (${sql.join(exclude.map((id) => sql`${id}`), sql`, `)})` : sql``}
    ORDER BY length(r.unit_path) DESC LIMIT 1`;
}

/** routeOf with the agency's name. */
export async function routedAgencyOf(db: DbOrTx, categoryId: string, unitPath: string, today: string, exclude: string[]): Promise<{ id: string; name: string } | null> {
  const [row] = await selectRows<{ agency_id: string; name: string }>(db, routeSql(sql`${categoryId}`, sql`${unitPath}`, today, exclude));
  return row ? { id: row.agency_id, name: row.name } : null;
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

/** One report of an intake, as `insertIntakes` writes it (the unit given, or null to place it by its point). */
export interface IntakeRow {
  id: string; trackingCode: string; token: string; categoryId: string; categoryCode: string; description: string;
  lat: number | null; lon: number | null; address: string | null; unit: PlaceUnit | null; route: boolean;
  channel: string; reporterName: string | null; reporterPhone: string | null; reporterEmail: string | null; urgency: string;
  acceptDueAt: Date; resolveDueAt: Date; attributes: Record<string, unknown>; mediaUrl: string | null; at: Date;
  actorType: string; actorId: string | null; actorName: string; ip: string | null; requestId: string | null;
}

/** Where `insertIntakes` put a report: its unit, the routed agency (null: the operator queue), its point as stored. */
export interface PlacedIntake { unit: PlaceUnit; agency: { id: string; name: string } | null; location: string | null }

const ROUTED_TEXT = 'Phân công theo ma trận định tuyến';

/**
 * A batch of intakes in one statement, so that a batch waits for one answer from the database (and, outside a
 * transaction, commits on its own without BEGIN and COMMIT): each report is placed (the given unit, else the
 * deepest unit covering its point, else the province), routed by the matrix, written with its timeline
 * ('created', and 'assigned' when routed), its audit row and its hub event. Answers one placement per row, in order.
 */
export async function insertIntakes(db: DbOrTx, rows: IntakeRow[], today: string): Promise<PlacedIntake[]> {
  const batch = JSON.stringify(rows.map((r, n) => ({
    n, id: r.id, tracking_code: r.trackingCode, token: r.token, category_id: r.categoryId, category_code: r.categoryCode, description: r.description,
    lat: r.lat, lon: r.lon, address: r.address, unit_id: r.unit?.id ?? null, unit_path: r.unit?.path ?? null, unit_name: r.unit?.name ?? null,
    route: r.route, channel: r.channel, reporter_name: r.reporterName, reporter_phone: r.reporterPhone, reporter_email: r.reporterEmail,
    urgency: r.urgency, accept_due_at: r.acceptDueAt, resolve_due_at: r.resolveDueAt, attributes: r.attributes, media_url: r.mediaUrl, at: r.at,
    actor_type: r.actorType, actor_id: r.actorId, actor_name: r.actorName, ip: r.ip, request_id: r.requestId,
  })));
  const found = await selectRows<{ unit_id: string; unit_path: string; unit_name: string; agency_id: string | null; agency_name: string | null; location: string | null }>(db, sql`
    WITH batch AS (
      SELECT * FROM jsonb_to_recordset(${batch}::jsonb) AS b(
        n int, id uuid, tracking_code text, token text, category_id uuid, category_code text, description text, lat float8, lon float8,
        address text, unit_id uuid, unit_path text, unit_name text, route boolean, channel text, reporter_name text, reporter_phone text,
        reporter_email text, urgency text, accept_due_at timestamptz, resolve_due_at timestamptz, attributes jsonb, media_url text,
        at timestamptz, actor_type text, actor_id text, actor_name text, ip text, request_id text)
    ),
    placed AS MATERIALIZED (
      SELECT b.*, coalesce(b.unit_id, c.id, p.id) AS place_id, coalesce(b.unit_path, c.path, p.path) AS place_path,
        coalesce(b.unit_name, c.name, p.name) AS place_name,
        CASE WHEN b.lat IS NOT NULL AND b.lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(b.lon, b.lat), 4326) END AS location
      FROM batch b
      LEFT JOIN LATERAL (${coveringUnitSql(sql`b.lat`, sql`b.lon`, today)}) c ON b.unit_id IS NULL AND b.lat IS NOT NULL AND b.lon IS NOT NULL
      LEFT JOIN LATERAL (${currentProvinceSql(today)}) p ON true
    ),
    routed AS MATERIALIZED (
      SELECT pl.*, x.agency_id, x.name AS agency_name, CASE WHEN x.agency_id IS NULL THEN 'new' ELSE 'assigned' END AS state
      FROM placed pl LEFT JOIN LATERAL (${routeSql(sql`pl.category_id`, sql`pl.place_path`, today)}) x ON pl.route
    ),
    written AS (
      INSERT INTO reports (id, tracking_code, token, category_id, description, location, address, unit_id, unit_path, channel,
        reporter_name, reporter_phone, reporter_email, state, urgency, agency_id, accept_due_at, resolve_due_at, attributes, media_url, created_at, updated_at)
      SELECT id, tracking_code, token, category_id, description, location, address, place_id, place_path, channel,
        reporter_name, reporter_phone, reporter_email, state, urgency, agency_id, accept_due_at, resolve_due_at, coalesce(attributes, '{}'), media_url, at, at
      FROM routed ORDER BY n
    ),
    timeline AS (
      INSERT INTO report_events (report_id, at, kind, from_state, to_state, agency_id, is_public, text, actor_type, actor_id, actor_name)
      SELECT e.report_id, e.at, e.kind, e.from_state, e.to_state, e.agency_id, e.is_public, e.text, e.actor_type, e.actor_id, e.actor_name
      FROM routed r, LATERAL (VALUES
        (r.id, r.at, 'created', NULL, 'new', NULL::uuid, true, NULL, r.actor_type, r.actor_id::uuid, r.actor_name, 0),
        (r.id, r.at, 'assigned', 'new', 'assigned', r.agency_id, true, ${ROUTED_TEXT}, r.actor_type, r.actor_id::uuid, r.actor_name, 1)
      ) AS e(report_id, at, kind, from_state, to_state, agency_id, is_public, text, actor_type, actor_id, actor_name, k)
      WHERE e.k = 0 OR r.agency_id IS NOT NULL
      ORDER BY r.n, e.k
    ),
    audited AS (
      INSERT INTO audit_log (actor_type, actor_id, actor_name, ip, request_id, action, entity_type, entity_id, unit_path, after)
      SELECT actor_type, actor_id, actor_name, ip, request_id, 'report.create', 'report', id::text, place_path,
        jsonb_build_object('trackingCode', tracking_code, 'category', category_code, 'channel', channel, 'agencyId', agency_id, 'state', state)
      FROM routed ORDER BY n
    ),
    ${publicationOf(sql`SELECT 'feedback' AS topic, 'report.created' AS type, place_path AS unit_path,
      jsonb_build_object('ids', jsonb_build_array(id), 'state', state, 'agencyId', agency_id, 'channel', channel) AS data, n FROM routed`)}
    SELECT place_id AS unit_id, place_path AS unit_path, place_name AS unit_name, agency_id, agency_name, location, ${publicationNotice}
    FROM routed ORDER BY n`).catch((err: unknown) => {
    // A report no unit covers and no province to fall back on: reports.unit_path is NOT NULL.
    if ((err as { code?: string; column?: string }).code === '23502' && (err as { column?: string }).column === 'unit_path') {
      throw new AppError('not-ready', { title: 'No province is configured.', detail: 'Chưa cấu hình tỉnh.' });
    }
    throw err;
  });
  return found.map((f) => ({
    unit: { id: f.unit_id, path: f.unit_path, name: f.unit_name },
    agency: f.agency_id ? { id: f.agency_id, name: f.agency_name! } : null,
    location: f.location,
  }));
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
