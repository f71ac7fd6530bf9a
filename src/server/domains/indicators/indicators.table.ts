import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.js';
import { agencies, units } from '../units/units.table.js';

// Disaggregation dimensions (phân tổ) and their options: sex, age group, urban/rural …
export const dimensions = pgTable('dimensions', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dimensionOptions = pgTable('dimension_options', {
  id: uuid('id').primaryKey(),
  dimensionId: uuid('dimension_id').notNull().references(() => dimensions.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
}, (t) => [uniqueIndex('dimension_options_code_idx').on(t.dimensionId, t.code)]);

// The catalog of indicators (chỉ tiêu). A derived indicator has a formula instead of reported values.
export const indicators = pgTable('indicators', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  measureUnit: text('measure_unit').notNull(),          // 'tỷ đồng', '%', 'người' …
  sector: text('sector').notNull(),
  valueType: text('value_type').notNull(),              // number | integer | percent | vnd
  unitAggregation: text('unit_aggregation').notNull(),  // over the unit tree: sum | average | last | min | max | none
  timeAggregation: text('time_aggregation').notNull(),  // over periods: same set
  decimals: integer('decimals').notNull().default(0),
  minValue: doublePrecision('min_value'),
  maxValue: doublePrecision('max_value'),
  ownerAgencyId: uuid('owner_agency_id').references(() => agencies.id),
  formula: text('formula'),
  dimensionCodes: text('dimension_codes').array().notNull().default(sql`ARRAY[]::text[]`),
  description: text('description'),
  legalBasis: text('legal_basis'),
  higherIsBetter: boolean('higher_is_better').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Report forms (biểu mẫu), versioned: a period keeps the version it was reported on.
export const forms = pgTable('forms', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  version: integer('version').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  periodType: text('period_type').notNull(),
  cutoffDay: integer('cutoff_day').notNull().default(1),   // 15 = Decree 09/2019 months (15th → 14th)
  deadlineDays: integer('deadline_days').notNull(),        // due this many days after the period's last day
  reminderDays: integer('reminder_days').notNull().default(2),
  validFromPeriod: text('valid_from_period').notNull(),    // first period this version applies to
  legalBasis: text('legal_basis'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('forms_code_version_idx').on(t.code, t.version),
  check('forms_cutoff', sql`${t.cutoffDay} BETWEEN 1 AND 28`),
]);

export const formRows = pgTable('form_rows', {
  formId: uuid('form_id').notNull().references(() => forms.id),
  rowCode: text('row_code').notNull(),
  section: text('section'),
  indicatorId: uuid('indicator_id').notNull().references(() => indicators.id),
  sort: integer('sort').notNull(),
}, (t) => [primaryKey({ columns: [t.formId, t.rowCode] })]);

// Who must report a form: a unit (its government), optionally a specific agency of it.
export const formAssignments = pgTable('form_assignments', {
  formCode: text('form_code').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  agencyId: uuid('agency_id').references(() => agencies.id),
}, (t) => [uniqueIndex('form_assignments_idx').on(t.formCode, t.unitId, sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`)]);

// One report: form × unit × period, with its workflow state.
export const submissions = pgTable('submissions', {
  id: uuid('id').primaryKey(),
  formId: uuid('form_id').notNull().references(() => forms.id),
  formCode: text('form_code').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  periodId: text('period_id').notNull(),
  state: text('state').notNull(),                         // draft | submitted | returned | approved | locked
  dueOn: date('due_on').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: uuid('decided_by').references(() => users.id),
  reason: text('reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('submissions_key_idx').on(t.formCode, t.unitId, t.periodId),
  index('submissions_period_idx').on(t.formCode, t.periodId),
]);

// Reported values, one per indicator × unit × period × option combination ('' = the total).
// `version` increases on every change: an edit based on an older version is a conflict, not a silent overwrite.
export const indicatorValues = pgTable('indicator_values', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  indicatorId: uuid('indicator_id').notNull().references(() => indicators.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  periodType: text('period_type').notNull(),
  periodId: text('period_id').notNull(),
  periodStart: date('period_start').notNull(),
  optionKey: text('option_key').notNull().default(''),
  value: doublePrecision('value'),
  comment: text('comment'),
  version: integer('version').notNull().default(1),
  submissionId: uuid('submission_id').references(() => submissions.id),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('indicator_values_key_idx').on(t.indicatorId, t.unitId, t.periodType, t.periodId, t.optionKey),
  index('indicator_values_period_idx').on(t.indicatorId, t.periodType, t.periodStart),
]);

// Every change of a value: who changed this number, when, from what.
export const valueChanges = pgTable('value_changes', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  valueId: bigint('value_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorName: text('actor_name').notNull(),
  actorId: text('actor_id'),
  oldValue: doublePrecision('old_value'),
  newValue: doublePrecision('new_value'),
  comment: text('comment'),
  source: text('source').notNull(),                      // entry | excel | api | seed
}, (t) => [index('value_changes_value_idx').on(t.valueId)]);

// Annual targets (kế hoạch giao) with optional monthly phasing (12 cumulative shares or values).
export const targets = pgTable('targets', {
  indicatorId: uuid('indicator_id').notNull().references(() => indicators.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  year: integer('year').notNull(),
  annual: doublePrecision('annual').notNull(),
  monthly: jsonb('monthly'),                              // number[12] of values per month, or null = even phasing
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.indicatorId, t.unitId, t.year] })]);

// Validation rules: range, comparison between expressions, jump against the previous period.
export const validationRules = pgTable('validation_rules', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').notNull(),                           // range | comparison | jump
  severity: text('severity').notNull(),                   // blocking | warning
  formCode: text('form_code'),                            // null: every form containing the indicators
  params: jsonb('params').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type IndicatorRow = typeof indicators.$inferSelect;
export type FormRow = typeof forms.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;

// Local indicator code → the national reporting system's code (for the push upward).
export const nationalCodes = pgTable('national_codes', {
  indicatorId: uuid('indicator_id').primaryKey().references(() => indicators.id),
  nationalCode: text('national_code').notNull(),
  nationalName: text('national_name'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
