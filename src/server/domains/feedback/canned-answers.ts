// Canned answers (mẫu trả lời, as in Chatwoot): texts with {placeholders} filled from a report when an
// operator or an agency officer answers. Common ones (no agency) are the operators'; an agency's officers
// keep their own besides. Placeholders never include the reporter: an answer is public.
import { uuidv7 } from 'uuidv7';
import {
  type CannedAnswer, type CannedAnswerList, cannedAnswerPlaceholders, type CannedAnswerPlaceholder, type CreateCannedAnswerBody,
  type ListCannedAnswersQuery, type RenderedAnswer, type UpdateCannedAnswerBody,
} from '../../../shared/contracts/feedback-handling.js';
import type { ReportState } from '../../../shared/contracts/feedback.js';
import { type Actor, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  type CannedAnswerRecord, deleteCannedAnswer, findCannedAnswer, insertCannedAnswer, listCannedAnswers, updateCannedAnswer,
} from './canned-answers.queries.js';
import { agencyById, findCategoryByCode, type ReportRecord } from './feedback.queries.js';
import { type FeedbackContext, findVisibleReport, invalid } from './feedback.service.js';
import { publicLabels } from './states.js';

const placeholderPattern = /\{([a-zA-Z_]+)\}/g;
const known: ReadonlySet<string> = new Set(cannedAnswerPlaceholders);

export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(placeholderPattern)].map((m) => m[1]!))];
}

/** "16:00 ngày 27/11/2026": Vietnam time, the way an answer letter writes it. */
export function vietnamTimeText(d: Date | null): string {
  if (!d) return 'chưa xác định';
  const v = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${v.slice(11, 16)} ngày ${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
}

export function placeholderValues(rec: ReportRecord): Record<CannedAnswerPlaceholder, string> {
  const r = rec.report;
  return {
    tracking_code: r.trackingCode,
    agency: rec.agencyName ?? 'Trung tâm Điều hành thông minh',
    deadline: vietnamTimeText(r.resolveDueAt),
    category: rec.categoryName,
    received_at: vietnamTimeText(r.createdAt),
    address: r.address ?? rec.unitName ?? '',
    unit: rec.unitName ?? '',
    status: publicLabels[r.state as ReportState],
  };
}

/** Fills the known placeholders; anything else in braces is left as written. */
export function renderCannedAnswer(body: string, values: Record<string, string>): string {
  return body.replace(placeholderPattern, (whole, name: string) => values[name] ?? whole);
}

function checkPlaceholders(body: string): void {
  const unknown = placeholdersIn(body).filter((p) => !known.has(p));
  if (unknown.length) throw invalid('body.body', `unknown placeholders ${unknown.map((p) => `{${p}}`).join(', ')}; use ${cannedAnswerPlaceholders.map((p) => `{${p}}`).join(', ')}`);
}

function toCannedAnswer(r: CannedAnswerRecord): CannedAnswer {
  const a = r.answer;
  return {
    id: a.id, agencyId: a.agencyId, agencyName: r.agencyName, categoryCode: r.categoryCode, title: a.title, body: a.body, active: a.active,
    placeholders: placeholdersIn(a.body), createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
  };
}

const isAgencyOfficer = (actor: Actor) => actor.role === 'agency_officer';

/** An agency officer uses the common answers and their agency's; edits only their agency's. */
function assertMayUse(actor: Actor, r: CannedAnswerRecord): void {
  if (isAgencyOfficer(actor) && r.answer.agencyId !== null && r.answer.agencyId !== actor.agencyId) throw new AppError('not-found');
}
function assertMayEdit(actor: Actor, agencyId: string | null): void {
  if (isAgencyOfficer(actor) && (agencyId === null || agencyId !== actor.agencyId)) throw new AppError('forbidden');
}

async function categoryIdOf(db: DbOrTx, code: string | null | undefined): Promise<string | null | undefined> {
  if (code === undefined || code === null) return code;
  const c = await findCategoryByCode(db, code);
  if (!c) throw invalid('body.categoryCode', 'no such category');
  return c.id;
}

export async function listCannedAnswersFor(ctx: Pick<FeedbackContext, 'db' | 'actor'>, q: ListCannedAnswersQuery): Promise<CannedAnswerList> {
  can(ctx.actor, 'feedback:handle');
  const categoryId = q.categoryCode ? await categoryIdOf(ctx.db, q.categoryCode) : undefined;
  const rows = await listCannedAnswers(ctx.db, {
    onlyAgencyId: isAgencyOfficer(ctx.actor) ? (ctx.actor.agencyId ?? '00000000-0000-0000-0000-000000000000') : undefined,
    categoryId: categoryId ?? undefined, includeInactive: q.includeInactive === 'true',
  });
  return { items: rows.map(toCannedAnswer) };
}

export async function createCannedAnswer(ctx: FeedbackContext, body: CreateCannedAnswerBody): Promise<CannedAnswer> {
  can(ctx.actor, 'feedback:handle');
  const agencyId = body.agencyId === undefined ? (isAgencyOfficer(ctx.actor) ? ctx.actor.agencyId : null) : body.agencyId;
  assertMayEdit(ctx.actor, agencyId);
  checkPlaceholders(body.body);
  if (agencyId && !(await agencyById(ctx.db, agencyId))) throw invalid('body.agencyId', 'no such agency');
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    await insertCannedAnswer(tx, {
      id, agencyId, categoryId: await categoryIdOf(tx, body.categoryCode) ?? null, title: body.title, body: body.body, active: body.active,
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
    });
    await audit(tx, ctx, { action: 'report.canned-answer.create', entityType: 'report_canned_answer', entityId: id, unitPath: null, after: { title: body.title, agencyId } });
  });
  return toCannedAnswer((await findCannedAnswer(ctx.db, id))!);
}

