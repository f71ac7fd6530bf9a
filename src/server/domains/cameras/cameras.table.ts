// Cameras (registry with the RTSP address kept server-side) and the analytics events they produce (Frigate shape).
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { point4326 } from '../../db/geometry.js';
import { units } from '../units/units.table.js';

export const cameras = pgTable('cameras', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),                 // short id, the `camera` name in Frigate events and MQTT
  name: text('name').notNull(),
  rtspUrl: text('rtsp_url').notNull(),                   // may carry user:password; never leaves the server
  location: point4326('location'),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  unitPath: text('unit_path').notNull(),                 // the unit's path, copied for scope prefix matching
  ptz: boolean('ptz').notNull().default(false),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  enabled: boolean('enabled').notNull().default(true),
  status: text('status').notNull().default('unknown'),   // online | offline | unknown (never reached yet)
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  isSynthetic: boolean('is_synthetic').notNull().default(false),   // demo cameras whose address points nowhere
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('cameras_unit_path_idx').on(t.unitPath),
  check('cameras_status', sql`${t.status} IN ('online', 'offline', 'unknown')`),
]);

// One object tracked by the camera analytics (a Frigate event): new → update… → end, merged into one row.
export const cameraEvents = pgTable('camera_events', {
  id: text('id').primaryKey(),                           // the sender's event id: repeats are merged, never duplicated
  cameraId: uuid('camera_id').notNull().references(() => cameras.id, { onDelete: 'cascade' }),
  unitPath: text('unit_path').notNull(),
  label: text('label').notNull(),
  subLabel: text('sub_label'),
  score: doublePrecision('score').notNull(),
  topScore: doublePrecision('top_score').notNull(),
  currentZones: text('current_zones').array().notNull().default(sql`'{}'::text[]`),
  enteredZones: text('entered_zones').array().notNull().default(sql`'{}'::text[]`),
  startTime: timestamp('start_time', { withTimezone: true }).notNull(),
  endTime: timestamp('end_time', { withTimezone: true }),
  hasSnapshot: boolean('has_snapshot').notNull().default(false),
  hasClip: boolean('has_clip').notNull().default(false),
  lastType: text('last_type').notNull(),                 // new | update | end: the last message merged
  alarmId: text('alarm_id'),                             // the alarm this event raised (alarms domain), if any
  alarmType: text('alarm_type'),
  attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),   // the rest of Frigate's `after`, kept for reference
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('camera_events_camera_start_idx').on(t.cameraId, t.startTime),
  index('camera_events_unit_start_idx').on(t.unitPath, t.startTime),
  check('camera_events_last_type', sql`${t.lastType} IN ('new', 'update', 'end')`),
]);

export type CameraRow = typeof cameras.$inferSelect;
export type CameraEventRow = typeof cameraEvents.$inferSelect;
