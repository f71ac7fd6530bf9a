import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOneStopShop, startFakeOneStopShop } from '../../../../test/support/fake-one-stop-shop.js';
import { selectRows } from '../../db/client.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { connectorRetry } from './connector.js';

let t: TestApp;
let admin: Agent;
let shop: FakeOneStopShop;
const TOKEN = 'secret-token-of-the-one-stop-shop';

const mapping = {
  code: 'maHoSo', updatedAt: 'ngayCapNhat', procedureCode: 'thuTuc.ma', receivingUnitCode: 'donViTiepNhan', handlingAgencyCode: 'coQuanGiaiQuyet',
  channel: 'kenh', receivedAt: 'ngayTiepNhan', dueAt: 'hanXuLy', events: 'lichSu', eventAt: 'thoiDiem', eventStatus: 'trangThai', eventAgencyCode: 'coQuan',
  statusValues: { MOI_TIEP_NHAN: 'received', DANG_XU_LY: 'in_progress', DA_XU_LY: 'finished' },
  channelValues: { TRUC_TUYEN: 'online', TRUC_TIEP: 'direct' },
};

function record(code: string, updatedAt: string, history: { thoiDiem: string; trangThai: string; coQuan?: string }[] = []) {
  return {
    maHoSo: code, ngayCapNhat: updatedAt, thuTuc: { ma: 'T-CN-01', ten: 'Thủ tục thử' }, donViTiepNhan: '25195', coQuanGiaiQuyet: 'BP-UBND-689',
    kenh: 'TRUC_TUYEN', ngayTiepNhan: '2024-03-04 08:00:00', hanXuLy: null, lichSu: history,
  };
}

beforeAll(async () => {
  connectorRetry.baseMs = 20;
  t = await createTestApp();
  admin = await t.admin();
  expect((await admin.post('/api/procedures', { code: 'T-CN-01', name: 'Thủ tục thử kết nối', field: 'Thử nghiệm', level: 'commune', processingDays: 3, onlineLevel: 'full' })).statusCode).toBe(201);
  shop = await startFakeOneStopShop({ token: TOKEN, pageSize: 2, updatedField: 'ngayCapNhat', records: [
    record('MC-001', '2024-03-04T08:01:00+07:00', [{ thoiDiem: '2024-03-04 08:00:00', trangThai: 'MOI_TIEP_NHAN' }]),
    record('MC-002', '2024-03-04T09:00:00+07:00', [{ thoiDiem: '2024-03-04 08:30:00', trangThai: 'DANG_XU_LY', coQuan: 'BP-STNMT' }]),
    record('MC-003', '2024-03-05T10:00:00+07:00', [{ thoiDiem: '2024-03-05 10:00:00', trangThai: 'DA_XU_LY' }]),
    { ...record('MC-004', '2024-03-05T11:00:00+07:00'), thuTuc: { ma: 'KHONG-CO' } },   // unknown procedure: skipped, reported
  ] });
});
afterAll(async () => { await shop?.close(); await t?.close(); });

