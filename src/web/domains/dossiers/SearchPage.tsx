// Dossier search, and the landing page of every drill-down: the list's filters live in the URL (shareable,
// survive a reload), the form edits them, the table pages through the answer.
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  dossierChannels, dossierSorts, dossierStatuses, pendingStates, timelinessValues, type DossierSummary,
} from '../../../shared/contracts/dossiers.js';
import { formatDate } from '../../app/format.js';
import { useAsOf, useWallMode } from '../../app/url-state.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import { unitTreeQuery } from '../units/units.api.js';
import { dossierListQuery, listFilterNames, procedureFieldsQuery, procedureListQuery, type ListParams } from './dossiers.api.js';
import { formatCount, formatDays } from './dossier-format.js';

const PAGE_SIZE = 50;
type FilterForm = Record<'q' | 'unitId' | 'receivingUnitId' | 'unitCode' | 'dueWithinDays' | 'procedureId' | 'field' | 'handlingAgencyId' | 'holdingAgencyId' | 'channel' | 'status' | 'timeliness'
  | 'pending' | 'receivedFrom' | 'receivedTo' | 'finishedFrom' | 'finishedTo' | 'sort', string>;
// receivingUnitId, unitCode and dueWithinDays come only from drill-down links: kept on apply, dropped on clear.
const formKeys: (keyof FilterForm)[] = ['q', 'unitId', 'receivingUnitId', 'unitCode', 'dueWithinDays', 'procedureId', 'field', 'handlingAgencyId', 'holdingAgencyId', 'channel', 'status', 'timeliness',
  'pending', 'receivedFrom', 'receivedTo', 'finishedFrom', 'finishedTo', 'sort'];

/** The list query a URL stands for: its known filters; the sticky scope `unit` when no `unitId` is given. */
export function listParamsOf(params: URLSearchParams): ListParams {
  const query: Record<string, string> = {};
  for (const name of listFilterNames) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  if (!query.unitId && params.get('unit')) query.unitId = params.get('unit')!;
  return query as unknown as ListParams;
}

function formOf(params: ListParams): FilterForm {
  const form = {} as FilterForm;
  for (const key of formKeys) form[key] = params[key] === undefined ? '' : String(params[key]);
  return form;
}

