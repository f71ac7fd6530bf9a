// Suggests a report's category and agency from its words, learned from the province's own decisions.
//
// Training: the most recent TRAINING_LIMIT reports an agency accepted (their category is final, and that
// agency did not hand them back), read once per process. Updating: every change to a report publishes a
// `feedback` event row on the hub (same transaction), so before classifying the model reads the events it
// has not seen, re-reads those reports and moves their words from the old labels to the new ones — an
// operator's re-assignment or an agency's hand-back changes the very next suggestion, in every process.
// Only when the events it missed were pruned (a day) or are too many does it retrain from scratch.
import type { FastifyBaseLogger } from 'fastify';
import type { Classification, ReportSuggestion } from '../../../shared/contracts/feedback-text.js';
import { can } from '../../core/auth.js';
import { todayInVietnam } from '../../core/calendar.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { OTHER_CATEGORY } from './categories.data.js';
import { createNaiveBayes, type NaiveBayes } from './classifier.js';
import {
  agencyNames, type DecisionRow, decisionsOf, eventBounds, feedbackEventsBetween, findSuggestion, recentDecisions, upsertSuggestion, upsertSuggestions,
} from './classifier.queries.js';
import type { ReportSuggestionRow } from './classifier.table.js';
import { type FeedbackContext, getReport } from './feedback.service.js';
import { listCategories } from './feedback.queries.js';
import { tokenize } from './text.js';

export const TRAINING_LIMIT = 50_000;
const MAX_CATCH_UP_EVENTS = 5_000;

interface Labels { category: string | null; agencyId: string | null }
interface Model {
  category: NaiveBayes; agency: NaiveBayes; labels: Map<string, Labels>; seq: number;
  // Names for the answer, kept with the model so that a suggestion costs one query (the catch-up check).
  categoryNames: Map<string, string>; categoryNamesAt: number; agencyNames: Map<string, string>;
}
const NAMES_TTL_MS = 60_000;

const labelsOf = (row: DecisionRow): Labels | null => {
  if (!row.decided) return null;
  const category = row.category === OTHER_CATEGORY ? null : row.category;   // "other" means nobody classified it
  return category === null && row.agencyId === null ? null : { category, agencyId: row.agencyId };
};

function apply(model: Model, row: { id: string; description: string }, next: Labels | null): void {
  const before = model.labels.get(row.id) ?? null;
  if (before?.category === next?.category && before?.agencyId === next?.agencyId) return;
  const tokens = tokenize(row.description);
  if (before?.category) model.category.remove(tokens, before.category);
  if (before?.agencyId) model.agency.remove(tokens, before.agencyId);
  if (next?.category) model.category.add(tokens, next.category);
  if (next?.agencyId) model.agency.add(tokens, next.agencyId);
  if (next) model.labels.set(row.id, next); else model.labels.delete(row.id);
}

async function train(db: DbOrTx, limit: number): Promise<Model> {
  const { last } = await eventBounds(db);   // read first: a change after this is caught up next time
  const model: Model = {
    category: createNaiveBayes(), agency: createNaiveBayes(), labels: new Map(), seq: last ?? 0,
    categoryNames: new Map(), categoryNamesAt: 0, agencyNames: new Map(),
  };
  for (const row of await recentDecisions(db, todayInVietnam(), limit)) apply(model, row, labelsOf(row));
  return model;
}

async function catchUp(db: DbOrTx, model: Model, limit: number): Promise<Model> {
  const { first, last } = await eventBounds(db);
  if (last === null || last <= model.seq) return model;
  if (first !== null && first > model.seq + 1) return train(db, limit);   // events we never saw were pruned
  const events = await feedbackEventsBetween(db, model.seq, last, MAX_CATCH_UP_EVENTS + 1);
  if (events.length > MAX_CATCH_UP_EVENTS) return train(db, limit);
  const ids = [...new Set(events.flatMap((e) => e.ids))];
  const today = todayInVietnam();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await decisionsOf(db, today, chunk);
    for (const row of rows) apply(model, row, labelsOf(row));
    // Ids that are not reports (routing entries, categories) have no row and change nothing.
  }
  model.seq = last;
  return model;
}

// One model per database, updated under a per-database queue so concurrent requests never apply twice.
const models = new WeakMap<object, Promise<Model>>();

/** The up-to-date model of this database (trained on first use). `limit`: how many decisions to learn from. */
export function classifierModelOf(db: Db, limit = TRAINING_LIMIT): Promise<Model> {
  const previous = models.get(db);
  const next = previous ? previous.then((m) => catchUp(db, m, limit), () => train(db, limit)) : train(db, limit);
  models.set(db, next);
  return next;
}

/** Forgets the model of a database (tests, or after a bulk import that bypassed the hub). */
export function forgetClassifierModel(db: Db): void {
  models.delete(db);
}

/** Category and agency suggestions for a text, with the words that drove them; no permission check. */
export async function classifyText(db: Db, text: string): Promise<Classification> {
  return classifyWith(db, await classifierModelOf(db), text);
}

