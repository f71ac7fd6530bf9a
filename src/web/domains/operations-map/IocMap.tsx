// The one IOC map: unit boundaries (choropleth), citizen reports (clusters or heatmap), sensors coloured by
// status with live values, active alarms, incidents and cameras, over a plain background or the province's
// raster basemap. Vector GeoJSON served by IOC itself: no internet, no glyph server (counts and labels are
// HTML markers), no sprite (every symbol is a circle with its own colours).
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { boundsOfFeatures, useBasemap } from '../../ui/map-layers.js';
import './operations-map.css';
import type { MapLayerKey } from '../../../shared/contracts/walls.js';

maplibregl.setWorkerUrl(workerUrl);

export interface PointCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, unknown> & { id: string } }[];
}
export interface AreaCollection { type: 'FeatureCollection'; features: unknown[] }
export interface LineCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: 'LineString'; coordinates: [number, number][] }; properties: Record<string, unknown> & { id: string } }[];
}
/** The map's switchable layers: those a wall screen can choose, and the road status of traffic counters. */
export type OpsLayerKey = MapLayerKey | 'roads';

/** What can be clicked through to a detail page. */
export type MapItemKind = 'unit' | 'report' | 'device' | 'alarm' | 'incident' | 'camera' | 'road';

export interface IocMapData {
  units: AreaCollection | null;        // features carry properties.fill (the choropleth colour) and properties.name
  reports: PointCollection | null;
  devices: PointCollection | null;     // properties: status, label (live values)
  alarms: PointCollection | null;      // properties: severity, label
  incidents: PointCollection | null;   // properties: severity, label
  cameras: PointCollection | null;     // properties: status, label
  roads?: LineCollection | null;       // properties: status (free | slow | congested | stopped | no-data), label
}

interface IocMapProps {
  data: IocMapData;
  visible: ReadonlySet<OpsLayerKey>;
  basemapUrl: string | null;
  ariaLabel: string;
  failedText: string;
  onOpen?: (kind: MapItemKind, id: string) => void;
}

declare global {
  interface Window { __iocOpsMap?: maplibregl.Map }
}

type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];
const empty = { type: 'FeatureCollection', features: [] } as unknown as SourceData;

export const severityColors: Record<string, string> = {
  critical: '#7f1d1d', major: '#dc2626', minor: '#f97316', warning: '#eab308', info: '#0ea5e9',
};
/** Road status colours, the usual traffic-map scale (green, amber, red, dark red; grey for no data). */
export const roadStatusColors: Record<string, string> = { free: '#16a34a', slow: '#f59e0b', congested: '#dc2626', stopped: '#7f1d1d', 'no-data': '#94a3b8' };
export const deviceStatusColors: Record<string, string> = { online: '#16a34a', offline: '#dc2626', 'never-seen': '#94a3b8' };
const severityExpression = ['match', ['get', 'severity'],
  'critical', severityColors.critical!, 'major', severityColors.major!, 'minor', severityColors.minor!, 'warning', severityColors.warning!, severityColors.info!];

/** Map layers of each switchable layer. */
const layerGroups: Record<OpsLayerKey, string[]> = {
  choropleth: ['units-fill'],
  roads: ['roads-casing', 'roads'],
  reports: ['report-clusters', 'report-points'],
  heatmap: ['reports-heat'],
  devices: ['devices'],
  alarms: ['alarms-halo', 'alarms'],
  incidents: ['incidents'],
  cameras: ['cameras'],
};
const clickable: { layer: string; kind: MapItemKind }[] = [
  { layer: 'alarms', kind: 'alarm' }, { layer: 'incidents', kind: 'incident' }, { layer: 'devices', kind: 'device' },
  { layer: 'cameras', kind: 'camera' }, { layer: 'report-points', kind: 'report' }, { layer: 'roads', kind: 'road' },
];

