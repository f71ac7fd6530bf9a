// Live view and snapshots against a real RTSP source (GStreamer on 127.0.0.1) and real ffmpeg: started on demand,
// shared, stopped when nobody watches, restarted when it dies, capped, and only for users who may see the camera.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CameraDetail, LiveStream } from '../../../shared/contracts/cameras.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { type RtspSource, startRtspSource } from '../../../../test/support/rtsp-source.js';

let t: TestApp;
let source: RtspSource;
let base: string;
let camera: CameraDetail;
let other: CameraDetail;
const unique = `h3live${Date.now().toString(36)}`;

beforeAll(async () => {
  source = await startRtspSource({ width: 320, height: 240, fps: 15 });
  t = await createTestApp({ env: { IOC_CAMERA_IDLE_SECONDS: '1', IOC_CAMERA_MAX_STREAMS: '1', IOC_CAMERA_SNAPSHOT_SECONDS: '3' } });
  base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
  const a = await t.admin();
  const withCredentials = source.url.replace('rtsp://', 'rtsp://operator:Mat-Khau-9@');
  camera = (await a.post('/api/cameras', { code: `${unique}-a`, name: 'Ngã tư Sóng Thần (nguồn thử)', rtspUrl: withCredentials, unitId: await t.unitId('DN-new-p-dong-xoai') })).json() as CameraDetail;
  other = (await a.post('/api/cameras', { code: `${unique}-b`, name: 'Cổng KCN Đồng Xoài (nguồn thử)', rtspUrl: source.url, unitId: await t.unitId('DN-new-p-dong-xoai') })).json() as CameraDetail;
}, 180_000);
afterAll(async () => {
  await t?.close();
  await source?.stop();
});

interface Viewer { socket: WebSocket; texts: { type: string; mime?: string; code?: string }[]; binaries: Buffer[]; closed: Promise<number> }

function watch(agent: Agent | null, cameraId: string): Viewer {
  const socket = new WebSocket(`${base}/api/cameras/${cameraId}/live`, { headers: agent ? { cookie: agent.cookie } : {} });
  const viewer: Viewer = { socket, texts: [], binaries: [], closed: new Promise((resolve) => { socket.on('close', (code) => resolve(code)); socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)); }) };
  socket.on('error', () => {});
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) viewer.binaries.push(data);
    else viewer.texts.push(JSON.parse(data.toString()) as Viewer['texts'][number]);
  });
  return viewer;
}

const boxType = (b: Buffer) => b.toString('latin1', 4, 8);
async function streams(): Promise<LiveStream[]> {
  return ((await (await t.admin()).get('/api/cameras/streams')).json() as { items: LiveStream[] }).items;
}
const isRunning = (pid: number) => existsSync(`/proc/${pid}`);   // gone from /proc: exited and reaped (no zombie)

