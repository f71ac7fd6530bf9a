// Which units the overview map fills: the descendants of the focus unit at one depth, with the
// shallower units as outlines. Pure functions, so the choice is easy to reason about.
import type { UnitFeatureCollection, UnitType } from '../../../shared/contracts/units.js';
import type { MapFeatureCollection } from '../../ui/MapView.js';

export type UnitFeature = UnitFeatureCollection['features'][number];

export interface MapLayers {
  /** Depths (levels) available below the focus, shallowest first, with the unit types at each. */
  levels: { level: number; types: UnitType[]; count: number }[];
  level: number | null;
  fill: MapFeatureCollection;
  context: MapFeatureCollection;
  hasSynthetic: boolean;
}

function collection(features: UnitFeature[]): MapFeatureCollection {
  return { type: 'FeatureCollection', features: features.map((f) => ({ ...f, properties: { ...f.properties } })) };
}

/** Features under `focusId` (all of them when null), the focus itself excluded unless it has nothing below. */
export function subtreeOf(features: UnitFeature[], focusId: string | null): UnitFeature[] {
  if (!focusId) return features;
  const byId = new Map(features.map((f) => [f.properties.id, f]));
  const isUnder = (feature: UnitFeature): boolean => {
    let parentId = feature.properties.parentId;
    const seen = new Set<string>();
    while (parentId && !seen.has(parentId)) {
      if (parentId === focusId) return true;
      seen.add(parentId);
      parentId = byId.get(parentId)?.properties.parentId ?? null;
    }
    return false;
  };
  const below = features.filter(isUnder);
  if (below.length > 0) return below;
  const self = byId.get(focusId);
  return self ? [self] : [];
}

/**
 * The default depth: the shallowest with at least three units (a map worth reading), else the deepest.
 */
export function defaultLevel(levels: MapLayers['levels']): number | null {
  return levels.find((l) => l.count >= 3)?.level ?? levels[levels.length - 1]?.level ?? null;
}

export function buildMapLayers(data: UnitFeatureCollection | undefined, focusId: string | null, chosenLevel: number | null): MapLayers {
  const features = subtreeOf(data?.features ?? [], focusId);
  const byLevel = new Map<number, { types: Set<UnitType>; count: number }>();
  for (const f of features) {
    const entry = byLevel.get(f.properties.level) ?? { types: new Set<UnitType>(), count: 0 };
    entry.types.add(f.properties.type);
    entry.count += 1;
    byLevel.set(f.properties.level, entry);
  }
  const levels = [...byLevel.entries()].sort(([a], [b]) => a - b).map(([level, e]) => ({ level, types: [...e.types], count: e.count }));
  const level = chosenLevel !== null && byLevel.has(chosenLevel) ? chosenLevel : defaultLevel(levels);
  const filled = features.filter((f) => f.properties.level === level);
  const context = features.filter((f) => level !== null && f.properties.level < level);
  return {
    levels,
    level,
    fill: collection(filled),
    context: collection(context),
    hasSynthetic: filled.some((f) => f.properties.synthetic) || context.some((f) => f.properties.synthetic),
  };
}

/** One colour per unit type: a neutral, readable palette until indicators drive a choropleth. */
export const typeColors: Record<UnitType, string> = {
  country: '#e2e8f0',
  province: '#94a3b8',
  city: '#f87171',
  town: '#fdba74',
  district: '#93c5fd',
  urban_district: '#f472b6',
  commune: '#86efac',
  ward: '#c4b5fd',
  township: '#fde047',
  special_zone: '#5eead4',
};
