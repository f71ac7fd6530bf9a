// Push of approved reports up to the Government reporting information system, through the outbox.
//
// The packet. QCVN 125:2021/BTTTT (issued with Circular 02/2021/TT-BTTTT) regulates the structure and
// data format of packets exchanged between reporting information systems and the National Reporting
// Information System. We do not hold the regulation's schema, so this packet follows its spirit — a
// header identifying the packet, sender, reporting regime, form, period and unit, then the data rows —
// and every field below is ASSUMED until checked against the regulation and the receiving system:
// - Transport (assumed): HTTPS POST of one JSON packet per report to IOC_NATIONAL_REPORT_URL, bearer token
//   IOC_NATIONAL_REPORT_TOKEN, `Idempotency-Key` = packetId. 2xx = accepted (a repeat of a key is answered
//   2xx by a well-behaved receiver); 408/429/5xx/no answer within 10 s = try again; other 4xx = refused.
//   The real connection likely runs through the LGSP/NGSP platforms, which may wrap this differently.
// - header.packetId (assumed): the outbox key `national:<formCode>:<unitCode>:<periodId>:v<revision>`;
//   a correction approved later is revision n+1 and travels as a new packet.
// - header.sender (assumed): the province's official (GSO) code, taken from the reporting unit's
//   level-1 ancestor; the local code when it has no official code.
// - header.reportingRegime (assumed): 'periodic' (báo cáo định kỳ, Decree 09/2019/NĐ-CP); thematic and
//   ad-hoc reports are not pushed yet. header.legalBasis is the form's legal basis text.
// - header.formCode/formVersion: the local form code and the version the period was reported on (assumed
//   the national system knows the form by the same code; no mapping table for forms exists yet).
// - header.period (assumed): type as in IOC (monthly, quarterly, six_monthly, yearly, weekly, daily), id
//   as in IOC (2025-06, 2025Q2 …), start and end as ISO dates, both inclusive, with the form's cut-off.
// - header.unit (assumed): local code, official (GSO) code or null, name in Vietnamese.
// - header.createdAt: ISO 8601 UTC; header.approvedAt: when the report was approved (decided).
// - header.revision and header.contentHash (ours): the re-approval counter, and a SHA-256 of the data
//   so that re-approving or locking a report without changes does not send it again.
// - data[] (assumed): one row per non-empty value; indicatorCode is the national code from
//   `national_codes`, or the local code with isMapped=false when no national code is mapped;
//   disaggregations are the local dimension and option codes (SEX=FEMALE …), [] for the total;
//   measureUnit is the catalog's text ('người', 'tỷ đồng'). Empty (null) values are not sent.
import { createHash } from 'node:crypto';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { can, isInScope } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { addDays } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { outbox } from '../../core/core.table.js';
import { AppError } from '../../core/errors.js';
import {
  attemptsOf, attemptsOfMessages, type Connector, enqueue, findOutboxMessage, listOutbox, type OutboxAttemptRow, type OutboxRow, type OutboxStatus, resend,
} from '../../core/outbox.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { provinceOfPath, unitsByIds } from '../units/units.service.js';
import { formRowsOf, valuesOf } from './indicators.queries.js';
import { forms, indicators, nationalCodes, submissions } from './indicators.table.js';
import { type PeriodType, periodRange } from './periods.js';
import { parseOptionKey } from './sdmx.js';
import type { NationalCodesBody } from '../../../shared/contracts/national-push.js';

export const NATIONAL_CONNECTOR = 'national-report';

export interface NationalPacket {
  header: {
    packetId: string;
    sender: string;
    reportingRegime: 'periodic';
    legalBasis: string | null;
    formCode: string;
    formVersion: number;
    formName: string;
    period: { type: PeriodType; id: string; start: string; end: string };
    unit: { code: string; officialCode: string | null; name: string };
    revision: number;
    approvedAt: string | null;
    contentHash: string;
    createdAt: string;
  };
  data: {
    indicatorCode: string;
    localCode: string;
    isMapped: boolean;
    value: number;
    measureUnit: string;
    disaggregations: { dimension: string; option: string }[];
  }[];
}

export function packetKey(formCode: string, unitCode: string, periodId: string, revision: number): string {
  return `national:${formCode}:${unitCode}:${periodId}:v${revision}`;
}

// ── building and enqueueing ──────────────────────────────────────────────────────────────────────────

/**
 * Enqueues the packet of an approved report, inside the approving transaction. Idempotent: when the
 * latest packet of this report carries the same data, nothing new is enqueued and its key is returned.
 */
