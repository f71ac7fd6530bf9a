// The e-mail channel against real servers: Postfix (SMTP) and Dovecot (IMAP) on 127.0.0.1, set up by
// .ci/mail-setup.sh. Skipped, saying why, only when they are not installed on this machine.
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CITIZEN_USER, mailFolder, mailServerUnavailable, removeFolder, sendMail, SMTP_URL, waitForMail,
} from '../../../../../test/support/mail-server.js';
import type { PublicReportCreated, ReportDetail } from '../../../../shared/contracts/feedback.js';
import { type OutboxWorker, startOutboxWorker } from '../../../core/outbox.js';
import { selectRows } from '../../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { parseImapUrl } from './channels.config.js';
import { leaseMailbox } from './channels.queries.js';
import { channelConnectors } from './connectors.js';
import { pollMailbox } from './email.js';
import { processInboundMessages } from './inbound.js';
import { startChannelWork } from './channels.worker.js';
import pino from 'pino';

const unavailable = await mailServerUnavailable();
if (unavailable) console.warn(`e-mail channel tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('e-mail channel on real mail servers', () => {
  const box = mailFolder();
  let t: TestApp;
  let outbox: OutboxWorker;
  const silent = { info() {}, warn() {}, error() {} };
  const imap = parseImapUrl(box.imapUrl);

  beforeAll(async () => {
    t = await createTestApp({ env: { IOC_FEEDBACK_IMAP_URL: box.imapUrl, IOC_FEEDBACK_SMTP_URL: SMTP_URL, IOC_FEEDBACK_MAIL_FROM: `Đường dây nóng 1022 <${box.hotline}>` } });
    outbox = startOutboxWorker(t.database.db, { connectors: channelConnectors(t.app.config.channels), log: silent, pollMs: 0 });
  });
  afterAll(async () => { await outbox?.stop(); await t?.close(); await removeFolder(box.folder); });

  const poll = () => pollMailbox(t.database.db, imap, { ownAddress: t.app.config.channels.email.from });
  async function pollUntil(stored: number, timeoutMs = 15_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    let total = 0;
    while (total < stored) {
      total += (await poll()).stored;
      if (total >= stored) break;
      if (Date.now() > until) throw new Error(`expected ${stored} new mail(s), polled ${total}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return total;
  }
  async function drain() { while ((await outbox.drainOnce()) > 0) { /* until nothing is due */ } }
  async function reportsFrom(address: string) {
    return selectRows<{ id: string; tracking_code: string; channel: string; description: string; reporter_email: string; reporter_name: string | null }>(t.database.db,
      sql`SELECT id, tracking_code, channel, description, reporter_email, reporter_name FROM reports WHERE reporter_email = ${address} ORDER BY created_at`);
  }

  it('makes a report of a new mail, answers it over SMTP with the tracking code, and threads the citizen’s reply into that report', async () => {
    const sentId = await sendMail({ from: `Trần Thị Bình <${box.citizen}>`, to: box.hotline, subject: 'Đèn đường hỏng ở đường Lê Duẩn', text: 'Ba cột đèn trước số 12 không sáng đã một tuần.' });
    expect(await pollUntil(1)).toBe(1);
    expect(await processInboundMessages(t.database.db)).toMatchObject({ created: 1 });
    const [report] = await reportsFrom(box.citizen);
    expect(report).toMatchObject({ channel: 'email', reporter_name: 'Trần Thị Bình', description: 'Đèn đường hỏng ở đường Lê Duẩn\n\nBa cột đèn trước số 12 không sáng đã một tuần.' });

    await drain();
    const [ack] = await waitForMail(CITIZEN_USER, box.folder, 1);
    expect(ack!.subject).toContain(report!.tracking_code);
    expect(ack!.inReplyTo).toBe(sentId);
    expect(ack!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(ack!.text).toContain(report!.tracking_code);

    // The citizen answers the acknowledgement from their mail client: In-Reply-To carries our Message-ID.
    await sendMail({ from: box.citizen, to: box.hotline, subject: `Re: ${ack!.subject}`, inReplyTo: ack!.messageId, references: [sentId, ack!.messageId!],
      text: 'Bổ sung: cột đèn số 3 còn bị nghiêng.\n\nOn Mon, 1 Jan 2026, hotline wrote:\n> Đã nhận phản ánh' });
    expect(await pollUntil(1)).toBe(1);
    expect(await processInboundMessages(t.database.db)).toMatchObject({ appended: 1, created: 0 });
    expect(await reportsFrom(box.citizen)).toHaveLength(1);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const detail = (await operator.get(`/api/feedback/${report!.id}`)).json() as ReportDetail;
    const reply = detail.events.find((e) => e.kind === 'message_in');
    expect(reply?.text).toContain('cột đèn số 3 còn bị nghiêng');
    expect(reply?.text).not.toContain('Đã nhận phản ánh');   // the quoted part is cut
  });

  it('threads a mail by the tracking code in its subject only when it comes from the reporter’s own address', async () => {
    const [report] = await reportsFrom(box.citizen);
    await sendMail({ from: box.citizen, to: box.hotline, subject: `Hỏi tiến độ ${report!.tracking_code}`, text: 'Cho hỏi đã xử lý chưa?' });
    await sendMail({ from: `someone-else+${box.folder}@ioc.test`, to: box.hotline, subject: `Về ${report!.tracking_code}`, text: 'Tôi cũng thấy đèn hỏng.' });
    expect(await pollUntil(2)).toBe(2);
    expect(await processInboundMessages(t.database.db)).toMatchObject({ appended: 1, created: 1 });
    expect(await reportsFrom(`someone-else+${box.folder}@ioc.test`)).toHaveLength(1);
  });

  it('reads the text of an HTML-only mail and leaves auto-replies and bounces alone', async () => {
    const htmlFrom = `html+${box.folder}@ioc.test`;
    await sendMail({ from: htmlFrom, to: box.hotline, subject: 'Rác', html: '<p>Bãi rác <b>cạnh chợ</b> bốc mùi</p><script>alert(1)</script>' });
    const robot = `robot+${box.folder}@ioc.test`;
    await sendMail({ from: robot, to: box.hotline, subject: 'Out of office', text: 'I am away', headers: { 'Auto-Submitted': 'auto-replied' } });
    await sendMail({ from: robot, to: box.hotline, subject: 'Weekly digest', text: 'News', headers: { Precedence: 'bulk' } });
    expect(await pollUntil(3)).toBe(3);
    expect(await processInboundMessages(t.database.db)).toMatchObject({ created: 1 });
    const [html] = await reportsFrom(htmlFrom);
    expect(html!.description).toContain('Bãi rác cạnh chợ bốc mùi');
    expect(html!.description).not.toContain('<b>');
    expect(await reportsFrom(robot)).toHaveLength(0);
    const [ignored] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM channel_messages WHERE contact = ${robot} AND status = 'ignored'`);
    expect(ignored!.n).toBe(2);
  });

  it('keeps the photos of a mail with the report (checked by media.ts), lists other files, and notes a fake image', async () => {
    const from = `photos+${box.folder}@ioc.test`;
    const png = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#c00' } }).png().toBuffer();
    await sendMail({ from, to: box.hotline, subject: 'Ổ gà', text: 'Ảnh đính kèm.', attachments: [
      { filename: 'o-ga.png', content: png, contentType: 'image/png' },
      { filename: 'bien-ban.txt', content: 'biên bản', contentType: 'text/plain' },
      { filename: 'khong-phai-anh.jpg', content: Buffer.from('not a jpeg at all'), contentType: 'image/jpeg' },
    ] });
    expect(await pollUntil(1)).toBe(1);
    expect(await processInboundMessages(t.database.db)).toMatchObject({ created: 1 });
    const [report] = await reportsFrom(from);
    const media = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM report_media WHERE report_id = ${report!.id}`);
    expect(media[0]!.n).toBe(1);
    expect(report!.description).toContain('bien-ban.txt');
    const [note] = await selectRows<{ text: string }>(t.database.db, sql`SELECT text FROM report_events WHERE report_id = ${report!.id} AND kind = 'note'`);
    expect(note!.text).toContain('khong-phai-anh.jpg');
    // The bytes left the message row once they were in the report's media.
    const [row] = await selectRows<{ raw: { images?: unknown; keptPhotos?: number } }>(t.database.db, sql`SELECT raw FROM channel_messages WHERE contact = ${from} AND direction = 'in'`);
    expect(row!.raw.images).toBeUndefined();
    expect(row!.raw.keptPhotos).toBe(1);
  });

  it('reads each mail once: the cursor moves with every stored mail, and a poll that died before moving it stores nothing twice', async () => {
    expect((await poll()).fetched).toBe(0);
    const mailbox = `${imap.user}@${imap.host}:${imap.port}/${imap.mailbox}`;
    const before = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM channel_messages WHERE direction = 'in' AND channel = 'email'`);
    // As if the process died after storing but before the cursor moved: the mails are read again …
    await t.database.db.execute(sql`UPDATE channel_mailbox_cursors SET last_uid = 0 WHERE mailbox = ${mailbox}`);
    const again = await poll();
    expect(again.fetched).toBeGreaterThanOrEqual(7);
    // … and their Message-IDs make the second read a no-op.
    expect(again.stored).toBe(0);
    const after = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM channel_messages WHERE direction = 'in' AND channel = 'email'`);
    expect(after[0]!.n).toBe(before[0]!.n);
    // A UIDVALIDITY change (mailbox rebuilt) starts from the first UID again, still without duplicates.
    await t.database.db.execute(sql`UPDATE channel_mailbox_cursors SET uid_validity = 1 WHERE mailbox = ${mailbox}`);
    expect((await poll()).stored).toBe(0);
  });

  it('lets one process poll at a time: a poll finds the mailbox leased by another and skips', async () => {
    const mailbox = `${imap.user}@${imap.host}:${imap.port}/${imap.mailbox}`;
    expect(await leaseMailbox(t.database.db, mailbox, 'other-process', 60_000)).not.toBeNull();
    expect(await poll()).toMatchObject({ skipped: true, fetched: 0 });
    await t.database.db.execute(sql`UPDATE channel_mailbox_cursors SET leased_until = now() - interval '1 second' WHERE mailbox = ${mailbox}`);
    expect((await poll()).skipped).toBe(false);   // a crashed poller's lease runs out
  });

  it('polls the mailbox in the background of a server process and turns new mail into reports unasked', async () => {
    const from = `background+${box.folder}@ioc.test`;
    const config = t.app.config.channels;
    const stop = startChannelWork(t.database.db, { ...config, email: { ...config.email, pollMs: 300 } }, pino({ level: 'silent' }));
    try {
      await sendMail({ from, to: box.hotline, subject: 'Cống hở nắp', text: 'Nắp cống trước trường tiểu học bị mất.' });
      const until = Date.now() + 20_000;
      while ((await reportsFrom(from)).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    } finally {
      await stop();
    }
    expect(await reportsFrom(from)).toHaveLength(1);
  });

  it('tells a web reporter who gave an e-mail of a state change, through real SMTP', async () => {
    const webAddress = `${CITIZEN_USER}+${box.folder}w@ioc.test`;
    const created = await t.app.inject({ method: 'POST', url: '/api/public/reports', remoteAddress: '203.0.113.77',
      payload: { categoryCode: 'other', description: 'Góp ý về giờ làm việc của bộ phận một cửa', address: 'Đồng Xoài', reporter: { email: webAddress } } });
    expect(created.statusCode, created.body).toBe(201);
    const code = (created.json() as PublicReportCreated).trackingCode;
    const [r] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM reports WHERE tracking_code = ${code}`);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await operator.post(`/api/feedback/${r!.id}/transition`, { to: 'triaged' })).statusCode).toBe(200);
    await drain();
    const [notice] = await waitForMail(CITIZEN_USER, `${box.folder}w`, 1);
    expect(notice!.subject).toContain(code);
    expect(notice!.text).toContain('Đang phân loại');
    await removeFolder(`${box.folder}w`);
  });
});
