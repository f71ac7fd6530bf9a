// A small map to drop a pin where the problem is: the province's communes and wards (GeoJSON from IOC, no
// basemap, works offline); a click or a tap places the pin, the arrow keys move it when the map has focus.
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];
export interface Pin { lat: number; lon: number }

interface PinMapProps {
  places: { type: 'FeatureCollection'; features: unknown[] } | null;
  pin: Pin | null;
  onPin: (pin: Pin) => void;
  ariaLabel: string;
  failedText: string;
}

export function PinMap({ places, pin, onPin, ariaLabel, failedText }: PinMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: {
          version: 8,
          sources: { places: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
            { id: 'places-fill', type: 'fill', source: 'places', paint: { 'fill-color': '#dbe4ee', 'fill-opacity': 0.7 } },
            { id: 'places-line', type: 'line', source: 'places', paint: { 'line-color': '#64748b', 'line-width': 0.8 } },
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
    map.on('load', () => setLoaded(true));
    map.on('click', (e) => onPinRef.current({ lat: Math.round(e.lngLat.lat * 1e6) / 1e6, lon: Math.round(e.lngLat.lng * 1e6) / 1e6 }));
    mapRef.current = map;
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => { resize.disconnect(); markerRef.current?.remove(); markerRef.current = null; map.remove(); mapRef.current = null; setLoaded(false); };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !places) return;
    void map.getSource<maplibregl.GeoJSONSource>('places')?.setData(places as SourceData);
    let bounds: maplibregl.LngLatBounds | null = null;
    const visit = (c: unknown): void => {
      if (!Array.isArray(c)) return;
      if (typeof c[0] === 'number' && typeof c[1] === 'number') { const p: [number, number] = [c[0], c[1]]; if (bounds) bounds.extend(p); else bounds = new maplibregl.LngLatBounds(p, p); return; }
      for (const x of c) visit(x);
    };
    for (const f of places.features) visit((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates);
    if (bounds) map.fitBounds(bounds, { padding: 10, animate: false });
  }, [places, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    if (!pin) { markerRef.current?.remove(); markerRef.current = null; return; }
    if (!markerRef.current) markerRef.current = new maplibregl.Marker({ color: '#dc2626' }).setLngLat([pin.lon, pin.lat]).addTo(map);
    else markerRef.current.setLngLat([pin.lon, pin.lat]);
  }, [pin, loaded]);

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" role="region" aria-label={ariaLabel} data-loaded={loaded ? 'true' : 'false'} />
      {failed && <div className="map-failed" role="alert">{failedText}</div>}
    </div>
  );
}