async function createConnector(source: string) {
  const res = await admin.post('/api/dossiers/connectors', { name: 'Một cửa điện tử (thử)', source, baseUrl: shop.url, token: TOKEN, fieldMapping: mapping, pollSeconds: 60 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; hasToken: boolean; cursor: string | null };
}

const dossiersOf = (source: string) => selectRows<{ code: string; status: string; channel: string }>(t.database.db,
  sql`SELECT code, status, channel FROM dossiers WHERE source = ${source} ORDER BY code`);

describe('polling a one-stop-shop system', () => {
  it('reads every page with the token, maps their fields, skips the bad record and moves the cursor to the last change', async () => {
    const c = await createConnector('mc-a');
    expect(c.hasToken).toBe(true);
    expect(JSON.stringify(c)).not.toContain(TOKEN);
    shop.requests.length = 0;
    const res = await admin.post(`/api/dossiers/connectors/${c.id}/run`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ pages: 2, dossiers: 4, created: 3, errors: 1, cursor: '2024-03-05T11:00:00+07:00', skipped: false });
    expect(shop.requests.map((r) => [r.url.searchParams.get('page'), r.url.searchParams.get('updatedSince'), r.headers.authorization]))
      .toEqual([['1', null, `Bearer ${TOKEN}`], ['2', null, `Bearer ${TOKEN}`]]);
    expect(await dossiersOf('mc-a')).toEqual([
      { code: 'MC-001', status: 'received', channel: 'online' },
      { code: 'MC-002', status: 'in_progress', channel: 'online' },
      { code: 'MC-003', status: 'finished', channel: 'online' },
    ]);
    const after = (await admin.get(`/api/dossiers/connectors/${c.id}`)).json() as { cursor: string; lastError: string | null; lastCount: number; lastSuccessAt: string | null };
    expect(after).toMatchObject({ cursor: '2024-03-05T11:00:00+07:00', lastCount: 4, lastSuccessAt: expect.any(String) });
    expect(after.lastError).toContain('KHONG-CO');
  });

  it('asks only for what changed since the cursor on the next run', async () => {
    const c = await createConnector('mc-b');
    await admin.post(`/api/dossiers/connectors/${c.id}/run`);
    shop.records.push(record('MC-005', '2024-03-06T08:00:00+07:00'));
    shop.records[0] = record('MC-001', '2024-03-06T09:00:00+07:00', [{ thoiDiem: '2024-03-04 08:00:00', trangThai: 'MOI_TIEP_NHAN' }, { thoiDiem: '2024-03-06 08:55:00', trangThai: 'DA_XU_LY' }]);
    shop.requests.length = 0;
    const res = (await admin.post(`/api/dossiers/connectors/${c.id}/run`)).json();
    expect(res).toMatchObject({ pages: 1, dossiers: 2, created: 1, updated: 1, cursor: '2024-03-06T09:00:00+07:00' });
    expect(shop.requests[0]!.url.searchParams.get('updatedSince')).toBe('2024-03-05T11:00:00+07:00');
    expect((await dossiersOf('mc-b')).find((d) => d.code === 'MC-001')).toMatchObject({ status: 'finished' });
  });

  it('retries a failing request with backoff and then succeeds', async () => {
    const c = await createConnector('mc-c');
    shop.requests.length = 0;
    shop.failNext(2, 503);
    const res = await admin.post(`/api/dossiers/connectors/${c.id}/run`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 4 });
    expect(shop.requests.slice(0, 3).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('records the error and keeps the cursor when the system keeps failing', async () => {
    const c = await createConnector('mc-d');
    await admin.post(`/api/dossiers/connectors/${c.id}/run`);
    const before = (await admin.get(`/api/dossiers/connectors/${c.id}`)).json() as { cursor: string };
    shop.records.push(record('MC-006', '2024-03-07T08:00:00+07:00'));
    shop.failNext(10, 500);
    const res = await admin.post(`/api/dossiers/connectors/${c.id}/run`);
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'upstream-failed' });
    const after = (await admin.get(`/api/dossiers/connectors/${c.id}`)).json() as { cursor: string; lastError: string };
    expect(after.cursor).toBe(before.cursor);
    expect(after.lastError).toContain('HTTP 500');
    shop.failNext(0);
    shop.requests.length = 0;
    // A 4xx other than 408/429 is not retried.
    await admin.patch(`/api/dossiers/connectors/${c.id}`, { token: 'wrong-token' });
    expect((await admin.post(`/api/dossiers/connectors/${c.id}/run`)).statusCode).toBe(502);
    expect(shop.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('lets only a province-wide ingester configure connectors', async () => {
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '689' });
    expect((await officer.post('/api/dossiers/connectors', { name: 'x', source: 'mc-x', baseUrl: shop.url })).statusCode).toBe(403);
    expect((await officer.get('/api/dossiers/connectors')).statusCode).toBe(200);
  });
});
