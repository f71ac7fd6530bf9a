// Polling connectors to one-stop-shop systems (hệ thống thông tin giải quyết thủ tục hành chính).
//
// Assumed API of the remote system (documented for integrators; the field names inside a record are
// configurable through the field mapping, the envelope is not):
//   GET {baseUrl}?updatedSince=<cursor>&page=<n>&pageSize=<size>      Authorization: Bearer <token> (if set)
//   200 { "items": [record, …], "page": n, "totalPages"?: m, "hasMore"?: bool }   (or "data" for "items",
//       or a bare array). Pages start at 1; an empty page, hasMore=false or page ≥ totalPages ends the run.
//   updatedSince is the greatest `updatedAt` (mapped field) of the records of the last successful run,
//   exactly as the remote system wrote it (omitted on the first run); records at that instant may come
//   again, which the idempotent upsert absorbs.
// Each page is upserted in its own transaction (skip-invalid: one bad record does not block the feed); the
// cursor advances only after every page of the run has committed. A failed request is retried with
// exponential backoff; a failed run records last_error and the next scheduled run waits longer.
import { uuidv7 } from 'uuidv7';
import {
  type ConnectorRunResult, type CreateConnectorBody, type DossierConnector, FieldMapping, type UpdateConnectorBody,
} from '../../../shared/contracts/dossier-ingest.js';
import { type Actor, can, systemActor } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { publish } from '../../core/hub.js';
import type { Db } from '../../db/client.js';
import {
  claimConnector, deleteConnectorRow, enabledConnectorIds, findConnectorBySource, findConnectorRow, finishConnectorRun, heartbeatConnector,
  insertConnector, listConnectorRows, rootScope, updateConnectorRow,
} from './connector.queries.js';
import type { DossierConnectorRow } from './dossiers.table.js';
import { timeCell } from './dossier-import.js';
import { calendarFor, ingestDossiers } from './ingest.js';

const PAGE_SIZE = 500;
const MAX_PAGES_PER_RUN = 1_000;
const ATTEMPTS = 4;
const REQUEST_TIMEOUT_MS = 30_000;
const TICK_MS = 15_000;
const MAX_BACKOFF_FACTOR = 12;            // a failing connector is retried at most every 12 poll intervals
/** Base delay of the retries of one request (doubled per attempt, ±20 %); tests shorten it. */
export const connectorRetry = { baseMs: 1000 };

export interface ConnectorRunOptions {
  fetch?: typeof fetch;
  now?: Date;
}

function toConnector(row: DossierConnectorRow): DossierConnector {
  return {
    id: row.id, name: row.name, source: row.source, baseUrl: row.baseUrl, hasToken: !!row.token,
    fieldMapping: FieldMapping.parse(row.fieldMapping ?? {}), cursor: row.cursor, pollSeconds: row.pollSeconds, enabled: row.enabled,
    lastRunAt: row.lastRunAt?.toISOString() ?? null, lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null, lastError: row.lastError,
    lastCount: row.lastCount, updatedAt: row.updatedAt.toISOString(),
  };
}

/** A connector feeds the whole province as the system: only a root-scoped ingester configures or runs one. */
function canManageConnectors(actor: Actor): void {
  can(actor, 'dossiers:ingest');
  if (actor.scopePath.split('/').filter(Boolean).length !== 1) throw new AppError('forbidden');
}

// ---- CRUD

export async function listConnectors(ctx: RequestContext): Promise<{ items: DossierConnector[] }> {
  can(ctx.actor, 'dossiers:ingest');
  return { items: (await listConnectorRows(ctx.db)).map(toConnector) };
}

export async function getConnector(ctx: RequestContext, id: string): Promise<DossierConnector> {
  can(ctx.actor, 'dossiers:ingest');
  const row = await findConnectorRow(ctx.db, id);
  if (!row) throw new AppError('not-found');
  return toConnector(row);
}

const auditView = (c: DossierConnector) => ({ ...c, lastRunAt: undefined, lastSuccessAt: undefined, lastError: undefined, lastCount: undefined });

