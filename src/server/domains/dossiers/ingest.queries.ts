// Set-based SQL of the dossier ingest: every statement handles a whole chunk (rows travel as one JSON
// parameter, read with json_to_recordset, which PGlite and PostgreSQL treat alike).
import { sql } from 'drizzle-orm';
import { type DbOrTx, selectRows } from '../../db/client.js';

const json = (rows: unknown) => sql`${JSON.stringify(rows)}::json`;

export interface ProcedureRef { id: string; code: string; processingDays: number }
export interface UnitRef { id: string; code: string; path: string; validFrom: string; validTo: string | null }
export interface AgencyRef { id: string; code: string }

export async function findProceduresByCodes(db: DbOrTx, codes: string[]): Promise<ProcedureRef[]> {
  if (codes.length === 0) return [];
  return selectRows<ProcedureRef>(db, sql`SELECT id, code, processing_days AS "processingDays" FROM procedures
    WHERE code IN (SELECT json_array_elements_text(${json(codes)}))`);
}

export async function findUnitsByCodes(db: DbOrTx, codes: string[]): Promise<UnitRef[]> {
  if (codes.length === 0) return [];
  return selectRows<UnitRef>(db, sql`SELECT id, code, path, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
    FROM units WHERE code IN (SELECT json_array_elements_text(${json(codes)}))`);
}

export async function findAgenciesByCodes(db: DbOrTx, codes: string[]): Promise<AgencyRef[]> {
  if (codes.length === 0) return [];
  return selectRows<AgencyRef>(db, sql`SELECT id, code FROM agencies WHERE code IN (SELECT json_array_elements_text(${json(codes)}))`);
}

/**
 * Locks the procedures, units and agencies a batch names FOR KEY SHARE — what a foreign-key check does per
 * row, once per batch: a concurrent delete of one of them waits for this transaction and then meets the
 * delete guard of migration 0012, which finds the new dossiers.
 */
export async function lockReferences(tx: DbOrTx, r: { procedureIds: string[]; unitIds: string[]; agencyIds: string[] }): Promise<void> {
  const ids = (list: string[]) => sql`${`{${[...new Set(list)].join(',')}}`}::uuid[]`;
  if (r.procedureIds.length) await tx.execute(sql`SELECT 1 FROM procedures WHERE id = ANY(${ids(r.procedureIds)}) FOR KEY SHARE`);
  if (r.unitIds.length) await tx.execute(sql`SELECT 1 FROM units WHERE id = ANY(${ids(r.unitIds)}) FOR KEY SHARE`);
  if (r.agencyIds.length) await tx.execute(sql`SELECT 1 FROM agencies WHERE id = ANY(${ids(r.agencyIds)}) FOR KEY SHARE`);
}

