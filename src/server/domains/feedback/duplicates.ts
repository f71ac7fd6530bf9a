// Duplicates (FixMyStreet's "is it one of these?"): open reports of the same category near the place and
// recent, ranked by distance and by the words the descriptions share; a citizen may support an existing
// report instead of filing a new one, and an operator may merge a report into another.
import { uuidv7 } from 'uuidv7';
import type {
  DraftDuplicatesBody, DuplicateCandidates, DuplicateQuery, MergeReportBody, PublicDuplicateCandidates, PublicSupportBody, SupportReportBody,
  SupportResult,
} from '../../../shared/contracts/feedback-handling.js';
import type { ReportDetail, ReportState } from '../../../shared/contracts/feedback.js';
import { type Actor, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  findCategoryByCode, findReportById, findReportByTrackingCode, findReportsByIds, insertReportEvent, type ReportRecord, unitById, updateReport,
} from './feedback.queries.js';
import {
  actorFields, citizenActor, type FeedbackContext, findVisibleReport, getReport, invalid, toSummary,
} from './feedback.service.js';
import {
  insertSupporter, moveSupporters, type NearbyReport, openReportsInUnit, openReportsNear, supporterCounts, supportersToNotify,
} from './duplicates.queries.js';
import { canMove, isClosed, publicLabels } from './states.js';
import { tokenize } from './text.js';

const DAY_MS = 86_400_000;
const CANDIDATE_POOL = 200;   // nearest open reports fetched before ranking by text

/** Jaccard similarity of two token sets (words and word pairs, without diacritics): 0 nothing shared, 1 the same. */
export function textSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const t of sa) if (sb.has(t)) shared++;
  return shared / (sa.size + sb.size - shared);
}

/** Nearer and more alike first: with a point, text and closeness weigh 0.6 / 0.4; without one, only the text. */
export function duplicateScore(similarity: number, distanceMeters: number | null, radiusMeters: number): number {
  const score = distanceMeters === null ? similarity : 0.6 * similarity + 0.4 * Math.max(0, 1 - distanceMeters / radiusMeters);
  return Math.round(score * 1000) / 1000;
}

interface Ranked { record: ReportRecord; distanceMeters: number | null; similarity: number; score: number; supporterCount: number }

async function rank(db: DbOrTx, nearby: NearbyReport[], description: string | undefined, radiusMeters: number, limit: number): Promise<Ranked[]> {
  const records = new Map((await findReportsByIds(db, nearby.map((n) => n.id))).map((r) => [r.report.id, r]));
  const counts = await supporterCounts(db, nearby.map((n) => n.id));
  const draft = tokenize(description ?? '');
  return nearby.flatMap((n) => {
    const record = records.get(n.id);
    if (!record) return [];
    const similarity = Math.round(textSimilarity(draft, tokenize(record.report.description)) * 1000) / 1000;
    const distanceMeters = n.distance === null ? null : Math.round(n.distance * 10) / 10;
    return [{ record, distanceMeters, similarity, score: duplicateScore(similarity, distanceMeters, radiusMeters), supporterCount: counts.get(n.id) ?? 0 }];
  }).sort((x, y) => y.score - x.score || (x.distanceMeters ?? 0) - (y.distanceMeters ?? 0)).slice(0, limit);
}

interface Where { categoryId: string; location: { lat: number; lon: number } | null; unitPath: string | null; excludeId?: string }

async function candidates(db: DbOrTx, where: Where, description: string | undefined, q: DuplicateQuery, scope: { scopePath: string; onlyAgencyId?: string | undefined }, now: Date): Promise<Ranked[]> {
  const filter = { categoryId: where.categoryId, since: new Date(now.getTime() - q.days * DAY_MS), ...scope, excludeId: where.excludeId, limit: CANDIDATE_POOL };
  let nearby: NearbyReport[] = [];
  if (where.location) nearby = await openReportsNear(db, where.location, q.radiusMeters, filter);
  else if (where.unitPath) nearby = await openReportsInUnit(db, where.unitPath, filter);
  return rank(db, nearby, description, q.radiusMeters, q.limit);
}

function scopeOf(actor: Actor) {
  return { scopePath: actor.scopePath, onlyAgencyId: actor.role === 'agency_officer' ? (actor.agencyId ?? '00000000-0000-0000-0000-000000000000') : undefined };
}

async function draftPlace(db: DbOrTx, body: DraftDuplicatesBody): Promise<Where> {
  const category = await findCategoryByCode(db, body.categoryCode);
  if (!category) throw invalid('body.categoryCode', 'no such category');
  let unitPath: string | null = null;
  if (!body.location && body.unitId) unitPath = (await unitById(db, body.unitId))?.path ?? null;
  return { categoryId: category.id, location: body.location ?? null, unitPath };
}

