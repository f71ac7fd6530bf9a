import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openPostgres } from '../db/client.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { testDatabaseKind } from '../test/test-database.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await t?.close(); });

interface Listener { messages: Record<string, unknown>[]; socket: WebSocket; waitFor(pred: (m: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>; close(): void }

async function connect(url: string, headers: Record<string, string>): Promise<Listener> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), { headers });
  const messages: Record<string, unknown>[] = [];
  const waiting: { pred: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  socket.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as Record<string, unknown>;
    messages.push(m);
    for (const w of [...waiting]) if (w.pred(m)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(m); }
  });
  await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`))); });
  return {
    messages, socket,
    waitFor(pred, ms = 5000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a hub message')), ms);
        waiting.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    close: () => socket.close(),
  };
}

async function keyFor(scopeCode: string): Promise<string> {
  const a = await t.admin();
  const res = await a.post('/api/api-keys', { name: `hub-${scopeCode}-${Math.random()}`, role: 'viewer', scopeUnitId: await t.unitId(scopeCode) });
  return (res.json() as { secret: string }).secret;
}

async function createAgency(code: string, unitCode: string): Promise<string> {
  const a = await t.admin();
  const res = await a.post('/api/agencies', { code, name: `Cơ quan ${code}`, nameEn: `Agency ${code}`, kind: 'other', unitId: await t.unitId(unitCode), validFrom: '2024-01-01' });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
}

const isEvent = (type: string, code: string) => (m: Record<string, unknown>) => m.type === type && (m.data as { code?: string })?.code === code;

describe('live hub', () => {
  it('refuses a websocket without credentials', async () => {
    await expect(connect(`${base}/api/hub`, {})).rejects.toThrow(/401/);
  });

  it('pushes an event to clients whose scope contains it and not to others', async () => {
    const dongXoai = await connect(`${base}/api/hub?topics=agencies`, { 'x-api-key': await keyFor('689') });
    const binhLong = await connect(`${base}/api/hub?topics=agencies`, { 'x-api-key': await keyFor('690') });
    await dongXoai.waitFor((m) => m.type === 'hub.hello');
    await binhLong.waitFor((m) => m.type === 'hub.hello');
    await createAgency('HUB-DX', '25195');
    const event = await dongXoai.waitFor(isEvent('agency.created', 'HUB-DX'));
    expect(event).toMatchObject({ topic: 'agencies', unitPath: expect.stringContaining('/VN/70/689/25195/'), seq: expect.any(Number), at: expect.any(String) });
    // A later event in its own district proves the other client was listening and filtered out the first.
    await createAgency('HUB-PL', '690');
    await binhLong.waitFor(isEvent('agency.created', 'HUB-PL'));
    expect(binhLong.messages.some(isEvent('agency.created', 'HUB-DX'))).toBe(false);
    dongXoai.close();
    binhLong.close();
  });

  it('delivers only the subscribed topics', async () => {
    const key = await keyFor('70');
    const unitsOnly = await connect(`${base}/api/hub?topics=units`, { 'x-api-key': key });
    const everything = await connect(`${base}/api/hub`, { 'x-api-key': key });
    await unitsOnly.waitFor((m) => m.type === 'hub.hello');
    await everything.waitFor((m) => m.type === 'hub.hello');
    await createAgency('HUB-TOPIC', '70');
    await everything.waitFor(isEvent('agency.created', 'HUB-TOPIC'));
    expect(unitsOnly.messages.some((m) => m.topic === 'agencies')).toBe(false);
    unitsOnly.close();
    everything.close();
  });

  it('replays what a reconnecting client missed, in order, then says hello', async () => {
    const key = await keyFor('70');
    const first = await connect(`${base}/api/hub`, { 'x-api-key': key });
    const hello = await first.waitFor((m) => m.type === 'hub.hello') as { lastSeq: number };
    first.close();
    await createAgency('HUB-MISS-1', '70');
    await createAgency('HUB-MISS-2', '70');
    const again = await connect(`${base}/api/hub?since=${hello.lastSeq}`, { 'x-api-key': key });
    const hello2 = await again.waitFor((m) => m.type === 'hub.hello') as { replayed: number };
    expect(hello2.replayed).toBeGreaterThanOrEqual(2);
    const codes = again.messages.filter((m) => m.type === 'agency.created').map((m) => (m.data as { code: string }).code);
    expect(codes).toEqual(['HUB-MISS-1', 'HUB-MISS-2']);
    const seqs = again.messages.filter((m) => typeof m.seq === 'number').map((m) => m.seq as number);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    again.close();
  });

  it('tells a client to refetch when what it missed is older than the replay window', async () => {
    await t.database.db.execute(sql`INSERT INTO events (at, topic, type, unit_path, data) VALUES (now() - interval '1 hour', 'system', 'old.event', NULL, '{"ids":[]}')`);
    await createAgency('HUB-AFTER-OLD', '70');
    const client = await connect(`${base}/api/hub?since=0`, { 'x-api-key': await keyFor('70') });
    const reset = await client.waitFor((m) => m.type === 'hub.reset');
    expect(reset).toMatchObject({ reason: 'too-old' });
    client.close();
  });

  it.runIf(testDatabaseKind() === 'postgres')('reaches clients of another server process on the same PostgreSQL (LISTEN/NOTIFY)', async () => {
    const second = await openPostgres(t.url!, 3);
    let other: FastifyInstance | null = null;
    try {
      other = await buildApp({ config: loadConfig({ IOC_LOG_LEVEL: 'silent', IOC_WEB_DIR: '/nonexistent' }), database: second, logger: false });
      const otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
      const client = await connect(`${otherBase}/api/hub?topics=agencies`, { 'x-api-key': await keyFor('70') });
      await client.waitFor((m) => m.type === 'hub.hello');
      const started = Date.now();
      await createAgency('HUB-CROSS', '70'); // written through the first server
      await client.waitFor(isEvent('agency.created', 'HUB-CROSS'), 3000);
      expect(Date.now() - started).toBeLessThan(3000);
      client.close();
    } finally {
      await other?.close();
      await second.close();
    }
  });
});
