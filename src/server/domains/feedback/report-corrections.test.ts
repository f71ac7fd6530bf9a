// The inbox's urgency filter, an operator's category correction, the classifier's suggestion stored after
// intake, and the caller lookup's index.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classification } from '../../../shared/contracts/feedback-text.js';
import type { ReportDetail, ReportPage } from '../../../shared/contracts/feedback.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { forgetClassifierModel, reportSuggestionsSettled } from './classifier.service.js';
import { seedDemoReports } from './demo-seed.js';
import { phoneDigitsSql } from './feedback.table.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // A history for the classifier to learn from (decided reports).
  await t.database.db.transaction((tx) => seedDemoReports(tx, { count: 600 }));
  forgetClassifierModel(t.database.db);
});
afterAll(async () => { await t?.close(); });

async function pointIn(unitCode: string): Promise<{ lat: number; lon: number }> {
  const [p] = await selectRows<{ lat: number; lon: number }>(t.database.db,
    sql`SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (SELECT ST_PointOnSurface(boundary) AS p FROM units WHERE code = ${unitCode}) s`);
  return { lat: Number(p!.lat), lon: Number(p!.lon) };
}

async function agencyId(code: string): Promise<string> {
  const a = await t.admin();
  const res = (await a.get(`/api/agencies?q=${encodeURIComponent(code)}&includeEnded=true`)).json() as { items: { id: string; code: string }[] };
  return res.items.find((x) => x.code === code)!.id;
}

describe('the inbox’s urgency filter', () => {
  it('lists only reports of the urgencies asked for, one or several', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const location = await pointIn('DN-new-x-bom-bo');
    const made: Record<string, string> = {};
    for (const urgency of ['urgent', 'complex', 'normal'] as const) {
      const res = await operator.post('/api/feedback', { categoryCode: 'public-lighting', description: `Đèn đường hỏng, mức ${urgency}`, location, urgency });
      expect(res.statusCode, res.body).toBe(201);
      made[urgency] = (res.json() as ReportDetail).id;
    }
    const urgent = (await operator.get('/api/feedback?urgency=urgent&limit=500')).json() as ReportPage;
    expect(urgent.items.map((r) => r.id)).toContain(made.urgent);
    expect(urgent.items.every((r) => r.urgency === 'urgent')).toBe(true);
    expect(urgent.total).toBe(urgent.items.length);
    const two = (await operator.get('/api/feedback?urgency=urgent,complex&limit=500')).json() as ReportPage;
    expect(two.items.map((r) => r.id)).toEqual(expect.arrayContaining([made.urgent, made.complex]));
    expect(two.items.map((r) => r.id)).not.toContain(made.normal);
    expect(new Set(two.items.map((r) => r.urgency))).toEqual(new Set(['urgent', 'complex']));
    expect((await operator.get('/api/feedback?urgency=soon')).statusCode).toBe(400);
  });
});

