// Alarms (cảnh báo): rules over device readings, alarms with a ThingsBoard-style lifecycle (ack and clear
// independent), silences and maintenance windows, and notification routes. See docs/alarms.md.
import { z } from 'zod';
import { Uuid } from './common.js';

export const alarmSeverities = ['critical', 'major', 'minor', 'warning', 'info'] as const;
export const AlarmSeverity = z.enum(alarmSeverities);
export type AlarmSeverity = z.infer<typeof AlarmSeverity>;
/** 0 = most severe. */
export const severityRank = (s: AlarmSeverity): number => alarmSeverities.indexOf(s);

export const ruleKinds = ['threshold', 'for-duration', 'repeat', 'rate-of-change', 'no-data'] as const;
export const RuleKind = z.enum(ruleKinds);
export type RuleKind = z.infer<typeof RuleKind>;
export const comparisonOperators = ['>', '>=', '<', '<='] as const;
export const ComparisonOperator = z.enum(comparisonOperators);
export type ComparisonOperator = z.infer<typeof ComparisonOperator>;

const Name = z.string().trim().min(1).max(200);
const Slug = z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -');

const ruleFields = {
  name: Name,
  deviceType: Slug,
  unitId: Uuid,
  kind: RuleKind,
  metric: Slug.optional(),
  operator: ComparisonOperator.optional(),
  threshold: z.number().finite().optional(),
  clearThreshold: z.number().finite().nullable().optional(),
  forSeconds: z.number().int().min(1).max(7 * 86400).optional(),
  repeatCount: z.number().int().min(2).max(1000).optional(),
  silentMinutes: z.number().int().min(1).max(7 * 1440).optional(),
  severity: AlarmSeverity,
  enabled: z.boolean().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
};

type RuleShape = { kind: RuleKind; metric?: string | undefined; operator?: ComparisonOperator | undefined; threshold?: number | undefined;
  clearThreshold?: number | null | undefined; forSeconds?: number | undefined; repeatCount?: number | undefined; silentMinutes?: number | undefined };

/** What each kind needs; answers the missing fields (empty when complete). */
export function missingRuleFields(r: RuleShape): string[] {
  const missing: string[] = [];
  if (r.kind === 'no-data') {
    if (r.silentMinutes === undefined) missing.push('silentMinutes');
    return missing;
  }
  if (!r.metric) missing.push('metric');
  if (!r.operator) missing.push('operator');
  if (r.threshold === undefined) missing.push('threshold');
  if (r.kind === 'for-duration' && r.forSeconds === undefined) missing.push('forSeconds');
  if (r.kind === 'repeat' && r.repeatCount === undefined) missing.push('repeatCount');
  return missing;
}

/** A clear threshold must lie on the safe side of the raise threshold (hysteresis), or it could never clear. */
export function clearThresholdProblem(r: RuleShape): string | null {
  if (r.clearThreshold == null || r.threshold === undefined || !r.operator) return null;
  const upward = r.operator === '>' || r.operator === '>=';
  if (upward && r.clearThreshold > r.threshold) return 'for > and >= the clear threshold must not be above the threshold';
  if (!upward && r.clearThreshold < r.threshold) return 'for < and <= the clear threshold must not be below the threshold';
  return null;
}

function refineRule(r: RuleShape, ctx: z.RefinementCtx) {
  for (const field of missingRuleFields(r)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `required for a ${r.kind} rule` });
  const problem = clearThresholdProblem(r);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['clearThreshold'], message: problem });
}

export const CreateAlarmRuleBody = z.strictObject(ruleFields).superRefine(refineRule);
export type CreateAlarmRuleBody = z.infer<typeof CreateAlarmRuleBody>;
/** A change replaces the rule's definition (the form sends all of it). */
export const UpdateAlarmRuleBody = CreateAlarmRuleBody;
export type UpdateAlarmRuleBody = CreateAlarmRuleBody;
export const ToggleAlarmRuleBody = z.strictObject({ enabled: z.boolean() });
export type ToggleAlarmRuleBody = z.infer<typeof ToggleAlarmRuleBody>;