export async function createConnector(ctx: RequestContext, input: CreateConnectorBody): Promise<DossierConnector> {
  canManageConnectors(ctx.actor);
  const body = { ...input, fieldMapping: FieldMapping.parse(input.fieldMapping ?? {}) };
  return ctx.db.transaction(async (tx) => {
    if (await findConnectorBySource(tx, body.source)) throw new AppError('duplicate-code', { detail: 'Nguồn dữ liệu này đã có bộ kết nối.' });
    const id = uuidv7();
    await insertConnector(tx, {
      id, name: body.name.normalize('NFC'), source: body.source, baseUrl: body.baseUrl, token: body.token ?? null, fieldMapping: body.fieldMapping,
      cursor: body.cursor ?? null, pollSeconds: body.pollSeconds ?? 300, enabled: body.enabled ?? true,
    });
    const created = toConnector((await findConnectorRow(tx, id))!);
    await audit(tx, ctx, { action: 'dossier-connector.create', entityType: 'dossier-connector', entityId: id, unitPath: null, after: auditView(created) });
    await ctx.publish(tx, { topic: 'dossiers', type: 'dossier.connector.changed', unitPath: null, ids: [id] });
    return created;
  });
}

export async function updateConnector(ctx: RequestContext, id: string, body: UpdateConnectorBody): Promise<DossierConnector> {
  canManageConnectors(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const before = await findConnectorRow(tx, id);
    if (!before) throw new AppError('not-found');
    const changes: Parameters<typeof updateConnectorRow>[2] = {};
    if (body.name !== undefined) changes.name = body.name.normalize('NFC');
    if (body.baseUrl !== undefined) changes.baseUrl = body.baseUrl;
    if (body.token !== undefined) changes.token = body.token;
    if (body.fieldMapping !== undefined) changes.fieldMapping = FieldMapping.parse(body.fieldMapping);
    if (body.cursor !== undefined) changes.cursor = body.cursor;
    if (body.pollSeconds !== undefined) changes.pollSeconds = body.pollSeconds;
    if (body.enabled !== undefined) changes.enabled = body.enabled;
    await updateConnectorRow(tx, id, changes);
    const updated = toConnector((await findConnectorRow(tx, id))!);
    await audit(tx, ctx, {
      action: 'dossier-connector.update', entityType: 'dossier-connector', entityId: id, unitPath: null,
      before: { ...auditView(toConnector(before)), tokenChanged: body.token !== undefined }, after: auditView(updated),
    });
    await ctx.publish(tx, { topic: 'dossiers', type: 'dossier.connector.changed', unitPath: null, ids: [id] });
    return updated;
  });
}

export async function deleteConnector(ctx: RequestContext, id: string): Promise<{ ok: true }> {
  canManageConnectors(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const before = await findConnectorRow(tx, id);
    if (!before) throw new AppError('not-found');
    await deleteConnectorRow(tx, id);
    await audit(tx, ctx, { action: 'dossier-connector.delete', entityType: 'dossier-connector', entityId: id, unitPath: null, before: auditView(toConnector(before)) });
    await ctx.publish(tx, { topic: 'dossiers', type: 'dossier.connector.changed', unitPath: null, ids: [id] });
    return { ok: true as const };
  });
}

// ---- Mapping