describe('correcting a report’s category', () => {
  it('routes an unassigned report by its new category, with new deadlines and an internal timeline entry', async () => {
    const admin = await t.admin();
    // A distinct SLA for lighting, so that the new deadlines are visibly the new category's.
    expect((await admin.request({ method: 'PUT', url: '/api/feedback/sla', payload: { categoryCode: 'public-lighting', urgency: 'normal', acceptHours: 1, resolveHours: 3 } })).statusCode).toBe(200);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const other = (await operator.post('/api/feedback', { categoryCode: 'other', description: 'Cột đèn trước chợ tắt cả tuần', location: await pointIn('DN-new-x-bom-bo') })).json() as ReportDetail;
    expect(other).toMatchObject({ state: 'new', agencyId: null });

    const res = await operator.post(`/api/feedback/${other.id}/category`, { categoryCode: 'public-lighting', reason: 'Là phản ánh về chiếu sáng' });
    expect(res.statusCode, res.body).toBe(200);
    const fixed = res.json() as ReportDetail;
    expect(fixed).toMatchObject({ categoryCode: 'public-lighting', state: 'assigned', agencyId: await agencyId('DN-SXD') });
    expect(fixed.resolveDueAt).not.toBe(other.resolveDueAt);
    expect(new Date(fixed.resolveDueAt!).getTime()).toBeLessThan(new Date(other.resolveDueAt!).getTime());
    const category = fixed.events.find((e) => e.kind === 'category')!;
    expect(category).toMatchObject({ isPublic: false, text: 'Khác → Chiếu sáng công cộng: Là phản ánh về chiếu sáng' });
    expect(fixed.events.at(-1)).toMatchObject({ kind: 'assigned', isPublic: true, fromState: 'new', toState: 'assigned' });
    // The citizen's status page shows the assignment, not the internal correction.
    const status = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${fixed.trackingCode}` })).json() as { history: { text: string | null }[]; categoryName: string };
    expect(status.categoryName).toBe('Chiếu sáng công cộng');
    expect(status.history.some((h) => h.text?.includes('Khác →'))).toBe(false);
  });

  it('keeps an assigned report with its agency unless asked to route again', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const location = await pointIn('DN-new-p-dong-xoai');
    const report = (await operator.post('/api/feedback', { categoryCode: 'urban-order', description: 'Đèn đường tắt, quán lấn chiếm', location })).json() as ReportDetail;
    const ward = await agencyId('DN-UBND-p-dong-xoai');
    expect(report.agencyId).toBe(ward);
    const kept = (await operator.post(`/api/feedback/${report.id}/category`, { categoryCode: 'public-lighting' })).json() as ReportDetail;
    expect(kept).toMatchObject({ categoryCode: 'public-lighting', agencyId: ward, state: 'assigned' });
    const back = (await operator.post(`/api/feedback/${report.id}/category`, { categoryCode: 'roads', reroute: true })).json() as ReportDetail;
    expect(back).toMatchObject({ categoryCode: 'roads', agencyId: await agencyId('DN-SXD'), state: 'assigned' });
    expect(back.events.filter((e) => e.kind === 'category').map((e) => e.text)).toEqual(['Trật tự đô thị → Chiếu sáng công cộng', 'Chiếu sáng công cộng → Đường sá, cầu cống']);
  });

  it('is the operators’: an agency officer gets 403, an unknown or unchanged category 400, with nothing changed', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const report = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Ổ gà trên đường', location: await pointIn('DN-new-x-bom-bo') })).json() as ReportDetail;
    const dept = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    expect((await dept.post(`/api/feedback/${report.id}/category`, { categoryCode: 'water-supply' })).statusCode).toBe(403);
    const unknown = await operator.post(`/api/feedback/${report.id}/category`, { categoryCode: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await operator.post(`/api/feedback/${report.id}/category`, { categoryCode: 'roads' })).statusCode).toBe(400);
    const after = (await operator.get(`/api/feedback/${report.id}`)).json() as ReportDetail;
    expect(after.categoryCode).toBe('roads');
    expect(after.events.some((e) => e.kind === 'category')).toBe(false);
  });

  it('moves the report’s words to the corrected category in the classifier’s very next suggestion', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const police = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-CA' });
    // Words the history has never seen, filed first as public order and accepted by the police (a decision).
    const text = 'Chó thả rông không rọ mõm cắn người đi bộ ở công viên trung tâm';
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const created = (await operator.post('/api/feedback', { categoryCode: 'public-order', description: text, address: 'Đồng Xoài' })).json() as ReportDetail;
      expect((await police.post(`/api/feedback/${created.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
      ids.push(created.id);
    }
    const probe = 'chó thả rông không rọ mõm ở công viên';
    const before = (await operator.post('/api/feedback/classify', { text: probe })).json() as Classification;
    expect(before.categories[0]!.code).toBe('public-order');
    for (const id of ids) expect((await operator.post(`/api/feedback/${id}/category`, { categoryCode: 'urban-order' })).statusCode).toBe(200);
    const after = (await operator.post('/api/feedback/classify', { text: probe })).json() as Classification;
    expect(after.categories[0]!.code).toBe('urban-order');
    expect(after.trainedOn).toBe(before.trainedOn);
  });
});

