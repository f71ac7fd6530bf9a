// One inbox for every channel (web, Open311, phone, e-mail, Zalo, Facebook): filters kept in the URL, live
// refresh from the hub topic 'feedback' (new reports are flagged until the page is left), a link to each report.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { reportChannels, type ReportSummary, urgencies } from '../../../shared/contracts/feedback.js';
import { useSession } from '../../app/auth.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { useAsOf, useSearchParam } from '../../app/url-state.js';
import { useHub } from '../../app/hub-context.js';
import { ConnectionBadge } from '../../ui/ConnectionBadge.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import { unitTreeQuery } from '../units/units.api.js';
import { categoriesQuery, inboxQuery, type InboxParams } from './feedback.api.js';
import { categoryName, openStates, StateBadge, timeLeftText, UrgencyBadge } from './feedback-format.js';

const PAGE_SIZE = 50;
const stateChoices = ['open', 'all', 'new', 'triaged', 'assigned', 'in_progress', 'action_scheduled', 'not_our_responsibility', 'resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled'] as const;

/** The list's state parameter: 'open' (default) = every open state, 'all' = none. */
export function stateParamOf(choice: string | null): string | undefined {
  if (!choice || choice === 'open') return openStates.join(',');
  return choice === 'all' ? undefined : choice;
}

export function InboxPage() {
  const session = useSession();
  if (session.user.role === 'agency_officer') return <Navigate to="/feedback/worklist" replace />;
  return <ReportList mode="inbox" />;
}

