import { and, desc, eq, gte, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern } from '../../db/client.js';
import { auditLog } from '../../core/core.table.js';

export interface AuditFilter {
  scopePath: string;
  includeUnplaced: boolean;      // entries with no unit (sign-ins, system) — root-scoped readers only
  entityType?: string | undefined; entityId?: string | undefined; actorId?: string | undefined; action?: string | undefined;
  from?: Date | undefined; to?: Date | undefined; before?: number | undefined;
}

export async function listAuditEntries(db: DbOrTx, f: AuditFilter, limit: number) {
  const inScope = sql`${auditLog.unitPath} LIKE ${likePattern(f.scopePath, { prefix: true })}`;
  const conditions: (SQL | undefined)[] = [f.includeUnplaced ? or(inScope, isNull(auditLog.unitPath)) : inScope];
  if (f.entityType) conditions.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conditions.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) conditions.push(eq(auditLog.actorId, f.actorId));
  if (f.action) conditions.push(eq(auditLog.action, f.action));
  if (f.from) conditions.push(gte(auditLog.at, f.from));
  if (f.to) conditions.push(lte(auditLog.at, f.to));
  if (f.before !== undefined) conditions.push(lt(auditLog.id, f.before));
  return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(limit);
}
