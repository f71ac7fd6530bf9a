// SQL of satisfaction ratings: one row per report and closure (the dashboard reads report_ratings).
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reportRatings, type ReportRatingRow } from './handling.table.js';

/** Rates a closure; rating the same closure again replaces the score and comment. */
export async function upsertRating(db: DbOrTx, row: typeof reportRatings.$inferInsert): Promise<void> {
  await db.insert(reportRatings).values(row).onConflictDoUpdate({
    target: [reportRatings.reportId, reportRatings.closedAt],
    set: { score: row.score, comment: row.comment ?? null, updatedAt: sql`excluded.updated_at` },
  });
}

export async function latestRatingOf(db: DbOrTx, reportId: string): Promise<ReportRatingRow | undefined> {
  const [row] = await db.select().from(reportRatings).where(eq(reportRatings.reportId, reportId)).orderBy(desc(reportRatings.closedAt)).limit(1);
  return row;
}
