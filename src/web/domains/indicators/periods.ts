// Report periods on the client: ids like 2026-11, 2026Q3, 2026S1, 2026; which one is current or last
// complete for a form's cut-off day; labels in the user's language. Mirrors the server's periods.ts.
import type { TFunction } from 'i18next';
import type { PeriodType } from '../../../shared/contracts/indicators.js';

const monthsPer: Partial<Record<PeriodType, number>> = { monthly: 1, quarterly: 3, six_monthly: 6, yearly: 12 };

function idOf(type: PeriodType, year: number, index: number): string {
  switch (type) {
    case 'quarterly': return `${year}Q${index}`;
    case 'six_monthly': return `${year}S${index}`;
    case 'yearly': return String(year);
    case 'monthly': case 'daily': case 'weekly': return `${year}-${String(index).padStart(2, '0')}`;
  }
}

function parse(type: PeriodType, id: string): { year: number; index: number } {
  const year = Number(id.slice(0, 4));
  if (type === 'monthly') return { year, index: Number(id.slice(5, 7)) };
  if (type === 'quarterly' || type === 'six_monthly') return { year, index: Number(id.slice(5)) };
  return { year, index: 1 };
}

/** The period of a type containing a date; from the cut-off day on, days belong to the next month. */
export function periodContaining(type: PeriodType, date: string, cutoffDay = 1): string {
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  if (cutoffDay > 1 && Number(date.slice(8, 10)) >= cutoffDay) {
    month += 1;
    if (month === 13) { month = 1; year += 1; }
  }
  const span = monthsPer[type] ?? 1;
  return idOf(type, year, Math.floor((month - 1) / span) + 1);
}

export function shiftPeriod(type: PeriodType, id: string, steps: number): string {
  const span = monthsPer[type] ?? 1;
  const perYear = 12 / span;
  const { year, index } = parse(type, id);
  const n = year * perYear + (index - 1) + steps;
  return idOf(type, Math.floor(n / perYear), (n % perYear) + 1);
}

export function lastCompletePeriod(type: PeriodType, today: string, cutoffDay = 1): string {
  return shiftPeriod(type, periodContaining(type, today, cutoffDay), -1);
}

/** The most recent `count` periods, newest first, ending at the current one. */
export function recentPeriods(type: PeriodType, today: string, cutoffDay: number, count: number): string[] {
  const current = periodContaining(type, today, cutoffDay);
  return Array.from({ length: count }, (_, i) => shiftPeriod(type, current, -i));
}

export function periodTypeOf(id: string): PeriodType {
  if (/^\d{4}-\d{2}$/.test(id)) return 'monthly';
  if (/Q\d$/.test(id)) return 'quarterly';
  if (/S\d$/.test(id)) return 'six_monthly';
  return 'yearly';
}

export function periodLabel(id: string, t: TFunction): string {
  const type = periodTypeOf(id);
  const { year, index } = parse(type, id);
  switch (type) {
    case 'monthly': return t('ind.period.monthly', { month: String(index).padStart(2, '0'), year });
    case 'quarterly': return t('ind.period.quarterly', { quarter: index, year });
    case 'six_monthly': return t('ind.period.six_monthly', { half: index * 6, index, year });
    case 'yearly': case 'daily': case 'weekly': return t('ind.period.yearly', { year });
  }
}
