// Loads the demo province (Bình Phước before 2025, Đồng Nai after) with synthetic boundaries:
// Voronoi cells around the communes' approximate seats, clipped to the province outline; every
// larger or later unit is the union of the cells it is made of, so history nests on the map.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { insertAgency } from './agencies.queries.js';
import { demoAgencies, demoSuccessions, demoUnits, provinceOutlines, type DemoUnit } from './demo-province.data.js';
import { findUnitByCode, insertSuccessions } from './units.queries.js';

export const ROOT_CODE = 'VN';
const LEAF_DATE = '2025-06-30';   // the last day of the pre-2025 structure: its communes are the Voronoi seeds

export async function isDemoSeeded(db: DbOrTx): Promise<boolean> {
  return (await findUnitByCode(db, '70')) !== null;
}

/** The country root every province hangs under; the first admin is scoped to it. */
export async function ensureRootUnit(db: DbOrTx): Promise<{ id: string; path: string; name: string }> {
  const existing = await findUnitByCode(db, ROOT_CODE);
  if (existing) return existing;
  const id = uuidv7();
  await db.execute(sql`INSERT INTO units (id, code, official_code, name, type, parent_id, path, level, valid_from)
    VALUES (${id}, ${ROOT_CODE}, NULL, 'Việt Nam', 'country', NULL, ${'/' + ROOT_CODE + '/'}, 0, '1945-09-02')`);
  return { id, path: `/${ROOT_CODE}/`, name: 'Việt Nam' };
}

function ringToGeoJson(ring: [number, number][]): string {
  const closed = ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring : [...ring, ring[0]!];
  return JSON.stringify({ type: 'Polygon', coordinates: [closed] });
}

/** Parents before children, whatever the order of the data file. */
function parentFirst(units: DemoUnit[]): DemoUnit[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const out: DemoUnit[] = [];
  const done = new Set<string>();
  const visit = (u: DemoUnit) => {
    if (done.has(u.code)) return;
    if (u.parentCode && byCode.has(u.parentCode)) visit(byCode.get(u.parentCode)!);
    done.add(u.code);
    out.push(u);
  };
  units.forEach(visit);
  return out;
}

export async function seedDemoProvince(db: DbOrTx): Promise<{ units: number; agencies: number }> {
  const root = await ensureRootUnit(db);
  const placed = new Map<string, { id: string; path: string; level: number }>([[ROOT_CODE, { id: root.id, path: root.path, level: 0 }]]);
  const usedSeats = new Set<string>();
  for (const u of parentFirst(demoUnits)) {
    const parent = placed.get(u.parentCode ?? ROOT_CODE)!;
    const id = uuidv7();
    const path = `${parent.path}${u.code}/`;
    // Voronoi needs distinct seeds: nudge a seat that repeats another leaf's by ~200 m.
    let [lon, lat] = u.seat;
    while (usedSeats.has(`${lon},${lat}`)) { lon += 0.002; lat += 0.001; }
    if (!u.code.endsWith('-pre2022')) usedSeats.add(`${lon},${lat}`);
    await db.execute(sql`INSERT INTO units (id, code, official_code, name, type, parent_id, path, level, valid_from, valid_to, centroid, is_boundary_synthetic)
      VALUES (${id}, ${u.code}, ${u.officialCode}, ${u.name}, ${u.type}, ${parent.id}, ${path}, ${parent.level + 1}, ${u.validFrom}, ${u.validTo},
              ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), true)`);
    placed.set(u.code, { id, path, level: parent.level + 1 });
  }
  await insertSuccessions(db, demoSuccessions.map((s) => ({
    fromUnitId: placed.get(s.fromCode)!.id, toUnitId: placed.get(s.toCode)!.id, share: s.share, validOn: s.validOn,
  })));
  for (const a of demoAgencies) {
    await insertAgency(db, { id: uuidv7(), code: a.code, name: a.name, nameEn: a.nameEn, kind: a.kind, unitId: placed.get(a.unitCode)!.id, validFrom: a.validFrom, validTo: a.validTo });
  }
  await drawSyntheticBoundaries(db);
  return { units: placed.size, agencies: demoAgencies.length };
}

async function drawSyntheticBoundaries(db: DbOrTx): Promise<void> {
  const bp = provinceOutlines['70'];
  const oldDn = provinceOutlines['DN-old-75'] ?? provinceOutlines['75'];
  if (!bp) throw new Error('demo data lacks the outline of province 70');
  const outline = sql`ST_SetSRID(ST_GeomFromGeoJSON(${ringToGeoJson(bp)}), 4326)`;
  const valid = (d: string) => sql`valid_from <= ${d}::date AND (valid_to IS NULL OR valid_to > ${d}::date)`;
  // 1. Communes of 2025-06-30: Voronoi cells clipped to the outline.
  await db.execute(sql`
    WITH leaves AS (SELECT id, centroid FROM units WHERE path LIKE '/VN/70/%' AND level = 3 AND ${valid(LEAF_DATE)}),
    cells AS (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(centroid), 0, ST_Expand(${outline}, 0.5)))).geom AS cell FROM leaves)
    UPDATE units u SET boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(c.cell, ${outline})), 3))
    FROM leaves l JOIN cells c ON ST_Contains(c.cell, l.centroid)
    WHERE u.id = l.id`);
  // 2. Earlier versions of the same commune (before Chơn Thành became a town) share its territory.
  await db.execute(sql`UPDATE units u SET boundary = v.boundary FROM units v
    WHERE u.boundary IS NULL AND u.level = 3 AND u.path LIKE '/VN/70/%' AND v.official_code = u.official_code AND v.boundary IS NOT NULL AND v.id <> u.id`);
  // 3. Districts are the union of their communes.
  await db.execute(sql`UPDATE units u SET boundary = d.geom FROM (
      SELECT parent_id, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(boundary)), 3)) AS geom FROM units WHERE level = 3 AND path LIKE '/VN/70/%' AND boundary IS NOT NULL GROUP BY parent_id
    ) d WHERE u.id = d.parent_id`);
  // 4. 2025 communes are the union of the old communes they were formed from.
  await db.execute(sql`UPDATE units u SET boundary = n.geom FROM (
      SELECT s.to_unit_id, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(f.boundary)), 3)) AS geom
      FROM unit_successions s JOIN units f ON f.id = s.from_unit_id
      WHERE f.level = 3 AND f.boundary IS NOT NULL AND s.valid_on = '2025-07-01' GROUP BY s.to_unit_id
    ) n WHERE u.id = n.to_unit_id`);
  // 5. Provinces: the outlines; merged Đồng Nai is both together.
  await db.execute(sql`UPDATE units SET boundary = ST_Multi(${outline}) WHERE code = '70'`);
  if (oldDn) {
    const dn = sql`ST_SetSRID(ST_GeomFromGeoJSON(${ringToGeoJson(oldDn)}), 4326)`;
    await db.execute(sql`UPDATE units SET boundary = ST_Multi(${dn}) WHERE code = 'DN-old-75'`);
    await db.execute(sql`UPDATE units SET boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(${outline}, ${dn})), 3)) WHERE code = '75'`);
  }
  await db.execute(sql`UPDATE units SET centroid = ST_PointOnSurface(boundary) WHERE centroid IS NULL AND boundary IS NOT NULL`);
}
