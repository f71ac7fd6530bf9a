// The demo's video wall: the reference IOC's 27 screens as a 9 × 3 grid owned by the province, with a
// plausible first assignment (synthetic, like the rest of the demo; operators change it from the control page).
import { uuidv7 } from 'uuidv7';
import type { ScreenContent } from '../../../shared/contracts/walls.js';
import type { DbOrTx } from '../../db/client.js';
import { unitsByCodes } from '../units/units.service.js';
import { findLayoutBySlug, insertLayout, upsertScreens } from './walls.queries.js';
import { DEFAULT_CONTENT } from './walls.service.js';

export const DEMO_WALL_SLUG = 'ioc-chinh';

/** Columns 1–3 top: the map over three screens' worth; the rest dashboards, cameras and rotations. */
export function demoScreens(columns = 9, rows = 3): ScreenContent[] {
  const map: ScreenContent = { kind: 'map' };
  const rotation: ScreenContent = {
    kind: 'rotation', periodSeconds: 30,
    items: [{ kind: 'dashboard', dashboard: 'indicators' }, { kind: 'dashboard', dashboard: 'feedback' }, { kind: 'dashboard', dashboard: 'dossiers' }],
  };
  const pattern: ScreenContent[] = [
    map, { kind: 'dashboard', dashboard: 'indicators' }, { kind: 'dashboard', dashboard: 'feedback' },
    { kind: 'dashboard', dashboard: 'dossiers' }, { kind: 'cameras', columns: 2 }, { kind: 'cameras', columns: 3 },
    { kind: 'map', layers: ['choropleth', 'reports', 'heatmap'] }, rotation, DEFAULT_CONTENT,
  ];
  return Array.from({ length: columns * rows }, (_, i) => pattern[i % pattern.length]!);
}

/** Once: skipped when the demo wall exists. The province of the demo is Đồng Nai (code 75) after the 2025 merger. */
export async function seedDemoWall(db: DbOrTx): Promise<boolean> {
  if (await findLayoutBySlug(db, DEMO_WALL_SLUG)) return false;
  const provinces = await unitsByCodes(db, ['75']);
  const province = provinces.find((u) => u.validTo === null) ?? provinces[0];
  if (!province) return false;
  const layout = await insertLayout(db, {
    id: uuidv7(), slug: DEMO_WALL_SLUG, name: 'Màn hình tường IOC (27 màn, dữ liệu minh họa)', columns: 9, rows: 3,
    unitId: province.id, unitPath: province.path, isDemo: true,
  });
  await upsertScreens(db, layout.id, demoScreens().map((content, i) => ({ position: i + 1, content })), 'demo');
  return true;
}
