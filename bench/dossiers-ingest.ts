// dossiers-ingest: bulk upsert throughput of the dossier ingest (ingestDossiers, the function behind
// POST /api/dossiers/bulk, the connector and the file import) in batches of 5,000: first sends (create),
// re-sends with one new event each (merge + update), identical re-sends (unchanged), and one 10,000-dossier
// request over HTTP. Beside it, the raw baseline of the same run: the same dossier and event rows inserted
// set-based into unindexed scratch tables (what writing alone costs, without validation, merge and counts).
import { sql } from 'drizzle-orm';
import type { BenchOptions, BenchRow, DatabaseKind } from './bench-setup.js';
import { listenApp, openBenchDatabase, signIn } from './bench-setup.js';
import { systemActor } from '../src/server/core/auth.js';
import { publish } from '../src/server/core/hub.js';
import { type Database, selectRows } from '../src/server/db/client.js';
import { ingestDossiers } from '../src/server/domains/dossiers/ingest.js';

const BATCH = 5_000;
// Goal from the issue, on PostgreSQL: at least 10,000 dossiers/s for bulk upsert in batches of a few thousand.
const GOAL_PER_SECOND = 10_000;

const log = (message: string) => process.stderr.write(`bench: dossiers-ingest ${message}\n`);

interface Fixture { procedures: string[]; communes: string[]; agencies: string[] }

async function fixtureOf(database: Database): Promise<Fixture> {
  const procedures = (await selectRows<{ code: string }>(database.db, sql`SELECT code FROM procedures WHERE processing_days > 0 ORDER BY code LIMIT 200`)).map((r) => r.code);
  const communes = (await selectRows<{ code: string }>(database.db, sql`SELECT code FROM units WHERE path LIKE '/VN/70/%' AND level = 3
    AND valid_from <= '2024-01-01' AND (valid_to IS NULL OR valid_to > '2024-12-31') ORDER BY code`)).map((r) => r.code);
  const agencies = (await selectRows<{ code: string }>(database.db, sql`SELECT code FROM agencies WHERE code LIKE 'BP-S%' AND valid_to >= '2025-03-01' ORDER BY code`)).map((r) => r.code);
  if (procedures.length === 0 || communes.length === 0) throw new Error('the bench database has no procedures or communes (demo not seeded?)');
  return { procedures, communes, agencies };
}

/** `count` dossiers received in 2024, each with receipt, in-progress and (for most) finish events; `extra` adds one event. */
export function benchDossiers(f: Fixture, count: number, prefix: string, extra = false): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const day = 1 + (i % 300);
    const received = new Date(Date.UTC(2024, 0, day, 1 + (i % 8), i % 60));
    const at = (hours: number) => new Date(received.getTime() + hours * 3_600_000).toISOString();
    const agency = f.agencies[i % f.agencies.length];
    const events: Record<string, unknown>[] = [{ at: at(0), status: 'received' }, { at: at(2), status: 'in_progress', ...(agency ? { agencyCode: agency } : {}) }];
    if (i % 10 !== 0) events.push({ at: at(24 * (1 + (i % 9))), status: 'finished' });
    if (extra) events.push({ at: at(1), status: 'additional_docs' });
    out.push({
      code: `${prefix}-${i}`, procedureCode: f.procedures[i % f.procedures.length], receivingUnitCode: f.communes[i % f.communes.length],
      ...(agency ? { handlingAgencyCode: agency } : {}), channel: i % 3 === 0 ? 'direct' : 'online', receivedAt: received.toISOString(),
      onlinePayment: i % 4 === 0, satisfaction: i % 5 === 0 ? 'satisfied' : undefined, events,
    });
  }
  return out;
}

async function rootActor(database: Database) {
  const [root] = await selectRows<{ id: string; name: string; path: string }>(database.db, sql`SELECT id, name, path FROM units WHERE parent_id IS NULL ORDER BY level LIMIT 1`);
  return systemActor(root!);
}

/** Upserts `dossiers` in batches, one transaction each; answers dossiers per second. */
async function upsertAll(database: Database, source: string, dossiers: Record<string, unknown>[], expect: 'created' | 'updated' | 'unchanged'): Promise<number> {
  const ctx = { actor: await rootActor(database), ip: null, requestId: null, publish };
  const t0 = performance.now();
  for (let i = 0; i < dossiers.length; i += BATCH) {
    const batch = dossiers.slice(i, i + BATCH);
    const result = await database.db.transaction((tx) => ingestDossiers(tx, ctx, { source, mode: 'all-or-nothing', dossiers: batch }));
    if (result[expect] !== batch.length) throw new Error(`expected ${batch.length} ${expect}, got ${JSON.stringify({ ...result, errors: result.errors.slice(0, 3) })}`);
  }
  return dossiers.length / ((performance.now() - t0) / 1000);
}

