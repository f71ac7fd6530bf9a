import { createHash, createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMessaging, type FakeMessaging } from '../../../../../test/support/fake-messaging.js';
import type { ChannelMessageList, ChannelReplyResult } from '../../../../shared/contracts/feedback-channels.js';
import type { ReportDetail } from '../../../../shared/contracts/feedback.js';
import { type OutboxWorker, startOutboxWorker } from '../../../core/outbox.js';
import { selectRows } from '../../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { channelConnectors } from './connectors.js';
import { inboundProcessingSettled, processInboundMessages } from './inbound.js';
import { fallBackOnRefusals } from './outbound.js';

const APP_SECRET = 'fb-app-secret-for-tests';
const VERIFY_TOKEN = 'fb-verify-token';
const PAGE_TOKEN = 'fb-page-token';
const ZALO_APP_ID = '4321987654';
const ZALO_SECRET = 'zalo-oa-secret-for-tests';
const ZALO_TOKEN = 'zalo-oa-access-token';
const PAGE_ID = '1000200030004000';
const OA_ID = '579745863508352884';

let t: TestApp;
let fake: FakeMessaging;
let outbox: OutboxWorker;
const silent = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  fake = await startFakeMessaging({ zaloToken: ZALO_TOKEN, facebookToken: PAGE_TOKEN });
  t = await createTestApp({
    env: {
      IOC_FACEBOOK_APP_SECRET: APP_SECRET, IOC_FACEBOOK_VERIFY_TOKEN: VERIFY_TOKEN, IOC_FACEBOOK_PAGE_TOKEN: PAGE_TOKEN, IOC_FACEBOOK_API_URL: `${fake.url}/v21.0`,
      IOC_ZALO_APP_ID: ZALO_APP_ID, IOC_ZALO_OA_SECRET: ZALO_SECRET, IOC_ZALO_OA_TOKEN: ZALO_TOKEN, IOC_ZALO_API_URL: fake.url,
      // No SMTP server: e-mail fallbacks stay in the outbox, where the tests read them.
    },
  });
  outbox = startOutboxWorker(t.database.db, { connectors: channelConnectors(t.app.config.channels), log: silent, pollMs: 0, baseDelayMs: 1 });
});
afterAll(async () => { await outbox?.stop(); await t?.close(); await fake?.close(); });
beforeEach(() => { fake.sent.length = 0; fake.requests.length = 0; });

let seq = 0;
const psid = () => `psid-${Date.now()}-${++seq}`;

function facebookBody(sender: string, text: string, opts: { mid?: string; at?: number } = {}) {
  const at = opts.at ?? Date.now();
  return {
    object: 'page',
    entry: [{ id: PAGE_ID, time: at, messaging: [{ sender: { id: sender }, recipient: { id: PAGE_ID }, timestamp: at, message: { mid: opts.mid ?? `m_${uuidv7()}`, text } }] }],
  };
}

function postFacebook(body: unknown, signature?: string) {
  const raw = JSON.stringify(body);
  const sig = signature ?? `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`;
  return t.app.inject({ method: 'POST', url: '/api/channels/facebook/webhook', payload: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig } });
}

function zaloBody(sender: string, text: string, opts: { msgId?: string; at?: number; event?: string; message?: object } = {}) {
  return {
    app_id: ZALO_APP_ID, event_name: opts.event ?? 'user_send_text', timestamp: String(opts.at ?? Date.now()),
    sender: { id: sender }, recipient: { id: OA_ID }, user_id_by_app: `app-${sender}`,
    message: opts.message ?? { msg_id: opts.msgId ?? `zmsg-${uuidv7()}`, text },
  };
}

function postZalo(body: { timestamp: string; app_id: string }, signature?: string) {
  const raw = JSON.stringify(body);
  const mac = signature ?? `mac=${createHash('sha256').update(`${body.app_id}${raw}${body.timestamp}${ZALO_SECRET}`).digest('hex')}`;
  return t.app.inject({ method: 'POST', url: '/api/channels/zalo/webhook', payload: raw, headers: { 'content-type': 'application/json', 'x-zevent-signature': mac } });
}

