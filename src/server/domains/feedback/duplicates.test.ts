import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateCandidates, PublicDuplicateCandidates, SupportResult } from '../../../shared/contracts/feedback-handling.js';
import type { PublicReportCreated, PublicReportStatus, ReportDetail } from '../../../shared/contracts/feedback.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { duplicateScore, followersOf, textSimilarity } from './duplicates.js';
import { tokenize } from './text.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

async function pointIn(unitCode: string): Promise<{ lat: number; lon: number }> {
  const [p] = await selectRows<{ lat: number; lon: number }>(t.database.db,
    sql`SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (SELECT ST_PointOnSurface(boundary) AS p FROM units WHERE code = ${unitCode}) s`);
  return { lat: Number(p!.lat), lon: Number(p!.lon) };
}
const north = (p: { lat: number; lon: number }, metres: number) => ({ lat: p.lat + metres / 111_320, lon: p.lon });
const publicPost = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: '203.0.113.50' });

describe('ranking', () => {
  it('scores shared words without diacritics, and nearer reports higher at equal text', () => {
    expect(textSimilarity(tokenize('Ổ gà lớn giữa đường'), tokenize('o ga lon giua duong'))).toBe(1);
    expect(textSimilarity(tokenize('Ổ gà lớn'), tokenize('Đèn đường không sáng'))).toBe(0);
    expect(textSimilarity([], tokenize('x'))).toBe(0);
    expect(duplicateScore(0.5, 10, 250)).toBeGreaterThan(duplicateScore(0.5, 200, 250));
    expect(duplicateScore(0.5, null, 250)).toBe(0.5);
  });
});

