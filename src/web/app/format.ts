// Dates, times and numbers through Intl in the user's language, always in Vietnam's time zone.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function localeOf(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'vi-VN';
}

/** Today's calendar date in Vietnam as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar day before an ISO date (YYYY-MM-DD). */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function formatDate(isoDate: string | null | undefined, language: string): string {
  if (!isoDate) return '—';
  // A calendar date has no time zone: format it as UTC so the day never shifts.
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(date);
}

export function formatTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(date);
}

export function formatNumber(value: number, language: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(localeOf(language), options).format(value);
}

export function formatPercent(share: number, language: string): string {
  return formatNumber(share, language, { style: 'percent', maximumFractionDigits: 2 });
}

/** A local date-time (from <input type="datetime-local">, read as Vietnam time) to an ISO string with offset. */
export function vietnamLocalToIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+07:00`;
}