/** Waits for the run the webhook started after answering, then handles anything left (none should be). */
async function processNow(): Promise<void> {
  await inboundProcessingSettled(t.database.db);
  const leftover = await processInboundMessages(t.database.db);
  expect(leftover.failed).toBe(0);
  expect(await count('channel_messages', sql`direction = 'in' AND status = 'pending'`)).toBe(0);
}

async function drainOutbox() {
  while ((await outbox.drainOnce()) > 0) { /* until nothing is due */ }
}

async function count(table: 'reports' | 'channel_messages', where = sql`true`): Promise<number> {
  const [r] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`);
  return r!.n;
}

async function reportOf(contact: string): Promise<{ id: string; tracking_code: string; channel: string; state: string; description: string; reporter_email: string | null }> {
  const [r] = await selectRows<{ id: string; tracking_code: string; channel: string; state: string; description: string; reporter_email: string | null }>(t.database.db,
    sql`SELECT r.id, r.tracking_code, r.channel, r.state, r.description, r.reporter_email FROM reports r JOIN channel_threads th ON th.report_id = r.id WHERE th.contact = ${contact} ORDER BY r.created_at DESC LIMIT 1`);
  if (!r) throw new Error(`no report for ${contact}`);
  return r;
}

describe('Facebook Messenger webhook', () => {
  it('answers Meta’s subscription check with the challenge only when the verify token matches', async () => {
    const ok = await t.app.inject({ method: 'GET', url: `/api/channels/facebook/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({ method: 'GET', url: '/api/channels/facebook/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a forged or missing signature with 401 problem+json and stores nothing', async () => {
    const sender = psid();
    const before = await count('channel_messages');
    const forged = await postFacebook(facebookBody(sender, 'Đèn đường hỏng'), `sha256=${createHmac('sha256', 'wrong-secret').update('x').digest('hex')}`);
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect(forged.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
    // A body altered after signing fails too.
    const body = facebookBody(sender, 'Đèn đường hỏng');
    const sig = `sha256=${createHmac('sha256', APP_SECRET).update(JSON.stringify(body)).digest('hex')}`;
    const tampered = await postFacebook({ ...body, object: 'page ' }, sig);
    expect(tampered.statusCode).toBe(401);
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/channels/facebook/webhook', payload: body });
    expect(unsigned.statusCode).toBe(401);
    expect(await count('channel_messages')).toBe(before);
  });

  it('turns a first message into a Facebook report, acknowledges it with the tracking code, and takes a replayed delivery once', async () => {
    const sender = psid();
    const body = facebookBody(sender, 'Cây đổ chắn ngang đường Phú Riềng Đỏ, xe không qua được');
    const first = await postFacebook(body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ stored: 1, duplicates: 0 });
    const replay = await postFacebook(body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ stored: 0, duplicates: 1 });
    await processNow();
    expect(await count('reports', sql`id IN (SELECT report_id FROM channel_threads WHERE contact = ${sender})`)).toBe(1);
    const report = await reportOf(sender);
    expect(report).toMatchObject({ channel: 'facebook', state: 'new', description: 'Cây đổ chắn ngang đường Phú Riềng Đỏ, xe không qua được' });

    await drainOutbox();
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ platform: 'facebook', recipient: sender });
    expect(fake.sent[0]!.text).toContain(report.tracking_code);
    expect(fake.requests[0]!.body).toMatchObject({ recipient: { id: sender }, messaging_type: 'RESPONSE' });

    // The same delivery after processing still changes nothing.
    expect((await postFacebook(body)).json()).toEqual({ stored: 0, duplicates: 1 });
    await processNow();
    expect(await count('reports', sql`id IN (SELECT report_id FROM channel_threads WHERE contact = ${sender})`)).toBe(1);
    expect(await count('channel_messages', sql`contact = ${sender} AND direction = 'in'`)).toBe(1);
  });

  it('refuses an event whose timestamp is older than the replay window', async () => {
    const res = await postFacebook(facebookBody(psid(), 'Tin cũ', { at: Date.now() - 7 * 3600_000 }));
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('appends later messages of the person to the open report’s timeline instead of opening another', async () => {
    const sender = psid();
    await postFacebook(facebookBody(sender, 'Nước ngập sâu ở ngã tư chợ'));
    await processNow();
    await postFacebook(facebookBody(sender, 'Bây giờ nước đã lên tới nửa bánh xe máy'));
    await processNow();
    const report = await reportOf(sender);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const detail = (await operator.get(`/api/feedback/${report.id}`)).json() as ReportDetail;
    const messageIn = detail.events.filter((e) => e.kind === 'message_in');
    expect(messageIn).toHaveLength(1);
    expect(messageIn[0]!.text).toContain('nửa bánh xe máy');
    expect(messageIn[0]!.isPublic).toBe(false);
    expect(await count('reports', sql`id IN (SELECT report_id FROM channel_threads WHERE contact = ${sender})`)).toBe(1);
  });
});

