import { sql } from 'drizzle-orm';
import { check, date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Public holidays and make-up working days (ngày nghỉ lễ, ngày làm bù), configured per year: due dates,
// "days overdue" and SLA clocks count working days = Mon–Fri, minus 'holiday' rows, plus 'working_day' rows.
export const holidays = pgTable('holidays', {
  day: date('day').primaryKey(),
  kind: text('kind').notNull(),              // holiday | working_day (a Saturday worked to make up a bridge day)
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('holidays_kind', sql`${t.kind} IN ('holiday', 'working_day')`)]);

export type HolidayRow = typeof holidays.$inferSelect;
