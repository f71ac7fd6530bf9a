import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicReportCreated, PublicReportStatus, ReportDetail } from '../../../shared/contracts/feedback.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ env: { IOC_REPORT_REOPEN_DAYS: '3' } }); });
afterAll(async () => { await t?.close(); });
afterEach(() => { vi.useRealTimers(); });

const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: '203.0.113.60' });

async function publicReport(): Promise<PublicReportCreated & { id: string }> {
  const created = (await post('/api/public/reports', { categoryCode: 'roads', description: 'Ổ gà trước cổng trường', address: 'Đường Hùng Vương, Đồng Xoài', reporter: { phone: '0900000010' } })).json() as PublicReportCreated;
  const [row] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM reports WHERE tracking_code = ${created.trackingCode}`);
  return { ...created, id: row!.id };
}

async function resolve(id: string): Promise<void> {
  const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
  const detail = (await operator.get(`/api/feedback/${id}`)).json() as ReportDetail;
  if (detail.state !== 'assigned') await operator.post(`/api/feedback/${id}/assign`, { agencyId: (await operator.get('/api/agencies?q=DN-SXD')).json<{ items: { id: string; code: string }[] }>().items.find((a) => a.code === 'DN-SXD')!.id });
  const res = await operator.post(`/api/feedback/${id}/transition`, { to: 'resolved' });
  expect(res.statusCode, res.body).toBe(200);
}

describe('satisfaction and reopening by the reporter', () => {
  it('lets only the holder of the reporter’s key rate, once the report is closed, and keeps the rating queryable', async () => {
    const r = await publicReport();
    expect(r.reporterKey.length).toBeGreaterThanOrEqual(20);
    expect((await post(`/api/public/reports/${r.trackingCode}/rating`, { key: r.reporterKey, score: 5 })).statusCode).toBe(409);   // not closed yet
    await resolve(r.id);

    // The status page by tracking code alone offers nothing to act with, and a wrong key is refused.
    expect(((await get(`/api/public/reports/${r.trackingCode}`)).json() as PublicReportStatus).reporterActions).toBeNull();
    expect(((await get(`/api/public/reports/${r.trackingCode}?key=wrong-key-123`)).json() as PublicReportStatus).reporterActions).toBeNull();
    const forged = await post(`/api/public/reports/${r.trackingCode}/rating`, { key: 'wrong-key-123', score: 1 });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'forbidden' });
    const withKey = (await get(`/api/public/reports/${r.trackingCode}?key=${r.reporterKey}`)).json() as PublicReportStatus;
    expect(withKey.reporterActions).toMatchObject({ canRate: true, canReopen: true, rating: null });

    const rated = await post(`/api/public/reports/${r.trackingCode}/rating`, { key: r.reporterKey, score: 4, comment: 'Sửa nhanh' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect((rated.json() as PublicReportStatus).reporterActions!.rating).toMatchObject({ score: 4, comment: 'Sửa nhanh', stateRated: 'resolved' });
    await post(`/api/public/reports/${r.trackingCode}/rating`, { key: r.reporterKey, score: 2 });   // changes their mind: replaces
    const rows = await selectRows<{ score: number; agency_id: string | null }>(t.database.db, sql`SELECT score, agency_id FROM report_ratings WHERE report_id = ${r.id}`);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.score)).toBe(2);
    expect(rows[0]!.agency_id).not.toBeNull();
    expect((await post(`/api/public/reports/${r.trackingCode}/rating`, { key: r.reporterKey, score: 6 })).statusCode).toBe(400);

    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const detail = (await operator.get(`/api/feedback/${r.id}`)).json() as ReportDetail;
    expect(detail.rating).toMatchObject({ score: 2, comment: null });
    expect(detail.events.filter((e) => e.kind === 'rated').map((e) => e.isPublic)).toEqual([false, false]);
  });

  it('reopens a closed report for its reporter with a fresh resolution deadline, and not again or after the allowed days', async () => {
    const r = await publicReport();
    await resolve(r.id);
    expect((await post(`/api/public/reports/${r.trackingCode}/reopen`, { key: 'not-the-key-1', reason: 'Chưa sửa' })).statusCode).toBe(403);
    const before = Date.now();
    const reopened = await post(`/api/public/reports/${r.trackingCode}/reopen`, { key: r.reporterKey, reason: 'Ổ gà vẫn còn nguyên' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const status = reopened.json() as PublicReportStatus;
    expect(status).toMatchObject({ state: 'in_progress', isOpen: true, doneAt: null });
    expect(new Date(status.resolveDueAt!).getTime()).toBeGreaterThan(before);
    expect(status.history.at(-1)).toMatchObject({ statusLabel: 'Đang xử lý', text: 'Người phản ánh mở lại: Ổ gà vẫn còn nguyên' });
    expect((await post(`/api/public/reports/${r.trackingCode}/reopen`, { key: r.reporterKey, reason: 'lại' })).statusCode).toBe(409);

    // Closed again, then four days pass: past the three allowed, the reporter must file a new report.
    await resolve(r.id);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(Date.now() + 4 * 86_400_000) });
    const late = await post(`/api/public/reports/${r.trackingCode}/reopen`, { key: r.reporterKey, reason: 'Vẫn chưa sửa' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'invalid-transition' });
    const withKey = (await get(`/api/public/reports/${r.trackingCode}?key=${r.reporterKey}`)).json() as PublicReportStatus;
    expect(withKey.reporterActions).toMatchObject({ canRate: true, canReopen: false });
  });

  it('gives an Open311 client the token, which works as the reporter’s key', async () => {
    const admin = await t.admin();
    const key = { key: ((await admin.post('/api/api-keys', { name: 'mobile app', role: 'viewer', scopeUnitId: await t.unitId('75') })).json() as { secret: string }).secret };
    const res = await t.app.inject({
      method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: key.key, service_code: 'roads', description: 'Nắp cống mất', address_string: 'Đồng Xoài' }).toString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [created] = res.json() as { service_request_id: string; token: string }[];
    const [row] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM reports WHERE tracking_code = ${created!.service_request_id}`);
    await resolve(row!.id);
    expect((await post(`/api/public/reports/${created!.service_request_id}/rating`, { key: created!.token, score: 5 })).statusCode).toBe(200);
  });
});
