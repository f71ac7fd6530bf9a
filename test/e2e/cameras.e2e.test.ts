// Journey: an operator opens the cameras page, sees the still of a camera fed by a local RTSP test source, clicks
// it and watches it live: video frames really play in headless Chromium (H.264 copied by ffmpeg into fMP4 over a
// websocket into MSE). The camera's credentials never reach the browser; leaving the page stops the stream.
// Also measures the latency from source to screen: the source switches to a white picture on SIGUSR1 and the
// page notes when the first white frame is painted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RtspSource, startRtspSource } from '../support/rtsp-source.js';
import { apiSession, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

process.env.IOC_CAMERA_IDLE_SECONDS = '1';   // the server inherits it: a short grace period for the journey
const journey = useJourney();
const SECRET = 'Mat-Khau-Camera-7';
let source: RtspSource;

beforeAll(async () => { source = await startRtspSource({ width: 640, height: 360, fps: 15 }); });
afterAll(async () => { await source?.stop(); });

declare global {
  interface Window { __frames?: number; __brightAt?: number | null; __darkAt?: number | null }
}

describe('cameras', () => {
  it('an operator opens a camera from the list and watches live video that really plays', async () => {
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const units = await (await admin.api.get('/api/units', { params: { q: 'Đồng Xoài', limit: 50 } })).json() as { items: { id: string; code: string }[] };
    const ward = units.items.find((u) => u.code === 'DN-new-p-dong-xoai');
    if (!ward) throw new Error('ward Đồng Xoài not found');
    const created = await admin.api.post('/api/cameras', {
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { code: 'e2e-nga-tu-dong-xoai', name: 'Camera thử nghiệm Ngã tư Đồng Xoài', rtspUrl: source.url.replace('rtsp://', `rtsp://admin:${SECRET}@`), unitId: ward.id, lon: 106.8897, lat: 11.5353, tags: ['giao thông'] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const camera = await created.json() as { id: string };
    // A camera analytics event without a thumbnail: the server grabs the picture of its moment from the camera.
    const event = await admin.api.post('/api/cameras/events', {
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { type: 'new', after: { id: 'e2e-su-kien-1', camera: 'e2e-nga-tu-dong-xoai', label: 'car', score: 0.8, top_score: 0.8, start_time: Date.now() / 1000 } },
    });
    expect(event.status(), await event.text()).toBe(201);

    const context = await journey.browser.newContext({ baseURL: journey.server.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const bodies: string[] = [];
    page.on('response', (response) => { if (response.url().includes('/api/')) void response.text().then((b) => bodies.push(b), () => {}); });
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => { if (typeof frame.payload === 'string') bodies.push(frame.payload); }));
    await signIn(page, 'admin', journey.server.adminPassword);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Camera', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Camera giám sát' }).waitFor();

    // The still of the test camera loads (a real JPEG from the source); the synthetic demo cameras show no signal.
    const still = page.locator('.cam-tile').filter({ hasText: 'Camera thử nghiệm Ngã tư Đồng Xoài' }).locator('img');
    await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await still.elementHandle(), { timeout: 30_000 });
    await page.locator('.cam-tile').filter({ hasText: 'Vòng xoay Tam Hiệp' }).locator('.cam-no-signal').waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Xem trực tiếp Camera thử nghiệm Ngã tư Đồng Xoài' }).click();
    await page.getByRole('heading', { level: 1, name: 'Camera thử nghiệm Ngã tư Đồng Xoài' }).waitFor();
    const video = page.getByTestId('live-video');
    await video.waitFor();
    const openedAt = Date.now();
    // Frames really play: count painted frames, and the playhead and picture size advance.
    await page.evaluate(() => {
      const v = document.querySelector('video')!;
      window.__frames = 0;
      const onFrame = () => { window.__frames = (window.__frames ?? 0) + 1; v.requestVideoFrameCallback(onFrame); };
      v.requestVideoFrameCallback(onFrame);
    });
    await page.waitForFunction(() => (window.__frames ?? 0) >= 1, undefined, { timeout: 20_000 });
    const firstFrameMs = Date.now() - openedAt;
    await page.waitForFunction(() => {
      const v = document.querySelector('video')!;
      return (window.__frames ?? 0) >= 20 && v.currentTime > 1 && v.videoWidth === 640 && v.videoHeight === 360;
    }, undefined, { timeout: 20_000 });
    await page.locator('.cam-live[data-state="playing"]').waitFor();

    // Latency from source to screen: switch the source's picture and wait for the first painted frame showing it.
    await page.evaluate(() => {
      const v = document.querySelector('video')!;
      const canvas = document.createElement('canvas');
      canvas.width = 8; canvas.height = 8;
      const g = canvas.getContext('2d', { willReadFrequently: true })!;
      window.__brightAt = null; window.__darkAt = null;
      const onFrame = () => {
        g.drawImage(v, 0, 0, 8, 8);
        const data = g.getImageData(0, 0, 8, 8).data;
        let sum = 0;
        for (let i = 0; i < data.length; i += 4) sum += data[i]!;
        const mean = sum / 64;
        if (mean > 200 && window.__brightAt === null) window.__brightAt = Date.now();
        if (mean < 60 && window.__brightAt !== null && window.__darkAt === null) window.__darkAt = Date.now();
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    });
    const latencies: number[] = [];
    const toWhite = Date.now();
    process.kill(source.pid, 'SIGUSR1');
    await page.waitForFunction(() => window.__brightAt !== null, undefined, { timeout: 10_000 });
    latencies.push(await page.evaluate(() => window.__brightAt!) - toWhite);
    await page.waitForTimeout(500);
    const toDark = Date.now();
    process.kill(source.pid, 'SIGUSR1');
    await page.waitForFunction(() => window.__darkAt !== null, undefined, { timeout: 10_000 });
    latencies.push(await page.evaluate(() => window.__darkAt!) - toDark);
    console.log(`cameras e2e: first frame ${firstFrameMs} ms after opening; source → screen latency ${latencies.join(' ms, ')} ms`);
    expect(Math.max(...latencies)).toBeLessThan(3000);

    // The camera's events show the frame grabbed at the event's time (a real JPEG), not the live still.
    const eventPicture = page.getByTestId('camera-event-snapshot').and(page.locator('[data-source="camera"]')).locator('img');
    await eventPicture.waitFor({ timeout: 30_000 });
    await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await eventPicture.elementHandle(), { timeout: 30_000 });

    const streams = await (await admin.api.get('/api/cameras/streams')).json() as { items: { cameraId: string; viewers: number; mode: string }[] };
    expect(streams.items).toEqual([expect.objectContaining({ cameraId: camera.id, viewers: 1, mode: 'copy' })]);

    // Nothing the browser received carries the camera's credentials.
    expect(await page.content()).not.toContain(SECRET);
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) expect(body).not.toContain(SECRET);

    // Leaving the live view stops the stream after the grace period.
    await page.getByRole('link', { name: 'Danh sách camera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Camera giám sát' }).waitFor();
    await expect.poll(async () => ((await (await admin.api.get('/api/cameras/streams')).json()) as { items: unknown[] }).items.length, { timeout: 10_000 }).toBe(0);
    await context.close();
    await admin.api.dispose();
  }, 120_000);
});
