// Idempotent ingest: the first answer to (scope, key) is stored in the same transaction as its effect,
// so a retry after a timeout or crash returns that answer instead of applying the change twice.
import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { idempotencyKeys } from './core.table.js';
import { AppError } from './errors.js';

export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export async function withIdempotency<T>(
  tx: DbOrTx, scope: string, key: string, hash: string, run: () => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  const [previous] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (previous) {
    if (previous.requestHash !== hash) throw new AppError('idempotency-mismatch');
    return { status: previous.status, body: previous.response as T, replayed: true };
  }
  const result = await run();
  await tx.insert(idempotencyKeys).values({ scope, key, requestHash: hash, status: result.status, response: result.body as object });
  return { ...result, replayed: false };
}

export async function pruneIdempotencyKeys(db: DbOrTx, olderThanDays = 7): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(Date.now() - olderThanDays * 86400_000)));
}
