// Turns stored inbound messages into reports: the first message of a person with no open report creates one
// (channel email/zalo/facebook, category "other": the operator queue); later messages while it is open, and
// e-mail replies that thread into a report, become citizen messages on its timeline. Each message is handled
// in one transaction that holds its row and a per-person lock, so a crash re-handles it from scratch and two
// processes never make two reports of one conversation.
import type { FastifyBaseLogger } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { MessagingChannel } from '../../../../shared/contracts/feedback-channels.js';
import type { FaqAnswer } from '../../../../shared/contracts/feedback-text.js';
import { MAX_DESCRIPTION, type ReportChannel, type ReportState } from '../../../../shared/contracts/feedback.js';
import { publish } from '../../../core/hub.js';
import { enqueue } from '../../../core/outbox.js';
import type { Db, DbOrTx } from '../../../db/client.js';
import { OTHER_CATEGORY } from '../categories.data.js';
import { suggestAfterIntake } from '../classifier.service.js';
import { answerFromFaq } from '../faq.js';
import { findReportById, findReportByTrackingCode, insertReportEvent, type ReportRecord, updateReport } from '../feedback.queries.js';
import { citizenActor, intakeReport } from '../feedback.service.js';
import { type ProcessedPhoto, processPhoto, storePhotos } from '../media.js';
import { publicLabels } from '../states.js';
import type { ChannelMessageRow } from './channels.table.js';
import {
  attachMessagesToReport, claimPendingMessage, insertMessages, lockContact, openThreadOf, recordFailedAttempt, reportIdByEmailRefs, unattachedMessagesOf,
  updateMessage, upsertThread,
} from './channels.queries.js';
import { channelNameOf, CONNECTOR, feedbackOptions, sendToCitizen } from './outbound.js';

export const MAX_PROCESSING_ATTEMPTS = 5;
const SYSTEM_NAME = 'system:channels';
const TRACKING_CODE = /\bPA[0-9A-HJKMNP-TV-Z]{8}\b/;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
// Unanswered or auto-answered questions of the last day travel into the report a handover creates.
const EARLIER_MESSAGES_MS = 24 * 3600_000;

export interface InboundLocation { lat: number; lon: number }
/** What the webhook or the poll stored besides the text (channel_messages.raw). */
export interface InboundRaw {
  event?: unknown; headers?: Record<string, string>; location?: InboundLocation | null; attachments?: string[];
  /** E-mail photos until the message is handled; then `keptPhotos` counts those stored with the report. */
  images?: { fileName: string | null; base64: string }[];
  keptPhotos?: number;
}

function fitDescription(text: string): string {
  const t = text.trim() || '(không có nội dung)';
  return t.length > MAX_DESCRIPTION ? `${t.slice(0, MAX_DESCRIPTION - 1)}…` : t;
}

function textOfMessage(m: ChannelMessageRow, withSubject: boolean): string {
  const subject = withSubject && m.subject ? `${m.subject.trim()}\n\n` : '';
  return `${subject}${m.text}`.trim();
}

const origin = { ip: null, requestId: null, publish };

/**
 * Moves the photos of an e-mail into the report's media (checked and stripped of metadata by media.ts);
 * a file that is not a readable photo is noted on the timeline instead. The bytes leave the message row.
 */
async function keepPhotos(tx: DbOrTx, reportId: string, m: ChannelMessageRow, now: Date): Promise<void> {
  const raw = (m.raw ?? {}) as InboundRaw;
  if (!raw.images?.length) return;
  const photos: ProcessedPhoto[] = [];
  const refused: string[] = [];
  for (const img of raw.images) {
    try {
      photos.push(await processPhoto({ bytes: Buffer.from(img.base64, 'base64'), fileName: img.fileName }));
    } catch {
      refused.push(img.fileName ?? 'ảnh');
    }
  }
  if (photos.length) await storePhotos(tx, reportId, 'report', photos, now);
  if (refused.length) {
    await insertReportEvent(tx, { reportId, at: now, kind: 'note', isPublic: false, text: `Tệp đính kèm e-mail không phải ảnh đọc được, không lưu: ${refused.join(', ')}`, actorType: 'system', actorId: null, actorName: SYSTEM_NAME });
  }
  const { images: _dropped, ...rest } = raw;
  await updateMessage(tx, m.id, { raw: { ...rest, keptPhotos: photos.length } });
}

