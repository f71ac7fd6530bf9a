// Dossier ingest: validate a batch, merge each dossier with what is stored, append its events, keep the daily
// counts current — set-based, a handful of statements per chunk of dossiers, all in the caller's transaction.
//
// State rule (order-independent, so a re-send or a late event gives the same result): of all events of a
// dossier, the one that sets its status is the greatest by (is terminal, at, status rank) — a finished or
// returned dossier never moves back, whatever arrives later; among non-terminal events the latest wins.
// `last_event_at` is that event's time. finished_at is the first 'finished' event (else the first
// 'returned': a dossier handed back is done); holding_agency_id the agency of the latest event naming one
// (else the handling agency); timeliness compares the finish date with the due date in Vietnam time.
import { type BulkUpsertDossiersBody, type BulkUpsertResult, IngestDossier, type IngestError, type IngestMode } from '../../../shared/contracts/dossier-ingest.js';
import { type Actor, can, isInScope } from '../../core/auth.js';
import { audit, type AuditOrigin } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { type Publish, publishMany } from '../../core/hub.js';
import { readCacheOf } from '../../core/read-cache.js';
import { requestHash, withIdempotency } from '../../core/idempotency.js';
import { type DbOrTx, onPostgresServer } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { addWorkingDays, vietnamDate, type WorkingCalendar, workingDaysBetween } from '../calendar/working-days.js';
import {
  addDailyStats, type DossierWrite, type EventWrite, findAgenciesByCodes, findDossiersByCodes, findEventsOfDossiers, findProceduresByCodes,
  findUnitsByCodes, insertDossiersWithEvents, insertEvents, lockReferences, lockSource, type StatDelta, type StoredDossier, updateDossiers,
} from './ingest.queries.js';

export const NIL_AGENCY = '00000000-0000-0000-0000-000000000000';
// Dossiers merged per round of statements: small enough that merging one overlaps writing the one before.
const CHUNK = 1_000;
const MAX_IDS_PER_EVENT = 100;
const FUTURE_TOLERANCE_MS = 3_600_000;     // clocks of the sending systems may run ahead a little
const EARLIEST = Date.UTC(2000, 0, 1);

/** Who ingests: a request's context, or the system (connector, import, demo seed). */
export interface IngestContext extends AuditOrigin { publish: Publish }

export interface IngestOptions {
  now?: Date;
  calendar?: WorkingCalendar;
  /** Publish hub events and write the audit row (default true; the demo seed turns them off). */
  announce?: boolean;
}

type Status = 'received' | 'in_progress' | 'additional_docs' | 'suspended' | 'finished' | 'returned';
const RANK: Record<Status, number> = { received: 0, in_progress: 1, additional_docs: 2, suspended: 3, finished: 4, returned: 5 };
const isTerminal = (s: string) => s === 'finished' || s === 'returned';

interface PreparedEvent { at: Date; status: Status; agencyId: string | null; note: string | null; implicit: boolean }

export interface PreparedDossier {
  index: number;
  code: string;
  procedureId: string;
  receivingUnitId: string;
  unitPath: string;
  handlingAgencyId: string | null;
  channel: string;
  receivedAt: Date;
  dueAt: Date | null;
  onlinePayment: boolean;
  digitisedResult: boolean;
  satisfaction: string | null;
  result: string | null;
  events: PreparedEvent[];          // distinct by (at, status)
  repeatedEvents: number;           // the same event twice in this dossier's list
}

// ---- Messages

