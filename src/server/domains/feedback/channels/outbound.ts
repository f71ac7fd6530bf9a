// Everything we say to a citizen goes out here: through the channel the report came from while that channel
// may still reply (Facebook's 24-hour window, Zalo's consultation window), else by e-mail when the reporter
// gave one, else by SMS to the phone they gave (a phone report goes by SMS first), else nowhere — and the
// timeline says which. Sending is an outbox message enqueued in the
// caller's transaction, so a rolled-back change never speaks and a committed one always does.
import { uuidv7 } from 'uuidv7';
import type { MessagingChannel } from '../../../../shared/contracts/feedback-channels.js';
import { enqueue } from '../../../core/outbox.js';
import type { Db, DbOrTx } from '../../../db/client.js';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../calendar/working-hours.js';
import { findReportById, insertReportEvent } from '../feedback.queries.js';
import type { FeedbackOptions } from '../feedback.service.js';
import type { ReportRow } from '../feedback.table.js';
import { type ChannelsConfig, channelsConfigOf } from './channels.config.js';
import { isSmsConfigured, type SmsPayload, smsSizeOf, smsTextOf, vietnamPhoneOf } from './sms.js';
import { emailIdsOfReport, insertMessages, lastInboundAtOf, lockQueuedMessage, refusedDeliveries, threadsOfReport, updateMessage } from './channels.queries.js';

export const CONNECTOR = { email: 'feedback-email', zalo: 'feedback-zalo', facebook: 'feedback-facebook', sms: 'feedback-sms' } as const;
const CHANNEL_NAMES: Record<MessagingChannel, string> = { email: 'e-mail', zalo: 'Zalo', facebook: 'Facebook Messenger', sms: 'SMS' };
export const MAX_MESSAGE_TEXT = 2000;   // Messenger's limit for a text message; Zalo's consultation text is as long

// The settings the app runs with, set when its routes register: the reply windows matter when a message is
// queued from inside another domain's transaction (a state change), which carries no config. Tokens and
// addresses are read at delivery by the connectors.
let current: ChannelsConfig = channelsConfigOf({});
let options: FeedbackOptions = { officeHours: DEFAULT_OFFICE_HOURS };
export function useChannelsConfig(config: ChannelsConfig, officeHours: OfficeHours): void { current = config; options = { officeHours }; }
export function channelsConfig(): ChannelsConfig { return current; }
/** The office hours reports taken from the channels count their deadlines in. */
export function feedbackOptions(): FeedbackOptions { return options; }

export interface EmailPayload {
  to: string; subject: string; text: string; messageId: string;
  inReplyTo: string | null; references: string[]; autoSubmitted: boolean;
}
export interface MessagingPayload { recipientId: string; text: string }

export type OutboundKind = 'notice' | 'reply' | 'ack' | 'auto_answer';
export interface OutboundInput {
  report: Pick<ReportRow, 'id' | 'trackingCode' | 'unitPath' | 'reporterEmail' | 'reporterPhone' | 'channel'>;
  text: string;
  kind: OutboundKind;
  /** For e-mail: what the subject says after the tracking code when the report has no mail thread. */
  subject: string;
  actorName: string;
  now?: Date;
}
export interface OutboundResult { sentVia: MessagingChannel | null; fallback: boolean; messageId: string | null }

function mailDomainOf(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'ioc.localhost';
}

function windowOf(config: ChannelsConfig, channel: 'zalo' | 'facebook'): number {
  return config[channel].replyWindowHours * 3600_000;
}

/** Whether the channel may still send to this person now, and until when. */
export async function replyWindowOf(db: DbOrTx, config: ChannelsConfig, channel: MessagingChannel, contact: string, now: Date): Promise<{ open: boolean; endsAt: Date | null }> {
  if (channel === 'email' || channel === 'sms') return { open: true, endsAt: null };
  const last = await lastInboundAtOf(db, channel, contact);
  if (!last) return { open: false, endsAt: null };
  const endsAt = new Date(last.getTime() + windowOf(config, channel));
  return { open: endsAt > now, endsAt };
}

async function queue(tx: DbOrTx, input: OutboundInput, channel: MessagingChannel, contact: string, payload: EmailPayload | MessagingPayload | SmsPayload, subject: string | null, now: Date, id = uuidv7()): Promise<string> {
  const key = `feedback-channel:${id}`;
  await enqueue(tx, { connector: CONNECTOR[channel], key, payload, entityType: 'report', entityId: input.report.id, unitPath: input.report.unitPath });
  await insertMessages(tx, [{
    id, channel, direction: 'out', externalId: channel === 'email' ? (payload as EmailPayload).messageId : key, contact,
    reportId: input.report.id, kind: input.kind, subject, text: payload.text, status: 'queued', outboxKey: key, createdAt: now,
  }]);
  // Staff see on the timeline what the citizen was told and where (the address itself stays in channel_messages).
  await insertReportEvent(tx, { reportId: input.report.id, at: now, kind: 'message_out', isPublic: false, text: `[${CHANNEL_NAMES[channel]}] ${payload.text}`, actorType: 'system', actorId: null, actorName: input.actorName });
  return id;
}

