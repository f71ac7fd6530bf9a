// The traffic and public-order dashboard: incidents by type, by area and by hour of day over a period (ECharts).
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentCategory, IncidentStats } from '../../../shared/contracts/incidents.js';
import { formatNumber } from '../../app/format.js';
import { useAsOf, useSearchParam, useSelectedUnit, useWallMode } from '../../app/url-state.js';
import { Chart, type ChartOption } from '../../ui/Chart.js';
import { PageState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { incidentStatsQuery } from './incidents.api.js';
import './incidents.css';

const periods = ['1', '7', '30', '90'] as const;
const categories = ['traffic', 'public-order'] as const;
const DAY_MS = 86_400_000;

export function IncidentsDashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const [periodParam, setPeriod] = useSearchParam('days');
  const [categoryParam, setCategory] = useSearchParam('category');
  const [unitId, setUnit] = useSelectedUnit();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const days = periods.includes(periodParam as never) ? Number(periodParam) : 7;
  const category = categories.includes(categoryParam as never) ? categoryParam as IncidentCategory : undefined;
  // The window ends at the next full hour so that the key stays the same for an hour (no refetch loop).
  const to = useMemo(() => new Date(Math.ceil(Date.now() / 3600_000) * 3600_000), []);
  const params = useMemo(() => ({
    from: new Date(to.getTime() - days * DAY_MS).toISOString(), to: to.toISOString(), ...(unitId ? { unitId } : {}), ...(category ? { category } : {}),
  }), [to, days, unitId, category]);
  const stats = useQuery(incidentStatsQuery(params));

  return (
    <section aria-labelledby="page-title" className={wall ? 'dashboard-wall' : undefined}>
      <header className="page-header">
        <h1 id="page-title">{t('inc.dashboard.title')}</h1>
        {!wall && (
          <div className="toolbar">
            <UnitTreePicker label={t('inc.filter.area')} roots={tree.data?.roots ?? []} value={unitId} isLoading={tree.isPending} onChange={setUnit} clearLabel={t('inc.filter.anyArea')} />
            <div className="field">
              <label htmlFor="inc-days">{t('inc.dashboard.period')}</label>
              <select id="inc-days" className="input" value={String(days)} onChange={(e) => setPeriod(e.target.value === '7' ? null : e.target.value)}>
                {periods.map((p) => <option key={p} value={p}>{t('inc.dashboard.lastDays', { n: p })}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="inc-category">{t('inc.dashboard.category')}</label>
              <select id="inc-category" className="input" value={category ?? ''} onChange={(e) => setCategory(e.target.value || null)}>
                <option value="">{t('inc.dashboard.all')}</option>
                {categories.map((c) => <option key={c} value={c}>{t(`inc.category.${c}`)}</option>)}
              </select>
            </div>
          </div>
        )}
      </header>
      <PageState isLoading={stats.isPending} error={stats.error} onRetry={() => void stats.refetch()}>
        {stats.data && <Charts stats={stats.data} lang={lang} />}
      </PageState>
    </section>
  );
}

function Charts({ stats, lang }: { stats: IncidentStats; lang: string }) {
  const { t } = useTranslation();
  const bar = (labels: string[], values: number[], colour: string, horizontal = false): ChartOption => ({
    animation: false, tooltip: { trigger: 'axis' }, grid: { left: horizontal ? 140 : 40, right: 16, top: 16, bottom: 30 },
    [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: labels, axisLabel: { hideOverlap: !horizontal } },
    [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t('inc.dashboard.count'), data: values, itemStyle: { color: colour } }],
  });
  const byType = bar(stats.byType.map((x) => t(`inc.type.${x.type}`)), stats.byType.map((x) => x.count), '#0b5cad');
  const topUnits = stats.byUnit.slice(0, 12).reverse();
  const byUnit = bar(topUnits.map((u) => u.unitName ?? u.unitPath), topUnits.map((u) => u.count), '#7c3aed', true);
  const byHour = bar(stats.byHour.map((_, h) => t('inc.dashboard.hour', { h })), stats.byHour, '#ea580c');
  return (
    <>
      <div className="inc-card">
        <h2>{t('inc.dashboard.total')}</h2>
        <p className="inc-total">{formatNumber(stats.total, lang)}</p>
      </div>
      <div className="inc-chart-grid">
        <div className="inc-card"><h2>{t('inc.dashboard.byType')}</h2><Chart option={byType} ariaLabel={t('inc.dashboard.byTypeAria')} /></div>
        <div className="inc-card"><h2>{t('inc.dashboard.byUnit')}</h2><Chart option={byUnit} ariaLabel={t('inc.dashboard.byUnitAria')} height={Math.max(220, topUnits.length * 26)} /></div>
        <div className="inc-card"><h2>{t('inc.dashboard.byHour')}</h2><Chart option={byHour} ariaLabel={t('inc.dashboard.byHourAria')} /></div>
      </div>
    </>
  );
}