export function SearchPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => listParamsOf(searchParams), [searchParams]);
  const offset = Number(params.offset ?? 0) || 0;
  const limit = Number(params.limit ?? PAGE_SIZE) || PAGE_SIZE;
  const what = searchParams.get('what');
  const list = useQuery(dossierListQuery({ ...params, limit, offset }));
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;

  function apply(form: FilterForm) {
    setSearchParams((current) => {
      const next = new URLSearchParams();
      // Keep the sticky parameters; the filters are replaced as a whole and paging starts over.
      for (const name of ['unit', 'asOf', 'wall']) { const v = current.get(name); if (v) next.set(name, v); }
      for (const key of formKeys) if (form[key]) next.set(key, form[key]);
      return next;
    });
  }

  function goToPage(nextOffset: number) {
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (nextOffset > 0) next.set('offset', String(nextOffset)); else next.delete('offset');
      return next;
    });
  }

  const columns: Column<DossierSummary>[] = [
    { key: 'code', header: t('dos.col.code'), className: 'col-code', render: (d) => (
      <Link to={{ pathname: `/dossiers/${d.id}` }} state={{ back: `${location.pathname}${location.search}` }} className="dossier-code">{d.code}</Link>
    ) },
    { key: 'procedure', header: t('dos.col.procedure'), className: 'col-wide', render: (d) => <><span className="cell-main">{d.procedureName}</span> <span className="muted cell-sub">{d.field}</span></> },
    { key: 'unit', header: t('dos.col.unit'), render: (d) => <><span className="cell-main">{d.receivingUnitName}</span> <span className="muted cell-sub">{t(`dos.channel.${d.channel}`)}</span></> },
    { key: 'agency', header: t('dos.col.agencyHolder'), className: 'col-wide', render: (d) => (
      <>
        <span className="cell-main">{d.handlingAgencyName ?? '—'}</span>
        {!d.finishedAt && d.holdingAgencyId !== d.handlingAgencyId && (
          <span className="muted cell-sub">{t('dos.col.heldBy', { name: d.holdingAgencyName ?? t('dos.overdue.noHolder') })}</span>
        )}
      </>
    ) },
    { key: 'receivedAt', header: t('dos.col.receivedAt'), render: (d) => formatDate(toVietnamDate(d.receivedAt), lang) },
    { key: 'dueAt', header: t('dos.col.dueAt'), render: (d) => (d.dueAt ? formatDate(toVietnamDate(d.dueAt), lang) : '—') },
    { key: 'status', header: t('dos.col.status'), render: (d) => <StatusBadge dossier={d} /> },
    { key: 'timeliness', header: t('dos.col.timeliness'), render: (d) => <TimelinessCell dossier={d} /> },
  ];

  return (
    <section aria-labelledby="page-title" className="dossier-search">
      <header className="page-header">
        <h1 id="page-title">{t('dos.search.title')}</h1>
      </header>
      {what && (
        <p className="note drill-note" data-testid="drill-note">
          {t('dos.search.drilledFrom', { what })}
        </p>
      )}
      {!wall && <FilterPanel key={searchParams.toString()} initial={formOf(params)} onApply={apply} onClear={() => apply(formOf({}))} />}
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        <p className="result-count" role="status" data-testid="result-count">{t('dos.search.results', { count: total, formatted: formatCount(total, lang) })}</p>
        <DataTable caption={t('dos.search.caption')} columns={columns} rows={list.data?.items ?? []} rowKey={(d) => String(d.id)}
          emptyText={t('dos.search.empty')} rowClassName={(d) => (d.isOverdue ? 'is-overdue' : undefined)} />
        {total > limit && (
          <nav className="pager" aria-label={t('dos.search.pager')}>
            <button type="button" className="button" disabled={offset === 0} onClick={() => goToPage(Math.max(0, offset - limit))}>{t('dos.search.prev')}</button>
            <span className="pager-text">{t('dos.search.page', { page: formatCount(page, lang), pages: formatCount(pages, lang) })}</span>
            <button type="button" className="button" disabled={offset + limit >= total} onClick={() => goToPage(offset + limit)}>{t('dos.search.next')}</button>
          </nav>
        )}
      </PageState>
    </section>
  );
}

/** A stored instant as the Vietnam calendar date it fell on. */
export function toVietnamDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function StatusBadge({ dossier }: { dossier: Pick<DossierSummary, 'status' | 'isOverdue'> }) {
  const { t } = useTranslation();
  return <span className={`badge dossier-status status-${dossier.status}`}>{t(`dos.status.${dossier.status}`)}</span>;
}

export function TimelinessCell({ dossier }: { dossier: Pick<DossierSummary, 'timeliness' | 'isOverdue' | 'daysOverdue' | 'processingDays'> }) {
  const { t, i18n } = useTranslation();
  if (dossier.isOverdue) {
    return <span className="badge badge-late">{t('dos.search.overdueDays', { count: dossier.daysOverdue, formatted: formatCount(dossier.daysOverdue, i18n.language) })}</span>;
  }
  if (dossier.timeliness) {
    return (
      <span className={`badge ${dossier.timeliness === 'late' ? 'badge-late' : 'badge-ontime'}`}>
        {t(`dos.timeliness.${dossier.timeliness}`)}
        {dossier.timeliness === 'late' && dossier.daysOverdue > 0 ? ` · ${t('dos.search.lateDays', { count: dossier.daysOverdue, formatted: formatCount(dossier.daysOverdue, i18n.language) })}` : ''}
        {dossier.processingDays !== null && dossier.timeliness !== 'late' ? ` · ${formatDays(dossier.processingDays, i18n.language)} ${t('dos.search.daysShort')}` : ''}
      </span>
    );
  }
  return <span className="muted">{t('dos.search.withinDeadline')}</span>;
}

