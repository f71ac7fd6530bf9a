// Journey: an operator opens the sensors page, sees the demo devices with their states and latest values
// (the in-process simulator keeps them current), opens one device and sees its chart.
import { describe, expect, it } from 'vitest';
import { newContext, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

describe('the sensors page', () => {
  it('lists devices with states and live values, and opens a device with its chart', async () => {
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'admin', journey.server.adminPassword);
    await page.goto('/operations/sensors');
    await page.getByRole('heading', { level: 1, name: 'Cảm biến' }).waitFor();

    const states = page.getByTestId('device-status');
    await states.first().waitFor({ timeout: 30_000 });
    expect(await states.count()).toBeGreaterThan(10);
    const stateTexts = new Set(await states.allTextContents());
    expect([...stateTexts].some((s) => /Trực tuyến|Mất kết nối|Chưa gửi/i.test(s))).toBe(true);

    // A traffic counter of the demo: its values carry numbers and units.
    await page.getByLabel('Tìm theo mã hoặc tên').fill('tc-');
    const values = page.locator('[data-testid^="values-tc-"]');
    await values.first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await values.first().textContent()) ?? '', { timeout: 30_000 }).toMatch(/\d.*(km\/h|xe\/5 phút|%)/);

    const series = page.waitForResponse((r) => /\/api\/telemetry\/devices\/[^/]+\/series/.test(r.url()) && r.ok(), { timeout: 30_000 });
    await page.locator('tbody tr').first().getByRole('button').first().click();
    const detail = page.getByTestId('sensor-detail');
    await detail.waitFor();
    // The chart (ECharts, SVG renderer) draws the series the server answered, which is not empty for a demo counter.
    const answered = await (await series).json() as { points: unknown[] };
    expect(answered.points.length).toBeGreaterThan(0);
    await expect.poll(() => detail.locator('svg path').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    await context.close();
  });
});
