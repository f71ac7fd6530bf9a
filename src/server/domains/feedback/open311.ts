// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the feedback domain, in JSON and XML,
// plus FixMyStreet's servicerequestupdates extension. Datetimes are written with +07:00. Public reads are
// anonymised: no reporter name, phone, e-mail, account or device; the location is the reported problem's
// point, unchanged, as FixMyStreet and most GeoReport servers publish it (the problem, not the person).
import { XMLBuilder } from 'fast-xml-parser';
import { z } from 'zod';
import type { ReportState } from '../../../shared/contracts/feedback.js';
import { MAX_DESCRIPTION, reportStates } from '../../../shared/contracts/feedback.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../core/errors.js';
import { actorFromApiKey } from '../accounts/auth.service.js';
import {
  findCategoryByCode, findReportIdByToken, listCategories, listReportsForOpen311, publicUpdatesBetween, type ReportRecord,
} from './feedback.queries.js';
import { emergencyNoticeOf, type FeedbackContext, type FeedbackOptions, intakePublicReport, toCategory } from './feedback.service.js';
import { intakeCategory } from './intake-catalog.js';
import { suggestAfterIntake } from './classifier.service.js';
import { firstMediaOf } from './media.queries.js';
import { type PhotoUpload, processPhoto, type ProcessedPhoto, publicPhotoUrl } from './media.js';
import { fixMyStreetStatusOf, isClosed, open311StatusOf } from './states.js';

export type Format = 'json' | 'xml';

/** An error the way GeoReport v2 clients expect it: HTTP status plus [{code, description}]. */
export class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404 | 429 | 500, readonly description: string) { super(description); }
}

const DAY_MS = 86_400_000;
export const WINDOW_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;

/** ISO 8601 in Vietnam time: 2026-11-25T09:05:00+07:00. */
export function vietnamDateTime(d: Date | null): string | null {
  if (!d) return null;
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
}

// ── serialisation ───────────────────────────────────────────────────────────────────────────────────
const builder = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: false });

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

function forXml(value: Plain): Plain {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]));
  return value;
}

/** `<root><item>…</item>…</root>` for a list; `<root>…</root>` for an object. */
export function toXml(root: string, item: string | null, value: Plain): string {
  const body = item ? { [root]: { [item]: forXml(value) } } : { [root]: forXml(value) };
  return '<?xml version="1.0" encoding="UTF-8"?>' + builder.build(body);
}

export function errorBody(format: Format, status: number, description: string): string | { code: number; description: string }[] {
  if (format === 'json') return [{ code: status, description }];
  return toXml('errors', 'error', [{ code: status, description }]);
}

