// The one MapLibre wrapper: unit polygons from GeoJSON on a plain background (optional raster basemap),
// hover names, click to select, HTML labels (no glyph server needed), choropleth-ready fill colours.
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useBasemap } from './map-layers.js';

maplibregl.setWorkerUrl(workerUrl);

export interface MapFeatureProperties {
  id: string;
  name: string;
  level?: number;
  [key: string]: unknown;
}

export interface MapFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: string | number; geometry: unknown; properties: MapFeatureProperties }[];
}

interface MapViewProps {
  data: MapFeatureCollection | null;
  /** Outlines drawn above the fills for orientation (e.g. the district borders around communes). */
  contextData?: MapFeatureCollection | null;
  ariaLabel: string;
  selectedId?: string | null;
  onSelect?: (id: string | null) => void;
  /** Fill colour per feature; a choropleth passes a colour scale here. */
  colorOf?: (properties: MapFeatureProperties) => string;
  /** Raster tile URL template ({z}/{x}/{y}) drawn under the units; none means a plain background. */
  basemapUrl?: string | null;
  /** Show a text label per feature (at most this many features; 0 turns labels off). */
  maxLabels?: number;
  onError?: (error: unknown) => void;
  /** Shown when the map cannot start (no WebGL). */
  failedText: string;
}

declare global {
  interface Window { __iocMap?: maplibregl.Map }
}

type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];

const SOURCE = 'units';
const CONTEXT_SOURCE = 'context';
const NEUTRAL = '#cbd5e1';
const DEFAULT_CENTER: [number, number] = [106.9, 11.3]; // Đồng Nai / Bình Phước

function emptyCollection(): MapFeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

type Position = [number, number];

function outerRings(geometry: unknown): Position[][] {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g?.coordinates) return [];
  if (g.type === 'Polygon') return [(g.coordinates as Position[][])[0] ?? []];
  if (g.type === 'MultiPolygon') return (g.coordinates as Position[][][]).map((polygon) => polygon[0] ?? []);
  return [];
}

function ringArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a && b) area += (b[0] - a[0]) * (b[1] + a[1]);
  }
  return Math.abs(area / 2);
}

/** A label point: the area-weighted centroid of the largest outer ring (fine for the convex-ish cells). */
export function labelPoint(geometry: unknown): Position | null {
  const rings = outerRings(geometry).filter((ring) => ring.length > 2);
  if (rings.length === 0) return null;
  const ring = rings.reduce((best, r) => (ringArea(r) > ringArea(best) ? r : best));
  let x = 0; let y = 0; let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i];
    const q = ring[j];
    if (!p || !q) continue;
    const f = q[0] * p[1] - p[0] * q[1];
    x += (q[0] + p[0]) * f; y += (q[1] + p[1]) * f; a += f;
  }
  if (Math.abs(a) < 1e-12) return ring[0] ?? null;
  return [x / (3 * a), y / (3 * a)];
}

function boundsOf(data: MapFeatureCollection): maplibregl.LngLatBounds | null {
  let bounds: maplibregl.LngLatBounds | null = null;
  for (const feature of data.features) {
    for (const ring of outerRings(feature.geometry)) {
      for (const point of ring) {
        if (!bounds) bounds = new maplibregl.LngLatBounds(point, point);
        else bounds.extend(point);
      }
    }
  }
  return bounds;
}

function withColours(data: MapFeatureCollection, colorOf?: MapViewProps['colorOf']): MapFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: data.features
      .filter((f) => f.geometry)
      .map((f) => ({ ...f, properties: { ...f.properties, fill: colorOf ? colorOf(f.properties) : NEUTRAL } })),
  };
}

