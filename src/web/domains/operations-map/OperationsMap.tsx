// The IOC map with its controls: layer switcher, choropleth indicator and period, time window for history,
// legend. Used by the map page and, without the controls, by a wall screen.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TelemetryLatestEventData } from '../../../shared/contracts/telemetry.js';
import { mapLayerKeys, type MapLayerKey } from '../../../shared/contracts/walls.js';
import { hasPermission, useAuth } from '../../app/auth.js';
import { formatDateTime, formatNumber, todayInVietnam } from '../../app/format.js';
import { useHub } from '../../app/hub-context.js';
import { MapLegend } from '../../ui/MapView.js';
import { mapPointsQuery } from '../feedback/feedback.api.js';
import { addDaysIso } from '../feedback/feedback-format.js';
import { analyticsQuery, indicatorListQuery } from '../indicators/indicators.api.js';
import { NO_DATA, quantileScale } from '../indicators/dashboard-data.js';
import { periodLabel, recentPeriods } from '../indicators/periods.js';
import { buildMapLayers } from '../overview/map-layers.js';
import { unitBoundariesQuery } from '../units/units.api.js';
import type { RoadSegmentStatus } from '../../../shared/contracts/road-status.js';
import {
  deviceStatusColors, IocMap, type LineCollection, roadStatusColors, severityColors, type IocMapData, type MapItemKind, type OpsLayerKey, type PointCollection,
} from './IocMap.js';
import { latestDevicesQuery, mapAlarmsQuery, mapCamerasQuery, mapConfigQuery, mapIncidentsQuery, roadStatusQuery } from './operations-map.api.js';

/** Which permission each layer needs; a layer the viewer may not read is not offered. */
const layerPermission: Record<OpsLayerKey, string> = {
  choropleth: 'indicators:read', devices: 'telemetry:read', roads: 'telemetry:read', alarms: 'alarms:read', incidents: 'incidents:read',
  reports: 'feedback:read', heatmap: 'feedback:read', cameras: 'cameras:read',
};
const DEFAULT_LAYERS: OpsLayerKey[] = ['choropleth', 'roads', 'devices', 'alarms', 'incidents', 'reports', 'cameras'];
/** The switcher's order: the wall screens' layer keys. */
const switchableLayers: OpsLayerKey[] = [...mapLayerKeys];
const roadStatuses = ['free', 'slow', 'congested', 'stopped', 'no-data'] as const;
const ROAD_REFRESH_MS = 10_000;
const windows = [1, 7, 30] as const;
const MAX_DAYS_BACK = 90;

/** Where a click on the map leads. */
export function detailPath(kind: MapItemKind, id: string): string {
  switch (kind) {
    case 'report': return `/feedback/reports/${id}`;
    case 'device': return `/operations/sensors?device=${encodeURIComponent(id)}`;
    case 'alarm': return '/operations/alarms';   // the console opens an alarm in a dialog, not at its own address
    case 'incident': return `/operations/incidents/${id}`;
    case 'camera': return `/operations/cameras/${id}`;
    case 'unit': return `/?unit=${id}`;
    case 'road': return `/operations/sensors?device=${encodeURIComponent(id)}`;
  }
}

function lines(items: RoadSegmentStatus[] | undefined, label: (s: RoadSegmentStatus) => string): LineCollection {
  return {
    type: 'FeatureCollection',
    features: (items ?? []).map((s) => ({ type: 'Feature' as const, geometry: s.geometry, properties: { id: s.deviceId, status: s.status, label: label(s) } })),
  };
}

