// Holidays per year (read, replace) and the working calendar that due dates and SLA clocks count with.
import type { HolidaysOfYear, ReplaceHolidaysBody } from '../../../shared/contracts/calendar.js';
import { can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { countHolidays, deleteHolidaysBetween, insertHolidays, listHolidaysBetween } from './calendar.queries.js';
import { vietnamHolidays } from './holidays.data.js';
import { isWorkingDay, makeWorkingCalendar, type WorkingCalendar } from './working-days.js';

// Holidays change a few times a year: keep each loaded range for a minute per database handle (other
// processes pick up a change within that minute; this process drops its cache at once).
const CACHE_TTL_MS = 60_000;
let cache = new WeakMap<object, Map<string, { at: number; calendar: WorkingCalendar }>>();

export function clearWorkingCalendarCache(): void {
  cache = new WeakMap();
}

/** Holidays and make-up days of the years fromYear..toYear (inclusive); weekends count as days off outside them. */
export async function loadWorkingCalendar(db: DbOrTx, fromYear: number, toYear: number): Promise<WorkingCalendar> {
  const key = `${fromYear}-${toYear}`;
  let perDb = cache.get(db);
  const hit = perDb?.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.calendar;
  const rows = await listHolidaysBetween(db, `${String(fromYear).padStart(4, '0')}-01-01`, `${String(toYear + 1).padStart(4, '0')}-01-01`);
  const calendar = makeWorkingCalendar(rows);
  if (!perDb) { perDb = new Map(); cache.set(db, perDb); }
  perDb.set(key, { at: Date.now(), calendar });
  return calendar;
}

/** Loads the known Vietnamese holidays when the table is empty (a fresh database, demo or not). */
export async function ensureVietnamHolidays(db: DbOrTx): Promise<number> {
  if ((await countHolidays(db)) > 0) return 0;
  const rows = Object.values(vietnamHolidays).flat();
  await insertHolidays(db, rows);
  clearWorkingCalendarCache();
  return rows.length;
}

const yearBounds = (year: number) => [`${year}-01-01`, `${year + 1}-01-01`] as const;

export async function listHolidaysOfYear(ctx: RequestContext, year: number): Promise<HolidaysOfYear> {
  const [from, to] = yearBounds(year);
  const rows = await listHolidaysBetween(ctx.db, from, to);
  return { year, items: rows.map((r) => ({ day: r.day, kind: r.kind as 'holiday' | 'working_day', name: r.name, nameEn: r.nameEn })) };
}

/** Replaces a year's list: the government announces a year's days off and make-up days at once. */
export async function replaceHolidaysOfYear(ctx: RequestContext, year: number, body: ReplaceHolidaysBody): Promise<HolidaysOfYear> {
  can(ctx.actor, 'calendar:write');
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    const d = new Date(`${item.day}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== item.day) errors.push({ path: `body.items.${i}.day`, message: 'not a valid date' });
    else if (!item.day.startsWith(`${year}-`)) errors.push({ path: `body.items.${i}.day`, message: `not in ${year}` });
    else if (seen.has(item.day)) errors.push({ path: `body.items.${i}.day`, message: 'listed twice' });
    else if (item.kind === 'working_day' && isWorkingDay(makeWorkingCalendar([]), item.day)) errors.push({ path: `body.items.${i}.kind`, message: 'a make-up working day must be a Saturday or Sunday' });
    seen.add(item.day);
  });
  if (errors.length) throw new AppError('validation-failed', { errors });
  const [from, to] = yearBounds(year);
  const result = await ctx.db.transaction(async (tx) => {
    const before = await listHolidaysBetween(tx, from, to);
    await deleteHolidaysBetween(tx, from, to);
    await insertHolidays(tx, body.items.map((i) => ({ ...i, name: i.name.normalize('NFC'), nameEn: i.nameEn })));
    const after = await listHolidaysBetween(tx, from, to);
    const answer: HolidaysOfYear = { year, items: after.map((r) => ({ day: r.day, kind: r.kind as 'holiday' | 'working_day', name: r.name, nameEn: r.nameEn })) };
    await audit(tx, ctx, {
      action: 'calendar.holidays.replace', entityType: 'holidays', entityId: String(year), unitPath: null,
      before: before.map((r) => ({ day: r.day, kind: r.kind, name: r.name })), after: answer.items.map((r) => ({ day: r.day, kind: r.kind, name: r.name })),
    });
    await ctx.publish(tx, { topic: 'system', type: 'calendar.holidays.updated', unitPath: null, ids: [String(year)], data: { year } });
    clearWorkingCalendarCache();
    return answer;
  });
  clearWorkingCalendarCache();
  return result;
}
