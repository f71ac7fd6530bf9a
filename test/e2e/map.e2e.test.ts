// Journey: the overview map draws unit boundaries; going back to 30 June 2025 shows Bình Phước's
// districts, and Thành phố Đồng Xoài can be picked on the map. On the operations map, the road-status layer
// draws the traffic counters' segments and a click on one shows its details.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession, newContext, signIn, waitForMap } from './support/browser.js';
import { repoRoot } from './support/server.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

declare global {
  interface Window { __iocOpsMap?: import('maplibre-gl').Map }
}

/** Screen point inside the named unit's polygon (area centroid of its largest ring), or null. */
async function pointOf(page: Page, name: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate(async (unitName) => {
    const map = window.__iocMap;
    const source = map?.getSource('units') as { getData?: () => Promise<unknown> } | undefined;
    if (!map || !source?.getData) return null;
    const data = await source.getData() as { features: { properties: { name: string }; geometry: { type: string; coordinates: unknown } }[] };
    const feature = data.features.find((f) => f.properties.name === unitName);
    if (!feature) return null;
    const { geometry } = feature;
    const rings = geometry.type === 'Polygon' ? [(geometry.coordinates as number[][][])[0]!] : (geometry.coordinates as number[][][][]).map((p) => p[0]!);
    const ring = rings.sort((a, b) => b.length - a.length)[0]!;
    let x = 0; let y = 0; let area = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [px, py] = ring[i]!; const [qx, qy] = ring[j]!;
      const f = qx! * py! - px! * qy!;
      x += (qx! + px!) * f; y += (qy! + py!) * f; area += f;
    }
    const point = map.project([x / (3 * area), y / (3 * area)]);
    return { x: point.x, y: point.y };
  }, name);
}

describe('the overview map', () => {
  it('draws the boundaries and switches history states with the as-of date', async () => {
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'admin', journey.server.adminPassword);
    await waitForMap(page);

    const rendered = await page.evaluate(() => window.__iocMap?.queryRenderedFeatures({ layers: ['units-fill'] }).length ?? 0);
    expect(rendered).toBeGreaterThan(5);
    await expect(page.getByTestId('synthetic-note').textContent()).resolves.toContain('Ranh giới mô phỏng (synthetic)');
    const canvas = await page.locator('.map-canvas canvas').boundingBox();
    expect(canvas?.width ?? 0).toBeGreaterThan(300);

    if (process.env.IOC_SCREENSHOT === '1') {
      // A few live events so the ticker in the README picture is not empty.
      const other = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
      const units = await other.api.get('/api/units', { params: { q: 'Đồng Nai', type: 'province' } });
      const province = (await units.json() as { items: { id: string; code: string }[] }).items.find((u) => u.code === '75');
      for (const [code, name, nameEn] of [['SO-KHCN', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'], ['TT-IOC', 'Trung tâm Điều hành thông minh', 'Intelligent Operations Center']] as const) {
        await other.api.post('/api/agencies', {
          headers: { 'X-CSRF-Token': other.csrfToken },
          data: { code: `${code}-DEMO`, name, nameEn, kind: 'department', unitId: province?.id },
        });
      }
      await other.api.dispose();
      await page.getByTestId('event-ticker').locator('li[data-event-type]').nth(1).waitFor();
      await mkdir(join(repoRoot, 'docs'), { recursive: true });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(repoRoot, 'docs/screenshot.png') });
    }

    // Today's tree has the merged Đồng Nai communes, not the abolished district.
    expect(await page.locator('#map-unit option', { hasText: 'Thành phố Đồng Xoài' }).count()).toBe(0);

    await page.getByLabel('Thời điểm (as of)').fill('2025-06-30');
    await page.locator('#map-unit option', { hasText: 'Thành phố Đồng Xoài' }).waitFor({ state: 'attached' });
    await waitForMap(page);
    await expect.poll(() => pointOf(page, 'Thành phố Đồng Xoài'), { timeout: 15_000 }).not.toBeNull();

    const point = await pointOf(page, 'Thành phố Đồng Xoài');
    const box = await page.locator('.map-canvas').boundingBox();
    if (!point || !box) throw new Error('no point for Đồng Xoài');
    await page.mouse.click(box.x + point.x, box.y + point.y);

    const panel = page.getByTestId('unit-panel');
    await panel.getByRole('heading', { name: 'Thành phố Đồng Xoài' }).waitFor();
    await expect(panel.textContent()).resolves.toContain('689');
    // It ended on 2025-07-01 and its territory went to the new communes and wards.
    await expect.poll(() => panel.locator('.link-list li').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2025-06-30');
    await context.close();
  });

  it('draws the road status of the traffic counters on the operations map and shows a segment’s details on click', async () => {
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'admin', journey.server.adminPassword);
    await page.goto('/operations/map');
    await page.locator('.map-canvas[data-loaded="true"]').waitFor({ timeout: 30_000 });
    await expect(page.getByLabel(/^Tình trạng giao thông/).isChecked()).resolves.toBe(true);
    await page.waitForFunction(() => (window.__iocOpsMap?.querySourceFeatures('roads').length ?? 0) > 10, undefined, { timeout: 30_000 });
    await expect(page.locator('.ops-legend').textContent()).resolves.toContain('Ùn tắc');

    // Zoom to one segment and click a quarter of the way along it (the counter's own dot sits at its middle).
    const target = await page.evaluate(async () => {
      const map = window.__iocOpsMap!;
      const data = await (map.getSource('roads') as unknown as { getData: () => Promise<{ features: { geometry: { coordinates: [number, number][] }; properties: { id: string } }[] }> }).getData();
      const feature = data.features.find((f) => f.geometry.coordinates.length >= 2)!;
      const [a, b] = [feature.geometry.coordinates[0]!, feature.geometry.coordinates[feature.geometry.coordinates.length - 1]!];
      map.jumpTo({ center: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], zoom: 14 });
      await new Promise<void>((resolve) => { map.once('idle', () => resolve()); });
      const p = map.project([a[0] + (b[0] - a[0]) * 0.25, a[1] + (b[1] - a[1]) * 0.25]);
      return { id: feature.properties.id, x: p.x, y: p.y, rendered: map.queryRenderedFeatures({ layers: ['roads'] }).length };
    });
    expect(target.rendered).toBeGreaterThan(0);
    const box = await page.locator('.ops-map-frame .map-canvas').boundingBox();
    if (!box) throw new Error('no map canvas');
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const details = page.getByTestId('road-details');
    await details.waitFor();
    const text = await details.textContent();
    expect(text).toMatch(/Quốc lộ|Đường tỉnh/);
    expect(text).toContain('Tốc độ trung bình');
    expect(text).toContain('Lưu lượng');
    expect(text).toContain('Số liệu lúc');
    await expect(page.getByTestId('road-speed').textContent()).resolves.toMatch(/\d.*km\/h|—/);
    await context.close();
  });
});
