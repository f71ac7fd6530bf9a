import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSmsGateway, startFakeSmsGateway } from '../../../../../test/support/fake-sms-gateway.js';
import type { ChannelMessageList } from '../../../../shared/contracts/feedback-channels.js';
import type { ReportDetail } from '../../../../shared/contracts/feedback.js';
import { type OutboxWorker, startOutboxWorker } from '../../../core/outbox.js';
import { selectRows } from '../../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { channelConnectors } from './connectors.js';
import { fallBackOnRefusals } from './outbound.js';
import { publicLabels } from '../states.js';
import { smsSizeOf, smsTextOf, vietnamPhoneOf, withoutDiacritics } from './sms.js';

const API_KEY = 'sms-gateway-key-for-tests';
const SENDER = 'UBND-BP';

describe('Vietnamese phone numbers and SMS text', () => {
  it('writes the usual ways of giving a Vietnamese mobile number as one E.164 number, old 11-digit numbers included', () => {
    for (const raw of ['0912 345 678', '0912.345.678', '84912345678', '+84 91-234-5678', '0084912345678', '(+84) 912345678']) {
      expect(vietnamPhoneOf(raw), raw).toEqual({ e164: '+84912345678', isMobile: true });
    }
    expect(vietnamPhoneOf('01689 123 456')).toEqual({ e164: '+84389123456', isMobile: true });   // Viettel 0168 → 038 (2018)
    expect(vietnamPhoneOf('0271 3879 123')).toEqual({ e164: '+842713879123', isMobile: false });  // a landline in Bình Phước
    for (const raw of ['+1 415 555 0100', '091234567', '1022', 'gọi 0912345678', '', null]) expect(vietnamPhoneOf(raw), String(raw)).toBeNull();
  });

  it('strips diacritics for ASCII-only routes and keeps a long notice within the segments allowed, tracking code last', () => {
    expect(withoutDiacritics('Phản ánh ĐX-123 đã được Sở Xây dựng xử lý')).toBe('Phan anh DX-123 da duoc So Xay dung xu ly');
    const notice = ['Phản ánh PA-2611-0042:', 'Tình trạng mới: Đã xử lý xong.', `Trả lời của cơ quan xử lý: ${'Đã vá ổ gà và sơn lại vạch kẻ đường “Hùng Vương”… '.repeat(12)}`, 'Tra cứu tình trạng bằng mã PA-2611-0042.'].join('\n');
    const ascii = smsTextOf(notice, { asciiOnly: true, maxSegments: 3 });
    expect(ascii).toMatch(/^[\n\x20-\x7e]+$/);
    expect(smsSizeOf(ascii)).toMatchObject({ encoding: 'gsm7', segments: 3 });
    expect(ascii.endsWith('...\nTra cuu tinh trang bang ma PA-2611-0042.')).toBe(true);
    expect(ascii.startsWith('Phan anh PA-2611-0042:\nTinh trang moi: Da xu ly xong.')).toBe(true);
    const unicode = smsTextOf(notice, { asciiOnly: false, maxSegments: 4 });
    expect(smsSizeOf(unicode)).toMatchObject({ encoding: 'ucs2', segments: 4 });
    expect(unicode.endsWith('…\nTra cứu tình trạng bằng mã PA-2611-0042.')).toBe(true);
    expect(smsSizeOf('a'.repeat(160)).segments).toBe(1);
    expect(smsSizeOf('a'.repeat(161)).segments).toBe(2);
    expect(smsSizeOf('ạ'.repeat(70)).segments).toBe(1);
    expect(smsSizeOf('ạ'.repeat(71)).segments).toBe(2);
  });
});

