// Overview: the unit map as of a date, the selected unit's panel and the live event ticker.
import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UnitType } from '../../../shared/contracts/units.js';
import { useAsOf, useSelectedUnit, useWallMode } from '../../app/url-state.js';
import { MapLegend, MapView, type MapFeatureProperties } from '../../ui/MapView.js';
import { ErrorState } from '../../ui/PageState.js';
import { unitBoundariesQuery } from '../units/units.api.js';
import { EventTicker } from './EventTicker.js';
import { MapSettingsDialog, readBasemapUrl } from './MapSettingsDialog.js';
import { buildMapLayers, typeColors } from './map-layers.js';
import { UnitPanel } from './UnitPanel.js';

export function OverviewPage() {
  const { t } = useTranslation();
  const wall = useWallMode();
  const { asOf, defaultAsOf, setAsOf } = useAsOf();
  const [focusId, setFocusId] = useSelectedUnit();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [chosenLevel, setChosenLevel] = useState<number | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [basemapUrl, setBasemapUrl] = useState<string | null>(() => readBasemapUrl());

  const boundaries = useQuery(unitBoundariesQuery(asOf, null));
  const layers = useMemo(() => buildMapLayers(boundaries.data, focusId, chosenLevel), [boundaries.data, focusId, chosenLevel]);
  const colorOf = useCallback((p: MapFeatureProperties) => typeColors[p.type as UnitType] ?? '#cbd5e1', []);
  const shownTypes = useMemo(() => [...new Set(layers.fill.features.map((f) => f.properties.type as UnitType))], [layers.fill]);
  const sortedUnits = useMemo(
    () => [...layers.fill.features].map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [layers.fill],
  );

  const levelLabel = (types: UnitType[]) => types.map((type) => t(`unitType.${type}`)).join(' / ');

  return (
    <div className={`page overview${wall ? ' overview-wall' : ''}`}>
      <header className="page-header">
        <h1>{t('overview.title')}</h1>
        <div className="toolbar">
          <div className="field field-inline">
            <label htmlFor="as-of">{t('overview.asOf')}</label>
            <input id="as-of" type="date" className="input" value={asOf} required
              onChange={(event) => { if (event.target.value) setAsOf(event.target.value === defaultAsOf ? null : event.target.value); }} />
            <button type="button" className="button" onClick={() => setAsOf(null)} disabled={asOf === defaultAsOf}>{t('overview.today')}</button>
          </div>
          {layers.levels.length > 1 && (
            <div className="field field-inline">
              <label htmlFor="map-level">{t('overview.level')}</label>
              <select id="map-level" className="input" value={layers.level ?? ''}
                onChange={(event) => setChosenLevel(Number(event.target.value))}>
                {layers.levels.map((l) => <option key={l.level} value={l.level}>{levelLabel(l.types)} ({l.count})</option>)}
              </select>
            </div>
          )}
          <div className="field field-inline">
            <label htmlFor="map-unit">{t('overview.unitSelect')}</label>
            <select id="map-unit" className="input" value={selectedId ?? ''} onChange={(event) => setSelectedId(event.target.value || null)}>
              <option value="">{t('overview.unitSelectNone')}</option>
              {sortedUnits.map((unit) => <option key={unit.id} value={unit.id}>{unit.name}</option>)}
            </select>
          </div>
          {!wall && <button type="button" className="button" onClick={() => setSettingsOpen(true)}>{t('overview.settings')}</button>}
        </div>
      </header>

      {layers.hasSynthetic && (
        <p className="note note-synthetic" data-testid="synthetic-note">
          <strong>{t('overview.synthetic')}</strong> — {t('overview.syntheticHint')}
        </p>
      )}

      <div className="overview-grid">
        <div className="map-column">
          {boundaries.error ? <ErrorState error={boundaries.error} onRetry={() => void boundaries.refetch()} /> : (
            <div className="map-frame" aria-busy={boundaries.isFetching}>
              <MapView data={layers.fill} contextData={layers.context} ariaLabel={t('overview.mapLabel')}
                selectedId={selectedId} onSelect={setSelectedId} colorOf={colorOf} basemapUrl={basemapUrl}
                failedText={t('overview.mapError')} />
              <div className="map-overlay">
                <p className="map-count" data-testid="feature-count">{t('overview.featureCount', { count: layers.fill.features.length })}</p>
                {shownTypes.length > 0 && (
                  <MapLegend title={t('overview.legend')} entries={shownTypes.map((type) => ({ color: typeColors[type], label: t(`unitType.${type}`) }))} />
                )}
              </div>
              {!boundaries.isPending && layers.fill.features.length === 0 && <p className="map-empty">{t('overview.noBoundaries')}</p>}
            </div>
          )}
        </div>
        <aside className="side-column" aria-label={t('panel.title')}>
          {selectedId && (
            <UnitPanel unitId={selectedId} onClose={() => setSelectedId(null)} onSelect={setSelectedId}
              onFocus={(id) => { setFocusId(id); setChosenLevel(null); setSelectedId(null); }} />
          )}
          <EventTicker limit={wall ? 12 : 30} />
        </aside>
      </div>
      {settingsOpen && <MapSettingsDialog open onClose={() => setSettingsOpen(false)} onSaved={setBasemapUrl} />}
    </div>
  );
}
