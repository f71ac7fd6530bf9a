// Leaders' dossiers dashboard: KPI tiles for a period and a unit, the monthly trend, a choropleth by subordinate
// unit, and the agency ranking. Every number links to the dossier list behind it (drillDownQuery).
import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  drillDownQuery, type DossierMetricRow, type DossierMetrics, type MetricName,
} from '../../../shared/contracts/dossiers.js';
import type { UnitTreeNode } from '../../../shared/contracts/units.js';
import { useSession } from '../../app/auth.js';
import { formatDate, formatDateTime, todayInVietnam } from '../../app/format.js';
import { useAsOf, useSearchParam, useSelectedUnit, useWallMode } from '../../app/url-state.js';
import { Chart, type ChartOption } from '../../ui/Chart.js';
import { MapLegend, MapView, type MapFeatureCollection, type MapFeatureProperties } from '../../ui/MapView.js';
import { ErrorState, PageState } from '../../ui/PageState.js';
import { findTreeNode, UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitBoundariesQuery, unitTreeQuery } from '../units/units.api.js';
import { periodLabel } from '../indicators/periods.js';
import { dossierMetricsQuery } from './dossiers.api.js';
import { formatCount, formatDays, formatRate, labelOf } from './dossier-format.js';
import { DrillLink } from './drill.js';
import { countScale, NO_DATA, rateScale } from './map-scales.js';
import { isWindowId, twelveMonths, windowChoices, windowDates, windowLabel } from './periods.js';

type MapMetric = 'onTime' | 'overdue';

/** The user's scope unit, or for a country-wide scope the province (Đồng Nai '75', else the first one). */
export function defaultUnit(roots: UnitTreeNode[], scopeUnitId: string): UnitTreeNode | null {
  const scope = findTreeNode(roots, scopeUnitId) ?? roots[0] ?? null;
  if (scope?.type !== 'country') return scope;
  return scope.children.find((c) => c.code === '75') ?? scope.children.find((c) => c.code === '70') ?? scope.children[0] ?? scope;
}

