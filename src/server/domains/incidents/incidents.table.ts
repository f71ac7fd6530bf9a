// Incidents (sự cố, vụ việc): what operators dispatch agencies to, made from alarms, citizen reports or by hand.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { point4326 } from '../../db/geometry.js';
import { agencies, units } from '../units/units.table.js';

// Numbers the incident codes; gaps after a rolled-back transaction are harmless.
export const incidentCodeSeq = pgSequence('incident_code_seq');

export const incidents = pgTable('incidents', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),               // 'SC-2611-0042': said on the radio and the phone
  type: text('type').notNull(),                        // accident | congestion | violation | fight | fire | gathering | flood | environment | other
  title: text('title').notNull(),
  description: text('description'),
  severity: text('severity').notNull(),
  status: text('status').notNull(),                    // open → dispatched → in_progress → resolved → closed
  location: point4326('location'),
  address: text('address'),
  unitId: uuid('unit_id').references(() => units.id),
  unitPath: text('unit_path').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closureReport: text('closure_report'),
  createdById: uuid('created_by_id'),
  createdByName: text('created_by_name').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('incidents_unit_path_idx').on(sql`${t.unitPath} text_pattern_ops`),
  index('incidents_occurred_idx').on(t.occurredAt),
  index('incidents_status_idx').on(t.status, t.occurredAt),
  index('incidents_location_idx').using('gist', t.location),
  check('incidents_type', sql`${t.type} IN ('accident', 'congestion', 'violation', 'fight', 'fire', 'gathering', 'flood', 'environment', 'other')`),
  check('incidents_status', sql`${t.status} IN ('open', 'dispatched', 'in_progress', 'resolved', 'closed')`),
  check('incidents_severity', sql`${t.severity} IN ('critical', 'major', 'minor', 'warning', 'info')`),
  check('incidents_closed_has_report', sql`${t.status} <> 'closed' OR ${t.closureReport} IS NOT NULL`),
]);

// What an incident was made from or linked to: alarms (camera events come as their alarm) and citizen reports.
export const incidentSources = pgTable('incident_sources', {
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),                        // alarm | report
  refId: uuid('ref_id').notNull(),
  label: text('label').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('incident_sources_ref_idx').on(t.kind, t.refId),     // a source belongs to one incident
  index('incident_sources_incident_idx').on(t.incidentId),
  check('incident_sources_kind', sql`${t.kind} IN ('alarm', 'report')`),
]);

// Agencies sent to the incident; an officer of the agency acknowledges for it.
export const incidentDispatches = pgTable('incident_dispatches', {
  id: uuid('id').primaryKey(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  note: text('note'),
  dispatchedAt: timestamp('dispatched_at', { withTimezone: true }).notNull(),
  dispatchedByName: text('dispatched_by_name').notNull(),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  acknowledgedById: uuid('acknowledged_by_id'),
  acknowledgedByName: text('acknowledged_by_name'),
}, (t) => [
  uniqueIndex('incident_dispatches_agency_idx').on(t.incidentId, t.agencyId),
  index('incident_dispatches_agency_open_idx').on(t.agencyId).where(sql`${t.acknowledgedAt} IS NULL`),
]);

// Every change and note, appended.
export const incidentEvents = pgTable('incident_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
  kind: text('kind').notNull(),                        // created | status | dispatched | acknowledged | note | linked | updated | closed
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  agencyId: uuid('agency_id'),
  text: text('text'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
}, (t) => [
  index('incident_events_incident_idx').on(t.incidentId, t.at),
]);

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentEventRow = typeof incidentEvents.$inferSelect;
export type IncidentDispatchRow = typeof incidentDispatches.$inferSelect;
