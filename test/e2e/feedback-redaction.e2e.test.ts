// Journey: a citizen's report comes with a photo showing a licence plate and a face. An operator draws two
// rectangles over them with the mouse and saves; the public status page (by tracking code) then shows a copy
// pixelated inside the rectangles and as before outside them, while staff still get the original. Reopening
// the editor shows the two rectangles; the operator removes one (keyboard) and saves again: that part of the
// photo is public again, the other stays hidden.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import type { PublicReportCreated, ReportDetail } from '../../src/shared/contracts/feedback.js';
import { apiSession, newContext, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';
import { meanDifference, rgbOf } from '../../src/server/test/photo-pixels.js';

const journey = useJourney();

const W = 480;
const H = 320;

/** A JPEG of fine checks and noise, as readable as plate characters: pixelation shows as a large difference. */
async function detailedPhoto(): Promise<Buffer> {
  const raw = Buffer.alloc(W * H * 3);
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = (y * W + x) * 3;
    const v = ((Math.floor(x / 4) + Math.floor(y / 4)) % 2) * 180 + rnd() * 60;
    raw[i] = v; raw[i + 1] = (v + x) % 256; raw[i + 2] = (v + y) % 256;
  }
  return sharp(raw, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

/** A rectangle in fractions of the photo. */
type Box = { x: number; y: number; width: number; height: number };
const inBox = (b: Box, x: number, y: number, margin = 0) =>
  x >= (b.x - margin) * W && x < (b.x + b.width + margin) * W && y >= (b.y - margin) * H && y < (b.y + b.height + margin) * H;
const shrunk = (b: Box, by: number): Box => ({ x: b.x + by, y: b.y + by, width: b.width - 2 * by, height: b.height - 2 * by });

/** Drags with the mouse from one point to another of the photo in the editor (fractions of its size). */
async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const frame = (await page.getByTestId('redact-frame').boundingBox())!;
  await page.mouse.move(frame.x + from[0] * frame.width, frame.y + from[1] * frame.height);
  await page.mouse.down();
  await page.mouse.move(frame.x + (from[0] + to[0]) / 2 * frame.width, frame.y + (from[1] + to[1]) / 2 * frame.height, { steps: 4 });
  await page.mouse.move(frame.x + to[0] * frame.width, frame.y + to[1] * frame.height, { steps: 4 });
  await page.mouse.up();
}

/** The boxes the editor shows, as fractions of the photo (from their position on screen). */
async function boxesShown(page: Page): Promise<Box[]> {
  const frame = (await page.getByTestId('redact-frame').boundingBox())!;
  const boxes: Box[] = [];
  for (const el of await page.getByTestId('redact-box').all()) {
    const b = (await el.boundingBox())!;
    boxes.push({ x: (b.x - frame.x) / frame.width, y: (b.y - frame.y) / frame.height, width: b.width / frame.width, height: b.height / frame.height });
  }
  return boxes;
}

async function openEditor(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('group', { name: 'Che thông tin trong ảnh trước khi công khai' }).waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="redact-frame"] img');
    return !!img && img.complete && img.naturalWidth > 0;
  });
}

async function bytesOf(api: APIRequestContext, url: string): Promise<Buffer> {
  const response = await api.get(url);
  expect(response.status()).toBe(200);
  return response.body();
}

