// Pieces every MapLibre map of the app shares: the box around some GeoJSON, and the optional basemap.
import { type RefObject, useEffect } from 'react';
import * as maplibregl from 'maplibre-gl';

/** The box around every coordinate of the features (any geometry type), or null when there is none. */
export function boundsOfFeatures(collection: { features: readonly unknown[] }): maplibregl.LngLatBounds | null {
  let bounds: maplibregl.LngLatBounds | null = null;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const p: [number, number] = [c[0], c[1]];
      if (!bounds) bounds = new maplibregl.LngLatBounds(p, p); else bounds.extend(p);
      return;
    }
    for (const x of c) visit(x);
  };
  for (const f of collection.features) visit((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates);
  return bounds;
}

/** The province's tile server as a raster layer under `beforeLayer`, when a URL is configured (IOC_BASEMAP_URL). */
export function useBasemap(mapRef: RefObject<maplibregl.Map | null>, loaded: boolean, basemapUrl: string | null | undefined, beforeLayer: string): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    if (map.getLayer('basemap')) map.removeLayer('basemap');
    if (map.getSource('basemap')) map.removeSource('basemap');
    if (basemapUrl) {
      map.addSource('basemap', { type: 'raster', tiles: [basemapUrl], tileSize: 256 });
      map.addLayer({ id: 'basemap', type: 'raster', source: 'basemap' }, beforeLayer);
    }
  }, [mapRef, basemapUrl, loaded, beforeLayer]);
}