/** Staff: open reports that may be the same as this one. */
export async function suggestDuplicatesOf(ctx: Pick<FeedbackContext, 'db' | 'actor'>, id: string, q: DuplicateQuery, now = new Date()): Promise<DuplicateCandidates> {
  can(ctx.actor, 'feedback:read');
  const rec = await findVisibleReport(ctx, ctx.db, id);
  const where = { categoryId: rec.report.categoryId, location: rec.lat !== null && rec.lon !== null ? { lat: rec.lat, lon: rec.lon } : null, unitPath: rec.report.unitPath, excludeId: id };
  const ranked = await candidates(ctx.db, where, rec.report.description, q, scopeOf(ctx.actor), now);
  return { items: ranked.map((r) => ({ report: toSummary(r.record, now), distanceMeters: r.distanceMeters, similarity: r.similarity, score: r.score, supporterCount: r.supporterCount })) };
}

/** Staff taking a call: open reports like the one being typed, in the taker's scope. */
export async function suggestDuplicatesForStaffDraft(ctx: Pick<FeedbackContext, 'db' | 'actor'>, body: DraftDuplicatesBody, now = new Date()): Promise<DuplicateCandidates> {
  can(ctx.actor, 'feedback:read');
  const ranked = await candidates(ctx.db, await draftPlace(ctx.db, body), body.description, body, scopeOf(ctx.actor), now);
  return { items: ranked.map((r) => ({ report: toSummary(r.record, now), distanceMeters: r.distanceMeters, similarity: r.similarity, score: r.score, supporterCount: r.supporterCount })) };
}

/** The public page before submitting: "is it one of these?" — anonymised, as on the status page. */
export async function suggestDuplicatesForDraft(db: DbOrTx, body: DraftDuplicatesBody, now = new Date()): Promise<PublicDuplicateCandidates> {
  const ranked = await candidates(db, await draftPlace(db, body), body.description, body, { scopePath: '/' }, now);
  return {
    items: ranked.map(({ record: { report: r, categoryName }, distanceMeters, similarity, score, supporterCount }) => ({
      trackingCode: r.trackingCode, categoryName, description: r.description, statusLabel: publicLabels[r.state as ReportState],
      createdAt: r.createdAt.toISOString(), address: r.address, distanceMeters, similarity, score, supporterCount,
    })),
  };
}

// ── "me too" ────────────────────────────────────────────────────────────────────────────────────────
async function addSupporter(origin: Pick<FeedbackContext, 'db' | 'ip' | 'requestId' | 'publish'> & { actor: Actor }, rec: ReportRecord, body: PublicSupportBody, channel: string, now: Date): Promise<SupportResult> {
  if (isClosed(rec.report.state as ReportState)) {
    throw new AppError('invalid-transition', { title: 'This report is closed; file a new one.', detail: 'Phản ánh này đã đóng; vui lòng gửi phản ánh mới.' });
  }
  const id = rec.report.id;
  const hasContact = Boolean(body.reporter?.phone || body.reporter?.email);
  await origin.db.transaction(async (tx) => {
    await insertSupporter(tx, {
      id: uuidv7(), reportId: id, channel, name: body.reporter?.name ?? null, phone: body.reporter?.phone ?? null, email: body.reporter?.email ?? null,
      comment: body.comment ?? null, notify: body.notify && hasContact, createdAt: now,
    });
    // The timeline says someone else has the same problem; who it is stays with the supporter row.
    await insertReportEvent(tx, { reportId: id, at: now, kind: 'supported', agencyId: rec.report.agencyId, isPublic: false, text: body.comment ?? null, ...actorFields(origin.actor) });
    await audit(tx, origin, { action: 'report.support', entityType: 'report', entityId: id, unitPath: rec.report.unitPath, after: { channel } });
    await origin.publish(tx, { topic: 'feedback', type: 'report.supported', unitPath: rec.report.unitPath, ids: [id], data: { state: rec.report.state, agencyId: rec.report.agencyId } });
  });
  const counts = await supporterCounts(origin.db, [id]);
  return { trackingCode: rec.report.trackingCode, supporterCount: counts.get(id) ?? 0, statusLabel: publicLabels[rec.report.state as ReportState] };
}

export async function supportReportPublic(origin: Omit<FeedbackContext, 'actor'>, trackingCode: string, body: PublicSupportBody, now = new Date()): Promise<SupportResult> {
  const rec = await findReportByTrackingCode(origin.db, trackingCode.trim().toUpperCase());
  if (!rec) throw new AppError('not-found');
  return addSupporter({ ...origin, actor: citizenActor('web') }, rec, body, 'web', now);
}

