// Journey: a wall PC opens its kiosk screen with a wall-screen key; the operator changes what the screen shows
// and it switches live; the server goes away and comes back: the screen shows "offline since …", keeps its
// content, and catches up the change made while it was cut off. Then the IOC map page shows its layers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiSession, launchBrowser, newContext, signIn, type ApiSession } from './support/browser.js';
import { ADMIN_PASSWORD, repoRoot } from './support/server.js';

declare global {
  interface Window { __iocOpsMap?: import('maplibre-gl').Map }
}

const WALL = 'ioc-chinh';

/** One IOC server on a fixed port and data folder, so that it can be stopped and started again. */
class RestartableServer {
  private child: ChildProcess | null = null;
  private log = '';
  constructor(readonly port: number, private readonly dataDir: string) {}
  get baseUrl() { return `http://127.0.0.1:${this.port}`; }
  output() { return this.log; }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: String(this.port), IOC_DATA_DIR: this.dataDir, IOC_ADMIN_PASSWORD: ADMIN_PASSWORD, IOC_LOG_LEVEL: 'warn',
      IOC_DEMO_DOSSIERS: '3000', IOC_DEMO_REPORTS: '2000', NODE_ENV: 'test',
    };
    delete env.DATABASE_URL;   // the embedded database in dataDir survives the restart
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const append = (chunk: Buffer) => { this.log = (this.log + chunk.toString()).slice(-20_000); };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.child = child;
    const deadline = Date.now() + 240_000;   // a fresh demo database on a busy machine
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${this.log}`);
      try { if ((await fetch(`${this.baseUrl}/readyz`)).status === 200) return; } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server not ready:\n${this.log}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let server: RestartableServer;
let dataDir: string;
let browser: Browser;
beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('web build failed');
  dataDir = await mkdtemp(join(tmpdir(), 'ioc-e2e-wall-'));
  server = new RestartableServer(await freePort(), dataDir);
  await server.start();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function assign(admin: ApiSession, position: number, content: unknown): Promise<void> {
  const res = await admin.api.put(`/api/walls/${WALL}/screens`, { headers: { 'X-CSRF-Token': admin.csrfToken }, data: { assignments: [{ position, content }] } });
  expect(res.status(), await res.text()).toBe(200);
}

describe('the video wall', () => {
  it('a kiosk screen signs in with its key, switches content live, and rides out a server restart', async () => {
    let admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const issued = await admin.api.post(`/api/walls/${WALL}/keys`, { headers: { 'X-CSRF-Token': admin.csrfToken }, data: { label: 'Máy trạm E2E' } });
    expect(issued.status(), await issued.text()).toBe(201);
    const { secret } = await issued.json() as { secret: string };
    await assign(admin, 9, { kind: 'clock' });

    // The wall PC: no user session, only the key in the link's fragment (kept in local storage and traded for the wall cookie).
    const wallPc = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 720 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const screen = await wallPc.newPage();
    const pageErrors: string[] = [];
    screen.on('pageerror', (e) => pageErrors.push(e.message));
    await screen.goto(`/wall/${WALL}/9#key=${encodeURIComponent(secret)}`);
    const kiosk = screen.getByTestId('wall-kiosk');
    await kiosk.and(screen.locator('[data-content="clock"][data-hub="open"]')).waitFor({ timeout: 30_000 });
    expect(screen.url()).not.toContain(secret);                                  // the fragment is dropped once kept
    expect(await screen.evaluate(() => localStorage.getItem('ioc.wallScreenKey'))).toBe(secret);
    expect(await screen.locator('.top-bar, .side-nav').count()).toBe(0);         // no application chrome
    await screen.getByTestId('wall-clock').waitFor();

    // The operator puts the indicators dashboard on screen 9: it switches without a reload.
    await screen.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });
    const t0 = Date.now();
    await assign(admin, 9, { kind: 'dashboard', dashboard: 'indicators' });
    await screen.getByTestId('wall-dashboard-indicators').waitFor({ timeout: 10_000 });
    const switchMs = Date.now() - t0;
    expect(await screen.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(switchMs).toBeLessThan(10_000);

    // The server goes away: a discreet badge says since when; the content stays.
    await server.stop();
    const badge = screen.getByTestId('offline-badge');
    await badge.waitFor({ timeout: 60_000 });
    expect(await badge.textContent()).toMatch(/Mất kết nối từ \d{2}:\d{2}/);
    expect(await screen.getByTestId('wall-dashboard-indicators').count()).toBe(1);

    // It comes back; a change made before the screen reconnects reaches it through the hub's replay.
    await server.start();
    admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    await assign(admin, 9, { kind: 'rotation', periodSeconds: 5, items: [{ kind: 'clock' }, { kind: 'dashboard', dashboard: 'feedback' }] });
    await badge.waitFor({ state: 'detached', timeout: 60_000 });
    await kiosk.and(screen.locator('[data-content="rotation"]')).waitFor({ timeout: 30_000 });
    await screen.getByTestId('wall-dashboard-feedback').waitFor({ timeout: 20_000 });   // the rotation turned
    expect(await screen.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // A revoked key stops the screen, which says so calmly instead of showing an error page.
    const keys = await (await admin.api.get(`/api/walls/${WALL}/keys`)).json() as { items: { id: string; label: string }[] };
    const key = keys.items.find((k) => k.label === 'Máy trạm E2E')!;
    expect((await admin.api.delete(`/api/walls/${WALL}/keys/${key.id}`, { headers: { 'X-CSRF-Token': admin.csrfToken } })).status()).toBe(200);
    await screen.reload();
    await screen.getByText('Khóa của màn hình này đã bị thu hồi hoặc không hợp lệ. Liên hệ điều hành viên.').waitFor({ timeout: 20_000 });
    expect(pageErrors).toEqual([]);
    await admin.api.dispose();
    await wallPc.close();
  }, 240_000);

  it('the IOC map page shows its layers, and the control page assigns screens and issues keys', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Bản đồ điều hành' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bản đồ điều hành IOC' }).waitFor();
    for (const name of ['Chỉ tiêu theo đơn vị', 'Cảm biến', 'Cảnh báo đang hoạt động', 'Sự cố', 'Phản ánh (cụm)', 'Phản ánh (bản đồ nhiệt)', 'Camera', 'Tình trạng giao thông']) {
      await page.getByRole('checkbox', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) }).waitFor();
    }
    await page.locator('.map-canvas[data-loaded="true"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const map = window.__iocOpsMap;
      return !!map && map.loaded() && map.queryRenderedFeatures({ layers: ['units-fill'] }).length > 0
        && map.querySourceFeatures('reports').length > 0;
    }, undefined, { timeout: 30_000 });
    // A choropleth legend names the indicator and the period.
    await page.locator('.ops-legend figcaption').first().waitFor();
    // The heatmap is off until switched on.
    expect(await page.evaluate(() => window.__iocOpsMap!.getLayoutProperty('reports-heat', 'visibility'))).toBe('none');
    await page.getByRole('checkbox', { name: /^Phản ánh \(bản đồ nhiệt\)/ }).check();
    await page.waitForFunction(() => window.__iocOpsMap!.getLayoutProperty('reports-heat', 'visibility') === 'visible');
    // The time slider moves the window into the past.
    await page.getByRole('slider', { name: 'Thời gian' }).fill('60');
    await expect(page.getByTestId('ops-window').textContent()).resolves.toContain('Lịch sử từ');

    // The control page: the demo's 27 screens; put the clock on screen 5; issue a key for another wall PC.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Màn hình tường' }).click();
    await page.getByRole('heading', { level: 1, name: 'Màn hình tường' }).waitFor();
    await page.locator('.wall-cell[data-position="27"]').waitFor();
    await expect(page.locator('.wall-cell').count()).resolves.toBe(27);
    await page.getByRole('button', { name: 'Màn hình 5', exact: true }).click();
    await page.getByLabel('Nội dung', { exact: true }).selectOption({ label: 'Đồng hồ' });
    await page.getByRole('button', { name: 'Gán cho màn hình đã chọn' }).click();
    await page.locator('.wall-cell[data-position="5"][data-kind="clock"]').waitFor({ timeout: 10_000 });
    // A map of road status alone: the road layer is switched on its own, without the sensors.
    await page.getByRole('button', { name: 'Màn hình 6', exact: true }).click();
    await page.getByLabel('Nội dung', { exact: true }).selectOption('map');
    await page.getByRole('checkbox', { name: 'Tình trạng giao thông' }).check();
    await page.getByRole('button', { name: 'Gán cho màn hình đã chọn' }).click();
    await page.locator('.wall-cell[data-position="6"][data-kind="map"]').waitFor({ timeout: 10_000 });
    const admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const wall = await (await admin.api.get(`/api/walls/${WALL}`)).json() as { screens: { position: number; content: unknown }[] };
    expect(wall.screens.find((s) => s.position === 6)?.content).toEqual({ kind: 'map', layers: ['roads'] });
    await admin.api.dispose();
    await page.getByLabel('Tên máy trạm').fill('Máy trạm 2 (màn 10–18)');
    await page.getByRole('button', { name: 'Cấp khóa' }).click();
    await expect(page.getByTestId('issued-key').textContent()).resolves.toMatch(/\/wall\/ioc-chinh\/1#key=iocw_/);
    await page.getByRole('cell', { name: 'Máy trạm 2 (màn 10–18)' }).waitFor();
    await context.close();
  }, 120_000);
});