describe('Zalo OA webhook', () => {
  it('checks the X-ZEvent-Signature mac and the app id, and makes a Zalo report with the shared location', async () => {
    const sender = `zu-${Date.now()}`;
    const forged = await postZalo(zaloBody(sender, 'Rác thải'), 'mac=0000');
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'unauthenticated' });
    const otherApp = await postZalo({ ...zaloBody(sender, 'Rác thải'), app_id: '999' });
    expect(otherApp.statusCode).toBe(401);

    const text = await postZalo(zaloBody(sender, 'Bãi rác tự phát cạnh trường học'));
    expect(text.json()).toEqual({ stored: 1, duplicates: 0 });
    await processNow();
    const report = await reportOf(sender);
    expect(report).toMatchObject({ channel: 'zalo', description: 'Bãi rác tự phát cạnh trường học' });

    // A location shared into the open conversation is kept on the timeline.
    const loc = await postZalo(zaloBody(sender, '', { event: 'user_send_location', message: { msg_id: `zloc-${uuidv7()}`, attachments: [{ type: 'location', payload: { coordinates: { latitude: '11.5349', longitude: '106.8832' } } }] } }));
    expect(loc.json()).toEqual({ stored: 1, duplicates: 0 });
    await processNow();
    expect(await count('reports', sql`id IN (SELECT report_id FROM channel_threads WHERE contact = ${sender})`)).toBe(1);
    const [event] = await selectRows<{ text: string }>(t.database.db, sql`SELECT text FROM report_events WHERE report_id = ${report.id} AND kind = 'message_in'`);
    expect(event!.text).toContain('11.5349, 106.8832');
    await drainOutbox();
    expect(fake.sent.find((s) => s.platform === 'zalo' && s.recipient === sender)?.text).toContain(report.tracking_code);
    expect(fake.requests.find((r) => r.url === '/v3.0/oa/message/cs')?.headers.access_token).toBe(ZALO_TOKEN);
  });

  it('places a report that starts with a shared location at that point', async () => {
    const sender = `zl-${Date.now()}`;
    const [p] = await selectRows<{ lat: number; lon: number }>(t.database.db,
      sql`SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (SELECT ST_PointOnSurface(boundary) AS p FROM units WHERE code = 'DN-new-p-dong-xoai') s`);
    await postZalo(zaloBody(sender, '', { event: 'user_send_location', message: { msg_id: `zloc-${uuidv7()}`, attachments: [{ type: 'location', payload: { coordinates: { latitude: String(p!.lat), longitude: String(p!.lon) } } }] } }));
    await processNow();
    const [r] = await selectRows<{ unit_code: string; lat: number }>(t.database.db,
      sql`SELECT u.code AS unit_code, ST_Y(r.location) AS lat FROM reports r JOIN units u ON u.id = r.unit_id JOIN channel_threads th ON th.report_id = r.id WHERE th.contact = ${sender}`);
    expect(r).toMatchObject({ unit_code: 'DN-new-p-dong-xoai' });
    expect(Number(r!.lat)).toBeCloseTo(Number(p!.lat), 6);
  });

  it('takes a replayed Zalo message once and refuses an old timestamp', async () => {
    const sender = `zr-${Date.now()}`;
    const body = zaloBody(sender, 'Đèn tín hiệu giao thông bị hỏng');
    expect((await postZalo(body)).json()).toEqual({ stored: 1, duplicates: 0 });
    expect((await postZalo(body)).json()).toEqual({ stored: 0, duplicates: 1 });
    const old = await postZalo(zaloBody(sender, 'cũ', { at: Date.now() - 24 * 3600_000 }));
    expect(old.statusCode).toBe(403);
    await processNow();
    expect(await count('reports', sql`id IN (SELECT report_id FROM channel_threads WHERE contact = ${sender})`)).toBe(1);
  });

  it('answers a question the FAQ knows without a report, and makes a report when the person asks for staff', async () => {
    await t.database.db.execute(sql`INSERT INTO faq_entries (id, question, answer, alternatives) VALUES (${uuidv7()},
      'Thủ tục cấp lại căn cước công dân cần giấy tờ gì?', 'Mang theo giấy tờ chứng minh nơi cư trú và đến công an cấp xã.', ARRAY['cấp lại căn cước cần gì'])`);
    const sender = `zf-${Date.now()}`;
    await postZalo(zaloBody(sender, 'cấp lại căn cước công dân cần giấy tờ gì'));
    await processNow();
    expect(await count('channel_messages', sql`contact = ${sender} AND direction = 'out' AND kind = 'auto_answer'`)).toBe(1);
    await drainOutbox();
    expect(fake.sent.find((s) => s.recipient === sender)?.text).toContain('công an cấp xã');
    expect(await count('reports', sql`id IN (SELECT report_id FROM channel_threads WHERE contact = ${sender})`)).toBe(0);

    await postZalo(zaloBody(sender, 'Tôi muốn gặp nhân viên'));
    await processNow();
    expect(await count('reports', sql`id IN (SELECT report_id FROM channel_threads WHERE contact = ${sender})`)).toBe(1);
    const report = await reportOf(sender);
    // The question the bot answered travels into the report, so staff see what came before.
    expect(report.description).toContain('cấp lại căn cước');
    expect(report.description).toContain('gặp nhân viên');
  });
});

