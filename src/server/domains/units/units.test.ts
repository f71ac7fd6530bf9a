import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

type TreeNode = { code: string; name: string; children: TreeNode[] };
const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('the administrative tree as of a date', () => {
  it('shows Bình Phước with its 11 district-level units on 30 June 2025', async () => {
    const a = await t.admin();
    const tree = (await a.get('/api/units/tree?asOf=2025-06-30')).json() as { roots: TreeNode[] };
    const vn = tree.roots[0]!;
    const bp = vn.children.find((c) => c.code === '70')!;
    expect(bp.name).toBe('Tỉnh Bình Phước');
    expect(bp.children).toHaveLength(11);
    expect(bp.children.map((c) => c.name)).toEqual(expect.arrayContaining(['Thành phố Đồng Xoài', 'Huyện Bù Đăng', 'Thị xã Chơn Thành']));
    expect(flatten(tree.roots).some((n) => n.code === '75')).toBe(false);
  });

  it('shows the merged Đồng Nai with communes directly under the province from 1 July 2025', async () => {
    const a = await t.admin();
    const tree = (await a.get('/api/units/tree?asOf=2025-07-01')).json() as { roots: TreeNode[] };
    const all = flatten(tree.roots);
    expect(all.some((n) => n.code === '70')).toBe(false);
    const dn = all.find((n) => n.code === '75')!;
    expect(dn.children.length).toBeGreaterThanOrEqual(40);
    expect(dn.children.every((c) => c.children.length === 0)).toBe(true);
    expect(dn.children.map((c) => c.name)).toContain('Phường Đồng Xoài');
  });

  it('shows Huyện Chơn Thành before it became a town in October 2022', async () => {
    const a = await t.admin();
    const names = flatten(((await a.get('/api/units/tree?asOf=2022-09-30')).json() as { roots: TreeNode[] }).roots).map((n) => n.name);
    expect(names).toContain('Huyện Chơn Thành');
    expect(names).not.toContain('Thị xã Chơn Thành');
  });
});

