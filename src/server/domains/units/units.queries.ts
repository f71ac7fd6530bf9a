// All SQL of the units domain. No permission checks here: callers pass the scope path to filter by.
import { and, asc, count, eq, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { agencies, unitSuccessions, units } from './units.table.js';

const validOn = (date: string) => and(lte(units.validFrom, date), or(isNull(units.validTo), sql`${units.validTo} > ${date}`));
export const inSubtree = (scopePath: string) => sql`${units.path} LIKE ${likePattern(scopePath, { prefix: true })}`;

export const unitColumns = {
  id: units.id,
  code: units.code,
  officialCode: units.officialCode,
  name: units.name,
  type: units.type,
  parentId: units.parentId,
  path: units.path,
  level: units.level,
  validFrom: units.validFrom,
  validTo: units.validTo,
  hasBoundary: sql<boolean>`${units.boundary} IS NOT NULL`,
  isBoundarySynthetic: units.isBoundarySynthetic,
  lon: sql<number | null>`ST_X(${units.centroid})`,
  lat: sql<number | null>`ST_Y(${units.centroid})`,
  updatedAt: units.updatedAt,
};

export type UnitRecord = Awaited<ReturnType<typeof findUnitById>> & {};

export async function findUnitById(db: DbOrTx, id: string) {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.id, id));
  return row ?? null;
}

export async function findUnitByCode(db: DbOrTx, code: string) {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.code, code));
  return row ?? null;
}

export async function findUnitsByCodes(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select(unitColumns).from(units).where(inArray(units.code, codes));
}

export async function findUnitsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select(unitColumns).from(units).where(inArray(units.id, ids));
}

/** Every unit, ended or not, whose path lies under `scopePath` (the scope's own unit included). */
export async function findUnitsUnderPath(db: DbOrTx, scopePath: string) {
  return db.select(unitColumns).from(units).where(sql`${units.path} LIKE ${likePattern(scopePath, { prefix: true })}`);
}

/** The unit of `level` whose subtree holds `path` (the unit itself when it is on that level). */
export async function findAncestorOnLevel(db: DbOrTx, path: string, level: number) {
  const [row] = await db.select(unitColumns).from(units).where(and(eq(units.level, level), sql`${path} LIKE ${units.path} || '%'`)).limit(1);
  return row ?? null;
}

export interface UnitFilter {
  scopePath: string;
  asOf: string | null;     // null: any date (ended units included)
  parentId?: string | undefined;
  type?: string | undefined;
  q?: string | undefined;
}

function unitConditions(f: UnitFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [inSubtree(f.scopePath)];
  if (f.asOf) conditions.push(validOn(f.asOf));
  if (f.parentId) conditions.push(eq(units.parentId, f.parentId));
  if (f.type) conditions.push(eq(units.type, f.type));
  if (f.q) {
    const pattern = likePattern(f.q, { contains: true });
    conditions.push(or(ilike(units.name, pattern), ilike(units.code, pattern), sql`unaccent_vi(${units.name}) ILIKE unaccent_vi(${pattern})`));
  }
  return and(...conditions);
}

export async function listUnits(db: DbOrTx, f: UnitFilter, page: { limit: number; offset: number }) {
  // The total rides along as a window count: one round trip instead of two on this hot read.
  const rows = await db.select({ ...unitColumns, total: sql<number>`count(*) OVER ()`.mapWith(Number) }).from(units)
    .where(unitConditions(f)).orderBy(asc(units.path)).limit(page.limit).offset(page.offset);
  const total = rows[0]?.total ?? (page.offset > 0 ? (await db.select({ n: count() }).from(units).where(unitConditions(f)))[0]?.n ?? 0 : 0);
  return { items: rows.map(({ total: _total, ...unit }) => unit), total };
}