// ── discovery and services ──────────────────────────────────────────────────────────────────────────
export function discovery(baseUrl: string): Plain {
  return {
    changeset: '2026-11-25T00:00:00+07:00',
    contact: 'Trung tâm Điều hành thông minh (IOC), đường dây nóng 1022',
    key_service: 'API keys are issued by the IOC administrator (Quản trị hệ thống).',
    endpoints: [{
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${baseUrl}/open311/v2`,
      changeset: '2026-11-25T00:00:00+07:00',
      type: 'production',
      formats: ['application/json', 'text/xml'],
    }],
  };
}

export function discoveryXml(baseUrl: string): string {
  const d = discovery(baseUrl) as { endpoints: { formats: string[] }[] } & Record<string, Plain>;
  return toXml('discovery', null, { ...d, endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } } as Plain);
}

export async function services(db: Db): Promise<Plain[]> {
  return (await listCategories(db, true)).map((c) => ({
    service_code: c.code, service_name: c.name, description: c.description ?? '',
    metadata: toCategory(c).attributes.length > 0, type: 'realtime', keywords: c.keywords.join(', '), group: c.groupName,
  }));
}

export async function serviceDefinition(db: Db, code: string): Promise<{ service_code: string; attributes: Plain[] }> {
  const c = await findCategoryByCode(db, code);
  if (!c || !c.active) throw new Open311Error(404, `service_code ${code} not found`);
  return {
    service_code: c.code,
    attributes: toCategory(c).attributes.map((a) => ({
      variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: a.descriptionEn,
      order: a.order, description: a.description, ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
    })),
  };
}

export function serviceDefinitionXml(def: { service_code: string; attributes: Plain[] }): string {
  const attrs = def.attributes.map((a) => {
    const { values, ...rest } = a as { values?: Plain[] } & Record<string, Plain>;
    return values ? { ...rest, values: { value: values } } : rest;
  });
  return toXml('service_definition', null, { service_code: def.service_code, attributes: { attribute: attrs } } as Plain);
}

// ── POST requests ───────────────────────────────────────────────────────────────────────────────────
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);
const PostFields = z.object({
  api_key: z.string().optional(),
  service_code: z.string({ message: 'service_code is required' }).min(1, 'service_code is required'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: optionalText(500),
  address_id: optionalText(200),
  email: z.string().trim().email().max(254).optional(),
  device_id: z.string().optional(),
  account_id: z.string().optional(),
  first_name: optionalText(100),
  last_name: optionalText(100),
  phone: optionalText(30),
  description: z.string({ message: 'description is required' }).trim().min(1, 'description is required').max(MAX_DESCRIPTION, `description is longer than ${MAX_DESCRIPTION} characters`),
  media_url: z.string().url().max(2000).optional(),
  attribute: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
});

/** Form fields as GeoReport clients send them: attribute[code]=v (repeated for a multi-value list). */
export function formFieldsOf(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (m) {
      const code = m[1]!;
      const prev = attribute[code];
      attribute[code] = prev === undefined ? (m[2] ? [value] : value) : [...(Array.isArray(prev) ? prev : [prev]), value];
    } else out[key] = value;
  }
  if (Object.keys(attribute).length) out.attribute = attribute;
  return out;
}

export async function postRequest(origin: Omit<FeedbackContext, 'actor'>, fields: Record<string, unknown>, opts: FeedbackOptions, uploads: PhotoUpload[] = []): Promise<Plain[]> {
  if (typeof fields.api_key !== 'string' || !fields.api_key) throw new Open311Error(403, 'api_key is required');
  const actor = await actorFromApiKey(origin.db as Db, fields.api_key);
  if (!actor) throw new Open311Error(403, 'api_key is not valid');
  const parsed = PostFields.safeParse(fields);
  if (!parsed.success) throw new Open311Error(400, parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
  const f = parsed.data;
  const hasPoint = f.lat !== undefined && f.long !== undefined;
  if (!hasPoint && !f.address_string && !f.address_id) throw new Open311Error(400, 'lat and long, address_string or address_id is required');
  const category = await intakeCategory(origin.db, f.service_code);   // the in-memory catalog: no query per report
  if (!category || !category.active) throw new Open311Error(404, `service_code ${f.service_code} not found`);
  // A multipart upload's photo (media), checked and stripped as the public form's (media.ts), only once the key is known.
  const photos = await photosOfUploads(uploads);
  try {
    const { record } = await intakePublicReport({ ...origin, actor }, {
      categoryCode: f.service_code, description: f.description,
      location: hasPoint ? { lat: f.lat!, lon: f.long! } : undefined,
      address: f.address_string ?? f.address_id, channel: 'open311', urgency: 'normal',
      reporter: { name: [f.first_name, f.last_name].filter(Boolean).join(' ') || undefined, phone: f.phone, email: f.email },
      attributes: f.attribute, mediaUrl: f.media_url, ...(photos.length ? { photos } : {}),
    }, opts, new Date(), category);
    suggestAfterIntake(origin.db, record.report.id, record.report.description, origin.log ?? null);   // after commit, not awaited
    const notice = emergencyNoticeOf(category);
    return [{
      service_request_id: record.report.trackingCode,
      // The reporter's key: the client keeps it to rate or reopen the report later (docs/feedback.md).
      token: record.report.token,
      service_notice: notice ? notice.message : `Dự kiến xử lý xong trước ${vietnamDateTime(record.report.resolveDueAt)}.`,
      account_id: null,
    }];
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation-failed') {
      const errors = (e.extra.errors ?? []).map((x) => `${x.path.replace(/^body\./, '')}: ${x.message}`).join('; ');
      throw new Open311Error(400, errors || e.message);
    }
    throw e;
  }
}

async function photosOfUploads(uploads: PhotoUpload[]): Promise<ProcessedPhoto[]> {
  const photos: ProcessedPhoto[] = [];
  for (const u of uploads) {
    try {
      photos.push(await processPhoto(u));
    } catch (e) {
      if (e instanceof AppError && e.code === 'unsupported-media-type') throw new Open311Error(400, 'media is not a photo; send a JPEG, PNG or WebP image');
      throw e;
    }
  }
  return photos;
}

// ── GET requests ────────────────────────────────────────────────────────────────────────────────────
/** media_url: the URL the client sent, else the public copy of the report's first photo (never an original). */
async function withMedia(db: Db, recs: ReportRecord[], baseUrl: string): Promise<Plain[]> {
  const first = await firstMediaOf(db, recs.filter((r) => !r.report.mediaUrl).map((r) => r.report.id));
  return recs.map((rec) => {
    const photo = first.get(rec.report.id);
    return toRequest(rec, rec.report.mediaUrl ?? (photo ? baseUrl + publicPhotoUrl(rec.report.trackingCode, photo) : null));
  });
}

function toRequest(rec: ReportRecord, mediaUrl: string | null): Plain {
  const r = rec.report;
  const state = r.state as ReportState;
  return {
    service_request_id: r.trackingCode,
    status: open311StatusOf(state),
    status_notes: r.publicAnswer,
    service_name: rec.categoryName,
    service_code: rec.categoryCode,
    description: r.description,
    agency_responsible: rec.agencyName,
    service_notice: null,
    requested_datetime: vietnamDateTime(r.createdAt),
    updated_datetime: vietnamDateTime(r.updatedAt),
    expected_datetime: isClosed(state) ? null : vietnamDateTime(r.resolveDueAt),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: rec.lat,
    long: rec.lon,
    media_url: mediaUrl,
  };
}

const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

function dateParam(name: string, v: unknown): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} must be an ISO 8601 date-time, e.g. 2026-11-25T00:00:00+07:00`);
  return d;
}

function positiveInt(name: string, v: unknown, fallback: number, max: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Open311Error(400, `${name} must be a whole number from 1 to ${max}`);
  return n;
}

/** Requested in a window of at most 90 days (default: the last 90), newest first, at most 1,000 per page. */
export async function getRequests(db: Db, q: Record<string, unknown>, now = new Date(), baseUrl = ''): Promise<Plain[]> {
  const ids = list(q.service_request_id);
  if (ids?.length) return withMedia(db, await listReportsForOpen311(db, { trackingCodes: ids.map((x) => x.toUpperCase()), limit: MAX_PAGE_SIZE, offset: 0 }), baseUrl);
  let from = dateParam('start_date', q.start_date);
  let to = dateParam('end_date', q.end_date);
  if (!from && !to) { to = now; from = new Date(now.getTime() - WINDOW_DAYS * DAY_MS); }
  else if (from && !to) to = new Date(Math.min(now.getTime(), from.getTime() + WINDOW_DAYS * DAY_MS));
  else if (!from && to) from = new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (to! <= from!) throw new Open311Error(400, 'end_date must be after start_date');
  if (to!.getTime() - from!.getTime() > WINDOW_DAYS * DAY_MS) throw new Open311Error(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`);
  const statuses = list(q.status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open, closed or both');
  const states = statuses && statuses.length === 1 ? reportStates.filter((s) => open311StatusOf(s) === statuses[0]) : undefined;
  const pageSize = positiveInt('page_size', q.page_size, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = positiveInt('page', q.page, 1, 1_000_000);
  const rows = await listReportsForOpen311(db, {
    serviceCodes: list(q.service_code), from: from!, to: to!, states: states ? [...states] : undefined, limit: pageSize, offset: (page - 1) * pageSize,
  });
  return withMedia(db, rows, baseUrl);
}

export async function getRequest(db: Db, id: string, baseUrl = ''): Promise<Plain[]> {
  const rows = await listReportsForOpen311(db, { trackingCodes: [id.toUpperCase()], limit: 1, offset: 0 });
  if (!rows.length) throw new Open311Error(404, `service_request_id ${id} not found`);
  return withMedia(db, rows, baseUrl);
}

export async function getToken(db: Db, token: string): Promise<Plain[]> {
  const row = await findReportIdByToken(db, token);
  if (!row) throw new Open311Error(404, 'token not found');
  return [{ service_request_id: row.trackingCode, token }];
}

/** FixMyStreet's extension: public status changes and answers in a window (default the last 24 hours, at most 90 days). */
export async function serviceRequestUpdates(db: Db, q: Record<string, unknown>, now = new Date()): Promise<Plain[]> {
  const to = dateParam('end_date', q.end_date) ?? now;
  const from = dateParam('start_date', q.start_date) ?? new Date(to.getTime() - DAY_MS);
  if (to <= from) throw new Open311Error(400, 'end_date must be after start_date');
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw new Open311Error(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`);
  const rows = await publicUpdatesBetween(db, from, to, MAX_PAGE_SIZE);
  return rows.map(({ event: e, trackingCode, state }) => ({
    update_id: String(e.id),
    service_request_id: trackingCode,
    status: fixMyStreetStatusOf((e.toState ?? state) as ReportState),
    updated_datetime: vietnamDateTime(e.at),
    description: e.text ?? '',
    media_url: '',
  }));
}

