// Citizen reports: intake from every door (staff, public page, Open311), routing, SLA deadlines in working
// hours, the state machine, assignment, notes and answers. Scope is the report's unit path; an agency
// officer sees only the reports of its agency; anything outside that does not exist for them (404).
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type {
  ChangeCategoryBody, CreateReportBody, ListReportsQuery, PublicCreateReportBody, PublicReportCreated, PublicReportStatus, ReportCategory, ReportChannel,
  ReportDetail, ReportPage, ReportState, ReportSummary, TransitionReportBody, Urgency,
} from '../../../shared/contracts/feedback.js';
import { type Actor, assertVisible, assertWithinScope, can, hasPermission } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { publish } from '../../core/hub.js';
import { type GroupCommit, groupCommit } from '../../core/group-commit.js';
import { readCacheOf } from '../../core/read-cache.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { addWorkingHours, DEFAULT_OFFICE_HOURS, type OfficeHours } from '../calendar/working-hours.js';
import { defaultSla, OTHER_CATEGORY } from './categories.data.js';
import {
  agenciesThatReturned, agencyById, currentProvince, eventsOfReport, findCategoryByCode, findReportById, findReportByTrackingCode,
  insertIntakes, insertReportEvent, type IntakeRow, listCategories, listReports, type NewReportEvent, type PlaceUnit, type ReportRecord, routeOf,
  unitById, unitCoveringPoint, updateReport,
} from './feedback.queries.js';
import { intakeCategory, intakeSla } from './intake-catalog.js';
import { tellCitizenOfChange } from './channels/notices.js';
import type { ReportCategoryRow, ReportRow } from './feedback.table.js';
import { agencyTargets, canMove, isClosed, open311StatusOf, publicLabels, transitions } from './states.js';
import { mergeReport } from './duplicates.js';
import { supporterCounts, supportersOf } from './duplicates.queries.js';
import { defaultHandlingConfig, type HandlingConfig } from './handling.config.js';
import { photosForPublic, photosForStaff, type ProcessedPhoto, storePhotos } from './media.js';
import { suggestAfterIntake } from './classifier.service.js';
import { latestRatingOf } from './satisfaction.queries.js';
import { isReporterKey, reporterActionsOf, toRating } from './satisfaction.js';

/** What intake and changes need besides the database: who, from where, how to publish. */
export type FeedbackContext = Pick<RequestContext, 'db' | 'actor' | 'ip' | 'requestId' | 'publish'> & { log?: Pick<FastifyBaseLogger, 'warn'> | undefined };
export interface FeedbackOptions { officeHours: OfficeHours }
const defaults: FeedbackOptions = { officeHours: DEFAULT_OFFICE_HOURS };

// ── presentation ────────────────────────────────────────────────────────────────────────────────────
const iso = (d: Date | null) => d?.toISOString() ?? null;

export function isOverdue(r: Pick<ReportRow, 'state' | 'acceptDueAt' | 'resolveDueAt' | 'acceptedAt'>, now: Date): boolean {
  if (isClosed(r.state as ReportState)) return false;
  return (r.resolveDueAt !== null && r.resolveDueAt < now) || (r.acceptedAt === null && r.acceptDueAt !== null && r.acceptDueAt < now);
}

