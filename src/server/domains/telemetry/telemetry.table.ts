import { sql } from 'drizzle-orm';
import {
  check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { point4326 } from '../../db/geometry.js';
import { agencies, units } from '../units/units.table.js';

// A sensor or gateway that sends readings: air quality station, water level gauge, rain gauge, traffic counter.
// Its id is chosen at registration (URL- and MQTT-topic-safe), e.g. 'aq-dong-xoai-01'.
export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),                        // air-quality | water-level | rain-gauge | traffic-counter | …
  name: text('name').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),               // the unit's path: scope filters are prefix matches
  agencyId: uuid('agency_id').references(() => agencies.id),   // owner agency
  location: point4326('location'),
  metricUnits: jsonb('metric_units').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),  // metric → unit of measure
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  tokenHash: text('token_hash').notNull(),             // SHA-256 of the device token; the token is shown once
  tokenRotatedAt: timestamp('token_rotated_at', { withTimezone: true }).notNull().defaultNow(),
  reportingIntervalSeconds: integer('reporting_interval_seconds').notNull().default(60),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  status: text('status').notNull().default('never-seen'),   // online | offline | never-seen (kept for change events)
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('devices_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  index('devices_type_idx').on(t.type),
  uniqueIndex('devices_token_hash_idx').on(t.tokenHash),
  check('devices_id_format', sql`${t.id} ~ '^[a-z0-9][a-z0-9._-]{0,63}$'`),
  check('devices_status', sql`${t.status} IN ('online', 'offline', 'never-seen')`),
  check('devices_interval', sql`${t.reportingIntervalSeconds} > 0`),
]);

// One series per device × metric: the history row carries this small integer instead of two strings.
export const telemetrySeries = pgTable('telemetry_series', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  deviceId: text('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
  metric: text('metric').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('telemetry_series_device_metric_idx').on(t.deviceId, t.metric)]);

// The newest value of each series.
export const telemetryLatest = pgTable('telemetry_latest', {
  seriesId: integer('series_id').primaryKey().references(() => telemetrySeries.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
  value: doublePrecision('value').notNull(),
});

// Every reading, narrow on purpose (4 + 8 + 8 bytes of data). Partitioned by day of `at` (migration 0013);
// the key drops a redelivered reading (same series and instant). No foreign key: series are never deleted
// while readings exist except by cascade through partitions' retention.
export const telemetryReadings = pgTable('telemetry_readings', {
  seriesId: integer('series_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  value: doublePrecision('value').notNull(),
}, (t) => [primaryKey({ columns: [t.seriesId, t.at] })]);

// Rollups per series and bucket, kept current with each ingest batch: avg = sum / count.
const rollupColumns = () => ({
  seriesId: integer('series_id').notNull(),
  bucket: timestamp('bucket', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
  sum: doublePrecision('sum').notNull(),
  min: doublePrecision('min').notNull(),
  max: doublePrecision('max').notNull(),
});
// Per minute, partitioned by day like the readings (migration 0013) so that retention drops partitions.
export const telemetryRollups1m = pgTable('telemetry_rollups_1m', rollupColumns(), (t) => [primaryKey({ columns: [t.seriesId, t.bucket] })]);
export const telemetryRollups1h = pgTable('telemetry_rollups_1h', rollupColumns(), (t) => [primaryKey({ columns: [t.seriesId, t.bucket] })]);
export const telemetryRollups1d = pgTable('telemetry_rollups_1d', rollupColumns(), (t) => [primaryKey({ columns: [t.seriesId, t.bucket] })]);

// One row: the hourly and daily rollups hold every reading before `at` (whole hours); readings from `at` on are
// only in the 1-minute rollup until the roll-up job (telemetry.worker.ts) adds the closed hours and moves `at`.
// Ingest writes 1h/1d directly only for late readings (before `at`); queries add the 1-minute rows from `at` on.
export const telemetryRollupWatermark = pgTable('telemetry_rollup_watermark', {
  id: smallint('id').primaryKey().default(1),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [check('telemetry_rollup_watermark_single', sql`${t.id} = 1`)]);

export type DeviceRow = typeof devices.$inferSelect;
export type TelemetrySeriesRow = typeof telemetrySeries.$inferSelect;
