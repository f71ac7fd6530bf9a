// The operators' overdue board: unfinished dossiers past due, most overdue first, with the agency (and its
// unit) holding each one now; counts per holding agency filter the list. Refreshed by the hub topic 'dossiers'.
import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OverdueDossier, OverdueQuery } from '../../../shared/contracts/dossiers.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { useAsOf, useSearchParam, useSelectedUnit, useWallMode } from '../../app/url-state.js';
import { useHub } from '../../app/hub-context.js';
import { ConnectionBadge } from '../../ui/ConnectionBadge.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import { unitTreeQuery } from '../units/units.api.js';
import { overdueBoardQuery, procedureListQuery } from './dossiers.api.js';
import { formatCount } from './dossier-format.js';
import { toVietnamDate } from './SearchPage.js';

const PAGE_SIZE = 100;

export function OverduePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const location = useLocation();
  const hub = useHub();
  const { asOf } = useAsOf();
  const [unit, setUnit] = useSelectedUnit();
  const [holder, setHolder] = useSearchParam('holder');
  const [handler, setHandler] = useSearchParam('agency');
  const [procedure, setProcedure] = useSearchParam('procedure');
  const [offsetParam, setOffset] = useSearchParam('offset');
  const offset = Number(offsetParam) || 0;
  const params = useMemo<Partial<OverdueQuery>>(() => ({
    unitId: unit ?? undefined, holdingAgencyId: holder ?? undefined, handlingAgencyId: handler ?? undefined, procedureId: procedure ?? undefined,
    limit: PAGE_SIZE, offset,
  }), [unit, holder, handler, procedure, offset]);
  const board = useQuery(overdueBoardQuery(params));
  const tree = useQuery(unitTreeQuery(asOf));
  const agencies = useQuery(agencyListQuery({}));
  const procedures = useQuery(procedureListQuery({ limit: 500, active: 'true' }));
  const total = board.data?.total ?? 0;
  const filterChange = (set: (v: string | null) => void) => (value: string) => { setOffset(null); set(value || null); };

  const columns: Column<OverdueDossier>[] = [
    { key: 'days', header: t('dos.overdue.daysOverdue'), className: 'num', render: (d) => (
      <span className="days-overdue" data-testid="days-overdue">{t('dos.overdue.daysValue', { formatted: formatCount(d.daysOverdue, lang) })}</span>
    ) },
    { key: 'code', header: t('dos.col.code'), className: 'col-code', render: (d) => (
      <Link to={`/dossiers/${d.id}`} state={{ back: `${location.pathname}${location.search}` }} className="dossier-code">{d.code}</Link>
    ) },
    { key: 'holder', header: t('dos.overdue.holder'), className: 'col-wide', render: (d) => (
      <><span className="cell-main">{d.holdingAgencyName ?? t('dos.overdue.noHolder')}</span>{d.holdingUnitName && <span className="muted cell-sub"> {d.holdingUnitName}</span>}</>
    ) },
    { key: 'procedure', header: t('dos.col.procedure'), className: 'col-wide', render: (d) => (
      <><span className="cell-main">{d.procedureName}</span> <span className="muted cell-sub">{d.field} · {d.receivingUnitName}</span></>
    ) },
    { key: 'status', header: t('dos.col.status'), render: (d) => t(`dos.status.${d.status}`) },
    { key: 'dueAt', header: t('dos.col.dueAt'), render: (d) => (
      <><span className="cell-main">{formatDate(toVietnamDate(d.dueAt), lang)}</span> <span className="muted cell-sub">{t('dos.col.receivedOn', { date: formatDate(toVietnamDate(d.receivedAt), lang) })}</span></>
    ) },
  ];

  return (
    <section aria-labelledby="page-title" className="overdue-board">
      <header className="page-header">
        <h1 id="page-title">{t('dos.overdue.title')}</h1>
        <div className="toolbar">
          <ConnectionBadge state={hub.state} />
          {board.data && <span className="muted">{t('dos.overdue.asOf', { at: formatDateTime(board.data.asOf, lang) })}</span>}
        </div>
      </header>
      {!wall && <p className="hint">{t('dos.overdue.intro')}</p>}
      {!wall && (
        <div className="filters" role="group" aria-label={t('dos.overdue.filters')}>
          <UnitTreePicker label={t('dos.search.unit')} roots={tree.data?.roots ?? []} value={unit} isLoading={tree.isPending}
            clearLabel={t('dos.search.any')} onChange={(id) => { setOffset(null); setUnit(id); }} />
          <div className="field">
            <label htmlFor="od-holder">{t('dos.overdue.holder')}</label>
            <select id="od-holder" className="input" value={holder ?? ''} onChange={(e) => filterChange(setHolder)(e.target.value)}>
              <option value="">{t('dos.search.any')}</option>
              {(agencies.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="od-agency">{t('dos.search.agency')}</label>
            <select id="od-agency" className="input" value={handler ?? ''} onChange={(e) => filterChange(setHandler)(e.target.value)}>
              <option value="">{t('dos.search.any')}</option>
              {(agencies.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="od-procedure">{t('dos.search.procedure')}</label>
            <select id="od-procedure" className="input" value={procedure ?? ''} onChange={(e) => filterChange(setProcedure)(e.target.value)}>
              <option value="">{t('dos.search.any')}</option>
              {(procedures.data?.items ?? []).map((p) => <option key={p.id} value={p.id}>{p.code} — {p.name}</option>)}
            </select>
          </div>
        </div>
      )}
      <PageState isLoading={board.isPending} error={board.error} onRetry={() => void board.refetch()}
        isEmpty={total === 0} emptyText={t('dos.overdue.empty')}>
        {board.data && (
          <div className="overdue-layout">
            <section className="card overdue-holders" aria-labelledby="holders-title">
              <h2 id="holders-title">{t('dos.overdue.byHolder')}</h2>
              <ul className="holder-list">
                {board.data.byAgency.map((a) => {
                  const active = !!a.agencyId && a.agencyId === holder;
                  return (
                    <li key={a.agencyId ?? 'none'}>
                      {a.agencyId ? (
                        <button type="button" className={`holder-button${active ? ' is-active' : ''}`} aria-pressed={active}
                          onClick={() => filterChange(setHolder)(active ? '' : a.agencyId!)}>
                          <span>{a.agencyName}{a.unitName && <span className="muted"> · {a.unitName}</span>}</span>
                          <strong className="holder-count">{formatCount(a.overdue, lang)}</strong>
                        </button>
                      ) : (
                        <span className="holder-button is-static"><span>{t('dos.overdue.noHolder')}</span><strong className="holder-count">{formatCount(a.overdue, lang)}</strong></span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
            <div className="overdue-list">
              <p className="result-count" role="status" data-testid="result-count">{t('dos.overdue.total', { formatted: formatCount(total, lang) })}</p>
              <DataTable caption={t('dos.overdue.caption')} columns={columns} rows={board.data.items} rowKey={(d) => String(d.id)} emptyText={t('dos.overdue.empty')} />
              {total > PAGE_SIZE && (
                <nav className="pager" aria-label={t('dos.search.pager')}>
                  <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(offset - PAGE_SIZE > 0 ? String(offset - PAGE_SIZE) : null)}>{t('dos.search.prev')}</button>
                  <span className="pager-text">{t('dos.search.page', { page: formatCount(Math.floor(offset / PAGE_SIZE) + 1, lang), pages: formatCount(Math.ceil(total / PAGE_SIZE), lang) })}</span>
                  <button type="button" className="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(String(offset + PAGE_SIZE))}>{t('dos.search.next')}</button>
                </nav>
              )}
            </div>
          </div>
        )}
      </PageState>
    </section>
  );
}
