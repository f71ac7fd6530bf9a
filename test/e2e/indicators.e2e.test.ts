// Journey: a data clerk of a new commune enters a value on the monthly public-order report (autosaved),
// and the leaders' dashboard shows KPI tiles against the targets.
import { describe, expect, it } from 'vitest';
import { apiSession, newContext, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

describe('indicators', () => {
  it('a clerk enters a value that saves itself, and the dashboard shows KPI tiles', async () => {
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const found = await admin.api.get('/api/units', { params: { q: 'DN-new-p-dong-xoai', includeEnded: 'true' } });
    const commune = (await found.json() as { items: { id: string; code: string; name: string }[] }).items.find((u) => u.code === 'DN-new-p-dong-xoai');
    if (!commune) throw new Error('unit DN-new-p-dong-xoai not found');
    const password = 'clerk-password-1';
    const created = await admin.api.post('/api/users', {
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { username: 'dongxoai.clerk', displayName: 'Cán bộ nhập liệu Đồng Xoài', role: 'data_clerk', scopeUnitId: commune.id, password },
    });
    expect(created.status(), await created.text()).toBe(201);

    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'dongxoai.clerk', password);
    await page.goto(`/indicators/entry?form=${encodeURIComponent('04/CA-ANTT')}`);
    await page.getByRole('heading', { level: 1, name: 'Nhập số liệu báo cáo' }).waitFor();
    // The clerk's own commune and the last complete period are chosen for them.
    await expect.poll(() => page.getByLabel('Đơn vị báo cáo').locator('option:checked').textContent()).toBe(commune.name);
    expect(await page.getByLabel('Kỳ báo cáo').locator('option:checked').textContent()).toContain('kỳ gần nhất đã kết thúc');
    await expect.poll(() => page.getByTestId('report-state').textContent()).toMatch(/Đang soạn|Bị trả lại/);

    const input = page.getByLabel('Giá trị Số vụ tai nạn giao thông', { exact: true });
    await input.fill('17');
    const row = page.locator('tr.entry-row').filter({ has: input });
    await expect.poll(() => row.locator('.cell-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    await expect.poll(() => page.getByTestId('save-summary').textContent()).toBe('Mọi thay đổi đã được lưu');

    // The value is on the journey.server with a version, recorded in its history.
    const period = new URL(page.url()).searchParams.get('period') ?? await page.getByLabel('Kỳ báo cáo').inputValue();
    const entry = await admin.api.get(`/api/forms/${encodeURIComponent('04/CA-ANTT')}/entry`, { params: { unitId: commune.id, period } });
    const cells = (await entry.json() as { cells: { indicatorCode: string; value: number | null; version: number; updatedBy: string | null }[] }).cells;
    const saved = cells.find((c) => c.indicatorCode === 'TRAFFIC_ACCIDENTS');
    expect(saved?.value).toBe(17);
    expect(saved?.updatedBy).toBe('Cán bộ nhập liệu Đồng Xoài');
    await admin.api.dispose();
    await context.close();

    // The leader's dashboard (the admin here, defaulting to the province) shows KPI tiles with a traffic light.
    const leader = await newContext(journey.browser, journey.server.baseUrl);
    const leaderPage = await leader.newPage();
    await signIn(leaderPage, 'admin', journey.server.adminPassword);
    await leaderPage.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chỉ tiêu KT-XH' }).click();
    await leaderPage.getByRole('heading', { level: 1, name: /Chỉ tiêu kinh tế – xã hội — Tỉnh Đồng Nai/ }).waitFor();
    const tiles = leaderPage.getByTestId('kpi-tiles').locator('li');
    await expect.poll(() => tiles.count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await leaderPage.getByTestId('kpi-tiles').getByText(/Đạt tiến độ|Cần chú ý|Chậm tiến độ/).count()).toBeGreaterThan(0);
    expect(await leaderPage.getByText('Số liệu mô phỏng (synthetic)').count()).toBeGreaterThan(0);

    // The data-quality view of the clerk's form and period lists the commune's report with its check result.
    await leaderPage.goto(`/indicators/quality?form=${encodeURIComponent('04/CA-ANTT')}&period=${period}`);
    await leaderPage.getByRole('heading', { level: 1, name: 'Chất lượng số liệu' }).waitFor();
    const qualityTable = leaderPage.getByRole('table', { name: 'Kết quả kiểm tra từng báo cáo' });
    await expect.poll(() => qualityTable.getByRole('row').filter({ hasText: commune.name }).count(), { timeout: 15_000 }).toBe(1);
    await leader.close();
  });
});
