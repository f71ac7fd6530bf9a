// Alarm rules (alarms:configure) and silences / maintenance windows (alarms:handle), scoped by unit subtree.
import { uuidv7 } from 'uuidv7';
import {
  type AlarmRule, type AlarmSeverity, type ComparisonOperator, type CreateAlarmRuleBody, type CreateSilenceBody, describeCondition, type RuleKind,
  type Silence,
} from '../../../shared/contracts/alarms.js';
import { assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findVisibleUnit } from '../units/units.service.js';
import {
  deleteRuleRow, expireSilence, findRule, findSilence, insertRule, insertSilence, listRules, listSilences, openAlarmCounts, updateRuleRow,
} from './alarms.queries.js';
import type { AlarmRuleRow, AlarmSilenceRow } from './alarms.table.js';

export function conditionOf(r: AlarmRuleRow) {
  return describeCondition({
    kind: r.kind as RuleKind, metric: r.metric ?? undefined, operator: (r.operator ?? undefined) as ComparisonOperator | undefined,
    threshold: r.threshold ?? undefined, clearThreshold: r.clearThreshold, forSeconds: r.forSeconds ?? undefined,
    repeatCount: r.repeatCount ?? undefined, silentMinutes: r.silentMinutes ?? undefined,
  });
}

function toRule(r: { rule: AlarmRuleRow; unitName: string }, openAlarms: number): AlarmRule {
  const x = r.rule;
  return {
    id: x.id, name: x.name, deviceType: x.deviceType, unitId: x.unitId, unitName: r.unitName, unitPath: x.unitPath, kind: x.kind as RuleKind,
    metric: x.metric, operator: x.operator as ComparisonOperator | null, threshold: x.threshold, clearThreshold: x.clearThreshold,
    forSeconds: x.forSeconds, repeatCount: x.repeatCount, silentMinutes: x.silentMinutes, severity: x.severity as AlarmSeverity,
    enabled: x.enabled, isDemo: x.isDemo, note: x.note, condition: conditionOf(x), openAlarms,
    createdAt: x.createdAt.toISOString(), updatedAt: x.updatedAt.toISOString(),
  };
}

/** The columns a rule body sets; fields another kind uses are stored as null so a rule never carries stale ones. */
export function ruleColumnsOf(body: CreateAlarmRuleBody, unit: { id: string; path: string }) {
  const usesValues = body.kind !== 'no-data';
  return {
    name: body.name, deviceType: body.deviceType, unitId: unit.id, unitPath: unit.path, kind: body.kind,
    metric: usesValues ? body.metric! : null, operator: usesValues ? body.operator! : null, threshold: usesValues ? body.threshold! : null,
    clearThreshold: usesValues ? (body.clearThreshold ?? null) : null,
    forSeconds: body.kind === 'for-duration' ? body.forSeconds! : null,
    repeatCount: body.kind === 'repeat' ? body.repeatCount! : null,
    silentMinutes: body.kind === 'no-data' ? body.silentMinutes! : null,
    severity: body.severity, enabled: body.enabled ?? true, note: body.note ?? null,
  };
}

export async function listAlarmRulesFor(ctx: RequestContext): Promise<{ items: AlarmRule[] }> {
  can(ctx.actor, 'alarms:read');
  const rows = await listRules(ctx.db, ctx.actor.scopePath);
  const counts = await openAlarmCounts(ctx.db, rows.map((r) => r.rule.id));
  return { items: rows.map((r) => toRule(r, counts.get(r.rule.id) ?? 0)) };
}

async function findVisibleRule(ctx: RequestContext, db: DbOrTx, id: string) {
  const found = await findRule(db, id);
  if (!found) throw new AppError('not-found');
  // A province-wide rule is visible to a ward user (it applies to their devices); changing it is not (below).
  if (!found.rule.unitPath.startsWith(ctx.actor.scopePath) && !ctx.actor.scopePath.startsWith(found.rule.unitPath)) throw new AppError('not-found');
  return found;
}

