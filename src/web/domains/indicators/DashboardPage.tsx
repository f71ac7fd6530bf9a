// Leaders' dashboard: KPI tiles against targets with sparklines, a chart of one indicator, a choropleth of
// it by subordinate unit, and a pivot table with CSV export; all rolled up into the unit tree as of a date.
import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../shared/contracts/indicators.js';
import type { UnitTreeNode } from '../../../shared/contracts/units.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatNumber, todayInVietnam } from '../../app/format.js';
import { useAsOf, useSearchParam, useSelectedUnit, useWallMode } from '../../app/url-state.js';
import { Chart, type ChartOption } from '../../ui/Chart.js';
import { MapLegend, MapView, type MapFeatureCollection, type MapFeatureProperties } from '../../ui/MapView.js';
import { Dialog } from '../../ui/Dialog.js';
import { ErrorState, FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitBoundariesQuery, unitTreeQuery } from '../units/units.api.js';
import { analyticsCsvUrl, analyticsQuery, progressQuery, useSetTarget, type AnalyticsParams } from './indicators.api.js';
import { buildPivot, downloadText, NO_DATA, pivotCsv, quantileScale, seriesOf } from './dashboard-data.js';
import { SyntheticNote } from './IndicatorsSection.js';
import { periodLabel, recentPeriods, shiftPeriod } from './periods.js';

type ProgressItem = Progress[number];

function findNode(roots: UnitTreeNode[], id: string): UnitTreeNode | null {
  for (const node of roots) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return null;
}

