import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { applyTelemetryRetention, ensureTelemetryPartitions, rollUpClosedHours } from './readings.queries.js';
import { devicesMatching, readingsInWindow } from './telemetry.service.js';

let t: TestApp;
let admin: Agent;
let apiKey: string;
let unitA: string;   // a ward of the demo province
let unitB: string;   // another ward
let seq = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  unitA = await t.unitId('DN-new-p-dong-xoai');
  unitB = await t.unitId('DN-new-p-binh-long');
  const created = await admin.post('/api/api-keys', { name: 'gateway', role: 'agency_officer', scopeUnitId: await t.unitId('75') });
  expect(created.statusCode, created.body).toBe(201);
  apiKey = (created.json() as { secret: string }).secret;
});
afterAll(async () => { await t?.close(); });

async function registerDevice(overrides: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const id = (overrides.id as string | undefined) ?? nextId('aq');
  const res = await admin.post('/api/telemetry/devices', {
    id, type: 'air-quality', name: `Trạm quan trắc ${id}`, unitId: unitA, lon: 106.86, lat: 11.51,
    metricUnits: { pm25: 'µg/m³' }, reportingIntervalSeconds: 60, ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id, token: (res.json() as { token: string }).token };
}

function postReadings(body: unknown, headers: Record<string, string> = { 'x-api-key': apiKey }) {
  return t.app.inject({ method: 'POST', url: '/api/telemetry/readings', payload: body as Record<string, unknown>, headers });
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('device registry', () => {
  it('registers a device, shows its token once and stores only its hash', async () => {
    const { id, token } = await registerDevice();
    expect(token).toMatch(/^iocd_/);
    const stored = await selectRows<{ token_hash: string }>(t.database.db, sql`SELECT token_hash FROM devices WHERE id = ${id}`);
    expect(stored[0]!.token_hash).not.toContain(token);
    const got = await admin.get(`/api/telemetry/devices/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.body).not.toContain(token);
    expect(got.json()).toMatchObject({ id, type: 'air-quality', status: 'never-seen', lon: 106.86, lat: 11.51, unitId: unitA });
    const srid = await selectRows<{ srid: number }>(t.database.db, sql`SELECT Find_SRID('public', 'devices', 'location') AS srid`);
    expect(Number(srid[0]!.srid)).toBe(4326);
    const audited = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'device.create' AND entity_id = ${id}`);
    expect(audited[0]!.n).toBe(1);
  });

  it('refuses a second device with the same id and an id that is not topic-safe', async () => {
    const { id } = await registerDevice();
    const again = await admin.post('/api/telemetry/devices', { id, type: 'air-quality', name: 'x', unitId: unitA });
    expect(again.statusCode).toBe(409);
    const bad = await admin.post('/api/telemetry/devices', { id: 'Trạm/1', type: 'air-quality', name: 'x', unitId: unitA });
    expect(bad.statusCode).toBe(400);
  });

  it('updates, rotates the token (the old one stops working) and deletes a device', async () => {
    const { id, token } = await registerDevice();
    const patched = await admin.patch(`/api/telemetry/devices/${id}`, { name: 'Trạm mới', unitId: unitB, reportingIntervalSeconds: 300 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Trạm mới', unitId: unitB, reportingIntervalSeconds: 300 });
    const rotated = await admin.post(`/api/telemetry/devices/${id}/token`);
    const newToken = (rotated.json() as { token: string }).token;
    expect(newToken).not.toBe(token);
    const old = await postReadings({ readings: [{ deviceId: id, ts: Date.now(), values: { pm25: 1 } }] }, { 'x-device-token': token });
    expect(old.statusCode).toBe(401);
    const fresh = await postReadings({ readings: [{ deviceId: id, ts: Date.now(), values: { pm25: 1 } }] }, { 'x-device-token': newToken });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect((await admin.request({ method: 'DELETE', url: `/api/telemetry/devices/${id}` })).statusCode).toBe(200);
    expect((await admin.get(`/api/telemetry/devices/${id}`)).statusCode).toBe(404);
  });

  it('keeps devices of other units out of a ward-scoped user’s sight and refuses them writes', async () => {
    const { id } = await registerDevice({ unitId: unitB });
    const officer = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    expect((await officer.get(`/api/telemetry/devices/${id}`)).statusCode).toBe(404);
    const list = (await officer.get('/api/telemetry/devices?limit=1000')).json() as { items: { id: string; unitId: string }[] };
    expect(list.items.every((d) => d.unitId === unitA)).toBe(true);
    const create = await officer.post('/api/telemetry/devices', { id: nextId('x'), type: 'air-quality', name: 'x', unitId: unitA });
    expect(create.statusCode).toBe(403);   // operators read sensors, they do not manage them
  });

  it('answers devices by type and unit subtree to other domains', async () => {
    const { id } = await registerDevice({ type: 'water-level', unitId: unitB });
    const bPath = (await selectRows<{ path: string }>(t.database.db, sql`SELECT path FROM units WHERE id = ${unitB}`))[0]!.path;
    const found = await devicesMatching(t.database.db, { type: 'water-level', unitPath: bPath });
    expect(found.map((d) => d.id)).toContain(id);
    expect(found.every((d) => d.type === 'water-level' && d.unitPath.startsWith(bPath))).toBe(true);
    expect(await devicesMatching(t.database.db, { ids: [id] })).toEqual([expect.objectContaining({ id, status: 'never-seen', lastSeenAt: null })]);
  });
});

describe('HTTP batch ingest', () => {
  it('writes many devices × many points in one request, then serves them raw and as latest values', async () => {
    const a = await registerDevice();
    const b = await registerDevice();
    const readings = [];
    for (let i = 0; i < 30; i++) {
      readings.push({ deviceId: a.id, ts: minutesAgo(30 - i).toISOString(), values: { pm25: 10 + i, pm10: 20 + i } });
      readings.push({ deviceId: b.id, ts: minutesAgo(30 - i).getTime(), values: { pm25: 50 + i } });
    }
    const res = await postReadings({ readings });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 90, duplicates: 0, rejected: 0, errors: [] });
    const rows = await readingsInWindow(t.database.db, { deviceIds: [b.id, a.id], metric: 'pm25', from: minutesAgo(31), to: new Date() });
    expect(rows).toHaveLength(60);
    expect(rows[0]!.deviceId <= rows[59]!.deviceId).toBe(true);
    expect(rows.filter((r) => r.deviceId === a.id).map((r) => r.value)).toEqual(Array.from({ length: 30 }, (_, i) => 10 + i));
    const latest = (await admin.get(`/api/telemetry/latest?unitId=${unitA}`)).json() as { items: { id: string; status: string; values: Record<string, { value: number }> }[] };
    const la = latest.items.find((d) => d.id === a.id)!;
    expect(la.status).toBe('online');
    expect(la.values.pm25!.value).toBe(39);
    expect(la.values.pm10!.value).toBe(49);
  });

  it('accepts a device’s own points with its token and refuses its points for another device', async () => {
    const a = await registerDevice();
    const b = await registerDevice();
    const res = await postReadings({ readings: [
      { deviceId: a.id, ts: Date.now(), values: { pm25: 5 } },
      { deviceId: b.id, ts: Date.now(), values: { pm25: 6 } },
    ] }, { 'x-device-token': a.token });
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 1, errors: [{ deviceId: b.id, reason: 'bad-token' }] });
    expect((await postReadings({ readings: [] }, { 'x-device-token': 'iocd_wrong' })).statusCode).toBe(401);
    expect((await postReadings({ readings: [] }, {})).statusCode).toBe(401);
  });

  it('refuses bad points one by one and still writes the good ones', async () => {
    const a = await registerDevice();
    const res = await postReadings({ readings: [
      { deviceId: a.id, ts: Date.now(), values: { pm25: 12.5, pm10: 'high', no2: null, o3: 4 } },
      { deviceId: 'no-such-device', ts: Date.now(), values: { pm25: 1 } },
      { deviceId: a.id, ts: new Date(Date.now() + 86_400_000).toISOString(), values: { pm25: 1 } },   // a day in the future
      { deviceId: a.id, ts: '2001-01-01T00:00:00Z', values: { pm25: 1 } },                         // years in the past
      { deviceId: a.id, ts: 'yesterday', values: { pm25: 1 } },
      { deviceId: a.id, ts: Date.now() - 1000, values: { 'bad metric!': 1 } },
    ] });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { accepted: number; rejected: number; errors: { deviceId: string; metric: string; reason: string }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected).toBe(7);
    expect(body.errors.map((e) => e.reason).sort()).toEqual([
      'bad-metric', 'not-a-number', 'not-a-number', 'timestamp-out-of-window', 'timestamp-out-of-window', 'timestamp-out-of-window', 'unknown-device',
    ]);
    const stats = (await admin.get('/api/telemetry/ingest-stats')).json() as { rejected: Record<string, number> };
    expect(stats.rejected['not-a-number']).toBeGreaterThanOrEqual(2);
    expect(stats.rejected['unknown-device']).toBeGreaterThanOrEqual(1);
  });

  it('refuses a malformed body as a whole', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/telemetry/readings', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, payload: '{"readings": [' });
    expect(res.statusCode).toBe(400);
  });

  it('stores a redelivered point once and says it was a duplicate', async () => {
    const a = await registerDevice();
    const ts = minutesAgo(5).toISOString();
    const first = await postReadings({ readings: [{ deviceId: a.id, ts, values: { pm25: 7 } }, { deviceId: a.id, ts, values: { pm25: 8 } }] });
    expect(first.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    const again = await postReadings({ readings: [{ deviceId: a.id, ts, values: { pm25: 9 } }, { deviceId: a.id, ts: minutesAgo(4).toISOString(), values: { pm25: 10 } }] });
    expect(again.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    const rows = await readingsInWindow(t.database.db, { deviceIds: [a.id], metric: 'pm25', from: minutesAgo(10), to: new Date() });
    expect(rows.map((r) => r.value)).toEqual([7, 10]);
    const series = (await admin.get(`/api/telemetry/devices/${a.id}/series?metric=pm25&from=${encodeURIComponent(minutesAgo(60).toISOString())}&resolution=1h`)).json() as { points: { count: number }[] };
    expect(series.points.reduce((n, p) => n + p.count, 0)).toBe(2);   // the rollups did not count the duplicates
  });

  it('limits a flooding device without slowing the others', async () => {
    const flood = await registerDevice();
    const quiet = await registerDevice();
    const now = Date.now();
    const readings = Array.from({ length: 6000 }, (_, i) => ({ deviceId: flood.id, ts: now - 6000 + i, values: { pm25: i } }));
    readings.push({ deviceId: quiet.id, ts: now, values: { pm25: 1 } });
    const res = await postReadings({ readings });
    const body = res.json() as { accepted: number; rejected: number; errors: { deviceId: string; reason: string }[] };
    expect(body.rejected).toBeGreaterThan(900);   // burst 5,000 by default
    expect(body.errors.every((e) => e.deviceId === flood.id && e.reason === 'rate-limited')).toBe(true);
    expect(body.accepted).toBe(6001 - body.rejected);
    const q = await readingsInWindow(t.database.db, { deviceIds: [quiet.id], metric: 'pm25', from: minutesAgo(1), to: new Date(now + 1) });
    expect(q).toHaveLength(1);
  });

  it('answers only after the points are committed (a reader sees them as soon as the answer arrives)', async () => {
    const a = await registerDevice();
    const sends = Array.from({ length: 20 }, (_, i) => postReadings({ readings: [{ deviceId: a.id, ts: minutesAgo(20 - i).getTime(), values: { pm25: i } }] }).then(async (res) => {
      expect(res.statusCode).toBe(200);
      const stored = await selectRows<{ n: number }>(t.database.db, sql`
        SELECT count(*)::int AS n FROM telemetry_readings r JOIN telemetry_series s ON s.id = r.series_id
        WHERE s.device_id = ${a.id} AND r.value = ${i}`);
      return stored[0]!.n;
    }));
    const seen = await Promise.all(sends);
    expect(seen.every((n) => n === 1)).toBe(true);
  });
});

describe('rollups and series', () => {
  it('keeps 1-minute, 1-hour and 1-day avg/min/max/count equal to the raw points across batches', async () => {
    const a = await registerDevice();
    const base = new Date(Date.now() - 3 * 3_600_000);
    base.setUTCMinutes(0, 0, 0);
    const values: { at: number; v: number }[] = [];
    for (let i = 0; i < 180; i++) values.push({ at: base.getTime() + i * 60_000 + 15_000, v: Math.round(Math.sin(i / 10) * 1000) / 10 });
    // Three batches, interleaved across buckets
    for (let k = 0; k < 3; k++) {
      const part = values.filter((_, i) => i % 3 === k);
      const res = await postReadings({ readings: part.map((p) => ({ deviceId: a.id, ts: p.at, values: { pm25: p.v } })) });
      expect(res.json()).toMatchObject({ accepted: part.length });
    }
    const from = encodeURIComponent(base.toISOString());
    const to = encodeURIComponent(new Date(base.getTime() + 3 * 3_600_000).toISOString());
    const hourly = (await admin.get(`/api/telemetry/devices/${a.id}/series?metric=pm25&from=${from}&to=${to}&resolution=1h`)).json() as { resolution: string; points: { at: string; avg: number; min: number; max: number; count: number }[] };
    expect(hourly.resolution).toBe('1h');
    expect(hourly.points).toHaveLength(3);
    hourly.points.forEach((p, h) => {
      const vs = values.slice(h * 60, h * 60 + 60).map((x) => x.v);
      expect(p.count).toBe(60);
      expect(p.min).toBe(Math.min(...vs));
      expect(p.max).toBe(Math.max(...vs));
      expect(p.avg).toBeCloseTo(vs.reduce((s, v) => s + v, 0) / 60, 9);
      expect(p.at).toBe(new Date(base.getTime() + h * 3_600_000).toISOString());
    });
    const minutely = (await admin.get(`/api/telemetry/devices/${a.id}/series?metric=pm25&from=${from}&to=${to}&resolution=1m`)).json() as { points: { avg: number; count: number }[] };
    expect(minutely.points).toHaveLength(180);
    expect(minutely.points.map((p) => p.avg)).toEqual(values.map((v) => v.v));
    const daily = (await admin.get(`/api/telemetry/devices/${a.id}/series?metric=pm25&from=${encodeURIComponent(new Date(Date.now() - 3 * 86_400_000).toISOString())}&resolution=1d`)).json() as { points: { count: number; sum?: number }[] };
    expect(daily.points.reduce((n, p) => n + p.count, 0)).toBe(180);
    const auto = (await admin.get(`/api/telemetry/devices/${a.id}/series?metric=pm25&from=${encodeURIComponent(minutesAgo(60).toISOString())}`)).json() as { resolution: string };
    expect(auto.resolution).toBe('raw');
  });

  it('counts each point once in hourly and daily series, before and after its hour is rolled up from the minutes', async () => {
    const db = t.database.db;
    const a = await registerDevice();
    const now = Date.now();
    const hour = now - (now % 3_600_000);
    // Hourly and daily rollups hold everything before the watermark; from it on, points are only in the 1-minute rollup.
    await db.execute(sql`UPDATE telemetry_rollup_watermark SET at = ${new Date(hour - 2 * 3_600_000).toISOString()}::timestamptz`);
    const points = [
      { at: hour - 3 * 3_600_000 + 60_000, v: 10 },   // late: before the watermark, straight into 1h/1d
      { at: hour - 2 * 3_600_000 + 60_000, v: 20 }, { at: hour - 2 * 3_600_000 + 120_000, v: 24 },
      { at: hour - 3_600_000 + 60_000, v: 30 },
      { at: Math.min(hour + 1_000, now - 1), v: 40 },
    ];
    expect((await postReadings({ readings: points.map((p) => ({ deviceId: a.id, ts: p.at, values: { pm25: p.v } })) })).json()).toMatchObject({ accepted: 5 });
    const [s] = await selectRows<{ id: number }>(db, sql`SELECT id FROM telemetry_series WHERE device_id = ${a.id}`);
    const storedHours = async () => (await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM telemetry_rollups_1h WHERE series_id = ${s!.id}`))[0]!.n;
    expect(await storedHours()).toBe(1);   // only the late point's hour was written directly
    const from = encodeURIComponent(new Date(hour - 3 * 3_600_000).toISOString());
    const hourly = async () => ((await admin.get(`/api/telemetry/devices/${a.id}/series?metric=pm25&from=${from}&resolution=1h`)).json() as { points: { at: string; count: number; avg: number; min: number; max: number }[] }).points;
    const daily = async () => ((await admin.get(`/api/telemetry/devices/${a.id}/series?metric=pm25&from=${encodeURIComponent(new Date(now - 2 * 86_400_000).toISOString())}&resolution=1d`)).json() as { points: { count: number; avg: number }[] }).points;
    const expected = [
      { at: new Date(hour - 3 * 3_600_000).toISOString(), count: 1, avg: 10, min: 10, max: 10 },
      { at: new Date(hour - 2 * 3_600_000).toISOString(), count: 2, avg: 22, min: 20, max: 24 },
      { at: new Date(hour - 3_600_000).toISOString(), count: 1, avg: 30, min: 30, max: 30 },
      { at: new Date(hour).toISOString(), count: 1, avg: 40, min: 40, max: 40 },
    ];
    expect(await hourly()).toEqual(expected);
    expect((await daily()).reduce((n, p) => n + p.count, 0)).toBe(5);

    // The job adds the two closed hours since the watermark and moves it to the current hour; answers stay the same.
    expect(await rollUpClosedHours(db, new Date(now))).toBe(2);
    expect(await storedHours()).toBe(3);
    expect(await hourly()).toEqual(expected);
    expect((await daily()).reduce((n, p) => n + p.count, 0)).toBe(5);
    expect(await rollUpClosedHours(db, new Date(now))).toBe(0);   // nothing twice

    // A point arriving late for a rolled-up hour goes straight into it.
    expect((await postReadings({ readings: [{ deviceId: a.id, ts: hour - 2 * 3_600_000 + 180_000, values: { pm25: 28 } }] })).json()).toMatchObject({ accepted: 1 });
    expect((await hourly())[1]).toEqual({ at: new Date(hour - 2 * 3_600_000).toISOString(), count: 3, avg: 24, min: 20, max: 28 });
    expect((await daily()).reduce((n, p) => n + p.count, 0)).toBe(6);
  });

  it('drops whole days of history past retention and keeps the newer ones', async () => {
    const db = t.database.db;
    const now = new Date();
    await ensureTelemetryPartitions(db, { pastDays: 40, aheadDays: 2, now });
    const before = await selectRows<{ name: string }>(db, sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'telemetry_readings'`);
    expect(before.length).toBeGreaterThanOrEqual(43);
    // A reading and hourly/daily rollups 35 days old, then retention of 30 days (raw) and 31 days (hourly).
    const old = new Date(now.getTime() - 35 * 86_400_000);
    const [s] = await selectRows<{ id: number }>(db, sql`SELECT id FROM telemetry_series LIMIT 1`);
    await db.execute(sql`INSERT INTO telemetry_readings VALUES (${s!.id}, ${old.toISOString()}::timestamptz, 1)`);
    await db.execute(sql`INSERT INTO telemetry_rollups_1h VALUES (${s!.id}, date_trunc('hour', ${old.toISOString()}::timestamptz), 1, 1, 1, 1) ON CONFLICT DO NOTHING`);
    const result = await applyTelemetryRetention(db, { raw: 30, minute: 7, hour: 31, day: 3650 }, now);
    expect(result.droppedPartitions.some((n) => n.startsWith('telemetry_readings_d'))).toBe(true);
    const oldest = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    expect(result.droppedPartitions.filter((n) => n.startsWith('telemetry_readings_d')).every((n) => n.slice(-8) < oldest)).toBe(true);
    expect(result.droppedPartitions.filter((n) => n.startsWith('telemetry_rollups_1m_d')).length).toBeGreaterThan(20);
    const left = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM telemetry_readings WHERE at < ${new Date(now.getTime() - 31 * 86_400_000).toISOString()}::timestamptz`);
    expect(left[0]!.n).toBe(0);
    const hours = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM telemetry_rollups_1h WHERE bucket < ${new Date(now.getTime() - 32 * 86_400_000).toISOString()}::timestamptz`);
    expect(hours[0]!.n).toBe(0);
    // Today's data is untouched: ingest still works.
    const a = await registerDevice();
    expect((await postReadings({ readings: [{ deviceId: a.id, ts: Date.now(), values: { pm25: 3 } }] })).json()).toMatchObject({ accepted: 1 });
  });
});

describe('HTTP ingest past its in-flight cap', () => {
  let busy: TestApp;
  let key: string;
  let deviceId: string;

  beforeAll(async () => {
    busy = await createTestApp({ env: { IOC_TELEMETRY_HTTP_INFLIGHT_MB: String(10_000 / 1_048_576) } });   // ~10 kB of bodies at once
    const a = await busy.admin();
    const created = await a.post('/api/api-keys', { name: 'gateway', role: 'agency_officer', scopeUnitId: await busy.unitId('75') });
    key = (created.json() as { secret: string }).secret;
    deviceId = nextId('aq');
    const res = await a.post('/api/telemetry/devices', { id: deviceId, type: 'air-quality', name: `Trạm ${deviceId}`, unitId: await busy.unitId('DN-new-p-dong-xoai'), reportingIntervalSeconds: 60 });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => { await busy?.close(); });

  it('answers 503 with Retry-After while other bodies fill the cap, writes none of those points, and takes requests again once they are answered', async () => {
    const base = Date.now() - 600_000;
    // ~6 kB each: the first is always let in, a second one at the same time would pass the cap.
    const body = (i: number) => ({ readings: Array.from({ length: 100 }, (_, k) => ({ deviceId, ts: base + i * 1000 + k, values: { pm25: k } })) });
    const post = (i: number) => busy.app.inject({ method: 'POST', url: '/api/telemetry/readings', payload: body(i), headers: { 'x-api-key': key } });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(i)));
    const taken = answers.filter((r) => r.statusCode === 200);
    const refused = answers.filter((r) => r.statusCode !== 200);
    expect(taken.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('1');
      expect(r.json()).toMatchObject({ code: 'ingest-busy', status: 503 });
    }
    const stored = await readingsInWindow(busy.database.db, { deviceIds: [deviceId], metric: 'pm25', from: new Date(base - 1), to: new Date() });
    expect(stored).toHaveLength(100 * taken.length);
    const again = await post(7);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ accepted: 100 });
  });
});

