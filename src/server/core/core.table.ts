import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Append-only audit trail, partitioned by month (the migration declares PARTITION BY RANGE (at);
// partitions are created ahead by ensureAuditPartitions). No UPDATE or DELETE is ever issued on it.
export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name').notNull(),
  ip: text('ip'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  unitPath: text('unit_path'),
  before: jsonb('before'),
  after: jsonb('after'),
  requestId: text('request_id'),
}, (t) => [
  primaryKey({ columns: [t.id, t.at] }),
  index('audit_log_entity_idx').on(t.entityType, t.entityId),
  index('audit_log_actor_idx').on(t.actorId),
]);

// Domain events: written in the same transaction as the change (outbox), fanned out by the hub after
// commit via LISTEN/NOTIFY, kept for replay to reconnecting clients, pruned after a day.
export const events = pgTable('events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  topic: text('topic').notNull(),
  type: text('type').notNull(),
  unitPath: text('unit_path'),
  data: jsonb('data').notNull(),
}, (t) => [index('events_at_idx').on(t.at)]);

export type AuditRow = typeof auditLog.$inferSelect;
export type EventRow = typeof events.$inferSelect;

// Idempotency keys of ingest doors: a retried request with the same key gets the first answer again.
export const idempotencyKeys = pgTable('idempotency_keys', {
  scope: text('scope').notNull(),            // door + actor, e.g. 'indicator-values:api_key:<id>'
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  status: bigint('status', { mode: 'number' }).notNull(),
  response: jsonb('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)]);

// Outbox of messages to outside systems: written in the transaction that causes them, delivered by a
// worker with retries and exponential backoff; the key travels with the message so a receiver can drop
// a duplicate delivery.
export const outbox = pgTable('outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  connector: text('connector').notNull(),          // 'national-report', 'email' …
  key: text('key').notNull().unique(),             // idempotency key sent to the receiver
  payload: jsonb('payload').notNull(),
  status: text('status').notNull().default('pending'), // pending | delivered | failed (gave up; can be resent)
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lastError: text('last_error'),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  unitPath: text('unit_path'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)]);

// Every delivery attempt with the remote answer: the delivery log operators read.
export const outboxAttempts = pgTable('outbox_attempts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  outboxId: bigint('outbox_id', { mode: 'number' }).notNull().references(() => outbox.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  httpStatus: integer('http_status'),
  responseBody: text('response_body'),
  error: text('error'),
  durationMs: integer('duration_ms').notNull(),
}, (t) => [index('outbox_attempts_outbox_idx').on(t.outboxId)]);
