// Small pieces the feedback screens share: state and urgency badges, time left to a deadline, category names.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReportCategory, ReportState, Urgency } from '../../../shared/contracts/feedback.js';
import { formatNumber } from '../../app/format.js';

const closedStates: ReadonlySet<ReportState> = new Set(['resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled']);
export const isClosedState = (s: ReportState) => closedStates.has(s);
export const openStates: ReportState[] = ['new', 'triaged', 'assigned', 'in_progress', 'action_scheduled', 'not_our_responsibility'];

export function StateBadge({ state }: { state: ReportState }) {
  const { t } = useTranslation();
  return <span className={`badge fb-state fb-state-${state}`} data-state={state}>{t(`fb.state.${state}`)}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return <span className={`badge fb-urgency fb-urgency-${urgency}`}>{t(`fb.urgency.${urgency}`)}</span>;
}

/** Calendar time left to a deadline ("3 h 20 min left", "overdue by 2 days"); the SLA board counts working hours. */
export function timeLeftText(dueAt: string | null, now: number, t: TFunction, lang: string): string | null {
  if (!dueAt) return null;
  const ms = new Date(dueAt).getTime() - now;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const n = (x: number) => formatNumber(x, lang);
  const span = minutes >= 2 * 1440 ? t('fb.time.days', { n: n(Math.floor(minutes / 1440)) })
    : minutes >= 60 ? t('fb.time.hours', { h: n(Math.floor(minutes / 60)), m: n(minutes % 60) })
      : t('fb.time.minutes', { n: n(minutes) });
  return ms >= 0 ? t('fb.time.left', { span }) : t('fb.time.overdue', { span });
}

/** Working hours as "4,5 giờ làm việc". */
export function workingHoursText(hours: number | null | undefined, t: TFunction, lang: string): string {
  if (hours === null || hours === undefined) return '—';
  return t('fb.time.workingHours', { n: formatNumber(Math.round(hours * 10) / 10, lang) });
}

export function categoryName(c: Pick<ReportCategory, 'name' | 'nameEn'>, lang: string): string {
  return lang.startsWith('en') ? c.nameEn : c.name;
}

export function formatShare(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '—';
  return formatNumber(value, lang, { style: 'percent', maximumFractionDigits: 1 });
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDaysIso(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
