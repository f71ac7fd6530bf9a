// Reports on the map: clusters or a heatmap of located reports (anonymised) over the unit boundaries, clustered
// by the server for the viewport the map reports (ReportsMap.tsx).
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatNumber, todayInVietnam } from '../../app/format.js';
import { useSearchParam, useWallMode } from '../../app/url-state.js';
import { ErrorState } from '../../ui/PageState.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitBoundariesQuery } from '../units/units.api.js';
import { categoriesQuery, mapViewQuery } from './feedback.api.js';
import { addDaysIso, categoryName } from './feedback-format.js';
import { useFeedbackUnit } from './feedback-unit.js';
import { ReportsMap, type MapMode, type MapViewport } from './ReportsMap.js';

const periods = ['7', '30', '90', '365'] as const;

export function MapPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const wall = useWallMode();
  const navigate = useNavigate();
  const { roots, tree, asOf, unitId, unitName, setUnit } = useFeedbackUnit();
  const [modeParam, setMode] = useSearchParam('mode');
  const mode: MapMode = modeParam === 'heatmap' ? 'heatmap' : 'clusters';
  const [periodParam, setPeriod] = useSearchParam('days');
  const days = periods.includes(periodParam as never) ? Number(periodParam) : 30;
  const [openParam, setOpen] = useSearchParam('open');
  const [category, setCategory] = useSearchParam('category');
  const today = todayInVietnam();
  const params = useMemo(() => ({
    from: addDaysIso(today, -(days - 1)), to: today, unitId: unitId || undefined,
    open: (openParam === 'false' ? 'false' : openParam === 'all' ? undefined : 'true') as 'true' | 'false' | undefined,
    categoryCode: category ?? undefined,
  }), [today, days, unitId, openParam, category]);
  const [viewport, setViewport] = useState<MapViewport | null>(null);
  // One query per viewport (debounced by the map): the previous answer stays drawn while the next loads, and a
  // request left behind by a newer viewport is aborted (its query loses its observer; the fetch has its signal).
  const points = useQuery({
    ...mapViewQuery({ ...params, bbox: viewport?.bbox ?? '', zoom: viewport?.zoom ?? 0, mode: mode === 'heatmap' ? 'heatmap' : undefined }),
    enabled: !!unitId && viewport !== null,
  });
  const categories = useQuery(categoriesQuery());
  const boundaries = useQuery({ ...unitBoundariesQuery(asOf, unitId || null), enabled: !!unitId });

  return (
    <section aria-labelledby="page-title" className="fb-map-page">
      <header className="page-header">
        <h1 id="page-title">{t('fb.map.title')}{unitName ? ` — ${unitName}` : ''}</h1>
        <div className="segmented" role="group" aria-label={t('fb.map.mode')}>
          <button type="button" aria-pressed={mode === 'clusters'} onClick={() => setMode(null)}>{t('fb.map.clusters')}</button>
          <button type="button" aria-pressed={mode === 'heatmap'} onClick={() => setMode('heatmap')}>{t('fb.map.heatmap')}</button>
        </div>
      </header>
      {!wall && (
        <div className="filters" role="group" aria-label={t('fb.inbox.filters')}>
          <UnitTreePicker label={t('fb.filter.unit')} roots={roots} value={unitId || null} isLoading={tree.isPending} onChange={setUnit} fallbackName={unitName} />
          <div className="field">
            <label htmlFor="map-days">{t('fb.map.period')}</label>
            <select id="map-days" className="input" value={String(days)} onChange={(e) => setPeriod(e.target.value === '30' ? null : e.target.value)}>
              {periods.map((p) => <option key={p} value={p}>{t('fb.map.lastDays', { n: p })}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="map-open">{t('fb.filter.state')}</label>
            <select id="map-open" className="input" value={openParam ?? 'true'} onChange={(e) => setOpen(e.target.value === 'true' ? null : e.target.value)}>
              <option value="true">{t('fb.filter.open')}</option>
              <option value="false">{t('fb.map.closed')}</option>
              <option value="all">{t('fb.filter.all')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="map-category">{t('fb.filter.category')}</label>
            <select id="map-category" className="input" value={category ?? ''} onChange={(e) => setCategory(e.target.value || null)}>
              <option value="">{t('fb.filter.any')}</option>
              {(categories.data ?? []).map((c) => <option key={c.code} value={c.code}>{categoryName(c, lang)}</option>)}
            </select>
          </div>
        </div>
      )}
      {points.error ? <ErrorState error={points.error} onRetry={() => void points.refetch()} /> : (
        <>
          <p className="hint" role="status" data-testid="map-count">
            {points.data ? t('fb.map.viewCount', { n: formatNumber(points.data.total, lang) }) : t('state.loading')}
            {points.data?.truncated && ` ${t('fb.map.truncated')}`} {mode === 'heatmap' ? t('fb.map.heatLegend') : t('fb.map.legend')}
          </p>
          <div className="map-frame fb-map">
            <ReportsMap view={points.data ?? null} boundaries={boundaries.data ?? null} awaitingBoundaries={boundaries.isPending} mode={mode} onViewport={setViewport}
              clusterLabel={(n) => t('fb.map.cluster', { n: formatNumber(n, lang) })}
              ariaLabel={t('fb.map.label', { unit: unitName })} failedText={t('fb.map.failed')} onOpenReport={(id) => void navigate(`/feedback/reports/${id}`)} />
          </div>
        </>
      )}
    </section>
  );
}