describe('NGSI-LD', () => {
  it('upserts normalized and keyValues observations and answers them in a temporal query with aggregates', async () => {
    const aq = await registerDevice();
    const traffic = await registerDevice({ type: 'traffic-counter' });
    const t1 = minutesAgo(90).toISOString();
    const t2 = minutesAgo(30).toISOString();
    const entities = [
      {
        id: `urn:ngsi-ld:AirQualityObserved:${aq.id}-obs`, type: 'AirQualityObserved',
        dateObserved: { type: 'Property', value: { '@type': 'DateTime', '@value': t1 } },
        refDevice: { type: 'Relationship', object: `urn:ngsi-ld:Device:${aq.id}` },
        pm25: { type: 'Property', value: 40, unitCode: 'GQ' }, relativeHumidity: { type: 'Property', value: 70 },
        location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [106.86, 11.51] } },
        '@context': ['https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld'],
      },
      { id: `urn:ngsi-ld:AirQualityObserved:${aq.id}`, type: 'AirQualityObserved', dateObserved: t2, pm25: 60 },   // keyValues, id maps to the device
      { id: `urn:ngsi-ld:TrafficFlowObserved:${traffic.id}`, type: 'TrafficFlowObserved', dateObserved: t2, intensity: 120, congested: true, laneId: 1 },
    ];
    const res = await t.app.inject({ method: 'POST', url: '/ngsi-ld/v1/entityOperations/upsert', headers: { 'x-api-key': apiKey, 'content-type': 'application/ld+json' }, payload: JSON.stringify(entities) });
    expect(res.statusCode, res.body).toBe(204);
    const congested = await readingsInWindow(t.database.db, { deviceIds: [traffic.id], metric: 'congested', from: minutesAgo(60), to: new Date() });
    expect(congested.map((r) => r.value)).toEqual([1]);

    const raw = await t.app.inject({ method: 'GET', url: `/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:Device:${aq.id}?timerel=after&timeAt=${encodeURIComponent(minutesAgo(120).toISOString())}&attrs=pm25,humidity`, headers: { 'x-api-key': apiKey } });
    expect(raw.statusCode, raw.body).toBe(200);
    const rawBody = raw.json() as Record<string, { value: number; observedAt: string }[]>;
    expect(rawBody.pm25!.map((p) => p.value)).toEqual([40, 60]);
    expect(rawBody.humidity!.map((p) => p.value)).toEqual([70]);

    const between = `timerel=between&timeAt=${encodeURIComponent(minutesAgo(180).toISOString())}&endTimeAt=${encodeURIComponent(new Date().toISOString())}`;
    const agg = await t.app.inject({ method: 'GET', url: `/ngsi-ld/v1/temporal/entities/${aq.id}?${between}&attrs=pm25&aggrMethods=avg,min,max,sum,totalCount&aggrPeriodDuration=P1D`, headers: { 'x-api-key': apiKey } });
    expect(agg.statusCode, agg.body).toBe(200);
    const pm25 = (agg.json() as Record<string, Record<string, [number, string, string][]>>).pm25!;
    const total = pm25.totalCount!.reduce((n, [v]) => n + v, 0);
    expect(total).toBe(2);
    if (pm25.avg!.length === 1) expect(pm25.avg![0]![0]).toBe(50);   // both points on the same UTC day
    expect(pm25.sum!.reduce((n, [v]) => n + v, 0)).toBe(100);
    expect(Math.min(...pm25.min!.map(([v]) => v))).toBe(40);
    expect(Math.max(...pm25.max!.map(([v]) => v))).toBe(60);

    const badPeriod = await t.app.inject({ method: 'GET', url: `/ngsi-ld/v1/temporal/entities/${aq.id}?${between}&aggrMethods=avg&aggrPeriodDuration=PT7M`, headers: { 'x-api-key': apiKey } });
    expect(badPeriod.statusCode).toBe(400);
  });

  it('reports entities it cannot take with 207 and takes the others', async () => {
    const aq = await registerDevice();
    const res = await t.app.inject({ method: 'POST', url: '/ngsi-ld/v1/entityOperations/upsert', headers: { 'x-api-key': apiKey }, payload: [
      { id: `urn:ngsi-ld:AirQualityObserved:${aq.id}`, type: 'AirQualityObserved', dateObserved: new Date().toISOString(), pm25: 10 },
      { id: 'urn:ngsi-ld:AirQualityObserved:nobody', type: 'AirQualityObserved', pm25: 10 },
      { id: `urn:ngsi-ld:AirQualityObserved:${aq.id}`, type: 'AirQualityObserved', pm25: 'high' },
      { id: 'urn:ngsi-ld:Building:x', type: 'Building' },
    ] });
    expect(res.statusCode).toBe(207);
    const body = res.json() as { success: string[]; errors: { entityId: string; error: { type: string; title: string } }[] };
    expect(body.errors.map((e) => e.error.title).sort()).toEqual(expect.arrayContaining(['unknown-device']));
    expect(body.errors).toHaveLength(3);
    expect((await t.app.inject({ method: 'POST', url: '/ngsi-ld/v1/entityOperations/upsert', payload: [] })).statusCode).toBe(401);
  });
});
