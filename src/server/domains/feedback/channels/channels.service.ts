// The channels' commands: storing webhook events (inside the request, before answering), the staff's view of
// a report's conversation, and a staff reply to the citizen.
import type { z } from 'zod';
import {
  type ChannelMessage, type ChannelMessageList, type ChannelReplyResult, FacebookWebhookBody, type MessagingChannel, type WebhookAccepted, ZaloWebhookBody,
} from '../../../../shared/contracts/feedback-channels.js';
import { can } from '../../../core/auth.js';
import { audit } from '../../../core/audit.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import type { Db } from '../../../db/client.js';
import { findReportById } from '../feedback.queries.js';
import { getReport } from '../feedback.service.js';
import type { ChannelsConfig } from './channels.config.js';
import { insertMessages, messagesOfReport, threadsOfReport } from './channels.queries.js';
import { channelsConfig, replyWindowOf, sendToCitizen, smsReachOf } from './outbound.js';
import {
  facebookMessagesOf, forgedSignature, isFacebookSignatureValid, isFresh, isZaloSignatureValid, staleEvent, zaloMessageOf, zaloTimestampOf,
} from './webhooks.js';

function parsedBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new AppError('validation-failed', { errors: r.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })) });
  return r.data;
}

const notConfigured = (channel: string) => new AppError('not-found', { title: `The ${channel} channel is not configured on this server.`, detail: `Kênh ${channel} chưa được cấu hình trên máy chủ này.` });

/** Meta's subscription handshake: the challenge back when the verify token matches. */
export function verifyFacebookSubscription(config: ChannelsConfig, mode: string | undefined, token: string | undefined, challenge: string | undefined): string {
  if (!config.facebook.verifyToken || !config.facebook.appSecret) throw notConfigured('Facebook');
  if (mode !== 'subscribe' || token !== config.facebook.verifyToken || !challenge) {
    throw new AppError('forbidden', { title: 'Wrong verify token.', detail: 'Mã xác minh webhook không đúng.' });
  }
  return challenge;
}

/** Checks the signature, drops events too old to be anything but a replay, stores the rest (a known message id is a no-op). */
export async function acceptFacebookWebhook(db: Db, config: ChannelsConfig, rawBody: Buffer, signature: string | undefined, body: unknown, now = new Date()): Promise<WebhookAccepted> {
  if (!config.facebook.appSecret) throw notConfigured('Facebook');
  // The signature first: an unsigned body is not even looked at.
  if (!isFacebookSignatureValid(rawBody, signature, config.facebook.appSecret)) throw forgedSignature();
  const { rows, stale } = facebookMessagesOf(parsedBody(FacebookWebhookBody, body), now, config.webhookMaxAgeMs);
  if (rows.length === 0 && stale > 0) throw staleEvent();
  return insertMessages(db, rows);
}

export async function acceptZaloWebhook(db: Db, config: ChannelsConfig, rawBody: Buffer, signature: string | undefined, input: unknown, now = new Date()): Promise<WebhookAccepted> {
  const { appId, oaSecret } = config.zalo;
  if (!appId || !oaSecret) throw notConfigured('Zalo');
  // The signature covers the timestamp the body carries; read just that before trusting anything else.
  const loose = (input && typeof input === 'object' ? input : {}) as { app_id?: unknown; timestamp?: unknown };
  if (loose.app_id !== appId || !isZaloSignatureValid(rawBody, signature, appId, String(loose.timestamp ?? ''), oaSecret)) throw forgedSignature();
  const body = parsedBody(ZaloWebhookBody, input);
  if (!isFresh(zaloTimestampOf(body), now, config.webhookMaxAgeMs)) throw staleEvent();
  const row = zaloMessageOf(body, now);
  return row ? insertMessages(db, [row]) : { stored: 0, duplicates: 0 };
}

const kinds = new Set(['message', 'notice', 'auto_answer', 'ack', 'reply']);

/** A report's conversation with the person's addresses: feedback:handle only (leaders read reports, not contacts). */
export async function reportMessages(ctx: Pick<RequestContext, 'db' | 'actor'>, reportId: string, now = new Date()): Promise<ChannelMessageList> {
  can(ctx.actor, 'feedback:handle');
  const report = await getReport(ctx, reportId, now);   // 404 outside the actor's scope or agency
  const rows = await messagesOfReport(ctx.db, reportId);
  const items: ChannelMessage[] = rows.map(({ message: m, deliveryStatus }) => ({
    id: m.id, channel: m.channel as MessagingChannel, direction: m.direction as 'in' | 'out',
    kind: (kinds.has(m.kind) ? m.kind : 'message') as ChannelMessage['kind'],
    contact: m.contact, contactName: m.contactName, subject: m.subject, text: m.text, status: m.status,
    deliveryStatus: (deliveryStatus as ChannelMessage['deliveryStatus']) ?? null, at: m.createdAt.toISOString(),
  }));
  const [thread] = await threadsOfReport(ctx.db, reportId);
  // As sendToCitizen chooses: a phone report by SMS first, else e-mail, else SMS, else only the status page.
  const canSms = Boolean(smsReachOf(channelsConfig(), report.reporter.phone)?.phone);
  const offChannel = report.channel === 'phone' && canSms ? 'sms' : report.reporter.email ? 'email' : canSms ? 'sms' : 'status_page';
  let reach: ChannelMessageList['reach'] = { channel: null, canReplyOnChannel: false, windowEndsAt: null, fallback: offChannel };
  if (thread) {
    const window = await replyWindowOf(ctx.db, channelsConfig(), thread.channel as MessagingChannel, thread.contact, now);
    reach = {
      channel: thread.channel as MessagingChannel, canReplyOnChannel: window.open, windowEndsAt: window.endsAt?.toISOString() ?? null,
      fallback: window.open ? null : offChannel,
    };
  }
  return { items, reach };
}

/** A handler writes to the citizen: on the report's channel, or by e-mail when the window has closed. */
export async function replyToCitizen(ctx: RequestContext, reportId: string, text: string): Promise<ChannelReplyResult> {
  can(ctx.actor, 'feedback:handle');
  await getReport(ctx, reportId);   // visibility: 404 outside scope or agency
  return ctx.db.transaction(async (tx) => {
    const rec = await findReportById(tx, reportId, true);
    if (!rec) throw new AppError('not-found');
    const result = await sendToCitizen(tx, { report: rec.report, text, kind: 'reply', subject: 'Trả lời phản ánh', actorName: ctx.actor.name });
    await audit(tx, ctx, { action: 'report.reply', entityType: 'report', entityId: reportId, unitPath: rec.report.unitPath, after: { sentVia: result.sentVia, fallback: result.fallback } });
    await ctx.publish(tx, { topic: 'feedback', type: 'report.message', unitPath: rec.report.unitPath, ids: [reportId], data: { direction: 'out', channel: result.sentVia } });
    return result;
  });
}
