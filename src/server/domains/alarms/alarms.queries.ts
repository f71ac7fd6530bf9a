// SQL of the alarms domain: rules, alarms and their timeline, silences, routes, notification groups, the lease.
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { users } from '../accounts/accounts.table.js';
import { units } from '../units/units.table.js';
import {
  alarmEscalations, alarmEvaluatorLease, alarmEvents, alarmNotificationItems, alarmRoutes, alarmRules, alarms, alarmSilences,
  type AlarmRow,
} from './alarms.table.js';

const inSubtree = (column: SQL | AnyPgColumn, path: string) => sql`${column} LIKE ${likePattern(path, { prefix: true })}`;

// ── rules ───────────────────────────────────────────────────────────────────────────────────────────
const ruleColumns = { rule: alarmRules, unitName: units.name };

/** Rules whose area lies in the scope, or contains it (a province rule applies to a ward's devices too). */
export async function listRules(db: DbOrTx, scopePath: string) {
  return db.select(ruleColumns).from(alarmRules).innerJoin(units, eq(units.id, alarmRules.unitId))
    .where(sql`(${inSubtree(alarmRules.unitPath, scopePath)} OR ${scopePath} LIKE ${alarmRules.unitPath} || '%')`)
    .orderBy(asc(alarmRules.deviceType), asc(alarmRules.name));
}

export async function findRule(db: DbOrTx, id: string) {
  const [row] = await db.select(ruleColumns).from(alarmRules).innerJoin(units, eq(units.id, alarmRules.unitId)).where(eq(alarmRules.id, id));
  return row;
}

export async function enabledRules(db: DbOrTx) {
  return db.select().from(alarmRules).where(eq(alarmRules.enabled, true)).orderBy(asc(alarmRules.id));
}

export async function insertRule(db: DbOrTx, row: typeof alarmRules.$inferInsert): Promise<void> {
  await db.insert(alarmRules).values(row);
}

export async function updateRuleRow(db: DbOrTx, id: string, patch: Partial<typeof alarmRules.$inferInsert>): Promise<void> {
  await db.update(alarmRules).set({ ...patch, updatedAt: new Date() }).where(eq(alarmRules.id, id));
}

export async function deleteRuleRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(alarmRules).where(eq(alarmRules.id, id));
}

export async function openAlarmCounts(db: DbOrTx, ruleIds: string[]): Promise<Map<string, number>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await db.select({ ruleId: alarms.ruleId, n: count() }).from(alarms)
    .where(and(inArray(alarms.ruleId, ruleIds), isNull(alarms.clearedAt))).groupBy(alarms.ruleId);
  return new Map(rows.map((r) => [r.ruleId!, r.n]));
}

export async function countDemoRules(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alarmRules).where(eq(alarmRules.isDemo, true));
  return row?.n ?? 0;
}

// ── alarms ──────────────────────────────────────────────────────────────────────────────────────────
const alarmColumns = {
  alarm: alarms,
  ruleName: alarmRules.name,
  lon: sql<number | null>`ST_X(${alarms.location})`,
  lat: sql<number | null>`ST_Y(${alarms.location})`,
};
export type AlarmRecord = { alarm: AlarmRow; ruleName: string | null; lon: number | null; lat: number | null };

const selectAlarms = (db: DbOrTx) => db.select(alarmColumns).from(alarms).leftJoin(alarmRules, eq(alarmRules.id, alarms.ruleId));

export interface NewOccurrence {
  id: string;
  ruleId: string | null;
  type: string;
  dedupeKey: string;
  sourceKind: 'device' | 'camera';
  sourceId: string;
  sourceName: string;
  deviceType: string | null;
  unitPath: string;
  groupPath: string;
  lon: number | null;
  lat: number | null;
  severity: string;
  message: string;
  messageEn: string;
  details: Record<string, unknown>;
  lastValue: number | null;
  raisedAt: Date;
  lastAt: Date;
}

/**
 * Raises the open alarm of (source, dedupe key), or counts another occurrence on it. One statement, so two
 * evaluators (or a camera burst) can never open two: the partial unique index decides. An occurrence not
 * newer than the last one changes nothing (the evaluator sees the same reading every round).
 */
