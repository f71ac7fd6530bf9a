// Photos of reports and answers: multipart upload checked by content (magic bytes, then a full decode),
// a public copy re-encoded without metadata (EXIF GPS, camera, owner) and the original kept for staff;
// moderators redact a photo, which replaces the public copy with a blurred one, or with one whose chosen
// regions (a face, a licence plate) are pixelated and the rest left as it was.
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import type { RedactionRegion, RedactPhotoBody } from '../../../shared/contracts/feedback-handling.js';
import type { PublicReportPhoto, ReportPhoto, ReportState } from '../../../shared/contracts/feedback.js';
import { can, hasPermission } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findReportByTrackingCode, insertReportEvent } from './feedback.queries.js';
import { actorFields, type FeedbackContext, findVisibleReport } from './feedback.service.js';
import type { HandlingConfig } from './handling.config.js';
import { findMediaContent, insertMedia, type MediaListing, mediaOfReport, redactMedia, type StoredRegion } from './media.queries.js';

export interface PhotoUpload { bytes: Buffer; fileName: string | null }
export interface ProcessedPhoto {
  contentType: string; byteSize: number; width: number | null; height: number | null;
  original: Buffer; publicContent: Buffer; publicContentType: string; fileName: string | null;
}
export type PhotoKind = 'report' | 'answer';

const accepted: Record<string, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };
const MAX_PIXELS = 60_000_000;   // a decompression bomb stops here, not in the server's memory

function notAPhoto(fileName: string | null, why: string, whyVi: string): AppError {
  const name = fileName ? `"${fileName}"` : 'A file';
  const nameVi = fileName ? `"${fileName}"` : 'Tệp đính kèm';
  return new AppError('unsupported-media-type', { title: `${name} ${why}; send JPEG, PNG or WebP photos.`, detail: `${nameVi} ${whyVi}; chỉ nhận ảnh JPEG, PNG hoặc WebP.` });
}

/** Checks what the bytes are (never the name or the declared type) and makes the public copy without metadata. */
export async function processPhoto(upload: PhotoUpload): Promise<ProcessedPhoto> {
  const type = await fileTypeFromBuffer(upload.bytes);
  const format = type ? accepted[type.mime] : undefined;
  if (!type || !format) throw notAPhoto(upload.fileName, 'is not a photo', 'không phải là ảnh');
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped (sharp writes none unless asked).
    const out = await sharp(upload.bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS }).rotate().toFormat(format, format === 'jpeg' ? { quality: 85 } : {})
      .toBuffer({ resolveWithObject: true });
    return {
      contentType: type.mime, byteSize: upload.bytes.length, width: out.info.width, height: out.info.height,
      original: upload.bytes, publicContent: out.data, publicContentType: type.mime, fileName: upload.fileName,
    };
  } catch {
    throw notAPhoto(upload.fileName, 'cannot be read as an image', 'bị hỏng, không đọc được');
  }
}

export async function blurredCopy(original: Buffer): Promise<Buffer> {
  return sharp(original, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width: 800, height: 800, fit: 'inside', withoutEnlargement: true })
    .blur(30).jpeg({ quality: 70 }).toBuffer();
}

export interface PixelRegion { left: number; top: number; width: number; height: number }

/**
 * Regions in whole pixels of an image `width` × `height`. A region not wholly inside the image is refused
 * (400): a moderator who meant to hide something must not get a copy where it is still visible.
 */
export function regionsInPixels(regions: readonly RedactionRegion[], width: number, height: number): PixelRegion[] {
  return regions.map((r, i) => {
    const f = r.unit === 'fraction';
    const x = f ? r.x * width : r.x;
    const y = f ? r.y * height : r.y;
    const w = f ? r.width * width : r.width;
    const h = f ? r.height * height : r.height;
    const eps = f ? 1e-6 * Math.max(width, height) : 0;   // 0.1 + 0.9 is not 1 in floating point
    if (x + w > width + eps || y + h > height + eps) {
      const where = f ? `x ${r.x}, y ${r.y}, ${r.width} × ${r.height} (fractions)` : `x ${r.x}, y ${r.y}, ${r.width} × ${r.height} px`;
      throw new AppError('bad-request', {
        title: `Region ${i + 1} (${where}) goes outside the photo, which is ${width} × ${height} px; draw it inside the photo.`,
        detail: `Vùng ${i + 1} (${where}) nằm ngoài ảnh (ảnh ${width} × ${height} px); hãy chọn vùng nằm trong ảnh.`,
        errors: [{ path: `regions.${i}`, message: 'outside the photo' }],
      });
    }
    const left = Math.min(width - 1, Math.floor(x));
    const top = Math.min(height - 1, Math.floor(y));
    return { left, top, width: Math.max(1, Math.min(width - left, Math.ceil(x + w) - left)), height: Math.max(1, Math.min(height - top, Math.ceil(y + h) - top)) };
  });
}

/**
 * The regions as fractions of the photo as shown, the way the editor draws them, whatever unit they came in:
 * what is stored on the photo so that a moderator who redoes a redaction starts from the regions of the last one.
 */
