// The operators' SLA board: open reports by working time left to their next deadline (acceptance while not
// accepted, else resolution), per agency, and the most urgent ones first. Refreshed by the hub and each minute.
import { Link, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { slaBuckets, type SlaBoard } from '../../../shared/contracts/feedback-stats.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { useAsOf, useSearchParam, useWallMode } from '../../app/url-state.js';
import { useHub } from '../../app/hub-context.js';
import { ConnectionBadge } from '../../ui/ConnectionBadge.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { slaBoardQuery } from './feedback.api.js';
import { StateBadge, UrgencyBadge, workingHoursText } from './feedback-format.js';

type Item = SlaBoard['items'][number];
type AgencyRow = SlaBoard['byAgency'][number];

export function SlaBoardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const hub = useHub();
  const location = useLocation();
  const { asOf } = useAsOf();
  const [unit, setUnit] = useSearchParam('unit');
  const [agency, setAgency] = useSearchParam('agency');
  const board = useQuery(slaBoardQuery({ unitId: unit ?? undefined, agencyId: (agency ?? undefined) as 'none' | undefined, limit: 200 }));
  const tree = useQuery(unitTreeQuery(asOf));
  const n = (x: number) => formatNumber(x, lang);

  const itemColumns: Column<Item>[] = [
    { key: 'left', header: t('fb.sla.left'), className: 'num', render: (r) => (
      <span className={`fb-left fb-bucket-${r.bucket}`} data-testid="hours-left">
        {r.hoursLeft < 0 ? t('fb.sla.overdueBy', { h: workingHoursText(-r.hoursLeft, t, lang) }) : workingHoursText(r.hoursLeft, t, lang)}
      </span>
    ) },
    { key: 'code', header: t('fb.col.code'), render: (r) => <Link className="fb-code" to={`/feedback/reports/${r.id}`} state={{ back: `${location.pathname}${location.search}` }}>{r.trackingCode}</Link> },
    { key: 'deadline', header: t('fb.sla.deadline'), render: (r) => (
      <><span className="cell-main">{t(`fb.sla.deadline_${r.deadline}`)}</span><span className="muted cell-sub">{formatDateTime(r.dueAt, lang)}</span></>
    ) },
    { key: 'what', header: t('fb.col.what'), render: (r) => <>{r.categoryName} <UrgencyBadge urgency={r.urgency} /></> },
    { key: 'state', header: t('fb.col.state'), render: (r) => <StateBadge state={r.state} /> },
    { key: 'agency', header: t('fb.col.agency'), render: (r) => <>{r.agencyName ?? <span className="muted">{t('fb.operatorQueue')}</span>}{r.unitName && <span className="muted cell-sub">{r.unitName}</span>}</> },
  ];

  const agencyColumns: Column<AgencyRow>[] = [
    { key: 'agency', header: t('fb.col.agency'), render: (a) => (
      <button type="button" className="link-button" aria-pressed={(agency ?? '') === (a.agencyId ?? 'none')}
        onClick={() => setAgency((agency ?? '') === (a.agencyId ?? 'none') ? null : (a.agencyId ?? 'none'))}>
        {a.agencyName ?? t('fb.operatorQueue')}
      </button>
    ) },
    { key: 'open', header: t('fb.sla.open'), className: 'num', render: (a) => n(a.open), sortValue: (a) => a.open },
    ...slaBuckets.filter((b) => b !== 'noDeadline').map((b) => ({
      key: b, header: t(`fb.sla.bucket.${b}`), className: `num fb-bucket-col-${b}`, sortValue: (a: AgencyRow) => a[b],
      render: (a: AgencyRow) => (a[b] ? <strong className={`fb-bucket-${b}`}>{n(a[b])}</strong> : <span className="muted">0</span>),
    })),
  ];

  return (
    <section aria-labelledby="page-title" className="fb-sla">
      <header className="page-header">
        <h1 id="page-title">{t('fb.sla.title')}</h1>
        <div className="toolbar">
          <ConnectionBadge state={hub.state} />
          {board.data && <span className="muted">{t('fb.sla.asOf', { at: formatDateTime(board.data.asOf, lang) })}</span>}
          {!wall && <UnitTreePicker label={t('fb.filter.unit')} roots={tree.data?.roots ?? []} value={unit} isLoading={tree.isPending} clearLabel={t('fb.filter.any')} onChange={setUnit} />}
        </div>
      </header>
      {!wall && <p className="hint">{t('fb.sla.intro')}</p>}
      <PageState isLoading={board.isPending} error={board.error} onRetry={() => void board.refetch()}>
        {board.data && (
          <>
            <ul className="kpi-grid fb-buckets" data-testid="sla-buckets">
              {slaBuckets.filter((b) => b !== 'noDeadline').map((b) => (
                <li key={b} className={`kpi-tile fb-bucket-tile-${b}`} data-status={b === 'overdue' && board.data.totals.overdue > 0 ? 'red' : b === 'within4h' && board.data.totals.within4h > 0 ? 'amber' : 'none'}>
                  <h2 className="kpi-name">{t(`fb.sla.bucket.${b}`)}</h2>
                  <p className="kpi-value">{n(board.data.totals[b])}</p>
                </li>
              ))}
            </ul>
            <div className="fb-sla-layout">
              <section className="card" aria-labelledby="by-agency-title">
                <h2 id="by-agency-title">{t('fb.sla.byAgency')}</h2>
                <DataTable caption={t('fb.sla.byAgency')} columns={agencyColumns} rows={board.data.byAgency} rowKey={(a) => a.agencyId ?? 'none'} emptyText={t('fb.sla.empty')} />
              </section>
              <section className="card" aria-labelledby="urgent-title">
                <h2 id="urgent-title">{t('fb.sla.mostUrgent')}{agency && ` · ${board.data.byAgency.find((a) => (a.agencyId ?? 'none') === agency)?.agencyName ?? t('fb.operatorQueue')}`}</h2>
                <DataTable caption={t('fb.sla.mostUrgent')} columns={itemColumns} rows={board.data.items} rowKey={(r) => r.id} emptyText={t('fb.sla.empty')}
                  rowClassName={(r) => (r.bucket === 'overdue' ? 'is-overdue' : undefined)} />
              </section>
            </div>
          </>
        )}
      </PageState>
    </section>
  );
}