const messages = {
  invalid: ['Giá trị không hợp lệ', 'invalid value'],
  duplicateCode: ['Mã hồ sơ bị lặp trong cùng lô dữ liệu', 'dossier code repeated in this batch'],
  unknownProcedure: ['Không tìm thấy thủ tục hành chính có mã này', 'unknown procedure code'],
  unknownUnit: ['Không tìm thấy đơn vị tiếp nhận có mã này', 'unknown receiving unit code'],
  unitNotValid: ['Đơn vị tiếp nhận không tồn tại vào ngày tiếp nhận', 'the receiving unit did not exist on the receipt date'],
  unknownAgency: ['Không tìm thấy cơ quan có mã này', 'unknown agency code'],
  tooOld: ['Thời điểm trước năm 2000', 'timestamp before the year 2000'],
  future: ['Thời điểm ở tương lai', 'timestamp in the future'],
  dueBeforeReceipt: ['Hạn giải quyết trước thời điểm tiếp nhận', 'dueAt is before receivedAt'],
  eventBeforeReceipt: ['Sự kiện xảy ra trước thời điểm tiếp nhận hồ sơ', 'event before the dossier was received'],
  finishedBeforeReceipt: ['Thời điểm hoàn thành trước thời điểm tiếp nhận', 'finished before it was received'],
  storedBeforeReceipt: ['Lịch sử đã lưu có sự kiện trước thời điểm tiếp nhận mới', 'stored events precede the new receivedAt'],
} as const;
type MessageKey = keyof typeof messages;

function ingestError(index: number, code: string | null, field: string | null, key: MessageKey, detailEn?: string): IngestError {
  const [vi, en] = messages[key];
  return { index, code, field, message: vi, messageEn: detailEn ? `${en}: ${detailEn}` : en };
}

// ---- Validation and resolution of codes

/**
 * A batch whose codes are resolved (a few lookups) and whose dossiers are validated chunk by chunk as
 * `chunks` is read, so that validating one chunk can overlap writing the one before. `errors` fills as the
 * chunks are read; `finish` (after the last) refuses the request if any unit was outside the actor's scope
 * and orders the errors.
 */
export interface PreparingBatch {
  codes: string[];
  /** Every procedure, unit and agency the batch's codes resolved to (what its dossiers may name). */
  references: { procedureIds: string[]; unitIds: string[]; agencyIds: string[] };
  errors: IngestError[];
  calendar: WorkingCalendar;
  chunks(size: number): Generator<PreparedDossier[]>;
  finish(): void;
}

/** Validates every dossier and resolves its codes; nothing is written. */
export async function prepareDossiers(
  db: DbOrTx, actor: Actor, rows: unknown[], options: { now?: Date; calendar?: WorkingCalendar } = {},
): Promise<{ prepared: PreparedDossier[]; errors: IngestError[]; calendar: WorkingCalendar }> {
  const batch = await startPreparing(db, actor, rows, options);
  const prepared: PreparedDossier[] = [];
  for (const chunk of batch.chunks(rows.length || 1)) prepared.push(...chunk);
  batch.finish();
  return { prepared, errors: batch.errors, calendar: batch.calendar };
}