/** The scope unit of a dossiers page: ?unit= or the default above; shared by the dashboard and the index view. */
export function useDossierUnit() {
  const session = useSession();
  const { asOf } = useAsOf();
  const [unitParam, setUnitParam] = useSelectedUnit();
  const tree = useQuery(unitTreeQuery(asOf));
  const roots = useMemo(() => tree.data?.roots ?? [], [tree.data]);
  const fallback = useMemo(() => defaultUnit(roots, session.user.scopeUnitId), [roots, session.user.scopeUnitId]);
  const selected = unitParam ? findTreeNode(roots, unitParam) : fallback;
  return {
    tree, roots, asOf,
    unitId: unitParam ?? fallback?.id ?? '',
    unitName: selected?.name ?? '',
    unitMissing: !!unitParam && !!tree.data && !selected,
    setUnitId: setUnitParam,
  };
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const { tree, roots, asOf, unitId, unitName, unitMissing, setUnitId } = useDossierUnit();
  const today = todayInVietnam();
  const choices = useMemo(() => windowChoices(today), [today]);
  const [periodParam, setPeriodParam] = useSearchParam('period');
  const period = isWindowId(periodParam) ? periodParam : choices[0]!;
  const { from, to } = windowDates(period, today);
  const [mapParam, setMapParam] = useSearchParam('map');
  const mapMetric: MapMetric = mapParam === 'overdue' ? 'overdue' : 'onTime';
  const months = useMemo(() => twelveMonths(to.slice(0, 7)), [to]);
  const ready = !!unitId && !unitMissing;

  const byUnit = useQuery(dossierMetricsQuery({ groupBy: 'unit', from, to, unitId }, ready));
  const byAgency = useQuery(dossierMetricsQuery({ groupBy: 'agency', from, to, unitId, sort: 'onTimeRate' }, ready));
  const byMonth = useQuery(dossierMetricsQuery({ groupBy: 'month', from: `${months[0]}-01`, to, unitId }, ready));
  const boundaries = useQuery({ ...unitBoundariesQuery(asOf, unitId || null), enabled: ready });
  const periodText = windowLabel(period, t);

  return (
    <section className={`dashboard dossiers-dashboard${wall ? ' dashboard-wall' : ''}`} aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('dos.dashboard.title')}{unitName ? ` — ${unitName}` : ''}</h1>
        <div className="toolbar">
          {!wall && (
            <UnitTreePicker label={t('dos.dashboard.unit')} roots={roots} value={unitId || null} isLoading={tree.isPending}
              onChange={(id) => setUnitId(id)} fallbackName={unitName} />
          )}
          <div className="field">
            <label htmlFor="dos-period">{t('dos.dashboard.period')}</label>
            <select id="dos-period" className="input" value={period} onChange={(e) => setPeriodParam(e.target.value === choices[0] ? null : e.target.value)}>
              {choices.map((p, i) => <option key={p} value={p}>{windowLabel(p, t)}{i === 0 ? ` ${t('dos.dashboard.currentYear')}` : ''}</option>)}
            </select>
          </div>
        </div>
      </header>
      <p className="hint">{t('dos.dashboard.windowHint', { from: formatDate(from, lang), to: formatDate(to, lang) })}</p>

      {unitMissing ? <p className="state state-empty" role="alert">{t('dos.dashboard.unitMissing')}</p> : tree.error ? (
        <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />
      ) : (
        <>
          <section className="card" aria-labelledby="kpi-title">
            <h2 id="kpi-title">{t('dos.dashboard.kpiTitle')} · {periodText}</h2>
            <PageState isLoading={!ready || byUnit.isPending} error={byUnit.error} onRetry={() => void byUnit.refetch()}>
              {byUnit.data && <KpiTiles metrics={byUnit.data} unitName={unitName} periodText={periodText} />}
            </PageState>
          </section>

          <div className="dashboard-grid">
            <section className="card" aria-labelledby="trend-title">
              <h2 id="trend-title">{t('dos.dashboard.trendTitle')}</h2>
              <TrendChart query={byMonth} unitName={unitName} ready={ready} />
            </section>
            <section className="card" aria-labelledby="map-title">
              <div className="card-header">
                <h2 id="map-title">{t('dos.dashboard.mapTitle')} · {periodText}</h2>
                <div className="segmented" role="group" aria-label={t('dos.dashboard.mapMetric')}>
                  <button type="button" aria-pressed={mapMetric === 'onTime'} onClick={() => setMapParam(null)}>{t('dos.dashboard.mapOnTime')}</button>
                  <button type="button" aria-pressed={mapMetric === 'overdue'} onClick={() => setMapParam('overdue')}>{t('dos.dashboard.mapOverdue')}</button>
                </div>
              </div>
              <Choropleth metric={mapMetric} boundaries={boundaries} metrics={byUnit.data} metricsPending={!ready || byUnit.isPending}
                metricsError={byUnit.error} unitName={unitName} onSelect={wall ? undefined : (id) => setUnitId(id)} />
              {byUnit.data && !wall && <UnitTable metrics={byUnit.data} periodText={periodText} />}
            </section>
          </div>

          <section className="card" aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t('dos.dashboard.rankingTitle')} · {periodText}</h2>
            <PageState isLoading={!ready || byAgency.isPending} error={byAgency.error} onRetry={() => void byAgency.refetch()}
              isEmpty={(byAgency.data?.rows.length ?? 0) === 0} emptyText={t('dos.dashboard.rankingEmpty')}>
              {byAgency.data && <RankingTable metrics={byAgency.data} periodText={periodText} limit={wall ? 10 : undefined} />}
            </PageState>
          </section>
        </>
      )}
    </section>
  );
}

interface TileDef {
  key: 'received' | 'finished' | 'onTimeRate' | 'onlineRate' | 'onlinePaymentRate' | 'digitisedRate' | 'pendingOverdue' | 'avgDays';
  value: string;
  unit?: string;
  drill: MetricName;
  /** Smaller linked counts under the value. */
  parts: { label: string; value: number; drill: MetricName }[];
  status?: 'green' | 'amber' | 'red' | 'none';
}

function rateStatus(rate: number | null): TileDef['status'] {
  if (rate === null) return 'none';
  return rate >= 0.95 ? 'green' : rate >= 0.8 ? 'amber' : 'red';
}

