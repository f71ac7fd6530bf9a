// Photos of reports and answers: multipart upload checked by content (magic bytes, then a full decode),
// a public copy re-encoded without metadata (EXIF GPS, camera, owner) and the original kept for staff;
// moderators redact a photo, which replaces the public copy with a blurred one.
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import type { PublicReportPhoto, ReportPhoto, ReportState } from '../../../shared/contracts/feedback.js';
import { can, hasPermission } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findReportByTrackingCode, insertReportEvent } from './feedback.queries.js';
import { actorFields, type FeedbackContext, findVisibleReport } from './feedback.service.js';
import type { HandlingConfig } from './handling.config.js';
import { findMediaContent, insertMedia, type MediaListing, mediaOfReport, redactMedia } from './media.queries.js';

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
    redacted: m.redacted, redactedAt: m.redactedAt?.toISOString() ?? null, redactionReason: m.redactionReason, createdAt: m.createdAt.toISOString(),
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

/** A moderator hides a photo from the public: the public copy becomes a blurred one; the original stays for staff. */
export async function redactPhoto(ctx: FeedbackContext, reportId: string, photoId: string, reason: string, now = new Date()): Promise<ReportPhoto[]> {
  can(ctx.actor, 'feedback:handle');
  const rec = await findVisibleReport(ctx, ctx.db, reportId);
  const row = await findMediaContent(ctx.db, reportId, photoId, 'original');
  if (!row) throw new AppError('not-found');
  const blurred = await blurredCopy(row.content);
  await ctx.db.transaction(async (tx) => {
    await redactMedia(tx, photoId, { publicContent: blurred, publicContentType: 'image/jpeg', redactedAt: now, redactedBy: ctx.actor.name, redactionReason: reason });
    await insertReportEvent(tx, { reportId, at: now, kind: 'photo-redacted', agencyId: rec.report.agencyId, isPublic: false, text: reason, ...actorFields(ctx.actor) });
    await audit(tx, ctx, { action: 'report.photo.redact', entityType: 'report', entityId: reportId, unitPath: rec.report.unitPath, after: { photoId, reason } });
    await ctx.publish(tx, { topic: 'feedback', type: 'report.photo-redacted', unitPath: rec.report.unitPath, ids: [reportId], data: { state: rec.report.state as ReportState, agencyId: rec.report.agencyId, photoId } });
  });
  return photosForStaff(ctx.db, reportId, rec.report.trackingCode);
}
