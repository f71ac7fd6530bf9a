import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

type Procedure = { id: string; code: string; name: string; field: string; onlineLevel: string; processingDays: number; agencyName: string | null };

describe('procedures', () => {
  it('lists the demo catalog by field, searching without diacritics', async () => {
    const a = await t.admin();
    const res = (await a.get('/api/procedures?field=H%E1%BB%99%20t%E1%BB%8Bch&limit=500')).json() as { items: Procedure[]; total: number };
    expect(res.total).toBeGreaterThan(10);
    expect(res.items.every((p) => p.field === 'Hộ tịch')).toBe(true);
    const search = (await a.get('/api/procedures?q=dang%20ky%20khai%20sinh')).json() as { items: Procedure[] };
    expect(search.items.map((p) => p.name)).toContain('Đăng ký khai sinh');
    const fields = (await a.get('/api/procedures/fields')).json() as { items: { field: string; procedures: number }[] };
    expect(fields.items.map((f) => f.field)).toEqual(expect.arrayContaining(['Đất đai', 'Hộ tịch', 'Xây dựng']));
  });

  it('creates and updates a procedure, taking the older online-level labels', async () => {
    const a = await t.admin();
    const created = await a.post('/api/procedures', { code: 'T-PR-01', name: 'Cấp giấy phép thử', field: 'Thử nghiệm', level: 'province', processingDays: 10, onlineLevel: 'level3' });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json() as Procedure;
    expect(p.onlineLevel).toBe('partial');
    const updated = await a.patch(`/api/procedures/${p.id}`, { onlineLevel: 'level4', processingDays: 7 });
    expect(updated.json()).toMatchObject({ onlineLevel: 'full', processingDays: 7 });
    expect((await a.post('/api/procedures', { code: 'T-PR-01', name: 'x', field: 'x', level: 'province', processingDays: 1, onlineLevel: 'none' })).statusCode).toBe(409);
    expect((await a.post('/api/procedures', { code: 'T-PR-02', name: 'x', field: 'x', level: 'province', processingDays: 1, onlineLevel: 'level5' })).statusCode).toBe(400);
  });

  it('lets readers read and only procedure writers write', async () => {
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '689' });
    expect((await viewer.get('/api/procedures')).statusCode).toBe(200);
    expect((await viewer.post('/api/procedures', { code: 'T-PR-03', name: 'x', field: 'x', level: 'commune', processingDays: 1, onlineLevel: 'none' })).statusCode).toBe(403);
  });
});