async function createReportFrom(tx: DbOrTx, m: ChannelMessageRow, description: string, earlier: ChannelMessageRow[]): Promise<ReportRecord> {
  const raw = (m.raw ?? {}) as InboundRaw;
  const channel = m.channel as ReportChannel;
  const emailInText = m.channel === 'email' ? null : EMAIL_IN_TEXT.exec(description)?.[0] ?? null;
  // intakeReport opens its own transaction: handed our transaction it nests (a savepoint) instead of taking
  // a second connection, which PGlite (one connection) would wait for forever.
  const { record } = await intakeReport({ ...origin, db: tx as Db, actor: citizenActor(channel) }, {
    categoryCode: OTHER_CATEGORY, description: fitDescription(description), channel, urgency: 'normal',
    ...(raw.location ? { location: raw.location } : {}),
    reporter: m.channel === 'email'
      ? { email: m.contact, ...(m.contactName ? { name: m.contactName } : {}) }
      : { ...(m.contactName ? { name: m.contactName } : {}), ...(emailInText ? { email: emailInText } : {}) },
  }, feedbackOptions(), null, m.createdAt);   // the SLA clock starts when the message reached us
  await upsertThread(tx, { reportId: record.report.id, channel: m.channel, contact: m.contact, contactName: m.contactName, subject: m.subject, at: m.sentAt ?? m.createdAt });
  await attachMessagesToReport(tx, [m.id, ...earlier.map((e) => e.id)], record.report.id);
  await keepPhotos(tx, record.report.id, m, m.createdAt);
  const code = record.report.trackingCode;
  await sendToCitizen(tx, {
    report: record.report, kind: 'ack', actorName: SYSTEM_NAME,
    subject: 'Đã nhận phản ánh',
    text: `Đường dây nóng 1022 đã nhận phản ánh của bạn. Mã tra cứu: ${code}. Tình trạng: ${publicLabels[record.report.state as ReportState]}. Chúng tôi sẽ báo bạn khi có kết quả xử lý.`,
  });
  return record;
}

async function appendToReport(tx: DbOrTx, rec: ReportRecord, m: ChannelMessageRow): Promise<void> {
  const r = rec.report;
  const channelName = channelNameOf(m.channel as MessagingChannel);
  await insertReportEvent(tx, {
    reportId: r.id, at: new Date(), kind: 'message_in', agencyId: r.agencyId, isPublic: false,
    text: `[${channelName}] ${fitDescription(textOfMessage(m, m.channel === 'email' && !/^re:/i.test(m.subject ?? '')))}`,
    actorType: 'system', actorId: null, actorName: `citizen:${m.channel}`,
  });
  await upsertThread(tx, { reportId: r.id, channel: m.channel, contact: m.contact, contactName: m.contactName, subject: m.subject, at: m.sentAt ?? m.createdAt });
  // A person on Zalo or Facebook who writes their e-mail gives the report a way to reach them after the window.
  if (!r.reporterEmail) {
    const email = m.channel === 'email' ? m.contact : EMAIL_IN_TEXT.exec(m.text)?.[0];
    if (email) await updateReport(tx, r.id, { reporterEmail: email });
  }
  await updateMessage(tx, m.id, { reportId: r.id });
  await keepPhotos(tx, r.id, m, new Date());
  await publish(tx, { topic: 'feedback', type: 'report.message', unitPath: r.unitPath, ids: [r.id], data: { channel: m.channel } });
}

/** The report an e-mail belongs to: one of its Message-IDs referenced, or its tracking code in the subject from the reporter's own address. */
async function reportOfEmail(tx: DbOrTx, m: ChannelMessageRow): Promise<ReportRecord | undefined> {
  const byRef = await reportIdByEmailRefs(tx, m.threadRefs);
  if (byRef) return findReportById(tx, byRef, true);
  const code = TRACKING_CODE.exec(m.subject ?? '')?.[0];
  if (!code) return undefined;
  const rec = await findReportByTrackingCode(tx, code);
  // A tracking code is shown on the public status page: only its reporter may write into the report by it.
  if (rec && rec.report.reporterEmail?.toLowerCase() === m.contact.toLowerCase()) return findReportById(tx, rec.report.id, true);
  return undefined;
}

export type InboundOutcome = 'created' | 'appended' | 'answered' | 'ignored';

/** `created` collects the report made from the message, if any, for work after the commit. */
async function handle(tx: DbOrTx, m: ChannelMessageRow, faq: FaqAnswer | null, created: ReportRecord[]): Promise<InboundOutcome> {
  if (m.channel === 'email') {
    const rec = await reportOfEmail(tx, m);
    if (rec) { await appendToReport(tx, rec, m); return 'appended'; }
    created.push(await createReportFrom(tx, m, textOfMessage(m, true), []));
    return 'created';
  }
  const thread = await openThreadOf(tx, m.channel, m.contact);
  if (thread) {
    const rec = await findReportById(tx, thread.reportId, true);
    if (rec) { await appendToReport(tx, rec, m); return 'appended'; }
  }
  if (!m.text.trim()) return 'ignored';   // a sticker or a reaction with no open report: nothing to act on
  // A question the FAQ answers with confidence gets the answer and no report; "gặp nhân viên" or low
  // confidence hands over to a person: a report.
  if (faq?.kind === 'answer') {
    await sendAutoAnswer(tx, m, faq.answer);
    return 'answered';
  }
  const since = new Date((m.sentAt ?? m.createdAt).getTime() - EARLIER_MESSAGES_MS);
  const earlier = (await unattachedMessagesOf(tx, m.channel, m.contact, since)).filter((e) => e.id !== m.id);
  const description = [...earlier.map((e) => e.text), m.text].join('\n');
  created.push(await createReportFrom(tx, m, description, earlier));
  return 'created';
}