/** The user's scope unit, or for a country-wide scope the province (Đồng Nai '75', else the first one). */
function defaultUnit(roots: UnitTreeNode[], scopeUnitId: string): UnitTreeNode | null {
  const scope = findNode(roots, scopeUnitId) ?? roots[0] ?? null;
  if (scope?.type !== 'country') return scope;
  return scope.children.find((c) => c.code === '75') ?? scope.children.find((c) => c.code === '70') ?? scope.children[0] ?? scope;
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const wall = useWallMode();
  const { asOf, defaultAsOf, setAsOf } = useAsOf();
  const [unitParam, setUnitParam] = useSelectedUnit();
  const today = todayInVietnam();
  // The monthly socio-economic report closes on the 15th: from then on the month is complete.
  const periods = useMemo(() => recentPeriods('monthly', today, 15, 25).slice(1), [today]);
  const [periodParam, setPeriodParam] = useSearchParam('period');
  const period = periodParam && /^\d{4}-\d{2}$/.test(periodParam) ? periodParam : periods[0]!;
  const [chosenParam, setChosen] = useSearchParam('indicator');
  const [range, setRange] = useState<'12m' | '5y'>('12m');

  const tree = useQuery(unitTreeQuery(asOf));
  const fallback = useMemo(() => defaultUnit(tree.data?.roots ?? [], session.user.scopeUnitId), [tree.data, session.user.scopeUnitId]);
  const selectedNode = unitParam ? findNode(tree.data?.roots ?? [], unitParam) : fallback;
  const unitId = unitParam ?? fallback?.id ?? '';
  const unitName = selectedNode?.name ?? '';

  const progress = useQuery(progressQuery(unitId, period));
  const tiles = useMemo(() => progress.data ?? [], [progress.data]);
  const codes = useMemo(() => tiles.map((p) => p.indicatorCode), [tiles]);
  const names = useMemo(() => new Map(tiles.map((p) => [p.indicatorCode, lang.startsWith('en') ? p.nameEn : p.name])), [tiles, lang]);
  const chosen = chosenParam && codes.includes(chosenParam) ? chosenParam : codes.find((c) => tiles.find((p) => p.indicatorCode === c)?.value !== null) ?? codes[0] ?? '';
  const chosenItem = tiles.find((p) => p.indicatorCode === chosen);

  const from12 = shiftPeriod('monthly', period, -11);
  const trendParams: AnalyticsParams = { indicators: codes, unitIds: unitId ? [unitId] : [], periodType: 'monthly', from: from12, to: period, asOf };
  const trend = useQuery(analyticsQuery(trendParams, !!selectedNode));
  const year = Number(period.slice(0, 4));
  const yearlyParams: AnalyticsParams = { indicators: chosen ? [chosen] : [], unitIds: unitId ? [unitId] : [], periodType: 'yearly', from: String(year - 4), to: String(year), asOf };
  const yearly = useQuery(analyticsQuery(yearlyParams, range === '5y' && !!selectedNode));

  const [pivotCodes, setPivotCodes] = useState<string[] | null>(null);
  const shownPivotCodes = (pivotCodes ?? (chosen ? [chosen] : [])).filter((c) => codes.includes(c));
  const childCodes = useMemo(() => [...new Set([chosen, ...shownPivotCodes].filter(Boolean))].sort(), [chosen, shownPivotCodes]);
  const childParams: AnalyticsParams = { indicators: childCodes, childrenOf: unitId || undefined, periodType: 'monthly', from: from12, to: period, asOf };
  const children = useQuery(analyticsQuery(childParams, !!selectedNode));
  const boundaries = useQuery({ ...unitBoundariesQuery(asOf, unitId || null), enabled: !!selectedNode });

  const unitMissing = !!unitParam && !!tree.data && !selectedNode;

  return (
    <section className={`dashboard${wall ? ' dashboard-wall' : ''}`} aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('ind.title')}{unitName ? ` — ${unitName}` : ''}</h1>
        <div className="toolbar">
          {!wall && (
            <UnitTreePicker label={t('ind.dashboard.unit')} roots={tree.data?.roots ?? []} value={unitId || null} isLoading={tree.isPending}
              onChange={(id) => setUnitParam(id)} fallbackName={unitName} />
          )}
          <div className="field">
            <label htmlFor="dash-period">{t('ind.period.label')}</label>
            <select id="dash-period" className="input" value={period} onChange={(e) => setPeriodParam(e.target.value === periods[0] ? null : e.target.value)}>
              {periods.map((p, i) => <option key={p} value={p}>{periodLabel(p, t)}{i === 0 ? ` ${t('ind.period.lastComplete')}` : ''}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dash-as-of">{t('ind.dashboard.asOf')}</label>
            <input id="dash-as-of" type="date" className="input" value={asOf} required aria-describedby="as-of-hint"
              onChange={(e) => { if (e.target.value) setAsOf(e.target.value === defaultAsOf ? null : e.target.value); }} />
          </div>
        </div>
      </header>
      <p id="as-of-hint" className="hint">{t('ind.dashboard.asOfHint')}</p>
      <SyntheticNote />

      {unitMissing ? <p className="state state-empty" role="alert">{t('ind.dashboard.unitMissing')}</p> : (
        <>
          <section className="card" aria-labelledby="kpi-title">
            <h2 id="kpi-title">{t('ind.dashboard.kpiTitle')} · {periodLabel(period, t)}</h2>
            <PageState isLoading={progress.isPending || tree.isPending} error={progress.error} onRetry={() => void progress.refetch()}
              isEmpty={tiles.length === 0} emptyText={t('ind.dashboard.kpiEmpty')}>
              <ul className="kpi-grid" data-testid="kpi-tiles">
                {tiles.map((item) => (
                  <KpiTile key={item.indicatorCode} item={item} name={names.get(item.indicatorCode) ?? item.indicatorCode}
                    series={seriesOf(trend.data, item.indicatorCode, unitId)} periods={trend.data?.periods ?? []}
                    selected={item.indicatorCode === chosen} onChoose={() => setChosen(item.indicatorCode)}
                    unitId={unitId} canSetTarget={!wall && hasPermission(session, 'targets:write')} />
                ))}
              </ul>
            </PageState>
          </section>

          {tiles.length > 0 && (
            <div className="dashboard-grid">
              <section className="card" aria-labelledby="chart-title">
                <div className="card-header">
                  <h2 id="chart-title">{t('ind.dashboard.chartTitle')}</h2>
                  <div className="toolbar">
                    <label className="visually-hidden" htmlFor="chart-indicator">{t('ind.dashboard.indicator')}</label>
                    <select id="chart-indicator" className="input chart-select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                      {tiles.map((p) => <option key={p.indicatorCode} value={p.indicatorCode}>{names.get(p.indicatorCode)}</option>)}
                    </select>
                    <div className="segmented" role="group" aria-label={t('ind.dashboard.range')}>
                      <button type="button" aria-pressed={range === '12m'} onClick={() => setRange('12m')}>{t('ind.dashboard.range12')}</button>
                      <button type="button" aria-pressed={range === '5y'} onClick={() => setRange('5y')}>{t('ind.dashboard.range5y')}</button>
                    </div>
                  </div>
                </div>
                <IndicatorChart query={range === '12m' ? trend : yearly} code={chosen} unitId={unitId} name={names.get(chosen) ?? chosen}
                  unitName={unitName} measureUnit={chosenItem?.measureUnit ?? ''} bar={range === '5y'} />
              </section>
              <section className="card" aria-labelledby="map-title">
                <h2 id="map-title">{t('ind.dashboard.mapTitle')} · {names.get(chosen)} · {periodLabel(period, t)}</h2>
                <Choropleth boundaries={boundaries} childData={children.data} childrenError={children.error} code={chosen} period={period}
                  name={names.get(chosen) ?? chosen} measureUnit={chosenItem?.measureUnit ?? ''} />
              </section>
            </div>
          )}

          {tiles.length > 0 && !wall && (
            <PivotSection codes={codes} names={names} chosen={shownPivotCodes} onChange={setPivotCodes}
              trend={trend} childQuery={children} unitId={unitId} unitName={unitName} childParams={childParams} />
          )}
        </>
      )}
    </section>
  );
}

const statusIcon: Record<ProgressItem['status'], string> = { green: '●', amber: '▲', red: '■', none: '○' };

function KpiTile({ item, name, series, periods, selected, onChoose, unitId, canSetTarget }: {
  item: ProgressItem; name: string; series: (number | null)[]; periods: string[]; selected: boolean; onChoose: () => void;
  unitId: string; canSetTarget: boolean;
}) {
  const [targetOpen, setTargetOpen] = useState(false);
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const num = (v: number | null) => (v === null ? '—' : formatNumber(v, lang, { maximumFractionDigits: Math.abs(v) < 100 ? 2 : 1 }));
  const option = useMemo<ChartOption>(() => ({
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', show: false, data: periods },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: series, showSymbol: false, connectNulls: true, lineStyle: { width: 2, color: '#0b5cad' }, areaStyle: { color: 'rgba(11,92,173,.12)' } }],
  }), [series, periods]);
  const hasSeries = series.some((v) => v !== null);
  return (
    <li className={`kpi-tile${selected ? ' is-selected' : ''}`} data-status={item.status}>
      <h3 className="kpi-name">{name}</h3>
      <p className="kpi-value"><span>{num(item.value)}</span> <small className="muted">{item.measureUnit}</small></p>
      <p className={`status-badge status-${item.status}`}>
        <span aria-hidden="true">{statusIcon[item.status]}</span> {t(`ind.status.${item.status}`)}
        {item.progressPct !== null && <> · {t('ind.dashboard.progress', { pct: formatNumber(item.progressPct / 100, lang, { style: 'percent', maximumFractionDigits: 1 }) })}</>}
      </p>
      <dl className="kpi-facts">
        <dt>{t('ind.dashboard.ytd')}</dt><dd>{num(item.yearToDate)}</dd>
        <dt>{t('ind.dashboard.target')}</dt><dd>{num(item.targetToDate)}</dd>
        <dt>{t('ind.dashboard.lastYear')}</dt><dd>{num(item.sameTimeLastYear)}</dd>
      </dl>
      {hasSeries && <Chart option={option} height={44} className="sparkline" ariaLabel={t('ind.dashboard.trendLabel', { name })} />}
      <div className="kpi-actions">
        <button type="button" className="link-button kpi-choose" aria-pressed={selected} onClick={onChoose}>{t('ind.dashboard.choose')}</button>
        {canSetTarget && unitId && (
          <button type="button" className="link-button kpi-target" aria-label={t('ind.target.setFor', { name })}
            onClick={() => setTargetOpen(true)}>{t('ind.target.set')}</button>
        )}
      </div>
      {targetOpen && <TargetDialog item={item} name={name} unitId={unitId} onClose={() => setTargetOpen(false)} />}
    </li>
  );
}

function TargetDialog({ item, name, unitId, onClose }: { item: ProgressItem; name: string; unitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const setTarget = useSetTarget();
  const [annual, setAnnual] = useState(item.annualTarget === null ? '' : String(item.annualTarget));
  const [year, setYear] = useState(String(Number(item.periodId.slice(0, 4)) || new Date().getFullYear()));
  const [touched, setTouched] = useState(false);
  const annualValue = Number(annual.replace(/\s/g, '').replace(',', '.'));
  const yearValue = Number(year);
  const annualBad = annual.trim() === '' || !Number.isFinite(annualValue);
  const yearBad = !Number.isInteger(yearValue) || yearValue < 2000 || yearValue > 2100;

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (annualBad || yearBad) return;
    setTarget.mutate({ indicatorCode: item.indicatorCode, unitId, year: yearValue, annual: annualValue }, {
      onSuccess: () => { toast.show(t('ind.target.saved')); onClose(); },
    });
  }

  return (
    <Dialog open title={t('ind.target.title', { name })} onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="target-annual">{t('ind.target.annual', { unit: item.measureUnit })}</label>
          <input id="target-annual" className="input" inputMode="decimal" value={annual} onChange={(e) => setAnnual(e.target.value)}
            aria-invalid={touched && annualBad ? true : undefined} aria-describedby={touched && annualBad ? 'target-annual-error' : undefined} />
          {touched && annualBad && <p id="target-annual-error" className="form-error">{t('ind.target.invalid')}</p>}
        </div>
        <div className="field">
          <label htmlFor="target-year">{t('ind.target.year')}</label>
          <input id="target-year" className="input" type="number" min={2000} max={2100} step={1} value={year} onChange={(e) => setYear(e.target.value)}
            aria-invalid={touched && yearBad ? true : undefined} aria-describedby={touched && yearBad ? 'target-year-error' : undefined} />
          {touched && yearBad && <p id="target-year-error" className="form-error">{t('ind.target.invalid')}</p>}
        </div>
        <FormError error={setTarget.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={setTarget.isPending}>{t('ind.target.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function IndicatorChart({ query, code, unitId, name, unitName, measureUnit, bar }: {
  query: { data?: import('../../../shared/contracts/indicators.js').AnalyticsResult | undefined; isPending: boolean; error: unknown; refetch: () => unknown };
  code: string; unitId: string; name: string; unitName: string; measureUnit: string; bar: boolean;
}) {
  const { t, i18n } = useTranslation();
  const series = useMemo(() => seriesOf(query.data, code, unitId), [query.data, code, unitId]);
  const labels = useMemo(() => (query.data?.periods ?? []).map((p) => periodLabel(p, t)), [query.data, t]);
  const option = useMemo<ChartOption>(() => ({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatNumber(v, i18n.language)} ${measureUnit}` : '—') },
    grid: { left: 64, right: 16, top: 24, bottom: 40 },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: measureUnit, scale: !bar, axisLabel: { formatter: (v: number) => formatNumber(v, i18n.language, Math.abs(v) >= 10_000 ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 }) } },
    series: [{ type: bar ? 'bar' : 'line', name, data: series, connectNulls: true, itemStyle: { color: '#0b5cad' }, symbolSize: 6 }],
  }), [labels, series, bar, name, measureUnit, i18n.language]);
  return (
    <PageState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}
      isEmpty={!series.some((v) => v !== null)} emptyText={t('ind.dashboard.chartEmpty')}>
      <Chart option={option} height={300} ariaLabel={t('ind.dashboard.chartLabel', { name, unit: unitName })} />
    </PageState>
  );
}

function Choropleth({ boundaries, childData, childrenError, code, period, name, measureUnit }: {
  boundaries: { data?: import('../../../shared/contracts/units.js').UnitFeatureCollection | undefined; isPending: boolean; error: unknown; refetch: () => unknown };
  childData: import('../../../shared/contracts/indicators.js').AnalyticsResult | undefined; childrenError: unknown;
  code: string; period: string; name: string; measureUnit: string;
}) {
  const { t, i18n } = useTranslation();
  const values = useMemo(() => new Map((childData?.rows ?? []).filter((r) => r.indicatorCode === code && r.periodId === period).map((r) => [r.unitId, r.value])), [childData, code, period]);
  const scale = useMemo(() => quantileScale([...values.values()]), [values]);
  const data = useMemo<MapFeatureCollection | null>(() => {
    if (!boundaries.data) return null;
    return {
      type: 'FeatureCollection',
      features: boundaries.data.features.map((f) => {
        const value = values.get(f.properties.id) ?? null;
        const shown = value === null ? t('ind.dashboard.legendNoData') : `${formatNumber(value, i18n.language)} ${measureUnit}`;
        return { ...f, properties: { ...f.properties, name: `${f.properties.name}: ${shown}`, value } };
      }),
    };
  }, [boundaries.data, values, t, i18n.language, measureUnit]);
  const colorOf = useCallback((p: MapFeatureProperties) => scale.colorOf(p.value as number | null), [scale]);
  const fmt = (v: number) => formatNumber(v, i18n.language, { maximumFractionDigits: 1, notation: Math.abs(v) >= 100_000 ? 'compact' : 'standard' });
  const legend = scale.breaks.length > 2
    ? scale.breaks.slice(0, -1).map((b, i) => ({ color: scale.colorOf(b), label: `${fmt(b)} – ${fmt(scale.breaks[i + 1]!)}` }))
      .filter((e, i, all) => all.findIndex((x) => x.color === e.color) === i)
    : scale.breaks.length === 2 ? [{ color: scale.colorOf(scale.breaks[0]!), label: fmt(scale.breaks[0]!) }] : [];
  if (boundaries.error || childrenError) return <ErrorState error={boundaries.error ?? childrenError} onRetry={() => void boundaries.refetch()} />;
  return (
    <div className="map-frame dashboard-map" aria-busy={boundaries.isPending}>
      <MapView data={data} ariaLabel={t('ind.dashboard.mapLabel', { name, period: periodLabel(period, t) })} colorOf={colorOf}
        failedText={t('ind.dashboard.mapError')} maxLabels={0} />
      <div className="map-overlay">
        <MapLegend title={`${name} (${measureUnit})`} entries={[...legend, { color: NO_DATA, label: t('ind.dashboard.legendNoData') }]} />
      </div>
      {!boundaries.isPending && (data?.features.length ?? 0) === 0 && <p className="map-empty">{t('ind.dashboard.mapEmpty')}</p>}
    </div>
  );
}

function PivotSection({ codes, names, chosen, onChange, trend, childQuery, unitId, unitName, childParams }: {
  codes: string[]; names: Map<string, string>; chosen: string[]; onChange: (codes: string[]) => void;
  trend: { data?: import('../../../shared/contracts/indicators.js').AnalyticsResult | undefined };
  childQuery: { data?: import('../../../shared/contracts/indicators.js').AnalyticsResult | undefined; isPending: boolean; error: unknown; refetch: () => unknown };
  unitId: string; unitName: string; childParams: AnalyticsParams;
}) {
  const { t, i18n } = useTranslation();
  const periods = trend.data?.periods ?? [];
  const rows = useMemo(() => buildPivot(chosen, names, periods, { result: trend.data, unitId, unitName: t('ind.dashboard.totalRow', { unit: unitName }) }, childQuery.data),
    [chosen, names, periods, trend.data, unitId, unitName, childQuery.data, t]);
  const fmt = (v: number | null) => (v === null ? '—' : formatNumber(v, i18n.language, { maximumFractionDigits: 2 }));
  function exportCsv() {
    const csv = pivotCsv(rows, periods, { indicatorCode: t('ind.catalog.code'), indicator: t('ind.dashboard.indicator'), unit: t('ind.dashboard.unit') });
    downloadText(csv, `ioc-chi-tieu-${periods[periods.length - 1] ?? 'data'}.csv`);
  }
  return (
    <section className="card" aria-labelledby="pivot-title">
      <div className="card-header">
        <h2 id="pivot-title">{t('ind.dashboard.pivotTitle')}</h2>
        <div className="toolbar">
          <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>{t('ind.dashboard.exportCsv')}</button>
          {chosen.length > 0 && <a className="button" href={analyticsCsvUrl({ ...childParams, indicators: chosen })} download>{t('ind.dashboard.exportServerCsv')}</a>}
        </div>
      </div>
      <fieldset className="fieldset pivot-picker">
        <legend>{t('ind.dashboard.pivotIndicators')}</legend>
        {codes.map((code) => (
          <label key={code} className="choice">
            <input type="checkbox" checked={chosen.includes(code)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))} />
            {names.get(code)}
          </label>
        ))}
      </fieldset>
      <PageState isLoading={childQuery.isPending && chosen.length > 0} error={childQuery.error} onRetry={() => void childQuery.refetch()}
        isEmpty={chosen.length === 0} emptyText={t('ind.dashboard.pivotEmpty')}>
        <div className="table-wrap pivot-wrap">
          <table className="data-table pivot-table">
            <caption className="visually-hidden">{t('ind.dashboard.pivotCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ind.dashboard.rowHeader')}</th>
                {periods.map((p) => <th key={p} scope="col" className="num">{periodLabel(p, t)}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.isTotal ? 'pivot-total' : undefined}>
                  <th scope="row">{row.isTotal ? <><span className="pivot-indicator">{row.indicatorName}</span> {row.unitName}</> : row.unitName}</th>
                  {row.values.map((v, i) => <td key={periods[i]} className="num">{fmt(v)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </PageState>
    </section>
  );
}