/** The inbox, and (mode 'worklist') an agency officer's own reports: the server keeps them to their agency. */
export function ReportList({ mode }: { mode: 'inbox' | 'worklist' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const location = useLocation();
  const hub = useHub();
  const { asOf } = useAsOf();
  const [state, setState] = useSearchParam('state');
  const [channel, setChannel] = useSearchParam('channel');
  const [category, setCategory] = useSearchParam('category');
  const [agency, setAgency] = useSearchParam('agency');
  const [unit, setUnit] = useSearchParam('unit');
  const [overdue, setOverdue] = useSearchParam('overdue');
  const [urgency, setUrgency] = useSearchParam('urgency');
  const [q, setQ] = useSearchParam('q');
  const [offsetParam, setOffset] = useSearchParam('offset');
  const offset = Number(offsetParam) || 0;
  const [text, setText] = useState(q ?? '');
  const params = useMemo<InboxParams>(() => ({
    state: stateParamOf(state), channel: (channel ?? undefined) as InboxParams['channel'], categoryCode: category ?? undefined,
    agencyId: (agency ?? undefined) as InboxParams['agencyId'], unitId: unit ?? undefined, overdue: overdue === 'true' ? 'true' : undefined,
    urgency: urgency ?? undefined,
    q: q ?? undefined, limit: PAGE_SIZE, offset,
  }), [state, channel, category, agency, unit, overdue, urgency, q, offset]);
  const list = useQuery(inboxQuery(params));
  const categories = useQuery(categoriesQuery());
  const agencies = useQuery({ ...agencyListQuery({}), enabled: mode === 'inbox' });
  const tree = useQuery(unitTreeQuery(asOf));
  const now = Date.now();

  // Reports that arrived (hub) while the page is open are flagged "new" until the page is left.
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!list.data || list.isPlaceholderData) return;
    const ids = list.data.items.map((r) => r.id);
    if (!seen.current) { seen.current = new Set(ids); return; }
    const arrived = ids.filter((id) => !seen.current!.has(id));
    for (const id of arrived) seen.current.add(id);
    if (arrived.length) setFresh((prev) => new Set([...prev, ...arrived]));
  }, [list.data, list.isPlaceholderData]);
  const lastCreated = hub.events.find((e) => e.topic === 'feedback' && e.type === 'report.created');

  const filterChange = (set: (v: string | null) => void) => (value: string) => { setOffset(null); set(value || null); };
  const total = list.data?.total ?? 0;
  const back = `${location.pathname}${location.search}`;

  const columns: Column<ReportSummary>[] = [
    { key: 'code', header: t('fb.col.code'), className: 'col-code', render: (r) => (
      <>
        <Link to={`/feedback/reports/${r.id}`} state={{ back }} className="fb-code">{r.trackingCode}</Link>
        {fresh.has(r.id) && <span className="badge fb-new" data-testid="fresh-badge">{t('fb.inbox.fresh')}</span>}
      </>
    ) },
    { key: 'received', header: t('fb.col.received'), render: (r) => (
      <><span className="cell-main">{formatDateTime(r.createdAt, lang)}</span><span className="muted cell-sub">{t(`fb.channel.${r.channel}`)}</span></>
    ) },
    { key: 'what', header: t('fb.col.what'), className: 'col-wide', render: (r) => (
      <>
        <span className="cell-main"><strong>{r.categoryName}</strong> <UrgencyBadge urgency={r.urgency} /></span>
        {/* Citizens' text: rendered as text (React escapes it), never as HTML. */}
        <span className="cell-sub fb-excerpt">{r.description.length > 160 ? `${r.description.slice(0, 160)}…` : r.description}</span>
      </>
    ) },
    { key: 'place', header: t('fb.col.place'), render: (r) => (
      <><span className="cell-main">{r.unitName ?? '—'}</span>{r.address && <span className="muted cell-sub">{r.address}</span>}</>
    ) },
    { key: 'state', header: t('fb.col.state'), render: (r) => <StateBadge state={r.state} /> },
    { key: 'agency', header: t('fb.col.agency'), render: (r) => r.agencyName ?? <span className="muted">{t('fb.operatorQueue')}</span> },
    { key: 'due', header: t('fb.col.due'), render: (r) => {
      const due = r.acceptedAt ? r.resolveDueAt : r.acceptDueAt;
      if (r.closedAt) return <span className="muted">{t('fb.inbox.closedAt', { at: formatDateTime(r.closedAt, lang) })}</span>;
      return <span className={r.isOverdue ? 'fb-overdue' : undefined}>{timeLeftText(due, now, t, lang)}</span>;
    } },
  ];

  return (
    <section aria-labelledby="page-title" className="fb-inbox">
      <header className="page-header">
        <h1 id="page-title">{mode === 'inbox' ? t('fb.inbox.title') : t('fb.worklist.title')}</h1>
        <div className="toolbar">
          <ConnectionBadge state={hub.state} />
          {lastCreated && <span className="muted" role="status">{t('fb.inbox.lastArrived', { at: formatDateTime(lastCreated.at, lang) })}</span>}
        </div>
      </header>
      <p className="hint">{mode === 'inbox' ? t('fb.inbox.intro') : t('fb.worklist.intro')}</p>
      <div className="filters" role="group" aria-label={t('fb.inbox.filters')}>
        <div className="field">
          <label htmlFor="fb-state">{t('fb.filter.state')}</label>
          <select id="fb-state" className="input" value={state ?? 'open'} onChange={(e) => filterChange(setState)(e.target.value === 'open' ? '' : e.target.value)}>
            {stateChoices.map((s) => <option key={s} value={s}>{s === 'open' ? t('fb.filter.open') : s === 'all' ? t('fb.filter.all') : t(`fb.state.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fb-channel">{t('fb.filter.channel')}</label>
          <select id="fb-channel" className="input" value={channel ?? ''} onChange={(e) => filterChange(setChannel)(e.target.value)}>
            <option value="">{t('fb.filter.any')}</option>
            {reportChannels.map((c) => <option key={c} value={c}>{t(`fb.channel.${c}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fb-urgency">{t('fb.filter.urgency')}</label>
          <select id="fb-urgency" className="input" value={urgency ?? ''} onChange={(e) => filterChange(setUrgency)(e.target.value)}>
            <option value="">{t('fb.filter.any')}</option>
            {urgencies.map((u) => <option key={u} value={u}>{t(`fb.urgency.${u}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fb-category">{t('fb.filter.category')}</label>
          <select id="fb-category" className="input" value={category ?? ''} onChange={(e) => filterChange(setCategory)(e.target.value)}>
            <option value="">{t('fb.filter.any')}</option>
            {(categories.data ?? []).map((c) => <option key={c.code} value={c.code}>{categoryName(c, lang)}</option>)}
          </select>
        </div>
        {mode === 'inbox' && (
          <div className="field">
            <label htmlFor="fb-agency">{t('fb.filter.agency')}</label>
            <select id="fb-agency" className="input" value={agency ?? ''} onChange={(e) => filterChange(setAgency)(e.target.value)}>
              <option value="">{t('fb.filter.any')}</option>
              <option value="none">{t('fb.operatorQueue')}</option>
              {(agencies.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
        )}
        <UnitTreePicker label={t('fb.filter.unit')} roots={tree.data?.roots ?? []} value={unit} isLoading={tree.isPending}
          clearLabel={t('fb.filter.any')} onChange={(id) => { setOffset(null); setUnit(id); }} />
        <div className="field field-inline">
          <input id="fb-overdue" type="checkbox" checked={overdue === 'true'} onChange={(e) => filterChange(setOverdue)(e.target.checked ? 'true' : '')} />
          <label htmlFor="fb-overdue">{t('fb.filter.overdue')}</label>
        </div>
        <form className="field" role="search" onSubmit={(e) => { e.preventDefault(); setOffset(null); setQ(text.trim() || null); }}>
          <label htmlFor="fb-q">{t('fb.filter.text')}</label>
          <input id="fb-q" className="input" type="search" value={text} placeholder={t('fb.filter.textHint')} onChange={(e) => setText(e.target.value)} />
        </form>
      </div>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        <p className="result-count" role="status" data-testid="result-count">{t('fb.inbox.total', { n: formatNumber(total, lang) })}</p>
        <DataTable caption={mode === 'inbox' ? t('fb.inbox.caption') : t('fb.worklist.title')} columns={columns} rows={list.data?.items ?? []}
          rowKey={(r) => r.id} emptyText={t('fb.inbox.empty')} rowClassName={(r) => (r.isOverdue ? 'is-overdue' : undefined)} />
        {total > PAGE_SIZE && (
          <nav className="pager" aria-label={t('fb.pager')}>
            <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(offset - PAGE_SIZE > 0 ? String(offset - PAGE_SIZE) : null)}>{t('fb.prev')}</button>
            <span className="pager-text">{t('fb.page', { page: formatNumber(Math.floor(offset / PAGE_SIZE) + 1, lang), pages: formatNumber(Math.ceil(total / PAGE_SIZE), lang) })}</span>
            <button type="button" className="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(String(offset + PAGE_SIZE))}>{t('fb.next')}</button>
          </nav>
        )}
      </PageState>
    </section>
  );
}

export function WorklistPage() {
  return <ReportList mode="worklist" />;
}
