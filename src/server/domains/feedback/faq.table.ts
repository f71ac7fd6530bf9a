// The FAQ knowledge base of the chatbot (questions and answers managed by operators) and its settings.
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const faqEntries = pgTable('faq_entries', {
  id: uuid('id').primaryKey(),
  question: text('question').notNull(),
  answer: text('answer').notNull(),
  alternatives: text('alternatives').array().notNull().default(sql`'{}'::text[]`),   // other ways citizens ask it
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  isDemo: boolean('is_demo').notNull().default(false),   // written for the demo, not an official answer
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('faq_entries_question_length', sql`char_length(${t.question}) BETWEEN 3 AND 500`),
  check('faq_entries_answer_length', sql`char_length(${t.answer}) BETWEEN 1 AND 4000`),
]);

// One row: how sure the chatbot must be before it answers instead of handing over to a person.
export const faqSettings = pgTable('faq_settings', {
  id: smallint('id').primaryKey().default(1),
  minConfidence: doublePrecision('min_confidence').notNull().default(0.55),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('faq_settings_one_row', sql`${t.id} = 1`),
  check('faq_settings_confidence', sql`${t.minConfidence} > 0 AND ${t.minConfidence} <= 1`),
]);

export type FaqEntryRow = typeof faqEntries.$inferSelect;
