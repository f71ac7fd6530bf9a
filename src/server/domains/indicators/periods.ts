// Reporting periods (kỳ báo cáo): identifiers, date ranges with an optional cut-off day (Decree 09/2019:
// a monthly period runs from the 15th of the previous month to the 14th), neighbours and deadlines.
import { addDays } from '../../core/calendar.js';

export const periodTypes = ['daily', 'weekly', 'monthly', 'quarterly', 'six_monthly', 'yearly'] as const;
export type PeriodType = (typeof periodTypes)[number];

/** A period: its type and id ('2025-06-30', '2025W27', '2025-06', '2025Q2', '2025S1', '2025'). */
export interface Period { type: PeriodType; id: string }
export interface PeriodRange { start: string; end: string } // ISO dates, end exclusive

const patterns: Record<PeriodType, RegExp> = {
  daily: /^(\d{4})-(\d{2})-(\d{2})$/,
  weekly: /^(\d{4})W(\d{2})$/,
  monthly: /^(\d{4})-(\d{2})$/,
  quarterly: /^(\d{4})Q([1-4])$/,
  six_monthly: /^(\d{4})S([12])$/,
  yearly: /^(\d{4})$/,
};

const monthsPer: Partial<Record<PeriodType, number>> = { monthly: 1, quarterly: 3, six_monthly: 6, yearly: 12 };

function iso(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toISOString().slice(0, 10);
}

function isoWeekStart(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = jan4.getUTCDay() || 7;
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - dow + 1 + (week - 1) * 7);
  return monday.toISOString().slice(0, 10);
}

function isoWeeksInYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28));
  const dow = dec28.getUTCDay() || 7;
  const thursday = new Date(dec28);
  thursday.setUTCDate(dec28.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.ceil(((thursday.getTime() - yearStart) / 86400000 + 1) / 7);
}

/** The index (1-based) of a month-based period within its year: month 1–12, quarter 1–4, half 1–2, year 1. */
function monthIndex(p: Period): { year: number; index: number } {
  const m = patterns[p.type].exec(p.id)!;
  return { year: Number(m[1]), index: p.type === 'yearly' ? 1 : Number(m[2]) };
}

export function isValidPeriod(p: Period): boolean {
  const m = patterns[p.type].exec(p.id);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return false;
  switch (p.type) {
    case 'daily': return iso(year, Number(m[2]), Number(m[3])) === p.id;
    case 'weekly': return Number(m[2]) >= 1 && Number(m[2]) <= isoWeeksInYear(year);
    case 'monthly': return Number(m[2]) >= 1 && Number(m[2]) <= 12;
    case 'quarterly': case 'six_monthly': case 'yearly': return true;
  }
}

/**
 * The dates a period covers. With a cut-off day c > 1, month-based periods start on day c of the month
 * before their first calendar month and end the day before day c of their last month.
 */
export function periodRange(p: Period, cutoffDay = 1): PeriodRange {
  if (!isValidPeriod(p)) throw new RangeError(`not a ${p.type} period: ${p.id}`);
  if (p.type === 'daily') return { start: p.id, end: addDays(p.id, 1) };
  if (p.type === 'weekly') {
    const m = patterns.weekly.exec(p.id)!;
    const start = isoWeekStart(Number(m[1]), Number(m[2]));
    return { start, end: addDays(start, 7) };
  }
  const span = monthsPer[p.type]!;
  const { year, index } = monthIndex(p);
  const firstMonth = (index - 1) * span + 1;
  if (cutoffDay <= 1) return { start: iso(year, firstMonth, 1), end: iso(year, firstMonth + span, 1) };
  return { start: iso(year, firstMonth - 1, cutoffDay), end: iso(year, firstMonth + span - 1, cutoffDay) };
}

function idOf(type: PeriodType, year: number, index: number): string {
  switch (type) {
    case 'monthly': return `${year}-${String(index).padStart(2, '0')}`;
    case 'quarterly': return `${year}Q${index}`;
    case 'six_monthly': return `${year}S${index}`;
    case 'yearly': return String(year);
    case 'daily': case 'weekly': throw new Error('not month-based');
  }
}

/** The period of a type that contains a date. */
export function periodContaining(type: PeriodType, date: string, cutoffDay = 1): Period {
  if (type === 'daily') return { type, id: date };
  if (type === 'weekly') {
    const d = new Date(`${date}T00:00:00Z`);
    const dow = d.getUTCDay() || 7;
    d.setUTCDate(d.getUTCDate() + 4 - dow); // the Thursday decides the ISO year
    const year = d.getUTCFullYear();
    const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return { type, id: `${year}W${String(week).padStart(2, '0')}` };
  }
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  // With a cut-off, the days from the cut-off on belong to the next month.
  if (cutoffDay > 1 && Number(date.slice(8, 10)) >= cutoffDay) {
    month += 1;
    if (month === 13) { month = 1; year += 1; }
  }
  const span = monthsPer[type]!;
  return { type, id: idOf(type, year, Math.floor((month - 1) / span) + 1) };
}

export function shiftPeriod(p: Period, steps: number): Period {
  if (p.type === 'daily') return { type: p.type, id: addDays(p.id, steps) };
  if (p.type === 'weekly') {
    const { start } = periodRange(p);
    return periodContaining('weekly', addDays(start, 7 * steps));
  }
  const span = monthsPer[p.type]!;
  const perYear = 12 / span;
  const { year, index } = monthIndex(p);
  const n = year * perYear + (index - 1) + steps;
  return { type: p.type, id: idOf(p.type, Math.floor(n / perYear), (n % perYear) + 1) };
}

export const previousPeriod = (p: Period): Period => shiftPeriod(p, -1);

/** The same period one year earlier (week numbers are kept; a week 53 maps to week 52). */
export function samePeriodLastYear(p: Period): Period {
  switch (p.type) {
    case 'daily': { const y = Number(p.id.slice(0, 4)) - 1; const md = p.id.slice(4); return { type: p.type, id: md === '-02-29' ? `${y}-02-28` : `${y}${md}` }; }
    case 'weekly': { const m = patterns.weekly.exec(p.id)!; const y = Number(m[1]) - 1; const w = Math.min(Number(m[2]), isoWeeksInYear(y)); return { type: p.type, id: `${y}W${String(w).padStart(2, '0')}` }; }
    case 'monthly': case 'quarterly': case 'six_monthly': case 'yearly': return shiftPeriod(p, -12 / monthsPer[p.type]!);
  }
}

/** Periods from `from` to `to` inclusive (same type), at most `limit`. */
export function periodsBetween(from: Period, to: Period, limit = 5000): Period[] {
  const out: Period[] = [];
  let p = from;
  const endStart = periodRange(to).start;
  while (periodRange(p).start <= endStart && out.length < limit) { out.push(p); p = shiftPeriod(p, 1); }
  return out;
}

/** The day a report is due: `deadlineDays` after the period's last day (0 = on the last day). */
export function deadlineOf(p: Period, cutoffDay: number, deadlineDays: number): string {
  return addDays(periodRange(p, cutoffDay).end, deadlineDays - 1);
}
