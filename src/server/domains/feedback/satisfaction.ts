// After a report is closed (resolved, or closed not fixed) its reporter rates the result 1–5 and may reopen
// it within a configurable number of days. Both need the reporter's key (the report's Open311 token, given
// only to the reporter in the tracking link): the tracking code alone, which is printed and read out on the
// phone, shows the status but does not let anyone act for the reporter.
import { createHash, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { RateReportBody, ReopenReportBody } from '../../../shared/contracts/feedback-handling.js';
import type { PublicReportStatus, ReportRating, ReportState } from '../../../shared/contracts/feedback.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findReportById, findReportByTrackingCode, insertReportEvent, type ReportRecord, updateReport } from './feedback.queries.js';
import {
  actorFields, citizenActor, dueDatesOf, type FeedbackContext, type FeedbackOptions, publicReportStatus,
} from './feedback.service.js';
import type { HandlingConfig } from './handling.config.js';
import type { ReportRatingRow } from './handling.table.js';
import { latestRatingOf, upsertRating } from './satisfaction.queries.js';

const DAY_MS = 86_400_000;
const rateable: ReadonlySet<string> = new Set<ReportState>(['resolved', 'closed_not_fixed']);

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time comparison of the given key with the report's (hashing first evens out the lengths). */
export function isReporterKey(report: { token: string }, key: string | undefined): boolean {
  return key !== undefined && timingSafeEqual(digest(report.token), digest(key));
}

export function toRating(r: ReportRatingRow | undefined): ReportRating | null {
  return r ? { score: r.score, comment: r.comment, stateRated: r.stateRated as ReportState, ratedAt: r.updatedAt.toISOString() } : null;
}

export function reopenUntilOf(r: { state: string; closedAt: Date | null }, cfg: Pick<HandlingConfig, 'reopenDays'>): Date | null {
  if (!rateable.has(r.state) || !r.closedAt) return null;
  return new Date(r.closedAt.getTime() + cfg.reopenDays * DAY_MS);
}

/** What the holder of the key may do now (the status page shows it only with the key). */
export async function reporterActionsOf(db: DbOrTx, rec: ReportRecord, cfg: Pick<HandlingConfig, 'reopenDays'>, now: Date): Promise<NonNullable<PublicReportStatus['reporterActions']>> {
  const until = reopenUntilOf(rec.report, cfg);
  return {
    canRate: rateable.has(rec.report.state) && rec.report.closedAt !== null,
    canReopen: until !== null && now <= until,
    reopenUntil: until?.toISOString() ?? null,
    rating: toRating(await latestRatingOf(db, rec.report.id)),
  };
}

async function reportForReporter(db: DbOrTx, trackingCode: string, key: string): Promise<ReportRecord> {
  const rec = await findReportByTrackingCode(db, trackingCode.trim().toUpperCase());
  if (!rec) throw new AppError('not-found');
  if (!isReporterKey(rec.report, key)) {
    throw new AppError('forbidden', { title: 'Only the reporter may do this: open the link you were given when you sent the report.', detail: 'Chỉ người gửi phản ánh mới thực hiện được thao tác này: vui lòng mở đường dẫn đã nhận khi gửi phản ánh.' });
  }
  return rec;
}

function assertClosedForReporter(rec: ReportRecord): void {
  if (!rateable.has(rec.report.state) || !rec.report.closedAt) {
    throw new AppError('invalid-transition', { title: 'The report is not closed yet: it can be rated or reopened once it is resolved or closed.', detail: 'Phản ánh chưa được xử lý xong: chỉ đánh giá hoặc mở lại được sau khi đã đóng.' });
  }
}

/** The reporter rates the current closure 1–5 (again: the new score replaces the old one). */
export async function rateReport(origin: Omit<FeedbackContext, 'actor'>, trackingCode: string, body: RateReportBody, cfg: Pick<HandlingConfig, 'reopenDays'>, now = new Date()): Promise<PublicReportStatus> {
  const rec = await reportForReporter(origin.db, trackingCode, body.key);
  assertClosedForReporter(rec);
  const r = rec.report;
  const actor = citizenActor(r.channel);
  await origin.db.transaction(async (tx) => {
    await upsertRating(tx, {
      id: uuidv7(), reportId: r.id, closedAt: r.closedAt!, stateRated: r.state, agencyId: r.agencyId, score: body.score, comment: body.comment ?? null,
      createdAt: now, updatedAt: now,
    });
    await insertReportEvent(tx, { reportId: r.id, at: now, kind: 'rated', agencyId: r.agencyId, isPublic: false, text: `${body.score}/5${body.comment ? `: ${body.comment}` : ''}`, ...actorFields(actor) });
    await audit(tx, { ...origin, actor }, { action: 'report.rate', entityType: 'report', entityId: r.id, unitPath: r.unitPath, after: { score: body.score } });
    await origin.publish(tx, { topic: 'feedback', type: 'report.rated', unitPath: r.unitPath, ids: [r.id], data: { state: r.state, agencyId: r.agencyId, score: body.score } });
  });
  return publicReportStatus(origin.db, r.trackingCode, now, body.key);
}

/**
 * The reporter says it was not fixed: back to in progress with the same agency, and a fresh resolution
 * deadline counted from now (the old one has usually passed; the agency gets the category's time again).
 */
export async function reopenReportByReporter(origin: Omit<FeedbackContext, 'actor'>, trackingCode: string, body: ReopenReportBody, cfg: Pick<HandlingConfig, 'reopenDays'>, opts: FeedbackOptions, now = new Date()): Promise<PublicReportStatus> {
  const rec = await reportForReporter(origin.db, trackingCode, body.key);
  assertClosedForReporter(rec);
  const until = reopenUntilOf(rec.report, cfg)!;
  if (now > until) {
    throw new AppError('invalid-transition', { title: `A report can be reopened up to ${cfg.reopenDays} days after it was closed; please file a new one.`, detail: `Chỉ mở lại được trong ${cfg.reopenDays} ngày kể từ khi đóng; vui lòng gửi phản ánh mới.` });
  }
  const r = rec.report;
  const from = r.state as ReportState;
  const actor = citizenActor(r.channel);
  await origin.db.transaction(async (tx) => {
    assertClosedForReporter((await findReportById(tx, r.id, true))!);   // a concurrent reopen or staff change wins once
    const { resolveDueAt } = await dueDatesOf(tx, r.categoryId, r.urgency as 'urgent' | 'complex' | 'normal', now, opts);
    await updateReport(tx, r.id, { state: 'in_progress', resolvedAt: null, closedAt: null, resolveDueAt, updatedAt: now });
    await insertReportEvent(tx, { reportId: r.id, at: now, kind: 'state', fromState: from, toState: 'in_progress', agencyId: r.agencyId, isPublic: true, text: `Người phản ánh mở lại: ${body.reason}`, ...actorFields(actor) });
    await insertReportEvent(tx, { reportId: r.id, at: now, kind: 'reopened', agencyId: r.agencyId, isPublic: false, text: body.reason, ...actorFields(actor) });
    await audit(tx, { ...origin, actor }, { action: 'report.reopen', entityType: 'report', entityId: r.id, unitPath: r.unitPath, before: { state: from }, after: { state: 'in_progress', resolveDueAt } });
    await origin.publish(tx, { topic: 'feedback', type: 'report.reopened', unitPath: r.unitPath, ids: [r.id], data: { state: 'in_progress', agencyId: r.agencyId } });
  });
  return publicReportStatus(origin.db, r.trackingCode, now, body.key);
}
