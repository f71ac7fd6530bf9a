// Reports on a map: clusters or a heatmap over the unit boundaries served by IOC itself (vector GeoJSON, no
// basemap and no internet needed). The server clusters per viewport (GET /api/feedback/stats/map with bbox and
// zoom): this map reports its viewport, debounced, and draws what comes back. Cluster counts are HTML markers,
// as in ui/MapView.tsx, because there is no glyph server offline.
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { boundsOfFeatures } from '../../ui/map-layers.js';
import type { FeedbackMapView } from '../../../shared/contracts/feedback-stats.js';

maplibregl.setWorkerUrl(workerUrl);

export type MapMode = 'clusters' | 'heatmap';
export interface MapViewport { bbox: string; zoom: number }

interface ReportsMapProps {
  view: FeedbackMapView | null;
  boundaries: { type: 'FeatureCollection'; features: unknown[] } | null;
  /** The boundaries are still loading: the first viewport waits for them to be fitted instead of asking twice. */
  awaitingBoundaries?: boolean;
  mode: MapMode;
  ariaLabel: string;
  failedText: string;
  clusterLabel: (count: number) => string;
  onViewport: (viewport: MapViewport) => void;
  onOpenReport?: (id: string) => void;
}

type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];
const emptyCollection = { type: 'FeatureCollection', features: [] } as unknown as SourceData;
const VIEWPORT_DEBOUNCE_MS = 250;
const notFitted = Symbol('not fitted');

declare global {
  interface Window { __iocReportsMap?: maplibregl.Map }
}

/**
 * The viewport asked of the server: the visible bounds padded by a quarter on each side (a short pan stays
 * inside what is drawn) and snapped outward to a grid of a quarter of the view, so that small moves ask the
 * same bbox again and hit the query cache; the zoom as an integer (the server's grid changes per zoom level).
 */
export function viewportOf(bounds: { west: number; south: number; east: number; north: number }, zoom: number): MapViewport {
  const w = bounds.east - bounds.west;
  const h = bounds.north - bounds.south;
  const step = Math.max(Math.min(w, h) / 4, 1e-4);
  const down = (x: number) => Math.floor(x / step) * step;
  const up = (x: number) => Math.ceil(x / step) * step;
  const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
  const digits = (x: number) => Number(x.toFixed(5));
  const box = [
    clamp(down(bounds.west - w / 4), -180, 180), clamp(down(bounds.south - h / 4), -90, 90),
    clamp(up(bounds.east + w / 4), -180, 180), clamp(up(bounds.north + h / 4), -90, 90),
  ].map(digits);
  return { bbox: box.join(','), zoom: Math.max(0, Math.min(22, Math.floor(zoom))) };
}

