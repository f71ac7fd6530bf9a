import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { TEST_ADMIN_PASSWORD } from '../../test/test-database.js';
import { lockDuration } from './auth.service.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and returns the user with a CSRF token', async () => {
    const res = await login('admin', TEST_ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ioc_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy(); // plain HTTP here; Secure is set when the request came over TLS
    expect(res.json()).toMatchObject({ user: { username: 'admin', role: 'admin', scopePath: '/VN/' }, csrfToken: expect.any(String) });
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const proxied = await createTestApp({ env: { IOC_TRUST_PROXY: 'true' } });
    try {
      const res = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'ioc_session')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('answers the same 401 for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody', 'whatever-password');
    const wrong = await login('admin', 'wrong-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect((unknown.json() as { detail: string }).detail).toBe((wrong.json() as { detail: string }).detail);
  });

  it('locks an account after five wrong passwords, even for the right one, and audits the failures', async () => {
    const victim = await t.userAgent({ role: 'viewer', scopeCode: '70', username: 'lockme' });
    expect(victim.cookie).toBeTruthy();
    for (let i = 0; i < 5; i++) expect((await login('lockme', 'bad-password-' + i)).statusCode).toBe(401);
    const locked = await login('lockme', 'password-of-lockme');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'account-locked', retryAfterSeconds: expect.any(Number) });
    const a = await t.admin();
    const audit = (await a.get('/api/audit?action=auth.login-failed')).json() as { items: unknown[] };
    expect(audit.items.length).toBeGreaterThanOrEqual(5);
  });

  it('backs off exponentially after the free attempts, capped at an hour', () => {
    expect(lockDuration(4)).toBe(0);
    expect(lockDuration(5)).toBe(60_000);
    expect(lockDuration(7)).toBe(240_000);
    expect(lockDuration(30)).toBe(3_600_000);
  });

  it('ends the session on logout', async () => {
    const a = await t.userAgent({ role: 'viewer', scopeCode: '70' });
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF header, and accepts it with the header', async () => {
    const a = await t.admin();
    const body = { code: 'CSRF-1', name: 'Cơ quan thử', nameEn: 'Test agency', kind: 'other', unitId: await t.unitId('70'), validFrom: '2024-01-01' };
    const without = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: { cookie: a.cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'csrf-failed' });
    expect((await a.post('/api/agencies', body)).statusCode).toBe(201);
  });
});

describe('API keys', () => {
  it('shows the secret once, stores only its hash, works without CSRF, and stops working when revoked', async () => {
    const a = await t.admin();
    const created = await a.post('/api/api-keys', { name: 'one-stop-shop connector', role: 'operator', scopeUnitId: await t.unitId('689') });
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json() as { apiKey: { id: string; prefix: string }; secret: string };
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const stored = await selectRows<{ key_hash: string }>(t.database.db, sql`SELECT key_hash FROM api_keys WHERE id = ${apiKey.id}`);
    expect(stored[0]!.key_hash).not.toContain(secret);
    expect(JSON.stringify((await a.get('/api/api-keys')).json())).not.toContain(secret);

    const asKey = await t.app.inject({ method: 'GET', url: '/api/units?asOf=2025-06-30', headers: { 'x-api-key': secret } });
    expect(asKey.statusCode).toBe(200);
    expect((asKey.json() as { items: { path: string }[] }).items.every((u) => u.path.startsWith('/VN/70/689/'))).toBe(true);
    const bearer = await t.app.inject({ method: 'GET', url: '/api/units', headers: { authorization: `Bearer ${secret}` } });
    expect(bearer.statusCode).toBe(200);

    expect((await a.post(`/api/api-keys/${apiKey.id}/revoke`)).json()).toMatchObject({ revokedAt: expect.any(String) });
    const after = await t.app.inject({ method: 'GET', url: '/api/units', headers: { 'x-api-key': secret } });
    expect(after.statusCode).toBe(401);
  });

  it('does not let a key write beyond its role', async () => {
    const a = await t.admin();
    const { secret } = (await a.post('/api/api-keys', { name: 'reader', role: 'viewer', scopeUnitId: await t.unitId('70') })).json() as { secret: string };
    const res = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: { 'x-api-key': secret }, payload: { code: 'K1', name: 'K', nameEn: 'K', kind: 'other', unitId: await t.unitId('70') } });
    expect(res.statusCode).toBe(403);
  });
});

describe('users and scopes', () => {
  it('lets a user created for one district see only that district', async () => {
    const leader = await t.userAgent({ role: 'leader', scopeCode: '689' });
    const me = (await leader.get('/api/auth/me')).json() as { user: { scopeUnitName: string } };
    expect(me.user.scopeUnitName).toBe('Thành phố Đồng Xoài');
    const agencies = (await leader.get('/api/agencies?includeEnded=true')).json() as { items: { unitPath: string }[] };
    expect(agencies.items.length).toBeGreaterThan(0);
    expect(agencies.items.every((x) => x.unitPath.startsWith('/VN/70/689/'))).toBe(true);
  });

  it('stops a district admin from granting a scope wider than their own or managing users outside it', async () => {
    const districtAdmin = await t.userAgent({ role: 'admin', scopeCode: '689' });
    const wider = await districtAdmin.post('/api/users', { username: 'too-wide', displayName: 'X', role: 'viewer', scopeUnitId: await t.unitId('70') });
    expect(wider.statusCode).toBe(403);
    const outsider = await t.userAgent({ role: 'viewer', scopeCode: '690' });
    const res = await districtAdmin.patch(`/api/users/${outsider.userId}`, { disabled: true });
    expect(res.statusCode).toBe(404);
    const list = (await districtAdmin.get('/api/users')).json() as { items: { username: string }[] };
    expect(list.items.map((u) => u.username)).not.toContain('admin');
  });

  it('generates a password when none is given and signs out a user who is disabled', async () => {
    const a = await t.admin();
    const created = (await a.post('/api/users', { username: 'gen-pass', displayName: 'Nguyễn Văn A', role: 'operator', scopeUnitId: await t.unitId('70') })).json() as { user: { id: string }; generatedPassword: string };
    expect(created.generatedPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    const user = await t.signIn('gen-pass', created.generatedPassword);
    expect((await user.get('/api/auth/me')).statusCode).toBe(200);
    expect((await a.patch(`/api/users/${created.user.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await user.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('gen-pass', created.generatedPassword)).statusCode).toBe(401);
  });

  it('stores passwords as argon2id hashes', async () => {
    const rows = await selectRows<{ password_hash: string }>(t.database.db, sql`SELECT password_hash FROM users WHERE username = 'admin'`);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a duplicate username with 409', async () => {
    const a = await t.admin();
    const res = await a.post('/api/users', { username: 'admin', displayName: 'Khác', role: 'viewer', scopeUnitId: await t.unitId('70') });
    expect(res.statusCode).toBe(409);
  });
});

describe('audit log', () => {
  it('cannot be changed or deleted, even by SQL', async () => {
    await expect(t.database.db.execute(sql`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it('is readable by admins with filters and cursor paging, not by operators', async () => {
    const a = await t.admin();
    const first = (await a.get('/api/audit?limit=2')).json() as { items: { id: string }[]; nextBefore: string };
    expect(first.items).toHaveLength(2);
    const second = (await a.get(`/api/audit?limit=2&before=${first.nextBefore}`)).json() as { items: { id: string }[] };
    expect(Number(second.items[0]!.id)).toBeLessThan(Number(first.items[1]!.id));
    const operator = await t.userAgent({ role: 'operator', scopeCode: '70' });
    expect((await operator.get('/api/audit')).statusCode).toBe(403);
  });
});
