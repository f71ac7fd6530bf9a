import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicReportCreated, PublicReportStatus, ReportDetail } from '../../../shared/contracts/feedback.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { meanDifference, type Rgb, rgbOf } from '../../test/photo-pixels.js';

let t: TestApp;
let photo: Buffer;        // a JPEG with EXIF: camera make and a GPS position
beforeAll(async () => {
  t = await createTestApp({ env: { IOC_REPORT_PHOTO_MAX_BYTES: String(10 * 1_048_576), IOC_REPORT_PHOTO_MAX_FILES: '3' } });
  photo = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#2a7' } }).jpeg()
    .withExif({ IFD0: { Make: 'CameraOfCitizen' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '11/1 32/1 0/1' } }).toBuffer();
});
afterAll(async () => { await t?.close(); });

interface FilePart { filename: string; type: string; content: Buffer }
function multipart(data: unknown, files: FilePart[]) {
  const boundary = `----ioc-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`)];
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const jpeg = (content = photo, filename = 'anh.jpg'): FilePart => ({ filename, type: 'image/jpeg', content });
const report = { categoryCode: 'roads', description: 'Ổ gà lớn, xem ảnh', address: 'Phường Đồng Xoài', reporter: { phone: '0900000020' } };
let ip = 0;
const publicUpload = (data: unknown, files: FilePart[]) => t.app.inject({ method: 'POST', url: '/api/public/reports', remoteAddress: `198.51.100.${++ip}`, ...multipart(data, files) });

async function reportCount(): Promise<number> {
  const [row] = await selectRows<{ n: number }>(t.database.db, sql`SELECT (SELECT count(*) FROM reports)::int + (SELECT count(*) FROM report_media)::int AS n`);
  return Number(row!.n);
}
const exifOf = async (b: Buffer) => (await sharp(b).metadata()).exif;

/** A JPEG of smooth colour bands with fine noise: a region's detail is there to be destroyed. */
async function noisyPhoto(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 42;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const i = (y * width + x) * 3;
    const v = ((Math.floor(x / 4) + Math.floor(y / 4)) % 2) * 180 + rnd() * 60;   // 4-px checks, as readable as plate characters
    raw[i] = v; raw[i + 1] = (v + x) % 256; raw[i + 2] = (v + y * 2) % 256;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}
type Rect = { x: number; y: number; width: number; height: number };
const inside = (r: Rect, x: number, y: number) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
const grown = (r: Rect, by: number): Rect => ({ x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by });
/** Mean absolute difference between horizontal neighbours (both picked by `where`): the fine detail. */
function detailOf(a: Rgb, where: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < a.height; y++) for (let x = 0; x + 1 < a.width; x++) {
    if (!where(x, y) || !where(x + 1, y)) continue;
    const i = (y * a.width + x) * 3;
    for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - a.data[i + 3 + c]!);
    n += 3;
  }
  return sum / n;
}

