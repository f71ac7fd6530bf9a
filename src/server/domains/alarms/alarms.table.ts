// Alarms (cảnh báo): rules over device readings, the alarms they raise with their lifecycle and timeline,
// silences and maintenance windows, notification routes and the groups that batch their notifications.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn, bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { point4326 } from '../../db/geometry.js';
import { units } from '../units/units.table.js';

const severities = sql`('critical', 'major', 'minor', 'warning', 'info')`;

// A rule watches one metric of one device type in one area (a unit subtree).
export const alarmRules = pgTable('alarm_rules', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  deviceType: text('device_type').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),              // the area: devices whose unit path starts with it
  kind: text('kind').notNull(),                       // threshold | for-duration | repeat | rate-of-change | no-data
  metric: text('metric'),                             // null for no-data
  operator: text('operator'),                         // > >= < <=  (null for no-data)
  threshold: doublePrecision('threshold'),            // value, or change per minute for rate-of-change
  clearThreshold: doublePrecision('clear_threshold'), // hysteresis; null = clears when the condition is false
  forSeconds: integer('for_seconds'),                 // for-duration: pending period
  repeatCount: integer('repeat_count'),               // repeat: readings in a row
  silentMinutes: integer('silent_minutes'),           // no-data: device silent this long
  severity: text('severity').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  isDemo: boolean('is_demo').notNull().default(false),
  note: text('note'),                                 // where a threshold comes from (a regulation, or "demo value")
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('alarm_rules_type_idx').on(t.deviceType),
  index('alarm_rules_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  check('alarm_rules_kind', sql`${t.kind} IN ('threshold', 'for-duration', 'repeat', 'rate-of-change', 'no-data')`),
  check('alarm_rules_operator', sql`${t.operator} IS NULL OR ${t.operator} IN ('>', '>=', '<', '<=')`),
  check('alarm_rules_severity', sql`${t.severity} IN ${severities}`),
]);

// One alarm per source and rule (or source type) while it is not cleared; ack and clear are independent.
export const alarms = pgTable('alarms', {
  id: uuid('id').primaryKey(),
  ruleId: uuid('rule_id').references(() => alarmRules.id, { onDelete: 'set null' }),
  type: text('type').notNull(),                       // 'pm25.for-duration', 'device.no-data', 'camera.accident', …
  dedupeKey: text('dedupe_key').notNull(),            // 'rule:<id>' or 'type:<type>': what "the same alarm" means
  sourceKind: text('source_kind').notNull(),          // device | camera
  sourceId: text('source_id').notNull(),
  sourceName: text('source_name').notNull(),
  deviceType: text('device_type'),
  unitPath: text('unit_path').notNull(),
  groupPath: text('group_path').notNull(),            // the rule's area (or the source's unit): notifications group by it
  location: point4326('location'),
  severity: text('severity').notNull(),
  message: text('message').notNull(),
  messageEn: text('message_en').notNull(),
  details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  lastValue: doublePrecision('last_value'),
  count: integer('count').notNull().default(1),
  raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),       // the last occurrence (reading time)
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  acknowledgedBy: text('acknowledged_by'),
  clearedAt: timestamp('cleared_at', { withTimezone: true }),
  clearedBy: text('cleared_by'),                       // a person's name, or 'system' when the clear condition held
  assigneeId: uuid('assignee_id'),
  assigneeName: text('assignee_name'),
  silenceId: uuid('silence_id'),                       // raised during this silence or maintenance window: not notified
  incidentId: uuid('incident_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('alarms_one_open_idx').on(t.sourceKind, t.sourceId, t.dedupeKey).where(sql`${t.clearedAt} IS NULL`),
  index('alarms_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  index('alarms_open_idx').on(t.raisedAt).where(sql`${t.clearedAt} IS NULL`),
  index('alarms_raised_idx').on(t.raisedAt),
  index('alarms_rule_idx').on(t.ruleId),
  check('alarms_severity', sql`${t.severity} IN ${severities}`),
  check('alarms_source_kind', sql`${t.sourceKind} IN ('device', 'camera')`),
]);

// The timeline of an alarm: raised, acknowledged, cleared, assigned, comments, notified, incident.
export const alarmEvents = pgTable('alarm_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  alarmId: uuid('alarm_id').notNull().references(() => alarms.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
  kind: text('kind').notNull(),
  text: text('text'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
}, (t) => [
  index('alarm_events_alarm_idx').on(t.alarmId, t.at),
]);

// Silences (ad hoc) and maintenance windows (planned, for a device or area): alarms are recorded, not notified.
export const alarmSilences = pgTable('alarm_silences', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),                        // silence | maintenance
  ruleId: uuid('rule_id').references(() => alarmRules.id, { onDelete: 'cascade' }),
  sourceId: text('source_id'),                         // a device (or camera) id
  deviceType: text('device_type'),
  alarmType: text('alarm_type'),
  unitId: uuid('unit_id').references(() => units.id),
  unitPath: text('unit_path').notNull(),               // the area matched (the creator's scope when no unit is given)
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  reason: text('reason').notNull(),
  createdById: uuid('created_by_id'),
  createdByName: text('created_by_name').notNull(),
  expiredAt: timestamp('expired_at', { withTimezone: true }),   // ended early by a person
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('alarm_silences_window_idx').on(t.endsAt, t.startsAt),
  check('alarm_silences_kind', sql`${t.kind} IN ('silence', 'maintenance')`),
  check('alarm_silences_window', sql`${t.endsAt} > ${t.startsAt}`),
]);

