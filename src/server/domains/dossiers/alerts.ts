// Dossier alerts, run periodically on every server process: dossiers due within N working days and newly
// overdue ones are told to the officers of the agency holding them, overdue ones escalated to that
// agency's leaders; one notification and one hub event per agency and run, never one per dossier. Each
// dossier alerts once (due_soon_alerted_at / overdue_alerted_at, claimed with SKIP LOCKED in the transaction
// that writes the notifications). A daily digest per recipient, idempotent by its date key.
import { todayInVietnam } from '../../core/calendar.js';
import { publish } from '../../core/hub.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { notify, type Recipient } from '../notifications/notifications.service.js';
import { type ClaimedDossier, claimDossiersToAlert, leadersOf, lockAlertRun, pendingDueCounts, usersOfAgencies } from './alerts.queries.js';
import { agencyNames } from './dossiers.queries.js';

export const DEFAULT_DUE_SOON_DAYS = 2;
const OFFICER_ROLES = ['agency_officer', 'data_clerk'];
const LISTED_CODES = 5;
const EVENT_IDS = 100;

export interface DossierAlertOptions {
  now?: Date;
  dueSoonDays?: number;       // "due soon" = due within this many working days (default 2)
  batchSize?: number;         // dossiers claimed per transaction
}
export interface DossierAlertResult { dueSoon: number; overdue: number; notifications: number; escalations: number }

type AlertRecipient = Recipient & { role: string; agencyId: string | null };

/** The deadline of "due soon": the end of the Nth working day after today. */
export async function dueSoonHorizon(db: DbOrTx, now: Date, days: number): Promise<Date> {
  const year = now.getUTCFullYear();
  return addWorkingDays(await loadWorkingCalendar(db, year - 1, year + 1), now, days);
}

function commonPathPrefix(paths: string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  return prefix || '/';
}

/**
 * Who leads an agency: leaders recorded with that agency; when there are none, the leaders (without an
 * agency) of the nearest unit up from the agency's unit that has any.
 */
export function leadersFor(leaders: AlertRecipient[], agencyId: string | null, unitPath: string): AlertRecipient[] {
  const own = agencyId ? leaders.filter((l) => l.agencyId === agencyId) : [];
  if (own.length) return own;
  const covering = leaders.filter((l) => l.agencyId === null && unitPath.startsWith(l.scopePath));
  const nearest = covering.reduce((n, l) => Math.max(n, l.scopePath.length), 0);
  return covering.filter((l) => l.scopePath.length === nearest);
}

async function alertGroups(tx: DbOrTx, kind: 'overdue' | 'due-soon', claimed: ClaimedDossier[], result: DossierAlertResult): Promise<void> {
  const byAgency = new Map<string | null, ClaimedDossier[]>();
  for (const d of claimed) byAgency.set(d.agency_id, [...(byAgency.get(d.agency_id) ?? []), d]);
  const agencyIds = [...byAgency.keys()].filter((id): id is string => id !== null);
  const [names, officers, leaders] = await Promise.all([
    agencyNames(tx, agencyIds).then((rows) => new Map(rows.map((a) => [a.id, a]))),
    usersOfAgencies(tx, agencyIds, OFFICER_ROLES),
    kind === 'overdue' ? leadersOf(tx, agencyIds) : Promise.resolve([]),
  ]);
  for (const [agencyId, list] of byAgency) {
    const agency = agencyId ? names.get(agencyId) : undefined;
    const dossierPath = commonPathPrefix(list.map((d) => d.unit_path));
    const ids = list.map((d) => d.id).sort((a, b) => a - b);
    const batchKey = `${agencyId ?? 'none'}:${ids[0]}-${ids[ids.length - 1]}:${ids.length}`;
    const codes = list.slice(0, LISTED_CODES).map((d) => d.code).join(', ') + (list.length > LISTED_CODES ? ', …' : '');
    const where = agency?.name ?? 'chưa xác định cơ quan';
    const whereEn = agency?.nameEn ?? 'no agency recorded';
    const link = `/dossiers/overdue${agencyId ? `?holder=${agencyId}` : ''}`;   // the web's overdue board, filtered to the agency
    const text = kind === 'overdue'
      ? { title: `${list.length} hồ sơ mới quá hạn tại ${where}`, titleEn: `${list.length} dossiers newly overdue at ${whereEn}`, body: `Hồ sơ đã quá hạn giải quyết: ${codes}.` }
      : { title: `${list.length} hồ sơ sắp đến hạn tại ${where}`, titleEn: `${list.length} dossiers due soon at ${whereEn}`, body: `Hồ sơ sắp đến hạn giải quyết: ${codes}.` };
    const mine = officers.filter((o) => o.agencyId === agencyId);
    result.notifications += await notify(tx, mine, { key: `dossier-${kind}:${batchKey}`, kind: kind === 'overdue' ? 'dossier-overdue' : 'dossier-due-soon', link, ...text });
    if (kind === 'overdue') {
      const heads = leadersFor(leaders, agencyId, agency?.unitPath ?? dossierPath);
      result.escalations += await notify(tx, heads, {
        key: `dossier-escalation:${batchKey}`, kind: 'escalation', link,
        title: `Chuyển lãnh đạo: ${list.length} hồ sơ quá hạn tại ${where}`,
        titleEn: `Escalation: ${list.length} dossiers overdue at ${whereEn}`,
        body: `${where} có ${list.length} hồ sơ vừa quá hạn: ${codes}.`,
      });
    }
    await publish(tx, {
      topic: 'dossiers', type: kind === 'overdue' ? 'dossier.overdue' : 'dossier.due-soon', unitPath: dossierPath,
      ids: ids.slice(0, EVENT_IDS).map(String), data: { agencyId, count: list.length },
    });
  }
}

