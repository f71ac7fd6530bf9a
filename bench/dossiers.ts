// dossiers: the monitoring reads on a province's dossier history (5 M dossiers on PostgreSQL, 500 k on
// PGlite; generated server-side with INSERT … SELECT over generate_series, then the daily and monthly
// counts rebuilt from them): on-time / overdue by agency for a year (the leaders' ranking) and the overdue
// board of one agency — each beside the raw SQL a naive report would run on the dossiers table in the same
// run. The bulk upsert throughput is measured by dossiers-ingest.ts.
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { systemActor } from '../src/server/core/auth.js';
import { type Database, openPglite, selectRows } from '../src/server/db/client.js';
import { computeDossierMetrics, overdueBoard } from '../src/server/domains/dossiers/dossiers.service.js';
import { rebuildDailyStats } from '../src/server/domains/dossiers/ingest.queries.js';
import {
  type BenchOptions, type BenchRow, benchTempDir, type DatabaseKind, formatMs, formatRatio, openBenchDatabase, percentile,
} from './bench-setup.js';
import { rawQueryOf } from './indicators-data.js';

// Goals from the issue, on PostgreSQL with 5 M dossiers.
const GOAL_METRICS_P95_MS = 200;
const GOAL_OVERDUE_MS = 50;
const YEAR = '2025';

const log = (message: string) => process.stderr.write(`bench: dossiers ${message}\n`);

function volumeOf(kind: DatabaseKind, options: BenchOptions): number {
  if (options.quick) return kind === 'pglite' ? 50_000 : 200_000;
  return kind === 'pglite' ? 500_000 : 5_000_000;
}

/** PGlite: a private copy of the prepared data dir, so that the generated rows stay out of the shared one. */
async function openDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'postgres') return openBenchDatabase(kind, 'dosq');
  const shared = await openBenchDatabase(kind, 'dosq') as Database & { pglite: PGlite };
  const tarball = await shared.pglite.dumpDataDir('none');
  await shared.close();
  return openPglite({ dataDir: await benchTempDir(`pglite-dossiers-${Date.now().toString(36)}`), loadDataDir: tarball });
}

/**
 * `count` dossiers received from 2023 to now at the merged province's communes, over 200 procedures and every
 * current agency: a mix of channels, about 3 in 1,000 stuck (pending long past due), the rest finished around
 * their legal time. Set-based, in slices of 500 k so that one statement never holds the whole volume.
 */
async function generateDossiers(database: Database, count: number): Promise<void> {
  const db = database.db;
  await db.execute(sql`CREATE TEMP TABLE bench_pp AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id, processing_days FROM procedures WHERE processing_days > 0 ORDER BY code LIMIT 200`);
  await db.execute(sql`CREATE TEMP TABLE bench_pu AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id, path FROM units
    WHERE path LIKE '/VN/75/%' AND level = 2 AND valid_to IS NULL`);
  await db.execute(sql`CREATE TEMP TABLE bench_pa AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id FROM agencies WHERE valid_to IS NULL`);
  const [sizes] = await selectRows<{ pp: number; pu: number; pa: number }>(db, sql`SELECT (SELECT count(*) FROM bench_pp)::int AS pp, (SELECT count(*) FROM bench_pu)::int AS pu, (SELECT count(*) FROM bench_pa)::int AS pa`);
  if (!sizes || !sizes.pp || !sizes.pu || !sizes.pa) throw new Error('the bench database lacks procedures, communes or agencies (demo not seeded?)');
  const slice = 500_000;
  for (let lo = 0; lo < count; lo += slice) {
    const hi = Math.min(count, lo + slice) - 1;
    await db.execute(sql`
      INSERT INTO dossiers (source, code, procedure_id, receiving_unit_id, unit_path, handling_agency_id, holding_agency_id, channel, received_at, due_at,
        finished_at, status, timeliness, processing_days, online_payment, digitised_result, satisfaction, last_event_at)
      SELECT 'bench', 'HS-' || x.g, p.id, u.id, u.path, a.id, a.id, x.ch, x.rec, x.due, x.fin,
        CASE WHEN x.fin IS NULL THEN 'in_progress' ELSE 'finished' END,
        CASE WHEN x.fin IS NULL THEN NULL WHEN x.fin < x.due - interval '1 day' THEN 'early' WHEN x.fin <= x.due THEN 'on_time' ELSE 'late' END,
        CASE WHEN x.fin IS NULL THEN NULL ELSE round((extract(epoch FROM x.fin - x.rec) / 86400 * 5 / 7)::numeric, 0)::float8 END,
        x.fin IS NOT NULL AND x.r3 < 0.4, x.fin IS NOT NULL AND x.r3 < 0.7,
        CASE WHEN x.fin IS NULL OR x.r4 > 0.5 THEN NULL WHEN x.r4 < 0.35 THEN 'very_satisfied' WHEN x.r4 < 0.45 THEN 'satisfied' ELSE 'dissatisfied' END,
        coalesce(x.fin, x.rec)
      FROM (
        SELECT g, pn, un, ch, rec, r3, r4, due, CASE WHEN stuck OR rec + f > now() THEN NULL ELSE rec + f END AS fin
        FROM (
          SELECT s0.*, s0.rec + pps.span AS due, pps.span * (0.2 + s0.r2 * 1.1) AS f, s0.r5 < 0.003 AS stuck
          FROM (
            SELECT g, (g % ${sizes.pp})::int AS pn, ((g / 7) % ${sizes.pu})::int AS un,
                   (ARRAY['online','online','direct','direct','postal'])[1 + (g % 5)] AS ch,
                   timestamptz '2023-01-01 00:00+07' + random() * (now() - timestamptz '2023-01-01 00:00+07') AS rec,
                   random() AS r2, random() AS r3, random() AS r4, random() AS r5
            FROM generate_series(${lo}::bigint, ${hi}::bigint) g
          ) s0
          JOIN LATERAL (SELECT make_interval(secs => processing_days * 1.4 * 86400) AS span FROM bench_pp WHERE n = s0.pn) pps ON true
        ) s1
      ) x
      JOIN bench_pp p ON p.n = x.pn
      JOIN bench_pu u ON u.n = x.un
      JOIN bench_pa a ON a.n = (x.pn * 3 + x.un) % ${sizes.pa}`);
    log(`${database.kind}: generated ${(hi + 1).toLocaleString('en-US')} dossiers`);
  }
  // The counts the metrics read, rebuilt from the rows (the triggers of migration 0005 fill the months).
  await db.transaction(async (tx) => { await rebuildDailyStats(tx); });
  // What autovacuum does to a table at rest: statistics, and the visibility map that index-only scans need.
  await db.execute(sql`VACUUM (ANALYZE) dossiers`);
  await db.execute(sql`ANALYZE dossier_daily_stats`);
  await db.execute(sql`ANALYZE dossier_monthly_stats`);
}

