// Working hours, for SLA clocks that count office time (citizen reports: "tiếp nhận trong 4 giờ làm việc").
// A working day is as in working-days.ts (Mon–Fri minus holidays, plus make-up days). Office hours are
// configurable (IOC_OFFICE_HOURS); the default 07:30–11:30 and 13:30–17:00 is the common schedule of
// Vietnamese public offices, 7.5 hours a day. Times are Vietnam time (UTC+7, no daylight saving).
import { isWorkingDay, vietnamDayNumber, type WorkingCalendar } from './working-days.js';

/** Office intervals of a working day in minutes after midnight, sorted, not overlapping: [[450, 690], …]. */
export type OfficeHours = readonly (readonly [number, number])[];

export const DEFAULT_OFFICE_HOURS_TEXT = '07:30-11:30,13:30-17:00';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** '07:30-11:30,13:30-17:00' → [[450, 690], [810, 1020]]; throws on overlapping or empty intervals. */
export function parseOfficeHours(text: string): OfficeHours {
  const toMinutes = (hm: string) => {
    const [h, m] = hm.split(':').map(Number);
    if (h === undefined || m === undefined || !Number.isInteger(h) || !Number.isInteger(m) || h > 24 || m > 59) throw new RangeError(`not a time: ${hm}`);
    return h * 60 + m;
  };
  const intervals = text.split(',').map((part) => {
    const [a, b] = part.trim().split('-');
    if (!a || !b) throw new RangeError(`not an interval: ${part}`);
    return [toMinutes(a), toMinutes(b)] as const;
  }).sort((x, y) => x[0] - y[0]);
  intervals.forEach(([a, b], i) => {
    if (b <= a || b > 24 * 60) throw new RangeError(`empty interval in office hours: ${text}`);
    const prev = intervals[i - 1];
    if (prev && prev[1] > a) throw new RangeError(`overlapping office hours: ${text}`);
  });
  if (intervals.length === 0) throw new RangeError('no office hours');
  return intervals;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = parseOfficeHours(DEFAULT_OFFICE_HOURS_TEXT);

const isoOfDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const instantOf = (dayNumber: number, minute: number) => new Date(dayNumber * DAY_MS - VN_OFFSET_MS + minute * MINUTE_MS);

/**
 * The instant `hours` working hours after `from`. Time before office hours, at lunch, after hours, on
 * weekends and holidays does not count: a report received on Friday at 16:00 with 4 hours is due on
 * Monday at 10:30 (default hours). The clock ends exactly at the end of an interval when the hours run
 * out there (not at the start of the next one).
 */
export function addWorkingHours(cal: WorkingCalendar, from: Date, hours: number, office: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  if (!(hours >= 0) || !Number.isFinite(hours)) throw new RangeError(`working hours must be ≥ 0, got ${hours}`);
  let left = Math.round(hours * 60 * MINUTE_MS);                  // milliseconds of office time still to count
  let day = vietnamDayNumber(from);
  let cursor = from.getTime();
  for (let guard = 0; guard < 3660; guard++, day++) {
    if (!isWorkingDay(cal, isoOfDayNumber(day))) continue;
    for (const [a, b] of office) {
      const start = Math.max(instantOf(day, a).getTime(), cursor);
      const end = instantOf(day, b).getTime();
      if (start >= end) continue;
      if (left === 0) return new Date(start);
      if (end - start >= left) return new Date(start + left);
      left -= end - start;
    }
    cursor = 0;
  }
  throw new RangeError('no working time within ten years');
}

/** Working hours (fractional) in [from, to]; negative when `to` comes first. */
export function workingHoursBetween(cal: WorkingCalendar, from: Date, to: Date, office: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  if (to < from) return -workingHoursBetween(cal, to, from, office);
  let total = 0;
  for (let day = vietnamDayNumber(from); day <= vietnamDayNumber(to); day++) {
    if (!isWorkingDay(cal, isoOfDayNumber(day))) continue;
    for (const [a, b] of office) {
      const start = Math.max(instantOf(day, a).getTime(), from.getTime());
      const end = Math.min(instantOf(day, b).getTime(), to.getTime());
      if (end > start) total += end - start;
    }
  }
  return total / (60 * MINUTE_MS);
}
