// SQL of the incidents domain: incidents, their sources, dispatches, timeline and the dashboard counts.
import { and, asc, count, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { users } from '../accounts/accounts.table.js';
import { agencies, units } from '../units/units.table.js';
import { incidentDispatches, incidentEvents, incidents, incidentSources, type IncidentRow } from './incidents.table.js';

const inSubtree = (column: typeof incidents.unitPath, path: string) => sql`${column} LIKE ${likePattern(path, { prefix: true })}`;

const incidentColumns = {
  incident: incidents,
  unitName: units.name,
  lon: sql<number | null>`ST_X(${incidents.location})`,
  lat: sql<number | null>`ST_Y(${incidents.location})`,
  dispatchCount: sql<number>`(SELECT count(*)::int FROM incident_dispatches d WHERE d.incident_id = ${incidents.id})`,
  acknowledgedCount: sql<number>`(SELECT count(*)::int FROM incident_dispatches d WHERE d.incident_id = ${incidents.id} AND d.acknowledged_at IS NOT NULL)`,
};
export type IncidentRecord = { incident: IncidentRow; unitName: string | null; lon: number | null; lat: number | null; dispatchCount: number; acknowledgedCount: number };

const selectIncidents = (db: DbOrTx) => db.select(incidentColumns).from(incidents).leftJoin(units, eq(units.id, incidents.unitId));

export async function nextIncidentNumber(db: DbOrTx): Promise<number> {
  const [row] = await selectRows<{ n: string | number }>(db, sql`SELECT nextval('incident_code_seq') AS n`);
  return Number(row!.n);
}

/** The deepest unit valid today whose boundary covers the point. */
export async function unitCoveringPoint(db: DbOrTx, lat: number, lon: number, today: string): Promise<{ id: string; path: string } | undefined> {
  const [row] = await selectRows<{ id: string; path: string }>(db, sql`
    SELECT id, path FROM units
    WHERE boundary IS NOT NULL AND valid_from <= ${today} AND (valid_to IS NULL OR valid_to > ${today})
      AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))
    ORDER BY level DESC LIMIT 1`);
  return row;
}

export type NewIncident = Omit<typeof incidents.$inferInsert, 'location'> & { lon: number | null; lat: number | null };

export async function insertIncident(db: DbOrTx, values: NewIncident): Promise<void> {
  const { lon, lat, ...rest } = values;
  await db.insert(incidents).values({
    ...rest,
    location: lon != null && lat != null ? sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)` as unknown as string : null,
  });
}

export async function updateIncidentRow(db: DbOrTx, id: string, patch: Partial<typeof incidents.$inferInsert>): Promise<void> {
  await db.update(incidents).set({ ...patch, version: sql`${incidents.version} + 1` as unknown as number, updatedAt: new Date() }).where(eq(incidents.id, id));
}

export async function findIncident(db: DbOrTx, id: string, forUpdate = false): Promise<IncidentRecord | undefined> {
  if (forUpdate) await db.execute(sql`SELECT 1 FROM incidents WHERE id = ${id} FOR UPDATE`);
  const [row] = await selectIncidents(db).where(eq(incidents.id, id));
  return row;
}

export interface IncidentFilter {
  scopePath: string;
  statuses?: string[] | undefined;
  types?: string[] | undefined;
  unitPath?: string | undefined;
  agencyId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function conditionsOf(f: IncidentFilter): SQL[] {
  const c: SQL[] = [inSubtree(incidents.unitPath, f.scopePath)];
  if (f.unitPath) c.push(inSubtree(incidents.unitPath, f.unitPath));
  if (f.statuses?.length) c.push(inArray(incidents.status, f.statuses));
  if (f.types?.length) c.push(inArray(incidents.type, f.types));
  if (f.agencyId) c.push(sql`EXISTS (SELECT 1 FROM incident_dispatches d WHERE d.incident_id = ${incidents.id} AND d.agency_id = ${f.agencyId})`);
  if (f.from) c.push(gte(incidents.occurredAt, f.from));
  if (f.to) c.push(lt(incidents.occurredAt, f.to));
  return c;
}

/** Unfinished first (open, dispatched, in progress), then by severity, then newest. */
export async function listIncidents(db: DbOrTx, f: IncidentFilter, page: { limit: number; offset: number }) {
  const where = and(...conditionsOf(f));
  const items = await selectIncidents(db).where(where).orderBy(
    sql`(${incidents.status} IN ('resolved', 'closed'))`,
    sql`CASE ${incidents.severity} WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 WHEN 'warning' THEN 3 ELSE 4 END`,
    desc(incidents.occurredAt), desc(incidents.id),
  ).limit(page.limit).offset(page.offset);
  const [total] = await db.select({ n: count() }).from(incidents).where(where);
  return { items, total: total?.n ?? 0 };
}

// ── sources, dispatches, timeline ───────────────────────────────────────────────────────────────────
/** False when the source already belongs to an incident (the unique index decides). */
export async function insertSource(db: DbOrTx, row: typeof incidentSources.$inferInsert): Promise<boolean> {
  const rows = await db.insert(incidentSources).values(row).onConflictDoNothing().returning({ refId: incidentSources.refId });
  return rows.length > 0;
}

export async function sourcesOf(db: DbOrTx, incidentId: string) {
  return db.select().from(incidentSources).where(eq(incidentSources.incidentId, incidentId)).orderBy(asc(incidentSources.addedAt));
}

export async function dispatchesOf(db: DbOrTx, incidentId: string) {
  return db.select({ dispatch: incidentDispatches, agencyName: agencies.name }).from(incidentDispatches)
    .innerJoin(agencies, eq(agencies.id, incidentDispatches.agencyId))
    .where(eq(incidentDispatches.incidentId, incidentId)).orderBy(asc(incidentDispatches.dispatchedAt), asc(agencies.name));
}

/** Answers the agencies newly dispatched (an agency already sent is not sent twice). */
export async function insertDispatches(db: DbOrTx, rows: (typeof incidentDispatches.$inferInsert)[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(incidentDispatches).values(rows).onConflictDoNothing().returning({ agencyId: incidentDispatches.agencyId });
  return inserted.map((r) => r.agencyId);
}

export async function acknowledgeDispatch(db: DbOrTx, incidentId: string, agencyId: string, by: { id: string | null; name: string }, at: Date): Promise<'done' | 'already' | 'missing'> {
  const [row] = await db.select().from(incidentDispatches).where(and(eq(incidentDispatches.incidentId, incidentId), eq(incidentDispatches.agencyId, agencyId)));
  if (!row) return 'missing';
  if (row.acknowledgedAt) return 'already';
  await db.update(incidentDispatches).set({ acknowledgedAt: at, acknowledgedById: by.id, acknowledgedByName: by.name }).where(eq(incidentDispatches.id, row.id));
  return 'done';
}

export async function insertIncidentEvents(db: DbOrTx, rows: (typeof incidentEvents.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(incidentEvents).values(rows);
}

export async function eventsOfIncident(db: DbOrTx, incidentId: string) {
  return db.select({ event: incidentEvents, agencyName: agencies.name }).from(incidentEvents)
    .leftJoin(agencies, eq(agencies.id, incidentEvents.agencyId))
    .where(eq(incidentEvents.incidentId, incidentId)).orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
}

// ── dashboard counts ────────────────────────────────────────────────────────────────────────────────
export async function incidentCounts(db: DbOrTx, f: IncidentFilter) {
  const where = and(...conditionsOf(f));
  const byType = await db.select({ type: incidents.type, n: count() }).from(incidents).where(where).groupBy(incidents.type);
  const byStatus = await db.select({ status: incidents.status, n: count() }).from(incidents).where(where).groupBy(incidents.status);
  const byUnit = await db.select({ unitId: incidents.unitId, unitName: units.name, unitPath: incidents.unitPath, n: count() }).from(incidents)
    .leftJoin(units, eq(units.id, incidents.unitId)).where(where).groupBy(incidents.unitId, units.name, incidents.unitPath).orderBy(desc(count()));
  // Vietnam keeps UTC+7 all year (no daylight saving), so the hour of day needs no time zone database.
  const hour = sql<number>`extract(hour from (${incidents.occurredAt} AT TIME ZONE 'UTC') + interval '7 hours')::int`;
  const byHour = await db.select({ hour, n: count() }).from(incidents).where(where).groupBy(hour);
  return { byType, byStatus, byUnit, byHour };
}

// ── people ──────────────────────────────────────────────────────────────────────────────────────────
/** Active officers of these agencies: they hear of a dispatch. */
export async function officersOfAgencies(db: DbOrTx, agencyIds: string[]): Promise<{ id: string; email: string | null; scopePath: string }[]> {
  if (agencyIds.length === 0) return [];
  return db.select({ id: users.id, email: users.email, scopePath: units.path }).from(users).innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(inArray(users.agencyId, agencyIds), eq(users.role, 'agency_officer'), eq(users.disabled, false)));
}
