// Journey: the reports map clustered by the server. With the page's filters set to a year of open and closed
// reports, the province shows clusters whose counts add up to the number of matching reports; a click on a
// cluster zooms into it and splits it into parts that add up to it; a burst of zooming asks the server once or
// twice, not per step; the heatmap toggles on and off; a click on a single report opens that report.
import { describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import type { FeedbackMapPoints, FeedbackMapView } from '../../src/shared/contracts/feedback-stats.js';
import { apiSession, newContext, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

declare global {
  interface Window { __iocReportsMap?: import('maplibre-gl').Map }
}

type Feature = FeedbackMapView['features'][number];
const countOf = (f: Feature) => ('count' in f.properties ? f.properties.count : 'weight' in f.properties ? f.properties.weight : 1);
const isMapRequest = (url: string) => url.includes('/api/feedback/stats/map?');

/** The next viewport answer the page receives that `accept` takes, with the parameters it was asked with. */
async function nextView(page: Page, accept: (q: URLSearchParams) => boolean, act: () => Promise<unknown>): Promise<{ view: FeedbackMapView; query: URLSearchParams }> {
  const response = page.waitForResponse((r: Response) => isMapRequest(r.url()) && r.ok() && accept(new URL(r.url()).searchParams), { timeout: 20_000 });
  await act();
  const r = await response;
  return { view: await r.json() as FeedbackMapView, query: new URL(r.url()).searchParams };
}

/** Where a longitude/latitude is on the page (the map's canvas offset added). */
async function screenPointOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const box = await page.locator('.map-canvas canvas').boundingBox();
  const p = await page.evaluate((at) => window.__iocReportsMap!.project(at), lngLat);
  return { x: box!.x + p.x, y: box!.y + p.y };
}

/** The count labels drawn on the clusters, as numbers ('1.097' in vi-VN). */
async function clusterLabels(page: Page): Promise<number[]> {
  return (await page.locator('.fb-cluster-count').allTextContents()).map((s) => Number(s.replace(/\./g, '')));
}

describe('the reports map', () => {
  it('clusters a year of reports with counts that add up, splits a cluster on click, toggles the heatmap and opens a single report', async () => {
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    const mapRequests: string[] = [];
    page.on('request', (r) => { if (isMapRequest(r.url())) mapRequests.push(r.url()); });
    await signIn(page, 'admin', journey.server.adminPassword);
    await page.goto('/feedback/map');
    await page.locator('.map-canvas[data-loaded="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('map-count').filter({ hasText: 'phản ánh có vị trí' }).waitFor();

    // The page's filters go to the server: a year, open and closed reports.
    await nextView(page, (q) => q.get('open') === null && q.get('from') !== null, () => page.getByLabel('Trạng thái').selectOption({ label: 'Tất cả' }));
    const { view: province, query } = await nextView(page, (q) => q.get('open') === null && q.get('from') !== null && q.get('mode') === null,
      () => page.getByLabel('Thời gian').selectOption({ label: '365 ngày qua' }));
    const from = query.get('from')!;
    const to = query.get('to')!;
    expect(Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)).toBe(364);
    expect(province.mode).toBe('clusters');
    expect(province.zoom).toBeLessThan(10);

    // Every matching report of the unit, from the answer without a viewport (the whole province is in view).
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const all = await (await admin.api.get('/api/feedback/stats/map', { params: { from, to, unitId: query.get('unitId')! } })).json() as FeedbackMapPoints;
    await admin.api.dispose();
    expect(all.truncated).toBe(false);
    expect(all.features.length).toBeGreaterThan(200);
    expect(province.total).toBe(all.features.length);
    expect(province.features.reduce((sum, f) => sum + countOf(f), 0)).toBe(all.features.length);
    const clusters = province.features.filter((f) => 'count' in f.properties);
    expect(clusters.length).toBeGreaterThan(3);
    // The labels on screen are those counts, and say the total with the single reports.
    await expect.poll(async () => (await clusterLabels(page)).sort((a, b) => a - b)).toEqual(clusters.map(countOf).sort((a, b) => a - b));
    const singles = province.features.length - clusters.length;
    expect((await clusterLabels(page)).reduce((a, b) => a + b, 0) + singles).toBe(all.features.length);
    await expect.poll(() => page.getByTestId('map-count').textContent()).toContain(`${new Intl.NumberFormat('vi-VN').format(all.features.length)} phản ánh`);

    // A click on the biggest cluster zooms to its reports, which now come as smaller parts adding up to it.
    const biggest = clusters.sort((a, b) => countOf(b) - countOf(a))[0]!;
    const [w, s, e, n] = (biggest.properties as { bounds: [number, number, number, number] }).bounds;
    const target = await screenPointOf(page, biggest.geometry.coordinates);
    const { view: closer } = await nextView(page, (q) => Number(q.get('zoom')) > province.zoom, () => page.mouse.click(target.x, target.y));
    const within = closer.features.filter(({ geometry: { coordinates: [x, y] } }) => x >= w - 1e-4 && x <= e + 1e-4 && y >= s - 1e-4 && y <= n + 1e-4);
    expect(within.length).toBeGreaterThan(1);
    expect(within.reduce((sum, f) => sum + countOf(f), 0)).toBe(countOf(biggest));

    // A burst of moves (three zoom steps and three pans, 60 ms apart, as a hurried user makes them) settles into
    // one or two requests (debounced; a stale one is aborted), not one per move.
    await page.waitForTimeout(400);
    const before = mapRequests.length;
    await page.evaluate(async () => {
      const map = window.__iocReportsMap!;
      for (let i = 0; i < 6; i++) {
        if (i % 2) map.panBy([150, 80], { duration: 0 });
        else map.zoomIn({ duration: 0 });
        await new Promise((r) => setTimeout(r, 60));
      }
    });
    await page.waitForTimeout(1_500);
    expect(mapRequests.length - before).toBeGreaterThanOrEqual(1);
    expect(mapRequests.length - before).toBeLessThanOrEqual(2);

    // The heatmap: weighted cells instead of clusters, the count labels gone; and back.
    const { view: heat } = await nextView(page, (q) => q.get('mode') === 'heatmap', () => page.getByRole('button', { name: 'Bản đồ nhiệt' }).click());
    expect(heat.mode).toBe('heatmap');
    expect(heat.features.reduce((sum, f) => sum + countOf(f), 0)).toBe(heat.total);
    await expect.poll(() => page.evaluate(() => window.__iocReportsMap!.getLayoutProperty('reports-heat', 'visibility'))).toBe('visible');
    expect(await page.evaluate(() => window.__iocReportsMap!.getLayoutProperty('clusters', 'visibility'))).toBe('none');
    await expect.poll(() => page.locator('.fb-cluster-count').count()).toBe(0);
    expect(page.url()).toContain('mode=heatmap');
    await page.getByRole('button', { name: 'Cụm điểm' }).click();
    await expect.poll(() => page.evaluate(() => window.__iocReportsMap!.getLayoutProperty('clusters', 'visibility'))).toBe('visible');
    await expect.poll(() => page.locator('.fb-cluster-count').count()).toBeGreaterThan(0);

    // A single report: zoom into the smallest clusters until one is drawn as a point, then click it.
    let point: { id: string; at: [number, number] } | null = null;
    for (let step = 0; step < 5 && !point; step++) {
      await page.waitForFunction(() => window.__iocReportsMap?.loaded(), undefined, { timeout: 10_000 });
      point = await page.evaluate(() => {
        const map = window.__iocReportsMap!;
        const size = map.getCanvas().getBoundingClientRect();
        const hit = map.queryRenderedFeatures({ layers: ['report-points'] }).find((f) => {
          const p = map.project((f.geometry as unknown as { coordinates: [number, number] }).coordinates);
          return p.x > 40 && p.y > 40 && p.x < size.width - 60 && p.y < size.height - 40;   // clear of the zoom buttons
        });
        return hit ? { id: String(hit.properties.id), at: (hit.geometry as unknown as { coordinates: [number, number] }).coordinates } : null;
      });
      if (point) break;
      const view = (await page.evaluate(async () => {
        const source = window.__iocReportsMap!.getSource('reports') as unknown as { getData: () => Promise<{ features: Feature[] }> };
        return (await source.getData()).features;
      }));
      const smallest = view.filter((f) => 'count' in f.properties).sort((a, b) => countOf(a) - countOf(b))[0];
      if (!smallest) break;
      const at = await screenPointOf(page, smallest.geometry.coordinates);
      const zoomNow = await page.evaluate(() => window.__iocReportsMap!.getZoom());
      await nextView(page, (q) => Number(q.get('zoom')) > Math.floor(zoomNow), () => page.mouse.click(at.x, at.y));
      await page.waitForTimeout(300);
    }
    expect(point).not.toBeNull();
    const at = await screenPointOf(page, point!.at);
    await page.mouse.click(at.x, at.y);
    await page.waitForURL(`**/feedback/reports/${point!.id}`);
    await page.getByRole('heading', { level: 1, name: /^Phản ánh [0-9A-Z]{6,}$/ }).waitFor();
    await context.close();
  });
});
