import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CreatedWallScreenKey, ScreenIdentity, WallLayout, WallLayoutList, WallScreenKeyList } from '../../../shared/contracts/walls.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { DEMO_WALL_SLUG } from './demo-wall.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp({ env: { IOC_BASEMAP_URL: 'https://tiles.dongnai.gov.vn/{z}/{x}/{y}.png' } });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await t?.close(); });

/** Messages of a hub websocket, with a wait for the first that matches. */
async function openHub(headers: Record<string, string>) {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/hub?topics=walls`, { headers });
  const messages: Record<string, unknown>[] = [];
  socket.on('message', (raw) => { messages.push(JSON.parse(raw.toString()) as Record<string, unknown>); });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const waitFor = async (pred: (m: Record<string, unknown>) => boolean, ms = 5000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const found = messages.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no matching hub message in ${JSON.stringify(messages)}`);
  };
  return { socket, messages, waitFor, close: () => socket.close() };
}

const put = (agent: Agent, slug: string, assignments: unknown) =>
  agent.request({ method: 'PUT', url: `/api/walls/${slug}/screens`, payload: { assignments } });

async function newWall(slug: string, columns = 3, rows = 2): Promise<WallLayout> {
  const res = await (await t.admin()).post('/api/walls', { slug, name: `Tường ${slug}`, columns, rows });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as WallLayout;
}

async function screenCookie(slug: string, label = 'Máy trạm 1'): Promise<{ key: CreatedWallScreenKey; cookie: string }> {
  const res = await (await t.admin()).post(`/api/walls/${slug}/keys`, { label });
  expect(res.statusCode, res.body).toBe(201);
  const key = res.json() as CreatedWallScreenKey;
  const signIn = await t.app.inject({ method: 'POST', url: '/api/walls/screen-sign-in', payload: { secret: key.secret } });
  expect(signIn.statusCode, signIn.body).toBe(200);
  const cookie = signIn.cookies.find((c) => c.name === 'ioc_wall');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.maxAge).toBeGreaterThan(300 * 24 * 3600);   // days, not hours: a wall PC stays up
  return { key, cookie: `ioc_wall=${cookie!.value}` };
}

