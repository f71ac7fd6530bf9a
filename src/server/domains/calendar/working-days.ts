// Working days as Vietnamese public offices count them: Monday–Friday, minus public holidays (and the
// bridge days the government gives), plus the Saturdays worked to make those up. Dates are Vietnam dates
// (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving).
//
// Due-date convention (addWorkingDays): a dossier received at any time on day D with a legal processing
// time of N working days is due at the END of the Nth working day after D (D itself does not count, as
// the receipt slip of a one-stop shop counts from the next working day); the due instant is 23:59:59.999
// Vietnam time of that day. N = 0 ("trong ngày") is due at the end of D, or of the next working day when
// D is not one (an online submission on a Sunday).
//
// Elapsed working days (workingDaysBetween): the number of working days in (date(from), date(to)], i.e.
// the working days after the day of `from` up to and including the day of `to`. A dossier finished on the
// Nth working day after its receipt took N days; one finished on its receipt day took 0; something due on
// D and still open on the next working day is 1 day overdue. Negative when `to` is before `from`.

export interface WorkingCalendar {
  /** Vietnam dates (YYYY-MM-DD) that are days off although they are weekdays (or any day). */
  holidays: ReadonlySet<string>;
  /** Vietnam dates (YYYY-MM-DD), usually Saturdays, worked to make up a bridge day. */
  workingDays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

export const EMPTY_CALENDAR: WorkingCalendar = { holidays: new Set(), workingDays: new Set() };

export function makeWorkingCalendar(entries: Iterable<{ day: string; kind: 'holiday' | 'working_day' | string }>): WorkingCalendar {
  const holidays = new Set<string>();
  const workingDays = new Set<string>();
  for (const e of entries) (e.kind === 'working_day' ? workingDays : holidays).add(e.day);
  return { holidays, workingDays };
}

/** Days since 1970-01-01 of an ISO date. */
function dayNumberOfIso(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

// Formatting a date is the slow part of the hot loops (ingest formats several per dossier): remember them.
const isoByDayNumber = new Map<number, string>();

function isoOfDayNumber(n: number): string {
  let iso = isoByDayNumber.get(n);
  if (iso === undefined) {
    iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (isoByDayNumber.size < 100_000) isoByDayNumber.set(n, iso);
  }
  return iso;
}

/** The Vietnam day number (days since 1970-01-01) of an instant. */
export function vietnamDayNumber(at: Date): number {
  return Math.floor((at.getTime() + VN_OFFSET_MS) / DAY_MS);
}

/** The Vietnam date (YYYY-MM-DD) of an instant. */
export function vietnamDate(at: Date): string {
  return isoOfDayNumber(vietnamDayNumber(at));
}

/** The last instant (23:59:59.999 Vietnam time) of a Vietnam date. */
export function endOfVietnamDay(isoDate: string): Date {
  return new Date((dayNumberOfIso(isoDate) + 1) * DAY_MS - VN_OFFSET_MS - 1);
}

// Day-number sets per calendar, built once: the hot loops below avoid formatting dates.
const numbered = new WeakMap<WorkingCalendar, { holidays: Set<number>; workingDays: Set<number> }>();

function numberedOf(cal: WorkingCalendar): { holidays: Set<number>; workingDays: Set<number> } {
  let sets = numbered.get(cal);
  if (!sets) {
    sets = { holidays: new Set([...cal.holidays].map(dayNumberOfIso)), workingDays: new Set([...cal.workingDays].map(dayNumberOfIso)) };
    numbered.set(cal, sets);
  }
  return sets;
}

function isWorkingDayNumber(cal: WorkingCalendar, n: number): boolean {
  const sets = numberedOf(cal);
  const weekday = (((n + 4) % 7) + 7) % 7;   // 1970-01-01 was a Thursday; 0 = Sunday, 6 = Saturday
  if (weekday === 0 || weekday === 6) return sets.workingDays.has(n);
  return !sets.holidays.has(n);
}

export function isWorkingDay(cal: WorkingCalendar, isoDate: string): boolean {
  return isWorkingDayNumber(cal, dayNumberOfIso(isoDate));
}

/** The due instant of something received at `from` with `days` working days (see the convention above). */
export function addWorkingDays(cal: WorkingCalendar, from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
  let n = vietnamDayNumber(from);
  if (days === 0) {
    while (!isWorkingDayNumber(cal, n)) n++;
  } else {
    let left = days;
    while (left > 0) {
      n++;
      if (isWorkingDayNumber(cal, n)) left--;
    }
  }
  return new Date((n + 1) * DAY_MS - VN_OFFSET_MS - 1);
}

/** Working days in (Vietnam day of `from`, Vietnam day of `to`]; negative when `to` comes first. */
export function workingDaysBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const a = vietnamDayNumber(from);
  const b = vietnamDayNumber(to);
  if (a === b) return 0;
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let n = lo + 1; n <= hi; n++) if (isWorkingDayNumber(cal, n)) count++;
  return sign * count;
}