export async function upsertOpenAlarm(db: DbOrTx, o: NewOccurrence): Promise<{ id: string; created: boolean; changed: boolean }> {
  const location = o.lon != null && o.lat != null ? sql`ST_SetSRID(ST_MakePoint(${o.lon}, ${o.lat}), 4326)` : sql`NULL`;
  const [row] = await selectRows<{ id: string; created: boolean }>(db, sql`
    INSERT INTO alarms (id, rule_id, type, dedupe_key, source_kind, source_id, source_name, device_type, unit_path, group_path, location,
      severity, message, message_en, details, last_value, count, raised_at, last_at)
    VALUES (${o.id}, ${o.ruleId}, ${o.type}, ${o.dedupeKey}, ${o.sourceKind}, ${o.sourceId}, ${o.sourceName}, ${o.deviceType}, ${o.unitPath},
      ${o.groupPath}, ${location}, ${o.severity}, ${o.message}, ${o.messageEn}, ${JSON.stringify(o.details)}::jsonb, ${o.lastValue}, 1,
      ${o.raisedAt}, ${o.lastAt})
    ON CONFLICT (source_kind, source_id, dedupe_key) WHERE cleared_at IS NULL DO UPDATE SET
      count = alarms.count + 1, last_at = EXCLUDED.last_at, last_value = EXCLUDED.last_value, severity = EXCLUDED.severity,
      message = EXCLUDED.message, message_en = EXCLUDED.message_en, details = EXCLUDED.details, source_name = EXCLUDED.source_name,
      location = COALESCE(EXCLUDED.location, alarms.location), updated_at = now()
    WHERE EXCLUDED.last_at > alarms.last_at
    RETURNING id, (xmax = 0) AS created`);
  if (row) return { id: row.id, created: row.created, changed: true };
  const [open] = await db.select({ id: alarms.id }).from(alarms)
    .where(and(eq(alarms.sourceKind, o.sourceKind), eq(alarms.sourceId, o.sourceId), eq(alarms.dedupeKey, o.dedupeKey), isNull(alarms.clearedAt)));
  return { id: open!.id, created: false, changed: false };
}

export async function openAlarmsOfRule(db: DbOrTx, ruleId: string) {
  return db.select({ id: alarms.id, sourceId: alarms.sourceId, lastAt: alarms.lastAt, unitPath: alarms.unitPath }).from(alarms)
    .where(and(eq(alarms.ruleId, ruleId), isNull(alarms.clearedAt)));
}

export async function findAlarm(db: DbOrTx, id: string, forUpdate = false): Promise<AlarmRecord | undefined> {
  if (forUpdate) await db.execute(sql`SELECT 1 FROM alarms WHERE id = ${id} FOR UPDATE`);
  const [row] = await selectAlarms(db).where(eq(alarms.id, id));
  return row;
}

export async function findAlarmsByIds(db: DbOrTx, ids: string[]): Promise<AlarmRecord[]> {
  if (ids.length === 0) return [];
  return selectAlarms(db).where(inArray(alarms.id, ids));
}

export async function updateAlarmRow(db: DbOrTx, id: string, patch: Partial<typeof alarms.$inferInsert>): Promise<void> {
  await db.update(alarms).set({ ...patch, updatedAt: new Date() }).where(eq(alarms.id, id));
}