describe('photos', () => {
  it('takes a public report with photos in one request; the public copy has no EXIF, the original stays for handlers', async () => {
    const res = await publicUpload(report, [jpeg(), jpeg(photo, 'anh-2.jpg')]);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as PublicReportCreated;
    expect(created.photoCount).toBe(2);
    const status = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${created.trackingCode}` })).json() as PublicReportStatus;
    expect(status.photos).toHaveLength(2);
    const pub = await t.app.inject({ method: 'GET', url: status.photos[0]!.url });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/jpeg');
    expect(await exifOf(pub.rawPayload)).toBeUndefined();
    expect(pub.rawPayload.includes(Buffer.from('CameraOfCitizen'))).toBe(false);
    expect(await exifOf(photo)).toBeDefined();

    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const id = (await operator.get(`/api/feedback?q=${created.trackingCode}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const detail = (await operator.get(`/api/feedback/${id}`)).json() as ReportDetail;
    expect(detail.photos.map((p) => [p.kind, p.contentType, p.byteSize, p.width])).toEqual([['report', 'image/jpeg', photo.length, 120], ['report', 'image/jpeg', photo.length, 120]]);
    const original = await operator.request({ method: 'GET', url: detail.photos[0]!.url });
    expect(original.rawPayload.equals(photo)).toBe(true);
    // A leader reads anonymised: the public copy, not the original with its GPS position.
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    const forLeader = await leader.request({ method: 'GET', url: detail.photos[0]!.url });
    expect(forLeader.rawPayload.equals(pub.rawPayload)).toBe(true);

    // Open311 points media_url at the public copy.
    const o311 = (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${created.trackingCode}.json` })).json() as { media_url: string }[];
    expect(o311[0]!.media_url).toMatch(new RegExp(`/api/public/reports/${created.trackingCode}/photos/${status.photos[0]!.id}$`));
  });

  it('refuses a 50 MB photo (413), a non-image named .jpg and a broken JPEG (415), too many photos (413), and writes nothing', async () => {
    const before = await reportCount();
    const huge = Buffer.alloc(50 * 1_048_576, 1);
    photo.copy(huge, 0, 0, 64);   // starts like a JPEG: the size, not the type, must stop it
    const big = await publicUpload(report, [jpeg(huge, 'big.jpg')]);
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json()).toMatchObject({ code: 'payload-too-large', detail: 'Mỗi ảnh tối đa 10 MB.' });

    const pdf = await publicUpload(report, [jpeg(), { filename: 'anh.jpg', type: 'image/jpeg', content: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') }]);
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json()).toMatchObject({ code: 'unsupported-media-type' });
    expect((pdf.json() as { detail: string }).detail).toContain('"anh.jpg" không phải là ảnh');

    const broken = await publicUpload(report, [jpeg(Buffer.concat([photo.subarray(0, 200), Buffer.alloc(300, 7)]), 'hong.jpg')]);
    expect(broken.statusCode).toBe(415);

    const many = await publicUpload(report, [jpeg(), jpeg(), jpeg(), jpeg()]);
    expect(many.statusCode).toBe(413);
    expect(many.json()).toMatchObject({ detail: 'Tối đa 3 ảnh mỗi lần gửi.' });

    const invalid = await publicUpload({ ...report, description: '' }, [jpeg()]);
    expect(invalid.statusCode).toBe(400);
    expect(await reportCount()).toBe(before);
  });

  it('counts an upload against the per-IP limit before reading its photos', async () => {
    const send = () => t.app.inject({ method: 'POST', url: '/api/public/reports', remoteAddress: '192.0.2.99', ...multipart({ ...report, description: '' }, [jpeg()]) });
    for (let i = 0; i < 10; i++) expect((await send()).statusCode).toBe(400);   // IOC_PUBLIC_REPORT_LIMIT default 10
    const limited = await send();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('attaches photos to an agency’s answer and to a staff intake, shown on the status page', async () => {
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    // The staff doors check who is writing before any photo is read.
    expect((await t.app.inject({ method: 'POST', url: '/api/feedback', ...multipart(report, [jpeg()]) })).statusCode).toBe(401);
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await leader.request({ method: 'POST', url: '/api/feedback', ...multipart(report, [jpeg()]) })).statusCode).toBe(403);
    const taken = await agent.request({ method: 'POST', url: '/api/feedback', ...multipart({ ...report, channel: 'phone' }, [jpeg()]) });
    expect(taken.statusCode, taken.body).toBe(201);
    const r = taken.json() as ReportDetail;
    expect(r.photos).toHaveLength(1);
    const answered = await officer.request({ method: 'POST', url: `/api/feedback/${r.id}/answer`, ...multipart({ text: 'Đã vá xong, ảnh sau khi sửa.' }, [jpeg()]) });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((answered.json() as ReportDetail).photos.map((p) => p.kind)).toEqual(['report', 'answer']);
    const status = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${r.trackingCode}` })).json() as PublicReportStatus;
    expect(status).toMatchObject({ publicAnswer: 'Đã vá xong, ảnh sau khi sửa.' });
    expect(status.photos.map((p) => p.kind)).toEqual(['report', 'answer']);
  });

  it('lets a moderator redact a photo: the public gets a blurred copy, staff keep the original', async () => {
    const created = (await publicUpload(report, [jpeg()])).json() as PublicReportCreated;
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const id = (await operator.get(`/api/feedback?q=${created.trackingCode}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const [p] = ((await operator.get(`/api/feedback/${id}`)).json() as ReportDetail).photos;
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await leader.post(`/api/feedback/${id}/photos/${p!.id}/redact`, { reason: 'Lộ biển số xe' })).statusCode).toBe(403);
    const before = (await t.app.inject({ method: 'GET', url: p!.publicUrl })).rawPayload;

    const res = await operator.post(`/api/feedback/${id}/photos/${p!.id}/redact`, { reason: 'Lộ biển số xe' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { items: { redacted: boolean; redactionReason: string }[] }).items[0]).toMatchObject({ redacted: true, redactionReason: 'Lộ biển số xe' });
    const after = await t.app.inject({ method: 'GET', url: p!.publicUrl });
    expect(after.headers['content-type']).toBe('image/jpeg');
    expect(after.rawPayload.equals(before)).toBe(false);
    expect((await sharp(after.rawPayload).metadata()).exif).toBeUndefined();
    const status = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${created.trackingCode}` })).json() as PublicReportStatus;
    expect(status.photos[0]).toMatchObject({ id: p!.id, redacted: true });
    expect((await operator.request({ method: 'GET', url: p!.url })).rawPayload.equals(photo)).toBe(true);
    const detail = (await operator.get(`/api/feedback/${id}`)).json() as ReportDetail;
    expect(detail.events.at(-1)).toMatchObject({ kind: 'photo-redacted', isPublic: false, text: 'Lộ biển số xe (làm mờ toàn bộ ảnh)' });
  });

  it('pixelates only the regions a moderator drew: inside far from the original, outside close to it; staff keep the original; redoing replaces it', async () => {
    const original = await noisyPhoto(240, 160);
    const created = (await publicUpload(report, [jpeg(original, 'bien-so.jpg')])).json() as PublicReportCreated;
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const id = (await operator.get(`/api/feedback?q=${created.trackingCode}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const [p] = ((await operator.get(`/api/feedback/${id}`)).json() as ReportDetail).photos;
    const plate = { x: 40, y: 30, width: 80, height: 50 };                                      // pixels
    const face = { x: 0.75, y: 0.5, width: 0.25, height: 0.5, unit: 'fraction' as const };    // the bottom-right quarter
    // Every public copy is re-encoded (metadata dropped): outside the regions the redacted one may differ from
    // the original by that much, no more.
    const plainCopy = await rgbOf((await t.app.inject({ method: 'GET', url: p!.publicUrl })).rawPayload);
    const res = await operator.post(`/api/feedback/${id}/photos/${p!.id}/redact`, { reason: 'Che biển số xe và mặt người đi đường', regions: [plate, face] });
    expect(res.statusCode, res.body).toBe(200);
    const pub = (await t.app.inject({ method: 'GET', url: p!.publicUrl })).rawPayload;
    const [before, after] = await Promise.all([rgbOf(original), rgbOf(pub)]);
    expect(after.width).toBe(240);
    const faceRect = { x: 180, y: 80, width: 60, height: 80 };
    for (const r of [plate, faceRect]) {
      expect(meanDifference(before, after, (x, y) => inside(r, x, y))).toBeGreaterThan(30);
      // The fine detail (what makes plate characters readable) is gone, not just shifted.
      expect(detailOf(after, (x, y) => inside(r, x, y))).toBeLessThan(detailOf(before, (x, y) => inside(r, x, y)) * 0.15);
    }
    const outside = (x: number, y: number) => !inside(grown(plate, 8), x, y) && !inside(grown(faceRect, 8), x, y);
    const reencoding = meanDifference(before, plainCopy, outside);
    expect(reencoding).toBeLessThan(20);
    expect(meanDifference(before, after, outside)).toBeLessThan(reencoding + 1.5);
    expect((await operator.request({ method: 'GET', url: p!.url })).rawPayload.equals(original)).toBe(true);
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await leader.request({ method: 'GET', url: p!.url })).rawPayload.equals(pub)).toBe(true);
    const detail = (await operator.get(`/api/feedback/${id}`)).json() as ReportDetail;
    expect(detail.events.at(-1)).toMatchObject({ kind: 'photo-redacted', text: 'Che biển số xe và mặt người đi đường (che 2 vùng)' });
    const [audited] = await selectRows<{ after: { regions: { left: number; top: number; width: number; height: number }[] } }>(t.database.db,
      sql`SELECT after FROM audit_log WHERE action = 'report.photo.redact' AND entity_id = ${id} ORDER BY at DESC LIMIT 1`);
    expect(audited!.after.regions).toEqual([{ left: 40, top: 30, width: 80, height: 50 }, { left: 180, top: 80, width: 60, height: 80 }]);

    // Redone with only the plate: the face is back as the original had it.
    expect((await operator.post(`/api/feedback/${id}/photos/${p!.id}/redact`, { reason: 'Chỉ che biển số', regions: [plate] })).statusCode).toBe(200);
    const redone = await rgbOf((await t.app.inject({ method: 'GET', url: p!.publicUrl })).rawPayload);
    expect(meanDifference(before, redone, (x, y) => inside(faceRect, x, y))).toBeLessThan(meanDifference(before, plainCopy, (x, y) => inside(faceRect, x, y)) + 1.5);
    expect(meanDifference(before, redone, (x, y) => inside(plate, x, y))).toBeGreaterThan(30);
  });

  it('stores the regions on the photo as fractions of the photo as shown, so a redo starts from them; a refused redo keeps them, a whole blur clears them', async () => {
    // 120 × 80 stored sideways (EXIF orientation 6): shown, and redacted, as 80 × 120.
    const sideways = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#a52' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const created = (await publicUpload(report, [jpeg(sideways, 'nghieng.jpg')])).json() as PublicReportCreated;
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const id = (await operator.get(`/api/feedback?q=${created.trackingCode}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const photos = async () => ((await operator.get(`/api/feedback/${id}`)).json() as ReportDetail).photos;
    const [p] = await photos();
    expect(p).toMatchObject({ width: 80, height: 120, redactionRegions: null });
    const redact = (body: unknown) => operator.post(`/api/feedback/${id}/photos/${p!.id}/redact`, body);

    const plate = { x: 8, y: 12, width: 40, height: 60 };                                            // pixels of the photo as shown
    const face = { x: 0.5, y: 0.75, width: 0.5, height: 0.25, unit: 'fraction' as const };
    const res = await redact({ reason: 'Che biển số và mặt người', regions: [plate, face] });
    expect(res.statusCode, res.body).toBe(200);
    const both = [{ x: 0.1, y: 0.1, width: 0.5, height: 0.5 }, { x: 0.5, y: 0.75, width: 0.5, height: 0.25 }];
    expect((res.json() as { items: ReportDetail['photos'] }).items[0]!.redactionRegions).toEqual(both);
    expect((await photos())[0]!.redactionRegions).toEqual(both);
    const status = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${created.trackingCode}` })).json() as PublicReportStatus;
    expect(status.photos[0]).not.toHaveProperty('redactionRegions');

    expect((await redact({ reason: 'Che thêm', regions: [{ x: 60, y: 100, width: 40, height: 40 }] })).statusCode).toBe(400);
    expect((await photos())[0]!.redactionRegions).toEqual(both);
    expect((await redact({ reason: 'Chỉ che biển số', regions: [{ x: 0.1, y: 0.1, width: 0.5, height: 0.5, unit: 'fraction' }] })).statusCode).toBe(200);
    expect((await photos())[0]!.redactionRegions).toEqual([both[0]]);
    expect((await redact({ reason: 'Làm mờ toàn bộ' })).statusCode).toBe(200);
    expect((await photos())[0]).toMatchObject({ redacted: true, redactionRegions: null });
  });

  it('refuses a rectangle outside the photo with a problem+json naming the photo’s size, and keeps the public copy', async () => {
    const created = (await publicUpload(report, [jpeg()])).json() as PublicReportCreated;
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const id = (await operator.get(`/api/feedback?q=${created.trackingCode}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const [p] = ((await operator.get(`/api/feedback/${id}`)).json() as ReportDetail).photos;
    const before = (await t.app.inject({ method: 'GET', url: p!.publicUrl })).rawPayload;
    const outside = await operator.post(`/api/feedback/${id}/photos/${p!.id}/redact`, { reason: 'Che mặt', regions: [{ x: 10, y: 10, width: 20, height: 20 }, { x: 100, y: 60, width: 40, height: 40 }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect(outside.json()).toMatchObject({ code: 'bad-request', detail: 'Vùng 2 (x 100, y 60, 40 × 40 px) nằm ngoài ảnh (ảnh 120 × 80 px); hãy chọn vùng nằm trong ảnh.' });
    const fraction = await operator.post(`/api/feedback/${id}/photos/${p!.id}/redact`, { reason: 'Che mặt', regions: [{ x: 0.5, y: 0.5, width: 0.6, height: 0.2, unit: 'fraction' }] });
    expect(fraction.statusCode).toBe(400);
    const negative = await operator.post(`/api/feedback/${id}/photos/${p!.id}/redact`, { reason: 'Che mặt', regions: [{ x: -5, y: 0, width: 10, height: 10 }] });
    expect(negative.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: p!.publicUrl })).rawPayload.equals(before)).toBe(true);
    const photos = ((await operator.get(`/api/feedback/${id}`)).json() as ReportDetail).photos;
    expect(photos[0]).toMatchObject({ redacted: false });
  });

  it('blurs a detailed photo so that its fine detail is gone', async () => {
    const { blurredCopy } = await import('./media.js');
    // A checkerboard: maximal pixel-to-pixel contrast before, almost none after the blur.
    const size = 64;
    const raw = Buffer.alloc(size * size * 3);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw.fill((x + y) % 2 ? 255 : 0, (y * size + x) * 3, (y * size + x) * 3 + 3);
    const checker = await sharp(raw, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
    const stdev = async (b: Buffer) => (await sharp(b).stats()).channels[0]!.stdev;
    expect(await stdev(checker)).toBeGreaterThan(100);
    expect(await stdev(await blurredCopy(checker))).toBeLessThan(20);
  });
});
