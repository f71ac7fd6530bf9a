import { and, asc, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { holidays, type HolidayRow } from './calendar.table.js';

export async function listHolidaysBetween(db: DbOrTx, fromDay: string, toDayExclusive: string): Promise<HolidayRow[]> {
  return db.select().from(holidays).where(and(gte(holidays.day, fromDay), lt(holidays.day, toDayExclusive))).orderBy(asc(holidays.day));
}

export async function countHolidays(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(holidays);
  return row?.n ?? 0;
}

export async function deleteHolidaysBetween(db: DbOrTx, fromDay: string, toDayExclusive: string): Promise<void> {
  await db.delete(holidays).where(and(gte(holidays.day, fromDay), lt(holidays.day, toDayExclusive)));
}

export async function insertHolidays(db: DbOrTx, rows: { day: string; kind: string; name: string; nameEn: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(holidays).values(rows);
}
