// SQL of the FAQ knowledge base and its settings.
import { asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, selectRows } from '../../db/client.js';
import { faqEntries, type FaqEntryRow, faqSettings } from './faq.table.js';

export const DEFAULT_MIN_CONFIDENCE = 0.55;

export async function listFaqEntries(db: DbOrTx, includeInactive: boolean): Promise<FaqEntryRow[]> {
  return db.select().from(faqEntries).where(includeInactive ? undefined : eq(faqEntries.active, true))
    .orderBy(asc(faqEntries.createdAt), asc(faqEntries.id));
}

export const activeFaqEntries = (db: DbOrTx) => listFaqEntries(db, false);

export async function findFaqEntry(db: DbOrTx, id: string): Promise<FaqEntryRow | undefined> {
  const [row] = await db.select().from(faqEntries).where(eq(faqEntries.id, id));
  return row;
}

export async function insertFaqEntries(db: DbOrTx, rows: (typeof faqEntries.$inferInsert)[]): Promise<FaqEntryRow[]> {
  return rows.length ? db.insert(faqEntries).values(rows).returning() : [];
}

export async function updateFaqEntry(db: DbOrTx, id: string, patch: Partial<typeof faqEntries.$inferInsert>): Promise<FaqEntryRow | undefined> {
  const [row] = await db.update(faqEntries).set({ ...patch, updatedAt: sql`clock_timestamp()` as unknown as Date }).where(eq(faqEntries.id, id)).returning();
  return row;
}

export async function deleteFaqEntry(db: DbOrTx, id: string): Promise<void> {
  await db.delete(faqEntries).where(eq(faqEntries.id, id));
}

export async function countFaqEntries(db: DbOrTx): Promise<number> {
  const [row] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM faq_entries`);
  return row?.n ?? 0;
}

/** A version of the knowledge base that moves with any insert, update or delete, and the threshold. */
export async function faqVersionAndSettings(db: DbOrTx): Promise<{ version: string; minConfidence: number }> {
  const [row] = await selectRows<{ n: number; latest: string | null; ids: string | null; min: number | null }>(db, sql`
    SELECT count(*)::int AS n, max(updated_at)::text AS latest, md5(string_agg(id::text, ',' ORDER BY id)) AS ids,
      (SELECT min_confidence FROM faq_settings WHERE id = 1) AS min
    FROM faq_entries`);
  return { version: `${row?.n}|${row?.latest}|${row?.ids}`, minConfidence: row?.min ?? DEFAULT_MIN_CONFIDENCE };
}

export async function minConfidenceOf(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ min: faqSettings.minConfidence }).from(faqSettings).where(eq(faqSettings.id, 1));
  return row?.min ?? DEFAULT_MIN_CONFIDENCE;
}

export async function putMinConfidence(db: DbOrTx, minConfidence: number): Promise<void> {
  await db.insert(faqSettings).values({ id: 1, minConfidence })
    .onConflictDoUpdate({ target: faqSettings.id, set: { minConfidence, updatedAt: new Date() } });
}