async function editable(ctx: Pick<FeedbackContext, 'db' | 'actor'>, id: string): Promise<CannedAnswerRecord> {
  can(ctx.actor, 'feedback:handle');
  const found = await findCannedAnswer(ctx.db, id);
  if (!found) throw new AppError('not-found');
  assertMayUse(ctx.actor, found);
  assertMayEdit(ctx.actor, found.answer.agencyId);
  return found;
}

export async function changeCannedAnswer(ctx: FeedbackContext, id: string, body: UpdateCannedAnswerBody): Promise<CannedAnswer> {
  const found = await editable(ctx, id);
  if (body.body !== undefined) checkPlaceholders(body.body);
  await ctx.db.transaction(async (tx) => {
    const categoryId = await categoryIdOf(tx, body.categoryCode);
    await updateCannedAnswer(tx, id, {
      ...(body.title !== undefined ? { title: body.title } : {}), ...(body.body !== undefined ? { body: body.body } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}), ...(categoryId !== undefined ? { categoryId } : {}), updatedAt: new Date(),
    });
    await audit(tx, ctx, { action: 'report.canned-answer.update', entityType: 'report_canned_answer', entityId: id, unitPath: null, before: { title: found.answer.title }, after: body });
  });
  return toCannedAnswer((await findCannedAnswer(ctx.db, id))!);
}

export async function removeCannedAnswer(ctx: FeedbackContext, id: string): Promise<{ ok: true }> {
  const found = await editable(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await deleteCannedAnswer(tx, id);
    await audit(tx, ctx, { action: 'report.canned-answer.delete', entityType: 'report_canned_answer', entityId: id, unitPath: null, before: { title: found.answer.title } });
  });
  return { ok: true };
}

/** The canned answer filled in for one report, ready to edit and send as the answer. */
export async function renderCannedAnswerFor(ctx: Pick<FeedbackContext, 'db' | 'actor'>, reportId: string, cannedAnswerId: string): Promise<RenderedAnswer> {
  can(ctx.actor, 'feedback:handle');
  const rec = await findVisibleReport(ctx, ctx.db, reportId);
  const found = await findCannedAnswer(ctx.db, cannedAnswerId);
  if (!found || !found.answer.active) throw new AppError('not-found');
  assertMayUse(ctx.actor, found);
  return { text: renderCannedAnswer(found.answer.body, placeholderValues(rec)), cannedAnswerId };
}
