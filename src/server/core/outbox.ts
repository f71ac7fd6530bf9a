// Outbox of messages to outside systems: enqueued in the transaction that causes them, delivered by a
// worker with retries and exponential backoff, every attempt logged with the remote answer.
//
// Claiming: one statement marks due rows as leased (next_attempt_at = now + lease, attempts + 1) while
// selecting them FOR UPDATE SKIP LOCKED, so two workers never claim the same row. No transaction is held
// open across the remote call: on PGlite (one connection) that would stall the whole app for up to the
// connector's timeout, and on PostgreSQL it would pin a pool connection. If a process dies mid-call the
// lease runs out and the row is claimed again: delivery is at-least-once, and the key travels with the
// message so the receiver can drop the duplicate.
import { and, asc, desc, eq, inArray, like, lt, lte, type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, likePattern } from '../db/client.js';
import { outbox, outboxAttempts } from './core.table.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxAttemptRow = typeof outboxAttempts.$inferSelect;
export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface EnqueueInput {
  connector: string;
  key: string;
  payload: unknown;
  entityType?: string | null;
  entityId?: string | null;
  unitPath?: string | null;
}

/** What a connector hands over: the stored message and the number of this attempt (1-based). */
export interface OutboxMessage {
  id: number;
  connector: string;
  key: string;
  payload: unknown;
  attempt: number;
  entityType: string | null;
  entityId: string | null;
  unitPath: string | null;
}

/**
 * A connector's answer. `retryable` defaults from the HTTP status: network errors, 408, 429 and 5xx are
 * retried; any other 4xx is final.
 */
export interface ConnectorAnswer {
  ok: boolean;
  httpStatus?: number;
  body?: string;
  error?: string;
  retryable?: boolean;
}

export type Connector = (msg: OutboxMessage) => Promise<ConnectorAnswer>;

export interface OutboxLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  connectors: Record<string, Connector>;
  log: OutboxLog;
  /** Background poll interval; 0 = no background loop (call drainOnce yourself). Default 5 s. */
  pollMs?: number;
  maxAttempts?: number;     // default 8
  baseDelayMs?: number;     // default 30 s
  batchSize?: number;       // rows claimed per drain, default 10
  leaseMs?: number;         // how long a claimed row is hidden from other workers, default 5 min
}

export interface OutboxWorker {
  stop(): Promise<void>;
  /** Claims one batch of due messages, delivers them, and answers how many were attempted. */
  drainOnce(): Promise<number>;
}

export const MAX_BACKOFF_MS = 60 * 60 * 1000;
export const MAX_RESPONSE_BYTES = 4096;

/** base × 2^(attempt−1), ±20 % jitter, capped at 1 h. */
export function backoffDelay(attempt: number, baseDelayMs: number, random: () => number = Math.random): number {
  const exact = Math.min(baseDelayMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  const jittered = exact * (0.8 + 0.4 * random());
  return Math.max(0, Math.min(Math.round(jittered), MAX_BACKOFF_MS));
}

export function isRetryableStatus(httpStatus: number | undefined): boolean {
  if (httpStatus === undefined) return true; // no answer at all: network error, timeout
  if (httpStatus === 408 || httpStatus === 429) return true;
  return httpStatus >= 500 || httpStatus < 400;
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes = MAX_RESPONSE_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // step back to the start of a character
  return bytes.subarray(0, end).toString('utf8');
}

// ── SQL ──────────────────────────────────────────────────────────────────────────────────────────────

/** Inside the caller's transaction. Re-enqueueing a key is a no-op; answers whether a row was added. */
export async function enqueue(tx: DbOrTx, input: EnqueueInput): Promise<boolean> {
  const rows = await tx.insert(outbox).values({
    connector: input.connector, key: input.key, payload: input.payload,
    entityType: input.entityType ?? null, entityId: input.entityId ?? null, unitPath: input.unitPath ?? null,
  }).onConflictDoNothing({ target: outbox.key }).returning({ id: outbox.id });
  return rows.length > 0;
}

async function claimDue(db: Db, connectors: string[], batchSize: number, leaseMs: number): Promise<OutboxRow[]> {
  if (connectors.length === 0) return [];
  const due = db.select({ id: outbox.id }).from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql`now()`), inArray(outbox.connector, connectors)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(batchSize)
    .for('update', { skipLocked: true });
  return db.update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: sql`now() + ${Math.round(leaseMs)}::int * interval '1 millisecond'` })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
    .returning();
}

interface AttemptRecord { httpStatus: number | null; responseBody: string | null; error: string | null; durationMs: number }

async function recordOutcome(db: Db, row: OutboxRow, attempt: AttemptRecord, next: { status: 'delivered' } | { status: 'failed' } | { status: 'pending'; delayMs: number }) {
  await db.transaction(async (tx) => {
    await tx.insert(outboxAttempts).values({ outboxId: row.id, ...attempt });
    const lastError = attempt.error ?? (attempt.httpStatus !== null && next.status !== 'delivered' ? `HTTP ${attempt.httpStatus}` : null);
    const changes = next.status === 'delivered'
      ? { status: 'delivered', deliveredAt: sql`now()`, lastError: null }
      : next.status === 'failed'
        ? { status: 'failed', lastError }
        : { status: 'pending', lastError, nextAttemptAt: sql`now() + ${Math.round(next.delayMs)}::int * interval '1 millisecond'` };
    // Only the claim that is still current may settle the row (a resend or a newer claim wins).
    await tx.update(outbox).set(changes as Partial<typeof outbox.$inferInsert>)
      .where(and(eq(outbox.id, row.id), eq(outbox.attempts, row.attempts), eq(outbox.status, 'pending')));
  });
}