function FilterPanel({ initial, onApply, onClear }: { initial: FilterForm; onApply: (form: FilterForm) => void; onClear: () => void }) {
  const { t } = useTranslation();
  const { asOf } = useAsOf();
  const [form, setForm] = useState<FilterForm>(initial);
  const tree = useQuery(unitTreeQuery(asOf));
  const agencies = useQuery(agencyListQuery({}));
  const procedures = useQuery(procedureListQuery({ limit: 500, active: 'true' }));
  const fields = useQuery(procedureFieldsQuery());
  const set = (key: keyof FilterForm) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const agencyOptions = (agencies.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>);
  const noAgency = <option value="none">{t('dos.dashboard.noAgency')}</option>;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onApply(form);
  }

  const select = (key: keyof FilterForm, label: string, options: ReactNode) => (
    <div className="field">
      <label htmlFor={`dos-f-${key}`}>{label}</label>
      <select id={`dos-f-${key}`} className="input" value={form[key]} onChange={set(key)}>
        <option value="">{t('dos.search.any')}</option>
        {options}
      </select>
    </div>
  );
  const date = (key: keyof FilterForm, label: string) => (
    <div className="field">
      <label htmlFor={`dos-f-${key}`}>{label}</label>
      <input id={`dos-f-${key}`} type="date" className="input" value={form[key]} onChange={set(key)} />
    </div>
  );

  return (
    <form className="filters dossier-filters" role="search" aria-label={t('dos.search.filters')} onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="dos-f-q">{t('dos.search.q')}</label>
        <input id="dos-f-q" type="search" className="input" value={form.q} onChange={set('q')} placeholder={t('dos.search.qHint')} maxLength={100} />
      </div>
      <UnitTreePicker label={t('dos.search.unit')} roots={tree.data?.roots ?? []} value={form.unitId || null} isLoading={tree.isPending}
        clearLabel={t('dos.search.any')} onChange={(id) => setForm((f) => ({ ...f, unitId: id ?? '' }))} />
      {select('procedureId', t('dos.search.procedure'), (procedures.data?.items ?? []).map((p) => <option key={p.id} value={p.id}>{p.code} — {p.name}</option>))}
      {select('field', t('dos.search.field'), (fields.data?.items ?? []).map((f) => <option key={f.field} value={f.field}>{f.field}</option>))}
      {select('handlingAgencyId', t('dos.search.agency'), <>{noAgency}{agencyOptions}</>)}
      {select('holdingAgencyId', t('dos.search.holder'), agencyOptions)}
      {select('channel', t('dos.search.channel'), dossierChannels.map((c) => <option key={c} value={c}>{t(`dos.channel.${c}`)}</option>))}
      {select('status', t('dos.search.status'), dossierStatuses.map((s) => <option key={s} value={s}>{t(`dos.status.${s}`)}</option>))}
      {select('pending', t('dos.search.pending'), pendingStates.map((s) => <option key={s} value={s}>{t(`dos.pending.${s}`)}</option>))}
      {select('timeliness', t('dos.search.timeliness'), timelinessValues.map((s) => <option key={s} value={s}>{t(`dos.timeliness.${s}`)}</option>))}
      {date('receivedFrom', t('dos.search.receivedFrom'))}
      {date('receivedTo', t('dos.search.receivedTo'))}
      {date('finishedFrom', t('dos.search.finishedFrom'))}
      {date('finishedTo', t('dos.search.finishedTo'))}
      <div className="field">
        <label htmlFor="dos-f-sort">{t('dos.search.sort')}</label>
        <select id="dos-f-sort" className="input" value={form.sort || '-receivedAt'} onChange={set('sort')}>
          {dossierSorts.map((s) => <option key={s} value={s}>{t(`dos.sort.${s}`)}</option>)}
        </select>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClear}>{t('dos.search.clear')}</button>
        <button type="submit" className="button button-primary">{t('common.search')}</button>
      </div>
    </form>
  );
}

