// Journey: an administrator writes an alarm rule (the form says the condition in words); a sensor breaches it and
// the alarm appears live in the console; the operator acknowledges it, makes an incident of it, dispatches the
// police, records their acknowledgement, works it through and closes it with a closure report; the traffic and
// public-order dashboard counts it.
import { describe, expect, it } from 'vitest';
import { apiSession, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

describe('alarms and incidents', () => {
  it('a breach raises a live alarm that is acknowledged, becomes an incident, is dispatched and closed with a report', async () => {
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const headers = { 'X-CSRF-Token': admin.csrfToken };
    const ward = (await (await admin.api.get('/api/units', { params: { q: 'Đồng Xoài', limit: 50 } })).json() as { items: { id: string; code: string }[] })
      .items.find((u) => u.code === 'DN-new-p-dong-xoai');
    if (!ward) throw new Error('ward not found');
    const device = await admin.api.post('/api/telemetry/devices', { headers, data: { id: 'e2e-aq-01', type: 'air-quality', name: 'Trạm thử nghiệm Đồng Xoài', unitId: ward.id, lon: 106.89, lat: 11.53 } });
    expect(device.status(), await device.text()).toBe(201);

    const context = await journey.browser.newContext({ baseURL: journey.server.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await signIn(page, 'admin', journey.server.adminPassword);

    // The rule form shows the condition in words as it is filled in.
    await page.goto('/operations/alarms/rules');
    await page.getByRole('heading', { level: 1, name: 'Quy tắc cảnh báo' }).waitFor();
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await page.getByLabel('Tên quy tắc').fill('Bụi mịn thử nghiệm');
    await page.getByLabel('Ngưỡng', { exact: true }).fill('300');
    await page.getByLabel(/Ngưỡng hết cảnh báo/).fill('200');
    await expect.poll(() => page.getByTestId('rule-condition').textContent()).toBe('pm25 lớn hơn 300; hết cảnh báo khi pm25 không quá 200');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('cell', { name: 'Bụi mịn thử nghiệm' }).waitFor();

    // The console is open and live when the sensor breaches the rule; the evaluator runs every 10 s.
    await page.getByRole('link', { name: 'Bảng cảnh báo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cảnh báo' }).waitFor();
    await page.locator('.connection-badge[data-state="open"]').first().waitFor({ timeout: 15_000 });
    const reading = await admin.api.post('/api/telemetry/readings', { headers, data: { readings: [{ deviceId: 'e2e-aq-01', ts: new Date().toISOString(), values: { pm25: 350 } }] } });
    expect(reading.status(), await reading.text()).toBe(200);
    const row = page.getByRole('row').filter({ hasText: 'e2e-aq-01' }).filter({ hasText: 'Bụi mịn thử nghiệm' });
    await row.waitFor({ timeout: 40_000 });
    expect(await row.locator('.sev').textContent()).toBe('Cao');
    expect(await row.textContent()).toContain('Đang hoạt động, chưa xác nhận');

    await row.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => row.textContent()).toContain('Đang hoạt động, đã xác nhận');

    // The alarm becomes an incident.
    await row.getByRole('button', { name: /pm25 = 350/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Xác nhận', { exact: true }).first().waitFor();
    await dialog.getByRole('button', { name: 'Tạo sự cố' }).click();
    await page.getByRole('heading', { level: 1, name: /^SC-\d{4}-\d{4}/ }).waitFor();
    expect(await page.locator('.inc-status').first().textContent()).toBe('Mới');

    // Dispatch the provincial police, record their acknowledgement, work it, close it with a report.
    await page.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Công an tỉnh Đồng Nai' });
    await page.getByRole('button', { name: 'Điều động', exact: true }).click();
    await expect.poll(() => page.locator('.inc-status').first().textContent()).toBe('Đã điều động');
    await page.getByRole('button', { name: 'Xác nhận cho cơ quan' }).click();
    await page.getByText(/Đã xác nhận lúc/).waitFor();
    await page.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    await expect.poll(() => page.locator('.inc-status').first().textContent()).toBe('Đang xử lý');
    await page.getByRole('button', { name: 'Đã xử lý xong' }).click();
    await expect.poll(() => page.locator('.inc-status').first().textContent()).toBe('Đã xử lý xong');
    await page.getByLabel('Báo cáo kết thúc').fill('Đã kiểm tra hiện trường: đốt rơm rạ, đã nhắc nhở các hộ dân.');
    await page.getByRole('button', { name: 'Đóng sự cố' }).click();
    await expect.poll(() => page.locator('.inc-status').first().textContent()).toBe('Đã đóng');
    const timeline = await page.getByTestId('incident-timeline').textContent();
    expect(timeline).toContain('Cơ quan xác nhận');
    expect(timeline).toContain('Báo cáo kết thúc');

    // The dashboard counts it (environment incidents are in "all").
    await page.goto('/operations/incidents/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Giao thông và trật tự công cộng' }).waitFor();
    await expect.poll(async () => Number(await page.locator('.inc-total').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.inc-chart-grid svg').count()).toBe(3);
    await admin.api.dispose();
    await context.close();
  });
});