/** Road status follows the counters' readings: refetch on telemetry events, at most every ten seconds. */
function useRoadRefresh(enabled: boolean, refetch: () => unknown): void {
  const { events } = useHub();
  const seen = useRef(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  useEffect(() => {
    const newest = events.find((e) => e.type === 'telemetry.latest');
    if (!enabled || !newest || newest.seq <= seen.current) return;
    const first = seen.current === 0;
    seen.current = newest.seq;
    if (first || timer.current) return;
    const wait = Math.max(0, last.current + ROAD_REFRESH_MS - Date.now());
    timer.current = setTimeout(() => { timer.current = null; last.current = Date.now(); void refetch(); }, wait);
  }, [events, enabled, refetch]);
}

function points<T>(items: T[] | undefined, at: (item: T) => { id: string; lon: number | null; lat: number | null }, props: (item: T) => Record<string, unknown>): PointCollection {
  const features: PointCollection['features'] = [];
  for (const item of items ?? []) {
    const { id, lon, lat } = at(item);
    if (lon === null || lat === null) continue;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { ...props(item), id } });
  }
  return { type: 'FeatureCollection', features };
}

/** Live values of `telemetry.latest` hub events since the latest-values query was fetched. */
function useLiveValues(enabled: boolean, fetchedAt: number): Record<string, Record<string, number>> {
  const { events } = useHub();
  const [live, setLive] = useState<Record<string, Record<string, number>>>({});
  const seen = useRef(0);
  useEffect(() => { setLive({}); }, [fetchedAt]);
  useEffect(() => {
    if (!enabled) return;
    const fresh = events.filter((e) => e.seq > seen.current && e.type === 'telemetry.latest').sort((a, b) => a.seq - b.seq);
    if (events.length > 0) seen.current = Math.max(seen.current, ...events.map((e) => e.seq));
    if (fresh.length === 0) return;
    setLive((current) => {
      const next = { ...current };
      for (const event of fresh) {
        const data = event.data as unknown as TelemetryLatestEventData;
        for (const [deviceId, values] of Object.entries(data.values ?? {})) next[deviceId] = { ...next[deviceId], ...values };
      }
      return next;
    });
  }, [events, enabled]);
  return live;
}

