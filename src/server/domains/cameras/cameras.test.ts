// The camera registry through HTTP: CRUD with scope and permissions, audit and hub events, and the rule that
// the RTSP address's credentials never leave the server (answers, errors, audit rows, events, logs).
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera, CameraDetail } from '../../../shared/contracts/cameras.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { freePort } from '../../../../test/support/rtsp-source.js';
import { createSnapshots } from './snapshots.js';
import { createLiveStreams } from './live-streams.js';

const SECRET = 'Kh0ng-L0-Ra-Ngoai';
const unique = `h3reg${Date.now().toString(36)}`;
let t: TestApp;
let deadUrl: string;

beforeAll(async () => {
  t = await createTestApp({ env: { IOC_CAMERA_CONNECT_SECONDS: '2', IOC_CAMERA_SNAPSHOT_SECONDS: '2' } });
  // An address where nothing listens: the camera is offline, and ffmpeg's error quotes the address.
  deadUrl = `rtsp://admin:${SECRET}@127.0.0.1:${await freePort()}/Streaming/Channels/101`;
});
afterAll(async () => { await t?.close(); });

async function createCamera(body: Record<string, unknown>) {
  const a = await t.admin();
  return a.post('/api/cameras', { unitId: await t.unitId('DN-new-p-dong-xoai'), rtspUrl: deadUrl, ...body });
}