export const Bilingual = z.object({ vi: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const AlarmRule = z.object({
  id: Uuid, name: z.string(), deviceType: z.string(), unitId: Uuid, unitName: z.string(), unitPath: z.string(), kind: RuleKind,
  metric: z.string().nullable(), operator: ComparisonOperator.nullable(), threshold: z.number().nullable(), clearThreshold: z.number().nullable(),
  forSeconds: z.number().int().nullable(), repeatCount: z.number().int().nullable(), silentMinutes: z.number().int().nullable(),
  severity: AlarmSeverity, enabled: z.boolean(), isDemo: z.boolean(), note: z.string().nullable(),
  condition: Bilingual, openAlarms: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
});
export type AlarmRule = z.infer<typeof AlarmRule>;
export const AlarmRuleList = z.object({ items: z.array(AlarmRule) });
export type AlarmRuleList = z.infer<typeof AlarmRuleList>;

export const alarmStatuses = ['active-unack', 'active-ack', 'cleared-unack', 'cleared-ack'] as const;
export const AlarmStatus = z.enum(alarmStatuses);
export type AlarmStatus = z.infer<typeof AlarmStatus>;
/** List filter, as ThingsBoard's: active (not cleared), cleared, acknowledged, unacknowledged, any. */
export const alarmSearchStatuses = ['active', 'cleared', 'acknowledged', 'unacknowledged', 'any'] as const;

export const Alarm = z.object({
  id: Uuid,
  ruleId: Uuid.nullable(),
  ruleName: z.string().nullable(),
  type: z.string(),
  source: z.object({ kind: z.enum(['device', 'camera']), id: z.string(), name: z.string() }),
  deviceType: z.string().nullable(),
  unitPath: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  severity: AlarmSeverity,
  status: AlarmStatus,
  message: Bilingual,
  lastValue: z.number().nullable(),
  count: z.number().int(),
  raisedAt: z.string(),
  lastAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  clearedAt: z.string().nullable(),
  clearedBy: z.string().nullable(),
  assignee: z.object({ id: Uuid, name: z.string() }).nullable(),
  silenced: z.boolean(),
  incidentId: Uuid.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type Alarm = z.infer<typeof Alarm>;

export const AlarmEvent = z.object({ at: z.string(), kind: z.string(), text: z.string().nullable(), actorName: z.string() });
export type AlarmEvent = z.infer<typeof AlarmEvent>;
export const AlarmDetail = Alarm.extend({ events: z.array(AlarmEvent) });
export type AlarmDetail = z.infer<typeof AlarmDetail>;

const csv = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));

export const ListAlarmsQuery = z.strictObject({
  status: z.enum(alarmSearchStatuses).default('active'),
  severity: csv(AlarmSeverity).optional(),
  unitId: Uuid.optional(),
  ruleId: Uuid.optional(),
  sourceId: z.string().max(200).optional(),
  type: z.string().max(100).optional(),
  /** Alarms active at some time in [from, to): raised before `to` and not cleared before `from` (the map's time slider). */
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListAlarmsQuery = z.infer<typeof ListAlarmsQuery>;
export const AlarmPage = z.object({
  items: z.array(Alarm),
  total: z.number().int(),
  /** Open (not cleared) alarms in the filter's area by severity, for the console's header. */
  openBySeverity: z.record(AlarmSeverity, z.number().int()),
});
export type AlarmPage = z.infer<typeof AlarmPage>;

export const AlarmNoteBody = z.strictObject({ text: z.string().trim().min(1).max(2000).optional() });
export type AlarmNoteBody = z.infer<typeof AlarmNoteBody>;
export const AlarmCommentBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });
export type AlarmCommentBody = z.infer<typeof AlarmCommentBody>;
/** null unassigns; "me" is the signed-in user. */
export const AssignAlarmBody = z.strictObject({ userId: z.union([Uuid, z.literal('me')]).nullable() });
export type AssignAlarmBody = z.infer<typeof AssignAlarmBody>;

// ── silences and maintenance windows ────────────────────────────────────────────────────────────────
export const silenceKinds = ['silence', 'maintenance'] as const;
export const CreateSilenceBody = z.strictObject({
  kind: z.enum(silenceKinds).default('silence'),
  ruleId: Uuid.optional(),
  sourceId: z.string().trim().min(1).max(200).optional(),
  deviceType: Slug.optional(),
  alarmType: z.string().trim().min(1).max(100).optional(),
  unitId: Uuid.optional(),
  startsAt: z.string().datetime({ offset: true }).optional(),   // default: now
  endsAt: z.string().datetime({ offset: true }),
  reason: z.string().trim().min(1).max(1000),
}).superRefine((b, ctx) => {
  if (b.kind === 'maintenance' && !b.sourceId && !b.unitId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sourceId'], message: 'a maintenance window is for a device or an area' });
  if (!b.ruleId && !b.sourceId && !b.deviceType && !b.alarmType && !b.unitId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ruleId'], message: 'match at least one of rule, device, device type, alarm type, area' });
});
export type CreateSilenceBody = z.infer<typeof CreateSilenceBody>;
export const Silence = z.object({
  id: Uuid, kind: z.enum(silenceKinds), ruleId: Uuid.nullable(), ruleName: z.string().nullable(), sourceId: z.string().nullable(),
  deviceType: z.string().nullable(), alarmType: z.string().nullable(), unitId: Uuid.nullable(), unitName: z.string().nullable(), unitPath: z.string(),
  startsAt: z.string(), endsAt: z.string(), reason: z.string(), createdBy: z.string(), state: z.enum(['scheduled', 'active', 'expired']), createdAt: z.string(),
});
export type Silence = z.infer<typeof Silence>;
export const SilenceList = z.object({ items: z.array(Silence) });
export const ListSilencesQuery = z.strictObject({ state: z.enum(['scheduled', 'active', 'expired', 'current']).default('current') });

// ── notification routes ─────────────────────────────────────────────────────────────────────────────
export const routeChannels = ['in-app', 'email', 'webhook'] as const;
export const CreateAlarmRouteBody = z.strictObject({
  name: Name,
  unitId: Uuid,
  minSeverity: AlarmSeverity,
  channel: z.enum(routeChannels),
  roles: z.array(z.enum(['admin', 'leader', 'operator', 'agency_officer'])).max(4).optional(),
  emails: z.array(z.string().trim().email().max(254)).max(20).optional(),
  webhookUrl: z.string().url().max(1000).refine((u) => /^https?:\/\//.test(u), 'http or https').optional(),
  webhookSecret: z.string().min(16).max(200).optional(),
  groupWaitSeconds: z.number().int().min(0).max(3600).default(30),
  enabled: z.boolean().default(true),
  /** Escalation: still active and unacknowledged this many minutes after being raised → sent once to the target route. */
  escalateAfterMinutes: z.number().int().min(1).max(10080).optional(),
  escalateToRouteId: Uuid.optional(),
  /** A target of escalations only: new alarms are not routed to it directly. */
  escalationOnly: z.boolean().default(false),
}).superRefine((b, ctx) => {
  if ((b.escalateAfterMinutes === undefined) !== (b.escalateToRouteId === undefined)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['escalateToRouteId'], message: 'escalation needs both a delay and a target route' });
  }
  if (b.channel === 'email' && !b.emails?.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['emails'], message: 'an e-mail route needs addresses' });
  if (b.channel === 'webhook' && !b.webhookUrl) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['webhookUrl'], message: 'a webhook route needs a URL' });
});
export type CreateAlarmRouteBody = z.infer<typeof CreateAlarmRouteBody>;
export const AlarmRoute = z.object({
  id: Uuid, name: z.string(), unitId: Uuid, unitName: z.string(), unitPath: z.string(), minSeverity: AlarmSeverity, channel: z.enum(routeChannels),
  roles: z.array(z.string()), emails: z.array(z.string()), webhookUrl: z.string().nullable(), hasWebhookSecret: z.boolean(),
  groupWaitSeconds: z.number().int(), enabled: z.boolean(), createdAt: z.string(),
  escalateAfterMinutes: z.number().int().nullable(), escalateToRouteId: Uuid.nullable(), escalateToRouteName: z.string().nullable(), escalationOnly: z.boolean(),
});
export type AlarmRoute = z.infer<typeof AlarmRoute>;
export const AlarmRouteList = z.object({ items: z.array(AlarmRoute) });

