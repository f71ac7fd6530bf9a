// Headless Chromium from the machine (never downloaded) and the steps most journeys share.
import { chromium, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** Signs in through the login page (in Vietnamese, the default language) and waits for the overview. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
}

/** Waits until MapLibre has loaded and drawn the unit polygons. */
export async function waitForMap(page: Page): Promise<void> {
  await page.locator('.map-canvas[data-loaded="true"]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => {
    const map = window.__iocMap;
    return !!map && map.loaded() && map.queryRenderedFeatures({ layers: ['units-fill'] }).length > 0;
  }, undefined, { timeout: 30_000 });
}

export interface ApiSession { api: APIRequestContext; csrfToken: string; user: { id: string; scopeUnitId: string } }

/** A second, API-only signed-in session (cookie + CSRF token), as another operator would have. */
export async function apiSession(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const api = await request.newContext({ baseURL: baseUrl });
  const response = await api.post('/api/auth/login', { data: { username, password } });
  if (!response.ok()) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
  const session = await response.json() as { csrfToken: string; user: { id: string; scopeUnitId: string } };
  return { api, csrfToken: session.csrfToken, user: session.user };
}

declare global {
  interface Window { __iocMap?: import('maplibre-gl').Map }
}
