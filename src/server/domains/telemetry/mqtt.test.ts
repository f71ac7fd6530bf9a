// Against the real Mosquitto on 127.0.0.1:1883; each run uses its own topic root and client ids.
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { telemetryIngestOf } from './ingest.js';
import { readingsInWindow } from './telemetry.service.js';

const root = `test-h1-${randomBytes(4).toString('hex')}`;
let t: TestApp;
let admin: Agent;
let publisher: mqtt.MqttClient;
let deviceId: string;
let token: string;

type Stats = { mqtt: { connected: boolean; messages: number; malformed: number }; rejected: Record<string, number> };
const stats = async () => (await admin.get('/api/telemetry/ingest-stats')).json() as Stats;

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await check()) return; await new Promise((r) => setTimeout(r, 100)); }
  throw new Error('timed out');
}

beforeAll(async () => {
  t = await createTestApp({ env: { IOC_MQTT_URL: 'mqtt://127.0.0.1:1883', IOC_MQTT_CLIENT_ID: `${root}-ioc`, IOC_MQTT_TOPIC: `${root}/+/telemetry` } });
  admin = await t.admin();
  deviceId = `wl-${root}`;
  const res = await admin.post('/api/telemetry/devices', { id: deviceId, type: 'water-level', name: 'Trạm đo mực nước thử', unitId: await t.unitId('DN-new-p-dong-xoai') });
  expect(res.statusCode, res.body).toBe(201);
  token = (res.json() as { token: string }).token;
  await until(async () => (await stats()).mqtt.connected);
  publisher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `${root}-device`, clean: true });
});
afterAll(async () => {
  await publisher?.endAsync();
  await t?.close();
});

const topic = () => `${root}/${deviceId}/telemetry`;