describe('telling the citizen', () => {
  it('tells a Facebook reporter of every public state change through Messenger, with the public wording, and nothing for a rolled-back change', async () => {
    const sender = psid();
    await postFacebook(facebookBody(sender, 'Cống thoát nước bị tắc, bốc mùi'));
    await processNow();
    await drainOutbox();
    fake.sent.length = 0;
    const report = await reportOf(sender);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const triaged = await operator.post(`/api/feedback/${report.id}/transition`, { to: 'triaged' });
    expect(triaged.statusCode, triaged.body).toBe(200);
    const outboxRows = await count('channel_messages', sql`report_id = ${report.id} AND direction = 'out' AND kind = 'notice'`);
    expect(outboxRows).toBe(1);
    // A change that fails (invalid transition) is rolled back with its notice.
    const invalid = await operator.post(`/api/feedback/${report.id}/transition`, { to: 'resolved' });
    expect(invalid.statusCode).toBe(409);
    expect(await count('channel_messages', sql`report_id = ${report.id} AND direction = 'out' AND kind = 'notice'`)).toBe(1);
    const rejected = await operator.post(`/api/feedback/${report.id}/transition`, { to: 'rejected', reason: 'Nội dung không thuộc phạm vi tiếp nhận' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    await drainOutbox();
    expect(fake.sent.map((s) => s.recipient)).toEqual([sender, sender]);
    expect(fake.sent[0]!.text).toContain('Đang phân loại');
    expect(fake.sent[1]!.text).toContain('Không đủ điều kiện xử lý');
    expect(fake.sent[1]!.text).toContain('Nội dung không thuộc phạm vi tiếp nhận');
  });

  it('tells a citizen who said "me too" and gave an e-mail of each public change, once, beside the reporter', async () => {
    const post = (url: string, body: object) => t.app.inject({ method: 'POST', url, payload: body, remoteAddress: '203.0.113.77' });
    const created = await post('/api/public/reports', { categoryCode: 'other', description: 'Khói đốt rác ở bãi đất trống', address: 'Đường Phú Riềng Đỏ, Đồng Xoài', reporter: { email: 'nguoi-bao@example.vn' } });
    expect(created.statusCode, created.body).toBe(201);
    const code = (created.json() as { trackingCode: string }).trackingCode;
    for (const email of ['hang-xom@example.vn', 'Hang-Xom@example.vn', 'nguoi-bao@example.vn']) {
      expect((await post(`/api/public/reports/${code}/supporters`, { reporter: { email }, notify: true })).statusCode).toBe(200);
    }
    expect((await post(`/api/public/reports/${code}/supporters`, { reporter: { email: 'khong-theo-doi@example.vn' }, notify: false })).statusCode).toBe(200);
    const [report] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM reports WHERE tracking_code = ${code}`);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await operator.post(`/api/feedback/${report!.id}/transition`, { to: 'triaged' })).statusCode).toBe(200);
    const sent = await selectRows<{ contact: string; text: string }>(t.database.db,
      sql`SELECT contact, text FROM channel_messages WHERE report_id = ${report!.id} AND direction = 'out' AND kind = 'notice' ORDER BY contact`);
    expect(sent.map((m) => m.contact)).toEqual(['hang-xom@example.vn', 'nguoi-bao@example.vn']);
    expect(sent.every((m) => m.text.includes('Đang phân loại'))).toBe(true);
  });

  it('falls back to the e-mail the person gave once Messenger’s 24-hour window has closed, and says so on the timeline', async () => {
    const sender = psid();
    await postFacebook(facebookBody(sender, 'Đường Hùng Vương có ổ gà lớn, email của tôi: nguoidan@example.vn'));
    await processNow();
    const report = await reportOf(sender);
    expect(report.reporter_email).toBe('nguoidan@example.vn');
    await t.database.db.execute(sql`UPDATE channel_messages SET sent_at = now() - interval '25 hours', created_at = now() - interval '25 hours' WHERE contact = ${sender}`);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await operator.post(`/api/feedback/${report.id}/transition`, { to: 'triaged' })).statusCode).toBe(200);
    const [mail] = await selectRows<{ payload: { to: string; subject: string; text: string } }>(t.database.db,
      sql`SELECT payload FROM outbox WHERE connector = 'feedback-email' AND entity_id = ${report.id}`);
    expect(mail!.payload.to).toBe('nguoidan@example.vn');
    expect(mail!.payload.subject).toContain(report.tracking_code);
    expect(mail!.payload.text).toContain('Đang phân loại');
    const detail = (await operator.get(`/api/feedback/${report.id}`)).json() as ReportDetail;
    const fallback = detail.events.find((e) => e.kind === 'channel_fallback');
    expect(fallback?.text).toContain('24 giờ');
    expect(fallback?.text).toContain('e-mail');
    expect(fallback?.isPublic).toBe(false);
  });

  it('still replies on Zalo four days after the person’s last message (the 7-day consultation window), unlike Messenger', async () => {
    const sender = `zw-${Date.now()}`;
    await postZalo(zaloBody(sender, 'Cột điện viễn thông bị nghiêng'));
    await processNow();
    await drainOutbox();
    const report = await reportOf(sender);
    await t.database.db.execute(sql`UPDATE channel_messages SET sent_at = now() - interval '100 hours' WHERE contact = ${sender} AND direction = 'in'`);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const reply = (await operator.post(`/api/channels/reports/${report.id}/reply`, { text: 'Đã báo doanh nghiệp viễn thông.' })).json() as ChannelReplyResult;
    expect(reply).toMatchObject({ sentVia: 'zalo', fallback: false });
    const messages = (await operator.get(`/api/channels/reports/${report.id}/messages`)).json() as ChannelMessageList;
    expect(messages.reach).toMatchObject({ channel: 'zalo', canReplyOnChannel: true, fallback: null });
    expect(Date.parse(messages.reach.windowEndsAt!) - Date.now()).toBeGreaterThan(60 * 3600_000);
  });

  it('records that the citizen can only see the status page when the window has closed and no e-mail is known', async () => {
    const sender = psid();
    await postFacebook(facebookBody(sender, 'Chó thả rông cắn người ở công viên'));
    await processNow();
    const report = await reportOf(sender);
    await t.database.db.execute(sql`UPDATE channel_messages SET sent_at = now() - interval '30 hours' WHERE contact = ${sender} AND direction = 'in'`);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const reply = await operator.post(`/api/channels/reports/${report.id}/reply`, { text: 'Chúng tôi đã chuyển công an phường.' });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toEqual({ sentVia: null, fallback: true, messageId: null } satisfies ChannelReplyResult);
    const detail = (await operator.get(`/api/feedback/${report.id}`)).json() as ReportDetail;
    expect(detail.events.find((e) => e.kind === 'channel_fallback')?.text).toContain('trang tra cứu');
    const messages = (await operator.get(`/api/channels/reports/${report.id}/messages`)).json() as ChannelMessageList;
    expect(messages.reach).toMatchObject({ channel: 'facebook', canReplyOnChannel: false, fallback: 'status_page' });
  });

  it('sends a notice Messenger refuses at delivery (window closed meanwhile) to the reporter’s e-mail, and says so', async () => {
    const sender = psid();
    await postFacebook(facebookBody(sender, 'Trộm cắp xe máy ở chung cư, liên hệ: canhbao@example.vn'));
    await processNow();
    await drainOutbox();
    const report = await reportOf(sender);
    fake.outsideWindow.add(sender);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await operator.post(`/api/feedback/${report.id}/transition`, { to: 'triaged' })).statusCode).toBe(200);
    await drainOutbox();
    expect(fake.requests.at(-1)).toMatchObject({ status: 400 });
    expect(await fallBackOnRefusals(t.database.db)).toBe(1);
    expect(await fallBackOnRefusals(t.database.db)).toBe(0);   // once
    const [mail] = await selectRows<{ payload: { to: string; text: string } }>(t.database.db,
      sql`SELECT payload FROM outbox WHERE connector = 'feedback-email' AND entity_id = ${report.id}`);
    expect(mail!.payload).toMatchObject({ to: 'canhbao@example.vn' });
    expect(mail!.payload.text).toContain('Đang phân loại');
    const detail = (await operator.get(`/api/feedback/${report.id}`)).json() as ReportDetail;
    expect(detail.events.find((e) => e.kind === 'channel_fallback')?.text).toContain('Facebook Messenger không nhận');
  });

  it('retries a reply the platform failed to take, until it is delivered', async () => {
    const sender = `zt-${Date.now()}`;
    await postZalo(zaloBody(sender, 'Khói từ xưởng gỗ gây ô nhiễm'));
    await processNow();
    await drainOutbox();
    const report = await reportOf(sender);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    fake.sent.length = 0;
    fake.failNext(503);
    const reply = (await operator.post(`/api/channels/reports/${report.id}/reply`, { text: 'Đoàn kiểm tra sẽ đến trong tuần này.' })).json() as ChannelReplyResult;
    expect(reply).toMatchObject({ sentVia: 'zalo', fallback: false });
    await outbox.drainOnce();
    expect(fake.sent).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 20));
    await drainOutbox();
    expect(fake.sent.map((s) => s.text)).toEqual(['Đoàn kiểm tra sẽ đến trong tuần này.']);
    const messages = (await operator.get(`/api/channels/reports/${report.id}/messages`)).json() as ChannelMessageList;
    const out = messages.items.find((m) => m.kind === 'reply');
    expect(out).toMatchObject({ direction: 'out', channel: 'zalo', contact: sender, deliveryStatus: 'delivered' });
  });
});

describe('who sees the conversation', () => {
  it('shows the person’s address to handlers and not to a leader, who reads reports only', async () => {
    const sender = psid();
    await postFacebook(facebookBody(sender, 'Xe tải chở quá tải làm hỏng đường'));
    await processNow();
    const report = await reportOf(sender);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const list = (await operator.get(`/api/channels/reports/${report.id}/messages`)).json() as ChannelMessageList;
    expect(list.items[0]).toMatchObject({ direction: 'in', contact: sender, text: 'Xe tải chở quá tải làm hỏng đường' });
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await leader.get(`/api/channels/reports/${report.id}/messages`)).statusCode).toBe(403);
    const detail = (await leader.get(`/api/feedback/${report.id}`)).json() as ReportDetail;
    expect(JSON.stringify(detail.events)).not.toContain(sender);
  });
});

describe('nothing accepted is lost', () => {
  it('handles a message a crashed process stored but never processed on the next run, once', async () => {
    const sender = psid();
    // Stored by a webhook whose process died before its run: no kick will come for it.
    await t.database.db.execute(sql`INSERT INTO channel_messages (id, channel, direction, external_id, contact, text, status, sent_at)
      VALUES (${uuidv7()}, 'facebook', 'in', ${`m_${uuidv7()}`}, ${sender}, 'Trụ điện nghiêng sắp đổ', 'pending', now())`);
    const first = await processInboundMessages(t.database.db);
    expect(first).toMatchObject({ created: 1, failed: 0 });
    expect(await processInboundMessages(t.database.db)).toMatchObject({ created: 0, appended: 0 });
    expect((await reportOf(sender)).description).toBe('Trụ điện nghiêng sắp đổ');
  });
});