export async function startPreparing(
  db: DbOrTx, actor: Actor, rows: unknown[], options: { now?: Date; calendar?: WorkingCalendar } = {},
): Promise<PreparingBatch> {
  const now = (options.now ?? new Date()).getTime();
  const errors: IngestError[] = [];
  const parsed: { index: number; d: IngestDossier }[] = [];
  rows.forEach((raw, index) => {
    const result = IngestDossier.safeParse(raw);
    if (result.success) { parsed.push({ index, d: result.data }); return; }
    const code = typeof (raw as { code?: unknown } | null)?.code === 'string' ? (raw as { code: string }).code : null;
    for (const issue of result.error.issues.slice(0, 5)) errors.push(ingestError(index, code, issue.path.join('.') || null, 'invalid', issue.message));
  });

  const seen = new Map<string, number>();
  for (const { d } of parsed) seen.set(d.code, (seen.get(d.code) ?? 0) + 1);
  const procedureCodes = new Set<string>();
  const unitCodes = new Set<string>();
  const agencyCodes = new Set<string>();
  for (const { d } of parsed) {
    procedureCodes.add(d.procedureCode);
    unitCodes.add(d.receivingUnitCode);
    if (d.handlingAgencyCode) agencyCodes.add(d.handlingAgencyCode);
    for (const e of d.events) if (e.agencyCode) agencyCodes.add(e.agencyCode);
  }
  const procedures = new Map((await findProceduresByCodes(db, [...procedureCodes])).map((p) => [p.code, p]));
  const units = new Map((await findUnitsByCodes(db, [...unitCodes])).map((u) => [u.code, u]));
  const agencies = new Map((await findAgenciesByCodes(db, [...agencyCodes])).map((a) => [a.code, a.id]));

  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const { d } of parsed) {
    const y = new Date(d.receivedAt).getUTCFullYear();
    if (y < minYear) minYear = y;
    if (y > maxYear) maxYear = y;
  }
  const calendar = options.calendar ?? (parsed.length ? await loadWorkingCalendar(db, Math.max(minYear, 2000), Math.max(minYear, 2000, maxYear + 1)) : await loadWorkingCalendar(db, 2000, 2000));

  const outOfScope: number[] = [];
  const prepareOne = (index: number, d: IngestDossier, prepared: PreparedDossier[]): void => {
    const fail = (field: string | null, key: MessageKey, detail?: string) => { errors.push(ingestError(index, d.code, field, key, detail)); };
    const before = errors.length;
    if ((seen.get(d.code) ?? 0) > 1) fail('code', 'duplicateCode');
    const procedure = procedures.get(d.procedureCode);
    if (!procedure) fail('procedureCode', 'unknownProcedure', d.procedureCode);
    const unit = units.get(d.receivingUnitCode);
    const receivedAt = new Date(d.receivedAt);
    const receivedDay = vietnamDate(receivedAt);
    if (!unit) fail('receivingUnitCode', 'unknownUnit', d.receivingUnitCode);
    else if (receivedDay < unit.validFrom || (unit.validTo !== null && receivedDay >= unit.validTo)) fail('receivingUnitCode', 'unitNotValid', `${d.receivingUnitCode} on ${receivedDay}`);
    else if (!isInScope(actor.scopePath, unit.path)) outOfScope.push(index);
    const handlingAgencyId = d.handlingAgencyCode ? agencies.get(d.handlingAgencyCode) ?? null : null;
    if (d.handlingAgencyCode && !handlingAgencyId) fail('handlingAgencyCode', 'unknownAgency', d.handlingAgencyCode);
    if (receivedAt.getTime() < EARLIEST) fail('receivedAt', 'tooOld');
    if (receivedAt.getTime() > now + FUTURE_TOLERANCE_MS) fail('receivedAt', 'future');
    const explicitDue = d.dueAt ? new Date(d.dueAt) : null;
    if (explicitDue && explicitDue < receivedAt) fail('dueAt', 'dueBeforeReceipt');

    const events: PreparedEvent[] = [];
    const keys = new Set<string>();
    let repeatedEvents = 0;
    d.events.forEach((e, i) => {
      const at = new Date(e.at);
      if (at < receivedAt) fail(`events.${i}.at`, e.status === 'finished' ? 'finishedBeforeReceipt' : 'eventBeforeReceipt');
      else if (at.getTime() > now + FUTURE_TOLERANCE_MS) fail(`events.${i}.at`, 'future');
      const agencyId = e.agencyCode ? agencies.get(e.agencyCode) ?? null : null;
      if (e.agencyCode && !agencyId) fail(`events.${i}.agencyCode`, 'unknownAgency', e.agencyCode);
      const key = `${at.getTime()}|${e.status}`;
      if (keys.has(key)) { repeatedEvents++; return; }
      keys.add(key);
      events.push({ at, status: e.status, agencyId, note: e.note ?? null, implicit: false });
    });
    if (errors.length > before || !procedure || !unit) return;
    // The history starts with the receipt, whether or not the sender lists it.
    if (!events.some((e) => e.status === 'received')) events.push({ at: receivedAt, status: 'received', agencyId: null, note: null, implicit: true });
    prepared.push({
      index, code: d.code, procedureId: procedure.id, receivingUnitId: unit.id, unitPath: unit.path, handlingAgencyId, channel: d.channel,
      receivedAt, dueAt: explicitDue ?? addWorkingDays(calendar, receivedAt, procedure.processingDays),
      onlinePayment: d.onlinePayment ?? false, digitisedResult: d.digitisedResult ?? false, satisfaction: d.satisfaction ?? null, result: d.result ?? null,
      events, repeatedEvents,
    });
  };
  return {
    codes: parsed.map(({ d }) => d.code),
    references: { procedureIds: [...procedures.values()].map((p) => p.id), unitIds: [...units.values()].map((u) => u.id), agencyIds: [...agencies.values()] },
    errors,
    calendar,
    *chunks(size: number) {
      for (let start = 0; start < parsed.length; start += size) {
        const prepared: PreparedDossier[] = [];
        for (const { index, d } of parsed.slice(start, start + size)) prepareOne(index, d, prepared);
        yield prepared;
      }
    },
    finish() {
      // Writing for a unit outside one's scope is not a data error: the whole request is refused.
      if (outOfScope.length > 0) {
        throw new AppError('out-of-scope', { title: `Dossiers at indexes ${outOfScope.slice(0, 20).join(', ')} belong to units outside your scope.`, indexes: outOfScope.slice(0, 1000) });
      }
      errors.sort((a, b) => a.index - b.index);
    },
  };
}

