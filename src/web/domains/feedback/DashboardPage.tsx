// The feedback dashboard: reports per day by channel, by category, unit and agency; median working hours to
// acceptance and resolution; on-time rates; satisfaction; top issues; and a live ticker of new reports (hub).
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FeedbackDashboard } from '../../../shared/contracts/feedback-stats.js';
import { reportChannels } from '../../../shared/contracts/feedback.js';
import { formatDate, formatNumber, formatTime, todayInVietnam } from '../../app/format.js';
import { useSearchParam, useWallMode } from '../../app/url-state.js';
import { useHub } from '../../app/hub-context.js';
import { Chart, type ChartOption } from '../../ui/Chart.js';
import { ConnectionBadge } from '../../ui/ConnectionBadge.js';
import { PageState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { dashboardQuery } from './feedback.api.js';
import { addDaysIso, formatShare, workingHoursText } from './feedback-format.js';
import { useFeedbackUnit } from './feedback-unit.js';

const periods = ['7', '30', '90', '365'] as const;
const channelColours: Record<string, string> = { web: '#0b5cad', open311: '#7c3aed', phone: '#f59e0b', email: '#0891b2', zalo: '#2563eb', facebook: '#1e40af' };

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const { roots, tree, unitId, unitName, setUnit } = useFeedbackUnit();
  const [periodParam, setPeriod] = useSearchParam('days');
  const days = periods.includes(periodParam as never) ? Number(periodParam) : 30;
  const today = todayInVietnam();
  const params = useMemo(() => ({ from: addDaysIso(today, -(days - 1)), to: today, unitId: unitId || undefined }), [today, days, unitId]);
  const dashboard = useQuery({ ...dashboardQuery(params), enabled: !!unitId });
  const d = dashboard.data;

  return (
    <section aria-labelledby="page-title" className={`dashboard fb-dashboard${wall ? ' dashboard-wall' : ''}`}>
      <header className="page-header">
        <h1 id="page-title">{t('fb.dashboard.title')}{unitName ? ` — ${unitName}` : ''}</h1>
        <div className="toolbar">
          {!wall && <UnitTreePicker label={t('fb.filter.unit')} roots={roots} value={unitId || null} isLoading={tree.isPending} onChange={setUnit} fallbackName={unitName} />}
          <div className="field">
            <label htmlFor="fb-days">{t('fb.map.period')}</label>
            <select id="fb-days" className="input" value={String(days)} onChange={(e) => setPeriod(e.target.value === '30' ? null : e.target.value)}>
              {periods.map((p) => <option key={p} value={p}>{t('fb.map.lastDays', { n: p })}</option>)}
            </select>
          </div>
        </div>
      </header>
      {d && <p className="hint">{t('fb.dashboard.window', { from: formatDate(d.from, lang), to: formatDate(d.to, lang) })}</p>}
      <div className="fb-dashboard-layout">
        <div className="fb-dashboard-main">
          <PageState isLoading={!unitId || dashboard.isPending} error={dashboard.error} onRetry={() => void dashboard.refetch()}>
            {d && <Figures d={d} />}
          </PageState>
        </div>
        <LiveTicker />
      </div>
    </section>
  );
}

