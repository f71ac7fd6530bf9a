import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaqAnswer, FaqEntry, FaqEntryList, FaqSettings } from '../../../shared/contracts/feedback-text.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { demoFaqEntries } from './faq.data.js';
import { answerFromFaq, asksForPerson } from './faq.js';
import { seedDemoFaq } from './faq.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { IOC_PUBLIC_FAQ_LIMIT: '25' } });
  expect(await answerFromFaq(t.database.db, 'Tổng đài 1022 làm việc mấy giờ?')).toEqual({ kind: 'handover', reason: 'low_confidence', confidence: 0 });
  expect(await seedDemoFaq(t.database.db)).toBe(demoFaqEntries.length);   // what the demo database gets
  expect(await seedDemoFaq(t.database.db)).toBe(0);                       // once
});
afterAll(async () => { await t?.close(); });

const ask = (question: string, ip = '198.51.100.7') => t.app.inject({ method: 'POST', url: '/api/public/faq/ask', payload: { question }, remoteAddress: ip });

describe('FAQ chatbot', () => {
  it('answers from the demo knowledge base, with or without diacritics', async () => {
    const withMarks = (await ask('Cho em hỏi tra cứu hồ sơ thủ tục ở đâu ạ?')).json() as FaqAnswer;
    expect(withMarks).toMatchObject({ kind: 'answer', question: 'Tra cứu hồ sơ thủ tục hành chính đã nộp ở đâu?' });
    const without = (await ask('cho em hoi tra cuu ho so thu tuc o dau a')).json() as FaqAnswer;
    expect(without).toEqual(withMarks);
    const emergency = (await ask('số điện thoại cứu hỏa là số mấy')).json() as FaqAnswer;
    expect(emergency.kind).toBe('answer');
    if (emergency.kind === 'answer') {
      expect(emergency.answer).toContain('114');
      expect(emergency.confidence).toBeGreaterThanOrEqual(0.55);
    }
    expect(((await ask('Tổng đài 1022 làm việc mấy giờ?')).json() as FaqAnswer)).toMatchObject({ kind: 'answer', question: 'Tổng đài 1022 làm việc vào giờ nào?' });
  });

  it('hands over to a person when asked to, whatever else the message says', async () => {
    for (const q of ['Tôi muốn gặp nhân viên', 'cho minh gap tong dai vien', 'Tra cứu hồ sơ, nhưng cho tôi nói chuyện với người thật']) {
      expect((await ask(q)).json(), q).toEqual({ kind: 'handover', reason: 'requested', confidence: 1 });
    }
    expect(asksForPerson('nhân viên môi trường không thu gom rác')).toBe(false);
  });

  it('hands over when it is not confident, and the threshold is configurable', async () => {
    const unknown = (await ask('Thủ tục ly hôn đơn phương cần giấy tờ gì?')).json() as FaqAnswer;
    expect(unknown.kind).toBe('handover');
    if (unknown.kind === 'handover') { expect(unknown.reason).toBe('low_confidence'); expect(unknown.confidence).toBeLessThan(0.55); }

    // One shared syllable is not enough: "cũ" (old) only meets "cư trú" (residence) without diacritics.
    expect((await ask('cũ')).json()).toMatchObject({ kind: 'handover', reason: 'low_confidence' });

    const admin = await t.admin();
    const partial = 'mất nước từ sáng';
    const before = (await ask(partial)).json() as FaqAnswer;
    expect(before.kind).toBe('answer');
    const put = await admin.request({ method: 'PUT', url: '/api/feedback/faq/settings', payload: { minConfidence: 0.95 } });
    expect(put.json()).toEqual({ minConfidence: 0.95 });
    expect((await ask(partial)).json()).toMatchObject({ kind: 'handover', reason: 'low_confidence', confidence: before.confidence });
    await admin.request({ method: 'PUT', url: '/api/feedback/faq/settings', payload: { minConfidence: 0.55 } });
    expect((await admin.request({ method: 'PUT', url: '/api/feedback/faq/settings', payload: { minConfidence: 0 } })).statusCode).toBe(400);
  });

  it('is the same function the messaging channels call', async () => {
    expect(await answerFromFaq(t.database.db, 'gặp tổng đài viên')).toEqual({ kind: 'handover', reason: 'requested', confidence: 1 });
    const a = await answerFromFaq(t.database.db, 'làm căn cước ở đâu');
    expect(a).toMatchObject({ kind: 'answer', question: 'Làm căn cước, đăng ký cư trú ở đâu?' });
  });

  it('limits questions per IP with the public rate limit', async () => {
    let last = 200;
    for (let i = 0; i < 26; i++) last = (await ask('giờ làm việc 1022', '198.51.100.99')).statusCode;
    expect(last).toBe(429);
    expect((await ask('giờ làm việc 1022', '198.51.100.100')).statusCode).toBe(200);
  });

  it('refuses an empty or oversized question', async () => {
    expect((await ask('  ')).statusCode).toBe(400);
    expect((await ask('a'.repeat(1001))).statusCode).toBe(400);
  });
});

