// Reporting windows of the dossiers dashboard: a month (2026-11), a quarter (2026Q4) or a year (2026), as
// calendar dates [from, to] with `to` never past today; labels reuse the indicators' period names.
import type { TFunction } from 'i18next';
import { periodLabel, shiftPeriod } from '../indicators/periods.js';

export type WindowId = string;

export function isWindowId(value: string | null | undefined): value is WindowId {
  return !!value && (/^\d{4}-(0[1-9]|1[0-2])$/.test(value) || /^\d{4}Q[1-4]$/.test(value) || /^\d{4}$/.test(value));
}

function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** The window's first and last calendar day; the last is capped at today. */
export function windowDates(id: WindowId, today: string): { from: string; to: string } {
  const year = Number(id.slice(0, 4));
  let from: string;
  let to: string;
  if (/^\d{4}-\d{2}$/.test(id)) {
    const month = Number(id.slice(5, 7));
    from = `${id}-01`;
    to = lastDayOfMonth(year, month);
  } else if (/Q\d$/.test(id)) {
    const q = Number(id.slice(5));
    from = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    to = lastDayOfMonth(year, q * 3);
  } else {
    from = `${year}-01-01`;
    to = `${year}-12-31`;
  }
  return { from, to: to > today ? today : to };
}

/** The month (YYYY-MM) a window ends in, capped at today's month. */
export function lastMonthOf(id: WindowId, today: string): string {
  return windowDates(id, today).to.slice(0, 7);
}

/** Choices for the period picker, newest first: this and last year, the last 4 quarters, the last 12 months. */
export function windowChoices(today: string): WindowId[] {
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const quarter = `${year}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const quarters = Array.from({ length: 4 }, (_, i) => shiftPeriod('quarterly', quarter, -i));
  const months = Array.from({ length: 12 }, (_, i) => shiftPeriod('monthly', month, -i));
  return [String(year), String(year - 1), ...quarters, ...months];
}

export function windowLabel(id: WindowId, t: TFunction): string {
  return periodLabel(id, t);
}

/** The 12 months ending with `month`, oldest first. */
export function twelveMonths(month: string): string[] {
  return Array.from({ length: 12 }, (_, i) => shiftPeriod('monthly', month, i - 11));
}