function KpiTiles({ metrics, unitName, periodText }: { metrics: DossierMetrics; unitName: string; periodText: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const v = metrics.total;
  const n = (x: number) => formatCount(x, lang);
  const tiles: TileDef[] = [
    { key: 'received', value: n(v.received), drill: 'received', parts: [{ label: t('dos.channel.online'), value: v.receivedOnline, drill: 'receivedOnline' }] },
    { key: 'finished', value: n(v.finished), drill: 'finished', parts: [{ label: t('dos.timeliness.late'), value: v.finishedLate, drill: 'finishedLate' }] },
    {
      key: 'onTimeRate', value: formatRate(v.onTimeRate, lang), drill: 'finished', status: rateStatus(v.onTimeRate),
      parts: [
        { label: t('dos.timeliness.early'), value: v.finishedEarly, drill: 'finishedEarly' },
        { label: t('dos.timeliness.on_time'), value: v.finishedOnTime, drill: 'finishedOnTime' },
        { label: t('dos.timeliness.late'), value: v.finishedLate, drill: 'finishedLate' },
      ],
    },
    { key: 'onlineRate', value: formatRate(v.onlineReceiptRate, lang), drill: 'receivedOnline',
      parts: [{ label: t('dos.channel.online'), value: v.receivedOnline, drill: 'receivedOnline' }, { label: t('dos.kpi.received'), value: v.received, drill: 'received' }] },
    // The list cannot filter by payment or digitisation: these drill to the finished dossiers they are a share of.
    { key: 'onlinePaymentRate', value: formatRate(v.onlinePaymentRate, lang), drill: 'finished', parts: [{ label: t('dos.kpi.finished'), value: v.finished, drill: 'finished' }] },
    { key: 'digitisedRate', value: formatRate(v.digitisationRate, lang), drill: 'finished', parts: [{ label: t('dos.kpi.finished'), value: v.finished, drill: 'finished' }] },
    { key: 'pendingOverdue', value: n(v.pendingOverdue), drill: 'pendingOverdue', status: v.pendingOverdue > 0 ? 'red' : 'green',
      parts: [{ label: t('dos.kpi.pendingWithin'), value: v.pendingWithinDeadline, drill: 'pendingWithinDeadline' }] },
    { key: 'avgDays', value: formatDays(v.averageProcessingDays, lang), unit: v.averageProcessingDays === null ? undefined : t('dos.kpi.workingDays'), drill: 'finished',
      parts: [{ label: t('dos.kpi.finished'), value: v.finished, drill: 'finished' }] },
  ];
  const what = (label: string) => `${label} · ${unitName || metrics.unit.name} · ${periodText}`;
  const drill = (metric: MetricName) => drillDownQuery(metrics, metrics.total, metric);
  const isEmpty = v.received === 0 && v.finished === 0 && v.pendingOverdue === 0 && v.pendingWithinDeadline === 0;
  return (
    <>
      {isEmpty && <p className="state state-empty">{t('dos.dashboard.kpiEmpty')}</p>}
      <ul className="kpi-grid dossier-kpis" data-testid="kpi-tiles">
        {tiles.map((tile) => {
          const name = t(`dos.kpi.${tile.key}`);
          return (
            <li key={tile.key} className="kpi-tile" data-status={tile.status ?? 'none'} data-metric={tile.key}>
              <h3 className="kpi-name">{name}</h3>
              <p className="kpi-value">
                <DrillLink query={drill(tile.drill)} what={what(name)} testId={`kpi-${tile.key}`}
                  label={`${t('dos.kpi.drill', { name })}: ${tile.value}${tile.unit ? ` ${tile.unit}` : ''}`}>{tile.value}</DrillLink>
                {tile.unit && <> <small className="muted">{tile.unit}</small></>}
              </p>
              {tile.parts.length > 0 && (
                <dl className="kpi-facts">
                  {tile.parts.map((part) => (
                    <div key={part.label} className="kpi-fact">
                      <dt>{part.label}</dt>
                      <dd><DrillLink query={drill(part.drill)} what={what(`${name} · ${part.label}`)} label={`${name} · ${part.label}: ${n(part.value)}`}>{n(part.value)}</DrillLink></dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          );
        })}
      </ul>
      <p className="hint">{t('dos.kpi.pendingNow', { at: formatDateTime(metrics.asOf, lang) })} {t('dos.kpi.rateHint')}</p>
    </>
  );
}

function TrendChart({ query, unitName, ready }: {
  query: { data?: DossierMetrics | undefined; isPending: boolean; error: unknown; refetch: () => unknown }; unitName: string; ready: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const labels = useMemo(() => rows.map((r) => periodLabel(r.key, t)), [rows, t]);
  const option = useMemo<ChartOption>(() => ({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: wall ? '#e2e8f0' : '#334155' } },
    textStyle: { color: wall ? '#cbd5e1' : '#334155' },
    grid: { left: 48, right: 48, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { formatter: (x: number) => formatCount(x, lang) } },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: (x: number) => `${x}%` } },
    ],
    series: [
      { type: 'bar', name: t('dos.col.received'), data: rows.map((r) => r.received), itemStyle: { color: '#0b5cad' } },
      { type: 'bar', name: t('dos.col.finished'), data: rows.map((r) => r.finished), itemStyle: { color: '#60a5fa' } },
      { type: 'line', name: t('dos.dashboard.trendOnTime'), yAxisIndex: 1, connectNulls: true, itemStyle: { color: '#15803d' },
        data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)) },
    ],
  }), [labels, rows, t, lang, wall]);
  const hasData = rows.some((r) => r.received > 0 || r.finished > 0);
  return (
    <PageState isLoading={!ready || query.isPending} error={query.error} onRetry={() => void query.refetch()}
      isEmpty={!hasData} emptyText={t('dos.dashboard.trendEmpty')}>
      <Chart option={option} height={300} ariaLabel={t('dos.dashboard.trendLabel', { unit: unitName })} />
      {query.data && !wall && (
        <details className="data-details">
          <summary>{t('dos.dashboard.trendTable')}</summary>
          <MetricsTable metrics={query.data} caption={t('dos.dashboard.trendTable')} firstHeader={t('dos.dashboard.month')}
            rowLabel={(r) => periodLabel(r.key, t)} periodText={null} />
        </details>
      )}
    </PageState>
  );
}