/** The value at a dotted path ('hoSo.thuTuc.ma', 'lichSu.0.trangThai'). */
export function valueAt(record: unknown, path: string): unknown {
  let v: unknown = record;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const time = (v: unknown, end: boolean): string | undefined => timeCell(text(v), end);
const flag = (v: unknown): unknown => (v === undefined || v === null || v === '' ? undefined : v === 1 || v === '1' || v === 'true' ? true : v === 0 || v === '0' || v === 'false' ? false : v);

/** One remote record → the dossier shape of the bulk API, through the connector's field mapping. */
export function mapRecord(record: unknown, m: FieldMapping): Record<string, unknown> {
  const rawEvents = valueAt(record, m.events);
  const events = Array.isArray(rawEvents) ? rawEvents.map((e) => {
    const status = text(valueAt(e, m.eventStatus));
    const ev: Record<string, unknown> = { at: time(valueAt(e, m.eventAt), false), status: status !== undefined ? m.statusValues[status] ?? status : undefined };
    const agency = text(valueAt(e, m.eventAgencyCode));
    const note = text(valueAt(e, m.eventNote));
    if (agency) ev.agencyCode = agency;
    if (note) ev.note = note;
    return ev;
  }) : [];
  const channel = text(valueAt(record, m.channel));
  const dossier: Record<string, unknown> = {
    code: text(valueAt(record, m.code)), procedureCode: text(valueAt(record, m.procedureCode)), receivingUnitCode: text(valueAt(record, m.receivingUnitCode)),
    handlingAgencyCode: text(valueAt(record, m.handlingAgencyCode)), channel: channel !== undefined ? m.channelValues[channel] ?? channel : undefined,
    receivedAt: time(valueAt(record, m.receivedAt), false), dueAt: time(valueAt(record, m.dueAt), true),
    onlinePayment: flag(valueAt(record, m.onlinePayment)), digitisedResult: flag(valueAt(record, m.digitisedResult)),
    satisfaction: text(valueAt(record, m.satisfaction)), result: text(valueAt(record, m.result)), events,
  };
  for (const k of Object.keys(dossier)) if (dossier[k] === undefined) delete dossier[k];
  return dossier;
}

// ---- Running

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class RemoteError extends Error {}

async function fetchPage(connector: DossierConnectorRow, page: number, options: ConnectorRunOptions): Promise<{ items: unknown[]; more: boolean | null }> {
  const url = new URL(connector.baseUrl);
  if (connector.cursor) url.searchParams.set('updatedSince', connector.cursor);
  url.searchParams.set('page', String(page));
  url.searchParams.set('pageSize', String(PAGE_SIZE));
  const doFetch = options.fetch ?? fetch;
  const base = connectorRetry.baseMs;
  let lastError: Error = new RemoteError('no attempt');
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(base * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4));
    try {
      const res = await doFetch(url, {
        headers: { accept: 'application/json', ...(connector.token ? { authorization: `Bearer ${connector.token}` } : {}) },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await res.text();
      if (!res.ok) {
        lastError = new RemoteError(`GET ${url.pathname} page ${page}: HTTP ${res.status} ${body.slice(0, 200)}`);
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) break;   // will not get better by retrying
        continue;
      }
      const json = JSON.parse(body) as unknown;
      const envelope = json as { items?: unknown; data?: unknown; hasMore?: unknown; totalPages?: unknown };
      const items = Array.isArray(json) ? json : Array.isArray(envelope.items) ? envelope.items : Array.isArray(envelope.data) ? envelope.data : null;
      if (!items) throw new RemoteError(`GET ${url.pathname} page ${page}: no "items" array in the answer`);
      const more = typeof envelope.hasMore === 'boolean' ? envelope.hasMore : typeof envelope.totalPages === 'number' ? page < envelope.totalPages : null;
      return { items, more };
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err));
    }
  }
  throw lastError;
}

/**
 * One run of a claimed connector: every page since the cursor, each upserted and committed, then the cursor
 * moved to the greatest updatedAt seen. Throws on failure (after recording last_error).
 */