describe('live view', () => {
  it('starts ffmpeg for the first viewer, shares it with the next, and stops it a grace period after the last leaves', async () => {
    const a = await t.admin();
    expect(await streams()).toEqual([]);
    const first = watch(a, camera.id);
    await expect.poll(() => first.binaries.filter((b) => boxType(b) === 'moof').length, { timeout: 15_000 }).toBeGreaterThan(3);
    expect(first.texts[0]).toEqual({ type: 'init', mime: expect.stringMatching(/^video\/mp4; codecs="avc1\.[0-9a-f]{6}"$/) });
    expect(boxType(first.binaries[0]!)).toBe('ftyp');   // the init segment first, then fragments
    const [running] = await streams();
    expect(running).toMatchObject({ cameraId: camera.id, viewers: 1, state: 'running', mode: 'copy', restarts: 0 });
    const pid = running!.pid!;
    expect(isRunning(pid)).toBe(true);

    // A second viewer gets the init segment and starts at the last keyframe, from the same ffmpeg.
    const second = watch(a, camera.id);
    await expect.poll(() => second.binaries.length, { timeout: 5000 }).toBeGreaterThan(2);
    expect(second.texts[0]?.type).toBe('init');
    expect(await streams()).toMatchObject([{ pid, viewers: 2 }]);
    expect(((await a.get(`/api/cameras/${camera.id}`)).json() as CameraDetail)).toMatchObject({ status: 'online', live: { viewers: 2, running: true } });

    first.socket.close();
    await first.closed;
    await new Promise((r) => setTimeout(r, 1300));
    expect(await streams()).toMatchObject([{ pid, viewers: 1 }]);   // one viewer left: still running
    second.socket.close();
    await second.closed;
    expect((await streams())[0]?.viewers).toBe(0);                  // within the grace period
    await expect.poll(async () => (await streams()).length, { timeout: 5000 }).toBe(0);
    await expect.poll(() => isRunning(pid), { timeout: 5000 }).toBe(false);
  }, 60_000);

  it('restarts an ffmpeg that dies while someone watches, and the viewer gets a new init segment and video', async () => {
    const viewer = watch(await t.admin(), camera.id);
    await expect.poll(() => viewer.binaries.length, { timeout: 15_000 }).toBeGreaterThan(3);
    const pid = (await streams())[0]!.pid!;
    process.kill(pid, 'SIGKILL');
    await expect.poll(async () => (await streams())[0]?.restarts, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => viewer.texts.filter((m) => m.type === 'init').length, { timeout: 15_000 }).toBe(2);
    const newPid = (await streams())[0]!.pid!;
    expect(newPid).not.toBe(pid);
    expect(isRunning(pid)).toBe(false);
    const before = viewer.binaries.length;
    await expect.poll(() => viewer.binaries.length, { timeout: 10_000 }).toBeGreaterThan(before + 3);
    viewer.socket.close();
    await expect.poll(() => isRunning(newPid), { timeout: 8000 }).toBe(false);
  }, 60_000);

  it('refuses a stream beyond the cap, an anonymous viewer, and a camera outside the viewer’s scope', async () => {
    const a = await t.admin();
    const holder = watch(a, camera.id);
    await expect.poll(() => holder.binaries.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const refused = watch(a, other.id);
    expect(await refused.closed).toBe(1013);
    expect(refused.texts).toEqual([{ type: 'error', code: 'stream-limit' }]);
    expect((await streams()).map((s) => s.cameraId)).toEqual([camera.id]);

    expect(await watch(null, camera.id).closed).toBe(401);
    const outsider = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-binh-long' });
    const denied = watch(outsider, camera.id);
    expect(await denied.closed).toBe(1008);
    expect(denied.texts).toEqual([{ type: 'error', code: 'not-found' }]);
    expect(denied.binaries).toEqual([]);
    holder.socket.close();
    await expect.poll(async () => (await streams()).length, { timeout: 5000 }).toBe(0);
  }, 60_000);
});

describe('snapshots', () => {
  it('answers a JPEG still, serves it from the cache within the refresh interval, and takes a new one after it', async () => {
    const a = await t.admin();
    const first = await a.get(`/api/cameras/${other.id}/snapshot.jpg`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toBe('image/jpeg');
    expect(first.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(first.headers['cache-control']).toMatch(/^private, max-age=[1-3]$/);
    const cached = await a.get(`/api/cameras/${other.id}/snapshot.jpg?t=2`);
    expect(cached.headers['last-modified']).toBe(first.headers['last-modified']);
    expect(cached.rawPayload.equals(first.rawPayload)).toBe(true);
    await new Promise((r) => setTimeout(r, 3200));
    const fresh = await a.get(`/api/cameras/${other.id}/snapshot.jpg?t=3`);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.rawPayload.equals(first.rawPayload)).toBe(false);   // the test pattern moves and its clock runs
    expect(((await a.get(`/api/cameras/${other.id}`)).json() as CameraDetail).status).toBe('online');
  }, 60_000);
});
