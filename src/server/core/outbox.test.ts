import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { outbox } from './core.table.js';
import {
  attemptsOf, backoffDelay, type ConnectorAnswer, enqueue, isRetryableStatus, listOutbox, type OutboxMessage, type OutboxWorker, resend,
  startOutboxWorker, truncateUtf8,
} from './outbox.js';

let t: TestApp;
let db: Db;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const workers: OutboxWorker[] = [];
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each test uses its own connector name, so workers only ever see their own test's messages. */
function worker(connector: string, deliver: (msg: OutboxMessage) => Promise<ConnectorAnswer>, opts: { maxAttempts?: number; baseDelayMs?: number; batchSize?: number } = {}) {
  const w = startOutboxWorker(db, { connectors: { [connector]: deliver }, log: silent, pollMs: 0, baseDelayMs: 10, ...opts });
  workers.push(w);
  return w;
}

async function enqueueOne(connector: string, payload: unknown = { n: 1 }) {
  const key = `${connector}:${++seq}`;
  await db.transaction((tx) => enqueue(tx, { connector, key, payload, entityType: 'test', entityId: String(seq), unitPath: '/VN/70/' }));
  const [row] = await db.select().from(outbox).where(eq(outbox.key, key));
  return row!;
}

async function drainUntil(w: OutboxWorker, done: () => Promise<boolean>, rounds = 200) {
  for (let i = 0; i < rounds && !(await done()); i++) {
    if ((await w.drainOnce()) === 0) await sleep(5);
  }
}

const rowOf = async (id: number) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

describe('backoff', () => {
  it('doubles from the base with ±20 % jitter and stops at one hour', () => {
    expect(backoffDelay(1, 30_000, () => 0.5)).toBe(30_000);
    expect(backoffDelay(3, 30_000, () => 0.5)).toBe(120_000);
    expect(backoffDelay(3, 30_000, () => 0)).toBe(96_000);
    expect(backoffDelay(3, 30_000, () => 1)).toBe(144_000);
    expect(backoffDelay(20, 30_000, () => 1)).toBe(3_600_000);
    expect(backoffDelay(20, 30_000, () => 0)).toBe(2_880_000);
  });

  it('retries network errors, 408, 429 and 5xx but not other 4xx', () => {
    expect([undefined, 408, 429, 500, 503].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 422].map(isRetryableStatus)).toEqual([false, false, false, false, false]);
  });

  it('cuts a response body to 4 KB without splitting a Vietnamese character', () => {
    const cut = truncateUtf8('ệ'.repeat(2000)); // 3 bytes each
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
    expect(cut).toBe('ệ'.repeat(1365));
  });
});

