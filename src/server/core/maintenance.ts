// Periodic housekeeping of one process. Idempotent, so several processes may run it side by side.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { deleteExpiredSessions } from '../domains/accounts/accounts.queries.js';
import { ensureAuditPartitions } from './audit.js';
import { pruneIdempotencyKeys } from './idempotency.js';

export function startMaintenance(db: Db, log: FastifyBaseLogger): () => void {
  const run = async () => {
    await ensureAuditPartitions(db).catch((err: unknown) => log.warn({ err }, 'maintenance: audit partitions'));
    await deleteExpiredSessions(db).catch((err: unknown) => log.warn({ err }, 'maintenance: expired sessions'));
    await pruneIdempotencyKeys(db).catch((err: unknown) => log.warn({ err }, 'maintenance: idempotency keys'));
  };
  const timer = setInterval(() => { void run(); }, 6 * 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
