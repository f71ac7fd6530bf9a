// Notification routing of alarms (Grafana-style): routes by area and minimum severity to in-app notifications,
// e-mail and webhooks; alarms of the same rule (or type) and area raised within a route's group wait are
// sent as one notification listing them, so 100 sensors going silent make one message, not 100.
import { createHmac } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import {
  type AlarmRoute, type AlarmSeverity, type AlarmWebhookPayload, type CreateAlarmRouteBody, severityRank,
} from '../../../shared/contracts/alarms.js';
import { assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { publish } from '../../core/hub.js';
import { type Connector, enqueue } from '../../core/outbox.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { notify } from '../notifications/notifications.service.js';
import { findVisibleUnit } from '../units/units.service.js';
import {
  addToGroup, alarmIdsOfGroup, type AlarmRecord, claimDueGroups, deleteRouteRow, findAlarmsByIds, findRoute, insertAlarmEvents, insertRoute,
  listRoutes, peopleCovering, routeById, routesCovering,
} from './alarms.queries.js';
import type { AlarmRouteRow } from './alarms.table.js';

export const WEBHOOK_CONNECTOR = 'alarm-webhook';
/** The notification group key of escalations (escalation.ts): such groups are titled "escalated". */
export const ESCALATION_GROUP_PREFIX = 'escalation:';
const LISTED = 10;

/** A new, not silenced alarm joins the open group of every route that covers it at its severity. */
export async function routeAlarmToGroups(tx: DbOrTx, alarm: { id: string; severity: AlarmSeverity; unitPath: string; groupKey: string }, now: Date): Promise<number> {
  const routes = await routesCovering(tx, alarm.unitPath);
  let joined = 0;
  for (const route of routes) {
    if (severityRank(alarm.severity) > severityRank(route.minSeverity as AlarmSeverity)) continue;
    await addToGroup(tx, { id: uuidv7(), routeId: route.id, groupKey: alarm.groupKey, now, waitSeconds: route.groupWaitSeconds, alarmId: alarm.id });
    joined++;
  }
  return joined;
}

const severityWords: Record<AlarmSeverity, { vi: string; en: string }> = {
  critical: { vi: 'nghiêm trọng', en: 'critical' }, major: { vi: 'cao', en: 'major' }, minor: { vi: 'trung bình', en: 'minor' },
  warning: { vi: 'cảnh giác', en: 'warning' }, info: { vi: 'thông tin', en: 'info' },
};

function worstSeverity(list: AlarmRecord[]): AlarmSeverity {
  return list.map((r) => r.alarm.severity as AlarmSeverity).sort((a, b) => severityRank(a) - severityRank(b))[0] ?? 'info';
}

function summaryOf(list: AlarmRecord[]): { vi: string; en: string } {
  const first = list[0]!;
  const what = first.ruleName ?? first.alarm.type;
  const sev = severityWords[worstSeverity(list)];
  if (list.length === 1) return { vi: `Cảnh báo ${sev.vi}: ${first.alarm.message}`, en: `${sev.en} alarm: ${first.alarm.messageEn}` };
  return { vi: `${list.length} cảnh báo ${sev.vi}: ${what}`, en: `${list.length} ${sev.en} alarms: ${what}` };
}

function listingOf(list: AlarmRecord[], lang: 'vi' | 'en'): string {
  const lines = list.slice(0, LISTED).map((r) => `- ${r.alarm.sourceName} (${r.alarm.sourceId}): ${lang === 'vi' ? r.alarm.message : r.alarm.messageEn}`);
  if (list.length > LISTED) lines.push(lang === 'vi' ? `… và ${list.length - LISTED} cảnh báo khác` : `… and ${list.length - LISTED} more`);
  return lines.join('\n');
}

function webhookBody(route: AlarmRouteRow, groupKey: string, list: AlarmRecord[], now: Date): AlarmWebhookPayload {
  return {
    kind: 'ioc.alarms', groupKey, route: route.name, count: list.length, summary: summaryOf(list),
    alarms: list.map((r) => ({
      id: r.alarm.id, type: r.alarm.type, severity: r.alarm.severity as AlarmSeverity,
      source: { kind: r.alarm.sourceKind, id: r.alarm.sourceId, name: r.alarm.sourceName }, unitPath: r.alarm.unitPath,
      message: { vi: r.alarm.message, en: r.alarm.messageEn }, raisedAt: r.alarm.raisedAt.toISOString(), lastValue: r.alarm.lastValue,
      lon: r.lon === null ? null : Number(r.lon), lat: r.lat === null ? null : Number(r.lat),
    })),
    sentAt: now.toISOString(),
  };
}

/** Sends every group whose wait is over: one notification per group and recipient. Answers how many groups were sent. */
export async function flushAlarmNotifications(db: Db, now: Date): Promise<{ groups: number; alarms: number }> {
  let groups = 0;
  let alarmCount = 0;
  for (;;) {
    const sent = await db.transaction(async (tx) => {
      const [group] = await claimDueGroups(tx, now, 1);
      if (!group) return false;
      const route = await routeById(tx, group.route_id);
      const list = (await findAlarmsByIds(tx, await alarmIdsOfGroup(tx, group.id)))
        .sort((a, b) => severityRank(a.alarm.severity as AlarmSeverity) - severityRank(b.alarm.severity as AlarmSeverity) || a.alarm.sourceId.localeCompare(b.alarm.sourceId));
      if (!route || list.length === 0) return true;
      const escalation = group.group_key.startsWith(ESCALATION_GROUP_PREFIX);
      const titled = (x: { vi: string; en: string }) => (escalation ? { vi: `[Chuyển cấp] ${x.vi}`, en: `[Escalated] ${x.en}` } : x);
      const summary = titled(summaryOf(list));
      const groupPath = list[0]!.alarm.groupPath;
      if (route.channel === 'in-app') {
        const people = await peopleCovering(tx, route.roles.length ? route.roles : ['operator'], list.map((r) => r.alarm.unitPath));
        for (const person of people) {
          // Each person hears of the alarms in their own scope only.
          const mine = list.filter((r) => r.alarm.unitPath.startsWith(person.scopePath));
          if (mine.length === 0) continue;
          const s = titled(summaryOf(mine));
          await notify(tx, [{ id: person.id, email: person.email, scopePath: person.scopePath }], {
            key: `alarm-group:${group.id}`, kind: 'alarm', title: s.vi, titleEn: s.en, body: listingOf(mine, 'vi'), link: '/operations/alarms',
          });
        }
      } else if (route.channel === 'email') {
        for (const to of route.emails) {
          await enqueue(tx, {
            connector: 'email', key: `alarm-group:${group.id}:email:${to}`, entityType: 'alarm-group', entityId: group.id, unitPath: groupPath,
            payload: { to, subject: `[IOC] ${summary.vi}`, text: `${listingOf(list, 'vi')}\n\n${summary.en}\n${listingOf(list, 'en')}` },
          });
        }
      } else if (route.webhookUrl) {
        const body = JSON.stringify({ ...webhookBody(route, group.group_key, list, now), summary, escalated: escalation });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (route.webhookSecret) headers['x-ioc-signature'] = `sha256=${createHmac('sha256', route.webhookSecret).update(body).digest('hex')}`;
        await enqueue(tx, {
          connector: WEBHOOK_CONNECTOR, key: `alarm-group:${group.id}:webhook`, entityType: 'alarm-group', entityId: group.id, unitPath: groupPath,
          payload: { url: route.webhookUrl, headers, body },
        });
      }
      await insertAlarmEvents(tx, list.map((r) => ({ alarmId: r.alarm.id, at: now, kind: 'notified', text: `${route.channel}: ${route.name}`, actorName: 'system' })));
      // The live hub: consoles show the group as one toast.
      await publish(tx, { topic: 'alarms', type: 'alarm.notification', unitPath: groupPath, ids: list.map((r) => r.alarm.id), data: { summary, routeId: route.id, count: list.length } });
      groups++;
      alarmCount += list.length;
      return true;
    });
    if (!sent) break;
  }
  return { groups, alarms: alarmCount };
}

/** The outbox connector of webhook routes: POSTs the stored JSON body; the outbox retries with backoff. */
export function createAlarmWebhookConnector(timeoutMs = 10_000): Connector {
  return async (message) => {
    const m = message.payload as { url: string; headers: Record<string, string>; body: string };
    try {
      const res = await fetch(m.url, {
        method: 'POST', body: m.body, signal: AbortSignal.timeout(timeoutMs),
        headers: { ...m.headers, 'idempotency-key': message.key, 'user-agent': 'IOC-alarms/1' },
      });
      const text = await res.text();
      return { ok: res.ok, httpStatus: res.status, body: text };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

// ── routes (alarms:configure) ───────────────────────────────────────────────────────────────────────
function toRoute(r: { route: AlarmRouteRow; unitName: string; escalateToRouteName?: string | null }): AlarmRoute {
  const x = r.route;
  return {
    id: x.id, name: x.name, unitId: x.unitId, unitName: r.unitName, unitPath: x.unitPath, minSeverity: x.minSeverity as AlarmSeverity,
    channel: x.channel as AlarmRoute['channel'], roles: x.roles, emails: x.emails, webhookUrl: x.webhookUrl, hasWebhookSecret: x.webhookSecret !== null,
    groupWaitSeconds: x.groupWaitSeconds, enabled: x.enabled, createdAt: x.createdAt.toISOString(),
    escalateAfterMinutes: x.escalateAfterMinutes, escalateToRouteId: x.escalateToRouteId, escalateToRouteName: r.escalateToRouteName ?? null, escalationOnly: x.escalationOnly,
  };
}

export async function listAlarmRoutesFor(ctx: RequestContext): Promise<{ items: AlarmRoute[] }> {
  can(ctx.actor, 'alarms:read');
  return { items: (await listRoutes(ctx.db, ctx.actor.scopePath)).map(toRoute) };
}

export async function createAlarmRoute(ctx: RequestContext, body: CreateAlarmRouteBody): Promise<AlarmRoute> {
  can(ctx.actor, 'alarms:configure');
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    const unit = await findVisibleUnit(ctx, tx, body.unitId);
    assertWithinScope(ctx.actor, unit.path);
    if (body.escalateToRouteId) {
      const target = await findRoute(tx, body.escalateToRouteId);
      if (!target) throw new AppError('not-found');
      assertVisible(ctx.actor, target.route.unitPath);
    }
    await insertRoute(tx, {
      id, name: body.name, unitId: unit.id, unitPath: unit.path, minSeverity: body.minSeverity, channel: body.channel, roles: body.roles ?? [],
      emails: body.emails ?? [], webhookUrl: body.webhookUrl ?? null, webhookSecret: body.webhookSecret ?? null, groupWaitSeconds: body.groupWaitSeconds, enabled: body.enabled,
      escalateAfterMinutes: body.escalateAfterMinutes ?? null, escalateToRouteId: body.escalateToRouteId ?? null, escalationOnly: body.escalationOnly,
    });
    await audit(tx, ctx, { action: 'alarm-route.create', entityType: 'alarm_route', entityId: id, unitPath: unit.path, after: { ...body, webhookSecret: body.webhookSecret ? '***' : undefined } });
    await ctx.publish(tx, { topic: 'alarms', type: 'alarm-route.created', unitPath: unit.path, ids: [id] });
  });
  return toRoute((await findRoute(ctx.db, id))!);
}

export async function deleteAlarmRoute(ctx: RequestContext, id: string): Promise<{ ok: true }> {
  can(ctx.actor, 'alarms:configure');
  await ctx.db.transaction(async (tx) => {
    const found = await findRoute(tx, id);
    if (!found) throw new AppError('not-found');
    assertVisible(ctx.actor, found.route.unitPath);
    await deleteRouteRow(tx, id);
    await audit(tx, ctx, { action: 'alarm-route.delete', entityType: 'alarm_route', entityId: id, unitPath: found.route.unitPath, before: toRoute(found) });
    await ctx.publish(tx, { topic: 'alarms', type: 'alarm-route.deleted', unitPath: found.route.unitPath, ids: [id] });
  });
  return { ok: true };
}
