// The messaging channels of citizen feedback (e-mail, Zalo OA, Facebook Messenger): every message in and out,
// which person a report talks to, and where the mailbox poll stopped.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { reports } from '../feedback.table.js';

// One message in (stored raw, inside the webhook request or the mailbox poll, before any processing) or out
// (a reply or a notice, handed to the outbox). The contact (e-mail address, Zalo user id, Facebook PSID) is
// personal data: only roles with feedback:handle see it.
export const channelMessages = pgTable('channel_messages', {
  id: uuid('id').primaryKey(),
  channel: text('channel').notNull(),                  // email | zalo | facebook | sms (out only)
  direction: text('direction').notNull(),              // in | out
  externalId: text('external_id').notNull(),           // platform message id; e-mail Message-ID (ours for replies)
  contact: text('contact').notNull(),                  // who: e-mail address, Zalo user id, Facebook PSID, +84… phone
  contactName: text('contact_name'),
  reportId: uuid('report_id').references(() => reports.id),
  kind: text('kind').notNull().default('message'),     // message | notice | auto_answer | ack
  subject: text('subject'),
  text: text('text').notNull(),
  threadRefs: text('thread_refs').array().notNull().default(sql`'{}'::text[]`),  // e-mail In-Reply-To + References
  raw: jsonb('raw'),                                   // the event as received (webhook item, mail headers)
  sentAt: timestamp('sent_at', { withTimezone: true }),// the platform's time of the message
  // in: pending → processed | ignored | failed; out: queued (outbox) | fallback (sent another way) | undeliverable
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  outboxKey: text('outbox_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp('processed_at', { withTimezone: true }),
}, (t) => [
  // Idempotency: a replayed webhook or a mail read twice is the same row.
  uniqueIndex('channel_messages_external_idx').on(t.channel, t.direction, t.externalId),
  index('channel_messages_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
  index('channel_messages_report_idx').on(t.reportId, t.createdAt),
  index('channel_messages_contact_idx').on(t.channel, t.contact, t.createdAt),
  check('channel_messages_channel', sql`${t.channel} IN ('email', 'zalo', 'facebook', 'sms')`),
  check('channel_messages_direction', sql`${t.direction} IN ('in', 'out')`),
  check('channel_messages_status', sql`${t.status} IN ('pending', 'processed', 'ignored', 'failed', 'queued', 'fallback', 'undeliverable')`),
]);

// The person a report came from on a messaging channel, and their last message (the reply window counts from it).
export const channelThreads = pgTable('channel_threads', {
  reportId: uuid('report_id').notNull().references(() => reports.id),
  channel: text('channel').notNull(),
  contact: text('contact').notNull(),
  contactName: text('contact_name'),
  subject: text('subject'),                            // e-mail: the subject replies keep ("Re: …")
  lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.reportId, t.channel, t.contact] }),
  index('channel_threads_contact_idx').on(t.channel, t.contact, t.lastInboundAt),
]);

// Where the poll of a mailbox stopped: UIDs are only comparable within one UIDVALIDITY. The lease lets one
// process poll at a time without holding a transaction open across the IMAP round trips.
export const channelMailboxCursors = pgTable('channel_mailbox_cursors', {
  mailbox: text('mailbox').primaryKey(),               // user@host/folder
  uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  leasedUntil: timestamp('leased_until', { withTimezone: true }),
  leasedBy: text('leased_by'),
  polledAt: timestamp('polled_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ChannelMessageRow = typeof channelMessages.$inferSelect;
export type ChannelThreadRow = typeof channelThreads.$inferSelect;
