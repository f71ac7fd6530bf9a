// Citizen feedback (phản ánh, kiến nghị): categories, the routing matrix, SLA settings, reports and their timeline.
import { type SQL, sql } from 'drizzle-orm';
import {
  bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { point4326 } from '../../db/geometry.js';
import { agencies, units } from '../units/units.table.js';

// What a citizen can report about (an Open311 "service"). Configuration, seeded on every database.
export const reportCategories = pgTable('report_categories', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),               // Open311 service_code
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  groupName: text('group_name').notNull(),             // Open311 "group"
  description: text('description'),
  isEmergency: boolean('is_emergency').notNull().default(false),
  emergencyNumber: text('emergency_number'),           // 113 police, 114 fire and rescue, 115 ambulance
  attributes: jsonb('attributes').notNull().default(sql`'[]'::jsonb`),   // Open311 service definition attributes
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('report_categories_emergency', sql`NOT ${t.isEmergency} OR ${t.emergencyNumber} IN ('113', '114', '115')`),
]);

// Routing matrix: category × unit subtree → responsible agency; the deepest matching unit wins.
export const reportRoutes = pgTable('report_routes', {
  id: uuid('id').primaryKey(),
  categoryId: uuid('category_id').notNull().references(() => reportCategories.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),               // the unit's path, copied for prefix matching
  agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('report_routes_category_unit_idx').on(t.categoryId, t.unitId),
]);

// Deadlines per category × urgency in working hours; a category without a row uses the built-in defaults.
export const reportSlaSettings = pgTable('report_sla_settings', {
  categoryId: uuid('category_id').notNull().references(() => reportCategories.id),
  urgency: text('urgency').notNull(),                  // urgent (khẩn) | complex (phức tạp) | normal (bình thường)
  acceptHours: doublePrecision('accept_hours').notNull(),    // working hours; 7.5 = one working day (default hours)
  resolveHours: doublePrecision('resolve_hours').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.categoryId, t.urgency] }),
  check('report_sla_settings_urgency', sql`${t.urgency} IN ('urgent', 'complex', 'normal')`),
  check('report_sla_settings_hours', sql`${t.acceptHours} > 0 AND ${t.resolveHours} >= ${t.acceptHours}`),
]);

/**
 * A stored phone number as the caller lookup compares it: digits only, a leading 84 (country code) read as 0
 * ('+84 912-345-678' → '0912345678'). The index below is on this very expression, so the lookup's query
 * (stats.queries.ts) must build it with this function for the planner to use the index.
 */
export const phoneDigitsSql = (phone: SQL) => sql`regexp_replace(regexp_replace(${phone}, '[^0-9]', '', 'g'), '^84([0-9]{9,10})$', '0\\1')`;

// One report (phản ánh). The reporter's identity is private: only staff with feedback:read see it.
export const reports = pgTable('reports', {
  id: uuid('id').primaryKey(),
  trackingCode: text('tracking_code').notNull().unique(),   // shown to the citizen; Open311 service_request_id
  token: text('token').notNull().unique(),                  // Open311 token
  categoryId: uuid('category_id').notNull().references(() => reportCategories.id),
  description: text('description').notNull(),               // plain text, stored verbatim, ≤ 4,000 characters
  location: point4326('location'),
  address: text('address'),
  unitId: uuid('unit_id').references(() => units.id),        // the unit containing the point, or given
  unitPath: text('unit_path').notNull(),                     // scope: prefix matches
  channel: text('channel').notNull(),
  reporterName: text('reporter_name'),
  reporterPhone: text('reporter_phone'),
  reporterEmail: text('reporter_email'),
  state: text('state').notNull(),
  urgency: text('urgency').notNull().default('normal'),
  agencyId: uuid('agency_id').references(() => agencies.id), // null: the operator queue
  acceptDueAt: timestamp('accept_due_at', { withTimezone: true }),
  resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  publicAnswer: text('public_answer'),
  duplicateOfId: uuid('duplicate_of_id'),
  attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),   // Open311 attribute values
  mediaUrl: text('media_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('reports_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  index('reports_created_idx').on(t.createdAt),
  index('reports_updated_idx').on(t.updatedAt),
  index('reports_agency_state_idx').on(t.agencyId, t.state, t.createdAt),
  index('reports_state_idx').on(t.state, t.createdAt),
  index('reports_category_idx').on(t.categoryId, t.createdAt),
  index('reports_location_idx').using('gist', t.location),
  // Duplicate suggestions measure metres on the geography (ST_DWithin): this index serves that cast.
  index('reports_location_geog_idx').using('gist', sql`(${t.location}::geography)`),
  // The SLA watch reads open reports by deadline.
  index('reports_open_accept_due_idx').on(t.acceptDueAt).where(sql`${t.acceptedAt} IS NULL AND ${t.closedAt} IS NULL`),
  index('reports_open_resolve_due_idx').on(t.resolveDueAt).where(sql`${t.closedAt} IS NULL`),
  // The call-center caller lookup: a full number by equality, a partial one by prefix (text_pattern_ops).
  index('reports_reporter_phone_digits_idx').on(sql`${phoneDigitsSql(sql`${t.reporterPhone}`)} text_pattern_ops`).where(sql`${t.reporterPhone} IS NOT NULL`),
  check('reports_channel', sql`${t.channel} IN ('web', 'open311', 'phone', 'email', 'zalo', 'facebook')`),
  check('reports_urgency', sql`${t.urgency} IN ('urgent', 'complex', 'normal')`),
  check('reports_state', sql`${t.state} IN ('new', 'triaged', 'assigned', 'in_progress', 'action_scheduled', 'resolved', 'closed_not_fixed', 'not_our_responsibility', 'duplicate', 'rejected', 'cancelled')`),
  check('reports_description_length', sql`char_length(${t.description}) BETWEEN 1 AND 4000`),
]);

// The timeline of a report, appended and never rewritten (the migration partitions it by year of `at`).
export const reportEvents = pgTable('report_events', {
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  reportId: uuid('report_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  kind: text('kind').notNull(),                        // created | state | assigned | routed | note | answer
  fromState: text('from_state'),
  toState: text('to_state'),
  agencyId: uuid('agency_id'),
  isPublic: boolean('is_public').notNull().default(false),
  text: text('text'),
  actorType: text('actor_type').notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
}, (t) => [
  primaryKey({ columns: [t.id, t.at] }),
  index('report_events_report_idx').on(t.reportId, t.at),
  index('report_events_public_at_idx').on(t.at).where(sql`${t.isPublic}`),
]);

export type ReportCategoryRow = typeof reportCategories.$inferSelect;
export type ReportRouteRow = typeof reportRoutes.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
export type ReportEventRow = typeof reportEvents.$inferSelect;