async function queueEmail(tx: DbOrTx, config: ChannelsConfig, input: OutboundInput, to: string, threadSubject: string | null, now: Date): Promise<string> {
  const code = input.report.trackingCode;
  const ids = await emailIdsOfReport(tx, input.report.id);
  const lastIn = [...ids].reverse().find((m) => m.direction === 'in');
  // The tracking code in the subject threads a reply even when the citizen's client drops the headers.
  const subject = threadSubject
    ? `${/^re:/i.test(threadSubject) ? '' : 'Re: '}${threadSubject}${threadSubject.includes(code) ? '' : ` [${code}]`}`
    : `[${code}] ${input.subject}`;
  const payload: EmailPayload = {
    to, subject, text: input.text, messageId: `<${uuidv7()}@${mailDomainOf(config.email.from)}>`,
    inReplyTo: lastIn?.externalId ?? ids[ids.length - 1]?.externalId ?? null,
    references: ids.map((m) => m.externalId), autoSubmitted: input.kind !== 'reply',
  };
  return queue(tx, input, 'email', to, payload, subject, now);
}

/**
 * Queues an SMS. The message id is the gateway's requestId: the outbox retries one notice with the same id,
 * so a gateway that took it before a timeout does not send it twice.
 */
async function queueSms(tx: DbOrTx, config: ChannelsConfig, input: OutboundInput, phone: string, now: Date): Promise<string> {
  const id = uuidv7();
  const text = smsTextOf(input.text, config.sms);
  const payload: SmsPayload = { to: phone, text, requestId: id, unicode: smsSizeOf(text).encoding === 'ucs2', original: input.text };
  return queue(tx, input, 'sms', phone, payload, null, now, id);
}

/** Whether an SMS can go to this number now, or why not (in Vietnamese, for the timeline). */
export function smsReachOf(config: ChannelsConfig, phone: string | null | undefined): { phone: string; why: null } | { phone: null; why: string } | null {
  if (!phone) return null;
  const parsed = vietnamPhoneOf(phone);
  if (!parsed) return { phone: null, why: `số điện thoại "${phone}" không phải số Việt Nam hợp lệ nên không nhắn SMS được` };
  if (!parsed.isMobile) return { phone: null, why: `số ${parsed.e164} là số cố định, không nhận được SMS` };
  if (!isSmsConfigured(config.sms)) return { phone: null, why: 'chưa cấu hình kênh SMS (IOC_SMS_GATEWAY_URL, IOC_SMS_API_KEY) nên không nhắn được tới số điện thoại người dân để lại' };
  return { phone: parsed.e164, why: null };
}

/** A message cut to what the platforms take, marked as cut. */
const clipped = (text: string) => (text.length > MAX_MESSAGE_TEXT ? `${text.slice(0, MAX_MESSAGE_TEXT - 1)}…` : text);

/**
 * Says `text` to the citizen of a report. The channel is the report's messaging thread (the latest one) if it
 * can still reply, else the reporter's e-mail; a fallback or no way at all is written on the timeline.
 */
export async function sendToCitizen(tx: DbOrTx, input: OutboundInput): Promise<OutboundResult> {
  const config = current;
  const now = input.now ?? new Date();
  const msg = { ...input, text: clipped(input.text) };
  const [thread] = await threadsOfReport(tx, input.report.id);
  let blocked: string | null = null;
  if (thread && (thread.channel === 'zalo' || thread.channel === 'facebook')) {
    const channel = thread.channel;
    const window = await replyWindowOf(tx, config, channel, thread.contact, now);
    if (window.open) {
      const id = await queue(tx, msg, channel, thread.contact, { recipientId: thread.contact, text: msg.text }, null, now);
      return { sentVia: channel, fallback: false, messageId: id };
    }
    blocked = `Không thể nhắn qua ${CHANNEL_NAMES[channel]}: đã quá ${config[channel].replyWindowHours} giờ kể từ tin nhắn cuối của người dân`;
  } else if (thread?.channel === 'email') {
    const id = await queueEmail(tx, config, msg, thread.contact, thread.subject, now);
    return { sentVia: 'email', fallback: false, messageId: id };
  }
  const email = input.report.reporterEmail;
  const sms = smsReachOf(config, input.report.reporterPhone);
  // A report taken by phone is answered where it came from, by SMS, before any e-mail the caller also gave.
  if (!blocked && input.report.channel === 'phone' && sms?.phone) {
    const id = await queueSms(tx, config, msg, sms.phone, now);
    return { sentVia: 'sms', fallback: false, messageId: id };
  }
  if (email) {
    const id = await queueEmail(tx, config, msg, email, null, now);
    if (blocked) await noteOnTimeline(tx, input, `${blocked}; đã gửi qua e-mail thay thế.`, now);
    return { sentVia: 'email', fallback: blocked !== null, messageId: id };
  }
  if (sms?.phone) {
    const id = await queueSms(tx, config, msg, sms.phone, now);
    if (blocked) await noteOnTimeline(tx, input, `${blocked}; đã gửi SMS thay thế.`, now);
    return { sentVia: 'sms', fallback: blocked !== null, messageId: id };
  }
  if (blocked || sms) {
    const why = [blocked, sms?.why].filter(Boolean).join('; ');
    await noteOnTimeline(tx, input, `${why[0]!.toUpperCase()}${why.slice(1)}${blocked ? ' và người dân không để lại e-mail' : ''}: người dân chỉ xem được tình trạng trên trang tra cứu (mã ${input.report.trackingCode}).`, now);
    return { sentVia: null, fallback: true, messageId: null };
  }
  return { sentVia: null, fallback: false, messageId: null };
}