/** What a webhook receives: one POST per notification group. */
export const AlarmWebhookPayload = z.object({
  kind: z.literal('ioc.alarms'),
  groupKey: z.string(),
  route: z.string(),
  count: z.number().int(),
  summary: Bilingual,
  alarms: z.array(z.object({ id: Uuid, type: z.string(), severity: AlarmSeverity, source: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
    unitPath: z.string(), message: Bilingual, raisedAt: z.string(), lastValue: z.number().nullable(), lon: z.number().nullable(), lat: z.number().nullable() })),
  sentAt: z.string(),
  /** True when the message escalates alarms nobody acknowledged. */
  escalated: z.boolean().optional(),
});
export type AlarmWebhookPayload = z.infer<typeof AlarmWebhookPayload>;

// ── the condition in words ──────────────────────────────────────────────────────────────────────────
const opWords: Record<ComparisonOperator, { vi: string; en: string }> = {
  '>': { vi: 'lớn hơn', en: 'above' }, '>=': { vi: 'từ', en: 'at or above' },
  '<': { vi: 'nhỏ hơn', en: 'below' }, '<=': { vi: 'không quá', en: 'at or below' },
};

function durationWords(seconds: number): { vi: string; en: string } {
  if (seconds % 3600 === 0) { const h = seconds / 3600; return { vi: `${h} giờ`, en: `${h} hour${h === 1 ? '' : 's'}` }; }
  if (seconds % 60 === 0) { const m = seconds / 60; return { vi: `${m} phút`, en: `${m} minute${m === 1 ? '' : 's'}` }; }
  return { vi: `${seconds} giây`, en: `${seconds} seconds` };
}