describe('MQTT ingest', () => {
  it('commits a QoS 1 message before the broker passes on its PUBACK', async () => {
    const ts = new Date(Date.now() - 60_000);
    await publisher.publishAsync(topic(), JSON.stringify({ ts: ts.toISOString(), values: { waterLevel: 2.35, precipitation: 0 } }), { qos: 1 });
    // The publisher's PUBACK comes from the broker at once; ours goes to the broker after commit. So wait for the
    // message to be counted, then the reading must already be readable (it is written before the count of commits).
    await until(async () => (await readingsInWindow(t.database.db, { deviceIds: [deviceId], metric: 'waterLevel', from: new Date(ts.getTime() - 1), to: new Date() })).length === 1);
    const rows = await readingsInWindow(t.database.db, { deviceIds: [deviceId], metric: 'waterLevel', from: new Date(ts.getTime() - 1), to: new Date() });
    expect(rows[0]!.value).toBe(2.35);
  });

  it('drops malformed JSON with a counted reason and keeps the connection for the next message', async () => {
    const before = await stats();
    await publisher.publishAsync(topic(), '{"ts": 1, "values": {', { qos: 1 });
    await publisher.publishAsync(topic(), JSON.stringify({ values: 'none' }), { qos: 1 });
    await publisher.publishAsync(topic(), JSON.stringify({ ts: Date.now() - 1000, values: { waterLevel: 'NaN', precipitation: 4.2 } }), { qos: 1 });
    await until(async () => (await readingsInWindow(t.database.db, { deviceIds: [deviceId], metric: 'precipitation', from: new Date(Date.now() - 10_000), to: new Date() })).length === 1);
    const after = await stats();
    expect(after.mqtt.malformed - before.mqtt.malformed).toBe(2);
    expect(after.rejected['not-a-number']! - before.rejected['not-a-number']!).toBe(1);
    expect(after.mqtt.connected).toBe(true);
  });

  it('checks a device token carried in the payload', async () => {
    const before = await stats();
    await publisher.publishAsync(topic(), JSON.stringify({ ts: Date.now() - 500, token: 'iocd_wrong', values: { waterLevel: 9 } }), { qos: 1 });
    await publisher.publishAsync(topic(), JSON.stringify({ ts: Date.now() - 400, token, values: { waterLevel: 3.1 } }), { qos: 1 });
    await until(async () => (await readingsInWindow(t.database.db, { deviceIds: [deviceId], metric: 'waterLevel', from: new Date(Date.now() - 5000), to: new Date() })).length === 1);
    const rows = await readingsInWindow(t.database.db, { deviceIds: [deviceId], metric: 'waterLevel', from: new Date(Date.now() - 5000), to: new Date() });
    expect(rows.map((r) => r.value)).toEqual([3.1]);
    expect((await stats()).rejected['bad-token']! - before.rejected['bad-token']!).toBe(1);
  });

  it('stores every message of a burst exactly once, in order', async () => {
    const base = Date.now() - 30_000;
    await Promise.all(Array.from({ length: 200 }, (_, i) => publisher.publishAsync(topic(), JSON.stringify({ ts: base + i, values: { intensity: i } }), { qos: 1 })));
    await until(async () => (await readingsInWindow(t.database.db, { deviceIds: [deviceId], metric: 'intensity', from: new Date(base - 1), to: new Date() })).length === 200);
    const rows = await readingsInWindow(t.database.db, { deviceIds: [deviceId], metric: 'intensity', from: new Date(base - 1), to: new Date() });
    expect(rows.map((r) => r.value)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('does not acknowledge a message whose commit failed, so the broker redelivers it and it is stored once', async () => {
    const db = t.database.db;
    const { sql } = await import('drizzle-orm');
    await db.execute(sql`ALTER TABLE telemetry_latest RENAME TO telemetry_latest_away`);   // every commit now fails
    const ts = Date.now() - 20_000;
    try {
      await publisher.publishAsync(topic(), JSON.stringify({ ts, values: { occupancy: 0.42 } }), { qos: 1 });
      await new Promise((r) => setTimeout(r, 1500));
      expect(await readingsInWindow(db, { deviceIds: [deviceId], metric: 'occupancy', from: new Date(ts - 1), to: new Date() })).toHaveLength(0);
    } finally {
      await db.execute(sql`ALTER TABLE telemetry_latest_away RENAME TO telemetry_latest`);
    }
    // IOC dropped the connection without PUBACK; on reconnect the broker resends the message to the session.
    await until(async () => (await readingsInWindow(db, { deviceIds: [deviceId], metric: 'occupancy', from: new Date(ts - 1), to: new Date() })).length === 1, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await readingsInWindow(db, { deviceIds: [deviceId], metric: 'occupancy', from: new Date(ts - 1), to: new Date() })).toHaveLength(1);
    await until(async () => (await stats()).mqtt.connected);
  });
});

describe('MQTT ingest window', () => {
  let small: TestApp;
  let smallPublisher: mqtt.MqttClient;
  const smallRoot = `${root}-w`;
  const capBytes = 210;   // IOC_MQTT_INFLIGHT_MB below: about five messages of this test

  beforeAll(async () => {
    small = await createTestApp({ env: {
      IOC_MQTT_URL: 'mqtt://127.0.0.1:1883', IOC_MQTT_CLIENT_ID: `${smallRoot}-ioc`, IOC_MQTT_TOPIC: `${smallRoot}/+/telemetry`,
      IOC_MQTT_INFLIGHT_MB: String(capBytes / 1_048_576),
    } });
    const a = await small.admin();
    const res = await a.post('/api/telemetry/devices', { id: deviceId, type: 'water-level', name: 'Trạm đo mực nước thử', unitId: await small.unitId('DN-new-p-dong-xoai') });
    expect(res.statusCode, res.body).toBe(201);
    await until(async () => ((await a.get('/api/telemetry/ingest-stats')).json() as Stats).mqtt.connected);
    smallPublisher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `${smallRoot}-device`, clean: true });
  });
  afterAll(async () => {
    await smallPublisher?.endAsync();
    await small?.close();
  });

  it('keeps at most its byte window of messages uncommitted, reading on as commits land, and stores a burst once, in order', async () => {
    const base = Date.now() - 40_000;
    await Promise.all(Array.from({ length: 100 }, (_, i) => smallPublisher.publishAsync(`${smallRoot}/${deviceId}/telemetry`, JSON.stringify({ ts: base + i, values: { intensity: i } }), { qos: 1 })));
    const window = { from: new Date(base - 1), to: new Date() };
    await until(async () => (await readingsInWindow(small.database.db, { deviceIds: [deviceId], metric: 'intensity', ...window })).length === 100, 20_000);
    const rows = await readingsInWindow(small.database.db, { deviceIds: [deviceId], metric: 'intensity', ...window });
    expect(rows.map((r) => r.value)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // Without the byte window the broker handed over the whole burst at once (measured); the door held it to ~5.
    const peak = telemetryIngestOf(small.database.db).mqttWindow;
    expect(peak.peakBytes).toBeLessThan(capBytes + 64);   // one message may cross the cap
    expect(peak.peakMessages).toBeGreaterThan(1);
    expect(peak.peakMessages).toBeLessThanOrEqual(6);
  });

});