/** An FAQ answer on the person's channel: no report, so the message row alone records it. */
async function sendAutoAnswer(tx: DbOrTx, m: ChannelMessageRow, answer: string): Promise<void> {
  const id = uuidv7();
  const key = `feedback-channel:${id}`;
  const text = `${answer}\n\nNếu cần gặp nhân viên, hãy nhắn "gặp nhân viên".`;
  await enqueue(tx, { connector: CONNECTOR[m.channel as 'zalo' | 'facebook'], key, payload: { recipientId: m.contact, text }, entityType: 'channel_message', entityId: m.id });
  await insertMessages(tx, [{ id, channel: m.channel, direction: 'out', externalId: key, contact: m.contact, kind: 'auto_answer', text, status: 'queued', outboxKey: key }]);
}

export interface ProcessResult { created: number; appended: number; answered: number; ignored: number; failed: number }

/** Handles pending inbound messages, oldest first, one transaction each, until none is left or `limit` is reached. */
export async function processInboundMessages(db: Db, log: Pick<FastifyBaseLogger, 'warn'> | null = null, limit = 200): Promise<ProcessResult> {
  const result: ProcessResult = { created: 0, appended: 0, answered: 0, ignored: 0, failed: 0 };
  const skip: string[] = [];
  for (let i = 0; i < limit; i++) {
    // Between messages, let waiting requests in: on PGlite (one connection) a webhook's insert queues behind us.
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    let claimed: ChannelMessageRow | undefined;
    try {
      // The FAQ is asked before the message's transaction (it reads and caches per database handle, and on
      // PGlite nothing may use the database beside an open transaction); the answer is used only if the
      // same message is still pending when claimed.
      const next = await claimPendingMessage(db, skip, false);
      if (!next) break;
      const faq = next.channel !== 'email' && next.text.trim() ? await answerFromFaq(db, next.text) : null;
      const created: ReportRecord[] = [];
      const outcome = await db.transaction(async (tx) => {
        claimed = await claimPendingMessage(tx, skip, true, next.id);
        if (!claimed) return 'skipped' as const;
        await lockContact(tx, claimed.channel, claimed.contact);
        const o = await handle(tx, claimed, faq, created);
        await updateMessage(tx, claimed.id, { status: o === 'ignored' ? 'ignored' : 'processed', processedAt: new Date(), attempts: claimed.attempts + 1 });
        return o;
      });
      if (outcome === 'skipped') { skip.push(next.id); continue; }   // another process took it
      // Committed: the classifier's suggestion (a channel's report arrives as "other", so it is most useful here).
      for (const rec of created) suggestAfterIntake(db, rec.report.id, rec.report.description, log);
      result[outcome]++;
    } catch (err) {
      if (!claimed) throw err;
      result.failed++;
      skip.push(claimed.id);
      log?.warn({ err, messageId: claimed.id, channel: claimed.channel }, 'inbound channel message could not be handled');
      await recordFailedAttempt(db, claimed.id, err instanceof Error ? err.message : String(err), MAX_PROCESSING_ATTEMPTS);
    }
  }
  return result;
}

// One runner per database: the webhook asks for a run after answering; runs never overlap in a process.
const runners = new WeakMap<object, { running: Promise<void> | null; again: boolean }>();

/** Starts a processing run soon (after the current request's answer), or another one after the current run. */
export function kickInboundProcessing(db: Db, log: Pick<FastifyBaseLogger, 'warn'> | null): void {
  let r = runners.get(db);
  if (!r) { r = { running: null, again: false }; runners.set(db, r); }
  const state = r;
  if (state.running) { state.again = true; return; }
  state.running = (async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    do {
      state.again = false;
      await processInboundMessages(db, log).catch((err: unknown) => log?.warn({ err }, 'inbound channel processing failed'));
    } while (state.again);
    state.running = null;
  })();
}

/** Waits for this process's processing run (app shutdown; tests). */
export async function inboundProcessingSettled(db: Db): Promise<void> {
  for (;;) {
    const running = runners.get(db)?.running;
    if (!running) return;
    await running;
  }
}