function Choropleth({ metric, boundaries, metrics, metricsPending, metricsError, unitName, onSelect }: {
  metric: MapMetric;
  boundaries: { data?: import('../../../shared/contracts/units.js').UnitFeatureCollection | undefined; isPending: boolean; error: unknown; refetch: () => unknown };
  metrics: DossierMetrics | undefined; metricsPending: boolean; metricsError: unknown; unitName: string;
  onSelect?: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const values = useMemo(() => new Map((metrics?.rows ?? []).filter((r) => !r.isSelf)
    .map((r) => [r.key, metric === 'onTime' ? r.onTimeRate : r.pendingOverdue])), [metrics, metric]);
  const scale = useMemo(() => (metric === 'onTime' ? rateScale() : countScale([...values.values()])), [metric, values]);
  const show = useCallback((v: number | null | undefined) => (v === null || v === undefined ? t('dos.dashboard.legendNoData')
    : metric === 'onTime' ? formatRate(v, lang) : formatCount(v, lang)), [metric, lang, t]);
  const data = useMemo<MapFeatureCollection | null>(() => {
    if (!boundaries.data) return null;
    return {
      type: 'FeatureCollection',
      features: boundaries.data.features.map((f) => {
        const value = values.get(f.properties.id) ?? null;
        return { ...f, properties: { ...f.properties, name: `${f.properties.name}: ${show(value)}`, value } };
      }),
    };
  }, [boundaries.data, values, show]);
  const colorOf = useCallback((p: MapFeatureProperties) => scale.colorOf(p.value as number | null), [scale]);
  const metricName = metric === 'onTime' ? t('dos.dashboard.mapOnTime') : t('dos.dashboard.mapOverdue');
  const legend = scale.classes.map((c) => ({
    color: c.color,
    label: metric === 'onTime'
      ? (c.to === null ? `≥ ${formatRate(c.from, lang)}` : `${formatRate(c.from, lang)} – ${formatRate(c.to, lang)}`)
      : (c.to === null || c.to === c.from ? formatCount(c.from, lang) : `${formatCount(c.from, lang)} – ${formatCount(c.to, lang)}`),
  }));
  if (boundaries.error || metricsError) return <ErrorState error={boundaries.error ?? metricsError} onRetry={() => void boundaries.refetch()} />;
  return (
    <div className="map-frame dashboard-map" aria-busy={boundaries.isPending || metricsPending}>
      <MapView data={data} ariaLabel={t('dos.dashboard.mapLabel', { metric: metricName, unit: unitName })} colorOf={colorOf}
        failedText={t('dos.dashboard.mapError')} maxLabels={0} onSelect={onSelect ? (id) => { if (id) onSelect(id); } : undefined} />
      <div className="map-overlay">
        <MapLegend title={metricName} entries={[...legend, { color: NO_DATA, label: t('dos.dashboard.legendNoData') }]} />
      </div>
      {!boundaries.isPending && (data?.features.length ?? 0) === 0 && <p className="map-empty">{t('dos.dashboard.mapEmpty')}</p>}
    </div>
  );
}

/** One row per metrics row with every count linked to its dossiers; used for units, months and agencies. */
function MetricsTable({ metrics, caption, firstHeader, rowLabel, periodText, rank, limit }: {
  metrics: DossierMetrics; caption: string; firstHeader: string; rowLabel: (row: DossierMetricRow) => string;
  periodText: string | null; rank?: boolean; limit?: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Ranking: dossiers with no handling agency recorded are not an agency; they go last, unranked.
  const ordered = rank ? [...metrics.rows.filter((r) => r.key !== 'none'), ...metrics.rows.filter((r) => r.key === 'none')] : metrics.rows;
  const rows = limit ? ordered.slice(0, limit) : ordered;
  const cell = (row: DossierMetricRow, metric: MetricName, label: string) => {
    const value = formatCount(row[metric], lang);
    if (row[metric] === 0) return value;
    const what = [label, rowLabel(row), periodText ?? periodLabel(row.key, t)].join(' · ');
    return <DrillLink query={drillDownQuery(metrics, row, metric)} what={what}>{value}</DrillLink>;
  };
  return (
    <div className="table-wrap">
      <table className="data-table metrics-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {rank && <th scope="col" className="num">{t('dos.dashboard.rank')}</th>}
            <th scope="col">{firstHeader}</th>
            <th scope="col" className="num">{t('dos.col.received')}</th>
            <th scope="col" className="num">{t('dos.col.finished')}</th>
            <th scope="col" className="num">{t('dos.col.onTimeRate')}</th>
            <th scope="col" className="num">{t('dos.col.late')}</th>
            <th scope="col" className="num">{t('dos.col.pendingOverdue')}</th>
            <th scope="col" className="num">{t('dos.col.avgDays')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key} className={row.isSelf || row.key === 'none' ? 'is-self' : undefined}>
              {rank && <td className="num">{row.onTimeRate === null || row.key === 'none' ? '—' : formatCount(i + 1, lang)}</td>}
              <th scope="row">{rowLabel(row)}</th>
              <td className="num">{cell(row, 'received', t('dos.kpi.received'))}</td>
              <td className="num">{cell(row, 'finished', t('dos.kpi.finished'))}</td>
              <td className="num">{formatRate(row.onTimeRate, lang)}</td>
              <td className="num">{cell(row, 'finishedLate', t('dos.timeliness.late'))}</td>
              <td className="num">{cell(row, 'pendingOverdue', t('dos.kpi.pendingOverdue'))}</td>
              <td className="num">{formatDays(row.averageProcessingDays, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UnitTable({ metrics, periodText }: { metrics: DossierMetrics; periodText: string }) {
  const { t, i18n } = useTranslation();
  return (
    <details className="data-details">
      <summary>{t('dos.dashboard.mapTable')}</summary>
      <MetricsTable metrics={metrics} caption={t('dos.dashboard.mapTable')} firstHeader={t('dos.dashboard.area')} periodText={periodText}
        rowLabel={(r) => (r.isSelf ? t('dos.dashboard.selfRow', { name: labelOf(r, i18n.language) }) : labelOf(r, i18n.language))} />
    </details>
  );
}

function RankingTable({ metrics, periodText, limit }: { metrics: DossierMetrics; periodText: string; limit?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <MetricsTable metrics={metrics} caption={t('dos.dashboard.rankingCaption')} firstHeader={t('dos.dashboard.agency')} periodText={periodText} rank limit={limit}
      rowLabel={(r) => (r.key === 'none' ? t('dos.dashboard.noAgency') : labelOf(r, i18n.language))} />
  );
}
