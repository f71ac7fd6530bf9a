import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.js';

// In-app notifications; `key` makes each one idempotent per user (a reminder is sent once, however
// often the chase job runs and on however many server processes).
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  key: text('key').notNull(),
  kind: text('kind').notNull(),                 // reminder | escalation | …
  title: text('title').notNull(),
  titleEn: text('title_en').notNull(),
  body: text('body').notNull(),
  link: text('link'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('notifications_user_key_idx').on(t.userId, t.key),
  index('notifications_user_idx').on(t.userId, t.createdAt),
]);

export type NotificationRow = typeof notifications.$inferSelect;
