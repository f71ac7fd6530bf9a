import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classification, ReportSuggestion } from '../../../shared/contracts/feedback-text.js';
import type { ReportDetail } from '../../../shared/contracts/feedback.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { forgetClassifierModel } from './classifier.service.js';
import { seedDemoReports } from './demo-seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // The province's history: synthetic reports, most of them accepted by an agency (decided).
  await t.database.db.transaction((tx) => seedDemoReports(tx, { count: 1_500 }));
  forgetClassifierModel(t.database.db);   // the seed bypasses the hub: a model warmed up before it would not see it
});
afterAll(async () => { await t?.close(); });

async function agencyId(code: string): Promise<string> {
  const a = await t.admin();
  const res = (await a.get(`/api/agencies?q=${encodeURIComponent(code)}&includeEnded=true`)).json() as { items: { id: string; code: string }[] };
  return res.items.find((x) => x.code === code)!.id;
}

describe('classification endpoint', () => {
  it('suggests category and agency from the province’s decided reports, with the words that drove it', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const res = await operator.post('/api/feedback/classify', { text: 'Đèn đường ở khu phố 3 bị hỏng không sáng cả tuần nay' });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Classification;
    expect(c.trainedOn).toBeGreaterThan(500);
    expect(c.categories[0]).toMatchObject({ code: 'public-lighting', name: 'Chiếu sáng công cộng' });
    expect(c.categories[0]!.probability).toBeGreaterThan(0.5);
    expect(c.words.length).toBeGreaterThan(0);
    expect(c.words.some((w) => ['den duong', 'den', 'khong sang', 'sang'].includes(w))).toBe(true);
    expect(c.agencies.length).toBeGreaterThan(0);
    // Only agencies that exist today are suggested, never the Bình Phước departments of before the merger.
    const today = (await (await t.admin()).get('/api/agencies?includeEnded=true')).json() as { items: { id: string; code: string }[] };
    const codes = new Map(today.items.map((a) => [a.id, a.code]));
    expect(c.agencies.every((a) => !codes.get(a.id)?.startsWith('BP-'))).toBe(true);

    const plain = (await operator.post('/api/feedback/classify', { text: 'den duong o khu pho 3 bi hong khong sang ca tuan nay' })).json() as Classification;
    expect(plain.categories[0]!.code).toBe('public-lighting');
  });

  it('is for staff only and refuses an empty text', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/feedback/classify', payload: { text: 'mất nước' } })).statusCode).toBe(401);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await operator.post('/api/feedback/classify', { text: '   ' })).statusCode).toBe(400);
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '75' });
    expect((await viewer.post('/api/feedback/classify', { text: 'mất nước' })).statusCode).toBe(403);
  });

  it('follows an agency’s hand-back and the operator’s re-assignment in the very next suggestion', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const police = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-CA' });
    const office = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-VP-UBND' });
    // A kind of report the history has never seen: a found wallet with someone else's papers.
    const text = 'Nhặt được bóp da màu nâu bên trong có căn cước, thẻ ngân hàng, giấy đăng ký xe mang tên người khác, cần trả lại chủ';
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const created = (await operator.post('/api/feedback', { categoryCode: 'public-order', description: text, address: 'Đồng Xoài' })).json() as ReportDetail;
      expect(created.agencyId).toBe(await agencyId('DN-CA'));
      expect((await police.post(`/api/feedback/${created.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);   // accepted: a decision
      ids.push(created.id);
    }
    const before = (await operator.post('/api/feedback/classify', { text: 'nhặt được bóp da có căn cước và thẻ ngân hàng' })).json() as Classification;
    expect(before.agencies[0]!.id).toBe(await agencyId('DN-CA'));
    expect(before.agencyWords).toContain('can cuoc');

    // The police hand them back; the operator gives them to the Office of the People's Committee, which accepts.
    for (const id of ids) {
      const back = await police.post(`/api/feedback/${id}/return`, { reason: 'Việc trả lại tài sản do bộ phận tiếp dân xử lý' });
      expect(back.json()).toMatchObject({ state: 'not_our_responsibility', agencyId: null });
      expect((await operator.post(`/api/feedback/${id}/assign`, { agencyId: await agencyId('DN-VP-UBND') })).statusCode).toBe(200);
      expect((await office.post(`/api/feedback/${id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    }
    const after = (await operator.post('/api/feedback/classify', { text: 'nhặt được bóp da có căn cước và thẻ ngân hàng' })).json() as Classification;
    expect(after.agencies[0]!.id).toBe(await agencyId('DN-VP-UBND'));
    expect(after.agencies.find((a) => a.id === before.agencies[0]!.id)?.probability ?? 0).toBeLessThan(before.agencies[0]!.probability);
    expect(after.trainedOn).toBe(before.trainedOn);   // the same four reports moved, none added
  });
});

describe('report suggestions', () => {
  it('stores a suggestion for a report, and shows it only to those who may see the report', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const created = (await operator.post('/api/feedback', { categoryCode: 'other', description: 'Rác thải sinh hoạt chất đống bốc mùi hôi thối ở chợ', address: 'Đồng Xoài' })).json() as ReportDetail;
    const res = await operator.get(`/api/feedback/${created.id}/suggestion`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as ReportSuggestion;
    expect(s).toMatchObject({ reportId: created.id });
    expect(s.categories[0]!.code).toBe('environment');
    // Stored: asking again gives the same suggestion, made at the same time.
    expect(((await operator.get(`/api/feedback/${created.id}/suggestion`)).json() as ReportSuggestion).createdAt).toBe(s.createdAt);

    const outsider = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-x-bom-bo' });
    expect((await outsider.get(`/api/feedback/${created.id}/suggestion`)).statusCode).toBe(404);
  });
});