describe('redacting regions of a report photo', () => {
  it('an operator hides two regions with the mouse, the public sees them pixelated, and removing one shows it again', async () => {
    const original = await detailedPhoto();
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const province = (await (await admin.api.get('/api/units', { params: { q: '75', limit: 50 } })).json() as { items: { id: string; code: string }[] })
      .items.find((u) => u.code === '75');
    const password = 'redaction-operator-1';
    const username = `redact.operator.${Date.now() % 1_000_000}`;
    const user = await admin.api.post('/api/users', {
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { username, displayName: 'Kiểm duyệt ảnh', role: 'operator', scopeUnitId: province!.id, password },
    });
    expect(user.status(), await user.text()).toBe(201);

    // The citizen's report with its photo, through the public door (a visitor: no session).
    const visitor = await newContext(journey.browser, journey.server.baseUrl);
    const sent = await visitor.request.post('/api/public/reports', {
      multipart: {
        data: JSON.stringify({ categoryCode: 'roads', description: 'Xe đỗ chắn lối đi, xem ảnh', address: 'Phường Đồng Xoài', reporter: { phone: '0912000222' } }),
        photos: { name: 'xe.jpg', mimeType: 'image/jpeg', buffer: original },
      },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const { trackingCode } = await sent.json() as PublicReportCreated;
    const found = await (await admin.api.get('/api/feedback', { params: { q: trackingCode } })).json() as { items: { id: string }[] };
    const reportId = found.items[0]!.id;
    const detailOf = async () => await (await admin.api.get(`/api/feedback/${reportId}`)).json() as ReportDetail;
    const [photo] = (await detailOf()).photos;
    expect(photo).toMatchObject({ width: W, height: H, redacted: false, redactionRegions: null });

    // The operator draws a plate and a face with the mouse.
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, username, password);
    await page.goto(`/feedback/reports/${reportId}`);
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${trackingCode}` }).waitFor();
    await openEditor(page, 'Che thông tin trong ảnh');
    const plate: Box = { x: 0.1, y: 0.15, width: 0.3, height: 0.25 };
    const face: Box = { x: 0.6, y: 0.5, width: 0.3, height: 0.35 };
    for (const b of [plate, face]) await drag(page, [b.x, b.y], [b.x + b.width, b.y + b.height]);
    await expect.poll(() => page.getByTestId('redact-box').count()).toBe(2);
    await page.getByLabel('Lý do che (ghi vào nhật ký)').fill('Che biển số xe và khuôn mặt');
    await page.getByRole('button', { name: 'Che vùng đã chọn' }).click();
    await page.getByRole('button', { name: 'Che lại' }).waitFor();

    const stored = (await detailOf()).photos[0]!.redactionRegions!;
    expect(stored).toHaveLength(2);
    stored.forEach((r, i) => {
      const drawn = [plate, face][i]!;
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(r[k] - drawn[k])).toBeLessThan(0.02);
    });

    // The public status page, by tracking code, without signing in: its photo is the redacted copy.
    const status = await visitor.newPage();
    await status.goto(`/phan-anh/tra-cuu/${trackingCode}`);
    const img = status.locator('.fb-photos img').first();
    await img.waitFor();
    const publicUrl = await img.getAttribute('src');
    const [before, redacted] = await Promise.all([rgbOf(original), rgbOf(await bytesOf(visitor.request, publicUrl!))]);
    expect(redacted.width).toBe(W);
    for (const b of [plate, face]) expect(meanDifference(before, redacted, (x, y) => inBox(shrunk(b, 0.01), x, y))).toBeGreaterThan(30);
    const outside = (x: number, y: number) => !inBox(plate, x, y, 0.03) && !inBox(face, x, y, 0.03);
    expect(meanDifference(before, redacted, outside)).toBeLessThan(20);
    // Staff still get the original, byte for byte.
    expect((await bytesOf(page.request, photo!.url)).equals(original)).toBe(true);

    // Reopened, the editor starts from the two rectangles; the face one is removed from the keyboard.
    await openEditor(page, 'Che lại');
    const shown = await boxesShown(page);
    expect(shown).toHaveLength(2);
    shown.forEach((b, i) => {
      const drawn = [plate, face][i]!;
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(b[k] - drawn[k])).toBeLessThan(0.02);
    });
    await page.getByTestId('redact-box').nth(1).focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('redact-box').count()).toBe(1);
    await page.getByLabel('Lý do che (ghi vào nhật ký)').fill('Chỉ che biển số xe');
    await page.getByRole('button', { name: 'Che vùng đã chọn' }).click();
    await page.getByRole('button', { name: 'Che lại' }).waitFor();

    const again = await rgbOf(await bytesOf(visitor.request, publicUrl!));
    expect(meanDifference(before, again, (x, y) => inBox(shrunk(plate, 0.01), x, y))).toBeGreaterThan(30);
    expect(meanDifference(before, again, (x, y) => inBox(shrunk(face, 0.01), x, y))).toBeLessThan(20);
    expect((await detailOf()).photos[0]!.redactionRegions).toHaveLength(1);
    await openEditor(page, 'Che lại');
    expect(await page.getByTestId('redact-box').count()).toBe(1);

    await admin.api.dispose();
    await visitor.close();
    await context.close();
  });
});