export function IocMap({ data, visible, basemapUrl, ariaLabel, failedText, onOpen }: IocMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const clusterMarkers = useRef(new Map<number, maplibregl.Marker>());
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [tooltip, setTooltip] = useState<{ x: number; y: number; text: string } | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: {
          version: 8,
          sources: {
            units: { type: 'geojson', data: empty as never },
            reports: { type: 'geojson', data: empty as never, cluster: true, clusterRadius: 45, clusterMaxZoom: 14 },
            'reports-heat': { type: 'geojson', data: empty as never },
            devices: { type: 'geojson', data: empty as never },
            alarms: { type: 'geojson', data: empty as never },
            incidents: { type: 'geojson', data: empty as never },
            cameras: { type: 'geojson', data: empty as never },
            roads: { type: 'geojson', data: empty as never },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#e8eef3' } },
            { id: 'units-fill', type: 'fill', source: 'units', paint: { 'fill-color': ['coalesce', ['get', 'fill'], '#dbe4ee'], 'fill-opacity': 0.7 } },
            { id: 'units-line', type: 'line', source: 'units', paint: { 'line-color': '#475569', 'line-width': 0.8 } },
            {
              id: 'reports-heat', type: 'heatmap', source: 'reports-heat',
              paint: {
                'heatmap-weight': ['case', ['get', 'overdue'], 1.5, 1],
                'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 14, 2],
                'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 7, 8, 14, 28],
                'heatmap-opacity': 0.8,
                'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'],
                  0, 'rgba(33,102,172,0)', 0.2, '#67a9cf', 0.4, '#d1e5f0', 0.6, '#fddbc7', 0.8, '#ef8a62', 1, '#b2182b'],
              },
            },
            {
              id: 'report-clusters', type: 'circle', source: 'reports', filter: ['has', 'point_count'],
              paint: {
                'circle-color': ['step', ['get', 'point_count'], '#93c5fd', 20, '#60a5fa', 100, '#2563eb'],
                'circle-radius': ['step', ['get', 'point_count'], 13, 20, 17, 100, 22],
                'circle-opacity': 0.85, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#fff',
              },
            },
            {
              id: 'report-points', type: 'circle', source: 'reports', filter: ['!', ['has', 'point_count']],
              paint: { 'circle-color': ['case', ['get', 'overdue'], '#be123c', '#2563eb'], 'circle-radius': 4.5, 'circle-stroke-width': 1, 'circle-stroke-color': '#fff' },
            },
            { id: 'roads-casing', type: 'line', source: 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 8 } },
            {
              id: 'roads', type: 'line', source: 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' },
              paint: {
                'line-width': 5,
                'line-color': ['match', ['get', 'status'], 'free', roadStatusColors.free!, 'slow', roadStatusColors.slow!, 'congested', roadStatusColors.congested!,
                  'stopped', roadStatusColors.stopped!, roadStatusColors['no-data']!] as never,
              },
            },
            {
              id: 'cameras', type: 'circle', source: 'cameras',
              paint: {
                'circle-color': '#1e293b', 'circle-radius': 5.5, 'circle-stroke-width': 2.5,
                'circle-stroke-color': ['match', ['get', 'status'], 'online', '#22c55e', 'offline', '#ef4444', '#cbd5e1'],
              },
            },
            {
              id: 'devices', type: 'circle', source: 'devices',
              paint: {
                'circle-color': ['match', ['get', 'status'], 'online', deviceStatusColors.online!, 'offline', deviceStatusColors.offline!, deviceStatusColors['never-seen']!],
                'circle-radius': 6, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#fff',
              },
            },
            {
              id: 'incidents', type: 'circle', source: 'incidents',
              paint: { 'circle-color': '#fff', 'circle-radius': 8, 'circle-stroke-width': 4, 'circle-stroke-color': severityExpression as never },
            },
            { id: 'alarms-halo', type: 'circle', source: 'alarms', paint: { 'circle-color': severityExpression as never, 'circle-radius': 14, 'circle-opacity': 0.25 } },
            { id: 'alarms', type: 'circle', source: 'alarms', paint: { 'circle-color': severityExpression as never, 'circle-radius': 6.5, 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' } },
          ],
        },
        center: [106.9, 11.3], zoom: 8, attributionControl: false, dragRotate: false, pitchWithRotate: false,
      });
    } catch {
      setFailed(true);
      return;
    }
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    window.__iocOpsMap = map;
    map.on('load', () => setLoaded(true));

    const markers = clusterMarkers.current;
    const updateCounts = () => {
      const keep = new Set<number>();
      if (visibleRef.current.has('reports') && map.getSource('reports')) {
        for (const f of map.querySourceFeatures('reports')) {
          const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
          if (!p.cluster || p.cluster_id === undefined || keep.has(p.cluster_id)) continue;
          keep.add(p.cluster_id);
          if (!markers.has(p.cluster_id)) {
            const el = document.createElement('div');
            el.className = 'ops-cluster-count';
            el.textContent = String(p.point_count ?? '');
            el.setAttribute('aria-hidden', 'true');
            markers.set(p.cluster_id, new maplibregl.Marker({ element: el }).setLngLat((f.geometry as { coordinates: [number, number] }).coordinates).addTo(map));
          }
        }
      }
      for (const [id, marker] of markers) if (!keep.has(id)) { marker.remove(); markers.delete(id); }
    };
    map.on('render', updateCounts);
    map.on('click', 'report-clusters', (e) => {
      const feature = e.features?.[0];
      const clusterId = feature?.properties?.cluster_id as number | undefined;
      if (clusterId === undefined || !feature) return;
      void map.getSource<maplibregl.GeoJSONSource>('reports')?.getClusterExpansionZoom(clusterId).then((zoom) => {
        map.easeTo({ center: (feature.geometry as unknown as { coordinates: [number, number] }).coordinates, zoom });
      });
    });
    map.on('click', (e) => {
      const layers = clickable.map((c) => c.layer).filter((l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none');
      const hit = map.queryRenderedFeatures(e.point, { layers })[0];
      const kind = hit ? clickable.find((c) => c.layer === hit.layer.id)?.kind : undefined;
      const id = hit?.properties?.id as string | undefined;
      if (kind && id) { onOpenRef.current?.(kind, id); return; }
      const unit = map.queryRenderedFeatures(e.point, { layers: ['units-fill'] })[0];
      const unitId = unit?.properties?.id as string | undefined;
      if (unitId) onOpenRef.current?.('unit', unitId);
    });
    const hoverLayers = [...clickable.map((c) => c.layer), 'units-fill'];
    map.on('mousemove', (e) => {
      const layers = hoverLayers.filter((l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none');
      const hit = map.queryRenderedFeatures(e.point, { layers })[0];
      const text = hit ? String(hit.properties?.label ?? hit.properties?.name ?? '') : '';
      map.getCanvas().style.cursor = hit && hit.layer.id !== 'units-fill' ? 'pointer' : '';
      setTooltip(text ? { x: e.point.x, y: e.point.y, text } : null);
    });
    map.on('mouseout', () => setTooltip(null));

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      for (const marker of markers.values()) marker.remove();
      markers.clear();
      map.remove();
      mapRef.current = null;
      if (window.__iocOpsMap === map) delete window.__iocOpsMap;
      setLoaded(false);
    };
  }, []);

  // Each source is set only when its data object changes (live values replace only the devices).
  const set = (source: string, value: unknown) => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    void map.getSource<maplibregl.GeoJSONSource>(source)?.setData((value ?? empty) as SourceData);
  };
  useEffect(() => {
    set('units', data.units);
    const map = mapRef.current;
    if (map && loaded && data.units && !fitted.current) {
      const bounds = boundsOfFeatures(data.units);
      if (bounds) { map.fitBounds(bounds, { padding: 20, animate: false }); fitted.current = true; }
    }
  }, [data.units, loaded]);
  useEffect(() => {
    set('reports', data.reports);
    set('reports-heat', data.reports);
    const map = mapRef.current;
    if (map && loaded) {
      const f = Math.min(1, 1500 / Math.max(1, data.reports?.features.length ?? 1));
      map.setPaintProperty('reports-heat', 'heatmap-intensity', ['interpolate', ['linear'], ['zoom'], 7, 0.6 * f, 10, 2 * f, 14, 3]);
    }
  }, [data.reports, loaded]);
  useEffect(() => { set('devices', data.devices); }, [data.devices, loaded]);
  useEffect(() => { set('alarms', data.alarms); }, [data.alarms, loaded]);
  useEffect(() => { set('incidents', data.incidents); }, [data.incidents, loaded]);
  useEffect(() => { set('cameras', data.cameras); }, [data.cameras, loaded]);
  useEffect(() => { set('roads', data.roads ?? null); }, [data.roads, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const [key, layers] of Object.entries(layerGroups) as [OpsLayerKey, string[]][]) {
      for (const layer of layers) map.setLayoutProperty(layer, 'visibility', visible.has(key) ? 'visible' : 'none');
    }
    map.triggerRepaint();
  }, [visible, loaded]);

  useBasemap(mapRef, loaded, basemapUrl, 'units-fill');

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" role="region" aria-label={ariaLabel} data-loaded={loaded ? 'true' : 'false'} />
      {tooltip && <div className="map-tooltip" style={{ left: tooltip.x + 12, top: tooltip.y + 12 }} aria-hidden="true">{tooltip.text}</div>}
      {failed && <div className="map-failed" role="alert">{failedText}</div>}
    </div>
  );
}
