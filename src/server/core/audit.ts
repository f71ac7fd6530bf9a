// The one way to write the audit trail: inside the command's own transaction.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog } from './core.table.js';
import type { Actor } from './auth.js';

export interface AuditOrigin { actor: Actor; ip: string | null; requestId: string | null }

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  unitPath: string | null;
  before?: unknown;
  after?: unknown;
}

export async function audit(tx: DbOrTx, origin: AuditOrigin, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    actorType: origin.actor.type,
    actorId: origin.actor.id,
    actorName: origin.actor.name,
    ip: origin.ip,
    requestId: origin.requestId,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    unitPath: record.unitPath,
    before: record.before ?? null,
    after: record.after ?? null,
  });
}

/** Monthly partitions for the current and next two months; rows outside them land in the default one. */
export async function ensureAuditPartitions(db: DbOrTx, now = new Date()): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const name = `audit_log_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
    const exists = await db.execute(sql`SELECT 1 FROM pg_class WHERE relname = ${name}`);
    if ((exists as unknown as { rows: unknown[] }).rows.length > 0) continue;
    await db.execute(sql.raw(
      `CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF audit_log FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
    ));
  }
}