// Where notifications go: alarms in a unit subtree at or above a severity, to a channel.
export const alarmRoutes = pgTable('alarm_routes', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),
  minSeverity: text('min_severity').notNull(),
  channel: text('channel').notNull(),                  // in-app | email | webhook
  roles: text('roles').array().notNull().default(sql`'{}'::text[]`),       // in-app: who in scope hears of it
  emails: text('emails').array().notNull().default(sql`'{}'::text[]`),     // email: duty mailboxes
  webhookUrl: text('webhook_url'),
  webhookSecret: text('webhook_secret'),               // HMAC-SHA256 signature of the body, when set
  groupWaitSeconds: integer('group_wait_seconds').notNull().default(30),
  enabled: boolean('enabled').notNull().default(true),
  // Escalation: an alarm this route covers, still active and unacknowledged this many minutes after it was
  // raised, is sent once to the target route (e.g. the agency leader, the IOC duty officer).
  escalateAfterMinutes: integer('escalate_after_minutes'),
  escalateToRouteId: uuid('escalate_to_route_id').references((): AnyPgColumn => alarmRoutes.id, { onDelete: 'set null' }),
  escalationOnly: boolean('escalation_only').notNull().default(false),   // a target only: not matched by new alarms
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('alarm_routes_escalation', sql`${t.escalateAfterMinutes} IS NULL OR ${t.escalateAfterMinutes} BETWEEN 1 AND 10080`),
  check('alarm_routes_channel', sql`${t.channel} IN ('in-app', 'email', 'webhook')`),
  check('alarm_routes_severity', sql`${t.minSeverity} IN ${severities}`),
]);

// A group collects the alarms of one rule (or type) and area for one route until it is sent once.
export const alarmNotificationGroups = pgTable('alarm_notification_groups', {
  id: uuid('id').primaryKey(),
  routeId: uuid('route_id').notNull().references(() => alarmRoutes.id, { onDelete: 'cascade' }),
  groupKey: text('group_key').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('alarm_notification_groups_open_idx').on(t.routeId, t.groupKey).where(sql`${t.sentAt} IS NULL`),
  index('alarm_notification_groups_due_idx').on(t.sendAt).where(sql`${t.sentAt} IS NULL`),
]);

export const alarmNotificationItems = pgTable('alarm_notification_items', {
  groupId: uuid('group_id').notNull().references(() => alarmNotificationGroups.id, { onDelete: 'cascade' }),
  alarmId: uuid('alarm_id').notNull().references(() => alarms.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.groupId, t.alarmId] })]);

// One row per alarm and escalating route (level): an alarm escalates through a route at most once.
export const alarmEscalations = pgTable('alarm_escalations', {
  alarmId: uuid('alarm_id').notNull().references(() => alarms.id, { onDelete: 'cascade' }),
  routeId: uuid('route_id').notNull().references(() => alarmRoutes.id, { onDelete: 'cascade' }),
  toRouteId: uuid('to_route_id').notNull().references(() => alarmRoutes.id, { onDelete: 'cascade' }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.alarmId, t.routeId] })]);

// One evaluator at a time across processes: the holder renews its lease each round.
export const alarmEvaluatorLease = pgTable('alarm_evaluator_lease', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  leasedUntil: timestamp('leased_until', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
});

export type AlarmRuleRow = typeof alarmRules.$inferSelect;
export type AlarmRow = typeof alarms.$inferSelect;
export type AlarmEventRow = typeof alarmEvents.$inferSelect;
export type AlarmSilenceRow = typeof alarmSilences.$inferSelect;
export type AlarmRouteRow = typeof alarmRoutes.$inferSelect;
