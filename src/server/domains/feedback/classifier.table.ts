// The classifier's suggestion for a report (category and agency, with the words that drove it), kept so the
// inbox can show it and so suggestions can be compared with what operators finally decided.
import { doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../units/units.table.js';
import { reports } from './feedback.table.js';

export const reportSuggestions = pgTable('report_suggestions', {
  reportId: uuid('report_id').primaryKey().references(() => reports.id),
  categoryCode: text('category_code'),                 // null: the model had nothing to go on
  categoryProbability: doublePrecision('category_probability'),
  agencyId: uuid('agency_id').references(() => agencies.id),
  agencyProbability: doublePrecision('agency_probability'),
  words: text('words').array().notNull(),
  detail: jsonb('detail').notNull(),                   // the ranked lists as the classify endpoint answers them
  trainedOn: integer('trained_on').notNull(),  // reports in the model when it suggested
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ReportSuggestionRow = typeof reportSuggestions.$inferSelect;
