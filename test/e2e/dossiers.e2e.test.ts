// Journey: a one-stop-shop system sends dossiers; the province leader opens the dossiers dashboard, sees the
// KPI tiles, clicks the overdue number, lands on the list behind it, and opens an overdue dossier to see its
// history with the agency at each step and the agency holding it now.
import { describe, expect, it } from 'vitest';
import { apiSession, newContext, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('dossiers', () => {
  it('a leader drills from the overdue tile to the list and into a dossier’s history with the holding agency', async () => {
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const write = { 'X-CSRF-Token': admin.csrfToken };
    const province = (await (await admin.api.get('/api/units', { params: { q: '75', limit: 50 } })).json() as { items: { id: string; code: string }[] })
      .items.find((u) => u.code === '75');
    if (!province) throw new Error('unit 75 not found');

    // A procedure with a 3-working-day limit, and four dossiers: overdue (moved on to the department, which
    // holds it now), pending within its deadline, finished on time, finished late.
    const procedure = await admin.api.post('/api/procedures', {
      headers: write,
      data: { code: 'E2E.DD-01', name: 'Đăng ký biến động đất đai (kiểm thử)', field: 'Đất đai', level: 'commune', processingDays: 3, onlineLevel: 'partial' },
    });
    expect(procedure.status(), await procedure.text()).toBe(201);
    const now = Date.now();
    const base = { procedureCode: 'E2E.DD-01', receivingUnitCode: 'DN-new-p-dong-xoai', handlingAgencyCode: 'DN-UBND-p-dong-xoai' };
    const bulk = await admin.api.post('/api/dossiers/bulk', {
      headers: write,
      data: {
        source: 'e2e-motcua',
        dossiers: [
          {
            ...base, code: 'E2E-OVERDUE-1', channel: 'online', receivedAt: iso(now - 30 * DAY), dueAt: iso(now - 20 * DAY),
            events: [
              { at: iso(now - 30 * DAY), status: 'received', agencyCode: 'DN-UBND-p-dong-xoai' },
              { at: iso(now - 29 * DAY), status: 'in_progress', agencyCode: 'DN-SNNMT', note: 'Chuyển Sở thẩm định' },
            ],
          },
          {
            ...base, code: 'E2E-PENDING-1', channel: 'direct', receivedAt: iso(now - DAY), dueAt: iso(now + 10 * DAY),
            events: [{ at: iso(now - DAY), status: 'received', agencyCode: 'DN-UBND-p-dong-xoai' }],
          },
          {
            ...base, code: 'E2E-ONTIME-1', channel: 'online', receivedAt: iso(now - 10 * DAY), dueAt: iso(now - 2 * DAY), onlinePayment: true, digitisedResult: true,
            events: [
              { at: iso(now - 10 * DAY), status: 'received', agencyCode: 'DN-UBND-p-dong-xoai' },
              { at: iso(now - 8 * DAY), status: 'finished', agencyCode: 'DN-UBND-p-dong-xoai' },
            ],
          },
          {
            ...base, code: 'E2E-LATE-1', channel: 'postal', receivedAt: iso(now - 12 * DAY), dueAt: iso(now - 9 * DAY),
            events: [
              { at: iso(now - 12 * DAY), status: 'received', agencyCode: 'DN-UBND-p-dong-xoai' },
              { at: iso(now - 3 * DAY), status: 'finished', agencyCode: 'DN-UBND-p-dong-xoai' },
            ],
          },
        ],
      },
    });
    expect(bulk.status(), await bulk.text()).toBe(200);

    // A leader of the province (read-only on dossiers).
    const password = 'leader-password-1';
    const created = await admin.api.post('/api/users', {
      headers: write,
      data: { username: 'dongnai.leader', displayName: 'Lãnh đạo tỉnh Đồng Nai', role: 'leader', scopeUnitId: province.id, password },
    });
    expect(created.status(), await created.text()).toBe(201);
    // What the server counts as overdue for the province, whatever else the database holds (demo data).
    const metrics = await (await admin.api.get('/api/dossiers/metrics', { params: { groupBy: 'unit', unitId: province.id } })).json() as { total: { pendingOverdue: number } };
    expect(metrics.total.pendingOverdue).toBeGreaterThan(0);
    await admin.api.dispose();

    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'dongnai.leader', password);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ TTHC' }).click();
    await page.getByRole('heading', { level: 1, name: /Hồ sơ thủ tục hành chính — Tỉnh Đồng Nai/ }).waitFor();
    const tiles = page.getByTestId('kpi-tiles');
    await tiles.waitFor();
    expect(await tiles.locator('li').count()).toBe(8);
    const overdue = page.getByTestId('kpi-pendingOverdue');
    await expect.poll(() => overdue.textContent()).toContain(new Intl.NumberFormat('vi-VN').format(metrics.total.pendingOverdue));

    // The overdue number opens the list of exactly those dossiers.
    await overdue.click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    expect(new URL(page.url()).searchParams.get('pending')).toBe('overdue');
    await expect.poll(() => page.getByTestId('drill-note').textContent()).toContain('Đang xử lý quá hạn');
    await expect.poll(() => page.getByTestId('result-count').textContent())
      .toBe(`${new Intl.NumberFormat('vi-VN').format(metrics.total.pendingOverdue)} hồ sơ`);
    const results = page.getByRole('table', { name: 'Kết quả tra cứu hồ sơ' });
    expect(await results.getByRole('link', { name: 'E2E-PENDING-1' }).count()).toBe(0);

    // The dossier: its history, the agency at each step, who holds it now and for how long it is overdue.
    await results.getByRole('link', { name: 'E2E-OVERDUE-1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ E2E-OVERDUE-1' }).waitFor();
    const history = page.getByTestId('dossier-history').locator('li');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.nth(0).textContent()).toContain('Cơ quan: Ủy ban nhân dân phường Đồng Xoài');
    expect(await history.nth(1).textContent()).toContain('Cơ quan: Sở Nông nghiệp và Môi trường tỉnh Đồng Nai');
    expect(await history.nth(1).textContent()).toContain('Chuyển Sở thẩm định');
    expect(await page.getByTestId('holding-agency').textContent()).toContain('Sở Nông nghiệp và Môi trường tỉnh Đồng Nai');
    expect(await page.getByTestId('days-overdue').textContent()).toMatch(/^\d+ ngày làm việc$/);
    await expect.poll(() => page.getByTestId('overdue-note').textContent()).toMatch(/Đang quá hạn \d+ ngày làm việc/);

    // Back to the list it came from.
    await page.getByRole('link', { name: /Quay lại danh sách/ }).click();
    await page.getByTestId('drill-note').waitFor();
    await context.close();
  });
});
