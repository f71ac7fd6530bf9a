import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.js';
import { agencies } from '../units/units.table.js';

// Administrative procedures (thủ tục hành chính) as published in the national database.
export const procedures = pgTable('procedures', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),               // local code used by the one-stop-shop system
  nationalCode: text('national_code'),                 // e.g. '1.001612' in the national procedures database
  name: text('name').notNull(),
  nameEn: text('name_en'),
  field: text('field').notNull(),                      // lĩnh vực: 'Đất đai', 'Hộ tịch', …
  level: text('level').notNull(),                      // province | district | commune (issuing level)
  processingDays: integer('processing_days').notNull(),// legal processing time in working days
  onlineLevel: text('online_level').notNull(),         // full | partial | none (older labels: level 4 = full, 3 = partial)
  agencyId: uuid('agency_id').references(() => agencies.id),   // default handling agency
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('procedures_field_idx').on(t.field),
  check('procedures_online_level', sql`${t.onlineLevel} IN ('full', 'partial', 'none')`),
  check('procedures_days', sql`${t.processingDays} >= 0`),
]);

// One row per dossier (hồ sơ), idempotent by (source, code). Its current state is derived from the
// events applied so far; `last_event_at` makes a late, older event unable to move the state backwards.
export const dossiers = pgTable('dossiers', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  source: text('source').notNull(),                    // which one-stop-shop system sent it
  code: text('code').notNull(),
  // No foreign keys on the four references below: their per-row checks were a sixth of the ingest's database
  // time. The ingest resolves every id from its table and locks those rows (FOR KEY SHARE) once per batch,
  // and triggers refuse deleting a procedure, unit or agency a dossier names (migration 0012): the same
  // guarantee, paid once per batch instead of four times per dossier.
  procedureId: uuid('procedure_id').notNull(),
  receivingUnitId: uuid('receiving_unit_id').notNull(),
  unitPath: text('unit_path').notNull(),               // receiving unit's path: scope filters are prefix matches
  handlingAgencyId: uuid('handling_agency_id'),
  holdingAgencyId: uuid('holding_agency_id'),  // who holds it now ("stuck where")
  channel: text('channel').notNull(),                  // online | direct | postal
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }),  // null: no legal deadline
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  returnedAt: timestamp('returned_at', { withTimezone: true }),   // result handed back to the applicant
  status: text('status').notNull(),                    // received | in_progress | additional_docs | suspended | finished | returned
  result: text('result'),                              // approved | rejected | withdrawn
  timeliness: text('timeliness'),                      // early | on_time | late, fixed when it finishes
  processingDays: doublePrecision('processing_days'),  // working days from receipt to finish
  onlinePayment: boolean('online_payment').notNull().default(false),
  digitisedResult: boolean('digitised_result').notNull().default(false),
  satisfaction: text('satisfaction'),                  // very_satisfied | satisfied | dissatisfied
  lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
  dueSoonAlertedAt: timestamp('due_soon_alerted_at', { withTimezone: true }),
  overdueAlertedAt: timestamp('overdue_alerted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('dossiers_source_code_idx').on(t.source, t.code),
  index('dossiers_received_idx').on(t.receivedAt),
  index('dossiers_procedure_idx').on(t.procedureId, t.receivedAt),
  index('dossiers_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  // The pending set is small next to the finished history: the overdue board reads only this.
  index('dossiers_pending_holder_idx').on(t.holdingAgencyId, t.dueAt).where(sql`${t.finishedAt} IS NULL`),
  // The migration adds INCLUDE (handling agency, unit path and id, procedure, channel, received_at): the pending
  // counts by any key are then an index-only scan (160 ms → 23 ms on 5 M dossiers with 67 k pending).
  index('dossiers_pending_due_idx').on(t.dueAt).where(sql`${t.finishedAt} IS NULL`),
  check('dossiers_channel', sql`${t.channel} IN ('online', 'direct', 'postal')`),
  check('dossiers_finished_after_received', sql`${t.finishedAt} IS NULL OR ${t.finishedAt} >= ${t.receivedAt}`),
]);

