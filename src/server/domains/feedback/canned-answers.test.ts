import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CannedAnswer, CannedAnswerList, RenderedAnswer } from '../../../shared/contracts/feedback-handling.js';
import type { ReportDetail } from '../../../shared/contracts/feedback.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { placeholdersIn, renderCannedAnswer, vietnamTimeText } from './canned-answers.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });
afterEach(() => { vi.useRealTimers(); });

describe('canned answers', () => {
  it('fills known placeholders and leaves unknown braces as written', () => {
    expect(placeholdersIn('Mã {tracking_code}, hạn {deadline}, lại {tracking_code}')).toEqual(['tracking_code', 'deadline']);
    expect(renderCannedAnswer('Phản ánh {tracking_code} {x}', { tracking_code: 'PA123' })).toBe('Phản ánh PA123 {x}');
    expect(vietnamTimeText(new Date('2026-11-27T09:00:00Z'))).toBe('16:00 ngày 27/11/2026');
  });

  it('lets operators keep common answers and an agency its own, and renders one for a report', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    const police = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-CA' });
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });

    const common = await operator.post('/api/feedback/canned-answers', {
      title: 'Đã tiếp nhận', body: 'Phản ánh {tracking_code} đã được chuyển đến {agency}; hạn xử lý {deadline}.',
    });
    expect(common.statusCode, common.body).toBe(201);
    expect(common.json()).toMatchObject({ agencyId: null, placeholders: ['tracking_code', 'agency', 'deadline'] } satisfies Partial<CannedAnswer>);
    const bad = await operator.post('/api/feedback/canned-answers', { title: 'Sai', body: 'Gửi {reporter_phone}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation-failed', errors: [{ path: 'body.body' }] });

    const own = await officer.post('/api/feedback/canned-answers', { title: 'Đã sửa đường', body: 'Sở Xây dựng đã khắc phục {category} tại {address}.', categoryCode: 'roads' });
    expect(own.statusCode, own.body).toBe(201);
    const ownId = (own.json() as CannedAnswer).id;
    expect(own.json()).toMatchObject({ agencyName: expect.any(String), categoryCode: 'roads' });
    expect((await officer.post('/api/feedback/canned-answers', { title: 'Chung', body: 'x', agencyId: null })).statusCode).toBe(403);   // common ones are the operators'

    const forOfficer = (await officer.get('/api/feedback/canned-answers')).json() as CannedAnswerList;
    expect(forOfficer.items.map((a) => a.title).sort()).toEqual(['Đã sửa đường', 'Đã tiếp nhận']);
    expect(((await police.get('/api/feedback/canned-answers')).json() as CannedAnswerList).items.map((a) => a.title)).toEqual(['Đã tiếp nhận']);
    expect(((await officer.get('/api/feedback/canned-answers?categoryCode=water-supply')).json() as CannedAnswerList).items.map((a) => a.title)).toEqual(['Đã tiếp nhận']);
    expect((await police.request({ method: 'PATCH', url: `/api/feedback/canned-answers/${ownId}`, payload: { title: 'x' } })).statusCode).toBe(404);
    expect((await leader.get('/api/feedback/canned-answers')).statusCode).toBe(403);

    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-20T16:00:00+07:00') });
    const r = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Ổ gà', address: 'Đường Phú Riềng Đỏ' })).json() as ReportDetail;
    vi.useRealTimers();
    const rendered = await officer.post(`/api/feedback/${r.id}/render-answer`, { cannedAnswerId: (common.json() as CannedAnswer).id });
    expect(rendered.statusCode, rendered.body).toBe(200);
    expect((rendered.json() as RenderedAnswer).text).toBe(`Phản ánh ${r.trackingCode} đã được chuyển đến ${r.agencyName}; hạn xử lý 16:00 ngày 27/11/2026.`);
    const mine = (await officer.post(`/api/feedback/${r.id}/render-answer`, { cannedAnswerId: ownId })).json() as RenderedAnswer;
    expect(mine.text).toBe(`Sở Xây dựng đã khắc phục ${r.categoryName} tại Đường Phú Riềng Đỏ.`);
    expect((await police.post(`/api/feedback/${r.id}/render-answer`, { cannedAnswerId: ownId })).statusCode).toBe(404);

    // Answering with the rendered text; then the answer is edited out of the list.
    const answered = await officer.post(`/api/feedback/${r.id}/answer`, { text: mine.text });
    expect((answered.json() as ReportDetail).publicAnswer).toBe(mine.text);
    const changed = await officer.request({ method: 'PATCH', url: `/api/feedback/canned-answers/${ownId}`, payload: { active: false } });
    expect(changed.json()).toMatchObject({ active: false });
    expect(((await officer.get('/api/feedback/canned-answers')).json() as CannedAnswerList).items.map((a) => a.title)).toEqual(['Đã tiếp nhận']);
    expect((await officer.request({ method: 'DELETE', url: `/api/feedback/canned-answers/${ownId}` })).statusCode).toBe(200);
    expect((await officer.request({ method: 'DELETE', url: `/api/feedback/canned-answers/${(common.json() as CannedAnswer).id}` })).statusCode).toBe(403);
  });
});