describe('wall layouts', () => {
  it('seeds the demo with the reference IOC’s 27 screens as 9 × 3, each showing something', async () => {
    const wall = (await (await t.admin()).get(`/api/walls/${DEMO_WALL_SLUG}`)).json() as WallLayout;
    expect([wall.columns, wall.rows, wall.screens.length, wall.isDemo]).toEqual([9, 3, 27, true]);
    expect(wall.screens.map((s) => s.content.kind)).toContain('map');
    expect(wall.screens.map((s) => s.content.kind)).toContain('rotation');
    const list = (await (await t.admin()).get('/api/walls')).json() as WallLayoutList;
    expect(list.items.map((w) => w.slug)).toContain(DEMO_WALL_SLUG);
  });

  it('creates a layout whose new screens show the clock, and resizing keeps what the remaining screens show', async () => {
    await newWall('phong-hop', 3, 2);
    const admin = await t.admin();
    expect((await put(admin, 'phong-hop', [{ position: 2, content: { kind: 'dashboard', dashboard: 'feedback' } }])).statusCode).toBe(200);
    const grown = (await admin.patch('/api/walls/phong-hop', { columns: 4 })).json() as WallLayout;
    expect(grown.screens).toHaveLength(8);
    expect(grown.screens[1]!.content).toEqual({ kind: 'dashboard', dashboard: 'feedback' });
    expect(grown.screens[7]!.content).toEqual({ kind: 'clock' });
    const shrunk = (await admin.patch('/api/walls/phong-hop', { columns: 1, rows: 1 })).json() as WallLayout;
    expect(shrunk.screens.map((s) => s.content)).toEqual([{ kind: 'clock' }]);
    expect((await admin.post('/api/walls', { slug: 'phong-hop', name: 'again', columns: 1, rows: 1 })).statusCode).toBe(409);
  });

  it('refuses a screen outside the grid and content it does not know, and saves nothing', async () => {
    await newWall('kiem-tra', 2, 2);
    const admin = await t.admin();
    const outside = await put(admin, 'kiem-tra', [{ position: 1, content: { kind: 'map' } }, { position: 5, content: { kind: 'map' } }]);
    expect(outside.statusCode).toBe(400);
    expect((outside.json() as { code: string }).code).toBe('wall-screen-missing');
    expect((await put(admin, 'kiem-tra', [{ position: 1, content: { kind: 'video', url: 'x' } }])).statusCode).toBe(400);
    expect((await put(admin, 'kiem-tra', [{ position: 1, content: { kind: 'rotation', periodSeconds: 1, items: [{ kind: 'map' }] } }])).statusCode).toBe(400);
    const wall = (await admin.get('/api/walls/kiem-tra')).json() as WallLayout;
    expect(wall.screens[0]!.content).toEqual({ kind: 'clock' });
  });

  it('lets operators drive the wall and refuses viewers, who may still look at it', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await operator.post('/api/walls', { slug: 'dieu-hanh', name: 'Phòng điều hành tỉnh', columns: 2, rows: 1 })).statusCode).toBe(201);
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '75' });
    const rotation = { kind: 'rotation', periodSeconds: 20, items: [{ kind: 'map', layers: ['choropleth', 'reports'] }, { kind: 'cameras', columns: 2 }] };
    const ok = await put(operator, 'dieu-hanh', [{ position: 1, content: rotation }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as WallLayout).screens[0]).toMatchObject({ content: rotation, updatedBy: expect.stringContaining('operator') as unknown });
    expect((await put(viewer, 'dieu-hanh', [{ position: 2, content: { kind: 'map' } }])).statusCode).toBe(403);
    expect((await viewer.post('/api/walls', { slug: 'cua-toi', name: 'x', columns: 1, rows: 1 })).statusCode).toBe(403);
    expect((await viewer.get('/api/walls/dieu-hanh')).statusCode).toBe(200);
    expect((await viewer.get('/api/walls/dieu-hanh/keys')).statusCode).toBe(403);
  });

  it('hides a province wall from a district user (404) and lists only walls in scope', async () => {
    const district = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    const list = (await district.get('/api/walls')).json() as WallLayoutList;
    expect(list.items.map((w) => w.slug)).not.toContain(DEMO_WALL_SLUG);
    expect((await district.get(`/api/walls/${DEMO_WALL_SLUG}`)).statusCode).toBe(404);
    expect((await put(district, DEMO_WALL_SLUG, [{ position: 1, content: { kind: 'clock' } }])).statusCode).toBe(404);
  });

  it('announces an assignment on the hub topic walls with the screens that changed, and audits it', async () => {
    await newWall('song-dong-nai', 3, 1);
    const admin = await t.admin();
    const hub = await openHub({ cookie: admin.cookie });
    try {
      await hub.waitFor((m) => m.type === 'hub.hello');
      const res = await put(admin, 'song-dong-nai', [
        { position: 3, content: { kind: 'dashboard', dashboard: 'dossiers' } }, { position: 1, content: { kind: 'map' } },
      ]);
      expect(res.statusCode).toBe(200);
      const event = await hub.waitFor((m) => m.type === 'wall.screens-assigned' && (m.data as { slug?: string }).slug === 'song-dong-nai');
      expect(event).toMatchObject({ topic: 'walls', data: { positions: [1, 3] } });
    } finally { hub.close(); }
    const auditRes = await admin.get('/api/audit?action=wall.assign');
    expect(auditRes.statusCode).toBe(200);
    expect(JSON.stringify(auditRes.json())).toContain('wall.assign');
  });
});

describe('wall-screen keys', () => {
  it('signs a wall PC in for days with a key that reads its wall, the hub and the map, and never writes', async () => {
    await newWall('kiosk-a', 2, 1);
    const { key, cookie } = await screenCookie('kiosk-a');
    expect(key.secret).toMatch(/^iocw_/);
    const asScreen = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });
    const identity = (await asScreen('GET', '/api/walls/screen')).json() as ScreenIdentity;
    expect(identity).toMatchObject({ layoutSlug: 'kiosk-a', label: 'Máy trạm 1' });
    expect(identity.permissions).toContain('alarms:read');
    expect(identity.permissions).not.toContain('walls:manage');
    expect((await asScreen('GET', '/api/walls/kiosk-a')).statusCode).toBe(200);
    expect((await asScreen('GET', '/api/units/boundaries')).statusCode).toBe(200);
    expect((await asScreen('GET', '/api/map/config')).json()).toEqual({ basemapUrl: 'https://tiles.dongnai.gov.vn/{z}/{x}/{y}.png' });
    const write = await asScreen('PUT', '/api/walls/kiosk-a/screens', { assignments: [{ position: 1, content: { kind: 'map' } }] });
    expect(write.statusCode).toBe(403);
    expect((write.json() as { code: string }).code).toBe('wall-screen-read-only');
    // The hub's websocket takes the same cookie.
    const hub = await openHub({ cookie });
    try {
      await hub.waitFor((m) => m.type === 'hub.hello');
      await put(await t.admin(), 'kiosk-a', [{ position: 2, content: { kind: 'cameras' } }]);
      await hub.waitFor((m) => m.type === 'wall.screens-assigned');
    } finally { hub.close(); }
    const keys = (await (await t.admin()).get('/api/walls/kiosk-a/keys')).json() as WallScreenKeyList;
    expect(keys.items[0]).toMatchObject({ label: 'Máy trạm 1', revokedAt: null });
    expect(keys.items[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(keys)).not.toContain(key.secret);
  });

  it('stops a revoked key on its next request, and refuses to sign in with it again', async () => {
    await newWall('kiosk-b', 1, 1);
    const { key, cookie } = await screenCookie('kiosk-b');
    expect((await t.app.inject({ method: 'GET', url: '/api/walls/kiosk-b', headers: { cookie } })).statusCode).toBe(200);
    const revoked = await (await t.admin()).request({ method: 'DELETE', url: `/api/walls/kiosk-b/keys/${key.id}` });
    expect(revoked.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/walls/kiosk-b', headers: { cookie } })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/walls/screen-sign-in', payload: { secret: key.secret } });
    expect(again.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/walls/screen-sign-in', payload: { secret: 'iocw_made-up-secret-value' } })).statusCode).toBe(401);
  });

  it('lets a key read only inside its wall’s unit', async () => {
    const district = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    const created = await district.post('/api/walls', { slug: 'kiosk-c', name: 'Tường phường Đồng Xoài', columns: 1, rows: 1 });
    expect(created.statusCode).toBe(201);
    const { cookie } = await screenCookie('kiosk-c');
    expect((await t.app.inject({ method: 'GET', url: `/api/walls/${DEMO_WALL_SLUG}`, headers: { cookie } })).statusCode).toBe(404);
    const identity = (await t.app.inject({ method: 'GET', url: '/api/walls/screen', headers: { cookie } })).json() as ScreenIdentity;
    expect(identity.scopePath).toBe((created.json() as WallLayout).unitPath);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).statusCode).toBe(403);
  });
});