function Figures({ d }: { d: FeedbackDashboard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (x: number) => formatNumber(x, lang);
  const tiles: { key: 'received' | 'open' | 'overdueOpen' | 'medianAccept' | 'medianResolve' | 'acceptOnTime' | 'resolveOnTime' | 'satisfaction'; value: string; status?: string }[] = [
    { key: 'received', value: n(d.totals.received) },
    { key: 'open', value: n(d.totals.open) },
    { key: 'overdueOpen', value: n(d.totals.overdueOpen), status: d.totals.overdueOpen > 0 ? 'red' : 'green' },
    { key: 'medianAccept', value: workingHoursText(d.totals.medianAcceptHours, t, lang) },
    { key: 'medianResolve', value: workingHoursText(d.totals.medianResolveHours, t, lang) },
    { key: 'acceptOnTime', value: formatShare(d.totals.acceptOnTimeRate, lang) },
    { key: 'resolveOnTime', value: formatShare(d.totals.resolveOnTimeRate, lang) },
    { key: 'satisfaction', value: d.satisfaction?.average != null ? `${formatNumber(d.satisfaction.average, lang, { maximumFractionDigits: 2 })} / 5` : '—' },
  ];
  const perDay = useMemo<ChartOption>(() => ({
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: d.byDay.map((x) => formatDate(x.date, lang).slice(0, 5)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: reportChannels.map((c) => ({ type: 'bar', stack: 'all', name: t(`fb.channel.${c}`), itemStyle: { color: channelColours[c] }, data: d.byDay.map((x) => x.byChannel[c]) })),
  }), [d, lang, t]);
  const bars = (rows: { name: string; count: number }[], colour: string): ChartOption => {
    const top = rows.slice(0, 12).reverse();
    return {
      animation: false, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 30, top: 8, bottom: 20, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map((r) => (r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name)) },
      series: [{ type: 'bar', data: top.map((r) => r.count), itemStyle: { color: colour }, label: { show: true, position: 'right' } }],
    };
  };
  const satisfaction: ChartOption | null = d.satisfaction && d.satisfaction.ratings > 0 ? {
    animation: false, tooltip: { trigger: 'axis' }, grid: { left: 40, right: 16, top: 16, bottom: 30 },
    xAxis: { type: 'category', data: d.satisfaction.distribution.map((x) => `${x.rating}★`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: d.satisfaction.distribution.map((x) => x.count), itemStyle: { color: '#15803d' } }],
  } : null;

  return (
    <>
      <ul className="kpi-grid fb-kpis" data-testid="fb-kpis">
        {tiles.map((tile) => (
          <li key={tile.key} className="kpi-tile" data-status={tile.status ?? 'none'}>
            <h2 className="kpi-name">{t(`fb.kpi.${tile.key}`)}</h2>
            <p className="kpi-value">{tile.value}</p>
          </li>
        ))}
      </ul>
      <p className="hint">{t('fb.dashboard.kpiHint')}</p>
      <section className="card" aria-labelledby="per-day-title">
        <h2 id="per-day-title">{t('fb.dashboard.perDay')}</h2>
        <PageState isLoading={false} isEmpty={d.totals.received === 0} emptyText={t('fb.dashboard.empty')}>
          <Chart option={perDay} height={280} ariaLabel={t('fb.dashboard.perDay')} />
        </PageState>
      </section>
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="by-category-title">
          <h2 id="by-category-title">{t('fb.dashboard.byCategory')}</h2>
          <PageState isLoading={false} isEmpty={d.byCategory.length === 0} emptyText={t('fb.dashboard.empty')}>
            <Chart option={bars(d.byCategory, '#0b5cad')} height={300} ariaLabel={t('fb.dashboard.byCategory')} />
          </PageState>
        </section>
        <section className="card" aria-labelledby="by-unit-title">
          <h2 id="by-unit-title">{t('fb.dashboard.byUnit')}</h2>
          <PageState isLoading={false} isEmpty={d.byUnit.length === 0} emptyText={t('fb.dashboard.empty')}>
            <Chart option={bars(d.byUnit, '#0891b2')} height={300} ariaLabel={t('fb.dashboard.byUnit')} />
          </PageState>
        </section>
      </div>
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="top-title">
          <h2 id="top-title">{t('fb.dashboard.topIssues')}</h2>
          <ol className="fb-top-issues">
            {d.topIssues.map((x) => (
              <li key={`${x.categoryCode}-${x.unitId ?? ''}`}>
                <strong>{x.categoryName}</strong> · {x.unitName ?? '—'} <span className="muted">— {t('fb.dashboard.issueCounts', { n: n(x.count), open: n(x.open) })}</span>
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="satisfaction-title">
          <h2 id="satisfaction-title">{t('fb.dashboard.satisfaction')}</h2>
          {satisfaction ? <Chart option={satisfaction} height={200} ariaLabel={t('fb.dashboard.satisfaction')} />
            : <p className="state state-empty">{d.satisfaction ? t('fb.dashboard.noRatings') : t('fb.dashboard.ratingsPending')}</p>}
        </section>
      </div>
      <section className="card" aria-labelledby="by-agency-title">
        <h2 id="by-agency-title">{t('fb.dashboard.byAgency')}</h2>
        <div className="table-wrap">
          <table className="data-table">
            <thead><tr><th scope="col">{t('fb.col.agency')}</th><th scope="col" className="num">{t('fb.dashboard.count')}</th><th scope="col" className="num">{t('fb.sla.open')}</th><th scope="col" className="num">{t('fb.kpi.resolveOnTime')}</th></tr></thead>
            <tbody>
              {d.byAgency.slice(0, 15).map((a) => (
                <tr key={a.key}><th scope="row">{a.key === 'none' ? t('fb.operatorQueue') : a.name}</th><td className="num">{n(a.count)}</td><td className="num">{n(a.open)}</td><td className="num">{formatShare(a.resolveOnTimeRate, lang)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

/** New reports as the hub announces them (topic feedback, report.created), newest first. */
function LiveTicker() {
  const { t, i18n } = useTranslation();
  const hub = useHub();
  const items = hub.events.filter((e) => e.topic === 'feedback' && e.type === 'report.created').slice(0, 12);
  return (
    <aside className="card fb-ticker" aria-labelledby="ticker-title">
      <div className="card-header">
        <h2 id="ticker-title">{t('fb.ticker.title')}</h2>
        <ConnectionBadge state={hub.state} />
      </div>
      {items.length === 0 && <p className="hint">{t('fb.ticker.empty')}</p>}
      {/* The live region exists before the first item, so screen readers announce arrivals. */}
      <ul className="fb-ticker-list" aria-live="polite" data-testid="fb-ticker">
          {items.map((e) => {
            const channel = typeof e.data.channel === 'string' ? e.data.channel : null;
            return (
              <li key={e.seq}>
                <span className="muted">{formatTime(e.at, i18n.language)}</span>{' '}
                <Link to={`/feedback/reports/${e.data.ids[0] ?? ''}`}>{t('fb.ticker.item')}</Link>
                {channel && <span className="muted"> · {t(`fb.channel.${channel}`, { defaultValue: channel })}</span>}
              </li>
            );
          })}
      </ul>
    </aside>
  );
}