export function ReportsMap({ view, boundaries, awaitingBoundaries = false, mode, ariaLabel, failedText, clusterLabel, onViewport, onOpenReport }: ReportsMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markersRef = useRef<maplibregl.Marker[]>([]);
  const onOpenRef = useRef(onOpenReport);
  onOpenRef.current = onOpenReport;
  const onViewportRef = useRef(onViewport);
  onViewportRef.current = onViewport;
  const clusterLabelRef = useRef(clusterLabel);
  clusterLabelRef.current = clusterLabel;
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  // The boundaries last fitted: a new unit (or date) fits again; a refetch of the same answer keeps the
  // reference (query structural sharing), so the user's own pan and zoom stay.
  const fittedTo = useRef<unknown>(notFitted);
  const reportViewportRef = useRef<() => void>(() => undefined);

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
            reports: { type: 'geojson', data: emptyCollection as never },
            'reports-heat': { type: 'geojson', data: emptyCollection as never },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
            { id: 'units-fill', type: 'fill', source: 'units', paint: { 'fill-color': '#dbe4ee', 'fill-opacity': 0.6 } },
            { id: 'units-line', type: 'line', source: 'units', paint: { 'line-color': '#64748b', 'line-width': 0.8 } },
            {
              id: 'reports-heat', type: 'heatmap', source: 'reports-heat', layout: { visibility: 'none' },
              paint: {
                'heatmap-weight': 1,
                'heatmap-intensity': 1.6,
                'heatmap-radius': 22,
                'heatmap-opacity': 0.85,
                'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'],
                  0, 'rgba(33,102,172,0)', 0.2, '#67a9cf', 0.4, '#d1e5f0', 0.6, '#fddbc7', 0.8, '#ef8a62', 1, '#b2182b'],
              },
            },
            {
              // Server clusters: red when any report in it is overdue, blue when any is open, green when all are closed.
              id: 'clusters', type: 'circle', source: 'reports', filter: ['has', 'count'],
              paint: {
                'circle-color': ['case', ['>', ['get', 'overdue'], 0], '#dc2626', ['>', ['get', 'open'], 0], '#0b5cad', '#16a34a'],
                'circle-opacity': 0.85,
                'circle-radius': ['step', ['get', 'count'], 14, 20, 18, 100, 23, 1000, 28, 10000, 34],
                'circle-stroke-width': 2, 'circle-stroke-color': '#fff',
              },
            },
            {
              // Overdue drawn above open, open above closed: the points that need someone stay visible.
              id: 'report-points', type: 'circle', source: 'reports', filter: ['has', 'id'],
              layout: { 'circle-sort-key': ['case', ['get', 'overdue'], 2, ['get', 'open'], 1, 0] },
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

    // The viewport after each move, debounced: dragging or a zoom animation asks once, when it settles.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reportViewport = () => {
      // Moves before the first fit (the resize observer's first call, the default view) are not worth a request.
      if (fittedTo.current === notFitted) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const b = map.getBounds();
        onViewportRef.current(viewportOf({ west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() }, map.getZoom()));
      }, VIEWPORT_DEBOUNCE_MS);
    };
    reportViewportRef.current = reportViewport;
    // The first viewport is asked by the boundaries' effect below once loaded: after their fit, not the default view.
    map.on('load', () => setLoaded(true));
    map.on('moveend', reportViewport);

    map.on('click', 'clusters', (e) => {
      const p = e.features?.[0]?.properties as { bounds?: string | number[] } | undefined;
      // GeoJSON properties come back from the worker serialised: an array property arrives as a JSON string.
      const bounds = typeof p?.bounds === 'string' ? JSON.parse(p.bounds) as number[] : p?.bounds;
      zoomIntoCluster(map, bounds, e.lngLat);
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
    const markers = markersRef;
    return () => {
      clearTimeout(timer);
      resize.disconnect();
      for (const marker of markers.current) marker.remove();
      markers.current = [];
      map.remove();
      mapRef.current = null;
      fittedTo.current = notFitted;
      if (window.__iocReportsMap === map) delete window.__iocReportsMap;
      setLoaded(false);
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    void map.getSource<maplibregl.GeoJSONSource>('units')?.setData((boundaries ?? emptyCollection) as SourceData);
    if (awaitingBoundaries || fittedTo.current === boundaries) return;
    fittedTo.current = boundaries;
    const bounds = boundaries ? boundsOfFeatures(boundaries) : null;
    // The fit ends with a moveend, which asks for the viewport; without boundaries to fit, ask for this one.
    if (bounds) map.fitBounds(bounds, { padding: 20, animate: false });
    else reportViewportRef.current();
  }, [boundaries, awaitingBoundaries, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const isHeat = view?.mode === 'heatmap';
    const data = { type: 'FeatureCollection', features: view?.features ?? [] } as unknown as SourceData;
    void map.getSource<maplibregl.GeoJSONSource>('reports')?.setData(isHeat ? emptyCollection : data);
    void map.getSource<maplibregl.GeoJSONSource>('reports-heat')?.setData(isHeat ? data : emptyCollection);
    // Cells carry their count: weigh each against the heaviest of the viewport, so the hot spots stand out at
    // any zoom (a fixed scale saturates at province zoom and fades when zoomed in). The square root, because
    // linear left a cell of one or two reports next to a cell of ten almost invisible (seen in the browser).
    if (isHeat) map.setPaintProperty('reports-heat', 'heatmap-weight', ['sqrt', ['/', ['get', 'weight'], Math.max(1, view.maxWeight)]]);

    // Count labels on the clusters, rebuilt with each answer (a few hundred at most).
    for (const marker of markersRef.current) marker.remove();
    markersRef.current = [];
    if (view?.mode === 'clusters' && mode === 'clusters') {
      for (const f of view.features) {
        if (!('count' in f.properties)) continue;
        const el = document.createElement('div');
        el.className = 'fb-cluster-count';
        el.textContent = new Intl.NumberFormat('vi-VN', { notation: f.properties.count >= 10_000 ? 'compact' : 'standard' }).format(f.properties.count);
        el.setAttribute('aria-hidden', 'true');
        el.title = clusterLabelRef.current(f.properties.count);
        markersRef.current.push(new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates).addTo(map));
      }
    }
  }, [view, mode, loaded]);

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
      <div ref={containerRef} className="map-canvas" role="region" aria-label={ariaLabel} data-loaded={loaded ? 'true' : 'false'}
        data-view-mode={view?.mode ?? ''} data-view-zoom={view?.zoom ?? ''} />
      {failed && <div className="map-failed" role="alert">{failedText}</div>}
    </div>
  );
}

/** A click on a cluster: fit its reports' extent, or zoom two steps on it when they share one spot. */
function zoomIntoCluster(map: maplibregl.Map, bounds: number[] | undefined, at: maplibregl.LngLat) {
  const [w, s, e, n] = bounds ?? [];
  if (w !== undefined && s !== undefined && e !== undefined && n !== undefined && (e - w > 1e-4 || n - s > 1e-4)) {
    map.fitBounds([[w, s], [e, n]], { padding: 60, maxZoom: 17 });
  } else {
    map.easeTo({ center: at, zoom: Math.min(map.getZoom() + 2, 18) });
  }
}