async function classifyWith(db: Db, model: Model, text: string): Promise<Classification> {
  const tokens = tokenize(text);
  const byCategory = model.category.classify(tokens, { top: 5 });
  const byAgency = model.agency.classify(tokens, { top: 3 });
  if (Date.now() - model.categoryNamesAt > NAMES_TTL_MS) {
    model.categoryNames = new Map((await listCategories(db, false)).map((c) => [c.code, c.name]));
    model.categoryNamesAt = Date.now();
  }
  const missing = byAgency.ranked.map((r) => r.label).filter((id) => !model.agencyNames.has(id));
  if (missing.length) for (const [id, name] of await agencyNames(db, missing)) model.agencyNames.set(id, name);
  const categoryNames = model.categoryNames;
  const names = model.agencyNames;
  return {
    categories: byCategory.ranked.filter((r) => categoryNames.has(r.label))
      .map((r) => ({ code: r.label, name: categoryNames.get(r.label)!, probability: round(r.probability) })),
    agencies: byAgency.ranked.filter((r) => names.has(r.label)).map((r) => ({ id: r.label, name: names.get(r.label)!, probability: round(r.probability) })),
    words: byCategory.words,
    agencyWords: byAgency.words,
    trainedOn: model.labels.size,
  };
}

const round = (p: number) => Math.round(p * 10_000) / 10_000;

export async function classifyForStaff(ctx: Pick<FeedbackContext, 'db' | 'actor'>, text: string): Promise<Classification> {
  can(ctx.actor, 'feedback:read');
  return classifyText(ctx.db, text);
}

function toSuggestion(row: ReportSuggestionRow): ReportSuggestion {
  return { ...(row.detail as Classification), reportId: row.reportId, createdAt: row.createdAt.toISOString() };
}

/**
 * Classifies a report's description and stores the suggestion. For intake doors and channels: call it after
 * the report's transaction committed (it reads the model through `db`); a failure here must not lose the report.
 */
export async function storeReportSuggestion(db: Db, reportId: string, description: string): Promise<ReportSuggestion> {
  return toSuggestion(await upsertSuggestion(db, suggestionRowOf(reportId, await classifyText(db, description))));
}

function suggestionRowOf(reportId: string, c: Classification) {
  return {
    reportId, categoryCode: c.categories[0]?.code ?? null, categoryProbability: c.categories[0]?.probability ?? null,
    agencyId: c.agencies[0]?.id ?? null, agencyProbability: c.agencies[0]?.probability ?? null,
    words: c.words, detail: c, trainedOn: c.trainedOn,
  };
}

/** The stored suggestion of a report the actor may see, made now if the intake did not make one. */
export async function reportSuggestion(ctx: Pick<FeedbackContext, 'db' | 'actor'>, reportId: string): Promise<ReportSuggestion> {
  const report = await getReport(ctx, reportId);   // feedback:read, scope and agency visibility (404 outside)
  const stored = await findSuggestion(ctx.db, reportId);
  return stored ? toSuggestion(stored) : storeReportSuggestion(ctx.db, reportId, report.description);
}

// ── suggestions for new reports, off the intake's path ─────────────────────────────────────────────
interface SuggestionQueue { items: { reportId: string; description: string }[]; running: Promise<void> | null }
const suggestionQueues = new WeakMap<object, SuggestionQueue>();
const SUGGESTION_BATCH = 200;

/**
 * Queues a just-committed report for its suggestion and returns at once: the intake answers without waiting
 * for the model. One runner per database drains the queue after the current answers went out, in batches
 * that share one catch-up of the model (under a burst of intake, one model read per batch rather than per
 * report). A failure is logged and loses nothing: reportSuggestion makes the suggestion on first read.
 */
export function suggestAfterIntake(db: Db, reportId: string, description: string, log: Pick<FastifyBaseLogger, 'warn'> | null): void {
  let queue = suggestionQueues.get(db);
  if (!queue) { queue = { items: [], running: null }; suggestionQueues.set(db, queue); }
  queue.items.push({ reportId, description });
  if (queue.running) return;
  const q = queue;
  q.running = (async () => {
    while (q.items.length > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));   // after the answers being written now
      const batch = q.items.splice(0, SUGGESTION_BATCH);
      try {
        const model = await classifierModelOf(db);
        const rows: ReturnType<typeof suggestionRowOf>[] = [];
        for (const item of batch) rows.push(suggestionRowOf(item.reportId, await classifyWith(db, model, item.description)));
        await upsertSuggestions(db, rows);
      } catch (err) {
        log?.warn({ err, reports: batch.length }, 'classifier: could not store the suggestions of new reports; they are made on first read');
      }
    }
    q.running = null;
  })();
}

/** Waits until the suggestions queued in this process are stored (app shutdown; tests). */
export async function reportSuggestionsSettled(db: Db): Promise<void> {
  for (;;) {
    const running = suggestionQueues.get(db)?.running;
    if (!running) return;
    await running;
  }
}
