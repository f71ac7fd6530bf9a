import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { multiPolygon4326, point4326 } from '../../db/geometry.js';

// Administrative units with history: a unit exists on [valid_from, valid_to).
export const units = pgTable('units', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  officialCode: text('official_code'),
  name: text('name').notNull(),
  type: text('type').notNull(),
  parentId: uuid('parent_id').references((): any => units.id),
  path: text('path').notNull(),      // '/70/689/25432/': subtree filters are prefix matches
  level: integer('level').notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  boundary: multiPolygon4326('boundary'),
  centroid: point4326('centroid'),
  isBoundarySynthetic: boolean('is_boundary_synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('units_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
  index('units_parent_idx').on(t.parentId),
  index('units_boundary_idx').using('gist', t.boundary),
  check('units_validity', sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
]);

// Where a unit's territory went when it ended: share 1.0 for a whole merge; shares of one unit sum to 1.
export const unitSuccessions = pgTable('unit_successions', {
  fromUnitId: uuid('from_unit_id').notNull().references(() => units.id),
  toUnitId: uuid('to_unit_id').notNull().references(() => units.id),
  share: doublePrecision('share').notNull(),
  validOn: date('valid_on').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.fromUnitId, t.toUnitId] }),
  index('unit_successions_to_idx').on(t.toUnitId),
  check('unit_successions_share', sql`${t.share} > 0 AND ${t.share} <= 1`),
]);

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('agencies_unit_idx').on(t.unitId)]);

export type UnitRow = typeof units.$inferSelect;
export type AgencyRow = typeof agencies.$inferSelect;
