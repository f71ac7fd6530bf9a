// Camera events in Frigate's shape through the webhook and through MQTT (real Mosquitto on 127.0.0.1:1883):
// stored once per event id with updates merged, published on the hub, and turned into alarms by the label rules.
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDetail, CameraEvent, CameraEventIngestResult } from '../../../shared/contracts/cameras.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { cameraEventMqttStats, startCameraEventSubscriber } from './camera-events.mqtt.js';
import { matchingAlarmRule, mergeEvent } from './camera-events.js';
import { camerasConfigOf, defaultCameraAlarmRules } from './cameras.config.js';

const unique = `h3ev${Date.now().toString(36)}`;
const rules = [
  { labels: ['accident'], type: 'camera.accident', severity: 'critical', minScore: 0.7, message: { vi: 'Tai nạn giao thông', en: 'Traffic accident' } },
  { labels: ['crowd'], type: 'camera.crowd', severity: 'major', minScore: 0.6, zones: ['quang-truong'], message: { vi: 'Tụ tập đông người', en: 'Crowd gathering' } },
];
let t: TestApp;
let camera: CameraDetail;
let key: string;
const now = Date.now() / 1000;

beforeAll(async () => {
  t = await createTestApp({ env: { IOC_CAMERA_ALARM_RULES: JSON.stringify(rules) } });
  const a = await t.admin();
  camera = (await a.post('/api/cameras', {
    code: `${unique}-cam`, name: 'Ngã tư Đồng Xoài', rtspUrl: 'rtsp://127.0.0.1:1/none', unitId: await t.unitId('DN-new-p-dong-xoai'), lon: 106.8906, lat: 11.5349,
  })).json() as CameraDetail;
  // Frigate's integration key: a machine feed scoped to the province.
  key = ((await a.post('/api/api-keys', { name: `frigate ${unique}`, role: 'agency_officer', scopeUnitId: await t.unitId('75') })).json() as { secret: string }).secret;
});
afterAll(async () => { await t?.close(); });

function frigate(type: 'new' | 'update' | 'end', after: Record<string, unknown>) {
  return {
    type,
    before: { id: after.id, camera: `${unique}-cam`, label: after.label, score: 0.5, start_time: now - 5 },
    after: {
      camera: `${unique}-cam`, sub_label: null, score: 0.6, top_score: 0.6, current_zones: [], entered_zones: [], start_time: now - 5, end_time: null,
      has_snapshot: true, has_clip: false, false_positive: false, stationary: false, box: [10, 20, 110, 220], area: 20000, region: [0, 0, 320, 320],
      ...after,
    },
  };
}
const post = (body: unknown, apiKey = key) => t.app.inject({ method: 'POST', url: '/api/cameras/events', headers: { 'x-api-key': apiKey }, payload: body as object });