/** One pass: claim and alert newly overdue and due-soon dossiers, in batches, until none is left. */
export async function alertDossiers(db: Db, options: DossierAlertOptions = {}): Promise<DossierAlertResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 2000;
  const until = await dueSoonHorizon(db, now, options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS);
  const result: DossierAlertResult = { dueSoon: 0, overdue: 0, notifications: 0, escalations: 0 };
  for (const kind of ['overdue', 'due-soon'] as const) {
    for (;;) {
      const claimed = await db.transaction(async (tx) => {
        // One process alerts at a time: two claiming side by side would split an agency's dossiers into two
        // notices; the one that waits then finds them alerted.
        await lockAlertRun(tx);
        const rows = await claimDossiersToAlert(tx, kind, now, until, batchSize);
        if (rows.length) await alertGroups(tx, kind, rows, result);
        return rows.length;
      });
      if (kind === 'overdue') result.overdue += claimed; else result.dueSoon += claimed;
      if (claimed < batchSize) break;
    }
  }
  return result;
}

export interface DigestOptions {
  now?: Date; dueSoonDays?: number; fromHour?: number;
  force?: boolean;            // send even if this process already sent today's (the keys still make it once per recipient)
}

// The date of the last digest this process sent per database: the 15-minute loop computes it once a day.
const digestSentOn = new WeakMap<object, string>();

/**
 * The daily digest: each officer of an agency with overdue or due-soon dossiers, and each leader whose scope
 * holds some, gets one notification (and e-mail) a day with the counts. Keyed by the date, so running it
 * again, or on several processes, sends nothing more. Not before `fromHour` (Vietnam time, default 7).
 */
export async function sendDossierDigest(db: Db, options: DigestOptions = {}): Promise<{ digests: number }> {
  const now = options.now ?? new Date();
  const date = todayInVietnam(now);
  const hour = (now.getUTCHours() + 7) % 24;
  if (hour < (options.fromHour ?? 7) || (!options.force && digestSentOn.get(db) === date)) return { digests: 0 };
  const days = options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  const until = await dueSoonHorizon(db, now, days);
  const counts = await pendingDueCounts(db, now, until);
  if (counts.length === 0) { digestSentOn.set(db, date); return { digests: 0 }; }
  const perAgency = new Map<string, { overdue: number; dueSoon: number }>();
  for (const c of counts) {
    if (!c.agency_id) continue;
    const a = perAgency.get(c.agency_id) ?? { overdue: 0, dueSoon: 0 };
    a.overdue += c.overdue; a.dueSoon += c.due_soon;
    perAgency.set(c.agency_id, a);
  }
  const agencyIds = [...perAgency.keys()];
  const [names, officers, leaders] = await Promise.all([
    agencyNames(db, agencyIds).then((rows) => new Map(rows.map((a) => [a.id, a]))),
    usersOfAgencies(db, agencyIds, OFFICER_ROLES),
    leadersOf(db, agencyIds),
  ]);
  const key = `dossier-digest:${date}`;
  const link = '/dossiers/overdue';
  const day = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  const message = (overdue: number, dueSoon: number, where: string) => ({
    key, kind: 'dossier-digest', link,
    title: `Tình hình hồ sơ ngày ${day}: ${overdue} quá hạn, ${dueSoon} sắp đến hạn`,
    titleEn: `Dossiers on ${date}: ${overdue} overdue, ${dueSoon} due within ${days} working days`,
    body: `${where}: ${overdue} hồ sơ quá hạn, ${dueSoon} hồ sơ đến hạn trong ${days} ngày làm việc tới.`,
  });
  let digests = 0;
  await db.transaction(async (tx) => {
    for (const o of officers) {
      const c = perAgency.get(o.agencyId!);
      if (!c) continue;
      const a = names.get(o.agencyId!);
      digests += await notify(tx, [o], message(c.overdue, c.dueSoon, a?.name ?? ''));
    }
    for (const l of leaders) {
      let overdue = 0; let dueSoon = 0;
      for (const c of counts) {
        // A leader of an agency sees that agency's dossiers; a unit's leader those received in the unit's subtree.
        const mine = l.agencyId ? c.agency_id === l.agencyId : c.unit_path.startsWith(l.scopePath);
        if (mine) { overdue += c.overdue; dueSoon += c.due_soon; }
      }
      if (overdue + dueSoon === 0) continue;
      const a = l.agencyId ? names.get(l.agencyId) : undefined;
      digests += await notify(tx, [l], message(overdue, dueSoon, a?.name ?? 'Trong phạm vi phụ trách'));
    }
  });
  digestSentOn.set(db, date);
  return { digests };
}