// ---- State

interface DerivedState {
  status: string; lastEventAt: Date; finishedAt: Date | null; returnedAt: Date | null; holdingAgencyId: string | null;
  timeliness: string | null; processingDays: number | null;
}

interface StateEvent { at: Date; status: string; agencyId: string | null }

function beats(a: StateEvent, b: StateEvent): boolean {
  const ta = isTerminal(a.status);
  if (ta !== isTerminal(b.status)) return ta;
  if (a.at.getTime() !== b.at.getTime()) return a.at > b.at;
  return (RANK[a.status as Status] ?? 0) > (RANK[b.status as Status] ?? 0);
}

function laterThan(a: StateEvent, b: StateEvent): boolean {
  if (a.at.getTime() !== b.at.getTime()) return a.at > b.at;
  return (RANK[a.status as Status] ?? 0) > (RANK[b.status as Status] ?? 0);
}

/** The state of a dossier from all of its events (stored and new); see the rule at the top of the file. */
export function deriveState(
  events: StateEvent[], d: { receivedAt: Date; dueAt: Date | null; handlingAgencyId: string | null }, calendar: WorkingCalendar,
): DerivedState {
  let winner: StateEvent | null = null;
  let holder: StateEvent | null = null;
  let firstFinished: Date | null = null;
  let firstReturned: Date | null = null;
  for (const e of events) {
    if (!winner || beats(e, winner)) winner = e;
    if (e.agencyId && (!holder || laterThan(e, holder))) holder = e;
    if (e.status === 'finished' && (!firstFinished || e.at < firstFinished)) firstFinished = e.at;
    if (e.status === 'returned' && (!firstReturned || e.at < firstReturned)) firstReturned = e.at;
  }
  const finishedAt = firstFinished ?? firstReturned;
  let timeliness: string | null = null;
  let processingDays: number | null = null;
  if (finishedAt) {
    const finishDay = vietnamDate(finishedAt);
    const dueDay = d.dueAt ? vietnamDate(d.dueAt) : null;
    timeliness = dueDay === null || finishDay === dueDay ? 'on_time' : finishDay < dueDay ? 'early' : 'late';
    processingDays = workingDaysBetween(calendar, d.receivedAt, finishedAt);
  }
  return {
    status: winner?.status ?? 'received',
    lastEventAt: winner?.at ?? d.receivedAt,
    finishedAt, returnedAt: firstReturned,
    holdingAgencyId: holder?.agencyId ?? d.handlingAgencyId,
    timeliness, processingDays,
  };
}

// ---- Daily counts

interface Contribution {
  procedureId: string; receivingUnitId: string; handlingAgencyId: string | null; channel: string; receivedAt: Date; finishedAt: Date | null;
  timeliness: string | null; processingDays: number | null; onlinePayment: boolean; digitisedResult: boolean; satisfaction: string | null;
}