export async function enqueueApprovedReport(tx: DbOrTx, ctx: RequestContext, submissionId: string) {
  const result = await enqueueReportPacket(tx, submissionId);
  if (result.enqueued) {
    await audit(tx, ctx, {
      action: 'national-push.enqueue', entityType: 'submission', entityId: submissionId, unitPath: result.unitPath,
      after: { key: result.key, revision: result.revision, rows: result.rows, unmapped: result.unmapped },
    });
  }
  return { key: result.key, revision: result.revision, enqueued: result.enqueued };
}

async function enqueueReportPacket(tx: DbOrTx, submissionId: string) {
  const submission = await findSubmissionById(tx, submissionId);
  if (!submission) throw new AppError('not-found');
  if (submission.state !== 'approved' && submission.state !== 'locked') throw new AppError('invalid-transition', { state: submission.state });
  // Sequential on purpose: one transaction is one connection, which runs one query at a time.
  const form = await findFormById(tx, submission.formId);
  const [unit] = await unitsByIds(tx, [submission.unitId]);
  if (!form || !unit) throw new AppError('not-found');
  const province = await provinceOfPath(tx, unit.path);
  const period = { type: form.periodType as PeriodType, id: submission.periodId };
  const range = periodRange(period, form.cutoffDay);
  const rows = await formRowsOf(tx, form.id);
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))];
  const values = await valuesOf(tx, { indicatorIds, unitIds: [unit.id], periodType: period.type, periodIds: [period.id] });
  const mapped = await nationalCodesOf(tx, indicatorIds);
  const measures = await measureUnitsOf(tx, indicatorIds);
  const national = new Map(mapped.map((m) => [m.indicatorId, m.nationalCode]));
  const measureOf = new Map(measures.map((m) => [m.id, m.measureUnit]));
  const sortOf = new Map(rows.map((r) => [r.indicatorId, r.sort]));
  const codeOf = new Map(rows.map((r) => [r.indicatorId, r.indicatorCode]));
  const data: NationalPacket['data'] = values
    .filter((v): v is typeof v & { value: number } => v.value !== null)
    .sort((a, b) => (sortOf.get(a.indicatorId)! - sortOf.get(b.indicatorId)!) || a.optionKey.localeCompare(b.optionKey))
    .map((v) => {
      const localCode = codeOf.get(v.indicatorId)!;
      const nationalCode = national.get(v.indicatorId);
      return {
        indicatorCode: nationalCode ?? localCode, localCode, isMapped: nationalCode !== undefined, value: v.value,
        measureUnit: measureOf.get(v.indicatorId) ?? '', disaggregations: parseOptionKey(v.optionKey),
      };
    });
  const contentHash = createHash('sha256')
    .update(JSON.stringify([form.code, form.version, unit.code, period.id, data.map((d) => [d.localCode, d.disaggregations, d.value])]))
    .digest('hex');

  const previous = await nationalPacketsOf(tx, submissionId);
  const last = previous.at(-1);
  const lastHeader = (last?.payload as NationalPacket | undefined)?.header;
  const base = { unitPath: unit.path, rows: data.length, unmapped: [...new Set(data.filter((d) => !d.isMapped).map((d) => d.localCode))] };
  if (last && lastHeader?.contentHash === contentHash) return { ...base, key: last.key, revision: lastHeader.revision, enqueued: false };

  const revision = previous.length + 1;
  const key = packetKey(form.code, unit.code, period.id, revision);
  const packet: NationalPacket = {
    header: {
      packetId: key, sender: province?.officialCode ?? province?.code ?? 'VN', reportingRegime: 'periodic', legalBasis: form.legalBasis,
      formCode: form.code, formVersion: form.version, formName: form.name,
      period: { type: period.type, id: period.id, start: range.start, end: addDays(range.end, -1) },
      unit: { code: unit.code, officialCode: unit.officialCode, name: unit.name },
      revision, approvedAt: submission.decidedAt?.toISOString() ?? null, contentHash, createdAt: new Date().toISOString(),
    },
    data,
  };
  const enqueued = await enqueue(tx, { connector: NATIONAL_CONNECTOR, key, payload: packet, entityType: 'submission', entityId: submissionId, unitPath: unit.path });
  return { ...base, key, revision, enqueued };
}

/**
 * For a schedule: makes sure every report approved since `decidedSince` (default: the last 31 days) has
 * a packet for its current data. Safe to run often and from several processes (keys are unique).
 */