// Status history, appended and never rewritten (the migration partitions it by year of `at`).
export const dossierEvents = pgTable('dossier_events', {
  dossierId: bigint('dossier_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  status: text('status').notNull(),
  agencyId: uuid('agency_id'),                         // the agency holding the dossier from this step
  note: text('note'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // The same event sent twice is one event; the key is also the only index (three events are written per dossier).
  primaryKey({ columns: [t.dossierId, t.at, t.status] }),
]);

// The counts kept per key of the daily and monthly tables (a fresh set of column builders per table).
const dossierCounts = () => ({
  received: integer('received').notNull().default(0),
  finished: integer('finished').notNull().default(0),
  finishedEarly: integer('finished_early').notNull().default(0),
  finishedOnTime: integer('finished_on_time').notNull().default(0),
  finishedLate: integer('finished_late').notNull().default(0),
  processingDaysSum: doublePrecision('processing_days_sum').notNull().default(0),
  paidOnline: integer('paid_online').notNull().default(0),        // of the finished
  digitised: integer('digitised').notNull().default(0),           // of the finished
  rated: integer('rated').notNull().default(0),                   // of the finished
  satisfied: integer('satisfied').notNull().default(0),           // of the rated: very_satisfied + satisfied
});

// Daily counts per procedure × receiving unit × handling agency × channel, kept current in the transaction
// that changes a dossier (subtract its old contribution, add the new one): period metrics never scan the
// dossier history. Receipt counts fall on the receipt day, finish counts on the finish day.
export const dossierDailyStats = pgTable('dossier_daily_stats', {
  day: date('day').notNull(),
  procedureId: uuid('procedure_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  agencyId: uuid('agency_id').notNull(),               // handling agency; the nil uuid when none
  channel: text('channel').notNull(),
  ...dossierCounts(),
}, (t) => [
  // The key alone: this table is read only for the days around whole months (ranges of days), which the key's
  // leading day serves; each further index would be written for every dossier ingested.
  primaryKey({ columns: [t.day, t.procedureId, t.unitId, t.agencyId, t.channel] }),
]);

// The same counts per month, kept current from dossier_daily_stats by statement triggers (migration 0005):
// a year of metrics reads 12 rows per key instead of 365. Partial months are read from the daily table.
export const dossierMonthlyStats = pgTable('dossier_monthly_stats', {
  month: date('month').notNull(),                      // the first day of the month
  procedureId: uuid('procedure_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  agencyId: uuid('agency_id').notNull(),
  channel: text('channel').notNull(),
  ...dossierCounts(),
}, (t) => [
  primaryKey({ columns: [t.month, t.procedureId, t.unitId, t.agencyId, t.channel] }),
  index('dossier_monthly_stats_agency_idx').on(t.agencyId, t.month),
]);

// A polling connector to a one-stop-shop system's REST API.
export const dossierConnectors = pgTable('dossier_connectors', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  source: text('source').notNull().unique(),
  baseUrl: text('base_url').notNull(),
  token: text('token'),                                 // kept server-side, never answered
  fieldMapping: jsonb('field_mapping').notNull(),       // our field → their JSON path
  cursor: text('cursor'),                               // last "updated since" seen
  pollSeconds: integer('poll_seconds').notNull().default(300),
  enabled: boolean('enabled').notNull().default(true),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastError: text('last_error'),
  lastCount: integer('last_count'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// A CSV/XLSX import, with progress for the web's progress bar and the per-row errors.
export const dossierImports = pgTable('dossier_imports', {
  id: uuid('id').primaryKey(),
  fileName: text('file_name').notNull(),
  source: text('source').notNull(),
  status: text('status').notNull(),                     // running | done | failed
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  savedRows: integer('saved_rows').notNull().default(0),
  errorRows: integer('error_rows').notNull().default(0),
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),   // first 1,000 row errors
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export type ProcedureRow = typeof procedures.$inferSelect;
export type DossierRow = typeof dossiers.$inferSelect;
export type DossierEventRow = typeof dossierEvents.$inferSelect;
export type DossierConnectorRow = typeof dossierConnectors.$inferSelect;
export type DossierImportRow = typeof dossierImports.$inferSelect;