function addContribution(into: Map<string, StatDelta>, c: Contribution, sign: 1 | -1): void {
  const base = (day: string): StatDelta => {
    const agency = c.handlingAgencyId ?? NIL_AGENCY;
    const key = `${day}|${c.procedureId}|${c.receivingUnitId}|${agency}|${c.channel}`;
    let row = into.get(key);
    if (!row) {
      row = { day, procedure_id: c.procedureId, unit_id: c.receivingUnitId, agency_id: agency, channel: c.channel, received: 0, finished: 0,
        finished_early: 0, finished_on_time: 0, finished_late: 0, processing_days_sum: 0, paid_online: 0, digitised: 0, rated: 0, satisfied: 0 };
      into.set(key, row);
    }
    return row;
  };
  base(vietnamDate(c.receivedAt)).received += sign;
  if (c.finishedAt) {
    const row = base(vietnamDate(c.finishedAt));
    row.finished += sign;
    if (c.timeliness === 'early') row.finished_early += sign;
    else if (c.timeliness === 'late') row.finished_late += sign;
    else row.finished_on_time += sign;
    row.processing_days_sum += sign * (c.processingDays ?? 0);
    if (c.onlinePayment) row.paid_online += sign;
    if (c.digitisedResult) row.digitised += sign;
    if (c.satisfaction) row.rated += sign;
    if (c.satisfaction === 'very_satisfied' || c.satisfaction === 'satisfied') row.satisfied += sign;
  }
}

const isZero = (s: StatDelta) => s.received === 0 && s.finished === 0 && s.finished_early === 0 && s.finished_on_time === 0 && s.finished_late === 0
  && s.processing_days_sum === 0 && s.paid_online === 0 && s.digitised === 0 && s.rated === 0 && s.satisfied === 0;

// ---- Writing

export interface WriteOutcome {
  created: number; updated: number; unchanged: number; eventsAdded: number; duplicateEvents: number;
  errors: IngestError[];
  changed: { id: number; unitPath: string; created: boolean }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

function isSameRow(old: StoredDossier, w: DossierWrite): boolean {
  return old.procedureId === w.procedure_id && old.receivingUnitId === w.receiving_unit_id && old.unitPath === w.unit_path
    && old.handlingAgencyId === w.handling_agency_id && old.holdingAgencyId === w.holding_agency_id && old.channel === w.channel
    && sameTime(old.receivedAt, new Date(w.received_at)) && sameTime(old.dueAt, w.due_at ? new Date(w.due_at) : null)
    && sameTime(old.finishedAt, w.finished_at ? new Date(w.finished_at) : null) && sameTime(old.returnedAt, w.returned_at ? new Date(w.returned_at) : null)
    && old.status === w.status && old.result === w.result && old.timeliness === w.timeliness && old.processingDays === w.processing_days
    && old.onlinePayment === w.online_payment && old.digitisedResult === w.digitised_result && old.satisfaction === w.satisfaction
    && sameTime(old.lastEventAt, new Date(w.last_event_at));
}

/**
 * Merges prepared dossiers into the store inside the caller's transaction. The caller holds the source lock
 * (lockSource). In all-or-nothing mode an error found here (stored history older than a new receipt) throws
 * and so rolls the transaction back; in skip-invalid mode the dossier is skipped.
 *
 * What is stored for the batch is read in two statements (codes are unique within a batch); then chunk by
 * chunk the merge is computed and its writes are sent without waiting for them where the driver queues
 * statements on the connection (PostgreSQL): the server writes one chunk while this process merges the next.
 */
export async function writeDossiers(
  tx: DbOrTx, actor: Actor, source: string, input: PreparedDossier[] | PreparingBatch, calendar: WorkingCalendar, mode: IngestMode,
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0, eventsAdded: 0, duplicateEvents: 0, errors: [], changed: [] };
  const batch = Array.isArray(input) ? null : input;
  const total = Array.isArray(input) ? input.length : input.codes.length;
  const stored = new Map((await findDossiersByCodes(tx, source, Array.isArray(input) ? input.map((d) => d.code) : input.codes)).map((d) => [d.code, d]));
  await lockReferences(tx, batch ? batch.references : referencesOf(input as PreparedDossier[]));
  const storedEvents = new Map<number, StateEvent[]>();
  const storedList = [...stored.values()];
  const since = new Date(storedList.reduce((min, d) => Math.min(min, d.receivedAt.getTime()), Infinity));
  for (const e of await findEventsOfDossiers(tx, storedList.map((d) => d.id), since)) {
    let list = storedEvents.get(e.dossierId);
    if (!list) { list = []; storedEvents.set(e.dossierId, list); }
    list.push(e);
  }

