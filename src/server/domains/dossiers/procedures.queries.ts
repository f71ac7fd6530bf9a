import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern } from '../../db/client.js';
import { agencies } from '../units/units.table.js';
import { procedures } from './dossiers.table.js';

const procedureColumns = {
  id: procedures.id, code: procedures.code, nationalCode: procedures.nationalCode, name: procedures.name, nameEn: procedures.nameEn,
  field: procedures.field, level: procedures.level, processingDays: procedures.processingDays, onlineLevel: procedures.onlineLevel,
  agencyId: procedures.agencyId, agencyName: agencies.name, active: procedures.active, updatedAt: procedures.updatedAt,
};
export interface ProcedureRecord {
  id: string; code: string; nationalCode: string | null; name: string; nameEn: string | null; field: string; level: string;
  processingDays: number; onlineLevel: string; agencyId: string | null; agencyName: string | null; active: boolean; updatedAt: Date;
}

export interface ProcedureFilter {
  q?: string | undefined; field?: string | undefined; level?: string | undefined; onlineLevel?: string | undefined;
  agencyId?: string | undefined; active?: boolean | undefined; limit: number; offset: number;
}

export async function listProcedures(db: DbOrTx, f: ProcedureFilter): Promise<{ items: ProcedureRecord[]; total: number }> {
  const conditions: (SQL | undefined)[] = [];
  if (f.field) conditions.push(eq(procedures.field, f.field));
  if (f.level) conditions.push(eq(procedures.level, f.level));
  if (f.onlineLevel) conditions.push(eq(procedures.onlineLevel, f.onlineLevel));
  if (f.agencyId) conditions.push(eq(procedures.agencyId, f.agencyId));
  if (f.active !== undefined) conditions.push(eq(procedures.active, f.active));
  if (f.q) {
    const p = likePattern(f.q, { contains: true });
    conditions.push(or(ilike(procedures.code, p), ilike(procedures.nationalCode, p), ilike(procedures.nameEn, p), sql`unaccent_vi(${procedures.name}) ILIKE unaccent_vi(${p})`));
  }
  const where = and(...conditions);
  const items = await db.select(procedureColumns).from(procedures).leftJoin(agencies, eq(agencies.id, procedures.agencyId))
    .where(where).orderBy(asc(procedures.field), asc(procedures.name), asc(procedures.code)).limit(f.limit).offset(f.offset);
  const [total] = await db.select({ n: count() }).from(procedures).where(where);
  return { items, total: Number(total?.n ?? 0) };
}

export async function listProcedureFields(db: DbOrTx): Promise<{ field: string; procedures: number }[]> {
  const rows = await db.select({ field: procedures.field, procedures: count() }).from(procedures).groupBy(procedures.field).orderBy(asc(procedures.field));
  return rows.map((r) => ({ field: r.field, procedures: Number(r.procedures) }));
}

export async function findProcedureById(db: DbOrTx, id: string): Promise<ProcedureRecord | null> {
  const [row] = await db.select(procedureColumns).from(procedures).leftJoin(agencies, eq(agencies.id, procedures.agencyId)).where(eq(procedures.id, id));
  return row ?? null;
}

export async function findProcedureIdByCode(db: DbOrTx, code: string): Promise<string | null> {
  const [row] = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, code));
  return row?.id ?? null;
}

export async function insertProcedure(db: DbOrTx, row: typeof procedures.$inferInsert): Promise<void> {
  await db.insert(procedures).values(row);
}

export async function updateProcedureRow(db: DbOrTx, id: string, changes: Partial<typeof procedures.$inferInsert>): Promise<void> {
  await db.update(procedures).set({ ...changes, updatedAt: new Date() }).where(eq(procedures.id, id));
}

export async function findAgencyPath(db: DbOrTx, id: string): Promise<string | null> {
  const rows = await db.execute(sql`SELECT u.path FROM agencies a JOIN units u ON u.id = a.unit_id WHERE a.id = ${id}`);
  return (rows as unknown as { rows: { path: string }[] }).rows[0]?.path ?? null;
}
