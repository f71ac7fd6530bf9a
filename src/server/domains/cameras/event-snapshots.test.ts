// The picture of a camera event's moment: Frigate's thumbnail when valid (the one of the top score kept), otherwise
// a frame grabbed from our own camera (a real RTSP source and real ffmpeg) after commit; served only within scope,
// and deleted with the events past retention.
import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDetail, CameraEvent, CameraEventIngestResult, CameraEventStats, FrigateEventMessage } from '../../../shared/contracts/cameras.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { type RtspSource, startRtspSource } from '../../../../test/support/rtsp-source.js';
import { startCameraEventSubscriber } from './camera-events.mqtt.js';
import { applyCameraEventRetention } from './camera-events.service.js';
import { camerasConfigOf } from './cameras.config.js';
import { isJpeg, MAX_THUMBNAIL_BYTES, thumbnailOf } from './event-snapshots.js';

/** A real JPEG made by ffmpeg from its test pattern, `size` like 160x90; `hue` makes two pictures differ. */
function jpegOf(size: string, hue = 0): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=1`, '-vf', `hue=h=${hue}`,
    '-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1']);
}
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1d7e10000000049454e44ae426082', 'hex');

const now = Date.now() / 1000;
function message(type: 'new' | 'update' | 'end', after: Record<string, unknown>): FrigateEventMessage {
  return { type, after: { camera: 'c', label: 'car', score: 0.6, top_score: 0.6, start_time: now - 3, ...after } as FrigateEventMessage['after'] };
}

describe('a Frigate thumbnail', () => {
  it('is kept when it is a base64 JPEG, with or without a data: prefix', () => {
    const jpeg = jpegOf('160x90');
    expect(isJpeg(jpeg)).toBe(true);
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: jpeg.toString('base64') }))).toEqual({ jpeg });
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: `data:image/jpeg;base64,${jpeg.toString('base64')}` }))).toEqual({ jpeg });
    expect(thumbnailOf(message('new', { id: 'a' }))).toBeNull();
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: null }))).toBeNull();
  });

  it('is refused when it is not a JPEG (a PNG, a JPEG header on garbage), not base64, or too large', () => {
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: PNG.toString('base64') }))).toEqual({ rejected: 'not-jpeg' });
    const forged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<script>alert(1)</script>')]);
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: forged.toString('base64') }))).toEqual({ rejected: 'not-jpeg' });
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: 'không phải base64!' }))).toEqual({ rejected: 'not-base64' });
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: 42 }))).toEqual({ rejected: 'not-base64' });
    const big = jpegOf('160x90');
    const oversized = Buffer.concat([big.subarray(0, big.length - 2), Buffer.alloc(MAX_THUMBNAIL_BYTES), Buffer.from([0xff, 0xd9])]);
    expect(isJpeg(oversized)).toBe(true);
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: oversized.toString('base64') }))).toEqual({ rejected: 'too-large' });
    expect(thumbnailOf(message('new', { id: 'a', thumbnail: big.toString('base64') }), big.length - 1)).toEqual({ rejected: 'too-large' });
  });
});

const unique = `hoev${Date.now().toString(36)}`;
let t: TestApp;
let source: RtspSource;
let live: CameraDetail;     // on the local RTSP source, its address with credentials
let dead: CameraDetail;     // an address where nothing answers
let key: string;

beforeAll(async () => {
  source = await startRtspSource({ width: 320, height: 240, fps: 15 });
  t = await createTestApp({ env: { IOC_CAMERA_SNAPSHOT_SECONDS: '2', IOC_CAMERA_CONNECT_SECONDS: '3' } });
  const a = await t.admin();
  const unitId = await t.unitId('DN-new-p-dong-xoai');
  live = (await a.post('/api/cameras', { code: `${unique}-live`, name: 'Ngã tư Sóng Thần (nguồn thử)', rtspUrl: source.url.replace('rtsp://', 'rtsp://operator:Mat-Khau-9@'), unitId })).json() as CameraDetail;
  dead = (await a.post('/api/cameras', { code: `${unique}-dead`, name: 'Camera mất kết nối', rtspUrl: 'rtsp://127.0.0.1:1/none', unitId })).json() as CameraDetail;
  key = ((await a.post('/api/api-keys', { name: `frigate ${unique}`, role: 'agency_officer', scopeUnitId: await t.unitId('75') })).json() as { secret: string }).secret;
}, 180_000);
afterAll(async () => {
  await t?.close();
  await source?.stop();
});

const post = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/cameras/events', headers: { 'x-api-key': key }, payload: body as object });
const frigate = (type: 'new' | 'update' | 'end', camera: CameraDetail, after: Record<string, unknown>) => ({
  type, after: { camera: camera.code, label: 'accident', score: 0.6, top_score: 0.6, start_time: now - 3, has_snapshot: true, ...after },
});
async function eventOf(id: string, camera: CameraDetail): Promise<CameraEvent | undefined> {
  const list = (await (await t.admin()).get(`/api/cameras/events?cameraId=${camera.id}&limit=500`)).json() as { items: CameraEvent[] };
  return list.items.find((e) => e.id === id);
}
async function stats(): Promise<CameraEventStats['snapshots']> {
  return ((await (await t.admin()).get('/api/cameras/events/stats')).json() as CameraEventStats).snapshots;
}

describe('event snapshots over the webhook', () => {
  it('stores Frigate’s thumbnail with the event and keeps the one of the top score', async () => {
    const id = `${unique}.1`;
    const first = jpegOf('160x90', 0);
    const better = jpegOf('160x90', 120);
    const worse = jpegOf('160x90', 240);
    const created = await post(frigate('new', live, { id, score: 0.7, top_score: 0.7, thumbnail: first.toString('base64') }));
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as CameraEventIngestResult).event.snapshot).toMatchObject({ source: 'frigate', score: 0.7, bytes: first.length });
    const a = await t.admin();
    const served = await a.get(`/api/cameras/events/${id}/snapshot.jpg`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.equals(first)).toBe(true);
    const etag = served.headers.etag as string;
    expect((await a.request({ method: 'GET', url: `/api/cameras/events/${id}/snapshot.jpg`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);

    await post(frigate('update', live, { id, score: 0.9, top_score: 0.9, thumbnail: better.toString('base64') }));
    await post(frigate('update', live, { id, score: 0.5, top_score: 0.8, thumbnail: worse.toString('base64') }));   // a lower top score: not kept
    const now2 = await a.get(`/api/cameras/events/${id}/snapshot.jpg`);
    expect(now2.rawPayload.equals(better)).toBe(true);
    expect(now2.headers.etag).not.toBe(etag);
    expect(await eventOf(id, live)).toMatchObject({ snapshot: { source: 'frigate', score: 0.9, bytes: better.length } });
    // A thumbnail came with the event: no grab from the camera was made for it.
    const [row] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM camera_event_snapshots WHERE event_id = ${id} AND source = 'camera'`);
    expect(row?.n).toBe(0);
  });

  it('grabs a real frame from the camera after commit when the event carries no thumbnail, without the address leaving the server', async () => {
    const id = `${unique}.2`;
    const before = await stats();
    const created = await post(frigate('new', live, { id }));
    expect(created.statusCode).toBe(201);
    expect((created.json() as CameraEventIngestResult).event.snapshot).toBeNull();   // ingest did not wait for the camera
    await expect.poll(async () => (await eventOf(id, live))?.snapshot?.source ?? null, { timeout: 20_000, interval: 250 }).toBe('camera');
    const served = await (await t.admin()).get(`/api/cameras/events/${id}/snapshot.jpg`);
    expect(served.statusCode).toBe(200);
    expect(isJpeg(served.rawPayload)).toBe(true);
    expect(served.rawPayload.length).toBeGreaterThan(1000);
    expect((await stats()).grabsStored - before.grabsStored).toBe(1);
    const listed = JSON.stringify((await (await t.admin()).get(`/api/cameras/events?cameraId=${live.id}`)).json());
    expect(listed).not.toContain('Mat-Khau-9');
    expect(listed).not.toContain('rtsp://');
    // The hub said the picture came.
    const published = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM events WHERE type = 'camera.event.snapshot' AND data->>'eventId' = ${id}`);
    expect(published[0]?.n).toBe(1);
    // A later thumbnail from Frigate (the frame of the detection itself) replaces our grab.
    const thumb = jpegOf('160x90', 60);
    await post(frigate('update', live, { id, score: 0.65, top_score: 0.65, thumbnail: thumb.toString('base64') }));
    expect((await (await t.admin()).get(`/api/cameras/events/${id}/snapshot.jpg`)).rawPayload.equals(thumb)).toBe(true);
  }, 40_000);

  it('stores the event but not a forged or oversized thumbnail, counts both, and counts a grab that fails', async () => {
    const before = await stats();
    const forged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<svg onload=alert(1)>')]);
    const r1 = await post(frigate('new', dead, { id: `${unique}.3`, thumbnail: forged.toString('base64') }));
    expect(r1.statusCode, r1.body).toBe(201);
    const huge = jpegOf('160x90');
    const oversized = Buffer.concat([huge.subarray(0, huge.length - 2), Buffer.alloc(MAX_THUMBNAIL_BYTES), Buffer.from([0xff, 0xd9])]);
    const r2 = await post(frigate('new', dead, { id: `${unique}.4`, thumbnail: oversized.toString('base64') }));
    expect(r2.statusCode, r2.body).toBe(201);
    const r3 = await post(frigate('new', dead, { id: `${unique}.5`, thumbnail: PNG.toString('base64') }));
    expect(r3.statusCode).toBe(201);
    const after = await stats();
    expect(after.thumbnailsRejected['not-jpeg']! - before.thumbnailsRejected['not-jpeg']!).toBe(2);
    expect(after.thumbnailsRejected['too-large']! - before.thumbnailsRejected['too-large']!).toBe(1);
    expect(after.thumbnailsStored).toBe(before.thumbnailsStored);
    // Nothing answers at the dead camera: the grab (one shared attempt for the burst) fails, is counted, and nothing is stored.
    await expect.poll(async () => (await stats()).grabsFailed - before.grabsFailed, { timeout: 20_000, interval: 250 }).toBe(3);
    expect(await eventOf(`${unique}.3`, dead)).toMatchObject({ snapshot: null });
    expect((await (await t.admin()).get(`/api/cameras/events/${unique}.3/snapshot.jpg`)).statusCode).toBe(404);
  }, 40_000);

  it('serves the picture only to users who may see the camera', async () => {
    const id = `${unique}.6`;
    await post(frigate('new', live, { id, thumbnail: jpegOf('160x90').toString('base64') }));
    const inScope = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    expect((await inScope.get(`/api/cameras/events/${id}/snapshot.jpg`)).statusCode).toBe(200);
    const elsewhere = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-binh-long' });
    const far = await elsewhere.get(`/api/cameras/events/${id}/snapshot.jpg`);
    expect(far.statusCode).toBe(404);
    expect(far.headers['content-type']).toContain('application/problem+json');
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '75' });
    expect((await viewer.get(`/api/cameras/events/${id}/snapshot.jpg`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/cameras/events/${id}/snapshot.jpg` })).statusCode).toBe(401);
  });

  it('deletes events older than the retention together with their pictures, and keeps newer ones', async () => {
    const old = `${unique}.7-old`;
    const recent = `${unique}.8-recent`;
    const jpeg = jpegOf('160x90').toString('base64');
    await post(frigate('new', live, { id: old, start_time: now - 100 * 86_400, thumbnail: jpeg }));
    await post(frigate('new', live, { id: recent, start_time: now - 10 * 86_400, thumbnail: jpeg }));
    const count = async (id: string) => (await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM camera_event_snapshots WHERE event_id = ${id}`))[0]?.n;
    expect(await count(old)).toBe(1);
    expect(await applyCameraEventRetention(t.database.db, 90)).toBeGreaterThanOrEqual(1);
    expect(await count(old)).toBe(0);
    expect(await eventOf(old, live)).toBeUndefined();
    expect(await count(recent)).toBe(1);
    expect((await (await t.admin()).get(`/api/cameras/events/${old}/snapshot.jpg`)).statusCode).toBe(404);
  });
});

describe('event snapshots over MQTT', () => {
  it('grabs a frame for an MQTT event without a thumbnail, after the event is stored', async () => {
    const topic = `hotest/${unique}/frigate/events`;
    const config = { ...camerasConfigOf({ IOC_MQTT_URL: 'mqtt://127.0.0.1:1883', IOC_CAMERA_MQTT_TOPIC: topic, IOC_CAMERA_CONNECT_SECONDS: '3' }) };
    const subscriber = startCameraEventSubscriber(t.database.db, config, pino({ level: 'silent' }));
    const publisher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `ho-test-publisher-${unique}` });
    const id = `${unique}.m1`;
    try {
      await subscriber.ready;
      await publisher.publishAsync(topic, JSON.stringify(frigate('new', live, { id, label: 'fire', score: 0.8, top_score: 0.8 })), { qos: 1 });
      await expect.poll(async () => (await eventOf(id, live)) !== undefined, { timeout: 10_000 }).toBe(true);
      await subscriber.snapshotsIdle();
      await expect.poll(async () => (await eventOf(id, live))?.snapshot?.source ?? null, { timeout: 20_000, interval: 250 }).toBe('camera');
      const served = await (await t.admin()).get(`/api/cameras/events/${id}/snapshot.jpg`);
      expect(isJpeg(served.rawPayload)).toBe(true);
    } finally {
      await publisher.endAsync();
      await subscriber.stop();
    }
  }, 40_000);
});