async function timed(times: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  await run(-1);                                        // warm-up, not counted
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function measureDossierQueries(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const count = volumeOf(kind, options);
  const database = await openDatabase(kind);
  try {
    const t0 = performance.now();
    await generateDossiers(database, count);
    const [totals] = await selectRows<{ all: number; pending: number; overdue: number }>(database.db, sql`SELECT count(*)::int AS all,
      count(*) FILTER (WHERE finished_at IS NULL)::int AS pending, count(*) FILTER (WHERE finished_at IS NULL AND due_at < now())::int AS overdue FROM dossiers`);
    log(`${kind}: ${totals!.all} dossiers (${totals!.pending} pending, ${totals!.overdue} overdue) ready in ${formatMs(performance.now() - t0)}`);

    const [province] = await selectRows<{ id: string; name: string; path: string }>(database.db, sql`SELECT id, name, path FROM units WHERE code = '75'`);
    const ctx = { db: database.db, actor: systemActor(province!) };
    const raw = rawQueryOf(database);
    const runs = options.quick ? 10 : 30;

    // On-time and overdue by agency for a year: the service (monthly + daily counts, pending snapshot) vs a
    // report written straight on the dossiers table.
    const metrics = await timed(runs, () => computeDossierMetrics(ctx, { groupBy: 'agency', from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, sort: 'onTimeRate' }));
    const metricsRaw = await timed(Math.min(runs, 10), () => raw(`SELECT handling_agency_id,
        count(*) FILTER (WHERE finished_at >= $1 AND finished_at < $2 AND timeliness IN ('early', 'on_time')) AS on_time,
        count(*) FILTER (WHERE finished_at >= $1 AND finished_at < $2 AND timeliness = 'late') AS late,
        count(*) FILTER (WHERE finished_at IS NULL AND due_at < now()) AS overdue
      FROM dossiers WHERE (finished_at >= $1 AND finished_at < $2) OR finished_at IS NULL GROUP BY 1`, [`${YEAR}-01-01T00:00:00+07:00`, `${Number(YEAR) + 1}-01-01T00:00:00+07:00`]));

    // The overdue board of the agencies holding most overdue dossiers, 100 rows each.
    const agencies = await selectRows<{ id: string }>(database.db, sql`SELECT holding_agency_id AS id FROM dossiers
      WHERE finished_at IS NULL AND due_at < now() GROUP BY 1 ORDER BY count(*) DESC LIMIT 10`);
    const agencyAt = (i: number) => agencies[Math.max(0, i) % agencies.length]!.id;
    const overdue = await timed(runs, (i) => overdueBoard(ctx, { holdingAgencyId: agencyAt(i), limit: 100, offset: 0 }));
    const overdueRaw = await timed(runs, (i) => raw(`SELECT id, code, due_at FROM dossiers WHERE finished_at IS NULL AND holding_agency_id = $1 AND due_at < now() ORDER BY due_at LIMIT 100`, [agencyAt(i)]));

    const onPostgres = kind === 'postgres';
    const m95 = percentile(metrics, 95); const mr95 = percentile(metricsRaw, 95);
    const o95 = percentile(overdue, 95); const or95 = percentile(overdueRaw, 95);
    const volume = `${(count / 1_000_000).toLocaleString('en-US')} M dossiers`;
    return [
      {
        measure: `dossiers by agency, year ${YEAR}, p50 (${volume}, ${metrics.length} runs)`, database: kind,
        value: formatMs(percentile(metrics, 50)), baseline: formatMs(percentile(metricsRaw, 50)), ratio: formatRatio(percentile(metrics, 50), percentile(metricsRaw, 50)), goal: '-', pass: null,
      },
      {
        measure: 'dossiers by agency, year, p95 (service vs raw SQL on dossiers)', database: kind,
        value: formatMs(m95), baseline: formatMs(mr95), ratio: formatRatio(m95, mr95),
        goal: onPostgres ? `< ${GOAL_METRICS_P95_MS} ms` : '-', pass: onPostgres ? m95 < GOAL_METRICS_P95_MS : null,
      },
      {
        measure: `overdue board of one agency, 100 rows, p95 (${totals!.overdue} overdue in all)`, database: kind,
        value: formatMs(o95), baseline: formatMs(or95), ratio: formatRatio(o95, or95),
        goal: onPostgres ? `< ${GOAL_OVERDUE_MS} ms` : '-', pass: onPostgres ? o95 < GOAL_OVERDUE_MS : null,
      },
    ];
  } finally {
    await database.close();
  }
}
