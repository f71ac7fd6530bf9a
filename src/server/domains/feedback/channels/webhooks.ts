// The doors of Facebook Messenger and Zalo OA: signature checks on the raw body, replay checks, and the
// events turned into channel messages to store (processing happens after the answer, in inbound.ts).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { FacebookWebhookBody, ZaloWebhookBody } from '../../../../shared/contracts/feedback-channels.js';
import { AppError } from '../../../core/errors.js';
import type { NewChannelMessage } from './channels.queries.js';
import type { InboundLocation, InboundRaw } from './inbound.js';

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const forgedSignature = () => new AppError('unauthenticated', {
  title: 'The webhook signature is missing or does not match.', detail: 'Chữ ký webhook bị thiếu hoặc không khớp.',
});
export const staleEvent = () => new AppError('forbidden', {
  title: 'The webhook event is too old or from the future; refused as a possible replay.',
  detail: 'Sự kiện webhook quá cũ hoặc có thời điểm không hợp lệ; bị từ chối vì có thể là gửi lại trái phép.',
});

/** Meta: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the app secret. */
export function facebookSignatureOf(rawBody: Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function isFacebookSignatureValid(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  return typeof header === 'string' && sameHex(header.trim().toLowerCase(), facebookSignatureOf(rawBody, appSecret));
}

/**
 * Zalo OA: X-ZEvent-Signature = "mac=" + hex SHA-256 of app_id + raw body + timestamp + OA secret key (a
 * keyed hash, not an HMAC). Taken from Chatwoot's Zalo integration; Zalo's own page could not be read from
 * here — see docs/feedback-channels.md.
 */
export function zaloSignatureOf(appId: string, rawBody: Buffer, timestamp: string, oaSecret: string): string {
  return `mac=${createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecret).digest('hex')}`;
}

export function isZaloSignatureValid(rawBody: Buffer, header: string | undefined, appId: string, timestamp: string, oaSecret: string): boolean {
  return typeof header === 'string' && sameHex(header.trim().toLowerCase(), zaloSignatureOf(appId, rawBody, timestamp, oaSecret));
}

const FUTURE_SKEW_MS = 5 * 60_000;

export function isFresh(at: Date, now: Date, maxAgeMs: number): boolean {
  const t = at.getTime();
  return Number.isFinite(t) && t >= now.getTime() - maxAgeMs && t <= now.getTime() + FUTURE_SKEW_MS;
}

function attachmentLines(attachments: { type: string; payload?: Record<string, unknown> | null }[] | undefined): string[] {
  return (attachments ?? []).flatMap((a) => {
    const url = typeof a.payload?.url === 'string' ? a.payload.url : null;
    return a.type === 'location' ? [] : [`[${a.type}${url ? `: ${url}` : ''}]`];
  });
}

/** The person's messages in a Messenger webhook body; echoes of our own messages and non-message events are left out. */
export function facebookMessagesOf(body: FacebookWebhookBody, now: Date, maxAgeMs: number): { rows: NewChannelMessage[]; stale: number } {
  const rows: NewChannelMessage[] = [];
  let stale = 0;
  for (const entry of body.entry) {
    for (const ev of entry.messaging ?? []) {
      const msg = ev.message;
      if (!msg || msg.is_echo) continue;
      const at = new Date(ev.timestamp);
      if (!isFresh(at, now, maxAgeMs)) { stale++; continue; }
      const coords = msg.attachments?.find((a) => a.type === 'location')?.payload as { coordinates?: { lat?: number; long?: number } } | null | undefined;
      const location: InboundLocation | null = typeof coords?.coordinates?.lat === 'number' && typeof coords.coordinates.long === 'number'
        ? { lat: coords.coordinates.lat, lon: coords.coordinates.long } : null;
      const attachments = attachmentLines(msg.attachments as { type: string; payload?: Record<string, unknown> | null }[] | undefined);
      const raw: InboundRaw = { event: ev, location, attachments };
      rows.push({
        id: uuidv7(), channel: 'facebook', direction: 'in', externalId: msg.mid, contact: ev.sender.id,
        text: [msg.text ?? '', ...attachments].filter(Boolean).join('\n'), raw, sentAt: at, status: 'pending', createdAt: now,
      });
    }
  }
  return { rows, stale };
}

const ZALO_MESSAGE_EVENTS = new Set(['user_send_text', 'user_send_image', 'user_send_link', 'user_send_audio', 'user_send_video',
  'user_send_sticker', 'user_send_gif', 'user_send_location', 'user_send_file', 'user_send_business_card']);

export function zaloTimestampOf(body: ZaloWebhookBody): Date {
  return new Date(Number(body.timestamp));
}

/** The person's message in a Zalo OA event, or null for events that are not a person's message (follow, seen, …). */
export function zaloMessageOf(body: ZaloWebhookBody, now: Date): NewChannelMessage | null {
  if (!ZALO_MESSAGE_EVENTS.has(body.event_name) || !body.message || !body.sender) return null;
  const msg = body.message;
  const loc = msg.attachments?.find((a) => a.type === 'location')?.payload as { coordinates?: { latitude?: unknown; longitude?: unknown } } | null | undefined;
  const lat = Number(loc?.coordinates?.latitude);
  const lon = Number(loc?.coordinates?.longitude);
  const location: InboundLocation | null = loc && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
  const attachments = attachmentLines(msg.attachments);
  const raw: InboundRaw = { event: body, location, attachments };
  return {
    id: uuidv7(), channel: 'zalo', direction: 'in', externalId: msg.msg_id, contact: body.sender.id,
    text: [msg.text ?? '', ...attachments, ...(location ? [`[vị trí: ${lat}, ${lon}]`] : [])].filter(Boolean).join('\n'),
    raw, sentAt: zaloTimestampOf(body), status: 'pending', createdAt: now,
  };
}