describe('camera events over the webhook', () => {
  it('stores an event once, merges its updates and its end, and publishes each on the hub', async () => {
    const id = `${unique}.1-car`;
    const created = await post(frigate('new', { id, label: 'car', score: 0.62, top_score: 0.62, current_zones: ['lan-1'], entered_zones: ['lan-1'] }));
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as CameraEventIngestResult)).toMatchObject({ created: true, alarm: null, event: { id, cameraId: camera.id, label: 'car', state: 'new', topScore: 0.62 } });
    expect((await post(frigate('new', { id, label: 'car', score: 0.62, top_score: 0.62 }))).statusCode).toBe(200);   // a repeat: no second row
    const updated = await post(frigate('update', { id, label: 'car', score: 0.55, top_score: 0.81, current_zones: ['lan-2'], entered_zones: ['lan-2'] }));
    expect(updated.json()).toMatchObject({ created: false, event: { state: 'update', score: 0.55, topScore: 0.81, currentZones: ['lan-2'], enteredZones: ['lan-1', 'lan-2'] } });
    const ended = await post(frigate('end', { id, label: 'car', score: 0.5, top_score: 0.7, end_time: now, has_clip: true }));
    expect(ended.json()).toMatchObject({ event: { state: 'end', topScore: 0.81, hasClip: true, endTime: expect.any(String) } });
    // A late update after the end does not reopen it.
    expect((await post(frigate('update', { id, label: 'car', score: 0.5 }))).json()).toMatchObject({ event: { state: 'end' } });

    const a = await t.admin();
    const list = (await a.get(`/api/cameras/events?cameraId=${camera.id}`)).json() as { items: CameraEvent[] };
    expect(list.items.filter((e) => e.id === id)).toHaveLength(1);
    const published = await selectRows<{ type: string; data: { eventId: string; state: string } }>(t.database.db,
      sql`SELECT type, data FROM events WHERE topic = 'cameras' AND data->>'eventId' = ${id} ORDER BY seq`);
    expect(published.map((e) => e.data.state)).toEqual(['new', 'new', 'update', 'end', 'end']);
  });

  it('raises a critical alarm for an accident above the minimum score, once per event, at the camera’s place', async () => {
    const id = `${unique}.2-accident`;
    const weak = await post(frigate('new', { id, label: 'accident', score: 0.5, top_score: 0.5 }));
    expect((weak.json() as CameraEventIngestResult).alarm).toBeNull();
    const strong = await post(frigate('update', { id, label: 'accident', score: 0.86, top_score: 0.86, current_zones: ['giao-lo'], entered_zones: ['giao-lo'] }));
    const result = strong.json() as CameraEventIngestResult;
    expect(result.alarm).toMatchObject({ type: 'camera.accident', created: true });
    expect(result.event.alarmId).toBe(result.alarm!.alarmId);
    const again = (await post(frigate('update', { id, label: 'accident', score: 0.9, top_score: 0.9 }))).json() as CameraEventIngestResult;
    expect(again.alarm).toBeNull();                                     // already raised for this event
    expect(again.event.alarmId).toBe(result.alarm!.alarmId);

    const alarm = (await (await t.admin()).get(`/api/alarms/${result.alarm!.alarmId}`)).json() as Record<string, unknown>;
    expect(alarm).toMatchObject({
      type: 'camera.accident', severity: 'critical', status: 'active-unack', source: { kind: 'camera', id: camera.id, name: 'Ngã tư Đồng Xoài' },
      unitPath: camera.unitPath, lon: 106.8906, lat: 11.5349,
    });
    expect(JSON.stringify(alarm)).toContain('giao-lo');
  });

  it('raises a crowd alarm only when the crowd is in a zone the rule names, and none for unmapped labels', async () => {
    const outside = (await post(frigate('new', { id: `${unique}.3-crowd`, label: 'crowd', score: 0.9, top_score: 0.9, current_zones: ['via-he'], entered_zones: ['via-he'] }))).json() as CameraEventIngestResult;
    expect(outside.alarm).toBeNull();
    const inside = (await post(frigate('new', { id: `${unique}.4-crowd`, label: 'crowd', score: 0.9, top_score: 0.9, current_zones: ['quang-truong'], entered_zones: ['quang-truong'] }))).json() as CameraEventIngestResult;
    expect(inside.alarm).toMatchObject({ type: 'camera.crowd' });
    const person = (await post(frigate('new', { id: `${unique}.5-person`, label: 'person', score: 0.99, top_score: 0.99 }))).json() as CameraEventIngestResult;
    expect(person.alarm).toBeNull();
    const flagged = (await post(frigate('new', { id: `${unique}.6-accident`, label: 'accident', score: 0.95, top_score: 0.95, false_positive: true }))).json() as CameraEventIngestResult;
    expect(flagged.alarm).toBeNull();
  });

  it('refuses an unknown camera, a malformed message, a key without the ingest permission and a camera outside the key’s scope', async () => {
    const unknown = await post({ ...frigate('new', { id: `${unique}.7`, label: 'car' }), after: { ...frigate('new', { id: `${unique}.7`, label: 'car' }).after, camera: 'khong-co' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errors: [{ path: 'body.after.camera' }] });
    expect((await post({ type: 'new', after: { id: 'x', camera: `${unique}-cam` } })).statusCode).toBe(400);
    expect((await post({ ...frigate('new', { id: `${unique}.8`, label: 'car' }), type: 'finished' })).statusCode).toBe(400);
    const a = await t.admin();
    const viewerKey = ((await a.post('/api/api-keys', { name: `viewer ${unique}`, role: 'viewer', scopeUnitId: await t.unitId('75') })).json() as { secret: string }).secret;
    expect((await post(frigate('new', { id: `${unique}.9`, label: 'car' }), viewerKey)).statusCode).toBe(403);
    const farKey = ((await a.post('/api/api-keys', { name: `far ${unique}`, role: 'agency_officer', scopeUnitId: await t.unitId('DN-new-p-binh-long') })).json() as { secret: string }).secret;
    expect((await post(frigate('new', { id: `${unique}.10`, label: 'car' }), farKey)).statusCode).toBe(403);
  });
});

