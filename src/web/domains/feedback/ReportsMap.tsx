// Reports on a map: clusters (a GeoJSON source with cluster: true) or a heatmap layer, over the unit boundaries
// served by IOC itself (vector GeoJSON, no basemap and no internet needed). Cluster counts are HTML markers,
// as in ui/MapView.tsx, because there is no glyph server offline.
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { boundsOfFeatures } from '../../ui/map-layers.js';
import type { FeedbackMapPoints } from '../../../shared/contracts/feedback-stats.js';

maplibregl.setWorkerUrl(workerUrl);

export type MapMode = 'clusters' | 'heatmap';

interface ReportsMapProps {
  points: FeedbackMapPoints | null;
  boundaries: { type: 'FeatureCollection'; features: unknown[] } | null;
  mode: MapMode;
  ariaLabel: string;
  failedText: string;
  onOpenReport?: (id: string) => void;
}

type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];
const emptyCollection = { type: 'FeatureCollection', features: [] } as unknown as SourceData;

declare global {
  interface Window { __iocReportsMap?: maplibregl.Map }
}

export function ReportsMap({ points, boundaries, mode, ariaLabel, failedText, onOpenReport }: ReportsMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markersRef = useRef<Map<number, maplibregl.Marker>>(new Map());
  const onOpenRef = useRef(onOpenReport);
  onOpenRef.current = onOpenReport;
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
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
            units: { type: 'geojson', data: emptyCollection as never },
            reports: { type: 'geojson', data: emptyCollection as never, cluster: true, clusterRadius: 45, clusterMaxZoom: 14 },
            'reports-heat': { type: 'geojson', data: emptyCollection as never },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
            { id: 'units-fill', type: 'fill', source: 'units', paint: { 'fill-color': '#dbe4ee', 'fill-opacity': 0.6 } },
            { id: 'units-line', type: 'line', source: 'units', paint: { 'line-color': '#64748b', 'line-width': 0.8 } },
            {
              id: 'reports-heat', type: 'heatmap', source: 'reports-heat', layout: { visibility: 'none' },
              paint: {
                'heatmap-weight': ['case', ['get', 'overdue'], 1.5, 1],
                'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 14, 2],
                'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 7, 8, 14, 28],
                'heatmap-opacity': 0.85,
                'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'],
                  0, 'rgba(33,102,172,0)', 0.2, '#67a9cf', 0.4, '#d1e5f0', 0.6, '#fddbc7', 0.8, '#ef8a62', 1, '#b2182b'],
              },
            },
            {
              id: 'clusters', type: 'circle', source: 'reports', filter: ['has', 'point_count'],
              paint: {
                'circle-color': ['step', ['get', 'point_count'], '#60a5fa', 20, '#f59e0b', 100, '#dc2626'],
                'circle-radius': ['step', ['get', 'point_count'], 14, 20, 19, 100, 25],
                'circle-stroke-width': 2, 'circle-stroke-color': '#fff',
              },
            },
            {
              id: 'report-points', type: 'circle', source: 'reports', filter: ['!', ['has', 'point_count']],
              paint: {
                'circle-color': ['case', ['get', 'overdue'], '#dc2626', ['get', 'open'], '#0b5cad', '#16a34a'],
                'circle-radius': 6, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#fff',
              },
            },
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
    window.__iocReportsMap = map;
    map.on('load', () => setLoaded(true));

    // Cluster counts as HTML markers, for the clusters drawn now.
    const markers = markersRef.current;
    const updateCounts = () => {
      const keep = new Set<number>();
      if (modeRef.current === 'clusters' && map.getSource('reports')) {
        for (const f of map.querySourceFeatures('reports')) {
          const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
          if (!p.cluster || p.cluster_id === undefined || keep.has(p.cluster_id)) continue;
          keep.add(p.cluster_id);
          if (!markers.has(p.cluster_id)) {
            const el = document.createElement('div');
            el.className = 'fb-cluster-count';
            el.textContent = String(p.point_count ?? '');
            el.setAttribute('aria-hidden', 'true');
            const [lon, lat] = (f.geometry as { coordinates: [number, number] }).coordinates;
            markers.set(p.cluster_id, new maplibregl.Marker({ element: el }).setLngLat([lon, lat]).addTo(map));
          }
        }
      }
      for (const [id, marker] of markers) if (!keep.has(id)) { marker.remove(); markers.delete(id); }
    };
    map.on('render', updateCounts);
    map.on('click', 'clusters', (e) => {
      const feature = e.features?.[0];
      const clusterId = feature?.properties?.cluster_id as number | undefined;
      if (clusterId === undefined || !feature) return;
      void map.getSource<maplibregl.GeoJSONSource>('reports')?.getClusterExpansionZoom(clusterId).then((zoom) => {
        map.easeTo({ center: (feature.geometry as unknown as { coordinates: [number, number] }).coordinates, zoom });
      });
    });
    map.on('click', 'report-points', (e) => {
      const id = e.features?.[0]?.properties?.id as string | undefined;
      if (id) onOpenRef.current?.(id);
    });
    for (const layer of ['clusters', 'report-points']) {
      map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
    }
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      for (const marker of markers.values()) marker.remove();
      markers.clear();
      map.remove();
      mapRef.current = null;
      if (window.__iocReportsMap === map) delete window.__iocReportsMap;
      setLoaded(false);
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    void map.getSource<maplibregl.GeoJSONSource>('units')?.setData((boundaries ?? emptyCollection) as SourceData);
    if (boundaries && !fitted.current) {
      const bounds = boundsOfFeatures(boundaries);
      if (bounds) { map.fitBounds(bounds, { padding: 20, animate: false }); fitted.current = true; }
    }
  }, [boundaries, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const data = (points ?? emptyCollection) as SourceData;
    void map.getSource<maplibregl.GeoJSONSource>('reports')?.setData(data);
    void map.getSource<maplibregl.GeoJSONSource>('reports-heat')?.setData(data);
    // Thousands of points over a province saturate a fixed intensity: scale it down with the count, so the
    // hot spots stand out at the province's zoom and sharpen as one zooms in.
    const f = Math.min(1, 1500 / Math.max(1, points?.features.length ?? 1));
    map.setPaintProperty('reports-heat', 'heatmap-intensity', ['interpolate', ['linear'], ['zoom'], 7, 0.6 * f, 10, 2 * f, 14, 3]);
  }, [points, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const clusters = mode === 'clusters' ? 'visible' : 'none';
    map.setLayoutProperty('clusters', 'visibility', clusters);
    map.setLayoutProperty('report-points', 'visibility', clusters);
    map.setLayoutProperty('reports-heat', 'visibility', mode === 'heatmap' ? 'visible' : 'none');
    map.triggerRepaint();
  }, [mode, loaded]);

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" role="region" aria-label={ariaLabel} data-loaded={loaded ? 'true' : 'false'} />
      {failed && <div className="map-failed" role="alert">{failedText}</div>}
    </div>
  );
}