export async function supportReport(ctx: FeedbackContext, id: string, body: SupportReportBody, now = new Date()): Promise<SupportResult> {
  can(ctx.actor, 'feedback:handle');
  const rec = await findVisibleReport(ctx, ctx.db, id);
  return addSupporter(ctx, rec, body, body.channel, now);
}

/** Who is told of a report's public changes: its reporter and the supporters who asked (for the channels). */
export async function followersOf(db: DbOrTx, reportId: string) {
  const rec = await findReportById(db, reportId);
  if (!rec) return [];
  const r = rec.report;
  const reporter = { kind: 'reporter' as const, channel: r.channel, name: r.reporterName, phone: r.reporterPhone, email: r.reporterEmail };
  const supporters = (await supportersToNotify(db, reportId)).map((s) => ({ kind: 'supporter' as const, channel: s.channel, name: s.name, phone: s.phone, email: s.email }));
  return [reporter, ...supporters];
}

// ── merge ───────────────────────────────────────────────────────────────────────────────────────────
/**
 * Merges a report into another: it becomes a duplicate pointing at the other, both timelines say so, and
 * its reporter (and its own supporters) follow the other report from now on.
 */
export async function mergeReport(ctx: FeedbackContext, id: string, body: MergeReportBody, now = new Date()): Promise<ReportDetail> {
  can(ctx.actor, 'feedback:handle');
  if (ctx.actor.role === 'agency_officer') throw new AppError('forbidden');
  if (body.intoId === id) throw invalid('body.intoId', 'name another report');
  await ctx.db.transaction(async (tx) => {
    // Lock both in id order so that two opposite merges cannot deadlock.
    const [first, second] = [id, body.intoId].sort();
    const locked = new Map<string, ReportRecord>();
    for (const x of [first!, second!]) locked.set(x, await findVisibleReport(ctx, tx, x, true));
    const dup = locked.get(id)!;
    const into = locked.get(body.intoId)!;
    const from = dup.report.state as ReportState;
    if (!canMove(from, 'duplicate')) {
      throw new AppError('invalid-transition', { title: `A report cannot go from ${from} to duplicate.`, detail: `Phản ánh ở trạng thái "${publicLabels[from]}" không thể đánh dấu trùng.` });
    }
    if (['duplicate', 'rejected', 'cancelled'].includes(into.report.state)) {
      throw new AppError('invalid-transition', { title: 'The other report is itself closed as duplicate, rejected or cancelled.', detail: 'Phản ánh được gộp vào đã bị đánh dấu trùng, từ chối hoặc hủy.' });
    }
    await updateReport(tx, id, { state: 'duplicate', duplicateOfId: into.report.id, closedAt: now, updatedAt: now });
    const by = actorFields(ctx.actor);
    await insertReportEvent(tx, {
      reportId: id, at: now, kind: 'state', fromState: from, toState: 'duplicate', agencyId: dup.report.agencyId, isPublic: true,
      text: body.reason ?? `Trùng với phản ánh ${into.report.trackingCode}; kết quả xử lý sẽ được thông báo theo phản ánh đó.`, ...by,
    });
    await insertReportEvent(tx, {
      reportId: into.report.id, at: now, kind: 'merged', agencyId: into.report.agencyId, isPublic: false,
      text: `Gộp phản ánh ${dup.report.trackingCode}${body.reason ? `: ${body.reason}` : ''}`, ...by,
    });
    await moveSupporters(tx, id, into.report.id);
    await insertSupporter(tx, {
      id: uuidv7(), reportId: into.report.id, sourceReportId: id, channel: dup.report.channel,
      name: dup.report.reporterName, phone: dup.report.reporterPhone, email: dup.report.reporterEmail,
      notify: Boolean(dup.report.reporterPhone || dup.report.reporterEmail), createdAt: now,
    });
    await audit(tx, ctx, { action: 'report.merge', entityType: 'report', entityId: id, unitPath: dup.report.unitPath, before: { state: from }, after: { state: 'duplicate', duplicateOfId: into.report.id } });
    await ctx.publish(tx, { topic: 'feedback', type: 'report.state', unitPath: dup.report.unitPath, ids: [id], data: { state: 'duplicate', agencyId: dup.report.agencyId, duplicateOfId: into.report.id } });
    await ctx.publish(tx, { topic: 'feedback', type: 'report.merged', unitPath: into.report.unitPath, ids: [into.report.id], data: { state: into.report.state, agencyId: into.report.agencyId, mergedId: id } });
  });
  return getReport(ctx, id, now);
}