  const writes = new PendingWrites(onPostgresServer(tx));
  const created: Promise<{ dossiers: { id: number; code: string }[]; eventsAdded: number }>[] = [];
  const eventCounts: Promise<number>[] = [];
  const unitPathOf = new Map<string, string>();
  const chunks = batch ? batch.chunks(CHUNK) : (function* (all: PreparedDossier[]) { for (let i = 0; i < all.length; i += CHUNK) yield all.slice(i, i + CHUNK); })(input as PreparedDossier[]);
  try {
    for (const chunk of chunks) {
      // All or nothing: once a dossier is invalid nothing will be kept, so the rest is only validated (for the report).
      if (batch && mode === 'all-or-nothing' && batch.errors.length > 0) continue;
      const outside = chunk.filter((d) => { const old = stored.get(d.code); return old && !isInScope(actor.scopePath, old.unitPath); });
      if (outside.length > 0) throw new AppError('out-of-scope', { title: `Dossiers ${outside.slice(0, 20).map((d) => d.code).join(', ')} belong to units outside your scope.` });
      const inserts: DossierWrite[] = [];
      const newEvents: (EventWrite & { code: string })[] = [];
      const updates: (DossierWrite & { id: number })[] = [];
      const eventRows: EventWrite[] = [];
      const stats = new Map<string, StatDelta>();
      for (const d of chunk) {
        const old = stored.get(d.code);
        const oldEvents = old ? storedEvents.get(old.id) ?? [] : [];
        const oldKeys = new Set(oldEvents.map((e) => `${e.at.getTime()}|${e.status}`));
        const fresh = oldKeys.size === 0 ? d.events : d.events.filter((e) => !oldKeys.has(`${e.at.getTime()}|${e.status}`));
        out.duplicateEvents += d.repeatedEvents + (oldKeys.size === 0 ? 0 : d.events.filter((e) => !e.implicit && oldKeys.has(`${e.at.getTime()}|${e.status}`)).length);
        if (old && oldEvents.some((e) => e.at < d.receivedAt)) {
          const error = ingestError(d.index, d.code, 'receivedAt', 'storedBeforeReceipt');
          if (mode === 'all-or-nothing') throw new AppError('ingest-rejected', { report: emptyResult(total, [error]) });
          out.errors.push(error);
          continue;
        }
        const state = deriveState(old ? [...oldEvents, ...fresh] : fresh, d, calendar);
        const row: DossierWrite = {
          code: d.code, procedure_id: d.procedureId, receiving_unit_id: d.receivingUnitId, unit_path: d.unitPath,
          handling_agency_id: d.handlingAgencyId, holding_agency_id: state.holdingAgencyId, channel: d.channel,
          received_at: d.receivedAt.toISOString(), due_at: iso(d.dueAt), finished_at: iso(state.finishedAt), returned_at: iso(state.returnedAt),
          status: state.status, result: d.result, timeliness: state.timeliness, processing_days: state.processingDays,
          online_payment: d.onlinePayment, digitised_result: d.digitisedResult, satisfaction: d.satisfaction, last_event_at: state.lastEventAt.toISOString(),
        };
        const next: Contribution = {
          procedureId: d.procedureId, receivingUnitId: d.receivingUnitId, handlingAgencyId: d.handlingAgencyId, channel: d.channel, receivedAt: d.receivedAt,
          finishedAt: state.finishedAt, timeliness: state.timeliness, processingDays: state.processingDays, onlinePayment: d.onlinePayment,
          digitisedResult: d.digitisedResult, satisfaction: d.satisfaction,
        };
        if (!old) {
          inserts.push(row);
          for (const e of fresh) newEvents.push({ code: d.code, dossier_id: 0, at: e.at.toISOString(), status: e.status, agency_id: e.agencyId, note: e.note });
          unitPathOf.set(d.code, d.unitPath);
          addContribution(stats, next, 1);
          out.created++;
          continue;
        }
        for (const e of fresh) eventRows.push({ dossier_id: old.id, at: e.at.toISOString(), status: e.status, agency_id: e.agencyId, note: e.note });
        if (fresh.length === 0 && isSameRow(old, row)) { out.unchanged++; continue; }
        updates.push({ ...row, id: old.id });
        addContribution(stats, { ...old }, -1);
        addContribution(stats, next, 1);
        out.updated++;
        out.changed.push({ id: old.id, unitPath: d.unitPath, created: false });
      }
      if (inserts.length > 0) created.push(writes.send(() => insertDossiersWithEvents(tx, source, inserts, newEvents)));
      if (updates.length > 0) void writes.send(() => updateDossiers(tx, updates));
      if (eventRows.length > 0) eventCounts.push(writes.send(() => insertEvents(tx, eventRows)));
      // In key order, so that two ingests adding to the same days cannot deadlock on each other's rows.
      const deltas = [...stats.entries()].filter(([, s]) => !isZero(s)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, s]) => s);
      if (deltas.length > 0) void writes.send(() => addDailyStats(tx, deltas));
      if (writes.pipelined) await writes.yieldToDriver();
    }
  } finally {
    await writes.settle();
  }
  await writes.done();
  for (const { dossiers, eventsAdded } of await Promise.all(created)) {
    out.eventsAdded += eventsAdded;
    for (const { id, code } of dossiers) out.changed.push({ id, unitPath: unitPathOf.get(code)!, created: true });
  }
  for (const n of await Promise.all(eventCounts)) out.eventsAdded += n;
  return out;
}