const num = (n: number) => String(Number(n.toPrecision(12)));

/** "pm25 above 150 for 10 minutes; clears at or below 120" in Vietnamese and English. */
export function describeCondition(r: RuleShape & { deviceType?: string }): Bilingual {
  if (r.kind === 'no-data') {
    const d = durationWords((r.silentMinutes ?? 0) * 60);
    return { vi: `Thiết bị không gửi dữ liệu trong ${d.vi}; hết cảnh báo khi có dữ liệu trở lại`, en: `Device sends no data for ${d.en}; clears when data arrives again` };
  }
  const op = opWords[r.operator ?? '>'];
  const metric = r.metric ?? '?';
  const t = num(r.threshold ?? 0);
  let vi: string; let en: string;
  switch (r.kind) {
    case 'threshold': vi = `${metric} ${op.vi} ${t}`; en = `${metric} ${op.en} ${t}`; break;
    case 'for-duration': {
      const d = durationWords(r.forSeconds ?? 0);
      vi = `${metric} ${op.vi} ${t} liên tục trong ${d.vi}`; en = `${metric} ${op.en} ${t} for ${d.en}`; break;
    }
    case 'repeat': vi = `${metric} ${op.vi} ${t} ở ${r.repeatCount ?? 0} lần đo liên tiếp`; en = `${metric} ${op.en} ${t} in ${r.repeatCount ?? 0} readings in a row`; break;
    case 'rate-of-change': vi = `${metric} thay đổi ${op.vi} ${t} mỗi phút`; en = `${metric} changes ${op.en} ${t} per minute`; break;
  }
  const upward = r.operator === '>' || r.operator === '>=';
  if (r.clearThreshold != null) {
    const c = num(r.clearThreshold);
    const subject = r.kind === 'rate-of-change' ? { vi: 'mức thay đổi', en: 'the change' } : { vi: metric, en: metric };
    vi += `; hết cảnh báo khi ${subject.vi} ${upward ? 'không quá' : 'từ'} ${c}`;
    en += `; clears when ${subject.en} is ${upward ? 'at or below' : 'at or above'} ${c}`;
  } else {
    vi += '; hết cảnh báo khi điều kiện không còn đúng';
    en += '; clears when the condition no longer holds';
  }
  return { vi, en };
}
