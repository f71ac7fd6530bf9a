// Handling of citizen reports beyond the report row: canned answers, people who support a report (a "me
// too" or a merged duplicate's reporter), satisfaction ratings, photos and the SLA alerts already sent.
import { sql } from 'drizzle-orm';
import {
  boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.js';
import { agencies } from '../units/units.table.js';
import { reportCategories, reports } from './feedback.table.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

// Mẫu trả lời: text with {placeholders}, for everyone (agency null) or for one agency's officers.
export const reportCannedAnswers = pgTable('report_canned_answers', {
  id: uuid('id').primaryKey(),
  agencyId: uuid('agency_id').references(() => agencies.id),          // null: every handler may use it
  categoryId: uuid('category_id').references(() => reportCategories.id),   // null: any category
  title: text('title').notNull(),
  body: text('body').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('report_canned_answers_agency_idx').on(t.agencyId, t.title),
  check('report_canned_answers_body_length', sql`char_length(${t.body}) BETWEEN 1 AND 4000`),
]);

// Someone else with the same problem: a citizen who said "me too", or the reporter of a merged duplicate
// (source_report_id). Their contact is private like the reporter's; they are told of changes (notify).
export const reportSupporters = pgTable('report_supporters', {
  id: uuid('id').primaryKey(),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  sourceReportId: uuid('source_report_id').references(() => reports.id),   // the merged duplicate, if any
  channel: text('channel').notNull(),
  name: text('name'),
  phone: text('phone'),
  email: text('email'),
  comment: text('comment'),
  notify: boolean('notify').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('report_supporters_report_idx').on(t.reportId, t.createdAt),
  uniqueIndex('report_supporters_source_idx').on(t.reportId, t.sourceReportId),
]);

// The citizen's satisfaction with one closure (resolved or closed not fixed): one row per report and
// closure, so a reopened and closed-again report is rated again; the dashboard reads this table.
export const reportRatings = pgTable('report_ratings', {
  id: uuid('id').primaryKey(),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),   // the closure rated
  stateRated: text('state_rated').notNull(),                            // resolved | closed_not_fixed
  agencyId: uuid('agency_id').references(() => agencies.id),           // who handled it, for per-agency figures
  score: smallint('score').notNull(),
  comment: text('comment'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('report_ratings_closure_idx').on(t.reportId, t.closedAt),
  index('report_ratings_created_idx').on(t.createdAt),
  index('report_ratings_agency_idx').on(t.agencyId, t.createdAt),
  check('report_ratings_score', sql`${t.score} BETWEEN 1 AND 5`),
]);

// Photos of a report (from the reporter) or of an agency's answer. Stored in the database, not on disk:
// they are written in the same transaction as the report (never half a report, never an orphan file), every
// server process sees them without a shared volume, and one backup holds everything. `original` keeps the
// upload as sent (EXIF included) for staff; `public_content` is the re-encoded copy without metadata, or a
// blurred copy once a moderator redacts the photo.
export const reportMedia = pgTable('report_media', {
  id: uuid('id').primaryKey(),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  kind: text('kind').notNull(),                          // report | answer
  contentType: text('content_type').notNull(),           // detected from the bytes: image/jpeg | image/png | image/webp
  byteSize: integer('byte_size').notNull(),
  width: integer('width'),
  height: integer('height'),
  original: bytea('original').notNull(),
  publicContent: bytea('public_content').notNull(),
  publicContentType: text('public_content_type').notNull(),
  redacted: boolean('redacted').notNull().default(false),
  redactedAt: timestamp('redacted_at', { withTimezone: true }),
  redactedBy: text('redacted_by'),
  redactionReason: text('redaction_reason'),
  // The regions of the last region redaction, as fractions of the photo as shown (EXIF orientation applied),
  // so the editor reopens with them; null when not redacted or blurred whole.
  redactionRegions: jsonb('redaction_regions').$type<{ x: number; y: number; width: number; height: number }[]>(),
  fileName: text('file_name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('report_media_report_idx').on(t.reportId, t.createdAt),
  check('report_media_kind', sql`${t.kind} IN ('report', 'answer')`),
]);

// SLA alerts already sent: one row per report, stage and deadline, so each stage alerts once per report,
// however often and on however many processes the watch runs; a recomputed deadline alerts again.
export const reportSlaAlerts = pgTable('report_sla_alerts', {
  reportId: uuid('report_id').notNull().references(() => reports.id),
  stage: text('stage').notNull(),                        // accept-warning | accept-breach | resolve-warning | resolve-breach
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  alertedAt: timestamp('alerted_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.reportId, t.stage, t.dueAt] }),
  check('report_sla_alerts_stage', sql`${t.stage} IN ('accept-warning', 'accept-breach', 'resolve-warning', 'resolve-breach')`),
]);

export type ReportCannedAnswerRow = typeof reportCannedAnswers.$inferSelect;
export type ReportSupporterRow = typeof reportSupporters.$inferSelect;
export type ReportRatingRow = typeof reportRatings.$inferSelect;
export type ReportMediaRow = typeof reportMedia.$inferSelect;
