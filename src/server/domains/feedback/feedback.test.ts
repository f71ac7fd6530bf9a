import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicReportCreated, PublicReportStatus, ReportDetail, ReportPage } from '../../../shared/contracts/feedback.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ env: { IOC_PUBLIC_REPORT_LIMIT: '3' } }); });
afterAll(async () => { await t?.close(); });
afterEach(() => { vi.useRealTimers(); });

/** A point surely inside the unit: PostGIS's point on the surface of its (synthetic) boundary. */
async function pointIn(unitCode: string): Promise<{ lat: number; lon: number }> {
  const [p] = await selectRows<{ lat: number; lon: number }>(t.database.db,
    sql`SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (SELECT ST_PointOnSurface(boundary) AS p FROM units WHERE code = ${unitCode}) s`);
  if (!p) throw new Error(`no boundary for ${unitCode}`);
  return { lat: Number(p.lat), lon: Number(p.lon) };
}

async function agencyId(code: string): Promise<string> {
  const a = await t.admin();
  const res = (await a.get(`/api/agencies?q=${encodeURIComponent(code)}&includeEnded=true`)).json() as { items: { id: string; code: string }[] };
  const found = res.items.find((x) => x.code === code);
  if (!found) throw new Error(`no agency ${code}`);
  return found.id;
}

const publicPost = (body: unknown, ip = '203.0.113.1') => t.app.inject({ method: 'POST', url: '/api/public/reports', payload: body as object, remoteAddress: ip });

