// Video wall layouts, what each of their screens shows, and the long-lived keys the wall PCs sign in with.
import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.table.js';

export const wallLayouts = pgTable('wall_layouts', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull(),                         // the kiosk URL's name: /wall/{slug}/{screen}
  name: text('name').notNull(),
  columns: smallint('columns').notNull(),
  rows: smallint('rows').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),   // whose wall: scope of readers and of its keys
  unitPath: text('unit_path').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('wall_layouts_slug').on(t.slug),
  check('wall_layouts_grid', sql`${t.columns} BETWEEN 1 AND 12 AND ${t.rows} BETWEEN 1 AND 8`),
]);

export const wallScreens = pgTable('wall_screens', {
  layoutId: uuid('layout_id').notNull().references(() => wallLayouts.id, { onDelete: 'cascade' }),
  position: smallint('position').notNull(),
  content: jsonb('content').notNull(),                  // ScreenContent (shared/contracts/walls.ts), validated at the door
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
}, (t) => [
  primaryKey({ columns: [t.layoutId, t.position] }),
  check('wall_screens_position', sql`${t.position} >= 1`),
]);

export const wallScreenKeys = pgTable('wall_screen_keys', {
  id: uuid('id').primaryKey(),
  layoutId: uuid('layout_id').notNull().references(() => wallLayouts.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),                       // e.g. "Máy trạm 1 (màn 1–9)"
  keyHash: text('key_hash').notNull(),                  // SHA-256 of the secret; the secret is shown once
  prefix: text('prefix').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('wall_screen_keys_hash').on(t.keyHash),
  index('wall_screen_keys_layout').on(t.layoutId),
]);

export type WallLayoutRow = typeof wallLayouts.$inferSelect;
export type WallScreenRow = typeof wallScreens.$inferSelect;
export type WallScreenKeyRow = typeof wallScreenKeys.$inferSelect;