/** Serialises ingests of one source: each reads the current state of its dossiers, then writes the merge. */
export async function lockSource(tx: DbOrTx, source: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727101, hashtext(${source}))`);
}

export interface StoredDossier {
  id: number; code: string; procedureId: string; receivingUnitId: string; unitPath: string;
  handlingAgencyId: string | null; holdingAgencyId: string | null; channel: string;
  receivedAt: Date; dueAt: Date | null; finishedAt: Date | null; returnedAt: Date | null;
  status: string; result: string | null; timeliness: string | null; processingDays: number | null;
  onlinePayment: boolean; digitisedResult: boolean; satisfaction: string | null; lastEventAt: Date;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === 'number' ? v : Number(v)));
// Times travel as epoch milliseconds: the drivers turn a number into a number, a timestamp into a Date by parsing text.
const ms = (column: string) => sql.raw(`(extract(epoch FROM ${column}) * 1000)::float8 AS ${column}`);

export async function findDossiersByCodes(db: DbOrTx, source: string, codes: string[]): Promise<StoredDossier[]> {
  if (codes.length === 0) return [];
  // One index probe per code on (source, code), forced by LATERAL. Written as `code = ANY(…)` or a plain join,
  // the planner — once statistics say a source is small (a new connector) — used the index on source alone and
  // read every dossier of the source for each batch: at 50,000 stored, 5,000 per batch, 4× slower, and worse
  // as the source grows.
  const rows = await selectRows<Record<string, unknown>>(db, sql`
    SELECT d.id, d.code, procedure_id, receiving_unit_id, unit_path, handling_agency_id, holding_agency_id, channel, ${ms('received_at')}, ${ms('due_at')},
           ${ms('finished_at')}, ${ms('returned_at')}, status, result, timeliness, processing_days, online_payment, digitised_result, satisfaction, ${ms('last_event_at')}
    FROM json_array_elements_text(${json(codes)}) AS wanted(code)
    CROSS JOIN LATERAL (SELECT * FROM dossiers x WHERE x.source = ${source} AND x.code = wanted.code LIMIT 1) d`);   // LIMIT keeps it a subquery (codes are unique per source)
  return rows.map((r) => ({
    id: Number(r.id), code: String(r.code), procedureId: String(r.procedure_id), receivingUnitId: String(r.receiving_unit_id), unitPath: String(r.unit_path),
    handlingAgencyId: (r.handling_agency_id as string | null) ?? null, holdingAgencyId: (r.holding_agency_id as string | null) ?? null,
    channel: String(r.channel), receivedAt: toDate(r.received_at)!, dueAt: toDate(r.due_at), finishedAt: toDate(r.finished_at), returnedAt: toDate(r.returned_at),
    status: String(r.status), result: (r.result as string | null) ?? null, timeliness: (r.timeliness as string | null) ?? null,
    processingDays: r.processing_days === null || r.processing_days === undefined ? null : Number(r.processing_days),
    onlinePayment: r.online_payment === true, digitisedResult: r.digitised_result === true, satisfaction: (r.satisfaction as string | null) ?? null,
    lastEventAt: toDate(r.last_event_at)!,
  }));
}

export interface StoredEvent { dossierId: number; at: Date; status: string; agencyId: string | null }

/**
 * The stored events of these dossiers. No event precedes its dossier's receipt (ingest rejects it), so
 * `since` (the earliest receipt among them) skips the yearly partitions of older years: a batch of recent
 * dossiers probes the indexes of a few partitions instead of all of them.
 */
export async function findEventsOfDossiers(db: DbOrTx, dossierIds: number[], since: Date): Promise<StoredEvent[]> {
  if (dossierIds.length === 0) return [];
  const rows = await selectRows<{ dossier_id: unknown; at: unknown; status: string; agency_id: string | null }>(db, sql`
    SELECT dossier_id, ${ms('at')}, status, agency_id FROM dossier_events
    WHERE dossier_id = ANY(${`{${dossierIds.join(',')}}`}::bigint[]) AND at >= ${since.toISOString()}::timestamptz`);
  return rows.map((r) => ({ dossierId: Number(r.dossier_id), at: toDate(r.at)!, status: r.status, agencyId: r.agency_id }));
}

/** The columns written for a dossier (timestamps as ISO strings). */
export interface DossierWrite {
  id?: number;
  code: string; procedure_id: string; receiving_unit_id: string; unit_path: string; handling_agency_id: string | null; holding_agency_id: string | null;
  channel: string; received_at: string; due_at: string | null; finished_at: string | null; returned_at: string | null; status: string; result: string | null;
  timeliness: string | null; processing_days: number | null; online_payment: boolean; digitised_result: boolean; satisfaction: string | null; last_event_at: string;
}

const dossierColumns = `code text, procedure_id uuid, receiving_unit_id uuid, unit_path text, handling_agency_id uuid, holding_agency_id uuid,
  channel text, received_at timestamptz, due_at timestamptz, finished_at timestamptz, returned_at timestamptz, status text, result text,
  timeliness text, processing_days double precision, online_payment boolean, digitised_result boolean, satisfaction text, last_event_at timestamptz`;

/**
 * Inserts new dossiers and their events in one statement (events find their dossier by code). Answers the
 * dossiers' ids and how many events were added.
 */
export async function insertDossiersWithEvents(
  tx: DbOrTx, source: string, rows: DossierWrite[], events: (EventWrite & { code: string })[],
): Promise<{ dossiers: { id: number; code: string }[]; eventsAdded: number }> {
  if (rows.length === 0) return { dossiers: [], eventsAdded: 0 };
  const out = await selectRows<{ id: unknown; code: string; events: unknown }>(tx, sql`
    WITH d AS (
      INSERT INTO dossiers (source, code, procedure_id, receiving_unit_id, unit_path, handling_agency_id, holding_agency_id, channel, received_at, due_at,
        finished_at, returned_at, status, result, timeliness, processing_days, online_payment, digitised_result, satisfaction, last_event_at)
      SELECT ${source}, x.code, x.procedure_id, x.receiving_unit_id, x.unit_path, x.handling_agency_id, x.holding_agency_id, x.channel, x.received_at, x.due_at,
        x.finished_at, x.returned_at, x.status, x.result, x.timeliness, x.processing_days, x.online_payment, x.digitised_result, x.satisfaction, x.last_event_at
      FROM json_to_recordset(${json(rows)}) AS x(${sql.raw(dossierColumns)})
      RETURNING id, code),
    e AS (
      INSERT INTO dossier_events (dossier_id, at, status, agency_id, note)
      SELECT d.id, x.at, x.status, x.agency_id, x.note
      FROM json_to_recordset(${json(events)}) AS x(code text, at timestamptz, status text, agency_id uuid, note text) JOIN d ON d.code = x.code
      ON CONFLICT (dossier_id, at, status) DO NOTHING
      RETURNING 1)
    SELECT d.id, d.code, (SELECT count(*) FROM e)::int AS events FROM d`);
  return { dossiers: out.map((r) => ({ id: Number(r.id), code: r.code })), eventsAdded: Number(out[0]?.events ?? 0) };
}

export async function updateDossiers(tx: DbOrTx, rows: (DossierWrite & { id: number })[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    UPDATE dossiers d SET procedure_id = x.procedure_id, receiving_unit_id = x.receiving_unit_id, unit_path = x.unit_path,
      handling_agency_id = x.handling_agency_id, holding_agency_id = x.holding_agency_id, channel = x.channel, received_at = x.received_at,
      due_at = x.due_at, finished_at = x.finished_at, returned_at = x.returned_at, status = x.status, result = x.result, timeliness = x.timeliness,
      processing_days = x.processing_days, online_payment = x.online_payment, digitised_result = x.digitised_result, satisfaction = x.satisfaction,
      last_event_at = x.last_event_at, updated_at = now(),
      -- a new due date re-arms the due-soon/overdue alerts; finishing settles them
      due_soon_alerted_at = CASE WHEN x.due_at IS DISTINCT FROM d.due_at THEN NULL ELSE d.due_soon_alerted_at END,
      overdue_alerted_at = CASE WHEN x.due_at IS DISTINCT FROM d.due_at THEN NULL ELSE d.overdue_alerted_at END
    FROM json_to_recordset(${json(rows)}) AS x(id bigint, ${sql.raw(dossierColumns)})
    WHERE d.id = x.id`);
}