describe('outbox', () => {
  it('does nothing when the same key is enqueued again', async () => {
    const row = await enqueueOne('twice');
    const again = await db.transaction((tx) => enqueue(tx, { connector: 'twice', key: row.key, payload: { other: true } }));
    expect(again).toBe(false);
    expect(await listOutbox(db, { connector: 'twice' })).toHaveLength(1);
  });

  it('retries with growing delays until the receiver accepts, logging every attempt', async () => {
    const row = await enqueueOne('flaky');
    let calls = 0;
    const w = worker('flaky', async (msg) => {
      calls++;
      expect(msg.attempt).toBe(calls);
      return calls < 4 ? { ok: false, httpStatus: 503, body: `busy ${calls}` } : { ok: true, httpStatus: 200, body: '{"receipt":"r1"}' };
    });
    const delays: number[] = [];
    await drainUntil(w, async () => {
      const r = await rowOf(row.id);
      if (r.status === 'pending' && r.attempts > delays.length) {
        const attempts = await attemptsOf(db, row.id);
        delays.push(r.nextAttemptAt.getTime() - attempts.at(-1)!.at.getTime());
      }
      return r.status !== 'pending';
    });
    const done = await rowOf(row.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 4, lastError: null });
    expect(done.deliveredAt).toBeInstanceOf(Date);
    // Scheduled 10, 20, 40 ms after each failure (±20 %).
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(Math.floor(10 * 2 ** i * 0.8));
      expect(d).toBeLessThanOrEqual(Math.ceil(10 * 2 ** i * 1.2));
    });
    const log = await attemptsOf(db, row.id);
    expect(log.map((a) => [a.httpStatus, a.responseBody])).toEqual([[503, 'busy 1'], [503, 'busy 2'], [503, 'busy 3'], [200, '{"receipt":"r1"}']]);
  });

  it('gives up after maxAttempts, and a thrown error counts as a retryable failure', async () => {
    const row = await enqueueOne('down');
    let calls = 0;
    const w = worker('down', async () => { calls++; throw new Error('connect ECONNREFUSED'); }, { maxAttempts: 3, baseDelayMs: 1 });
    await drainUntil(w, async () => (await rowOf(row.id)).status !== 'pending');
    expect(await rowOf(row.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'connect ECONNREFUSED' });
    expect(calls).toBe(3);
    expect((await attemptsOf(db, row.id)).map((a) => a.error)).toEqual(Array(3).fill('connect ECONNREFUSED'));
    await w.drainOnce();
    expect(calls).toBe(3); // failed messages are not picked up again
  });

  it('gives up at once on a refusal (4xx other than 408/429)', async () => {
    const row = await enqueueOne('refuse');
    const w = worker('refuse', async () => ({ ok: false, httpStatus: 422, body: '{"error":"unknown indicator"}' }));
    await w.drainOnce();
    expect(await rowOf(row.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 422' });
  });

  it('never delivers a key twice when two workers drain at the same time', async () => {
    const rows = [];
    for (let i = 0; i < 12; i++) rows.push(await enqueueOne('race'));
    const delivered: string[] = [];
    const deliver = async (msg: OutboxMessage): Promise<ConnectorAnswer> => {
      delivered.push(msg.key);
      await sleep(15); // stays in flight while the other worker claims
      return { ok: true, httpStatus: 200 };
    };
    const a = worker('race', deliver, { batchSize: 3 });
    const b = worker('race', deliver, { batchSize: 3 });
    for (let round = 0; round < 20; round++) {
      const claimed = await Promise.all([a.drainOnce(), b.drainOnce(), a.drainOnce(), b.drainOnce()]);
      if (claimed.every((n) => n === 0)) break;
    }
    expect(delivered.toSorted()).toEqual(rows.map((r) => r.key).toSorted());
    expect(new Set(delivered).size).toBe(delivered.length);
    for (const r of rows) expect(await attemptsOf(db, r.id)).toHaveLength(1);
    expect(await listOutbox(db, { connector: 'race', status: 'delivered' })).toHaveLength(12);
  });

  it('sends a failed or delivered message again on resend, not one still pending', async () => {
    const row = await enqueueOne('manual');
    let answer: ConnectorAnswer = { ok: false, httpStatus: 400, body: 'bad' };
    const keys: string[] = [];
    const w = worker('manual', async (msg) => { keys.push(msg.key); return answer; });
    await w.drainOnce();
    expect(await rowOf(row.id)).toMatchObject({ status: 'failed' });

    const again = await resend(db, row.id);
    expect(again).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await resend(db, row.id)).toBeNull(); // already pending
    answer = { ok: true, httpStatus: 200, body: 'ok' };
    await w.drainOnce();
    expect(await rowOf(row.id)).toMatchObject({ status: 'delivered', attempts: 1 });

    await resend(db, row.id);
    await w.drainOnce();
    expect(keys).toEqual([row.key, row.key, row.key]);
    expect((await attemptsOf(db, row.id)).map((a) => a.httpStatus)).toEqual([400, 200, 200]);
  });

  it('filters the delivery log by status, scope and payload', async () => {
    await enqueueOne('log', { header: { formCode: 'A' } });
    await enqueueOne('log', { header: { formCode: 'B' } });
    expect(await listOutbox(db, { connector: 'log', payloadContains: { header: { formCode: 'B' } } })).toHaveLength(1);
    expect(await listOutbox(db, { connector: 'log', unitPathPrefix: '/VN/70/' })).toHaveLength(2);
    expect(await listOutbox(db, { connector: 'log', unitPathPrefix: '/VN/75/' })).toHaveLength(0);
    expect(await listOutbox(db, { connector: 'log', status: 'delivered' })).toHaveLength(0);
  });

  it('delivers in the background until stopped', async () => {
    const row = await enqueueOne('background');
    const w = startOutboxWorker(db, { connectors: { background: async () => ({ ok: true, httpStatus: 204 }) }, log: silent, pollMs: 10 });
    workers.push(w);
    for (let i = 0; i < 200 && (await rowOf(row.id)).status === 'pending'; i++) await sleep(10);
    await w.stop();
    expect((await rowOf(row.id)).status).toBe('delivered');
  });
});