export function OperationsMap({ wall = false, layers, indicator }: { wall?: boolean; layers?: MapLayerKey[]; indicator?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { session } = useAuth();
  const { events } = useHub();
  const allowed = useCallback((key: OpsLayerKey) => hasPermission(session, layerPermission[key]), [session]);
  // A wall screen's list is exactly what it shows (road status only with 'roads'); no list: every layer allowed.
  const [visible, setVisible] = useState<Set<OpsLayerKey>>(() => new Set((layers ?? DEFAULT_LAYERS).filter(allowed)));
  useEffect(() => { if (layers) setVisible(new Set(layers.filter(allowed))); }, [layers, allowed]);
  const [road, setRoad] = useState<string | null>(null);
  const today = todayInVietnam();
  const periods = useMemo(() => recentPeriods('monthly', today, 15, 25).slice(1), [today]);
  const [period, setPeriod] = useState(periods[0]!);
  const [chosenIndicator, setIndicator] = useState<string | null>(indicator ?? null);
  const [daysBack, setDaysBack] = useState(0);
  const [windowDays, setWindowDays] = useState<(typeof windows)[number]>(7);

  // The history window: [end − window, end), end = now − daysBack days. "Now" shows what is open now.
  const historic = daysBack > 0;
  const span = useMemo(() => {
    const end = new Date(Date.now() - daysBack * 86_400_000);
    end.setMinutes(0, 0, 0);
    const from = new Date(end.getTime() - windowDays * 86_400_000);
    return { from: from.toISOString(), to: end.toISOString() };
  }, [daysBack, windowDays]);
  const reportWindow = { from: addDaysIso(today, -(daysBack + windowDays - 1)), to: addDaysIso(today, -daysBack) };

  const config = useQuery(mapConfigQuery());
  const boundaries = useQuery(unitBoundariesQuery(today, null));
  const unitLayers = useMemo(() => buildMapLayers(boundaries.data, null, null), [boundaries.data]);
  const indicators = useQuery({ ...indicatorListQuery('', ''), enabled: allowed('choropleth') });
  const indicatorCode = chosenIndicator ?? indicators.data?.find((i) => i.code === 'BUDGET_REVENUE_TOTAL')?.code ?? indicators.data?.[0]?.code ?? '';
  const chosen = indicators.data?.find((i) => i.code === indicatorCode);
  const unitIds = useMemo(() => unitLayers.fill.features.map((f) => f.properties.id), [unitLayers.fill]);
  const choropleth = useQuery(analyticsQuery({ indicators: indicatorCode ? [indicatorCode] : [], unitIds, periodType: 'monthly', from: period, to: period, asOf: today },
    visible.has('choropleth') && !!indicatorCode && unitIds.length > 0));
  const wantsReports = visible.has('reports') || visible.has('heatmap');
  const reports = useQuery({ ...mapPointsQuery({ ...reportWindow, open: historic ? undefined : 'true' }), enabled: wantsReports && allowed('reports') });
  const devices = useQuery(latestDevicesQuery(visible.has('devices') && allowed('devices')));
  const alarms = useQuery(mapAlarmsQuery(historic ? span : null, visible.has('alarms') && allowed('alarms')));
  const incidents = useQuery(mapIncidentsQuery(historic ? span : null, visible.has('incidents') && allowed('incidents')));
  const cameras = useQuery(mapCamerasQuery(visible.has('cameras') && allowed('cameras')));
  const live = useLiveValues(visible.has('devices'), devices.dataUpdatedAt);
  const roads = useQuery(roadStatusQuery(visible.has('roads') && allowed('roads') && !historic));
  useRoadRefresh(visible.has('roads') && !historic, roads.refetch);
  const selectedRoad = road ? roads.data?.items.find((s) => s.deviceId === road) ?? null : null;

  // A device going on- or offline changes its colour: refetch the latest values on those events.
  const refetchDevices = devices.refetch;
  const lastStatusSeq = useRef(0);
  useEffect(() => {
    const newest = events.find((e) => e.type === 'device.status');
    if (newest && newest.seq > lastStatusSeq.current) {
      const first = lastStatusSeq.current === 0;
      lastStatusSeq.current = newest.seq;
      if (!first) void refetchDevices();
    }
  }, [events, refetchDevices]);

  const scale = useMemo(() => quantileScale((choropleth.data?.rows ?? []).map((r) => r.value)), [choropleth.data]);
  const data = useMemo<IocMapData>(() => {
    const values = new Map((choropleth.data?.rows ?? []).filter((r) => r.periodId === period).map((r) => [r.unitId, r.value]));
    const num = (v: number) => formatNumber(v, lang, { maximumFractionDigits: 1 });
    const units = {
      type: 'FeatureCollection' as const,
      features: unitLayers.fill.features.map((f) => {
        const value = values.get(f.properties.id);
        const label = typeof value === 'number' ? `${f.properties.name}: ${num(value)} ${chosen?.measureUnit ?? ''}` : f.properties.name;
        return { ...f, properties: { ...f.properties, fill: visible.has('choropleth') ? scale.colorOf(value) : NO_DATA, label } };
      }),
    };
    const since = historic ? Date.parse(span.from) : 0;
    const until = historic ? Date.parse(span.to) : Infinity;
    return {
      units,
      reports: (reports.data as PointCollection | undefined) ?? null,
      devices: points(devices.data?.items, (d) => d, (d) => {
        const values = { ...Object.fromEntries(Object.entries(d.values).map(([m, v]) => [m, v.value])), ...live[d.id] };
        const shown = Object.entries(values).slice(0, 3).map(([m, v]) => `${m} ${num(v)}${d.metricUnits[m] ? ` ${d.metricUnits[m]}` : ''}`).join(' · ');
        return { status: d.status, label: `${d.name}${shown ? ` — ${shown}` : ''}` };
      }),
      alarms: points(alarms.data?.items.filter((a) => !historic || (Date.parse(a.raisedAt) >= since && Date.parse(a.raisedAt) < until)), (a) => a,
        (a) => ({ severity: a.severity, label: `${t(`opsMap.severity.${a.severity}`)}: ${lang.startsWith('en') ? a.message.en : a.message.vi}` })),
      incidents: points(incidents.data?.items, (i) => i, (i) => ({ severity: i.severity, label: `${i.code} · ${i.title}` })),
      cameras: points(cameras.data?.items, (c) => c, (c) => ({ status: c.status, label: c.name })),
      roads: historic ? null : lines(roads.data?.items, (s) => `${s.road}${s.section ? ` ${s.section}` : ''}: ${t(`opsMap.roadStatus.${s.status}`)}${s.speed !== null ? ` · ${num(s.speed)} km/h` : ''}`),
    };
  }, [choropleth.data, period, unitLayers.fill, visible, scale, chosen, reports.data, devices.data, live, alarms.data, incidents.data, cameras.data, roads.data, historic, span, lang, t]);

  const toggle = (key: OpsLayerKey) => setVisible((current) => {
    const next = new Set(current);
    if (next.has(key)) next.delete(key); else next.add(key);
    return next;
  });
  const counts: Partial<Record<OpsLayerKey, number>> = {
    roads: data.roads?.features.length, devices: data.devices?.features.length, alarms: data.alarms?.features.length, incidents: data.incidents?.features.length,
    reports: data.reports?.features.length, cameras: data.cameras?.features.length,
  };
  const failedLayers = ([['roads', roads], ['devices', devices], ['alarms', alarms], ['incidents', incidents], ['cameras', cameras], ['reports', reports], ['choropleth', choropleth]] as const)
    .filter(([key, q]) => visible.has(key) && q.error).map(([key]) => key);
  const num = (v: number) => formatNumber(v, lang, { maximumFractionDigits: Math.abs(v) < 100 ? 2 : 0 });
  const legend = scale.breaks.length >= 2
    ? scale.breaks.slice(0, -1).map((b, i) => ({ color: scale.colorOf(b), label: `${num(b)} – ${num(scale.breaks[i + 1]!)}` }))
      .filter((e, i, all) => all.findIndex((x) => x.color === e.color) === i)
    : [];

  return (
    <div className={`ops-map${wall ? ' ops-map-wall' : ''}`}>
      {!wall && (
        <div className="ops-map-controls">
          <fieldset className="ops-layers">
            <legend>{t('opsMap.layers')}</legend>
            {switchableLayers.filter(allowed).map((key) => (
              <label key={key} className="checkbox">
                <input type="checkbox" checked={visible.has(key)} onChange={() => toggle(key)} data-layer={key} />
                {t(`opsMap.layer.${key}`)}{counts[key] !== undefined && visible.has(key) ? ` (${formatNumber(counts[key], lang)})` : ''}
              </label>
            ))}
          </fieldset>
          {allowed('choropleth') && (
            <div className="ops-choropleth">
              <div className="field">
                <label htmlFor="ops-indicator">{t('opsMap.indicator')}</label>
                <select id="ops-indicator" className="input" value={indicatorCode} onChange={(e) => setIndicator(e.target.value)}>
                  {(indicators.data ?? []).map((i) => <option key={i.code} value={i.code}>{lang.startsWith('en') ? i.nameEn : i.name}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="ops-period">{t('opsMap.period')}</label>
                <select id="ops-period" className="input" value={period} onChange={(e) => setPeriod(e.target.value)}>
                  {periods.map((p) => <option key={p} value={p}>{periodLabel(p, t)}</option>)}
                </select>
              </div>
            </div>
          )}
          <div className="ops-time">
            <div className="field">
              <label htmlFor="ops-days-back">{t('opsMap.timeSlider')}</label>
              <input id="ops-days-back" type="range" min={0} max={MAX_DAYS_BACK} step={1} value={MAX_DAYS_BACK - daysBack}
                aria-valuetext={historic ? t('opsMap.until', { when: formatDateTime(span.to, lang) }) : t('opsMap.now')}
                onChange={(e) => setDaysBack(MAX_DAYS_BACK - Number(e.target.value))} />
              <p className="hint" data-testid="ops-window">
                {historic
                  ? t('opsMap.windowText', { from: formatDateTime(span.from, lang), to: formatDateTime(span.to, lang) })
                  : t('opsMap.nowText', { days: windowDays })}
              </p>
            </div>
            <div className="field">
              <label htmlFor="ops-window">{t('opsMap.window')}</label>
              <select id="ops-window" className="input" value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value) as (typeof windows)[number])}>
                {windows.map((w) => <option key={w} value={w}>{t('opsMap.days', { count: w })}</option>)}
              </select>
            </div>
          </div>
        </div>
      )}
      {failedLayers.length > 0 && !wall && (
        <p className="note" role="status">{t('opsMap.layerFailed', { layers: failedLayers.map((k) => t(`opsMap.layer.${k}`)).join(', ') })}</p>
      )}
      <div className="map-frame ops-map-frame" data-testid="ops-map">
        <IocMap data={data} visible={visible} basemapUrl={config.data?.basemapUrl ?? null} ariaLabel={t('opsMap.label')} failedText={t('opsMap.failed')}
          onOpen={wall ? undefined : (kind, id) => { if (kind === 'road') setRoad(id); else void navigate(detailPath(kind, id)); }} />
        {selectedRoad && !wall && (
          <section className="map-overlay ops-road-details" role="dialog" aria-label={t('opsMap.road.title')} data-testid="road-details">
            <header>
              <strong>{selectedRoad.road}</strong>
              <button type="button" className="btn btn-small" onClick={() => setRoad(null)} aria-label={t('opsMap.road.close')}>×</button>
            </header>
            {selectedRoad.section && <p className="hint">{selectedRoad.section}</p>}
            <p><span className="ops-road-swatch" style={{ background: roadStatusColors[selectedRoad.status] }} /> {t(`opsMap.roadStatus.${selectedRoad.status}`)}</p>
            <dl>
              <dt>{t('opsMap.road.speed')}</dt>
              <dd data-testid="road-speed">{selectedRoad.speed !== null ? `${formatNumber(selectedRoad.speed, lang, { maximumFractionDigits: 1 })} km/h` : '—'}
                {' '}<span className="hint">({t('opsMap.road.freeFlow', { speed: formatNumber(selectedRoad.freeFlowSpeed, lang) })})</span></dd>
              <dt>{t('opsMap.road.intensity')}</dt>
              <dd>{selectedRoad.intensity !== null ? `${formatNumber(selectedRoad.intensity, lang)} ${selectedRoad.intensityUnit ?? ''}` : '—'}</dd>
              {selectedRoad.occupancy !== null && (<><dt>{t('opsMap.road.occupancy')}</dt><dd>{formatNumber(selectedRoad.occupancy, lang, { maximumFractionDigits: 1 })} %</dd></>)}
              <dt>{t('opsMap.road.asOf')}</dt>
              <dd>{selectedRoad.at ? formatDateTime(selectedRoad.at, lang) : t('opsMap.noData')}</dd>
            </dl>
            <button type="button" className="btn btn-small" onClick={() => void navigate(detailPath('road', selectedRoad.deviceId))}>{t('opsMap.road.counter')}</button>
          </section>
        )}
        <div className="map-overlay ops-legend">
          {visible.has('choropleth') && chosen && (
            <MapLegend title={`${lang.startsWith('en') ? chosen.nameEn : chosen.name} · ${periodLabel(period, t)} (${chosen.measureUnit})`}
              entries={legend.length > 0 ? [...legend, { color: NO_DATA, label: t('opsMap.noData') }] : [{ color: NO_DATA, label: t('opsMap.noData') }]} />
          )}
          {visible.has('roads') && !historic && (
            <MapLegend title={t('opsMap.layer.roads')} entries={roadStatuses.map((s) => ({ color: roadStatusColors[s]!, label: t(`opsMap.roadStatus.${s}`) }))} />
          )}
          {(visible.has('devices') || visible.has('alarms')) && (
            <MapLegend title={t('opsMap.symbols')} entries={[
              ...(visible.has('devices') ? (['online', 'offline', 'never-seen'] as const).map((s) => ({ color: deviceStatusColors[s]!, label: t(`opsMap.deviceStatus.${s}`) })) : []),
              ...(visible.has('alarms') || visible.has('incidents') ? (['critical', 'major', 'minor', 'warning'] as const).map((s) => ({ color: severityColors[s]!, label: t(`opsMap.severity.${s}`) })) : []),
            ]} />
          )}
        </div>
      </div>
    </div>
  );
}

export { mapLayerKeys };
