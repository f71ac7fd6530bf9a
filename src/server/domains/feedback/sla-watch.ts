// SLA watch of citizen reports, run periodically by every server process, one at a time (advisory lock):
// reports whose acceptance or resolution deadline is within N working hours are told to the officers of
// the agency holding them (a warning); reports past a deadline are told to those officers and escalated to
// the agency's leaders and to the IOC operators whose scope holds them. Each stage alerts once per report
// and deadline (report_sla_alerts), and each recipient gets one notice per kind and run, listing them all.
import { publish } from '../../core/hub.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { addWorkingHours, DEFAULT_OFFICE_HOURS, type OfficeHours } from '../calendar/working-hours.js';
import { notify } from '../notifications/notifications.service.js';
import { insertReportEvent } from './feedback.queries.js';
import {
  agencyUnitPaths, type ClaimedReport, claimSlaStage, lockSlaWatch, operatorsAndUnitLeaders, type SlaRecipient, type SlaStage, staffOfAgencies,
} from './sla-watch.queries.js';

export interface SlaWatchOptions {
  now?: Date;
  warnHours?: number;          // "near" = due within this many working hours (default 2)
  officeHours?: OfficeHours;
  batchSize?: number;
}
export interface SlaWatchResult { warnings: number; breaches: number; notifications: number; escalations: number }

const LISTED = 5;
const EVENT_IDS = 100;
const stages: SlaStage[] = ['accept-breach', 'resolve-breach', 'accept-warning', 'resolve-warning'];

function commonPathPrefix(paths: string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  return prefix || '/';
}

const codesOf = (list: ClaimedReport[]) => list.slice(0, LISTED).map((r) => r.trackingCode).join(', ') + (list.length > LISTED ? ', …' : '');
const isBreach = (r: ClaimedReport) => r.stage.endsWith('breach');
const stageText = (r: ClaimedReport) => ({
  'accept-warning': 'sắp hết hạn tiếp nhận', 'accept-breach': 'quá hạn tiếp nhận', 'resolve-warning': 'sắp hết hạn xử lý', 'resolve-breach': 'quá hạn xử lý',
}[r.stage]);

type Kind = 'warning' | 'breach' | 'escalation';
interface Inbox { to: SlaRecipient; lists: Record<Kind, ClaimedReport[]> }

