// The alarm evaluator: every round, each enabled rule looks at its devices' recent readings (through the
// telemetry domain's exported functions) and raises, updates or clears alarms; then due notification groups
// are sent. `evaluateAlarmRules(db, now)` is deterministic for a given `now` (tests call it directly);
// `startAlarmEvaluator` runs it every few seconds in one process at a time (a lease row).
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { PublishInput } from '../../core/hub.js';
import type { Db } from '../../db/client.js';
import { type DeviceSummary, devicesMatching, readingsInWindow } from '../telemetry/telemetry.service.js';
import { flushAlarmNotifications } from './alarm-notifications.js';
import { escalateUnacknowledgedAlarms } from './escalation.js';
import { enabledRules, openAlarmsOfRule, releaseLease, takeLease } from './alarms.queries.js';
import { clearAlarmBySystem, publishAlarmEvents, raiseAlarm } from './alarms.service.js';
import type { AlarmRuleRow } from './alarms.table.js';
import { lookbackMs, type Reading, type RuleCondition, type Verdict, verdictOnReadings, verdictOnSilence } from './evaluation.js';
import { conditionOf } from './rules.service.js';

export interface EvaluationResult { rules: number; raised: number; updated: number; cleared: number; escalated: number; notificationGroups: number }

const LEASE_NAME = 'alarm-evaluator';