export interface EventWrite { dossier_id: number; at: string; status: string; agency_id: string | null; note: string | null }

/** Appends events; one already stored (same dossier, time and status) is skipped. Answers how many were added. */
export async function insertEvents(tx: DbOrTx, rows: EventWrite[]): Promise<number> {
  if (rows.length === 0) return 0;
  const [row] = await selectRows<{ n: number }>(tx, sql`
    WITH ins AS (
      INSERT INTO dossier_events (dossier_id, at, status, agency_id, note)
      SELECT x.dossier_id, x.at, x.status, x.agency_id, x.note
      FROM json_to_recordset(${json(rows)}) AS x(dossier_id bigint, at timestamptz, status text, agency_id uuid, note text)
      ON CONFLICT (dossier_id, at, status) DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`);
  return Number(row?.n ?? 0);
}

export interface StatDelta {
  day: string; procedure_id: string; unit_id: string; agency_id: string; channel: string;
  received: number; finished: number; finished_early: number; finished_on_time: number; finished_late: number;
  processing_days_sum: number; paid_online: number; digitised: number; rated: number; satisfied: number;
}

/** Adds the deltas (negative for a dossier's old contribution) to the daily counts, one statement for all keys. */
export async function addDailyStats(tx: DbOrTx, deltas: StatDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await tx.execute(sql`
    INSERT INTO dossier_daily_stats AS s (day, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time,
      finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    SELECT x.day, x.procedure_id, x.unit_id, x.agency_id, x.channel, x.received, x.finished, x.finished_early, x.finished_on_time,
      x.finished_late, x.processing_days_sum, x.paid_online, x.digitised, x.rated, x.satisfied
    FROM json_to_recordset(${json(deltas)}) AS x(day date, procedure_id uuid, unit_id uuid, agency_id uuid, channel text, received int, finished int,
      finished_early int, finished_on_time int, finished_late int, processing_days_sum double precision, paid_online int, digitised int, rated int, satisfied int)
    ON CONFLICT (day, procedure_id, unit_id, agency_id, channel) DO UPDATE SET
      received = s.received + EXCLUDED.received, finished = s.finished + EXCLUDED.finished,
      finished_early = s.finished_early + EXCLUDED.finished_early, finished_on_time = s.finished_on_time + EXCLUDED.finished_on_time,
      finished_late = s.finished_late + EXCLUDED.finished_late, processing_days_sum = s.processing_days_sum + EXCLUDED.processing_days_sum,
      paid_online = s.paid_online + EXCLUDED.paid_online, digitised = s.digitised + EXCLUDED.digitised,
      rated = s.rated + EXCLUDED.rated, satisfied = s.satisfied + EXCLUDED.satisfied`);
}