export async function getAlarmRule(ctx: RequestContext, id: string): Promise<AlarmRule> {
  can(ctx.actor, 'alarms:read');
  const found = await findVisibleRule(ctx, ctx.db, id);
  return toRule(found, (await openAlarmCounts(ctx.db, [id])).get(id) ?? 0);
}

export async function createAlarmRule(ctx: RequestContext, body: CreateAlarmRuleBody): Promise<AlarmRule> {
  can(ctx.actor, 'alarms:configure');
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    const unit = await findVisibleUnit(ctx, tx, body.unitId);
    assertWithinScope(ctx.actor, unit.path);
    const row = { id, ...ruleColumnsOf(body, unit) };
    await insertRule(tx, row);
    await audit(tx, ctx, { action: 'alarm-rule.create', entityType: 'alarm_rule', entityId: id, unitPath: unit.path, after: row });
    await ctx.publish(tx, { topic: 'alarms', type: 'alarm-rule.created', unitPath: unit.path, ids: [id] });
  });
  return getAlarmRule(ctx, id);
}

export async function updateAlarmRule(ctx: RequestContext, id: string, body: CreateAlarmRuleBody): Promise<AlarmRule> {
  can(ctx.actor, 'alarms:configure');
  await ctx.db.transaction(async (tx) => {
    const before = await findVisibleRule(ctx, tx, id);
    assertWithinScope(ctx.actor, before.rule.unitPath);
    const unit = await findVisibleUnit(ctx, tx, body.unitId);
    assertWithinScope(ctx.actor, unit.path);
    const patch = ruleColumnsOf(body, unit);
    await updateRuleRow(tx, id, patch);
    await audit(tx, ctx, { action: 'alarm-rule.update', entityType: 'alarm_rule', entityId: id, unitPath: unit.path, before: before.rule, after: patch });
    await ctx.publish(tx, { topic: 'alarms', type: 'alarm-rule.updated', unitPath: unit.path, ids: [id] });
  });
  return getAlarmRule(ctx, id);
}

/** Switches a rule on or off (open alarms stay; a disabled rule neither raises nor clears). */
export async function setAlarmRuleEnabled(ctx: RequestContext, id: string, enabled: boolean): Promise<AlarmRule> {
  can(ctx.actor, 'alarms:configure');
  await ctx.db.transaction(async (tx) => {
    const before = await findVisibleRule(ctx, tx, id);
    assertWithinScope(ctx.actor, before.rule.unitPath);
    await updateRuleRow(tx, id, { enabled });
    await audit(tx, ctx, { action: enabled ? 'alarm-rule.enable' : 'alarm-rule.disable', entityType: 'alarm_rule', entityId: id, unitPath: before.rule.unitPath, before: { enabled: before.rule.enabled }, after: { enabled } });
    await ctx.publish(tx, { topic: 'alarms', type: 'alarm-rule.updated', unitPath: before.rule.unitPath, ids: [id] });
  });
  return getAlarmRule(ctx, id);
}

/** Deleting a rule keeps its alarms (history); they lose the link to the rule. */
export async function deleteAlarmRule(ctx: RequestContext, id: string): Promise<{ ok: true }> {
  can(ctx.actor, 'alarms:configure');
  await ctx.db.transaction(async (tx) => {
    const before = await findVisibleRule(ctx, tx, id);
    assertWithinScope(ctx.actor, before.rule.unitPath);
    await deleteRuleRow(tx, id);
    await audit(tx, ctx, { action: 'alarm-rule.delete', entityType: 'alarm_rule', entityId: id, unitPath: before.rule.unitPath, before: before.rule });
    await ctx.publish(tx, { topic: 'alarms', type: 'alarm-rule.deleted', unitPath: before.rule.unitPath, ids: [id] });
  });
  return { ok: true };
}