/** Who hears of what: officers of the agency (warnings, breaches), its leaders and the IOC operators covering it (escalations). */
async function sendGrouped(tx: DbOrTx, claimed: ClaimedReport[], now: Date, result: SlaWatchResult): Promise<void> {
  const agencyIds = [...new Set(claimed.flatMap((r) => (r.agencyId ? [r.agencyId] : [])))];
  // One after another: a transaction is one connection.
  const staff = await staffOfAgencies(tx, agencyIds);
  const ioc = await operatorsAndUnitLeaders(tx);
  const agencies = await agencyUnitPaths(tx, agencyIds);
  const inboxes = new Map<string, Inbox>();
  const add = (to: SlaRecipient, kind: Kind, r: ClaimedReport) => {
    const box = inboxes.get(to.id) ?? { to, lists: { warning: [], breach: [], escalation: [] } };
    if (!box.lists[kind].includes(r)) box.lists[kind].push(r);
    inboxes.set(to.id, box);
  };
  const operators = ioc.filter((u) => u.role === 'operator');
  const unitLeaders = ioc.filter((u) => u.role === 'leader');
  for (const r of claimed) {
    const officers = staff.filter((u) => u.role === 'agency_officer' && u.agencyId === r.agencyId);
    const covering = operators.filter((o) => r.unitPath.startsWith(o.scopePath));
    // Without an agency (the operator queue) the operators are the ones who must act.
    const actors = r.agencyId ? officers : covering;
    for (const o of actors) add(o, isBreach(r) ? 'breach' : 'warning', r);
    if (!isBreach(r)) continue;
    let leaders = staff.filter((u) => u.role === 'leader' && r.agencyId !== null && u.agencyId === r.agencyId);
    if (leaders.length === 0) {
      // No leader recorded with the agency: the nearest unit leadership above the agency's unit (or the report's).
      const path = (r.agencyId ? agencies.get(r.agencyId)?.unitPath : undefined) ?? r.unitPath;
      const above = unitLeaders.filter((l) => path.startsWith(l.scopePath));
      const nearest = above.reduce((n, l) => Math.max(n, l.scopePath.length), 0);
      leaders = above.filter((l) => l.scopePath.length === nearest);
    }
    for (const l of leaders) add(l, 'escalation', r);
    if (r.agencyId) for (const o of covering) add(o, 'escalation', r);
  }
  const stamp = now.toISOString();
  for (const { to, lists } of inboxes.values()) {
    for (const kind of ['warning', 'breach', 'escalation'] as const) {
      const list = lists[kind];
      if (list.length === 0) continue;
      const ids = list.map((r) => `${r.reportId}:${r.stage}`).sort();
      const key = `feedback-sla-${kind}:${stamp}:${ids.length}:${ids[0]}`;
      const detail = list.slice(0, LISTED).map((r) => `${r.trackingCode} (${stageText(r)})`).join('; ') + (list.length > LISTED ? '; …' : '');
      const link = '/feedback?overdue=true';
      const text = kind === 'warning'
        ? { title: `${list.length} phản ánh sắp hết hạn`, titleEn: `${list.length} citizen reports near their deadline`, body: `Phản ánh sắp hết hạn: ${detail}.` }
        : kind === 'breach'
          ? { title: `${list.length} phản ánh đã quá hạn`, titleEn: `${list.length} citizen reports past their deadline`, body: `Phản ánh quá hạn: ${detail}.` }
          : { title: `Chuyển lãnh đạo: ${list.length} phản ánh quá hạn`, titleEn: `Escalation: ${list.length} citizen reports past their deadline`, body: `Phản ánh quá hạn cần chỉ đạo: ${detail}.` };
      const sent = await notify(tx, [to], { key, kind: kind === 'escalation' ? 'escalation' : `feedback-sla-${kind}`, link, ...text });
      if (kind === 'escalation') result.escalations += sent; else result.notifications += sent;
    }
  }
  // The timeline keeps that a deadline was missed and who was told; hub events per agency and kind.
  for (const r of claimed.filter(isBreach)) {
    await insertReportEvent(tx, {
      reportId: r.reportId, at: now, kind: 'sla', agencyId: r.agencyId, isPublic: false,
      text: `${stageText(r)[0]!.toUpperCase()}${stageText(r).slice(1)} (hạn ${r.dueAt.toISOString()}); đã báo cơ quan, lãnh đạo và IOC`,
      actorType: 'system', actorId: null, actorName: 'system',
    });
  }
  const groups = new Map<string, ClaimedReport[]>();
  for (const r of claimed) {
    const key = `${r.agencyId ?? 'none'}|${isBreach(r) ? 'breach' : 'warning'}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, list] of groups) {
    const breach = key.endsWith('|breach');
    await publish(tx, {
      topic: 'feedback', type: breach ? 'report.sla-breach' : 'report.sla-warning', unitPath: commonPathPrefix(list.map((r) => r.unitPath)),
      ids: [...new Set(list.map((r) => r.reportId))].slice(0, EVENT_IDS), data: { agencyId: list[0]!.agencyId, count: list.length, codes: codesOf(list) },
    });
  }
}

/** One pass of the watch; safe to run on several processes and as often as wanted. */
export async function watchReportSla(db: Db, options: SlaWatchOptions = {}): Promise<SlaWatchResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  const year = Number(new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 4));
  const horizon = addWorkingHours(await loadWorkingCalendar(db, year, year + 1), now, options.warnHours ?? 2, options.officeHours ?? DEFAULT_OFFICE_HOURS);
  const result: SlaWatchResult = { warnings: 0, breaches: 0, notifications: 0, escalations: 0 };
  for (;;) {
    const { claimed, full } = await db.transaction(async (tx) => {
      await lockSlaWatch(tx);
      const rows: ClaimedReport[] = [];
      let anyFull = false;
      for (const stage of stages) {
        const batch = await claimSlaStage(tx, stage, now, horizon, batchSize);
        anyFull ||= batch.length === batchSize;
        rows.push(...batch);
      }
      if (rows.length) await sendGrouped(tx, rows, now, result);
      return { claimed: rows, full: anyFull };
    });
    for (const r of claimed) { if (isBreach(r)) result.breaches++; else result.warnings++; }
    if (!full) break;
  }
  return result;
}
