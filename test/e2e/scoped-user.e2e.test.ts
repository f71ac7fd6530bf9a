// Journey: an admin creates a user scoped to Thành phố Đồng Xoài; that user sees only the units under it.
import { describe, expect, it } from 'vitest';
import { apiSession, newContext, signIn, waitForMap } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

describe('a user scoped to one district', () => {
  it('sees only the units under Thành phố Đồng Xoài', async () => {
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const found = await admin.api.get('/api/units', { params: { q: '689', includeEnded: 'true' } });
    const dongXoai = (await found.json() as { items: { id: string; code: string; path: string }[] }).items.find((u) => u.code === '689');
    if (!dongXoai) throw new Error('unit 689 not found');

    const password = 'dong-xoai-password-1';
    const created = await admin.api.post('/api/users', {
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { username: 'dongxoai.leader', displayName: 'Lãnh đạo Đồng Xoài', role: 'leader', scopeUnitId: dongXoai.id, password },
    });
    expect(created.status(), await created.text()).toBe(201);
    await admin.api.dispose();

    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'dongxoai.leader', password);

    // The district ended on 2025-07-01, so the overview opens on its last day and maps its communes.
    // (the as-of date follows once the scope unit's record has loaded: allow a busy server some seconds)
    await expect.poll(() => page.getByLabel('Thời điểm (as of)').inputValue(), { timeout: 10_000 }).toBe('2025-06-30');
    await waitForMap(page);
    const mapped = await page.evaluate(async () => {
      const source = window.__iocMap?.getSource('units') as { getData?: () => Promise<unknown> } | undefined;
      const data = await source?.getData?.() as { features: { properties: { id: string; parentId: string | null } }[] } | undefined;
      return (data?.features ?? []).map((f) => f.properties);
    });
    expect(mapped.length).toBeGreaterThan(3);
    for (const unit of mapped) expect(unit.parentId).toBe(dongXoai.id);

    await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor();
    const paths = page.locator('.data-table tbody td:nth-child(4)');
    await expect.poll(() => paths.count()).toBeGreaterThan(3);
    for (const path of await paths.allTextContents()) expect(path.startsWith(dongXoai.path)).toBe(true);
    // Neighbouring districts are out of scope.
    expect(await page.getByText('Huyện Bù Đăng').count()).toBe(0);
    await context.close();
  });
});