// ── silences and maintenance windows ────────────────────────────────────────────────────────────────
function silenceState(s: AlarmSilenceRow, now: Date): Silence['state'] {
  const end = s.expiredAt && s.expiredAt < s.endsAt ? s.expiredAt : s.endsAt;
  if (end <= now) return 'expired';
  return s.startsAt > now ? 'scheduled' : 'active';
}

function toSilence(r: { silence: AlarmSilenceRow; unitName: string | null; ruleName: string | null }, now: Date): Silence {
  const s = r.silence;
  const end = s.expiredAt && s.expiredAt < s.endsAt ? s.expiredAt : s.endsAt;
  return {
    id: s.id, kind: s.kind as Silence['kind'], ruleId: s.ruleId, ruleName: r.ruleName, sourceId: s.sourceId, deviceType: s.deviceType, alarmType: s.alarmType,
    unitId: s.unitId, unitName: r.unitName, unitPath: s.unitPath, startsAt: s.startsAt.toISOString(), endsAt: end.toISOString(), reason: s.reason,
    createdBy: s.createdByName, state: silenceState(s, now), createdAt: s.createdAt.toISOString(),
  };
}

export async function listSilencesFor(ctx: RequestContext, q: { state: 'scheduled' | 'active' | 'expired' | 'current' }): Promise<{ items: Silence[] }> {
  can(ctx.actor, 'alarms:read');
  const now = new Date();
  const items = (await listSilences(ctx.db, ctx.actor.scopePath)).map((r) => toSilence(r, now));
  return { items: items.filter((s) => (q.state === 'current' ? s.state !== 'expired' : s.state === q.state)) };
}

export async function createSilence(ctx: RequestContext, body: CreateSilenceBody): Promise<Silence> {
  can(ctx.actor, 'alarms:handle');
  const id = uuidv7();
  const now = new Date();
  const startsAt = body.startsAt ? new Date(body.startsAt) : now;
  const endsAt = new Date(body.endsAt);
  if (endsAt <= startsAt || endsAt <= now) throw new AppError('validation-failed', { errors: [{ path: 'body.endsAt', message: 'must be after the start and in the future' }] });
  await ctx.db.transaction(async (tx) => {
    let unitPath = ctx.actor.scopePath;
    if (body.unitId) {
      const unit = await findVisibleUnit(ctx, tx, body.unitId);
      assertWithinScope(ctx.actor, unit.path);
      unitPath = unit.path;
    }
    if (body.ruleId) await findVisibleRule(ctx, tx, body.ruleId);
    const row = {
      id, kind: body.kind, ruleId: body.ruleId ?? null, sourceId: body.sourceId ?? null, deviceType: body.deviceType ?? null, alarmType: body.alarmType ?? null,
      unitId: body.unitId ?? null, unitPath, startsAt, endsAt, reason: body.reason, createdById: ctx.actor.id, createdByName: ctx.actor.name,
    };
    await insertSilence(tx, row);
    await audit(tx, ctx, { action: `alarm-${body.kind}.create`, entityType: 'alarm_silence', entityId: id, unitPath, after: row });
    await ctx.publish(tx, { topic: 'alarms', type: 'silence.created', unitPath, ids: [id] });
  });
  const [created] = (await listSilences(ctx.db, ctx.actor.scopePath)).filter((r) => r.silence.id === id);
  return toSilence(created!, now);
}

/** Ends a silence or maintenance window now (kept for the record). */
export async function expireSilenceNow(ctx: RequestContext, id: string): Promise<{ ok: true }> {
  can(ctx.actor, 'alarms:handle');
  await ctx.db.transaction(async (tx) => {
    const s = await findSilence(tx, id);
    if (!s) throw new AppError('not-found');
    assertVisible(ctx.actor, s.unitPath);
    await expireSilence(tx, id, new Date());
    await audit(tx, ctx, { action: 'alarm-silence.expire', entityType: 'alarm_silence', entityId: id, unitPath: s.unitPath, before: s });
    await ctx.publish(tx, { topic: 'alarms', type: 'silence.expired', unitPath: s.unitPath, ids: [id] });
  });
  return { ok: true };
}
