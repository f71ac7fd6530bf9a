// The FAQ knowledge base managed by staff: anyone with feedback:read reads it, feedback:configure edits it
// and sets the chatbot's confidence threshold. Every change is audited and announced on the hub.
import { uuidv7 } from 'uuidv7';
import type {
  CreateFaqEntryBody, FaqEntry, FaqEntryList, FaqSettings, ListFaqQuery, PutFaqSettingsBody, UpdateFaqEntryBody,
} from '../../../shared/contracts/feedback-text.js';
import { can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { demoFaqEntries } from './faq.data.js';
import {
  countFaqEntries, deleteFaqEntry, findFaqEntry, insertFaqEntries, listFaqEntries, minConfidenceOf, putMinConfidence, updateFaqEntry,
} from './faq.queries.js';
import type { FaqEntryRow } from './faq.table.js';
import type { FeedbackContext } from './feedback.service.js';
import { normalizeVietnamese } from './text.js';

function toFaqEntry(r: FaqEntryRow): FaqEntry {
  return {
    id: r.id, question: r.question, answer: r.answer, alternatives: r.alternatives, tags: r.tags, active: r.active, isDemo: r.isDemo,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

const cleanTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()))];

export async function listFaq(ctx: Pick<FeedbackContext, 'db' | 'actor'>, q: ListFaqQuery): Promise<FaqEntryList> {
  can(ctx.actor, 'feedback:read');
  let rows = await listFaqEntries(ctx.db, q.includeInactive === 'true');
  if (q.tag) { const tag = q.tag.toLowerCase(); rows = rows.filter((r) => r.tags.includes(tag)); }
  if (q.q) {
    const words = normalizeVietnamese(q.q).split(' ');
    rows = rows.filter((r) => {
      const text = ` ${normalizeVietnamese([r.question, r.answer, ...r.alternatives, ...r.tags].join(' '))} `;
      return words.every((w) => text.includes(w));
    });
  }
  return { items: rows.map(toFaqEntry) };
}

export async function getFaqEntry(ctx: Pick<FeedbackContext, 'db' | 'actor'>, id: string): Promise<FaqEntry> {
  can(ctx.actor, 'feedback:read');
  const row = await findFaqEntry(ctx.db, id);
  if (!row) throw new AppError('not-found');
  return toFaqEntry(row);
}

export async function createFaqEntry(ctx: FeedbackContext, body: CreateFaqEntryBody): Promise<FaqEntry> {
  can(ctx.actor, 'feedback:configure');
  return ctx.db.transaction(async (tx) => {
    const [row] = await insertFaqEntries(tx, [{ id: uuidv7(), ...body, tags: cleanTags(body.tags) }]);
    await audit(tx, ctx, { action: 'faq.create', entityType: 'faq_entry', entityId: row!.id, unitPath: null, after: body });
    await ctx.publish(tx, { topic: 'feedback', type: 'faq.updated', unitPath: null, ids: [row!.id] });
    return toFaqEntry(row!);
  });
}

export async function updateFaq(ctx: FeedbackContext, id: string, body: UpdateFaqEntryBody): Promise<FaqEntry> {
  can(ctx.actor, 'feedback:configure');
  return ctx.db.transaction(async (tx) => {
    const before = await findFaqEntry(tx, id);
    if (!before) throw new AppError('not-found');
    // An edited demo entry is the operator's own answer from now on.
    const row = await updateFaqEntry(tx, id, { ...body, ...(body.tags ? { tags: cleanTags(body.tags) } : {}), isDemo: false });
    await audit(tx, ctx, { action: 'faq.update', entityType: 'faq_entry', entityId: id, unitPath: null, before, after: body });
    await ctx.publish(tx, { topic: 'feedback', type: 'faq.updated', unitPath: null, ids: [id] });
    return toFaqEntry(row!);
  });
}

export async function removeFaqEntry(ctx: FeedbackContext, id: string): Promise<void> {
  can(ctx.actor, 'feedback:configure');
  await ctx.db.transaction(async (tx) => {
    const before = await findFaqEntry(tx, id);
    if (!before) throw new AppError('not-found');
    await deleteFaqEntry(tx, id);
    await audit(tx, ctx, { action: 'faq.delete', entityType: 'faq_entry', entityId: id, unitPath: null, before });
    await ctx.publish(tx, { topic: 'feedback', type: 'faq.updated', unitPath: null, ids: [id] });
  });
}

export async function faqSettings(ctx: Pick<FeedbackContext, 'db' | 'actor'>): Promise<FaqSettings> {
  can(ctx.actor, 'feedback:read');
  return { minConfidence: await minConfidenceOf(ctx.db) };
}

export async function putFaqSettings(ctx: FeedbackContext, body: PutFaqSettingsBody): Promise<FaqSettings> {
  can(ctx.actor, 'feedback:configure');
  await ctx.db.transaction(async (tx) => {
    await putMinConfidence(tx, body.minConfidence);
    await audit(tx, ctx, { action: 'faq.settings', entityType: 'faq_settings', entityId: '1', unitPath: null, after: body });
  });
  return faqSettings(ctx);
}

/** The demo knowledge base, once (only when the base is empty), marked as demo content. */
export async function seedDemoFaq(db: DbOrTx): Promise<number> {
  if ((await countFaqEntries(db)) > 0) return 0;
  const rows = await insertFaqEntries(db, demoFaqEntries.map((e) => ({ id: uuidv7(), ...e, isDemo: true })));
  return rows.length;
}