export async function unitsValidOn(db: DbOrTx, scopePath: string, date: string) {
  return db.select({ id: units.id, code: units.code, name: units.name, type: units.type, path: units.path, parentId: units.parentId, validTo: units.validTo })
    .from(units).where(and(inSubtree(scopePath), validOn(date))).orderBy(asc(units.path));
}

export async function boundariesValidOn(db: DbOrTx, f: UnitFilter) {
  return selectRows<{ id: string; code: string; name: string; type: string; level: number; parent_id: string | null; synthetic: boolean; geometry: string }>(db, sql`
    SELECT id, code, name, type, level, parent_id, is_boundary_synthetic AS synthetic, ST_AsGeoJSON(boundary, 5) AS geometry
    FROM units
    WHERE boundary IS NOT NULL AND ${unitConditions(f)}
    ORDER BY path`);
}

export async function countActiveChildren(db: DbOrTx, parentId: string, onDate: string) {
  const [row] = await db.select({ n: count() }).from(units)
    .where(and(eq(units.parentId, parentId), or(isNull(units.validTo), sql`${units.validTo} > ${onDate}`)));
  return row?.n ?? 0;
}

export async function countChildren(db: DbOrTx, parentId: string) {
  const [row] = await db.select({ n: count() }).from(units).where(eq(units.parentId, parentId));
  return row?.n ?? 0;
}

export interface NewUnit {
  id: string; code: string; officialCode: string | null; name: string; type: string; parentId: string | null;
  path: string; level: number; validFrom: string; validTo?: string | null;
  boundaryGeoJson?: string | null; isBoundarySynthetic?: boolean;
}

// Polygons are stored as MultiPolygon; the centroid is a point guaranteed to lie on the surface.
const geometryOf = (geoJson: string) => sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${geoJson}), 4326))`;

export async function insertUnit(db: DbOrTx, u: NewUnit) {
  const geom = u.boundaryGeoJson ? geometryOf(u.boundaryGeoJson) : sql`NULL`;
  await db.execute(sql`
    INSERT INTO units (id, code, official_code, name, type, parent_id, path, level, valid_from, valid_to, boundary, centroid, is_boundary_synthetic)
    VALUES (${u.id}, ${u.code}, ${u.officialCode}, ${u.name}, ${u.type}, ${u.parentId}, ${u.path}, ${u.level}, ${u.validFrom}, ${u.validTo ?? null},
            ${geom}, ST_PointOnSurface(${geom}), ${u.isBoundarySynthetic ?? false})`);
}

export interface UnitChanges { name?: string; officialCode?: string | null; type?: string; boundaryGeoJson?: string | null; isBoundarySynthetic?: boolean }

export async function updateUnitRow(db: DbOrTx, id: string, c: UnitChanges) {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (c.name !== undefined) sets.push(sql`name = ${c.name}`);
  if (c.officialCode !== undefined) sets.push(sql`official_code = ${c.officialCode}`);
  if (c.type !== undefined) sets.push(sql`type = ${c.type}`);
  if (c.isBoundarySynthetic !== undefined) sets.push(sql`is_boundary_synthetic = ${c.isBoundarySynthetic}`);
  if (c.boundaryGeoJson !== undefined) {
    const geom = c.boundaryGeoJson ? geometryOf(c.boundaryGeoJson) : sql`NULL`;
    sets.push(sql`boundary = ${geom}`, sql`centroid = ST_PointOnSurface(${geom})`);
  }
  await db.execute(sql`UPDATE units SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

export async function setUnitValidTo(db: DbOrTx, id: string, validTo: string) {
  await db.update(units).set({ validTo, updatedAt: new Date() }).where(eq(units.id, id));
}

export async function insertSuccessions(db: DbOrTx, rows: { fromUnitId: string; toUnitId: string; share: number; validOn: string }[]) {
  if (rows.length) await db.insert(unitSuccessions).values(rows);
}