describe('SMS notices through the gateway', () => {
  let t: TestApp;
  let gateway: FakeSmsGateway;
  let outbox: OutboxWorker;
  const silent = { info() {}, warn() {}, error() {} };

  beforeAll(async () => {
    gateway = await startFakeSmsGateway({ apiKey: API_KEY, sender: SENDER, maxSegments: 3 });
    t = await createTestApp({ env: { IOC_SMS_GATEWAY_URL: gateway.url, IOC_SMS_API_KEY: API_KEY, IOC_SMS_SENDER: SENDER, IOC_SMS_MAX_SEGMENTS: '3' } });
    outbox = startOutboxWorker(t.database.db, { connectors: channelConnectors(t.app.config.channels), log: silent, pollMs: 0, baseDelayMs: 1 });
  });
  afterAll(async () => { await outbox?.stop(); await t?.close(); await gateway?.close(); });
  beforeEach(() => { gateway.sent.length = 0; gateway.requests.length = 0; });

  async function drainOutbox() {
    for (let i = 0; i < 20; i++) {
      if ((await outbox.drainOnce()) === 0) {
        await new Promise((r) => setTimeout(r, 10));   // a retry due in a few ms
        if ((await outbox.drainOnce()) === 0) return;
      }
    }
  }

  async function phoneReport(reporter: { phone?: string; email?: string }, description = 'Đèn đường hỏng cả đoạn, tối om') {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    const res = await agent.post('/api/feedback', { categoryCode: 'roads', description, address: 'Phường Tân Phú, Đồng Xoài', channel: 'phone', reporter });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ReportDetail;
  }

  const operator = () => t.userAgent({ role: 'operator', scopeCode: '75' });
  const outMessages = (reportId: string) => selectRows<{ channel: string; contact: string; text: string; kind: string }>(t.database.db,
    sql`SELECT channel, contact, text, kind FROM channel_messages WHERE report_id = ${reportId} AND direction = 'out' ORDER BY created_at, contact`);

  it('tells a phone reporter of a state change by SMS, in ASCII from the brandname, once although the gateway failed the first attempt', async () => {
    const r = await phoneReport({ phone: '0912 345 678', email: 'co-email@example.vn' });
    gateway.failNext(503);
    const op = await operator();
    expect((await op.post(`/api/feedback/${r.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    expect(await outMessages(r.id)).toMatchObject([{ channel: 'sms', contact: '+84912345678', kind: 'notice' }]);   // SMS before the e-mail also given
    await drainOutbox();
    expect(gateway.requests.map((q) => q.status)).toEqual([503, 200]);
    const [first, second] = gateway.requests;
    expect((first!.body as { requestId: string }).requestId).toBe((second!.body as { requestId: string }).requestId);   // the retry is the same notice
    expect(second!.headers['x-api-key']).toBe(API_KEY);
    expect(gateway.sent).toHaveLength(1);
    const sms = gateway.sent[0]!;
    expect(sms).toMatchObject({ to: '84912345678', from: SENDER, unicode: false });
    expect(sms.text).toContain(`Phan anh ${r.trackingCode}:`);
    expect(sms.text).toContain(`Tinh trang moi: ${withoutDiacritics(publicLabels.in_progress)}`);
    expect(sms.text).toMatch(/^[\n\x20-\x7e]+$/);
    const detail = (await op.get(`/api/feedback/${r.id}`)).json() as ReportDetail;
    expect(detail.events.find((e) => e.kind === 'message_out')?.text).toMatch(/^\[SMS\] Phan anh/);
    const messages = (await op.get(`/api/channels/reports/${r.id}/messages`)).json() as ChannelMessageList;
    expect(messages.items[0]).toMatchObject({ channel: 'sms', contact: '+84912345678', deliveryStatus: 'delivered' });
    expect(messages.reach.fallback).toBe('sms');
  });

  it('tells a "me too" caller who left only a phone number by SMS, once per number, and not one who declined', async () => {
    const r = await phoneReport({ phone: '0987654321' });
    const op = await operator();
    for (const [phone, notify] of [['0903 111 222', true], ['+84903111222', true], ['0987 654 321', true], ['0904 333 444', false]] as const) {
      const res = await op.post(`/api/feedback/${r.id}/supporters`, { reporter: { phone }, notify });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await op.post(`/api/feedback/${r.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    expect((await outMessages(r.id)).map((m) => [m.channel, m.contact])).toEqual([['sms', '+84903111222'], ['sms', '+84987654321']]);
    await drainOutbox();
    expect(gateway.sent.map((s) => s.to).sort()).toEqual(['84903111222', '84987654321']);
  });

  it('sends a notice the gateway refuses to the reporter’s e-mail and says so on the timeline', async () => {
    const r = await phoneReport({ phone: '0355 000 111', email: 'du-phong@example.vn' });
    gateway.unreachable.add('84355000111');
    const op = await operator();
    expect((await op.post(`/api/feedback/${r.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    await drainOutbox();
    expect(gateway.sent).toHaveLength(0);
    expect(await fallBackOnRefusals(t.database.db)).toBeGreaterThanOrEqual(1);
    const [mail] = await selectRows<{ payload: { to: string; text: string } }>(t.database.db, sql`SELECT payload FROM outbox WHERE connector = 'feedback-email' AND entity_id = ${r.id}`);
    expect(mail!.payload).toMatchObject({ to: 'du-phong@example.vn' });
    expect(mail!.payload.text).toContain(publicLabels.in_progress);
    const detail = (await op.get(`/api/feedback/${r.id}`)).json() as ReportDetail;
    expect(detail.events.find((e) => e.kind === 'channel_fallback')?.text).toMatch(/^SMS không nhận tin nhắn .*e-mail thay thế/);
  });

  it('does not text a landline, and says why on the timeline', async () => {
    const r = await phoneReport({ phone: '0271 3879 123' });
    const op = await operator();
    expect((await op.post(`/api/feedback/${r.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    expect(await outMessages(r.id)).toEqual([]);
    const detail = (await op.get(`/api/feedback/${r.id}`)).json() as ReportDetail;
    expect(detail.events.find((e) => e.kind === 'channel_fallback')?.text).toContain('số cố định');
  });
});

describe('without an SMS gateway', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t?.close(); });

  it('tells nobody, as before, and the timeline says SMS is not configured', async () => {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    const created = await agent.post('/api/feedback', { categoryCode: 'roads', description: 'Cây đổ chắn đường', address: 'Phường Tân Phú, Đồng Xoài', channel: 'phone', reporter: { phone: '0912000111' } });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json() as ReportDetail;
    const op = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await op.post(`/api/feedback/${r.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    const [n] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM channel_messages WHERE report_id = ${r.id}`);
    expect(n!.n).toBe(0);
    const detail = (await op.get(`/api/feedback/${r.id}`)).json() as ReportDetail;
    const note = detail.events.find((e) => e.kind === 'channel_fallback');
    expect(note?.text).toContain('Chưa cấu hình kênh SMS');
    expect(note?.text).toContain(`trang tra cứu (mã ${r.trackingCode})`);
    expect(note?.isPublic).toBe(false);
  });
});
