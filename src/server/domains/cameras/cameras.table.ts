// Cameras (registry with the RTSP address kept server-side) and the analytics events they produce (Frigate shape).
import { sql } from 'drizzle-orm';
import { boolean, check, customType, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  // The newest-first list across cameras, and the hourly retention that deletes by age.
  index('camera_events_start_idx').on(t.startTime),
  check('camera_events_last_type', sql`${t.lastType} IN ('new', 'update', 'end')`),
]);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

// The picture of an event's moment: one JPEG per event, Frigate's thumbnail or a frame we grabbed from the camera.
// Kept in the database (a few tens of kB each) so it goes away with its event (cascade) and needs no file store.
export const cameraEventSnapshots = pgTable('camera_event_snapshots', {
  eventId: text('event_id').primaryKey().references(() => cameraEvents.id, { onDelete: 'cascade' }),
  source: text('source').notNull(),                      // frigate (the sender's thumbnail) | camera (our own grab)
  score: doublePrecision('score').notNull(),             // the event's top score when the picture was taken
  jpeg: bytea('jpeg').notNull(),
  bytes: integer('bytes').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('camera_event_snapshots_source', sql`${t.source} IN ('frigate', 'camera')`),
]);

export type CameraRow = typeof cameras.$inferSelect;
export type CameraEventRow = typeof cameraEvents.$inferSelect;