describe('successors', () => {
  it('names the 2025 unit that carries a merged commune today, with share 1', async () => {
    const a = await t.admin();
    const id = await t.unitId('25195'); // Phường Tân Phú, Đồng Xoài
    const res = (await a.get(`/api/units/${id}/successors`)).json() as { successors: { name: string; share: number; chain: string[] }[] };
    expect(res.successors).toHaveLength(1);
    expect(res.successors[0]).toMatchObject({ share: 1 });
    expect(res.successors[0]!.chain[0]).toBe('25195');
  });

  it('answers the unit itself when it is still valid on the date', async () => {
    const a = await t.admin();
    const id = await t.unitId('25195');
    const res = (await a.get(`/api/units/${id}/successors?asOf=2024-01-01`)).json() as { successors: { unitId: string; share: number }[] };
    expect(res.successors).toEqual([expect.objectContaining({ unitId: id, share: 1 })]);
  });

  it('follows a chain of splits and merges, multiplying shares', async () => {
    const a = await t.admin();
    const parentId = await t.unitId('75');
    const mk = async (code: string, validFrom: string) => (await a.post('/api/units', { code, name: `Xã ${code}`, type: 'commune', parentId, validFrom })).json() as { id: string };
    const x = await mk('T-X', '2025-07-01');
    const y = await mk('T-Y', '2025-07-01');
    const z = await mk('T-Z', '2025-07-01');
    const w = await mk('T-W', '2026-01-01');
    // X splits 60/40 into Y and Z; later Y merges into W.
    expect((await a.post(`/api/units/${x.id}/end`, { validTo: '2025-10-01', successors: [{ unitId: y.id, share: 0.6 }, { unitId: z.id, share: 0.4 }] })).statusCode).toBe(200);
    expect((await a.post(`/api/units/${y.id}/end`, { validTo: '2026-01-01', successors: [{ unitId: w.id, share: 1 }] })).statusCode).toBe(200);
    const res = (await a.get(`/api/units/${x.id}/successors?asOf=2026-02-01`)).json() as { successors: { code: string; share: number; chain: string[] }[] };
    expect(res.successors).toEqual([
      expect.objectContaining({ code: 'T-W', share: 0.6, chain: ['T-X', 'T-Y', 'T-W'] }),
      expect.objectContaining({ code: 'T-Z', share: 0.4 }),
    ]);
    const detail = (await a.get(`/api/units/${y.id}`)).json() as { predecessors: { code: string; share: number }[]; successors: { code: string }[] };
    expect(detail.predecessors).toEqual([expect.objectContaining({ code: 'T-X', share: 0.6 })]);
    expect(detail.successors.map((s) => s.code)).toEqual(['T-W']);
  });

  it('refuses to end a unit when successor shares do not add up to 1, and changes nothing', async () => {
    const a = await t.admin();
    const parentId = await t.unitId('75');
    const u = (await a.post('/api/units', { code: 'T-SHARE', name: 'Xã Thử', type: 'commune', parentId, validFrom: '2025-07-01' })).json() as { id: string };
    const other = await t.unitId('DN-new-p-dong-xoai');
    const res = await a.post(`/api/units/${u.id}/end`, { validTo: '2026-01-01', successors: [{ unitId: other, share: 0.5 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid-successors' });
    expect(((await a.get(`/api/units/${u.id}`)).json() as { validTo: string | null }).validTo).toBeNull();
  });

  it('refuses to end a district while its communes are still valid', async () => {
    const a = await t.admin();
    const res = await a.post(`/api/units/${await t.unitId('75')}/end`, { validTo: '2026-01-01', successors: [{ unitId: await t.unitId('DN-new-p-dong-xoai'), share: 1 }] });
    expect(res.json()).toMatchObject({ code: 'unit-has-active-children' });
  });
});

describe('scope', () => {
  it('shows a district-scoped user only the units of that district, and 404 for the rest', async () => {
    const clerk = await t.userAgent({ role: 'data_clerk', scopeCode: '689' });
    const list = (await clerk.get('/api/units?asOf=2025-06-30')).json() as { items: { code: string; path: string }[] };
    expect(list.items.length).toBeGreaterThan(5);
    expect(list.items.every((u) => u.path.startsWith('/VN/70/689/'))).toBe(true);
    const outside = await clerk.get(`/api/units/${await t.unitId('690')}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain('Bình Long');
    const boundaries = (await clerk.get('/api/units/boundaries?asOf=2025-06-30')).json() as { features: { properties: { code: string } }[] };
    expect(boundaries.features.map((f) => f.properties.code)).toContain('689');
    expect(boundaries.features.every((f) => f.properties.code === '689' || f.properties.code.startsWith('25'))).toBe(true);
  });

  it('forbids a district admin from creating a unit under another district', async () => {
    const districtAdmin = await t.userAgent({ role: 'admin', scopeCode: '689' });
    const res = await districtAdmin.post('/api/units', { code: 'T-OUT', name: 'Xã Ngoài', type: 'commune', parentId: await t.unitId('690'), validFrom: '2020-01-01' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'out-of-scope' });
  });

  it('forbids a viewer from writing', async () => {
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '70' });
    const res = await viewer.post('/api/units', { code: 'T-V', name: 'Xã V', type: 'commune', parentId: await t.unitId('689'), validFrom: '2020-01-01' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('writes are audited', () => {
  it('records who renamed a unit, from where, with before and after', async () => {
    const a = await t.admin();
    const id = await t.unitId('25207');
    const res = await a.patch(`/api/units/${id}`, { name: 'Xã Tân Thành (đổi tên thử)' });
    expect(res.statusCode).toBe(200);
    const log = (await a.get(`/api/audit?entityType=unit&entityId=${id}`)).json() as { items: { action: string; actorName: string; ip: string; before: { name: string }; after: { name: string } }[] };
    expect(log.items[0]).toMatchObject({ action: 'unit.update', actorName: 'Quản trị hệ thống', before: { name: 'Xã Tân Thành' }, after: { name: 'Xã Tân Thành (đổi tên thử)' } });
    expect(log.items[0]!.ip).toBeTruthy();
  });

  it('detects a stale edit instead of silently overwriting it', async () => {
    const a = await t.admin();
    const id = await t.unitId('25213');
    const before = (await a.get(`/api/units/${id}`)).json() as { updatedAt: string };
    expect((await a.patch(`/api/units/${id}`, { name: 'Xã Tiến Hưng A', expectedUpdatedAt: before.updatedAt })).statusCode).toBe(200);
    const stale = await a.patch(`/api/units/${id}`, { name: 'Xã Tiến Hưng B', expectedUpdatedAt: before.updatedAt });
    expect(stale.statusCode).toBe(409);
    expect(((await a.get(`/api/units/${id}`)).json() as { name: string }).name).toBe('Xã Tiến Hưng A');
  });
});

describe('import', () => {
  const header = 'code,officialCode,name,type,parentCode,validFrom,validTo\n';

  it('imports nothing and reports every bad row when one row is invalid (all-or-nothing)', async () => {
    const a = await t.admin();
    const csv = header + 'IMP-1,,Xã Một,commune,75,2025-07-01,\nIMP-2,,Xã Hai,village,75,2025-07-01,\nIMP-3,,Xã Ba,commune,NOPE,2025-07-01,\nIMP-4,,Xã Bốn,commune,75,2025-13-45,\n';
    const res = await a.request({ method: 'POST', url: '/api/units/import?format=csv', headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { code: string; report: { imported: number; errors: { row: number; field: string; messageVi: string }[] } };
    expect(body.code).toBe('import-failed');
    expect(body.report.imported).toBe(0);
    expect(body.report.errors.map((e) => [e.row, e.field])).toEqual([[3, 'type'], [4, 'parentCode'], [5, 'validFrom']]);
    expect(body.report.errors.every((e) => e.messageVi.length > 0)).toBe(true);
    expect(((await a.get('/api/units?q=IMP-&includeEnded=true')).json() as { total: number }).total).toBe(0);
  });

  it('imports the valid rows and reports the rest when asked to skip invalid rows', async () => {
    const a = await t.admin();
    const csv = header + 'IMP-C,,Xã Con,commune,IMP-P,2025-07-01,\nIMP-P,,Đặc khu Thử,special_zone,75,2025-07-01,\nIMP-X,,Xã Lỗi,commune,75,,\n';
    const res = await a.request({ method: 'POST', url: '/api/units/import?format=csv&mode=skip-invalid', headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 2, rejected: 1, errors: [expect.objectContaining({ row: 4, code: 'IMP-X' })] });
    const child = (await a.get('/api/units?q=IMP-C')).json() as { items: { path: string; level: number }[] };
    expect(child.items[0]).toMatchObject({ path: '/VN/75/IMP-P/IMP-C/', level: 3 });
  });

  it('imports GeoJSON boundaries with SRID 4326 and a centroid inside', async () => {
    const a = await t.admin();
    const fc = {
      type: 'FeatureCollection',
      features: [{
        type: 'Feature',
        properties: { code: 'IMP-GEO', name: 'Xã Hình Học', type: 'commune', parentCode: '75', validFrom: '2025-07-01' },
        geometry: { type: 'Polygon', coordinates: [[[106.9, 11.5], [107.0, 11.5], [107.0, 11.6], [106.9, 11.6], [106.9, 11.5]]] },
      }],
    };
    const dry = await a.request({ method: 'POST', url: '/api/units/import?format=geojson&dryRun=true', headers: { 'content-type': 'application/geo+json' }, payload: JSON.stringify(fc) });
    expect(dry.json()).toMatchObject({ imported: 1, dryRun: true });
    expect(((await a.get('/api/units?q=IMP-GEO')).json() as { total: number }).total).toBe(0);
    const res = await a.request({ method: 'POST', url: '/api/units/import?format=geojson', headers: { 'content-type': 'application/geo+json' }, payload: JSON.stringify(fc) });
    expect(res.json()).toMatchObject({ imported: 1, rejected: 0 });
    const unit = ((await a.get('/api/units?q=IMP-GEO')).json() as { items: { hasBoundary: boolean; centroid: [number, number] }[] }).items[0]!;
    expect(unit.hasBoundary).toBe(true);
    expect(unit.centroid[0]).toBeGreaterThan(106.9);
    expect(unit.centroid[1]).toBeLessThan(11.6);
  });

  it('rejects a file that is not CSV with a clear problem', async () => {
    const a = await t.admin();
    const res = await a.request({ method: 'POST', url: '/api/units/import?format=geojson', headers: { 'content-type': 'application/geo+json' }, payload: '{"type":"Feature"}' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bad-request' });
  });
});

describe('geometry columns', () => {
  it('keeps SRID 4326 on every geometry column (drizzle-kit drops it unless told)', async () => {
    const rows = await selectRows<{ f_table_name: string; f_geometry_column: string; srid: number }>(t.database.db,
      sql`SELECT f_table_name, f_geometry_column, srid FROM geometry_columns WHERE f_table_schema = 'public'`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.srid, `${r.f_table_name}.${r.f_geometry_column}`).toBe(4326);
  });

  it('draws synthetic demo boundaries that nest: a district covers its communes', async () => {
    const rows = await selectRows<{ inside: boolean; synthetic: boolean }>(t.database.db, sql`
      SELECT bool_and(ST_Covers(ST_Buffer(d.boundary, 0.0001), c.boundary)) AS inside, bool_and(c.is_boundary_synthetic) AS synthetic
      FROM units d JOIN units c ON c.parent_id = d.id WHERE d.code = '689'`);
    expect(rows[0]).toEqual({ inside: true, synthetic: true });
  });
});

describe('agencies', () => {
  it('refuses an agency starting under a unit that has already ended', async () => {
    const a = await t.admin();
    const res = await a.post('/api/agencies', { code: 'AG-ENDED', name: 'UBND thử', nameEn: 'Test committee', kind: 'people_committee', unitId: await t.unitId('689') });
    expect(res.statusCode).toBe(400);
    const ok = await a.post('/api/agencies', { code: 'AG-OLD', name: 'UBND thử', nameEn: 'Test committee', kind: 'people_committee', unitId: await t.unitId('689'), validFrom: '2024-01-01' });
    expect(ok.statusCode).toBe(201);
  });

  it('lists the agencies of a unit’s subtree, searchable without diacritics', async () => {
    const a = await t.admin();
    const res = (await a.get(`/api/agencies?unitId=${await t.unitId('70')}&q=${encodeURIComponent('so y te')}&includeEnded=true`)).json() as { items: { name: string }[] };
    expect(res.items.map((x) => x.name)).toContain('Sở Y tế tỉnh Bình Phước');
  });
});