export interface AlarmFilter {
  scopePath: string;
  status: 'active' | 'cleared' | 'acknowledged' | 'unacknowledged' | 'any';
  severities?: string[] | undefined;
  unitPath?: string | undefined;
  ruleId?: string | undefined;
  sourceId?: string | undefined;
  type?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function alarmConditions(f: AlarmFilter): SQL[] {
  const c: SQL[] = [inSubtree(alarms.unitPath, f.scopePath)];
  if (f.unitPath) c.push(inSubtree(alarms.unitPath, f.unitPath));
  if (f.status === 'active') c.push(sql`${alarms.clearedAt} IS NULL`);
  if (f.status === 'cleared') c.push(sql`${alarms.clearedAt} IS NOT NULL`);
  if (f.status === 'acknowledged') c.push(sql`${alarms.acknowledgedAt} IS NOT NULL`);
  if (f.status === 'unacknowledged') c.push(sql`${alarms.acknowledgedAt} IS NULL`);
  if (f.severities?.length) c.push(inArray(alarms.severity, f.severities));
  if (f.ruleId) c.push(eq(alarms.ruleId, f.ruleId));
  if (f.sourceId) c.push(eq(alarms.sourceId, f.sourceId));
  if (f.type) c.push(eq(alarms.type, f.type));
  if (f.to) c.push(sql`${alarms.raisedAt} < ${f.to}`);
  if (f.from) c.push(sql`(${alarms.clearedAt} IS NULL OR ${alarms.clearedAt} >= ${f.from})`);
  return c;
}

const severityOrder = sql`CASE ${alarms.severity} WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 WHEN 'warning' THEN 3 ELSE 4 END`;

/** Open ones first, then by severity, then newest. */
export async function listAlarms(db: DbOrTx, f: AlarmFilter, page: { limit: number; offset: number }) {
  const where = and(...alarmConditions(f));
  const items = await selectAlarms(db).where(where)
    .orderBy(sql`(${alarms.clearedAt} IS NOT NULL)`, severityOrder, desc(alarms.lastAt), desc(alarms.id)).limit(page.limit).offset(page.offset);
  const [total] = await db.select({ n: count() }).from(alarms).where(where);
  return { items, total: total?.n ?? 0 };
}

export async function openCountsBySeverity(db: DbOrTx, scopePath: string, unitPath?: string): Promise<Record<string, number>> {
  const rows = await db.select({ severity: alarms.severity, n: count() }).from(alarms)
    .where(and(inSubtree(alarms.unitPath, scopePath), unitPath ? inSubtree(alarms.unitPath, unitPath) : undefined, isNull(alarms.clearedAt)))
    .groupBy(alarms.severity);
  return Object.fromEntries(rows.map((r) => [r.severity, r.n]));
}

// ── timeline ────────────────────────────────────────────────────────────────────────────────────────
export async function insertAlarmEvents(db: DbOrTx, rows: (typeof alarmEvents.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(alarmEvents).values(rows);
}

export async function eventsOfAlarm(db: DbOrTx, alarmId: string) {
  return db.select().from(alarmEvents).where(eq(alarmEvents.alarmId, alarmId)).orderBy(asc(alarmEvents.at), asc(alarmEvents.id));
}

// ── silences ────────────────────────────────────────────────────────────────────────────────────────
export async function insertSilence(db: DbOrTx, row: typeof alarmSilences.$inferInsert): Promise<void> {
  await db.insert(alarmSilences).values(row);
}

export async function findSilence(db: DbOrTx, id: string) {
  const [row] = await db.select().from(alarmSilences).where(eq(alarmSilences.id, id));
  return row;
}

export async function expireSilence(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(alarmSilences).set({ expiredAt: at }).where(eq(alarmSilences.id, id));
}

export async function listSilences(db: DbOrTx, scopePath: string) {
  return db.select({ silence: alarmSilences, unitName: units.name, ruleName: alarmRules.name }).from(alarmSilences)
    .leftJoin(units, eq(units.id, alarmSilences.unitId)).leftJoin(alarmRules, eq(alarmRules.id, alarmSilences.ruleId))
    .where(inSubtree(alarmSilences.unitPath, scopePath)).orderBy(desc(alarmSilences.startsAt)).limit(500);
}

/** The first silence or maintenance window that holds at `at` and matches every matcher it sets. */
export async function matchingSilence(db: DbOrTx, a: { ruleId: string | null; sourceId: string; deviceType: string | null; type: string; unitPath: string }, at: Date) {
  const [row] = await selectRows<{ id: string; kind: string }>(db, sql`
    SELECT id, kind FROM alarm_silences
    WHERE starts_at <= ${at} AND ends_at > ${at} AND (expired_at IS NULL OR expired_at > ${at})
      AND (rule_id IS NULL OR rule_id = ${a.ruleId})
      AND (source_id IS NULL OR source_id = ${a.sourceId})
      AND (device_type IS NULL OR device_type = ${a.deviceType})
      AND (alarm_type IS NULL OR alarm_type = ${a.type})
      AND ${a.unitPath} LIKE unit_path || '%'
    ORDER BY kind DESC, starts_at LIMIT 1`);
  return row;
}

// ── routes and notification groups ──────────────────────────────────────────────────────────────────
const escalationTarget = alias(alarmRoutes, 'escalation_target');
const routeColumns = { route: alarmRoutes, unitName: units.name, escalateToRouteName: escalationTarget.name };

export async function listRoutes(db: DbOrTx, scopePath: string) {
  return db.select(routeColumns).from(alarmRoutes).innerJoin(units, eq(units.id, alarmRoutes.unitId))
    .leftJoin(escalationTarget, eq(escalationTarget.id, alarmRoutes.escalateToRouteId))
    .where(inSubtree(alarmRoutes.unitPath, scopePath)).orderBy(asc(alarmRoutes.unitPath), asc(alarmRoutes.name));
}

export async function findRoute(db: DbOrTx, id: string) {
  const [row] = await db.select(routeColumns).from(alarmRoutes).innerJoin(units, eq(units.id, alarmRoutes.unitId))
    .leftJoin(escalationTarget, eq(escalationTarget.id, alarmRoutes.escalateToRouteId)).where(eq(alarmRoutes.id, id));
  return row;
}

export async function insertRoute(db: DbOrTx, row: typeof alarmRoutes.$inferInsert): Promise<void> {
  await db.insert(alarmRoutes).values(row);
}

export async function deleteRouteRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(alarmRoutes).where(eq(alarmRoutes.id, id));
}

/** Enabled routes whose area contains the alarm's unit (escalation-only routes hear only of escalations). */
export async function routesCovering(db: DbOrTx, unitPath: string) {
  return db.select().from(alarmRoutes)
    .where(and(eq(alarmRoutes.enabled, true), eq(alarmRoutes.escalationOnly, false), sql`${unitPath} LIKE ${alarmRoutes.unitPath} || '%'`));
}

export interface EscalationCandidate {
  route_id: string; route_name: string; minutes: number; to_route_id: string; to_route_name: string;
  alarm_id: string; rule_id: string | null; source_id: string; device_type: string | null; type: string; unit_path: string; group_path: string; dedupe_key: string;
}

/**
 * Alarms that a route must escalate at `now`: active, unacknowledged, not raised during a silence, at or above the
 * route's severity in its area, raised at least its delay ago, not yet escalated by it; for an escalation-only route
 * (a further level), only alarms escalated to it. The target route must be enabled.
 */
export async function alarmsDueForEscalation(db: DbOrTx, now: Date, limit = 500): Promise<EscalationCandidate[]> {
  const rank = (col: SQL) => sql`array_position(ARRAY['critical', 'major', 'minor', 'warning', 'info']::text[], ${col})`;
  return selectRows<EscalationCandidate>(db, sql`
    SELECT r.id AS route_id, r.name AS route_name, r.escalate_after_minutes AS minutes, t.id AS to_route_id, t.name AS to_route_name,
      a.id AS alarm_id, a.rule_id, a.source_id, a.device_type, a.type, a.unit_path, a.group_path, a.dedupe_key
    FROM alarm_routes r
    JOIN alarm_routes t ON t.id = r.escalate_to_route_id AND t.enabled
    JOIN alarms a ON a.cleared_at IS NULL AND a.acknowledged_at IS NULL AND a.silence_id IS NULL
      AND a.unit_path LIKE r.unit_path || '%'
      AND ${rank(sql`a.severity`)} <= ${rank(sql`r.min_severity`)}
      AND a.raised_at <= ${now}::timestamptz - make_interval(mins => r.escalate_after_minutes)
    WHERE r.enabled AND r.escalate_after_minutes IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM alarm_escalations e WHERE e.alarm_id = a.id AND e.route_id = r.id)
      AND (NOT r.escalation_only OR EXISTS (SELECT 1 FROM alarm_escalations e WHERE e.alarm_id = a.id AND e.to_route_id = r.id))
    ORDER BY a.raised_at LIMIT ${limit}`);
}

/** Records that the route escalated the alarm; false when it already had (another evaluator got there first). */
export async function insertEscalation(db: DbOrTx, row: typeof alarmEscalations.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(alarmEscalations).values(row).onConflictDoNothing().returning({ alarmId: alarmEscalations.alarmId });
  return inserted.length > 0;
}

/** Adds the alarm to the open group of (route, key), opening one that is sent `waitSeconds` from now. */
export async function addToGroup(db: DbOrTx, g: { id: string; routeId: string; groupKey: string; now: Date; waitSeconds: number; alarmId: string }): Promise<void> {
  const sendAt = new Date(g.now.getTime() + g.waitSeconds * 1000);
  const [group] = await selectRows<{ id: string }>(db, sql`
    INSERT INTO alarm_notification_groups (id, route_id, group_key, opened_at, send_at)
    VALUES (${g.id}, ${g.routeId}, ${g.groupKey}, ${g.now}, ${sendAt})
    ON CONFLICT (route_id, group_key) WHERE sent_at IS NULL DO UPDATE SET group_key = EXCLUDED.group_key
    RETURNING id`);
  await db.insert(alarmNotificationItems).values({ groupId: group!.id, alarmId: g.alarmId }).onConflictDoNothing();
}

/** Due groups, marked sent in the same statement: one flusher takes each group once. */
export async function claimDueGroups(db: DbOrTx, now: Date, limit = 100) {
  return selectRows<{ id: string; route_id: string; group_key: string }>(db, sql`
    UPDATE alarm_notification_groups SET sent_at = ${now}
    WHERE id IN (SELECT id FROM alarm_notification_groups WHERE sent_at IS NULL AND send_at <= ${now} ORDER BY send_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, route_id, group_key`);
}

export async function alarmIdsOfGroup(db: DbOrTx, groupId: string): Promise<string[]> {
  const rows = await db.select({ alarmId: alarmNotificationItems.alarmId }).from(alarmNotificationItems).where(eq(alarmNotificationItems.groupId, groupId));
  return rows.map((r) => r.alarmId);
}

export async function routeById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(alarmRoutes).where(eq(alarmRoutes.id, id));
  return row;
}