describe('the road status layer of wall maps', () => {
  it('lets a map screen show road status on its own, and sensors without road status', async () => {
    await newWall('giao-thong', 3, 1);
    const a = await t.admin();
    const roadsOnly = { kind: 'map', layers: ['roads'] };
    const sensorsOnly = { kind: 'map', layers: ['devices'] };
    const every = { kind: 'map', layers: ['choropleth', 'devices', 'alarms', 'incidents', 'reports', 'heatmap', 'cameras', 'roads'] };
    const res = await put(a, 'giao-thong', [{ position: 1, content: roadsOnly }, { position: 2, content: sensorsOnly }, { position: 3, content: every }]);
    expect(res.statusCode, res.body).toBe(200);
    const wall = (await a.get('/api/walls/giao-thong')).json() as WallLayout;
    expect(wall.screens.map((s) => s.content)).toEqual([roadsOnly, sensorsOnly, every]);
    expect((await put(a, 'giao-thong', [{ position: 1, content: { kind: 'map', layers: ['roads', 'duong-sat'] } }])).statusCode).toBe(400);
  });

  it('gives stored maps that listed sensors the road status they showed before (migration 0022), and leaves the rest', async () => {
    const wall = await newWall('truoc-nang-cap', 3, 2);
    const stored = [
      { kind: 'map', layers: ['devices', 'alarms'] },                         // showed road status with the sensors
      { kind: 'map', layers: ['choropleth'] },                                // showed none
      { kind: 'map' },                                                        // every layer: unchanged
      { kind: 'rotation', periodSeconds: 30, items: [{ kind: 'map', layers: ['devices'] }, { kind: 'clock' }, { kind: 'map', layers: ['reports'] }] },
      { kind: 'map', layers: ['devices', 'roads'] },                          // already has it
      { kind: 'cameras', columns: 2 },
    ];
    // Written as an older version stored them, past the door that would now accept 'roads'.
    for (const [i, content] of stored.entries()) {
      await t.database.db.execute(sql`UPDATE wall_screens SET content = ${JSON.stringify(content)}::jsonb WHERE layout_id = ${wall.id} AND position = ${i + 1}`);
    }
    const migration = readFileSync(new URL('../../../../drizzle/0022_wall_roads_layer.sql', import.meta.url), 'utf8');
    await t.database.db.execute(sql.raw(migration));
    const after = ((await (await t.admin()).get('/api/walls/truoc-nang-cap')).json() as WallLayout).screens.map((s) => s.content);
    expect(after).toEqual([
      { kind: 'map', layers: ['devices', 'alarms', 'roads'] },
      { kind: 'map', layers: ['choropleth'] },
      { kind: 'map' },
      { kind: 'rotation', periodSeconds: 30, items: [{ kind: 'map', layers: ['devices', 'roads'] }, { kind: 'clock' }, { kind: 'map', layers: ['reports'] }] },
      { kind: 'map', layers: ['devices', 'roads'] },
      { kind: 'cameras', columns: 2 },
    ]);
    // Run twice (a re-run changes nothing).
    await t.database.db.execute(sql.raw(migration));
    expect(((await (await t.admin()).get('/api/walls/truoc-nang-cap')).json() as WallLayout).screens.map((s) => s.content)).toEqual(after);
  });
});