/**
 * Says `text` by e-mail to someone who follows a report without being its reporter: a citizen who said "me
 * too" and asked to be told, or the reporter of a report merged into this one. E-mail only: a follower's
 * chat on Zalo or Facebook has no thread of this report to answer in.
 */
export async function sendToFollowerByEmail(tx: DbOrTx, input: OutboundInput, email: string): Promise<string> {
  return queueEmail(tx, current, { ...input, text: clipped(input.text) }, email, null, input.now ?? new Date());
}

/**
 * Says `text` by SMS to a follower who left only a phone number. Null when no SMS can go (not configured, a
 * landline, not a Vietnamese number): the reason, for the timeline.
 */
export async function sendToFollowerBySms(tx: DbOrTx, input: OutboundInput, phone: string): Promise<{ sent: true; phone: string } | { sent: false; why: string }> {
  const reach = smsReachOf(current, phone);
  if (!reach) return { sent: false, why: 'không có số điện thoại' };
  if (reach.phone === null) return { sent: false, why: reach.why };
  await queueSms(tx, current, { ...input, text: clipped(input.text) }, reach.phone, input.now ?? new Date());
  return { sent: true, phone: reach.phone };
}

export async function noteOnTimeline(tx: DbOrTx, input: OutboundInput, text: string, now: Date): Promise<void> {
  await insertReportEvent(tx, { reportId: input.report.id, at: now, kind: 'channel_fallback', isPublic: false, text, actorType: 'system', actorId: null, actorName: input.actorName });
}

export function channelNameOf(channel: MessagingChannel): string { return CHANNEL_NAMES[channel]; }

/**
 * A platform may still refuse a message queued inside its window (the window closed before delivery, the
 * person blocked the OA or Page, a token expired). Once the outbox gives up on it, the text goes to the
 * reporter's e-mail when known, and the timeline says what happened either way.
 */
export async function fallBackOnRefusals(db: Db, now = new Date()): Promise<number> {
  let handled = 0;
  for (const { message, lastError, payload } of await refusedDeliveries(db, 50)) {
    await db.transaction(async (tx) => {
      const m = await lockQueuedMessage(tx, message.id);
      if (!m?.reportId) return;
      const rec = await findReportById(tx, m.reportId);
      if (!rec) return;
      await updateMessage(tx, m.id, { status: 'undeliverable', lastError });
      // An SMS carried a shortened, perhaps unaccented text: the e-mail says it in full.
      const text = m.channel === 'sms' ? (payload as SmsPayload | null)?.original ?? m.text : m.text;
      const input: OutboundInput = { report: rec.report, text, kind: (m.kind as OutboundKind), subject: 'Thông báo về phản ánh', actorName: 'system:channels', now };
      const refused = `${CHANNEL_NAMES[m.channel as MessagingChannel]} không nhận tin nhắn gửi người dân${lastError ? ` (${lastError.slice(0, 200)})` : ''}`;
      // An SMS to a follower (not the reporter's number) has no e-mail of theirs to fall back on.
      const toReporter = m.channel !== 'sms' || vietnamPhoneOf(rec.report.reporterPhone)?.e164 === m.contact;
      const email = toReporter ? rec.report.reporterEmail : null;
      if (!toReporter) {
        await noteOnTimeline(tx, input, `${CHANNEL_NAMES.sms} không nhận tin nhắn gửi một người theo dõi phản ánh${lastError ? ` (${lastError.slice(0, 200)})` : ''}.`, now);
      } else if (email) {
        await queueEmail(tx, current, input, email, null, now);
        await noteOnTimeline(tx, input, `${refused}; đã gửi qua e-mail thay thế.`, now);
      } else {
        await noteOnTimeline(tx, input, `${refused} và người dân không để lại e-mail: người dân chỉ xem được tình trạng trên trang tra cứu (mã ${rec.report.trackingCode}).`, now);
      }
      handled++;
    });
  }
  return handled;
}