// ── people ──────────────────────────────────────────────────────────────────────────────────────────
export interface Person { id: string; displayName: string; email: string | null; role: string; scopePath: string; agencyId: string | null }
const personColumns = { id: users.id, displayName: users.displayName, email: users.email, role: users.role, scopePath: units.path, agencyId: users.agencyId };

/** Active users with one of the roles whose scope contains at least one of the paths. */
export async function peopleCovering(db: DbOrTx, roles: string[], paths: string[]): Promise<Person[]> {
  if (roles.length === 0 || paths.length === 0) return [];
  const covers = sql.join(paths.map((p) => sql`${p} LIKE ${units.path} || '%'`), sql` OR `);
  return db.select(personColumns).from(users).innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(eq(users.disabled, false), inArray(users.role, roles), sql`(${covers})`));
}

export async function personById(db: DbOrTx, id: string): Promise<Person | undefined> {
  const [row] = await db.select(personColumns).from(users).innerJoin(units, eq(units.id, users.scopeUnitId)).where(and(eq(users.id, id), eq(users.disabled, false)));
  return row;
}

// ── the evaluator's lease ───────────────────────────────────────────────────────────────────────────
/** Takes or renews the lease when it is free, expired or already ours; answers whether we hold it. */
export async function takeLease(db: DbOrTx, name: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  const until = new Date(now.getTime() + leaseMs);
  const rows = await selectRows<{ name: string }>(db, sql`
    INSERT INTO alarm_evaluator_lease (name, holder, leased_until, last_run_at) VALUES (${name}, ${holder}, ${until}, ${now})
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, leased_until = EXCLUDED.leased_until, last_run_at = EXCLUDED.last_run_at
    WHERE alarm_evaluator_lease.leased_until < ${now} OR alarm_evaluator_lease.holder = ${holder}
    RETURNING name`);
  return rows.length > 0;
}

export async function releaseLease(db: DbOrTx, name: string, holder: string): Promise<void> {
  await db.update(alarmEvaluatorLease).set({ leasedUntil: new Date(0) }).where(and(eq(alarmEvaluatorLease.name, name), eq(alarmEvaluatorLease.holder, holder)));
}
