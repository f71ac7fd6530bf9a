import { and, asc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern } from '../../db/client.js';
import { inSubtree } from './units.queries.js';
import { agencies, units } from './units.table.js';

const agencyColumns = {
  id: agencies.id, code: agencies.code, name: agencies.name, nameEn: agencies.nameEn, kind: agencies.kind,
  unitId: agencies.unitId, unitName: units.name, unitPath: units.path,
  validFrom: agencies.validFrom, validTo: agencies.validTo, updatedAt: agencies.updatedAt,
};
export type AgencyRecord = NonNullable<Awaited<ReturnType<typeof findAgencyById>>>;

export async function findAgencyById(db: DbOrTx, id: string) {
  const [row] = await db.select(agencyColumns).from(agencies).innerJoin(units, eq(units.id, agencies.unitId)).where(eq(agencies.id, id));
  return row ?? null;
}

export async function findAgenciesByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select(agencyColumns).from(agencies).innerJoin(units, eq(units.id, agencies.unitId)).where(inArray(agencies.id, ids));
}

export async function findAgencyByCode(db: DbOrTx, code: string) {
  const [row] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code));
  return row ?? null;
}

export async function listAgencies(db: DbOrTx, f: { scopePath: string; kind?: string | undefined; q?: string | undefined; includeEnded?: boolean | undefined; today: string }) {
  const conditions: (SQL | undefined)[] = [inSubtree(f.scopePath)];
  if (f.kind) conditions.push(eq(agencies.kind, f.kind));
  if (!f.includeEnded) conditions.push(or(isNull(agencies.validTo), sql`${agencies.validTo} > ${f.today}`));
  if (f.q) {
    const pattern = likePattern(f.q, { contains: true });
    conditions.push(or(ilike(agencies.name, pattern), ilike(agencies.nameEn, pattern), ilike(agencies.code, pattern), sql`unaccent_vi(${agencies.name}) ILIKE unaccent_vi(${pattern})`));
  }
  const where = and(...conditions);
  const items = await db.select(agencyColumns).from(agencies).innerJoin(units, eq(units.id, agencies.unitId)).where(where).orderBy(asc(units.path), asc(agencies.name));
  return { items, total: items.length };
}

export async function insertAgency(db: DbOrTx, row: typeof agencies.$inferInsert) {
  await db.insert(agencies).values(row);
}

export async function updateAgencyRow(db: DbOrTx, id: string, changes: Partial<Pick<typeof agencies.$inferInsert, 'name' | 'nameEn' | 'kind' | 'validTo'>>) {
  await db.update(agencies).set({ ...changes, updatedAt: new Date() }).where(eq(agencies.id, id));
}