function referencesOf(prepared: PreparedDossier[]): PreparingBatch['references'] {
  return {
    procedureIds: prepared.map((d) => d.procedureId), unitIds: prepared.map((d) => d.receivingUnitId),
    agencyIds: prepared.flatMap((d) => [d.handlingAgencyId, ...d.events.map((e) => e.agencyId)].filter((id): id is string => id !== null)),
  };
}

/**
 * The statements of a merge in flight. Pipelined, each starts at once (node-postgres queues it on the
 * transaction's connection) and is awaited at the end; otherwise (a PGlite transaction does not queue) each
 * starts when the one before has answered. node-postgres 8 prints a deprecation warning for queued queries
 * (its version 9 means to refuse them): if it does, construct this with `false` and the ingest runs
 * sequentially, about 15% slower.
 */
class PendingWrites {
  private readonly started: Promise<unknown>[] = [];
  private tail: Promise<void> = Promise.resolve();
  constructor(readonly pipelined: boolean) {}

  send<T>(run: () => Promise<T>): Promise<T> {
    const running = this.pipelined ? run() : this.tail.then(run);
    this.tail = running.then(ignore, ignore);
    running.catch(ignore);     // reported by done()
    this.started.push(running);
    return running;
  }

  /** Lets the driver send the next queued statement while the next chunk is merged. */
  async yieldToDriver(): Promise<void> { await new Promise<void>((resolve) => setImmediate(resolve)); }

  /** Waits until nothing is in flight (after an error too, so that the rollback follows the last statement). */
  async settle(): Promise<void> { await Promise.allSettled(this.started); }

  /** Throws the first failure. */
  async done(): Promise<void> { await Promise.all(this.started); }
}

const ignore = () => undefined;

function emptyResult(received: number, errors: IngestError[]): BulkUpsertResult {
  return { received, created: 0, updated: 0, unchanged: 0, eventsAdded: 0, duplicateEvents: 0, errors };
}

/** Hub events per receiving unit (ids capped) and one audit row for the whole batch. */
export async function announceBatch(tx: DbOrTx, ctx: IngestContext, source: string, result: BulkUpsertResult, changed: WriteOutcome['changed']): Promise<void> {
  const byPath = new Map<string, { ids: string[]; count: number; created: number }>();
  for (const c of changed) {
    let group = byPath.get(c.unitPath);
    if (!group) { group = { ids: [], count: 0, created: 0 }; byPath.set(c.unitPath, group); }
    group.count++;
    if (c.created) group.created++;
    if (group.ids.length < MAX_IDS_PER_EVENT) group.ids.push(String(c.id));
  }
  // One statement for all units: a province-wide batch touches a hundred communes or more.
  await publishMany(tx, [...byPath].map(([unitPath, g]) => ({
    topic: 'dossiers' as const, type: 'dossier.upserted', unitPath, ids: g.ids, data: { source, count: g.count, created: g.created, updated: g.count - g.created },
  })));
  const paths = [...byPath.keys()];
  await audit(tx, ctx, {
    action: 'dossier.bulk-upsert', entityType: 'dossier-batch', entityId: source, unitPath: commonPathPrefix(paths) ?? ctx.actor.scopePath,
    after: { source, received: result.received, created: result.created, updated: result.updated, unchanged: result.unchanged, eventsAdded: result.eventsAdded, duplicateEvents: result.duplicateEvents, errors: result.errors.length },
  });
}