/**
 * The daily counts recomputed from the dossiers themselves (what addDailyStats keeps current); used to
 * rebuild them after a set-based load and by tests. `where` narrows the dossiers (SQL on alias d).
 */
export function dailyStatsRecountSql(where = sql`TRUE`) {
  return sql`
    WITH d AS (SELECT * FROM dossiers d WHERE ${where}),
    rec AS (
      SELECT (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, procedure_id, receiving_unit_id AS unit_id,
             coalesce(handling_agency_id, '00000000-0000-0000-0000-000000000000'::uuid) AS agency_id, channel,
             1 AS received, 0 AS finished, 0 AS finished_early, 0 AS finished_on_time, 0 AS finished_late, 0::double precision AS processing_days_sum,
             0 AS paid_online, 0 AS digitised, 0 AS rated, 0 AS satisfied
      FROM d
      UNION ALL
      SELECT (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, procedure_id, receiving_unit_id,
             coalesce(handling_agency_id, '00000000-0000-0000-0000-000000000000'::uuid), channel,
             0, 1, (timeliness IS NOT DISTINCT FROM 'early')::int, (timeliness IS DISTINCT FROM 'early' AND timeliness IS DISTINCT FROM 'late')::int,
             (timeliness IS NOT DISTINCT FROM 'late')::int, coalesce(processing_days, 0),
             online_payment::int, digitised_result::int, (satisfaction IS NOT NULL)::int, coalesce(satisfaction IN ('very_satisfied', 'satisfied'), false)::int
      FROM d WHERE finished_at IS NOT NULL
    )
    SELECT day, procedure_id, unit_id, agency_id, channel, sum(received)::int AS received, sum(finished)::int AS finished,
           sum(finished_early)::int AS finished_early, sum(finished_on_time)::int AS finished_on_time, sum(finished_late)::int AS finished_late,
           sum(processing_days_sum)::double precision AS processing_days_sum, sum(paid_online)::int AS paid_online, sum(digitised)::int AS digitised,
           sum(rated)::int AS rated, sum(satisfied)::int AS satisfied
    FROM rec GROUP BY day, procedure_id, unit_id, agency_id, channel`;
}

/** Replaces every daily count with a recount from the dossiers (after a set-based load such as the demo seed). */
export async function rebuildDailyStats(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`DELETE FROM dossier_daily_stats`);
  await tx.execute(sql`INSERT INTO dossier_daily_stats (day, procedure_id, unit_id, agency_id, channel, received, finished, finished_early,
      finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    ${dailyStatsRecountSql()}`);
}