describe('camera events over MQTT', () => {
  it('ingests frigate/events messages and drops malformed ones with a counted reason without stopping', async () => {
    const topic = `h3test/${unique}/frigate/events`;
    const config = { ...camerasConfigOf({ IOC_MQTT_URL: 'mqtt://127.0.0.1:1883', IOC_CAMERA_MQTT_TOPIC: topic }), alarmRules: camerasConfigOf({ IOC_CAMERA_ALARM_RULES: JSON.stringify(rules) }).alarmRules };
    const subscriber = startCameraEventSubscriber(t.database.db, config, pino({ level: 'silent' }));
    const publisher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `h3-test-publisher-${unique}` });
    try {
      await subscriber.ready;
      const before = cameraEventMqttStats();
      await publisher.publishAsync(topic, '{"type":"new", "after": {', { qos: 1 });
      await publisher.publishAsync(topic, JSON.stringify({ type: 'new', after: { id: 'x', camera: `${unique}-cam`, label: 'car', start_time: 'hôm qua' } }), { qos: 1 });
      await publisher.publishAsync(topic, JSON.stringify(frigate('new', { id: `${unique}.m1`, label: 'car', camera: 'camera-la' })), { qos: 1 });
      await publisher.publishAsync(topic, JSON.stringify(frigate('new', { id: `${unique}.m2`, label: 'accident', score: 0.92, top_score: 0.92 })), { qos: 1 });
      await publisher.publishAsync(topic, JSON.stringify(frigate('end', { id: `${unique}.m2`, label: 'accident', score: 0.8, top_score: 0.92, end_time: now })), { qos: 1 });
      // Wait until all five are handled (stored or dropped), not merely received: storing is asynchronous.
      const handled = (s: ReturnType<typeof cameraEventMqttStats>) => s.stored + Object.values(s.dropped).reduce((a, b) => a + b, 0);
      await expect.poll(() => handled(cameraEventMqttStats()) - handled(before), { timeout: 10_000 }).toBe(5);
      expect(cameraEventMqttStats().received - before.received).toBe(5);
      const after = cameraEventMqttStats();
      expect(after.stored - before.stored).toBe(2);
      expect(after.dropped['invalid-json'] - before.dropped['invalid-json']).toBe(1);
      expect(after.dropped['invalid-shape'] - before.dropped['invalid-shape']).toBe(1);
      expect(after.dropped['unknown-camera'] - before.dropped['unknown-camera']).toBe(1);
      const events = (await (await t.admin()).get(`/api/cameras/events?cameraId=${camera.id}&label=accident`)).json() as { items: CameraEvent[] };
      expect(events.items.find((e) => e.id === `${unique}.m2`)).toMatchObject({ state: 'end', topScore: 0.92, alarmType: 'camera.accident', alarmId: expect.any(String) });
      expect(((await (await t.admin()).get('/api/cameras/events/stats')).json() as { connected: boolean }).connected).toBe(true);
    } finally {
      await publisher.endAsync();
      await subscriber.stop();
    }
  });
});

describe('the default label → alarm mapping', () => {
  it('maps accidents and fire to critical, crowds and wrong-way vehicles to major, and ignores low scores', () => {
    const event = (label: string, topScore: number) => mergeEvent(null, { type: 'new', after: { id: 'e', camera: 'c', label, score: topScore, top_score: topScore, start_time: now } });
    const severityOf = (label: string, score = 0.9) => matchingAlarmRule(defaultCameraAlarmRules, event(label, score), false)?.severity ?? null;
    expect(severityOf('accident')).toBe('critical');
    expect(severityOf('smoke')).toBe('critical');
    expect(severityOf('gathering')).toBe('major');
    expect(severityOf('wrong_way')).toBe('major');
    expect(severityOf('accident', 0.4)).toBeNull();
    expect(severityOf('car')).toBeNull();
  });
});