/** The raw baseline: the same rows into unindexed scratch tables, set-based, one statement per batch and table. */
async function rawInsert(database: Database, dossiers: Record<string, unknown>[]): Promise<number> {
  await database.db.execute(sql`CREATE TABLE IF NOT EXISTS bench_raw_dossiers (code text, procedure_code text, unit_code text, agency_code text, channel text, received_at timestamptz)`);
  await database.db.execute(sql`CREATE TABLE IF NOT EXISTS bench_raw_events (code text, at timestamptz, status text, agency_code text)`);
  const t0 = performance.now();
  for (let i = 0; i < dossiers.length; i += BATCH) {
    const batch = dossiers.slice(i, i + BATCH);
    const events = batch.flatMap((d) => (d.events as Record<string, unknown>[]).map((e) => ({ code: d.code, at: e.at, status: e.status, agency_code: e.agencyCode ?? null })));
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO bench_raw_dossiers SELECT * FROM json_to_recordset(${JSON.stringify(batch.map((d) => ({
        code: d.code, procedure_code: d.procedureCode, unit_code: d.receivingUnitCode, agency_code: d.handlingAgencyCode ?? null, channel: d.channel, received_at: d.receivedAt,
      })))}::json) AS x(code text, procedure_code text, unit_code text, agency_code text, channel text, received_at timestamptz)`);
      await tx.execute(sql`INSERT INTO bench_raw_events SELECT * FROM json_to_recordset(${JSON.stringify(events)}::json) AS x(code text, at timestamptz, status text, agency_code text)`);
    });
  }
  const rate = dossiers.length / ((performance.now() - t0) / 1000);
  await database.db.execute(sql`DROP TABLE bench_raw_dossiers`);
  await database.db.execute(sql`DROP TABLE bench_raw_events`);
  return rate;
}

const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;

/** Runs the measure on an opened, demo-seeded database (closes nothing). */
export async function measureDossierIngestOn(database: Database, kind: DatabaseKind, count: number, adminPassword?: string): Promise<{ rows: BenchRow[]; created: number; updated: number; unchanged: number; raw: number; httpMs: number }> {
  const fixture = await fixtureOf(database);
  const first = benchDossiers(fixture, count, 'B');
  log(`${kind}: ${count} dossiers, batches of ${BATCH}`);
  const raw = await rawInsert(database, first);
  const created = await upsertAll(database, 'bench', first, 'created');
  const updated = await upsertAll(database, 'bench', benchDossiers(fixture, count, 'B', true), 'updated');
  const unchanged = await upsertAll(database, 'bench', benchDossiers(fixture, count, 'B', true), 'unchanged');
  log(`${kind}: create ${perSecond(created)}, update ${perSecond(updated)}, unchanged ${perSecond(unchanged)}, raw ${perSecond(raw)}`);
  // One full request over HTTP, as a one-stop-shop system sends it.
  const app = await listenApp(database);
  let httpMs: number;
  try {
    const session = await signIn(app.baseUrl, 'admin', adminPassword);
    const body = JSON.stringify({ source: 'bench-http', dossiers: benchDossiers(fixture, 10_000, 'H') });
    const t0 = performance.now();
    const res = await fetch(`${app.baseUrl}/api/dossiers/bulk`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf }, body });
    httpMs = performance.now() - t0;
    if (res.status !== 200) throw new Error(`POST /api/dossiers/bulk: ${res.status} ${(await res.text()).slice(0, 300)}`);
  } finally {
    await app.app.close();
  }
  const goal = kind === 'postgres' ? `≥ ${perSecond(GOAL_PER_SECOND)}` : 'reported';
  const pass = (v: number) => (kind === 'postgres' ? v >= GOAL_PER_SECOND : null);
  const rows: BenchRow[] = [
    { measure: `dossier upsert, create (${count}, batches of ${BATCH})`, database: kind, value: perSecond(created), baseline: `${perSecond(raw)} raw insert`, ratio: `${(created / raw).toFixed(2)}×`, goal, pass: pass(created) },
    { measure: 'dossier upsert, re-send with a new event', database: kind, value: perSecond(updated), baseline: `${perSecond(raw)} raw insert`, ratio: `${(updated / raw).toFixed(2)}×`, goal, pass: pass(updated) },
    { measure: 'dossier upsert, identical re-send', database: kind, value: perSecond(unchanged), baseline: '-', ratio: '-', goal: 'reported', pass: null },
    { measure: 'POST /api/dossiers/bulk, 10,000 dossiers', database: kind, value: `${httpMs.toFixed(0)} ms`, baseline: '-', ratio: '-', goal: 'reported', pass: null },
  ];
  return { rows, created, updated, unchanged, raw, httpMs };
}

export async function measureDossierIngest(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const database = await openBenchDatabase(kind, 'dos');
  try {
    const count = options.quick ? 10_000 : kind === 'pglite' ? 20_000 : 50_000;
    return (await measureDossierIngestOn(database, kind, count)).rows;
  } finally {
    await database.close();
  }
}