describe('camera registry', () => {
  it('registers a camera at a place in a ward, lists it by unit and tag, and never answers its credentials', async () => {
    const res = await createCamera({ code: `${unique}-nga-tu`, name: 'Ngã tư Đồng Xoài (QL14 × ĐT741)', lon: 106.8906, lat: 11.5349, ptz: true, tags: ['Giao thông', 'giao thông', 'ngã tư'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as CameraDetail;
    expect(created).toMatchObject({ name: 'Ngã tư Đồng Xoài (QL14 × ĐT741)', lon: 106.8906, lat: 11.5349, ptz: true, tags: ['giao thông', 'ngã tư'], status: 'unknown', enabled: true });
    // A manager sees where the stream comes from, without user and password.
    expect(created.source).toEqual({ address: expect.stringMatching(/^rtsp:\/\/127\.0\.0\.1:\d+\/Streaming\/Channels\/101$/), hasCredentials: true });
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('admin:');

    const a = await t.admin();
    const byUnit = await a.get(`/api/cameras?unitId=${await t.unitId('DN-new-p-dong-xoai')}&tag=${encodeURIComponent('ngã tư')}`);
    expect((byUnit.json() as { items: Camera[] }).items.map((c) => c.id)).toEqual([created.id]);
    expect(byUnit.body).not.toContain(SECRET);
    expect(byUnit.body).not.toContain('rtsp');
    expect((await a.get(`/api/cameras?unitId=${await t.unitId('DN-new-p-binh-long')}`)).json()).toMatchObject({ items: [], total: 0 });
    const detail = await a.get(`/api/cameras/${created.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(SECRET);
  });

  it('shows an operator the cameras of their scope only, without the address, and refuses them changes', async () => {
    const inWard = (await createCamera({ code: `${unique}-cho`, name: 'Chợ Đồng Xoài' })).json() as CameraDetail;
    const elsewhere = (await createCamera({ code: `${unique}-an-loc`, name: 'Chợ An Lộc', unitId: await t.unitId('DN-new-p-binh-long') })).json() as CameraDetail;
    const operator = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    const list = (await operator.get('/api/cameras')).json() as { items: Camera[] };
    expect(list.items.map((c) => c.id)).toContain(inWard.id);
    expect(list.items.map((c) => c.id)).not.toContain(elsewhere.id);
    const detail = (await operator.get(`/api/cameras/${inWard.id}`));
    expect((detail.json() as CameraDetail).source).toBeNull();
    expect(detail.body).not.toContain('127.0.0.1');
    expect((await operator.get(`/api/cameras/${elsewhere.id}`)).statusCode).toBe(404);
    expect((await operator.get(`/api/cameras/${elsewhere.id}/snapshot.jpg`)).statusCode).toBe(404);
    expect((await operator.patch(`/api/cameras/${inWard.id}`, { name: 'x' })).statusCode).toBe(403);
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '75' });
    expect((await viewer.get('/api/cameras')).statusCode).toBe(403);
  });

  it('refuses a duplicate code, a non-RTSP address and a camera outside the manager’s scope', async () => {
    expect((await createCamera({ code: `${unique}-nga-tu`, name: 'again' })).statusCode).toBe(409);
    const http = await createCamera({ code: `${unique}-http`, name: 'x', rtspUrl: `http://admin:${SECRET}@10.0.0.1/` });
    expect(http.statusCode).toBe(400);
    expect(http.body).not.toContain(SECRET);
    const wardAdmin = await t.userAgent({ role: 'admin', scopeCode: 'DN-new-p-dong-xoai' });
    const outside = await wardAdmin.post('/api/cameras', { code: `${unique}-out`, name: 'x', rtspUrl: deadUrl, unitId: await t.unitId('DN-new-p-binh-long') });
    expect(outside.statusCode).toBe(403);
  });

  it('audits and publishes changes without the credentials, and ends with a delete', async () => {
    const a = await t.admin();
    const created = (await createCamera({ code: `${unique}-audit`, name: 'Vòng xoay Đồng Xoài' })).json() as CameraDetail;
    const newUrl = `rtsp://viewer:${SECRET}-2@127.0.0.1:1/cam2`;
    const patched = await a.patch(`/api/cameras/${created.id}`, { name: 'Vòng xoay trung tâm Đồng Xoài', rtspUrl: newUrl, lon: 106.8875, lat: 11.5377 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Vòng xoay trung tâm Đồng Xoài', lon: 106.8875, lat: 11.5377, source: { address: 'rtsp://127.0.0.1:1/cam2', hasCredentials: true } });
    expect((await a.request({ method: 'DELETE', url: `/api/cameras/${created.id}` })).statusCode).toBe(204);
    expect((await a.get(`/api/cameras/${created.id}`)).statusCode).toBe(404);

    const log = await a.get(`/api/audit?entityType=camera&entityId=${created.id}`);
    const actions = (log.json() as { items: { action: string }[] }).items.map((i) => i.action).sort();
    expect(actions).toEqual(['camera.create', 'camera.delete', 'camera.update']);
    expect(log.body).toContain('rtsp://127.0.0.1:1/cam2');   // the address is audited…
    expect(log.body).not.toContain(SECRET);                   // …its credentials are not
    const rows = await selectRows<{ type: string; data: string }>(t.database.db, sql`SELECT type, data::text AS data FROM events WHERE topic = 'cameras' AND data->'ids' ? ${created.id}`);
    expect(rows.map((r) => r.type).sort()).toEqual(['camera.created', 'camera.deleted', 'camera.updated']);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
  });

  it('answers an unreachable camera’s snapshot with a problem that does not quote its address, and marks it offline', async () => {
    const a = await t.admin();
    const created = (await createCamera({ code: `${unique}-dead`, name: 'Cầu Suối Đá (mất kết nối)' })).json() as CameraDetail;
    const res = await a.get(`/api/cameras/${created.id}/snapshot.jpg`);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'camera-unavailable' });
    expect(res.body).not.toContain(SECRET);
    await expect.poll(async () => ((await a.get(`/api/cameras/${created.id}`)).json() as Camera).status).toBe('offline');
  });

  it('gives the demo synthetic cameras at real places of Đồng Xoài and Biên Hòa, offline, without their addresses', async () => {
    const a = await t.admin();
    const res = await a.get('/api/cameras?q=' + encodeURIComponent('Tam Hiệp'));
    expect((res.json() as { items: Camera[] }).items).toEqual([expect.objectContaining({
      code: 'bh-vong-xoay-tam-hiep', isSynthetic: true, status: 'offline', ptz: true, lon: 106.8608, lat: 10.9467,
    })]);
    const dongXoai = (await a.get(`/api/cameras?unitId=${await t.unitId('DN-new-p-dong-xoai')}&tag=${encodeURIComponent('nút giao')}`)).json() as { items: Camera[] };
    expect(dongXoai.items.map((c) => c.code)).toContain('dx-nga-tu-dong-xoai');
    expect(res.body).not.toContain('demo:demo');
  });

  it('keeps the credentials out of the logs when ffmpeg fails on the address', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, new Writable({ write(chunk: Buffer, _e, done) { lines.push(chunk.toString()); done(); } }));
    const config = { maxStreams: 2, idleMs: 0, connectTimeoutMs: 1500, ffmpegPath: 'ffmpeg', snapshotMaxAgeMs: 1000, maxSnapshots: 1 };
    const snapshots = createSnapshots({ config, log });
    await expect(snapshots.get({ id: 'x', rtspUrl: deadUrl })).rejects.toThrow();
    const live = createLiveStreams({ config, log });
    const closed = new Promise<void>((resolve) => {
      live.join({ id: 'y', name: 'dead', rtspUrl: deadUrl }, { send() {}, backlog: () => 0, close: () => resolve() });
    });
    await closed;   // four failed attempts with backoff, then the viewer is told and closed
    await live.close();
    await snapshots.close();
    const text = lines.join('');
    expect(text).toContain('ffmpeg of a live stream exited');
    expect(text).toContain('***@127.0.0.1');   // the message quoted the address, redacted
    expect(text).not.toContain(SECRET);
  }, 30_000);
});