async function runClaimed(db: Db, connector: DossierConnectorRow, options: ConnectorRunOptions): Promise<ConnectorRunResult> {
  const mapping = FieldMapping.parse(connector.fieldMapping ?? {});
  const actor = systemActor(await rootScope(db));
  const ctx = { actor, ip: null, requestId: null, publish };
  const result: ConnectorRunResult = { pages: 0, dossiers: 0, created: 0, updated: 0, unchanged: 0, eventsAdded: 0, errors: 0, cursor: connector.cursor, skipped: false };
  let maxUpdated: string | null = null;
  let firstError: string | null = null;
  try {
    for (let page = 1; page <= MAX_PAGES_PER_RUN; page++) {
      const { items, more } = await fetchPage(connector, page, options);
      if (items.length === 0) break;
      result.pages++;
      for (const item of items) {
        const u = text(valueAt(item, mapping.updatedAt));
        if (u !== undefined && (maxUpdated === null || Date.parse(timeCell(u, false) ?? u) > Date.parse(timeCell(maxUpdated, false) ?? maxUpdated))) maxUpdated = u;
      }
      const dossiers = items.map((item) => mapRecord(item, mapping));
      const calendar = await calendarFor(db, dossiers);
      const answer = await db.transaction(async (tx) => ingestDossiers(tx, ctx, { source: connector.source, mode: 'skip-invalid', dossiers }, { calendar, ...(options.now ? { now: options.now } : {}) }));
      result.dossiers += items.length;
      result.created += answer.created;
      result.updated += answer.updated;
      result.unchanged += answer.unchanged;
      result.eventsAdded += answer.eventsAdded;
      result.errors += new Set(answer.errors.map((e) => e.index)).size;
      if (!firstError && answer.errors[0]) firstError = `${answer.errors[0].code ?? '?'} (${answer.errors[0].field ?? ''}): ${answer.errors[0].messageEn}`;
      await heartbeatConnector(db, connector.id);
      if (more === false || items.length < PAGE_SIZE && more === null) break;
    }
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await finishConnectorRun(db, connector.id, { ok: false, error: message });
    throw err;
  }
  result.cursor = maxUpdated ?? connector.cursor;
  const note = result.errors > 0 ? `skipped ${result.errors} invalid record(s), e.g. ${firstError}` : null;
  await finishConnectorRun(db, connector.id, { ok: true, cursor: result.cursor, count: result.dossiers, note });
  return result;
}

const runningHere = new Set<string>();
const failures = new Map<string, number>();

/** Claims and runs one connector unless it is running (here or in another process) or, when scheduled, not due. */
export async function runConnector(db: Db, id: string, force: boolean, options: ConnectorRunOptions = {}): Promise<ConnectorRunResult | null> {
  if (runningHere.has(id)) return null;
  runningHere.add(id);
  try {
    const backoff = Math.min(MAX_BACKOFF_FACTOR, 2 ** (failures.get(id) ?? 0));
    const connector = await claimConnector(db, id, { force, backoff });
    if (!connector) return null;
    try {
      const result = await runClaimed(db, connector, options);
      failures.delete(id);
      return result;
    } catch (err) {
      failures.set(id, (failures.get(id) ?? 0) + 1);
      throw err;
    }
  } finally {
    runningHere.delete(id);
  }
}

/** POST /api/dossiers/connectors/:id/run */
export async function runConnectorNow(ctx: RequestContext, id: string, options: ConnectorRunOptions = {}): Promise<ConnectorRunResult> {
  canManageConnectors(ctx.actor);
  if (!(await findConnectorRow(ctx.db, id))) throw new AppError('not-found');
  try {
    const result = await runConnector(ctx.db, id, true, options);
    return result ?? { pages: 0, dossiers: 0, created: 0, updated: 0, unchanged: 0, eventsAdded: 0, errors: 0, cursor: null, skipped: true };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('upstream-failed', { title: `The one-stop-shop system could not be read: ${(err as Error).message}`.slice(0, 500) });
  }
}

/** Background polling (background.ts): every 15 s, each enabled connector that is due runs once. */
export function startDossierConnectors(db: Db, log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }): () => Promise<void> {
  let stopped = false;
  let current: Promise<void> | null = null;
  const tick = async () => {
    for (const id of await enabledConnectorIds(db)) {
      if (stopped) return;
      await runConnector(db, id, false).then(
        (r) => { if (r && r.dossiers > 0) log.info({ connectorId: id, ...r }, 'dossier connector ran'); },
        (err: unknown) => log.warn({ err, connectorId: id }, 'dossier connector failed'),
      );
    }
  };
  const timer = setInterval(() => {
    if (current || stopped) return;   // a long run is not stacked up behind itself
    current = tick().catch((err: unknown) => log.warn({ err }, 'dossier connectors: listing failed')).finally(() => { current = null; });
  }, TICK_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}