describe('taking and routing reports', () => {
  it('sends a report about urban order in Đồng Xoài ward to the ward’s people’s committee, and roads to the Department of Construction', async () => {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    const location = await pointIn('DN-new-p-dong-xoai');
    const res = await agent.post('/api/feedback', { categoryCode: 'urban-order', description: 'Quán nước lấn chiếm vỉa hè', location, reporter: { name: 'Nguyễn Văn A', phone: '0912 345 678' } });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json() as ReportDetail;
    expect(report).toMatchObject({ state: 'assigned', channel: 'phone', agencyId: await agencyId('DN-UBND-p-dong-xoai'), unitId: await t.unitId('DN-new-p-dong-xoai') });
    expect(report.trackingCode).toMatch(/^PA[0-9A-Z]{8}$/);
    expect(report.reporter).toEqual({ name: 'Nguyễn Văn A', phone: '0912 345 678', email: null });
    expect(report.events.map((e) => e.kind)).toEqual(['created', 'assigned']);

    const roads = (await agent.post('/api/feedback', { categoryCode: 'roads', description: 'Ổ gà lớn giữa đường', location, attributes: { damage: 'pothole' } })).json() as ReportDetail;
    expect(roads.agencyId).toBe(await agencyId('DN-SXD'));
    expect(roads.attributes).toEqual({ damage: 'pothole' });
  });

  it('routes a commune without its own committee in the matrix to the province-wide agency, and "other" to the operator queue', async () => {
    const agent = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const location = await pointIn('DN-new-x-bom-bo');
    const lighting = (await agent.post('/api/feedback', { categoryCode: 'public-lighting', description: 'Đèn đường không sáng', location })).json() as ReportDetail;
    expect(lighting).toMatchObject({ state: 'assigned', agencyId: await agencyId('DN-SXD'), unitId: await t.unitId('DN-new-x-bom-bo') });
    const other = (await agent.post('/api/feedback', { categoryCode: 'other', description: 'Góp ý chung', address: 'Đồng Xoài' })).json() as ReportDetail;
    expect(other).toMatchObject({ state: 'new', agencyId: null, unitPath: '/VN/75/' });
    const queue = (await agent.get('/api/feedback?agencyId=none&state=new')).json() as ReportPage;
    expect(queue.items.map((r) => r.id)).toContain(other.id);
    expect(queue.items.every((r) => r.agencyId === null)).toBe(true);
  });

  it('re-routes a report an agency hands back as not its responsibility, and queues it for an operator when no agency is left', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const ward = await t.userAgent({ role: 'agency_officer', scopeCode: 'DN-new-p-dong-xoai', agencyCode: 'DN-UBND-p-dong-xoai' });
    const dept = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    const created = (await operator.post('/api/feedback', { categoryCode: 'environment', description: 'Rác thải đổ trộm ven đường', location: await pointIn('DN-new-p-dong-xoai') })).json() as ReportDetail;
    expect(created.agencyId).toBe(await agencyId('DN-UBND-p-dong-xoai'));

    // The ward says it is the province's matter: the matrix's next agency (province level) gets it.
    expect((await ward.post(`/api/feedback/${created.id}/return`, {})).statusCode).toBe(400);
    const returned = await ward.post(`/api/feedback/${created.id}/return`, { reason: 'Thuộc thẩm quyền của Sở' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ state: 'assigned', agencyId: await agencyId('DN-SNNMT') });
    expect((await ward.get(`/api/feedback/${created.id}`)).statusCode).toBe(404);
    expect((await dept.get(`/api/feedback/${created.id}`)).statusCode).toBe(404);   // another department's report

    const env = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SNNMT' });
    const back = await env.post(`/api/feedback/${created.id}/transition`, { to: 'not_our_responsibility', reason: 'Không thuộc lĩnh vực' });
    expect(back.json()).toMatchObject({ state: 'not_our_responsibility', agencyId: null });

    const detail = (await operator.get(`/api/feedback/${created.id}`)).json() as ReportDetail;
    expect(detail.events.filter((e) => e.kind === 'returned').map((e) => e.text)).toEqual(['Thuộc thẩm quyền của Sở', 'Không thuộc lĩnh vực']);
    expect(detail.allowedTransitions).toContain('assigned');
    // Re-routing through the matrix finds nobody left; the operator names an agency.
    expect((await operator.post(`/api/feedback/${created.id}/transition`, { to: 'assigned' })).statusCode).toBe(409);
    const assigned = await operator.post(`/api/feedback/${created.id}/assign`, { agencyId: await agencyId('DN-SXD') });
    expect(assigned.json()).toMatchObject({ state: 'assigned', agencyId: await agencyId('DN-SXD') });
    expect((await dept.get(`/api/feedback/${created.id}`)).statusCode).toBe(200);
  });

  it('follows the transition table and records acceptance, resolution and the public answer', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const dept = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    const r = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Sụt lún mặt đường', location: await pointIn('DN-new-x-bom-bo') })).json() as ReportDetail;
    expect((await dept.post(`/api/feedback/${r.id}/transition`, { to: 'rejected', reason: 'x' })).statusCode).toBe(403);   // operators reject
    expect((await dept.post(`/api/feedback/${r.id}/assign`, { agencyId: await agencyId('DN-CA') })).statusCode).toBe(403);
    const started = (await dept.post(`/api/feedback/${r.id}/transition`, { to: 'in_progress' })).json() as ReportDetail;
    expect(started.acceptedAt).not.toBeNull();
    await dept.post(`/api/feedback/${r.id}/notes`, { text: 'Đã cử đội kiểm tra' });
    await dept.post(`/api/feedback/${r.id}/answer`, { text: 'Đã san lấp mặt đường.' });
    const done = (await dept.post(`/api/feedback/${r.id}/transition`, { to: 'resolved' })).json() as ReportDetail;
    expect(done).toMatchObject({ state: 'resolved', open311Status: 'closed', publicAnswer: 'Đã san lấp mặt đường.' });
    expect(done.resolvedAt).not.toBeNull();
    expect((await operator.post(`/api/feedback/${r.id}/transition`, { to: 'assigned' })).statusCode).toBe(409);
    const bad = await operator.post(`/api/feedback/${r.id}/transition`, { to: 'triaged' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({ code: 'invalid-transition' });
    const note = done.events.find((e) => e.kind === 'note');
    expect(note).toMatchObject({ isPublic: false, text: 'Đã cử đội kiểm tra' });

    const status = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${r.trackingCode.toLowerCase()}` })).json() as PublicReportStatus;
    expect(status).toMatchObject({ statusLabel: 'Đã xử lý xong', isOpen: false, publicAnswer: 'Đã san lấp mặt đường.', isLate: false });
    expect(status.history.map((h) => h.text)).not.toContain('Đã cử đội kiểm tra');   // internal notes stay internal
  });

  it('computes the deadlines in working hours: a Friday-afternoon report is due on Monday morning', async () => {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-20T16:00:00+07:00') });
    const r = (await agent.post('/api/feedback', { categoryCode: 'water-supply', description: 'Mất nước từ sáng', address: 'Phường Đồng Xoài' })).json() as ReportDetail;
    expect(r.createdAt).toBe('2026-11-20T09:00:00.000Z');
    expect(r.acceptDueAt).toBe(new Date('2026-11-23T10:30:00+07:00').toISOString());   // 4 working hours
    expect(r.resolveDueAt).toBe(new Date('2026-11-27T16:00:00+07:00').toISOString());  // 5 working days
    vi.setSystemTime(new Date('2026-11-23T11:00:00+07:00'));
    const overdue = (await agent.get('/api/feedback?overdue=true&categoryCode=water-supply')).json() as ReportPage;
    expect(overdue.items.map((x) => x.id)).toContain(r.id);
    // Urgent: one working hour, recomputed from receipt when an operator raises the urgency.
    const raised = (await agent.post(`/api/feedback/${r.id}/assign`, { agencyId: await agencyId('DN-SXD'), urgency: 'urgent' })).json() as ReportDetail;
    expect(raised.acceptDueAt).toBe(new Date('2026-11-20T17:00:00+07:00').toISOString());
  });

  it('writes the audit row and the hub event with the report, and stores the point with SRID 4326', async () => {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    const r = (await agent.post('/api/feedback', { categoryCode: 'public-order', description: 'Tụ tập gây ồn ào lúc nửa đêm', location: await pointIn('DN-new-p-dong-xoai'), urgency: 'urgent' })).json() as ReportDetail;
    const [event] = await selectRows<{ topic: string; type: string; unit_path: string }>(t.database.db,
      sql`SELECT topic, type, unit_path FROM events WHERE data->'ids' ? ${r.id} ORDER BY seq`);
    expect(event).toEqual({ topic: 'feedback', type: 'report.created', unit_path: r.unitPath });
    const [row] = await selectRows<{ action: string; actor_name: string }>(t.database.db,
      sql`SELECT action, actor_name FROM audit_log WHERE entity_type = 'report' AND entity_id = ${r.id}`);
    expect(row!.action).toBe('report.create');
    const [geom] = await selectRows<{ srid: number }>(t.database.db, sql`SELECT ST_SRID(location) AS srid FROM reports WHERE id = ${r.id}`);
    expect(Number(geom!.srid)).toBe(4326);
    const ended = await agent.post('/api/feedback', { categoryCode: 'roads', description: 'x', unitId: await t.unitId('689') });   // Đồng Xoài city ended 2025-07-01
    expect(ended.json()).toMatchObject({ code: 'validation-failed', errors: [{ path: 'body.unitId' }] });
  });

  it('hides reports outside the scope and lets only handlers write', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const r = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Cống hở nắp', location: await pointIn('DN-new-x-bom-bo') })).json() as ReportDetail;
    const elsewhere = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    expect((await elsewhere.get(`/api/feedback/${r.id}`)).statusCode).toBe(404);
    expect((await elsewhere.get('/api/feedback?limit=500')).json<ReportPage>().items.every((x) => x.unitPath.startsWith('/VN/75/DN-new-p-dong-xoai/'))).toBe(true);
    expect((await elsewhere.post('/api/feedback', { categoryCode: 'roads', description: 'x', unitId: await t.unitId('DN-new-x-bom-bo') })).statusCode).toBe(403);
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await leader.get(`/api/feedback/${r.id}`)).statusCode).toBe(200);
    expect((await leader.post(`/api/feedback/${r.id}/notes`, { text: 'x' })).statusCode).toBe(403);
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '75' });
    expect((await viewer.get('/api/feedback')).statusCode).toBe(403);
  });

  it('filters the inbox by text, channel and unit subtree with paging', async () => {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    const location = await pointIn('DN-new-p-dong-xoai');
    for (let i = 0; i < 3; i++) await agent.post('/api/feedback', { categoryCode: 'environment', description: `Mùi hôi từ kênh số ${i}`, location, channel: 'email' });
    const page1 = (await agent.get(`/api/feedback?q=${encodeURIComponent('mui hoi tu kenh')}&channel=email&unitId=${await t.unitId('DN-new-p-dong-xoai')}&limit=2`)).json() as ReportPage;
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    const page2 = (await agent.get(`/api/feedback?q=${encodeURIComponent('mui hoi tu kenh')}&channel=email&limit=2&offset=2`)).json() as ReportPage;
    expect(page2.items).toHaveLength(1);
    expect(new Set([...page1.items, ...page2.items].map((r) => r.id)).size).toBe(3);
    const byCode = (await agent.get(`/api/feedback?q=${page2.items[0]!.trackingCode}`)).json() as ReportPage;
    expect(byCode.items.map((r) => r.id)).toEqual([page2.items[0]!.id]);
  });
});

describe('privacy of the reporter', () => {
  it('shows the reporter to handlers only: a leader, the status page, Open311, hub events and the audit trail never carry the contact', async () => {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    const reporter = { name: 'Phạm Thị Riêng Tư', phone: '0977 123 456', email: 'rieng.tu@example.vn' };
    const r = (await agent.post('/api/feedback', { categoryCode: 'roads', description: 'Ổ gà', location: await pointIn('DN-new-x-bom-bo'), reporter })).json() as ReportDetail;
    expect(r.reporter).toEqual(reporter);
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    expect(((await officer.get(`/api/feedback/${r.id}`)).json() as ReportDetail).reporter).toEqual(reporter);   // calls the citizen back
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    const forLeader = await leader.get(`/api/feedback/${r.id}`);
    expect(forLeader.json()).toMatchObject({ reporter: { name: null, phone: null, email: null } });
    const pages = [
      forLeader.body,
      (await leader.get(`/api/feedback?q=${r.trackingCode}`)).body,
      (await t.app.inject({ method: 'GET', url: `/api/public/reports/${r.trackingCode}` })).body,
      (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${r.trackingCode}.json` })).body,
      (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${r.trackingCode}.xml` })).body,
    ];
    const [rows] = await selectRows<{ events: string; audit: string }>(t.database.db, sql`
      SELECT (SELECT coalesce(string_agg(data::text, ' '), '') FROM events WHERE data->'ids' ? ${r.id}) AS events,
             (SELECT coalesce(string_agg(coalesce(after::text, '') || coalesce(before::text, ''), ' '), '') FROM audit_log WHERE entity_id = ${r.id}) AS audit`);
    for (const text of [...pages, rows!.events, rows!.audit]) {
      for (const secret of ['Riêng Tư', '0977 123 456', 'rieng.tu@example.vn']) expect(text).not.toContain(secret);
    }
  });
});

describe('configuration', () => {
  it('lets an administrator set a deeper matrix entry, which wins, and remove it again', async () => {
    const a = await t.admin();
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const put = (body: unknown) => a.request({ method: 'PUT', url: '/api/feedback/routing', payload: body as object });
    const entry = { categoryCode: 'public-lighting', unitId: await t.unitId('DN-new-x-bom-bo'), agencyId: await agencyId('DN-UBND') };
    expect((await operator.request({ method: 'PUT', url: '/api/feedback/routing', payload: entry })).statusCode).toBe(403);
    const matrix = (await put(entry)).json() as { items: { id: string; categoryCode: string; unitId: string; agencyId: string }[] };
    const mine = matrix.items.find((e) => e.categoryCode === 'public-lighting' && e.unitId === entry.unitId)!;
    expect(mine.agencyId).toBe(entry.agencyId);
    const location = await pointIn('DN-new-x-bom-bo');
    const routed = (await operator.post('/api/feedback', { categoryCode: 'public-lighting', description: 'Đèn chập chờn', location })).json() as ReportDetail;
    expect(routed.agencyId).toBe(entry.agencyId);
    expect((await a.request({ method: 'DELETE', url: `/api/feedback/routing/${mine.id}` })).statusCode).toBe(200);
    const back = (await operator.post('/api/feedback', { categoryCode: 'public-lighting', description: 'Đèn tắt cả dãy', location })).json() as ReportDetail;
    expect(back.agencyId).toBe(await agencyId('DN-SXD'));
    expect((await put({ ...entry, agencyId: await agencyId('BP-SXD') })).statusCode).toBe(400);   // ended with Bình Phước
  });

  it('applies a changed SLA to reports taken afterwards', async () => {
    const a = await t.admin();
    const bad = await a.request({ method: 'PUT', url: '/api/feedback/sla', payload: { categoryCode: 'water-supply', urgency: 'normal', acceptHours: 10, resolveHours: 5 } });
    expect(bad.statusCode).toBe(400);
    const res = await a.request({ method: 'PUT', url: '/api/feedback/sla', payload: { categoryCode: 'water-supply', urgency: 'normal', acceptHours: 2, resolveHours: 15 } });
    expect((res.json() as { items: { categoryCode: string; urgency: string; acceptHours: number }[] }).items).toContainEqual({ categoryCode: 'water-supply', urgency: 'normal', acceptHours: 2, resolveHours: 15 });
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-20T16:00:00+07:00') });
    const r = (await agent.post('/api/feedback', { categoryCode: 'water-supply', description: 'Nước đục', address: 'Phường Bình Phước' })).json() as ReportDetail;
    expect(r.acceptDueAt).toBe(new Date('2026-11-23T08:30:00+07:00').toISOString());
    expect(r.resolveDueAt).toBe(new Date('2026-11-24T16:00:00+07:00').toISOString());
  });
});

describe('the public page', () => {
  it('takes a report without sign-in, stores script text verbatim, and shows its status by tracking code', async () => {
    const text = '<script>alert("x")</script> Đèn đường <b>hỏng</b> & tối';
    const res = await publicPost({ categoryCode: 'public-lighting', description: text, location: await pointIn('DN-new-p-dong-xoai'), reporter: { phone: '0987654321' } }, '203.0.113.10');
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as PublicReportCreated;
    expect(created).toMatchObject({ statusLabel: 'Đã chuyển cơ quan có trách nhiệm', emergency: null });
    const status = await t.app.inject({ method: 'GET', url: `/api/public/reports/${created.trackingCode}` });
    expect(status.statusCode).toBe(200);
    const body = status.json() as PublicReportStatus;
    expect(body).toMatchObject({ trackingCode: created.trackingCode, isOpen: true, agencyName: 'Ủy ban nhân dân phường Đồng Xoài', doneAt: null, isLate: false });
    expect(status.body).not.toContain('0987654321');
    const staff = (await (await t.admin()).get(`/api/feedback?q=${created.trackingCode}`)).json() as ReportPage;
    expect(staff.items[0]).toMatchObject({ description: text, channel: 'web' });
    expect((await t.app.inject({ method: 'GET', url: '/api/public/reports/PA00000000' })).statusCode).toBe(404);
  });

  it('answers an emergency category with the number to call', async () => {
    const res = await publicPost({ categoryCode: 'fire', description: 'Khói bốc lên từ kho hàng', address: 'Đường Phú Riềng Đỏ' }, '203.0.113.11');
    expect(res.statusCode).toBe(201);
    expect((res.json() as PublicReportCreated).emergency).toMatchObject({ number: '114' });
    expect((res.json() as PublicReportCreated).emergency!.message).toContain('gọi ngay 114');
  });

  it('refuses a report without a place, a description over 4,000 characters, an unknown category', async () => {
    const ip = '203.0.113.12';
    const noPlace = await publicPost({ categoryCode: 'roads', description: 'Ổ gà' }, ip);
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json()).toMatchObject({ code: 'validation-failed', errors: [{ path: 'body.location' }] });
    expect((await publicPost({ categoryCode: 'roads', description: 'a'.repeat(4001), address: 'x' }, ip)).statusCode).toBe(400);
    expect((await publicPost({ categoryCode: 'roads', description: 'a'.repeat(4000), address: 'x' }, ip)).statusCode).toBe(201);
    const unknown = await publicPost({ categoryCode: 'nope', description: 'x', address: 'x' }, ip);
    expect(unknown.json()).toMatchObject({ code: 'validation-failed', errors: [{ path: 'body.categoryCode' }] });
  });

  it('limits submissions per IP address', async () => {
    const body = { categoryCode: 'other', description: 'Góp ý', address: 'Bình Phước' };
    for (let i = 0; i < 3; i++) expect((await publicPost(body, '198.51.100.7')).statusCode).toBe(201);
    const limited = await publicPost(body, '198.51.100.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate-limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await publicPost(body, '198.51.100.8')).statusCode).toBe(201);   // another address is not affected
  });

  it('lists the public categories with their emergency numbers', async () => {
    const res = (await t.app.inject({ method: 'GET', url: '/api/public/reports/categories' })).json() as { items: { code: string; emergencyNumber: string | null }[] };
    expect(res.items.map((c) => c.code)).toEqual(expect.arrayContaining(['public-order', 'fire', 'emergency', 'traffic-accident', 'roads', 'other']));
    expect(res.items.find((c) => c.code === 'emergency')!.emergencyNumber).toBe('115');
  });
});

describe('the API description', () => {
  it('lists the feedback routes in the OpenAPI document and keeps Open311 out of it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/feedback/', '/api/feedback/{id}/transition', '/api/public/reports/', '/api/public/reports/{trackingCode}']));
    expect(paths.some((p) => p.startsWith('/open311'))).toBe(false);
  });
});