export function toSummary(rec: ReportRecord, now: Date): ReportSummary {
  const r = rec.report;
  return {
    id: r.id, trackingCode: r.trackingCode,
    categoryId: r.categoryId, categoryCode: rec.categoryCode, categoryName: rec.categoryName,
    description: r.description, state: r.state as ReportState, open311Status: open311StatusOf(r.state as ReportState),
    urgency: r.urgency as Urgency, channel: r.channel as ReportChannel,
    location: rec.lat !== null && rec.lon !== null ? { lat: rec.lat, lon: rec.lon } : null,
    address: r.address, unitId: r.unitId, unitName: rec.unitName, unitPath: r.unitPath,
    agencyId: r.agencyId, agencyName: rec.agencyName,
    acceptDueAt: iso(r.acceptDueAt), resolveDueAt: iso(r.resolveDueAt),
    acceptedAt: iso(r.acceptedAt), resolvedAt: iso(r.resolvedAt), closedAt: iso(r.closedAt),
    isOverdue: isOverdue(r, now), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

export function toCategory(c: ReportCategoryRow): ReportCategory {
  return {
    id: c.id, code: c.code, name: c.name, nameEn: c.nameEn, group: c.groupName, description: c.description,
    isEmergency: c.isEmergency, emergencyNumber: c.emergencyNumber, attributes: c.attributes as ReportCategory['attributes'], active: c.active,
  };
}

const emergencyServices: Record<string, { vi: string; en: string }> = {
  '113': { vi: 'Công an', en: 'police' },
  '114': { vi: 'Cứu nạn, cứu hộ (cháy nổ)', en: 'fire and rescue' },
  '115': { vi: 'Cấp cứu y tế', en: 'ambulance' },
};

export function emergencyNoticeOf(c: Pick<ReportCategoryRow, 'isEmergency' | 'emergencyNumber'>): PublicReportCreated['emergency'] {
  if (!c.isEmergency || !c.emergencyNumber) return null;
  const service = emergencyServices[c.emergencyNumber] ?? { vi: 'khẩn cấp', en: 'emergency' };
  return {
    number: c.emergencyNumber,
    message: `Nếu có nguy hiểm đến tính mạng hoặc tài sản, hãy gọi ngay ${c.emergencyNumber} (${service.vi}). Phản ánh trực tuyến không thay thế cuộc gọi khẩn cấp.`,
    messageEn: `If lives or property are in danger, call ${c.emergencyNumber} (${service.en}) now. An online report does not replace an emergency call.`,
  };
}

// ── intake ──────────────────────────────────────────────────────────────────────────────────────────
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';   // Crockford base 32: no I, L, O, U

/** 'PA' and 8 random base-32 characters: short enough to read out on the phone, too many to guess. */
export function newTrackingCode(): string {
  const bytes = randomBytes(8);
  return 'PA' + [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
}

export interface ReportIntake {
  categoryCode: string;
  description: string;
  location?: { lat: number; lon: number } | undefined;
  address?: string | undefined;
  unitId?: string | undefined;
  channel: ReportChannel;
  urgency: Urgency;
  reporter?: { name?: string | undefined; phone?: string | undefined; email?: string | undefined } | undefined;
  attributes?: Record<string, unknown> | undefined;
  mediaUrl?: string | undefined;
  photos?: ProcessedPhoto[] | undefined;    // checked and converted before the transaction (media.ts)
}

export const invalid = (path: string, message: string) => new AppError('validation-failed', { errors: [{ path, message }] });

export async function dueDatesOf(db: DbOrTx, categoryId: string, urgency: Urgency, from: Date, opts: FeedbackOptions) {
  const sla = (await intakeSla(db, categoryId, urgency)) ?? defaultSla[urgency];
  const year = Number(todayInVietnam(from).slice(0, 4));
  const cal = await loadWorkingCalendar(db, year, year + 1);
  return {
    acceptDueAt: addWorkingHours(cal, from, sla.acceptHours, opts.officeHours),
    resolveDueAt: addWorkingHours(cal, from, sla.resolveHours, opts.officeHours),
  };
}

/** The unit a report belongs to: the given unit, else the unit whose boundary covers the point, else the province. */
async function placeOf(db: DbOrTx, input: Pick<ReportIntake, 'unitId' | 'location'>, today: string, actor: Actor | null): Promise<PlaceUnit> {
  if (input.unitId) {
    const unit = await unitById(db, input.unitId);
    if (!unit || unit.validFrom > today || (unit.validTo !== null && unit.validTo <= today)) throw invalid('body.unitId', 'no such unit today');
    if (actor) assertWithinScope(actor, unit.path);
    return { id: unit.id, path: unit.path, name: unit.name };
  }
  if (input.location) {
    const unit = await unitCoveringPoint(db, input.location.lat, input.location.lon, today);
    if (unit) return unit;
  }
  const province = await currentProvince(db, today);
  if (!province) throw new AppError('not-ready', { title: 'No province is configured.', detail: 'Chưa cấu hình tỉnh.' });
  return province;
}

function checkAttributes(category: ReportCategoryRow, values: Record<string, unknown> | undefined): Record<string, unknown> {
  const defs = toCategory(category).attributes;
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const v = values?.[def.code];
    if (v === undefined || v === '') {
      if (def.required) throw invalid(`attribute.${def.code}`, 'required');
      continue;
    }
    if (def.values && def.datatype === 'singlevaluelist' && !def.values.some((x) => x.key === v)) throw invalid(`attribute.${def.code}`, 'not one of the listed values');
    out[def.code] = v;
  }
  return out;
}

export interface CreatedReport { record: ReportRecord; category: ReportCategoryRow }

type IntakeOrigin = Omit<FeedbackContext, 'actor'> & { actor: Actor };

/** An intake checked and given its deadlines, ready to be written (alone or in a batch). */
interface PreparedIntake {
  origin: IntakeOrigin;
  input: ReportIntake;
  category: ReportCategoryRow;
  attributes: Record<string, unknown>;
  due: { acceptDueAt: Date; resolveDueAt: Date };
  checkScopeOf: Actor | null;
  now: Date;
}

/**
 * The checks and deadlines of an intake, outside any transaction: the deadlines are computed from the
 * working calendar, cached per database handle. `known`: the caller's own lookup of input.categoryCode.
 */
async function prepareIntake(origin: IntakeOrigin, input: ReportIntake, opts: FeedbackOptions, checkScopeOf: Actor | null, now: Date,
  known?: ReportCategoryRow): Promise<PreparedIntake> {
  const category = known?.code === input.categoryCode ? known : await intakeCategory(origin.db, input.categoryCode);
  if (!category || !category.active) throw invalid('body.categoryCode', 'no such category');
  const attributes = checkAttributes(category, input.attributes);
  const due = await dueDatesOf(origin.db, category.id, input.urgency, now, opts);
  return { origin, input, category, attributes, due, checkScopeOf, now };
}

/**
 * Writes intakes: the reports, their routing, the timeline, audit rows and hub events in one statement
 * (insertIntakes), so that a batch outside a transaction commits on its own in one round trip. Photos need
 * the caller's transaction (they are a second statement). The answer is built from what was written rather
 * than read back.
 */
async function writeIntakes(db: DbOrTx, items: PreparedIntake[]): Promise<CreatedReport[]> {
  const today = todayInVietnam(items[0]!.now);
  const given: (PlaceUnit | null)[] = [];
  for (const it of items) given.push(it.input.unitId ? await placeOf(db, it.input, today, it.checkScopeOf) : null);
  const rows: IntakeRow[] = items.map((it, i) => {
    const { input, category, origin } = it;
    return {
      id: uuidv7(), trackingCode: newTrackingCode(), token: randomBytes(16).toString('base64url'),
      categoryId: category.id, categoryCode: category.code, description: input.description,
      lat: input.location?.lat ?? null, lon: input.location?.lon ?? null, address: input.address ?? null,
      unit: given[i]!, route: category.code !== OTHER_CATEGORY, channel: input.channel,
      reporterName: input.reporter?.name ?? null, reporterPhone: input.reporter?.phone ?? null, reporterEmail: input.reporter?.email ?? null,
      urgency: input.urgency, ...it.due, attributes: it.attributes, mediaUrl: input.mediaUrl ?? null, at: it.now,
      actorType: origin.actor.type, actorId: origin.actor.id, actorName: origin.actor.name, ip: origin.ip, requestId: origin.requestId,
    };
  });
  const placed = await insertIntakes(db, rows, today);
  for (const [i, it] of items.entries()) if (it.input.photos?.length) await storePhotos(db, rows[i]!.id, 'report', it.input.photos, it.now);
  readCacheOf(items[0]!.origin.db).invalidate('feedback');
  return items.map((it, i) => {
    const r = rows[i]!;
    const { unit, agency, location } = placed[i]!;
    const report: ReportRow = {
      id: r.id, trackingCode: r.trackingCode, token: r.token, categoryId: r.categoryId, description: r.description, location,
      address: r.address, unitId: unit.id, unitPath: unit.path, channel: r.channel, reporterName: r.reporterName, reporterPhone: r.reporterPhone,
      reporterEmail: r.reporterEmail, state: agency ? 'assigned' : 'new', urgency: r.urgency, agencyId: agency?.id ?? null,
      acceptDueAt: r.acceptDueAt, resolveDueAt: r.resolveDueAt, acceptedAt: null, resolvedAt: null, closedAt: null, publicAnswer: null,
      duplicateOfId: null, attributes: r.attributes, mediaUrl: r.mediaUrl, createdAt: r.at, updatedAt: r.at,
    };
    return {
      record: { report, categoryCode: it.category.code, categoryName: it.category.name, unitName: unit.name, agencyName: agency?.name ?? null, lat: r.lat, lon: r.lon },
      category: it.category,
    };
  });
}

/**
 * One door for every channel: the report, its routing, its deadlines, the timeline, audit and hub event,
 * in the caller's database handle (which may be a transaction). The hot path of every channel
 * (bench/feedback.ts).
 */
export async function intakeReport(origin: IntakeOrigin, input: ReportIntake, opts: FeedbackOptions = defaults,
  checkScopeOf: Actor | null = null, now = new Date(), known?: ReportCategoryRow): Promise<CreatedReport> {
  const prepared = await prepareIntake(origin, input, opts, checkScopeOf, now, known);
  return origin.db.transaction(async (tx) => (await writeIntakes(tx, [prepared]))[0]!);
}

const intakeBatches = new WeakMap<Db, GroupCommit<PreparedIntake, CreatedReport>>();

/**
 * intakeReport for the public doors (the web page, Open311), where many citizens post at once: concurrent
 * intakes are written together by group commit, one transaction per batch (core/group-commit.ts). Only
 * intakes that place themselves by their point go this way; one with photos or a chosen unit is written alone.
 */
export async function intakePublicReport(origin: IntakeOrigin, input: ReportIntake, opts: FeedbackOptions = defaults,
  now = new Date(), known?: ReportCategoryRow): Promise<CreatedReport> {
  const prepared = await prepareIntake(origin, input, opts, null, now, known);
  if (input.unitId || input.photos?.length) return origin.db.transaction(async (tx) => (await writeIntakes(tx, [prepared]))[0]!);
  const db = origin.db;
  let batches = intakeBatches.get(db);
  if (!batches) {
    // No transaction around a batch: writeIntakes is one statement, which commits (or fails) as a whole.
    batches = groupCommit((items: PreparedIntake[]) => writeIntakes(db, items));
    intakeBatches.set(db, batches);
  }
  return batches.submit(prepared);
}

export function actorFields(actor: Actor): Pick<NewReportEvent, 'actorType' | 'actorId' | 'actorName'> {
  return { actorType: actor.type, actorId: actor.id, actorName: actor.name };
}

/** The actor recorded for a citizen's own submission (no account). */
export function citizenActor(channel: string): Actor {
  return { type: 'system', id: null, name: `citizen:${channel}`, role: 'viewer', scopeUnitId: '', scopeUnitName: '', scopePath: '/', agencyId: null };
}

export async function createReport(ctx: FeedbackContext, body: CreateReportBody, opts: FeedbackOptions = defaults, photos: ProcessedPhoto[] = []): Promise<ReportDetail> {
  can(ctx.actor, 'feedback:handle');
  const { record } = await intakeReport(ctx, { ...body, photos }, opts, ctx.actor);
  suggestAfterIntake(ctx.db, record.report.id, record.report.description, ctx.log ?? null);
  return getReport(ctx, record.report.id);
}

export async function createPublicReport(origin: Omit<FeedbackContext, 'actor'>, body: PublicCreateReportBody, opts: FeedbackOptions = defaults, photos: ProcessedPhoto[] = []): Promise<PublicReportCreated> {
  const { record, category } = await intakePublicReport({ ...origin, actor: citizenActor('web') }, { ...body, channel: 'web', urgency: 'normal', photos }, opts);
  suggestAfterIntake(origin.db, record.report.id, record.report.description, origin.log ?? null);
  return {
    trackingCode: record.report.trackingCode,
    statusLabel: publicLabels[record.report.state as ReportState],
    resolveDueAt: iso(record.report.resolveDueAt),
    emergency: emergencyNoticeOf(category),
    reporterKey: record.report.token,
    photoCount: photos.length,
  };
}

// ── reads ───────────────────────────────────────────────────────────────────────────────────────────
export async function listReportCategories(db: DbOrTx, activeOnly = true): Promise<{ items: ReportCategory[] }> {
  return { items: (await listCategories(db, activeOnly)).map(toCategory) };
}

/** The report if the actor may see it: in scope, and for an agency officer assigned to its agency. */
export async function findVisibleReport(ctx: Pick<FeedbackContext, 'db' | 'actor'>, db: DbOrTx, id: string, forUpdate = false): Promise<ReportRecord> {
  const rec = await findReportById(db, id, forUpdate);
  if (!rec) throw new AppError('not-found');
  assertVisible(ctx.actor, rec.report.unitPath);
  if (ctx.actor.role === 'agency_officer' && rec.report.agencyId !== ctx.actor.agencyId) throw new AppError('not-found');
  return rec;
}

export async function listReportsFor(ctx: Pick<FeedbackContext, 'db' | 'actor'>, q: ListReportsQuery, now = new Date()): Promise<ReportPage> {
  can(ctx.actor, 'feedback:read');
  let unitPath: string | undefined;
  if (q.unitId) {
    const unit = await unitById(ctx.db, q.unitId);
    if (!unit) throw new AppError('not-found');
    assertVisible(ctx.actor, unit.path);
    unitPath = unit.path;
  }
  const { items, total } = await listReports(ctx.db, {
    scopePath: ctx.actor.scopePath,
    onlyAgencyId: ctx.actor.role === 'agency_officer' ? (ctx.actor.agencyId ?? '00000000-0000-0000-0000-000000000000') : undefined,
    states: q.state, categoryCode: q.categoryCode, agencyId: q.agencyId, unitPath, channel: q.channel, urgencies: q.urgency,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true', q: q.q, now,
  }, q);
  return { items: items.map((r) => toSummary(r, now)), total };
}

function allowedFor(actor: Actor, state: ReportState): ReportState[] {
  if (actor.role === 'agency_officer') return transitions[state].filter((s) => agencyTargets.has(s));
  return [...transitions[state]];
}

export async function getReport(ctx: Pick<FeedbackContext, 'db' | 'actor'>, id: string, now = new Date()): Promise<ReportDetail> {
  can(ctx.actor, 'feedback:read');
  const rec = await findVisibleReport(ctx, ctx.db, id);
  const events = await eventsOfReport(ctx.db, id);
  const r = rec.report;
  // Who reported and who supports it: only for those who handle reports (a leader reads it anonymised).
  const mayContact = hasPermission(ctx.actor, 'feedback:handle');
  const supporters = await supportersOf(ctx.db, id);
  return {
    ...toSummary(rec, now),
    reporter: mayContact ? { name: r.reporterName, phone: r.reporterPhone, email: r.reporterEmail } : { name: null, phone: null, email: null },
    supporterCount: supporters.length,
    supporters: mayContact ? supporters.map(({ supporter: s, sourceTrackingCode }) => ({
      id: s.id, channel: s.channel, name: s.name, phone: s.phone, email: s.email, comment: s.comment,
      sourceReportId: s.sourceReportId, sourceTrackingCode, createdAt: s.createdAt.toISOString(),
    })) : [],
    rating: toRating(await latestRatingOf(ctx.db, id)),
    photos: await photosForStaff(ctx.db, id, r.trackingCode),
    publicAnswer: r.publicAnswer,
    attributes: r.attributes as Record<string, unknown>,
    duplicateOfId: r.duplicateOfId,
    allowedTransitions: allowedFor(ctx.actor, r.state as ReportState),
    events: events.map(({ event: e, agencyName }) => ({
      at: e.at.toISOString(), kind: e.kind, fromState: e.fromState as ReportState | null, toState: e.toState as ReportState | null,
      agencyId: e.agencyId, agencyName, isPublic: e.isPublic, text: e.text, actorName: e.actorName,
    })),
  };
}

// ── changes ─────────────────────────────────────────────────────────────────────────────────────────
type Change = (tx: DbOrTx, rec: ReportRecord, now: Date) => Promise<{ type: string; patch: Partial<ReportRow>; events: Omit<NewReportEvent, 'reportId' | 'actorType' | 'actorId' | 'actorName'>[] }>;

/** The frame of every change: permission, lock, visibility, the change, timeline, audit, hub event. */
async function changeReport(ctx: FeedbackContext, id: string, action: string, change: Change, now = new Date()): Promise<ReportDetail> {
  can(ctx.actor, 'feedback:handle');
  await ctx.db.transaction(async (tx) => {
    const rec = await findVisibleReport(ctx, tx, id, true);
    const { type, patch, events } = await change(tx, rec, now);
    if (Object.keys(patch).length) await updateReport(tx, id, { ...patch, updatedAt: now });
    for (const e of events) await insertReportEvent(tx, { reportId: id, at: now, ...e, ...actorFields(ctx.actor) });
    await tellCitizenOfChange(tx, rec.report, patch, events, now);   // the citizen hears of public changes through their channel (channels/notices.ts)
    const before = { state: rec.report.state, agencyId: rec.report.agencyId, urgency: rec.report.urgency };
    await audit(tx, ctx, { action, entityType: 'report', entityId: id, unitPath: rec.report.unitPath, before, after: { ...before, ...patch } });
    await ctx.publish(tx, { topic: 'feedback', type, unitPath: rec.report.unitPath, ids: [id], data: { state: patch.state ?? rec.report.state, agencyId: patch.agencyId === undefined ? rec.report.agencyId : patch.agencyId } });
  });
  try {
    return await getReport(ctx, id, now);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not-found') return reportAfterHandOver(ctx, id, now);
    throw e;
  }
}

/** An agency officer who just handed a report back no longer sees it: answer what they did, without the reporter. */
async function reportAfterHandOver(ctx: FeedbackContext, id: string, now: Date): Promise<ReportDetail> {
  const rec = (await findReportById(ctx.db, id))!;
  return { ...toSummary(rec, now), reporter: { name: null, phone: null, email: null }, supporterCount: 0, supporters: [], rating: null, photos: [], publicAnswer: rec.report.publicAnswer, attributes: {}, duplicateOfId: rec.report.duplicateOfId, allowedTransitions: [], events: [] };
}

function assertMove(actor: Actor, from: ReportState, to: ReportState): void {
  if (actor.role === 'agency_officer' && !agencyTargets.has(to)) throw new AppError('forbidden');
  if (!canMove(from, to)) throw new AppError('invalid-transition', { title: `A report cannot go from ${from} to ${to}.`, detail: `Phản ánh không thể chuyển từ trạng thái "${publicLabels[from]}" sang "${publicLabels[to]}".` });
}

const needsReason: ReadonlySet<ReportState> = new Set(['rejected', 'closed_not_fixed', 'not_our_responsibility', 'cancelled']);

export async function transitionReport(ctx: FeedbackContext, id: string, body: TransitionReportBody, opts: FeedbackOptions = defaults): Promise<ReportDetail> {
  if (body.to === 'not_our_responsibility') {
    if (!body.reason) throw invalid('body.reason', 'say why it is not this agency’s responsibility');
    return returnReport(ctx, id, body.reason, opts);
  }
  if (body.to === 'assigned') return rerouteReport(ctx, id, opts);
  if (body.to === 'duplicate') {
    if (!body.duplicateOfId) throw invalid('body.duplicateOfId', 'name the report this one duplicates');
    return mergeReport(ctx, id, { intoId: body.duplicateOfId, reason: body.reason });
  }
  return changeReport(ctx, id, 'report.transition', async (tx, rec, now) => {
    const from = rec.report.state as ReportState;
    assertMove(ctx.actor, from, body.to);
    if (needsReason.has(body.to) && !body.reason) throw invalid('body.reason', 'a reason is required for this state');
    const patch: Partial<ReportRow> = { state: body.to };
    if (['in_progress', 'action_scheduled', 'resolved'].includes(body.to) && !rec.report.acceptedAt) patch.acceptedAt = now;
    if (body.to === 'resolved') { patch.resolvedAt = now; patch.closedAt = now; }
    else if (isClosed(body.to)) patch.closedAt = now;
    if (body.to === 'in_progress' && isClosed(from)) { patch.resolvedAt = null; patch.closedAt = null; }   // reopened
    return { type: 'report.state', patch, events: [{ kind: 'state', fromState: from, toState: body.to, agencyId: rec.report.agencyId, isPublic: true, text: body.reason ?? null }] };
  });
}

async function nextAgencyOf(tx: DbOrTx, rec: ReportRecord, now: Date, alsoExclude: string[]): Promise<string | null> {
  if (rec.categoryCode === OTHER_CATEGORY) return null;
  const exclude = [...new Set([...(await agenciesThatReturned(tx, rec.report.id)), ...alsoExclude])];
  return routeOf(tx, rec.report.categoryId, rec.report.unitPath, todayInVietnam(now), exclude);
}

/**
 * An agency hands a report back as not its responsibility: the report goes to the next agency of the
 * matrix that has not handed it back (a wider unit's agency), or to the operator queue when none is left.
 */
export async function returnReport(ctx: FeedbackContext, id: string, reason: string, _opts: FeedbackOptions = defaults): Promise<ReportDetail> {
  return changeReport(ctx, id, 'report.return', async (tx, rec, now) => {
    const from = rec.report.state as ReportState;
    assertMove(ctx.actor, from, 'not_our_responsibility');
    const returnedBy = rec.report.agencyId;
    const events: Awaited<ReturnType<Change>>['events'] = [
      { kind: 'returned', fromState: from, toState: 'not_our_responsibility', agencyId: returnedBy, isPublic: false, text: reason },
      { kind: 'state', fromState: from, toState: 'not_our_responsibility', agencyId: returnedBy, isPublic: true, text: null },
    ];
    const next = await nextAgencyOf(tx, rec, now, returnedBy ? [returnedBy] : []);
    if (!next) return { type: 'report.returned', patch: { state: 'not_our_responsibility', agencyId: null, acceptedAt: null }, events };
    events.push({ kind: 'assigned', fromState: 'not_our_responsibility', toState: 'assigned', agencyId: next, isPublic: true, text: 'Chuyển lại theo ma trận định tuyến' });
    return { type: 'report.returned', patch: { state: 'assigned', agencyId: next, acceptedAt: null }, events };
  });
}

/** Routes again through the matrix (skipping agencies that handed it back); 409 when no agency is left. */
async function rerouteReport(ctx: FeedbackContext, id: string, _opts: FeedbackOptions): Promise<ReportDetail> {
  return changeReport(ctx, id, 'report.reroute', async (tx, rec, now) => {
    const from = rec.report.state as ReportState;
    assertMove(ctx.actor, from, 'assigned');
    const next = await nextAgencyOf(tx, rec, now, []);
    if (!next) throw new AppError('invalid-transition', { title: 'No agency of the routing matrix is left for this report; assign one.', detail: 'Không còn cơ quan nào trong ma trận định tuyến cho phản ánh này; vui lòng chỉ định cơ quan.' });
    return { type: 'report.assigned', patch: { state: 'assigned', agencyId: next }, events: [{ kind: 'assigned', fromState: from, toState: 'assigned', agencyId: next, isPublic: true, text: 'Phân công theo ma trận định tuyến' }] };
  });
}

/** An operator names the agency (and may change the urgency, which recomputes the deadlines from receipt). */
export async function assignReport(ctx: FeedbackContext, id: string, agencyId: string, urgency: Urgency | undefined, opts: FeedbackOptions = defaults): Promise<ReportDetail> {
  if (ctx.actor.role === 'agency_officer') throw new AppError('forbidden');
  return changeReport(ctx, id, 'report.assign', async (tx, rec, now) => {
    const from = rec.report.state as ReportState;
    if (from !== 'assigned') assertMove(ctx.actor, from, 'assigned');
    const agency = await agencyById(tx, agencyId);
    if (!agency || (agency.validTo !== null && agency.validTo <= todayInVietnam(now))) throw invalid('body.agencyId', 'no such agency today');
    const patch: Partial<ReportRow> = { state: 'assigned', agencyId, acceptedAt: null };
    if (urgency && urgency !== rec.report.urgency) Object.assign(patch, { urgency }, await dueDatesOf(tx, rec.report.categoryId, urgency, rec.report.createdAt, opts));
    return { type: 'report.assigned', patch, events: [{ kind: 'assigned', fromState: from, toState: 'assigned', agencyId, isPublic: true, text: null }] };
  });
}

/**
 * An operator corrects the category. The deadlines follow the new category's SLA, counted from receipt (as a
 * new urgency does in assignReport). The report is routed again when asked, or when no agency holds it yet;
 * an agency already working on it keeps it otherwise. Agencies that handed it back are not skipped here: a
 * hand-back is often the very sign of a wrong category, and this is its fix. The hub event of changeReport is
 * what the classifier reads to move the report's words to the new category (classifier.service.ts).
 */
export async function changeReportCategory(ctx: FeedbackContext, id: string, body: ChangeCategoryBody, opts: FeedbackOptions = defaults): Promise<ReportDetail> {
  if (ctx.actor.role === 'agency_officer') throw new AppError('forbidden');
  return changeReport(ctx, id, 'report.category', async (tx, rec, now) => {
    const category = await findCategoryByCode(tx, body.categoryCode);
    if (!category || !category.active) throw invalid('body.categoryCode', 'no such category');
    if (category.id === rec.report.categoryId) throw invalid('body.categoryCode', 'the report already has this category');
    const from = rec.report.state as ReportState;
    const patch: Partial<ReportRow> = { categoryId: category.id, ...await dueDatesOf(tx, category.id, rec.report.urgency as Urgency, rec.report.createdAt, opts) };
    const events: Awaited<ReturnType<Change>>['events'] = [{
      kind: 'category', agencyId: rec.report.agencyId, isPublic: false, text: `${rec.categoryName} → ${category.name}${body.reason ? `: ${body.reason}` : ''}`,
    }];
    if (!isClosed(from) && (body.reroute || rec.report.agencyId === null)) {
      const next = category.code === OTHER_CATEGORY ? null : await routeOf(tx, category.id, rec.report.unitPath, todayInVietnam(now), []);
      if (!next && body.reroute) {
        throw new AppError('invalid-transition', { title: 'The routing matrix names no agency for this category here; assign one.', detail: 'Ma trận định tuyến không có cơ quan nào cho lĩnh vực này tại địa bàn; vui lòng chỉ định cơ quan.' });
      }
      if (next && next !== rec.report.agencyId) {
        if (from !== 'assigned') assertMove(ctx.actor, from, 'assigned');
        Object.assign(patch, { state: 'assigned', agencyId: next, acceptedAt: null });
        events.push({ kind: 'assigned', fromState: from, toState: 'assigned', agencyId: next, isPublic: true, text: 'Phân công theo lĩnh vực đã sửa' });
      }
    }
    return { type: 'report.category', patch, events };
  });
}

export async function addReportNote(ctx: FeedbackContext, id: string, text: string, isPublic: boolean): Promise<ReportDetail> {
  return changeReport(ctx, id, 'report.note', async (_tx, rec) => ({
    type: 'report.note', patch: {}, events: [{ kind: 'note', agencyId: rec.report.agencyId, isPublic, text }],
  }));
}

/** The agency's answer to the citizen, shown on the status page and as Open311 status_notes. */
export async function answerReport(ctx: FeedbackContext, id: string, text: string, photos: ProcessedPhoto[] = []): Promise<ReportDetail> {
  return changeReport(ctx, id, 'report.answer', async (tx, rec, now) => {
    if (['duplicate', 'rejected', 'cancelled'].includes(rec.report.state)) throw new AppError('invalid-transition');
    if (photos.length) await storePhotos(tx, id, 'answer', photos, now);
    return { type: 'report.answer', patch: { publicAnswer: text }, events: [{ kind: 'answer', agencyId: rec.report.agencyId, isPublic: true, text }] };
  });
}

// ── the public status page ──────────────────────────────────────────────────────────────────────────
export async function publicReportStatus(db: DbOrTx, trackingCode: string, now = new Date(), reporterKey?: string, cfg: Pick<HandlingConfig, 'reopenDays'> = defaultHandlingConfig): Promise<PublicReportStatus> {
  const rec = await findReportByTrackingCode(db, trackingCode.trim().toUpperCase());
  if (!rec) throw new AppError('not-found');
  const r = rec.report;
  const state = r.state as ReportState;
  const doneAt = r.resolvedAt ?? r.closedAt;
  const events = await eventsOfReport(db, r.id, true);
  const duplicateOf = r.duplicateOfId ? await findReportById(db, r.duplicateOfId) : undefined;
  return {
    trackingCode: r.trackingCode, categoryName: rec.categoryName, state, statusLabel: publicLabels[state], isOpen: !isClosed(state),
    createdAt: r.createdAt.toISOString(), resolveDueAt: iso(r.resolveDueAt), doneAt: iso(doneAt),
    isLate: r.resolveDueAt !== null && (doneAt ? doneAt > r.resolveDueAt : now > r.resolveDueAt),
    agencyName: rec.agencyName, publicAnswer: r.publicAnswer,
    history: events.map(({ event: e }) => ({
      at: e.at.toISOString(),
      statusLabel: e.kind === 'answer' ? 'Trả lời của cơ quan xử lý' : e.kind === 'note' ? 'Thông tin thêm' : publicLabels[(e.toState ?? 'new') as ReportState],
      text: e.text,
    })),
    photos: await photosForPublic(db, r.id, r.trackingCode),
    supporterCount: (await supporterCounts(db, [r.id])).get(r.id) ?? 0,
    duplicateOfTrackingCode: duplicateOf?.report.trackingCode ?? null,
    // A wrong key is treated like none: the page still shows the status, just no reporter actions.
    reporterActions: reporterKey !== undefined && isReporterKey(r, reporterKey) ? await reporterActionsOf(db, rec, cfg, now) : null,
  };
}

/** Who and where for a request without a signed-in actor (the public page, Open311 POST). */
export function originOf(req: FastifyRequest): Omit<FeedbackContext, 'actor'> {
  return { db: req.server.db, ip: req.ip, requestId: String(req.id), publish, log: req.log };
}
