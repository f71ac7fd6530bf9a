// Dates as the province lives them: UTC in storage, Asia/Ho_Chi_Minh for "today" and display.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Made once: building a DateTimeFormat costs far more than formatting with it, and intake calls this per report.
const vietnamDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Vietnam as YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return vietnamDateFormat.format(now);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