export async function enqueueScheduled(db: Db, options: { decidedSince?: Date; limit?: number } = {}) {
  const since = options.decidedSince ?? new Date(Date.now() - 31 * 86400_000);
  const candidates = await approvedWithoutCurrentPacket(db, since, options.limit ?? 500);
  let enqueued = 0;
  const skipped: { submissionId: string; reason: string }[] = [];
  for (const { id } of candidates) {
    try {
      const result = await db.transaction((tx) => enqueueReportPacket(tx, id));
      if (result.enqueued) enqueued++;
    } catch (err) {
      skipped.push({ submissionId: id, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { enqueued, skipped };
}

// ── the connector ────────────────────────────────────────────────────────────────────────────────────

export interface NationalEndpoint { url: string | null | undefined; token: string | null | undefined; timeoutMs?: number }

/** POSTs a packet; answers what the receiver said. Unset URL: a final 'not configured' failure. */
export function nationalReportConnector(endpoint: NationalEndpoint): Connector {
  const timeoutMs = endpoint.timeoutMs ?? 10_000;
  return async (msg) => {
    if (!endpoint.url) return { ok: false, retryable: false, error: 'national reporting endpoint is not configured (IOC_NATIONAL_REPORT_URL)' };
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': msg.key,
          ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}),
        },
        body: JSON.stringify(msg.payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { ok: res.ok, httpStatus: res.status, body: await res.text() };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      const error = name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : `request failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`;
      return { ok: false, retryable: true, error };
    }
  };
}

/** The connectors this domain contributes to the outbox worker. */
export function nationalConnectors(endpoint: NationalEndpoint): Record<string, Connector> {
  return { [NATIONAL_CONNECTOR]: nationalReportConnector(endpoint) };
}

// ── delivery log, resend, code mapping (services behind national-push.routes.ts) ───────────────────

export interface NationalDelivery {
  id: number;
  key: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  submissionId: string | null;
  formCode: string | null;
  unitCode: string | null;
  periodId: string | null;
  revision: number | null;
  unmappedIndicators: string[];
  attemptLog: { at: string; httpStatus: number | null; responseBody: string | null; error: string | null; durationMs: number }[];
  packet: unknown;
}

function toDelivery(row: OutboxRow, attempts: OutboxAttemptRow[]): NationalDelivery {
  const packet = row.payload as Partial<NationalPacket> | null;
  const header = packet?.header;
  return {
    id: row.id, key: row.key, status: row.status as OutboxStatus, attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastError: row.lastError, deliveredAt: row.deliveredAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
    submissionId: row.entityId, formCode: header?.formCode ?? null, unitCode: header?.unit?.code ?? null, periodId: header?.period?.id ?? null,
    revision: header?.revision ?? null,
    unmappedIndicators: [...new Set((packet?.data ?? []).filter((d) => !d.isMapped).map((d) => d.localCode))],
    attemptLog: attempts.map((a) => ({ at: a.at.toISOString(), httpStatus: a.httpStatus, responseBody: a.responseBody, error: a.error, durationMs: a.durationMs })),
    packet: row.payload,
  };
}

/** The delivery log of national packets in the actor's scope, newest first, each with its attempts. */
export async function listNationalDeliveries(ctx: RequestContext, q: { status?: OutboxStatus | undefined; formCode?: string | undefined; limit?: number | undefined; beforeId?: number | undefined }) {
  can(ctx.actor, 'audit:read');
  const rows = await listOutbox(ctx.db, {
    connector: NATIONAL_CONNECTOR, status: q.status, unitPathPrefix: ctx.actor.scopePath, limit: q.limit ?? 50, beforeId: q.beforeId,
    ...(q.formCode ? { payloadContains: { header: { formCode: q.formCode } } } : {}),
  });
  const attempts = await attemptsOfMessages(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => toDelivery(r, attempts.filter((a) => a.outboxId === r.id))) };
}

/** Manual resend of a failed or delivered packet: same key, due now (the receiver drops a duplicate). */
export async function resendNationalDelivery(ctx: RequestContext, id: number): Promise<NationalDelivery> {
  can(ctx.actor, 'catalog:write');
  return ctx.db.transaction(async (tx) => {
    const row = await findOutboxMessage(tx, id);
    if (!row || row.connector !== NATIONAL_CONNECTOR || !isInScope(ctx.actor.scopePath, row.unitPath)) throw new AppError('not-found');
    const updated = await resend(tx, id);
    if (!updated) {
      throw new AppError('invalid-transition', { title: 'The packet is already waiting to be sent.', detail: 'Gói tin đang chờ gửi.', state: row.status });
    }
    await audit(tx, ctx, {
      action: 'national-push.resend', entityType: 'outbox', entityId: String(id), unitPath: row.unitPath,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError }, after: { status: updated.status, key: updated.key },
    });
    return toDelivery(updated, await attemptsOf(tx, id));
  });
}

