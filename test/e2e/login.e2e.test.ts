// Journey: an administrator signs in, sees the overview, switches to English, and the choice survives a reload.
import { describe, expect, it } from 'vitest';
import { newContext, signIn } from './support/browser.js';
import { useJourney } from './support/journey.js';

const journey = useJourney();

describe('signing in', () => {
  it('shows the Vietnamese problem detail when the password is wrong', async () => {
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await context.close();
  });

  it('lets the admin in, switches to English, and keeps English after a reload', async () => {
    const context = await newContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'admin', journey.server.adminPassword);

    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect(nav.getByRole('link', { name: 'Chỉ tiêu KT-XH' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('IOC — Trung tâm điều hành thông minh').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const navEn = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(navEn.getByRole('link', { name: 'Socio-economic indicators' }).isVisible()).resolves.toBe(true);
    expect(await page.getByLabel('As of').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await expect(page.getByRole('link', { name: 'Administrative units' }).isVisible()).resolves.toBe(true);
    expect(await page.getByText('Tổng quan').count()).toBe(0);

    await page.getByText('Quản trị hệ thống', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await context.request.get('/api/auth/me')).status()).toBe(401);
    await context.close();
  });
});
