// SQL of the classifier: the operators' decisions it learns from, the feedback events it catches up on,
// and the stored suggestions.
import { eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, selectRows } from '../../db/client.js';
import { agencies } from '../units/units.table.js';
import { reportSuggestions, type ReportSuggestionRow } from './classifier.table.js';

/**
 * A report as a training example. `decided`: an agency accepted it (accepted_at set), so its category is the
 * final one and that agency did not hand it back. The agency label is kept only while the agency exists today.
 */
export interface DecisionRow { id: string; description: string; category: string; agencyId: string | null; decided: boolean }

const decisionColumns = (today: string) => sql`r.id, r.description, c.code AS category, r.accepted_at IS NOT NULL AS decided,
  CASE WHEN a.valid_from <= ${today} AND (a.valid_to IS NULL OR a.valid_to > ${today}) THEN r.agency_id END AS "agencyId"`;

/** The most recently accepted reports, newest first. */
export async function recentDecisions(db: DbOrTx, today: string, limit: number): Promise<DecisionRow[]> {
  return selectRows<DecisionRow>(db, sql`SELECT ${decisionColumns(today)}
    FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN agencies a ON a.id = r.agency_id
    WHERE r.accepted_at IS NOT NULL ORDER BY r.accepted_at DESC LIMIT ${limit}`);
}

export async function decisionsOf(db: DbOrTx, today: string, ids: string[]): Promise<DecisionRow[]> {
  if (ids.length === 0) return [];
  return selectRows<DecisionRow>(db, sql`SELECT ${decisionColumns(today)}
    FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN agencies a ON a.id = r.agency_id
    WHERE r.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
}

/** The first and last sequence numbers of the hub's event rows (pruned after a day). */
export async function eventBounds(db: DbOrTx): Promise<{ first: number | null; last: number | null }> {
  const [row] = await selectRows<{ first: string | null; last: string | null }>(db, sql`SELECT min(seq) AS first, max(seq) AS last FROM events`);
  return { first: row?.first == null ? null : Number(row.first), last: row?.last == null ? null : Number(row.last) };
}

/** Report ids named by feedback events after `after` up to `upTo` (every change to a report publishes one). */
export async function feedbackEventsBetween(db: DbOrTx, after: number, upTo: number, limit: number): Promise<{ ids: string[] }[]> {
  const rows = await selectRows<{ data: { ids?: unknown } }>(db, sql`SELECT data FROM events
    WHERE seq > ${after} AND seq <= ${upTo} AND topic = 'feedback' ORDER BY seq LIMIT ${limit}`);
  return rows.map((r) => ({ ids: Array.isArray(r.data.ids) ? r.data.ids.filter((x): x is string => typeof x === 'string') : [] }));
}

export async function agencyNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function upsertSuggestion(db: DbOrTx, row: typeof reportSuggestions.$inferInsert): Promise<ReportSuggestionRow> {
  const { reportId: _id, ...rest } = row;
  const [saved] = await db.insert(reportSuggestions).values(row)
    .onConflictDoUpdate({ target: reportSuggestions.reportId, set: { ...rest, createdAt: new Date() } }).returning();
  return saved!;
}

/** Many suggestions in one statement (the intake queue's batches). */
export async function upsertSuggestions(db: DbOrTx, rows: (typeof reportSuggestions.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(reportSuggestions).values(rows).onConflictDoUpdate({
    target: reportSuggestions.reportId,
    set: {
      categoryCode: sql`excluded.category_code`, categoryProbability: sql`excluded.category_probability`, agencyId: sql`excluded.agency_id`,
      agencyProbability: sql`excluded.agency_probability`, words: sql`excluded.words`, detail: sql`excluded.detail`,
      trainedOn: sql`excluded.trained_on`, createdAt: sql`now()`,
    },
  });
}

export async function findSuggestion(db: DbOrTx, reportId: string): Promise<ReportSuggestionRow | undefined> {
  const [row] = await db.select().from(reportSuggestions).where(eq(reportSuggestions.reportId, reportId));
  return row;
}