describe('FAQ knowledge base', () => {
  it('ships about thirty demo entries marked as demo content', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const list = (await operator.get('/api/feedback/faq')).json() as FaqEntryList;
    expect(list.items.length).toBe(demoFaqEntries.length);
    expect(list.items.length).toBeGreaterThanOrEqual(28);
    expect(list.items.every((e) => e.isDemo && e.active)).toBe(true);
    const emergency = (await operator.get('/api/feedback/faq?tag=115')).json() as FaqEntryList;
    expect(emergency.items.length).toBeGreaterThan(0);
    const words = (await operator.get(`/api/feedback/faq?q=${encodeURIComponent('can cuoc')}`)).json() as FaqEntryList;
    expect(words.items.map((e) => e.question)).toContain('Làm căn cước, đăng ký cư trú ở đâu?');
  });

  it('lets feedback:configure add, edit, deactivate and delete entries, and the chatbot follows at once', async () => {
    const admin = await t.admin();
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const body = { question: 'Bãi giữ xe ở Quảng trường tỉnh mở cửa giờ nào?', answer: 'Bãi giữ xe mở cửa từ 6 giờ đến 22 giờ hằng ngày.', tags: ['Giao thông'], alternatives: ['gửi xe quảng trường'] };
    expect((await operator.post('/api/feedback/faq', body)).statusCode).toBe(403);
    expect((await admin.post('/api/feedback/faq', { ...body, question: 'ab' })).statusCode).toBe(400);
    const created = await admin.post('/api/feedback/faq', body);
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json() as FaqEntry;
    expect(entry).toMatchObject({ isDemo: false, active: true, tags: ['giao thông'] });

    const q = 'gửi xe ở quảng trường tỉnh mấy giờ đóng cửa';
    expect((await ask(q)).json()).toMatchObject({ kind: 'answer', entryId: entry.id });
    const edited = await admin.patch(`/api/feedback/faq/${entry.id}`, { answer: 'Mở cửa từ 5 giờ đến 23 giờ.' });
    expect(edited.json()).toMatchObject({ answer: 'Mở cửa từ 5 giờ đến 23 giờ.' });
    expect((await ask(q)).json()).toMatchObject({ kind: 'answer', answer: 'Mở cửa từ 5 giờ đến 23 giờ.' });

    expect((await admin.patch(`/api/feedback/faq/${entry.id}`, { active: false })).json()).toMatchObject({ active: false });
    expect(((await ask(q)).json() as FaqAnswer)).not.toMatchObject({ entryId: entry.id });
    expect(((await operator.get('/api/feedback/faq')).json() as FaqEntryList).items.map((e) => e.id)).not.toContain(entry.id);
    expect(((await operator.get('/api/feedback/faq?includeInactive=true')).json() as FaqEntryList).items.map((e) => e.id)).toContain(entry.id);

    expect((await operator.request({ method: 'DELETE', url: `/api/feedback/faq/${entry.id}` })).statusCode).toBe(403);
    expect((await admin.request({ method: 'DELETE', url: `/api/feedback/faq/${entry.id}` })).json()).toEqual({ ok: true });
    expect((await admin.get(`/api/feedback/faq/${entry.id}`)).statusCode).toBe(404);
    const audit = (await admin.get('/api/audit?entityType=faq_entry')).json() as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['faq.create', 'faq.update', 'faq.delete']));
  });

  it('turns an edited demo entry into the operators’ own', async () => {
    const admin = await t.admin();
    const [first] = ((await admin.get('/api/feedback/faq')).json() as FaqEntryList).items;
    const edited = (await admin.patch(`/api/feedback/faq/${first!.id}`, { tags: ['1022', 'giới thiệu', 'tỉnh'] })).json() as FaqEntry;
    expect(edited.isDemo).toBe(false);
    expect((await admin.get('/api/feedback/faq/settings')).json() as FaqSettings).toEqual({ minConfidence: 0.55 });
  });
});
