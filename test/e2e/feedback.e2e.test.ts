// Journey: a citizen files a report on the public page (on a phone, no sign-in) and gets a tracking code; an
// operator with the inbox open sees it arrive live, opens it and assigns it to an agency; the citizen's status
// page then shows the new state and the agency. The citizen's text (with HTML in it) is shown as text.
import { describe, expect, it } from 'vitest';
import { apiSession, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

describe('citizen feedback', () => {
  it('a citizen’s report reaches the operator’s inbox live, is assigned, and the status page shows it', async () => {
    const admin = await apiSession(journey.server.baseUrl, 'admin', journey.server.adminPassword);
    const province = (await (await admin.api.get('/api/units', { params: { q: '75', limit: 50 } })).json() as { items: { id: string; code: string }[] })
      .items.find((u) => u.code === '75');
    if (!province) throw new Error('unit 75 not found');
    const password = 'operator-password-1';
    const created = await admin.api.post('/api/users', {
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { username: 'dongnai.operator', displayName: 'Điều hành viên 1022', role: 'operator', scopeUnitId: province.id, password },
    });
    expect(created.status(), await created.text()).toBe(201);
    await admin.api.dispose();

    // The operator opens the inbox (operator queue, open reports) and waits for the live connection.
    const staff = await journey.browser.newContext({ baseURL: journey.server.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const inbox = await staff.newPage();
    await signIn(inbox, 'dongnai.operator', password);
    await inbox.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Phản ánh 1022' }).click();
    await inbox.getByRole('heading', { level: 1, name: 'Hộp thư phản ánh chung' }).waitFor();
    await inbox.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Hàng chờ điều hành viên' });
    await inbox.getByTestId('result-count').waitFor();
    await inbox.locator('.connection-badge[data-state="open"]').first().waitFor({ timeout: 15_000 });

    // The citizen, on a phone, without signing in.
    const phone = await journey.browser.newContext({
      baseURL: journey.server.baseUrl, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const citizen = await phone.newPage();
    await citizen.goto('/phan-anh');
    await citizen.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    // A life-threatening category shows the emergency number at once.
    await citizen.getByRole('radio', { name: 'Cháy, nổ' }).check();
    expect(await citizen.getByTestId('emergency-notice').textContent()).toContain('114');
    await citizen.getByRole('radio', { name: 'Khác' }).check();
    expect(await citizen.getByTestId('emergency-notice').count()).toBe(0);
    const text = `Cống thoát nước bị tắc <script>alert("x")</script> ${Date.now() % 100000}`;
    await citizen.getByLabel('Mô tả sự việc').fill(text);
    await citizen.getByRole('button', { name: 'Xã, phường' }).click();
    await citizen.getByRole('combobox', { name: 'Xã, phường' }).selectOption({ label: 'Phường Đồng Xoài' });
    await citizen.getByLabel('Địa chỉ (không bắt buộc)').fill('Đường Phú Riềng Đỏ');
    await citizen.getByLabel('Số điện thoại').fill('0912 000 111');
    await citizen.getByRole('button', { name: 'Gửi phản ánh', exact: true }).click();
    const codeElement = citizen.getByTestId('tracking-code');
    await codeElement.waitFor();
    const code = (await codeElement.textContent())?.trim() ?? '';
    expect(code).toMatch(/^PA[0-9A-Z]{8}$/);

    // It appears in the operator's inbox without a reload, flagged as just in.
    const row = inbox.getByRole('row').filter({ has: inbox.getByRole('link', { name: code }) });
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('fresh-badge').waitFor();
    expect(await row.textContent()).toContain('Trang web');

    // The operator opens it: the citizen's HTML is text, not markup; the phone number is there for staff.
    await row.getByRole('link', { name: code }).click();
    await inbox.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
    expect(await inbox.getByTestId('report-description').textContent()).toBe(text);
    expect(await inbox.locator('[data-testid="report-description"] script').count()).toBe(0);
    expect(await inbox.getByText('0912 000 111').count()).toBe(1);
    await inbox.getByLabel('Cơ quan xử lý').selectOption({ label: 'Sở Xây dựng tỉnh Đồng Nai' });
    await inbox.getByRole('button', { name: 'Phân công', exact: true }).click();
    await expect.poll(() => inbox.getByTestId('report-agency').textContent()).toBe('Sở Xây dựng tỉnh Đồng Nai');
    await expect.poll(() => inbox.locator('.fb-subtitle .fb-state').textContent()).toBe('Đã phân công');

    // The citizen follows the report: the new state and the agency, and never the phone number.
    await citizen.getByRole('link', { name: 'Theo dõi phản ánh' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Tra cứu kết quả phản ánh' }).waitFor();
    await expect.poll(() => citizen.getByTestId('status-label').textContent()).toBe('Đã chuyển cơ quan có trách nhiệm');
    expect(await citizen.getByTestId('status-agency').textContent()).toBe('Sở Xây dựng tỉnh Đồng Nai');
    expect(await citizen.content()).not.toContain('0912 000 111');

    await phone.close();
    await staff.close();
  });
});