export async function listNationalCodes(ctx: RequestContext) {
  can(ctx.actor, 'indicators:read');
  return (await allNationalCodes(ctx.db)).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** Maps local indicator codes to national ones; a null national code removes the mapping. */
export async function setNationalCodes(ctx: RequestContext, body: NationalCodesBody) {
  can(ctx.actor, 'catalog:write');
  await ctx.db.transaction(async (tx) => {
    const codes = [...new Set(body.codes.map((c) => c.indicatorCode))];
    const found = await indicatorIdsByCodes(tx, codes);
    const idOf = new Map(found.map((i) => [i.code, i.id]));
    const errors = body.codes.flatMap((c, i) => (idOf.has(c.indicatorCode) ? [] : [{ path: `body.codes.${i}.indicatorCode`, message: `unknown indicator ${c.indicatorCode}` }]));
    if (errors.length) throw new AppError('validation-failed', { errors });
    const before = await nationalCodesOf(tx, [...idOf.values()]);
    for (const c of body.codes) {
      const indicatorId = idOf.get(c.indicatorCode)!;
      if (c.nationalCode === null) await deleteNationalCode(tx, indicatorId);
      else await upsertNationalCode(tx, { indicatorId, nationalCode: c.nationalCode, nationalName: c.nationalName ?? null });
    }
    await audit(tx, ctx, {
      action: 'national-codes.set', entityType: 'national_codes', entityId: null, unitPath: null,
      before: before.map((b) => ({ indicatorId: b.indicatorId, nationalCode: b.nationalCode })), after: body.codes,
    });
  });
  return listNationalCodes(ctx);
}

// ── SQL ──────────────────────────────────────────────────────────────────────────────────────────────

async function findSubmissionById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row ?? null;
}

async function findFormById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(forms).where(eq(forms.id, id));
  return row ?? null;
}

async function nationalCodesOf(db: DbOrTx, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return [];
  return db.select().from(nationalCodes).where(inArray(nationalCodes.indicatorId, indicatorIds));
}

async function measureUnitsOf(db: DbOrTx, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return [];
  return db.select({ id: indicators.id, measureUnit: indicators.measureUnit }).from(indicators).where(inArray(indicators.id, indicatorIds));
}

async function indicatorIdsByCodes(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select({ id: indicators.id, code: indicators.code }).from(indicators).where(inArray(indicators.code, codes));
}

async function allNationalCodes(db: DbOrTx) {
  return db.select({ indicatorCode: indicators.code, nationalCode: nationalCodes.nationalCode, nationalName: nationalCodes.nationalName, updatedAt: nationalCodes.updatedAt })
    .from(nationalCodes).innerJoin(indicators, eq(indicators.id, nationalCodes.indicatorId)).orderBy(asc(indicators.code));
}

async function upsertNationalCode(db: DbOrTx, row: { indicatorId: string; nationalCode: string; nationalName: string | null }) {
  await db.insert(nationalCodes).values(row).onConflictDoUpdate({
    target: nationalCodes.indicatorId, set: { nationalCode: row.nationalCode, nationalName: row.nationalName, updatedAt: new Date() },
  });
}

async function deleteNationalCode(db: DbOrTx, indicatorId: string) {
  await db.delete(nationalCodes).where(eq(nationalCodes.indicatorId, indicatorId));
}

/** Packets already enqueued for a report, oldest first. */
async function nationalPacketsOf(db: DbOrTx, submissionId: string) {
  return db.select({ id: outbox.id, key: outbox.key, payload: outbox.payload }).from(outbox)
    .where(and(eq(outbox.connector, NATIONAL_CONNECTOR), eq(outbox.entityType, 'submission'), eq(outbox.entityId, submissionId)))
    .orderBy(asc(outbox.id));
}

/** Approved or locked reports decided since a time with no packet built for that decision (approve or lock). */
async function approvedWithoutCurrentPacket(db: DbOrTx, since: Date, limit: number) {
  return db.select({ id: submissions.id }).from(submissions).where(and(
    inArray(submissions.state, ['approved', 'locked']),
    gte(submissions.decidedAt, since),
    sql`NOT EXISTS (SELECT 1 FROM outbox o WHERE o.connector = ${NATIONAL_CONNECTOR} AND o.entity_type = 'submission'
      AND o.entity_id = ${submissions.id}::text AND (o.payload->'header'->>'approvedAt')::timestamptz = ${submissions.decidedAt})`,
  )).orderBy(asc(submissions.decidedAt)).limit(limit);
}
