// The messaging channels of citizen feedback: webhooks of Facebook Messenger and Zalo OA (their payloads as
// assumed in docs/feedback-channels.md), and the staff's view of the messages of a report.
import { z } from 'zod';
import { Uuid } from './common.js';

// SMS is outbound only: notices and replies to citizens who left just a phone number.
export const messagingChannels = ['email', 'zalo', 'facebook', 'sms'] as const;
export const MessagingChannel = z.enum(messagingChannels);
export type MessagingChannel = z.infer<typeof MessagingChannel>;

/** GET /api/channels/facebook/webhook: Meta's subscription check. */
export const FacebookVerifyQuery = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().max(200).optional(),
});

const FacebookMessaging = z.object({
  sender: z.object({ id: z.string().min(1).max(100) }),
  recipient: z.object({ id: z.string().min(1).max(100) }),
  timestamp: z.number(),
  message: z.object({
    mid: z.string().min(1).max(300),
    text: z.string().max(20_000).optional(),
    is_echo: z.boolean().optional(),
    attachments: z.array(z.object({ type: z.string(), payload: z.object({ url: z.string().optional() }).passthrough().nullish() }).passthrough()).optional(),
  }).passthrough().optional(),
}).passthrough();

/** The Messenger Platform's webhook body (object "page"); other events (read, delivery, echo) are acknowledged and skipped. */
export const FacebookWebhookBody = z.object({
  object: z.string(),
  entry: z.array(z.object({ id: z.string(), time: z.number().optional(), messaging: z.array(FacebookMessaging).optional() }).passthrough()),
});
export type FacebookWebhookBody = z.infer<typeof FacebookWebhookBody>;

/** The Zalo OA webhook body of one event (user_send_text, user_send_image, user_send_location, …). */
export const ZaloWebhookBody = z.object({
  app_id: z.string().min(1),
  event_name: z.string().min(1),
  timestamp: z.union([z.string(), z.number()]),
  sender: z.object({ id: z.string().min(1).max(100) }).optional(),
  recipient: z.object({ id: z.string().min(1).max(100) }).optional(),
  user_id_by_app: z.string().optional(),
  message: z.object({
    msg_id: z.string().min(1).max(300),
    text: z.string().max(20_000).optional(),
    attachments: z.array(z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()).nullish() }).passthrough()).optional(),
  }).passthrough().optional(),
}).passthrough();
export type ZaloWebhookBody = z.infer<typeof ZaloWebhookBody>;

/** What a webhook answers (200): how many messages were stored now and how many were already known. */
export const WebhookAccepted = z.object({ stored: z.number().int(), duplicates: z.number().int() });
export type WebhookAccepted = z.infer<typeof WebhookAccepted>;

/** One message on a report's conversation, for staff with feedback:handle (it names the person's address). */
export const ChannelMessage = z.object({
  id: Uuid,
  channel: MessagingChannel,
  direction: z.enum(['in', 'out']),
  kind: z.enum(['message', 'notice', 'auto_answer', 'ack', 'reply']),
  contact: z.string(),
  contactName: z.string().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  status: z.string(),
  deliveryStatus: z.enum(['pending', 'delivered', 'failed']).nullable(),   // of the outbox message, for replies
  at: z.string(),
});
export type ChannelMessage = z.infer<typeof ChannelMessage>;

export const ChannelMessageList = z.object({
  items: z.array(ChannelMessage),
  /** Whether the report's own channel can still reach the person now (reply window), and how otherwise. */
  reach: z.object({
    channel: MessagingChannel.nullable(),
    canReplyOnChannel: z.boolean(),
    windowEndsAt: z.string().nullable(),
    fallback: z.enum(['email', 'sms', 'status_page']).nullable(),
  }),
});
export type ChannelMessageList = z.infer<typeof ChannelMessageList>;

export const ChannelReplyBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });
export type ChannelReplyBody = z.infer<typeof ChannelReplyBody>;

export const ChannelReplyResult = z.object({
  sentVia: z.enum(['email', 'zalo', 'facebook', 'sms']).nullable(),   // null: nobody can be reached; the status page only
  fallback: z.boolean(),
  messageId: Uuid.nullable(),
});
export type ChannelReplyResult = z.infer<typeof ChannelReplyResult>;