export async function successionsOf(db: DbOrTx, unitId: string) {
  const [forward, backward] = await Promise.all([
    db.select({ unitId: units.id, code: units.code, name: units.name, share: unitSuccessions.share, validOn: unitSuccessions.validOn })
      .from(unitSuccessions).innerJoin(units, eq(units.id, unitSuccessions.toUnitId)).where(eq(unitSuccessions.fromUnitId, unitId)).orderBy(asc(units.code)),
    db.select({ unitId: units.id, code: units.code, name: units.name, share: unitSuccessions.share, validOn: unitSuccessions.validOn })
      .from(unitSuccessions).innerJoin(units, eq(units.id, unitSuccessions.fromUnitId)).where(eq(unitSuccessions.toUnitId, unitId)).orderBy(asc(units.code)),
  ]);
  return { successors: forward, predecessors: backward };
}

/**
 * Follows successions from a unit until reaching units valid on `asOf`, multiplying shares along the
 * way (a unit split 60/40 whose first part later merged entirely gives 0.6 to the merged unit).
 */
export async function successorsValidOn(db: DbOrTx, unitId: string, asOf: string) {
  return selectRows<{ unit_id: string; code: string; name: string; share: number; chain: string }>(db, sql`
    WITH RECURSIVE chain(unit_id, share, chain, depth) AS (
      SELECT u.id, 1.0::double precision, ARRAY[u.code], 0 FROM units u WHERE u.id = ${unitId}
      UNION ALL
      SELECT s.to_unit_id, c.share * s.share, c.chain || nxt.code, c.depth + 1
      FROM chain c
      JOIN units cur ON cur.id = c.unit_id
      JOIN unit_successions s ON s.from_unit_id = c.unit_id
      JOIN units nxt ON nxt.id = s.to_unit_id
      WHERE cur.valid_to IS NOT NULL AND cur.valid_to <= ${asOf} AND c.depth < 20
    )
    SELECT u.id AS unit_id, u.code, u.name, sum(c.share)::double precision AS share, (array_agg(array_to_string(c.chain, '>') ORDER BY c.depth))[1] AS chain
    FROM chain c JOIN units u ON u.id = c.unit_id
    WHERE u.valid_from <= ${asOf} AND (u.valid_to IS NULL OR u.valid_to > ${asOf})
    GROUP BY u.id, u.code, u.name
    ORDER BY u.code`);
}

export async function agencyCountOfUnit(db: DbOrTx, unitId: string) {
  const [row] = await db.select({ n: count() }).from(agencies).where(eq(agencies.unitId, unitId));
  return row?.n ?? 0;
}

/**
 * For every unit (ended or not), the units valid on `asOf` that carry its territory, with shares:
 * a valid unit maps to itself; an ended one follows its successions. Used to roll history forward.
 */
export async function territoryMapOn(db: DbOrTx, asOf: string, sourceIds?: string[]) {
  const sources = sourceIds ? sql`WHERE id = ANY(${sql.raw(`ARRAY[${sourceIds.map((i) => `'${i.replace(/[^0-9a-f-]/gi, '')}'`).join(',') || 'NULL'}]::uuid[]`)})` : sql``;
  return selectRows<{ source_id: string; unit_id: string; share: number }>(db, sql`
    WITH RECURSIVE m(source_id, unit_id, share, depth) AS (
      SELECT id, id, 1.0::double precision, 0 FROM units ${sources}
      UNION ALL
      SELECT m.source_id, s.to_unit_id, m.share * s.share, m.depth + 1
      FROM m JOIN units cur ON cur.id = m.unit_id JOIN unit_successions s ON s.from_unit_id = m.unit_id
      WHERE cur.valid_to IS NOT NULL AND cur.valid_to <= ${asOf} AND m.depth < 20
    )
    SELECT m.source_id, m.unit_id, sum(m.share)::double precision AS share
    FROM m JOIN units u ON u.id = m.unit_id
    WHERE u.valid_from <= ${asOf} AND (u.valid_to IS NULL OR u.valid_to > ${asOf})
    GROUP BY m.source_id, m.unit_id`);
}