/** The deepest unit path containing all of them ('/VN/70/689/25195/' and '/VN/70/689/25198/' → '/VN/70/689/'). */
export function commonPathPrefix(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let parts = paths[0]!.split('/').filter(Boolean);
  for (const p of paths.slice(1)) {
    const q = p.split('/').filter(Boolean);
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? `/${parts.join('/')}/` : null;
}

/**
 * The whole ingest of one batch in the caller's transaction: validate, lock the source, merge, count,
 * announce. In all-or-nothing mode any invalid dossier makes it write nothing and throw 422 'ingest-rejected'
 * with the report; in skip-invalid mode the valid ones are written and the rest reported.
 */
export async function ingestDossiers(tx: DbOrTx, ctx: IngestContext, body: BulkUpsertDossiersBody, options: IngestOptions = {}): Promise<BulkUpsertResult> {
  const mode = body.mode ?? 'all-or-nothing';
  // Validation runs chunk by chunk inside the merge (it overlaps the writes); what an invalid batch wrote is
  // rolled back with the transaction when it throws below.
  const batch = await startPreparing(tx, ctx.actor, body.dossiers, options);
  const errors = batch.errors;
  if (errors.length > 0 && mode === 'all-or-nothing' && batch.codes.length === 0) throw new AppError('ingest-rejected', { report: emptyResult(body.dossiers.length, errors) });
  await lockSource(tx, body.source);
  const written = await writeDossiers(tx, ctx.actor, body.source, batch, options.calendar ?? batch.calendar, mode);
  batch.finish();
  if (errors.length > 0 && mode === 'all-or-nothing') throw new AppError('ingest-rejected', { report: emptyResult(body.dossiers.length, errors) });
  const result: BulkUpsertResult = {
    received: body.dossiers.length, created: written.created, updated: written.updated, unchanged: written.unchanged,
    eventsAdded: written.eventsAdded, duplicateEvents: written.duplicateEvents,
    errors: [...errors, ...written.errors].sort((a, b) => a.index - b.index),
  };
  if (options.announce !== false) await announceBatch(tx, ctx, body.source, result, written.changed);
  return result;
}

/** POST /api/dossiers/bulk: permission, one transaction, optional Idempotency-Key. */
export async function upsertDossiers(ctx: RequestContext, body: BulkUpsertDossiersBody, idempotencyKey?: string): Promise<BulkUpsertResult> {
  can(ctx.actor, 'dossiers:ingest');
  // The calendar is read before the transaction so that the cached copy of this database is used.
  const calendar = await calendarFor(ctx.db, body.dossiers);
  const result = await ctx.db.transaction(async (tx) => {
    if (!idempotencyKey) return ingestDossiers(tx, ctx, body, { calendar });
    const scope = `dossiers-bulk:${ctx.actor.type}:${ctx.actor.id ?? 'system'}`;
    const answer = await withIdempotency(tx, scope, idempotencyKey, requestHash(body),
      async () => ({ status: 200, body: await ingestDossiers(tx, ctx, body, { calendar }) }));
    return { ...answer.body, replayed: answer.replayed };
  });
  // The sender reads its own write at once; other processes drop their cached metrics when the hub dispatches.
  readCacheOf(ctx.db).invalidate('dossiers');
  return result;
}

/** The working calendar spanning the receipt years of a batch (and the next year, for due dates). */
export async function calendarFor(db: DbOrTx, dossiers: unknown[]): Promise<WorkingCalendar> {
  let min = Infinity;
  let max = -Infinity;
  for (const d of dossiers) {
    const raw = (d as { receivedAt?: unknown } | null)?.receivedAt;
    const y = typeof raw === 'string' ? Number(raw.slice(0, 4)) : NaN;
    if (!Number.isFinite(y) || y < 2000 || y > 2200) continue;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  if (min === Infinity) { min = new Date().getUTCFullYear(); max = min; }
  return loadWorkingCalendar(db, min - 1, max + 1);
}
