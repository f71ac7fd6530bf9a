// The working-day calendar per year: public holidays and make-up working days; the year is saved as a whole.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Holiday, HolidayKind } from '../../../shared/contracts/calendar.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDate, localeOf, todayInVietnam } from '../../app/format.js';
import { useSearchParam } from '../../app/url-state.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { holidaysQuery, useReplaceHolidays } from './dossiers.api.js';
import { NoPermission } from './DossiersSection.js';

export function HolidaysPage() {
  const session = useSession();
  if (!hasPermission(session, 'calendar:write')) return <NoPermission />;
  return <HolidaysEditor />;
}

function weekdayOf(day: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

function HolidaysEditor() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const toast = useToast();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => thisYear - 1 + i);
  const [yearParam, setYear] = useSearchParam('year');
  const year = Number(yearParam) >= 1990 && Number(yearParam) <= 2200 ? Number(yearParam) : thisYear;
  const query = useQuery(holidaysQuery(year));
  const replace = useReplaceHolidays(year);
  const items = query.data?.items ?? [];
  const [draft, setDraft] = useState<{ day: string; kind: HolidayKind; name: string; nameEn: string }>({ day: '', kind: 'holiday', name: '', nameEn: '' });
  const [touched, setTouched] = useState(false);
  const dayBad = !draft.day || !draft.day.startsWith(`${year}-`) || items.some((h) => h.day === draft.day);
  const nameBad = !draft.name.trim() || !draft.nameEn.trim();

  function save(next: Holiday[], message: string) {
    replace.mutate({ items: [...next].sort((a, b) => a.day.localeCompare(b.day)) }, {
      onSuccess: () => toast.show(message),
      onError: () => toast.show(t('toast.failed'), 'error'),
    });
  }

  function onAdd(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (dayBad || nameBad) return;
    save([...items, { day: draft.day, kind: draft.kind, name: draft.name.trim(), nameEn: draft.nameEn.trim() }], t('dos.holidays.added', { day: formatDate(draft.day, lang) }));
    setDraft({ day: '', kind: draft.kind, name: '', nameEn: '' });
    setTouched(false);
  }

  function onRemove(holiday: Holiday) {
    if (!window.confirm(t('dos.holidays.removeConfirm', { day: formatDate(holiday.day, lang), name: holiday.name }))) return;
    save(items.filter((h) => h.day !== holiday.day), t('dos.holidays.removed', { day: formatDate(holiday.day, lang) }));
  }

  return (
    <section aria-labelledby="page-title" className="holidays-page">
      <header className="page-header">
        <h1 id="page-title">{t('dos.holidays.title')}</h1>
        <div className="field">
          <label htmlFor="hol-year">{t('dos.holidays.year')}</label>
          <select id="hol-year" className="input" value={year} onChange={(e) => setYear(Number(e.target.value) === thisYear ? null : e.target.value)}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </header>
      <p className="hint">{t('dos.holidays.intro')}</p>
      <PageState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('dos.holidays.caption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dos.holidays.day')}</th>
                <th scope="col">{t('dos.holidays.weekday')}</th>
                <th scope="col">{t('dos.holidays.kind')}</th>
                <th scope="col">{t('dos.holidays.name')}</th>
                <th scope="col">{t('dos.holidays.nameEn')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && <tr><td colSpan={6} className="empty-cell">{t('dos.holidays.empty', { year })}</td></tr>}
              {items.map((h) => (
                <tr key={h.day} className={h.kind === 'working_day' ? 'is-working-day' : undefined}>
                  <td>{formatDate(h.day, lang)}</td>
                  <td>{weekdayOf(h.day, lang)}</td>
                  <td><span className={`badge ${h.kind === 'holiday' ? 'badge-holiday' : 'badge-working'}`}>{t(`dos.holidays.${h.kind}`)}</span></td>
                  <td>{h.name}</td>
                  <td>{h.nameEn}</td>
                  <td>
                    <button type="button" className="button button-small" disabled={replace.isPending}
                      aria-label={`${t('dos.holidays.remove')} ${formatDate(h.day, lang)}`} onClick={() => onRemove(h)}>{t('dos.holidays.remove')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form className="filters holiday-form" onSubmit={onAdd} noValidate aria-labelledby="hol-add-title">
          <h2 id="hol-add-title" className="visually-hidden">{t('dos.holidays.add')}</h2>
          <div className="field">
            <label htmlFor="hol-day">{t('dos.holidays.day')}</label>
            <input id="hol-day" type="date" className="input" min={`${year}-01-01`} max={`${year}-12-31`} value={draft.day}
              onChange={(e) => setDraft((d) => ({ ...d, day: e.target.value }))}
              aria-invalid={touched && dayBad ? true : undefined} aria-describedby={touched && dayBad ? 'hol-day-error' : undefined} />
            {touched && dayBad && <p id="hol-day-error" className="form-error">{t('dos.holidays.dayInvalid', { year })}</p>}
          </div>
          <div className="field">
            <label htmlFor="hol-kind">{t('dos.holidays.kind')}</label>
            <select id="hol-kind" className="input" value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as HolidayKind }))}>
              <option value="holiday">{t('dos.holidays.holiday')}</option>
              <option value="working_day">{t('dos.holidays.working_day')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="hol-name">{t('dos.holidays.name')}</label>
            <input id="hol-name" className="input" value={draft.name} maxLength={200} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
              aria-invalid={touched && !draft.name.trim() ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor="hol-name-en">{t('dos.holidays.nameEn')}</label>
            <input id="hol-name-en" className="input" value={draft.nameEn} maxLength={200} onChange={(e) => setDraft((d) => ({ ...d, nameEn: e.target.value }))}
              aria-invalid={touched && !draft.nameEn.trim() ? true : undefined} />
          </div>
          <button type="submit" className="button button-primary" disabled={replace.isPending}>{t('dos.holidays.add')}</button>
          {touched && nameBad && <p className="form-error" role="alert">{t('dos.holidays.nameRequired')}</p>}
          <FormError error={replace.error} />
        </form>
      </PageState>
    </section>
  );
}