export function MapView({ data, contextData, ariaLabel, selectedId = null, onSelect, colorOf, basemapUrl, maxLabels = 150, onError, failedText }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markersRef = useRef<maplibregl.Marker[]>([]);
  const hoveredRef = useRef<string | null>(null);
  const selectedRef = useRef<string | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [tooltip, setTooltip] = useState<{ x: number; y: number; name: string } | null>(null);
  const fittedKey = useRef<string>('');

  // Create the map once.
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
            [SOURCE]: { type: 'geojson', data: emptyCollection() as never, promoteId: 'id' },
            [CONTEXT_SOURCE]: { type: 'geojson', data: emptyCollection() as never },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#e8eef3' } },
            {
              id: 'units-fill', type: 'fill', source: SOURCE,
              paint: {
                'fill-color': ['coalesce', ['feature-state', 'fill'], ['get', 'fill'], NEUTRAL],
                'fill-opacity': ['case',
                  ['boolean', ['feature-state', 'selected'], false], 0.9,
                  ['boolean', ['feature-state', 'hover'], false], 0.8,
                  0.6],
              },
            },
            {
              id: 'units-line', type: 'line', source: SOURCE,
              paint: {
                'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#b91c1c', '#1e3a5f'],
                'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3.5,
                  0.8],
              },
            },
            {
              id: 'context-line', type: 'line', source: CONTEXT_SOURCE,
              paint: { 'line-color': '#0f172a', 'line-width': 2.2, 'line-opacity': 0.8 },
            },
          ],
        },
        center: DEFAULT_CENTER,
        zoom: 8,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch (error) {
      setFailed(true);
      onErrorRef.current?.(error);
      return;
    }
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    window.__iocMap = map;

    map.on('load', () => setLoaded(true));
    map.on('error', (event) => onErrorRef.current?.(event.error));
    map.on('mousemove', 'units-fill', (event) => {
      const feature = event.features?.[0];
      const id = (feature?.properties?.id as string | undefined) ?? null;
      if (hoveredRef.current && hoveredRef.current !== id) map.setFeatureState({ source: SOURCE, id: hoveredRef.current }, { hover: false });
      hoveredRef.current = id;
      if (id) map.setFeatureState({ source: SOURCE, id }, { hover: true });
      map.getCanvas().style.cursor = id ? 'pointer' : '';
      setTooltip(feature ? { x: event.point.x, y: event.point.y, name: String(feature.properties?.name ?? '') } : null);
    });
    map.on('mouseleave', 'units-fill', () => {
      if (hoveredRef.current) map.setFeatureState({ source: SOURCE, id: hoveredRef.current }, { hover: false });
      hoveredRef.current = null;
      map.getCanvas().style.cursor = '';
      setTooltip(null);
    });
    map.on('click', (event) => {
      const features = map.queryRenderedFeatures(event.point, { layers: ['units-fill'] });
      const id = (features[0]?.properties?.id as string | undefined) ?? null;
      onSelectRef.current?.(id);
    });

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      for (const marker of markersRef.current) marker.remove();
      markersRef.current = [];
      map.remove();
      mapRef.current = null;
      if (window.__iocMap === map) delete window.__iocMap;
      setLoaded(false);
    };
  }, []);

  // Data, colours and labels.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const collection = withColours(data ?? emptyCollection(), colorOf);
    const source = map.getSource<maplibregl.GeoJSONSource>(SOURCE);
    void source?.setData(collection as SourceData);
    if (selectedRef.current) map.setFeatureState({ source: SOURCE, id: selectedRef.current }, { selected: true });

    for (const marker of markersRef.current) marker.remove();
    markersRef.current = [];
    if (maxLabels > 0 && collection.features.length <= maxLabels) {
      for (const feature of collection.features) {
        const point = labelPoint(feature.geometry);
        if (!point) continue;
        const element = document.createElement('div');
        element.className = `map-label map-label-level-${feature.properties.level ?? 0}`;
        element.textContent = feature.properties.name;
        element.setAttribute('aria-hidden', 'true');
        markersRef.current.push(new maplibregl.Marker({ element }).setLngLat(point).addTo(map));
      }
    }

    const key = collection.features.map((f) => f.properties.id).join(',');
    if (key && key !== fittedKey.current) {
      fittedKey.current = key;
      const bounds = boundsOf(collection);
      if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
    }
  }, [data, colorOf, loaded, maxLabels]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    void map.getSource<maplibregl.GeoJSONSource>(CONTEXT_SOURCE)?.setData((contextData ?? emptyCollection()) as SourceData);
  }, [contextData, loaded]);

  // Selection highlight.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    if (selectedRef.current && selectedRef.current !== selectedId) {
      map.setFeatureState({ source: SOURCE, id: selectedRef.current }, { selected: false });
    }
    selectedRef.current = selectedId;
    if (selectedId) map.setFeatureState({ source: SOURCE, id: selectedId }, { selected: true });
  }, [selectedId, loaded, data]);

  // Optional raster basemap under the unit layers.
  useBasemap(mapRef, loaded, basemapUrl, 'units-fill');

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" role="region" aria-label={ariaLabel} data-loaded={loaded ? 'true' : 'false'} />
      {tooltip && (
        <div className="map-tooltip" style={{ left: tooltip.x + 12, top: tooltip.y + 12 }} aria-hidden="true">{tooltip.name}</div>
      )}
      {failed && <div className="map-failed" role="alert">{failedText}</div>}
    </div>
  );
}

export interface LegendEntry { color: string; label: string }

export function MapLegend({ title, entries }: { title: string; entries: LegendEntry[] }) {
  return (
    <figure className="map-legend">
      <figcaption>{title}</figcaption>
      <ul>
        {entries.map((entry) => (
          <li key={entry.label}><span className="swatch" style={{ background: entry.color }} aria-hidden="true" />{entry.label}</li>
        ))}
      </ul>
    </figure>
  );
}