/** A failed or delivered message goes back to pending, due now, with a fresh round of attempts. */
export async function resend(db: DbOrTx, id: number): Promise<OutboxRow | null> {
  const [row] = await db.update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, deliveredAt: null })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['failed', 'delivered'])))
    .returning();
  return row ?? null;
}

export async function findOutboxMessage(db: DbOrTx, id: number): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}

export interface OutboxFilters {
  connector?: string | undefined;
  status?: OutboxStatus | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Only messages whose unit path starts with this (an actor's scope). */
  unitPathPrefix?: string | undefined;
  /** JSON the payload must contain (jsonb @>), e.g. { header: { formCode: 'B01' } }. */
  payloadContains?: unknown;
  /** Keyset paging: messages with a smaller id. */
  beforeId?: number | undefined;
  limit?: number | undefined;
}

/** Newest first. */
export async function listOutbox(db: DbOrTx, f: OutboxFilters = {}): Promise<OutboxRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (f.connector) conditions.push(eq(outbox.connector, f.connector));
  if (f.status) conditions.push(eq(outbox.status, f.status));
  if (f.entityType) conditions.push(eq(outbox.entityType, f.entityType));
  if (f.entityId) conditions.push(eq(outbox.entityId, f.entityId));
  if (f.unitPathPrefix) conditions.push(like(outbox.unitPath, likePattern(f.unitPathPrefix, { prefix: true })));
  if (f.payloadContains !== undefined) conditions.push(sql`${outbox.payload} @> ${JSON.stringify(f.payloadContains)}::jsonb`);
  if (f.beforeId !== undefined) conditions.push(lt(outbox.id, f.beforeId));
  return db.select().from(outbox).where(and(...conditions)).orderBy(desc(outbox.id)).limit(Math.min(f.limit ?? 100, 1000));
}

/** The attempts of one message, oldest first. */
export async function attemptsOf(db: DbOrTx, id: number): Promise<OutboxAttemptRow[]> {
  return db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, id)).orderBy(asc(outboxAttempts.id));
}

/** The attempts of several messages, oldest first, for a delivery log page. */
export async function attemptsOfMessages(db: DbOrTx, ids: number[]): Promise<OutboxAttemptRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(outboxAttempts).where(inArray(outboxAttempts.outboxId, ids)).orderBy(asc(outboxAttempts.id));
}

// ── worker ───────────────────────────────────────────────────────────────────────────────────────────

function messageOf(row: OutboxRow): OutboxMessage {
  return {
    id: row.id, connector: row.connector, key: row.key, payload: row.payload, attempt: row.attempts,
    entityType: row.entityType, entityId: row.entityId, unitPath: row.unitPath,
  };
}

export function startOutboxWorker(db: Db, options: OutboxWorkerOptions): OutboxWorker {
  const { connectors, log } = options;
  const pollMs = options.pollMs ?? 5000;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const names = Object.keys(connectors);

  async function deliver(row: OutboxRow): Promise<void> {
    const connector = connectors[row.connector]!;
    const started = performance.now();
    let answer: ConnectorAnswer;
    try {
      answer = await connector(messageOf(row));
    } catch (err) {
      answer = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    const attempt: AttemptRecord = {
      httpStatus: answer.httpStatus ?? null,
      responseBody: answer.body === undefined ? null : truncateUtf8(answer.body),
      error: answer.error ?? null,
      durationMs: Math.round(performance.now() - started),
    };
    if (answer.ok) {
      await recordOutcome(db, row, attempt, { status: 'delivered' });
      return;
    }
    const retryable = answer.retryable ?? isRetryableStatus(answer.httpStatus);
    if (!retryable || row.attempts >= maxAttempts) {
      log.warn({ outboxId: row.id, key: row.key, connector: row.connector, attempts: row.attempts, httpStatus: attempt.httpStatus, error: attempt.error }, 'outbox message failed; giving up');
      await recordOutcome(db, row, attempt, { status: 'failed' });
      return;
    }
    await recordOutcome(db, row, attempt, { status: 'pending', delayMs: backoffDelay(row.attempts, baseDelayMs) });
  }

  async function drainOnce(): Promise<number> {
    const rows = await claimDue(db, names, batchSize, leaseMs);
    for (const row of rows) {
      try {
        await deliver(row);
      } catch (err) {
        // Recording failed (database down): the lease expires and the row is claimed again.
        log.error({ err, outboxId: row.id }, 'outbox delivery could not be recorded');
      }
    }
    return rows.length;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  function schedule(ms: number) {
    if (stopped || pollMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      running = (async () => {
        let claimed = 0;
        try {
          claimed = await drainOnce();
        } catch (err) {
          log.error({ err }, 'outbox drain failed');
        }
        running = null;
        schedule(claimed >= batchSize ? 0 : pollMs); // a full batch: there may be more due now
      })();
    }, ms);
    timer.unref();
  }
  schedule(0);

  return {
    drainOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