function conditionOfRow(r: AlarmRuleRow): RuleCondition {
  return {
    kind: r.kind as RuleCondition['kind'], operator: r.operator as RuleCondition['operator'], threshold: r.threshold, clearThreshold: r.clearThreshold,
    forSeconds: r.forSeconds, repeatCount: r.repeatCount, silentMinutes: r.silentMinutes,
  };
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

function messageOf(rule: AlarmRuleRow, device: DeviceSummary, value: number): { vi: string; en: string } {
  const cond = conditionOf(rule);
  if (rule.kind === 'no-data') {
    return { vi: `${device.name}: không có dữ liệu ${fmt(value)} phút`, en: `${device.name}: no data for ${fmt(value)} minutes` };
  }
  const shown = rule.kind === 'rate-of-change' ? `${fmt(value)}/phút` : fmt(value);
  const shownEn = rule.kind === 'rate-of-change' ? `${fmt(value)}/min` : fmt(value);
  return { vi: `${device.name}: ${rule.metric} = ${shown} (${cond.vi.split(';')[0]})`, en: `${device.name}: ${rule.metric} = ${shownEn} (${cond.en.split(';')[0]})` };
}

async function verdictsOf(db: Db, rule: AlarmRuleRow, devices: DeviceSummary[], now: Date): Promise<Map<string, Verdict>> {
  const condition = conditionOfRow(rule);
  const out = new Map<string, Verdict>();
  if (rule.kind === 'no-data') {
    for (const d of devices) out.set(d.id, verdictOnSilence(condition, d.lastSeenAt, now));
    return out;
  }
  const readings = await readingsInWindow(db, {
    deviceIds: devices.map((d) => d.id), metric: rule.metric!, from: new Date(now.getTime() - lookbackMs(condition)), to: new Date(now.getTime() + 1),
  });
  const byDevice = new Map<string, Reading[]>();
  for (const r of readings) {
    const list = byDevice.get(r.deviceId) ?? [];
    list.push({ at: r.at, value: r.value });
    byDevice.set(r.deviceId, list);
  }
  for (const [deviceId, list] of byDevice) out.set(deviceId, verdictOnReadings(condition, list));
  return out;
}

/** One rule: its own transaction, so a failing rule does not hold back the others. */
async function evaluateRule(db: Db, rule: AlarmRuleRow, now: Date, result: EvaluationResult): Promise<void> {
  const devices = await devicesMatching(db, { type: rule.deviceType, unitPath: rule.unitPath });
  if (devices.length === 0) return;
  const verdicts = await verdictsOf(db, rule, devices, now);
  const byId = new Map(devices.map((d) => [d.id, d]));
  await db.transaction(async (tx) => {
    const open = new Map((await openAlarmsOfRule(tx, rule.id)).map((a) => [a.sourceId, a]));
    const events: PublishInput[] = [];
    for (const [deviceId, verdict] of verdicts) {
      const device = byId.get(deviceId)!;
      if (verdict.kind === 'raise') {
        const message = messageOf(rule, device, verdict.value);
        const outcome = await raiseAlarm(tx, {
          ruleId: rule.id, type: rule.kind === 'no-data' ? 'device.no-data' : `${rule.metric}.${rule.kind}`, dedupeKey: `rule:${rule.id}`,
          sourceKind: 'device', sourceId: device.id, sourceName: device.name, deviceType: device.type, unitPath: device.unitPath, groupPath: rule.unitPath,
          lon: device.lon, lat: device.lat, severity: rule.severity, message: message.vi, messageEn: message.en,
          details: { metric: rule.metric, condition: conditionOf(rule), ruleKind: rule.kind },
          lastValue: verdict.value, raisedAt: rule.kind === 'no-data' ? now : verdict.at, lastAt: verdict.at, now,
        });
        if (outcome.event) events.push(outcome.event);
        if (outcome.created) result.raised++;
        else if (outcome.changed) result.updated++;
      } else if (verdict.kind === 'clear') {
        const alarm = open.get(deviceId);
        // Only a reading newer than the last one that raised it clears (the same reading cannot do both).
        if (!alarm || verdict.at <= alarm.lastAt) continue;
        const text = verdict.value === null ? 'Có dữ liệu trở lại' : `${rule.metric} = ${fmt(verdict.value)}`;
        events.push(await clearAlarmBySystem(tx, alarm.id, now, text));
        result.cleared++;
      }
    }
    if (events.length) await publishAlarmEvents(tx, events);
  });
}

/** One round over every enabled rule at `now`, then the escalations, then the notification groups due at `now`. */
export async function evaluateAlarmRules(db: Db, now: Date, log?: Pick<FastifyBaseLogger, 'warn'>): Promise<EvaluationResult> {
  const result: EvaluationResult = { rules: 0, raised: 0, updated: 0, cleared: 0, escalated: 0, notificationGroups: 0 };
  for (const rule of await enabledRules(db)) {
    try {
      await evaluateRule(db, rule, now, result);
      result.rules++;
    } catch (err) {
      if (!log) throw err;
      log.warn({ err, ruleId: rule.id }, 'alarm rule evaluation failed');
    }
  }
  try {
    result.escalated = (await escalateUnacknowledgedAlarms(db, now)).escalated;
  } catch (err) {
    if (!log) throw err;
    log.warn({ err }, 'alarm escalation failed');
  }
  result.notificationGroups = (await flushAlarmNotifications(db, now)).groups;
  return result;
}

/** Every `intervalMs` (default 10 s, as Grafana's evaluation interval), in the one process holding the lease. */
export function startAlarmEvaluator(db: Db, log: FastifyBaseLogger, options: { intervalMs?: number } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 10_000;
  const holder = randomUUID();
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = null;
    running = (async () => {
      try {
        const now = new Date();
        if (await takeLease(db, LEASE_NAME, holder, now, intervalMs * 3)) {
          const r = await evaluateAlarmRules(db, now, log);
          if (r.raised || r.cleared || r.escalated || r.notificationGroups) log.info(r, 'alarm rules evaluated');
        }
      } catch (err) {
        log.warn({ err }, 'alarm evaluation round failed');
      }
      running = null;
      if (!stopped) { timer = setTimeout(tick, intervalMs); timer.unref(); }
    })();
  };
  timer = setTimeout(tick, Math.min(intervalMs, 5000));
  timer.unref();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    await releaseLease(db, LEASE_NAME, holder).catch(() => {});
  };
}