describe('the suggestion stored at intake', () => {
  async function storedSuggestion(reportId: string) {
    await reportSuggestionsSettled(t.database.db);
    const [row] = await selectRows<{ category_code: string | null; trained_on: number }>(t.database.db,
      sql`SELECT category_code, trained_on FROM report_suggestions WHERE report_id = ${reportId}`);
    return row;
  }

  it('stores the classifier’s suggestion for reports taken by staff, on the public page and through Open311', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const staff = (await operator.post('/api/feedback', { categoryCode: 'other', description: 'Rác thải sinh hoạt chất đống bốc mùi hôi ở chợ', address: 'Đồng Xoài' })).json() as ReportDetail;
    expect(await storedSuggestion(staff.id)).toMatchObject({ category_code: 'environment' });

    const location = await pointIn('DN-new-x-bom-bo');
    const web = await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: { categoryCode: 'other', description: 'Đèn đường không sáng cả tuần nay', location } });
    expect(web.statusCode, web.body).toBe(201);
    const [webReport] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM reports WHERE tracking_code = ${(web.json() as { trackingCode: string }).trackingCode}`);
    expect(await storedSuggestion(webReport!.id)).toMatchObject({ category_code: 'public-lighting' });

    const admin = await t.admin();
    const key = ((await admin.post('/api/api-keys', { name: 'app', role: 'viewer', scopeUnitId: await t.unitId('75') })).json() as { secret: string }).secret;
    const open311 = await t.app.inject({
      method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: key, service_code: 'other', lat: String(location.lat), long: String(location.lon), description: 'Ống nước vỡ, mất nước sinh hoạt hai ngày' }).toString(),
    });
    expect(open311.statusCode, open311.body).toBe(200);
    const [o] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM reports WHERE tracking_code = ${(open311.json() as { service_request_id: string }[])[0]!.service_request_id}`);
    const suggestion = await storedSuggestion(o!.id);
    expect(suggestion).toMatchObject({ category_code: 'water-supply' });
    expect(suggestion!.trained_on).toBeGreaterThan(100);
  });
});

describe('the caller lookup', () => {
  it('finds a caller by the normalised digits of any stored form of the number', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    for (const phone of ['+84 977-111-222', '0977.111.222', '84977111222']) {
      expect((await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Ổ gà', address: 'Đồng Xoài', reporter: { phone } })).statusCode).toBe(201);
    }
    const exact = (await operator.get('/api/feedback/stats/callers?phone=0977111222')).json() as { total: number; exact: boolean };
    expect(exact).toMatchObject({ total: 3, exact: true });
    const partial = (await operator.get('/api/feedback/stats/callers?phone=%2B84%20977')).json() as { total: number; exact: boolean };
    expect(partial.exact).toBe(false);
    expect(partial.total).toBeGreaterThanOrEqual(3);
  });

  it('reads the number’s digits through the index, for a full number and for its start', async () => {
    // Plans without a sequential scan available: if the expression of the query and of the index ever
    // differ, the plan falls back to a bitmap of the whole table or an error, and this fails.
    const digits = phoneDigitsSql(sql`r.reporter_phone`);
    const plans = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const exact = await selectRows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN SELECT r.id FROM reports r WHERE r.reporter_phone IS NOT NULL AND ${digits} = '0977111222'`);
      const prefix = await selectRows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN SELECT r.id FROM reports r WHERE r.reporter_phone IS NOT NULL AND ${digits} LIKE '0977%'`);
      return [exact, prefix].map((rows) => rows.map((r) => r['QUERY PLAN']).join('\n'));
    });
    for (const plan of plans) expect(plan).toContain('reports_reporter_phone_digits_idx');
  });
});
