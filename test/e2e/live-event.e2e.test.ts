// Journey: with the overview open, another operator creates an agency; it appears in the live ticker.
import { describe, expect, it } from 'vitest';
import { apiSession, newContext, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

describe('the live event ticker', () => {
  it('shows an agency created elsewhere within a few seconds', async () => {
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'admin', journey.server.adminPassword);
    await page.locator('.connection-badge[data-state="open"]').first().waitFor({ timeout: 15_000 });

    const other = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const units = await other.api.get('/api/units', { params: { q: 'Đồng Nai', type: 'province' } });
    expect(units.ok()).toBe(true);
    const province = (await units.json() as { items: { id: string; code: string }[] }).items.find((u) => u.code === '75');
    if (!province) throw new Error('province 75 not found');

    const name = `Sở Thử nghiệm E2E ${Date.now() % 100000}`;
    const created = await other.api.post('/api/agencies', {
      headers: { 'X-CSRF-Token': other.csrfToken },
      data: { code: `E2E-${Date.now() % 100000}`, name, nameEn: 'E2E Test Department', kind: 'department', unitId: province.id },
    });
    expect(created.status(), await created.text()).toBe(201);

    const ticker = page.getByTestId('event-ticker');
    const startedAt = Date.now();
    await ticker.getByText(`Đã tạo cơ quan ${name}`).waitFor({ timeout: 5_000 });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(await ticker.getAttribute('aria-live')).toBe('polite');
    // Newest first, with a HH:mm:ss time.
    const first = ticker.locator('li').first();
    await expect(first.textContent()).resolves.toContain(name);
    await expect(first.locator('time').textContent()).resolves.toMatch(/^\d{2}:\d{2}:\d{2}$/);

    await other.api.dispose();
    await context.close();
  });
});
