// SQL of canned answers (mẫu trả lời).
import { and, asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies } from '../units/units.table.js';
import { reportCategories } from './feedback.table.js';
import { reportCannedAnswers } from './handling.table.js';

const columns = { answer: reportCannedAnswers, agencyName: agencies.name, categoryCode: reportCategories.code };
export type CannedAnswerRecord = { answer: typeof reportCannedAnswers.$inferSelect; agencyName: string | null; categoryCode: string | null };

function selectAnswers(db: DbOrTx) {
  return db.select(columns).from(reportCannedAnswers)
    .leftJoin(agencies, eq(agencies.id, reportCannedAnswers.agencyId))
    .leftJoin(reportCategories, eq(reportCategories.id, reportCannedAnswers.categoryId));
}

export async function listCannedAnswers(db: DbOrTx, f: { onlyAgencyId?: string | undefined; categoryId?: string | undefined; includeInactive: boolean }): Promise<CannedAnswerRecord[]> {
  const c: SQL[] = [];
  // An agency's officers see the common answers and their own agency's.
  if (f.onlyAgencyId) c.push(or(isNull(reportCannedAnswers.agencyId), eq(reportCannedAnswers.agencyId, f.onlyAgencyId))!);
  if (f.categoryId) c.push(or(isNull(reportCannedAnswers.categoryId), eq(reportCannedAnswers.categoryId, f.categoryId))!);
  if (!f.includeInactive) c.push(eq(reportCannedAnswers.active, true));
  return selectAnswers(db).where(and(...c)).orderBy(asc(reportCannedAnswers.title), asc(reportCannedAnswers.id));
}

export async function findCannedAnswer(db: DbOrTx, id: string): Promise<CannedAnswerRecord | undefined> {
  const [row] = await selectAnswers(db).where(eq(reportCannedAnswers.id, id));
  return row;
}

export async function insertCannedAnswer(db: DbOrTx, row: typeof reportCannedAnswers.$inferInsert): Promise<void> {
  await db.insert(reportCannedAnswers).values(row);
}

export async function updateCannedAnswer(db: DbOrTx, id: string, patch: Partial<typeof reportCannedAnswers.$inferInsert>): Promise<void> {
  await db.update(reportCannedAnswers).set(patch).where(eq(reportCannedAnswers.id, id));
}

export async function deleteCannedAnswer(db: DbOrTx, id: string): Promise<void> {
  await db.delete(reportCannedAnswers).where(eq(reportCannedAnswers.id, id));
}