describe('duplicate suggestions, "me too" and merging', () => {
  it('suggests open reports of the same category within the radius and window, most alike first, without the reporters', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const here = await pointIn('DN-new-x-bom-bo');
    const make = async (body: object) => (await operator.post('/api/feedback', { categoryCode: 'roads', ...body })).json() as ReportDetail;
    const same = await make({ description: 'Ổ gà lớn giữa đường trước chợ Bom Bo', location: here, reporter: { phone: '0911000111' } });
    const near = await make({ description: 'Đường có ổ gà sâu, xe máy dễ ngã', location: north(here, 120) });
    const far = await make({ description: 'Ổ gà lớn giữa đường', location: north(here, 1500) });
    const otherKind = (await operator.post('/api/feedback', { categoryCode: 'public-lighting', description: 'Ổ gà lớn giữa đường', location: here })).json() as ReportDetail;
    const closed = await make({ description: 'Ổ gà lớn giữa đường trước chợ', location: here });
    await operator.post(`/api/feedback/${closed.id}/transition`, { to: 'rejected', reason: 'Đã xử lý trong đợt trước' });

    const res = await publicPost('/api/public/reports/duplicates', { categoryCode: 'roads', description: 'o ga lon giua duong truoc cho', location: here });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as PublicDuplicateCandidates;
    const codes = list.items.map((c) => c.trackingCode);
    expect(codes[0]).toBe(same.trackingCode);
    expect(codes).toContain(near.trackingCode);
    for (const x of [far, otherKind, closed]) expect(codes).not.toContain(x.trackingCode);
    expect(list.items.find((c) => c.trackingCode === near.trackingCode)!.distanceMeters).toBeGreaterThan(100);
    expect(res.body).not.toContain('0911000111');

    const wide = (await publicPost('/api/public/reports/duplicates', { categoryCode: 'roads', description: 'ổ gà', location: here, radiusMeters: 2000 })).json() as PublicDuplicateCandidates;
    expect(wide.items.map((c) => c.trackingCode)).toContain(far.trackingCode);

    const staff = (await operator.get(`/api/feedback/${near.id}/duplicates`)).json() as DuplicateCandidates;
    expect(staff.items.map((c) => c.report.id)).toContain(same.id);
    expect(staff.items.map((c) => c.report.id)).not.toContain(near.id);
    const draft = (await operator.post('/api/feedback/duplicates', { categoryCode: 'roads', description: 'ổ gà giữa đường', location: here })).json() as DuplicateCandidates;
    expect(draft.items.map((c) => c.report.id)).toContain(same.id);
  });

  it('leaves out reports older than the window unless the window is widened', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const here = north(await pointIn('DN-new-p-dong-xoai'), 40);
    const old = (await operator.post('/api/feedback', { categoryCode: 'water-supply', description: 'Vỡ ống nước', location: here })).json() as ReportDetail;
    await t.database.db.execute(sql`UPDATE reports SET created_at = now() - interval '40 days' WHERE id = ${old.id}`);
    const body = { categoryCode: 'water-supply', description: 'Vỡ ống nước', location: here };
    expect(((await publicPost('/api/public/reports/duplicates', body)).json() as PublicDuplicateCandidates).items.map((c) => c.trackingCode)).not.toContain(old.trackingCode);
    expect(((await publicPost('/api/public/reports/duplicates', { ...body, days: 60 })).json() as PublicDuplicateCandidates).items.map((c) => c.trackingCode)).toContain(old.trackingCode);
  });

  it('lets a citizen say "me too": counted publicly, contact visible to handlers only, told of changes', async () => {
    const created = (await publicPost('/api/public/reports', { categoryCode: 'environment', description: 'Khói đốt rác gây ngột ngạt', location: await pointIn('DN-new-p-dong-xoai'), reporter: { phone: '0900000001' } })).json() as PublicReportCreated;
    const me = await publicPost(`/api/public/reports/${created.trackingCode}/supporters`, { reporter: { name: 'Trần B', phone: '0900000002' }, comment: 'Nhà tôi cũng bị' });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ trackingCode: created.trackingCode, supporterCount: 1 } satisfies Partial<SupportResult>);
    const status = await t.app.inject({ method: 'GET', url: `/api/public/reports/${created.trackingCode}` });
    expect((status.json() as PublicReportStatus).supporterCount).toBe(1);
    expect(status.body).not.toContain('0900000002');

    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const id = (await operator.get(`/api/feedback?q=${created.trackingCode}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const detail = (await operator.get(`/api/feedback/${id}`)).json() as ReportDetail;
    expect(detail.supporters).toMatchObject([{ name: 'Trần B', phone: '0900000002', comment: 'Nhà tôi cũng bị', channel: 'web' }]);
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    const forLeader = (await leader.get(`/api/feedback/${id}`)).json() as ReportDetail;
    expect(forLeader).toMatchObject({ supporterCount: 1, supporters: [], reporter: { name: null, phone: null, email: null } });
    expect((await followersOf(t.database.db, id)).map((f) => f.phone)).toEqual(['0900000001', '0900000002']);

    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    const byPhone = await agent.post(`/api/feedback/${id}/supporters`, { reporter: { phone: '0900000003' } });
    expect(byPhone.json()).toMatchObject({ supporterCount: 2 });

    await operator.post(`/api/feedback/${id}/transition`, { to: 'rejected', reason: 'Không thuộc phạm vi' });
    const late = await publicPost(`/api/public/reports/${created.trackingCode}/supporters`, {});
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
  });

  it('merges a report into another: duplicate state, both timelines, the reporter and supporters follow the original', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const here = north(await pointIn('DN-new-x-bom-bo'), -300);
    const original = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Cống thoát nước bị vỡ', location: here })).json() as ReportDetail;
    const dup = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Cống vỡ nắp giữa đường', location: here, reporter: { name: 'Lê C', phone: '0900000004' } })).json() as ReportDetail;
    await publicPost(`/api/public/reports/${dup.trackingCode}/supporters`, { reporter: { email: 'd@example.vn' } });

    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    expect((await officer.post(`/api/feedback/${dup.id}/merge`, { intoId: original.id })).statusCode).toBe(403);
    expect((await operator.post(`/api/feedback/${dup.id}/merge`, { intoId: dup.id })).statusCode).toBe(400);

    const merged = await operator.post(`/api/feedback/${dup.id}/merge`, { intoId: original.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ state: 'duplicate', duplicateOfId: original.id, open311Status: 'closed' });
    expect((merged.json() as ReportDetail).events.at(-1)).toMatchObject({ kind: 'state', toState: 'duplicate', isPublic: true });

    const after = (await operator.get(`/api/feedback/${original.id}`)).json() as ReportDetail;
    expect(after.events.at(-1)).toMatchObject({ kind: 'merged', isPublic: false, text: `Gộp phản ánh ${dup.trackingCode}` });
    expect(after.supporters.map((s) => s.email ?? s.phone)).toEqual(['d@example.vn', '0900000004']);
    expect(after.supporters.find((s) => s.phone === '0900000004')).toMatchObject({ name: 'Lê C', sourceReportId: dup.id, sourceTrackingCode: dup.trackingCode });
    const status = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${dup.trackingCode}` })).json() as PublicReportStatus;
    expect(status).toMatchObject({ statusLabel: 'Trùng với phản ánh đã có', duplicateOfTrackingCode: original.trackingCode });

    // The transition to "duplicate" merges the same way; a rejected report cannot take duplicates.
    const third = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Cống vỡ', location: here })).json() as ReportDetail;
    const viaTransition = await operator.post(`/api/feedback/${third.id}/transition`, { to: 'duplicate', duplicateOfId: original.id });
    expect(viaTransition.json()).toMatchObject({ state: 'duplicate', duplicateOfId: original.id });
    expect(((await operator.get(`/api/feedback/${original.id}`)).json() as ReportDetail).supporterCount).toBe(3);
    const rejected = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'x', location: here })).json() as ReportDetail;
    await operator.post(`/api/feedback/${rejected.id}/transition`, { to: 'rejected', reason: 'Sai' });
    const fourth = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'y', location: here })).json() as ReportDetail;
    expect((await operator.post(`/api/feedback/${fourth.id}/merge`, { intoId: rejected.id })).statusCode).toBe(409);
    const [audit] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.merge' AND entity_id = ${dup.id}`);
    expect(audit!.n).toBe(1);
  });
});