export function regionsAsFractions(regions: readonly RedactionRegion[], width: number, height: number): StoredRegion[] {
  const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1e6) / 1e6;
  return regions.map((r) => {
    const [sx, sy] = r.unit === 'fraction' ? [1, 1] : [width, height];
    return { x: round(r.x / sx), y: round(r.y / sy), width: round(r.width / sx), height: round(r.height / sy) };
  });
}

/** The photo as shown (EXIF orientation applied) and its size, before anything is drawn on it. */
export async function orientedPhoto(original: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(original, { limitInputPixels: MAX_PIXELS }).rotate().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Each region pixelated into blocks of about an eighth of its longer side (at least 8 px), then softened:
 * a face or a plate cannot be read back, and the rest of the photo stays as it was.
 */
export async function regionRedactedCopy(oriented: { data: Buffer }, regions: readonly PixelRegion[], format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  const patches: { input: Buffer; left: number; top: number }[] = [];
  for (const r of regions) {
    const block = Math.max(8, Math.round(Math.max(r.width, r.height) / 8));
    const small = await sharp(oriented.data).extract(r).resize(Math.max(1, Math.round(r.width / block)), Math.max(1, Math.round(r.height / block)), { fit: 'fill' })
      .raw().toBuffer({ resolveWithObject: true });
    const input = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
      .resize(r.width, r.height, { fit: 'fill', kernel: 'nearest' }).blur(Math.max(0.3, block / 4)).png().toBuffer();
    patches.push({ input, left: r.left, top: r.top });
  }
  return sharp(oriented.data).composite(patches).toFormat(format, format === 'jpeg' ? { quality: 85 } : {}).toBuffer();
}

// ── multipart: a JSON field "data" (the same body as the JSON request) and the photos as files ──
const processed = new WeakMap<FastifyRequest, ProcessedPhoto[]>();

/** The photos a multipart request carried (none for a JSON request). */
export function photosOf(req: FastifyRequest): ProcessedPhoto[] {
  return processed.get(req) ?? [];
}

async function readMultipart(req: FastifyRequest, limits: Pick<HandlingConfig, 'photoMaxBytes' | 'photoMaxFiles'>): Promise<{ data: unknown; uploads: PhotoUpload[] }> {
  let data: unknown = {};
  const uploads: PhotoUpload[] = [];
  const mb = Math.round(limits.photoMaxBytes / 1_048_576 * 10) / 10;
  try {
    const parts = req.parts({ limits: { fileSize: limits.photoMaxBytes, files: limits.photoMaxFiles, fields: 5, fieldSize: 64 * 1024, parts: limits.photoMaxFiles + 5 } });
    for await (const part of parts) {
      if (part.type === 'file') uploads.push({ bytes: await part.toBuffer(), fileName: part.filename || null });
      else if (part.fieldname === 'data') {
        try { data = JSON.parse(String(part.value)); } catch { throw new AppError('invalid-json', { title: 'The "data" field is not valid JSON.', detail: 'Trường "data" không phải JSON hợp lệ.' }); }
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload-too-large', { title: `A photo is larger than ${mb} MB.`, detail: `Mỗi ảnh tối đa ${mb} MB.` });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('payload-too-large', { title: `At most ${limits.photoMaxFiles} photos per request.`, detail: `Tối đa ${limits.photoMaxFiles} ảnh mỗi lần gửi.` });
    if (code === 'FST_FIELDS_LIMIT') throw new AppError('payload-too-large', { title: 'Too many form fields; send one "data" field.', detail: 'Quá nhiều trường dữ liệu.' });
    throw e;
  }
  return { data, uploads };
}

/**
 * A preValidation hook: a multipart request's "data" becomes the body (validated by the route's schema as
 * usual) and its photos are checked and converted before anything is written, so a bad photo refuses the
 * whole request and nothing of the report exists.
 */
export function acceptPhotos(limits: Pick<HandlingConfig, 'photoMaxBytes' | 'photoMaxFiles'>, who: 'public' | 'handler') {
  return async (req: FastifyRequest): Promise<void> => {
    if (!req.isMultipart()) return;
    if (who === 'handler') {
      // Staff doors: nobody gets megabytes decoded before being known to be allowed to write.
      if (!req.actor) throw new AppError('unauthenticated');
      can(req.actor, 'feedback:handle');
    }
    const { data, uploads } = await readMultipart(req, limits);
    const photos: ProcessedPhoto[] = [];
    for (const u of uploads) photos.push(await processPhoto(u));   // one at a time: bounded memory
    processed.set(req, photos);
    req.body = data;
  };
}

export async function storePhotos(tx: DbOrTx, reportId: string, kind: PhotoKind, photos: ProcessedPhoto[], now: Date): Promise<void> {
  await insertMedia(tx, photos.map((p) => ({ id: uuidv7(), reportId, kind, ...p, createdAt: now })));
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────────────
export const publicPhotoUrl = (trackingCode: string, photoId: string) => `/api/public/reports/${trackingCode}/photos/${photoId}`;
const staffPhotoUrl = (reportId: string, photoId: string) => `/api/feedback/${reportId}/photos/${photoId}`;

function toPhoto(m: MediaListing, trackingCode: string): ReportPhoto {
  return {
    id: m.id, kind: m.kind as PhotoKind, contentType: m.contentType, byteSize: m.byteSize, width: m.width, height: m.height,
    redacted: m.redacted, redactedAt: m.redactedAt?.toISOString() ?? null, redactionReason: m.redactionReason, redactionRegions: m.redactionRegions ?? null, createdAt: m.createdAt.toISOString(),
    url: staffPhotoUrl(m.reportId, m.id), publicUrl: publicPhotoUrl(trackingCode, m.id),
  };
}

export async function photosForStaff(db: DbOrTx, reportId: string, trackingCode: string): Promise<ReportPhoto[]> {
  return (await mediaOfReport(db, reportId)).map((m) => toPhoto(m, trackingCode));
}

export async function photosForPublic(db: DbOrTx, reportId: string, trackingCode: string): Promise<PublicReportPhoto[]> {
  return (await mediaOfReport(db, reportId)).map((m) => ({ id: m.id, kind: m.kind as PhotoKind, url: publicPhotoUrl(trackingCode, m.id), redacted: m.redacted }));
}

export interface PhotoContent { content: Buffer; contentType: string }

/** The public copy (metadata stripped; blurred once redacted), by tracking code. */
export async function publicPhotoContent(db: DbOrTx, trackingCode: string, photoId: string): Promise<PhotoContent> {
  const rec = await findReportByTrackingCode(db, trackingCode.trim().toUpperCase());
  if (!rec) throw new AppError('not-found');
  const row = await findMediaContent(db, rec.report.id, photoId, 'public');
  if (!row) throw new AppError('not-found');
  return { content: row.content, contentType: row.servedType };
}

/** Staff: the original for handlers (it may hold EXIF GPS), the public copy for readers such as leaders. */
export async function staffPhotoContent(ctx: Pick<FeedbackContext, 'db' | 'actor'>, reportId: string, photoId: string): Promise<PhotoContent> {
  can(ctx.actor, 'feedback:read');
  await findVisibleReport(ctx, ctx.db, reportId);
  const row = await findMediaContent(ctx.db, reportId, photoId, hasPermission(ctx.actor, 'feedback:handle') ? 'original' : 'public');
  if (!row) throw new AppError('not-found');
  return { content: row.content, contentType: row.servedType };
}

/**
 * A moderator hides a photo, or parts of it, from the public: with no regions the public copy becomes a
 * blurred one; with regions only they are pixelated. Always made from the original, so redoing a redaction
 * replaces the previous public copy (a region can be taken back, another added). The original stays for staff.
 * `request` is the route's body; a bare reason (the older call) blurs the whole photo.
 */
export async function redactPhoto(ctx: FeedbackContext, reportId: string, photoId: string, request: RedactPhotoBody | string, now = new Date()): Promise<ReportPhoto[]> {
  can(ctx.actor, 'feedback:handle');
  const { reason, regions = [] } = typeof request === 'string' ? { reason: request } : request;
  const rec = await findVisibleReport(ctx, ctx.db, reportId);
  const row = await findMediaContent(ctx.db, reportId, photoId, 'original');
  if (!row) throw new AppError('not-found');
  let copy: { content: Buffer; contentType: string; pixels: PixelRegion[] | null; fractions: StoredRegion[] | null };
  if (regions.length === 0) copy = { content: await blurredCopy(row.content), contentType: 'image/jpeg', pixels: null, fractions: null };
  else {
    const oriented = await orientedPhoto(row.content);
    const pixels = regionsInPixels(regions, oriented.width, oriented.height);   // 400 before anything is written
    const format = accepted[row.contentType] ?? 'jpeg';
    copy = { content: await regionRedactedCopy(oriented, pixels, format), contentType: `image/${format}`, pixels, fractions: regionsAsFractions(regions, oriented.width, oriented.height) };
  }
  const text = copy.pixels ? `${reason} (${copy.pixels.length === 1 ? 'che 1 vùng' : `che ${copy.pixels.length} vùng`})` : `${reason} (làm mờ toàn bộ ảnh)`;
  await ctx.db.transaction(async (tx) => {
    await redactMedia(tx, photoId, { publicContent: copy.content, publicContentType: copy.contentType, redactedAt: now, redactedBy: ctx.actor.name, redactionReason: reason, redactionRegions: copy.fractions });
    await insertReportEvent(tx, { reportId, at: now, kind: 'photo-redacted', agencyId: rec.report.agencyId, isPublic: false, text, ...actorFields(ctx.actor) });
    await audit(tx, ctx, { action: 'report.photo.redact', entityType: 'report', entityId: reportId, unitPath: rec.report.unitPath, after: { photoId, reason, scope: copy.pixels ? 'regions' : 'whole', regions: copy.pixels } });
    await ctx.publish(tx, { topic: 'feedback', type: 'report.photo-redacted', unitPath: rec.report.unitPath, ids: [reportId], data: { state: rec.report.state as ReportState, agencyId: rec.report.agencyId, photoId } });
  });
  return photosForStaff(ctx.db, reportId, rec.report.trackingCode);
}
