// telemetry-history (PostgreSQL only): the read budgets of issue 6 at the history size they were written for —
// "aggregated series for one device over 30 days at 1-hour resolution < 20 ms with 100 M history rows".
//
// The fill: ~2,000 series (devices × pm25, temperature), one reading a minute for the 30 days the raw history is kept
// (IOC_TELEMETRY_RETENTION_RAW_DAYS, default 30) up to the start of the current hour, values with a daily cycle and
// noise, generated server-side (INSERT … SELECT generate_series, 6-hour chunks, in time order as ingest writes them)
// into the day partitions the app creates (ensureTelemetryPartitions). Day by day, as the running app would have:
// the 1-minute rollup from that day's readings (the SQL form of the ingest's 1-minute upsert), then the app's roll-up
// job (rollUpClosedHours: 1 min → 1 h and 1 day, moving the watermark of migration 0019), then the app's retention
// (applyTelemetryRetention) at that simulated day — with the 1-minute rollups kept IOC_BENCH_HISTORY_MINUTE_DAYS
// (default 7) instead of the configured 30 to keep the disk down (the 100 M database measured 12 GB); raw 30 days,
// hourly 730, daily 3650 as configured. Each filled day is vacuumed (as autovacuum would have); everything is analyzed
// at the end, and the hourly/daily rollups are rewritten in the order the hourly live job leaves them (relayOutRollups).
// The 100 M fill took ~45 min here (2026-11-25, load average 8–15). Figures and discussion: docs/telemetry.md.
//
// The timings, after a warm-up, over HTTP (the app on a real port, background jobs off so that retention does not
// act on a database filled on an earlier day) and in SQL alone: the 30-day hourly series of one device (the same
// device each run, and a different one each run), the raw series of one device for one day, and the NGSI-LD
// temporal query with aggrPeriodDuration=PT1H; EXPLAIN (ANALYZE, BUFFERS) of the two SQL reads goes to stderr.
//
// Database: IOC_BENCH_HISTORY_DB (default ioc_bench_history) on the bench's server (BENCH_DATABASE_URL). It is kept
// between runs: the fill is skipped when the database already holds a finished fill of the same size (the windows
// stay those of the fill day). IOC_BENCH_HISTORY_REBUILD=1 drops and refills it; IOC_BENCH_HISTORY_DROP=1 drops it
// after the run. IOC_BENCH_HISTORY_ROWS sets the size (default 100,000,000; try 2000000 first: the 100 M fill takes
// tens of minutes on 2 shared cores). IOC_BENCH_HISTORY_RUNS: timed runs per query (default 60, after 10 warm-up).
// Run alone: `npx tsx bench/telemetry-history.ts`, or `npm run bench -- --only=telemetry-history` (not in the default run).
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import {
  ADMIN_PASSWORD, type BenchRow, createApiKey, dropPostgresDatabase, ensurePostgresDatabase, listenApp, percentile, postgresUrlOf, signIn, timeRuns,
} from './bench-setup.js';
import { type Database, type DbOrTx, openPostgres, selectRows } from '../src/server/db/client.js';
import { prepareDatabase } from '../src/server/db/prepare.js';
import { sha256 } from '../src/server/domains/telemetry/ingest.js';
import { applyTelemetryRetention, ensureTelemetryPartitions, rollUpClosedHours } from '../src/server/domains/telemetry/readings.queries.js';
import { defaultTelemetryConfig } from '../src/server/domains/telemetry/telemetry.config.js';
import { ensureSeries, insertDevices, rawReadings, rollupBuckets } from '../src/server/domains/telemetry/telemetry.queries.js';

const DB_NAME = process.env.IOC_BENCH_HISTORY_DB ?? 'ioc_bench_history';
const TARGET_ROWS = Number(process.env.IOC_BENCH_HISTORY_ROWS ?? 100_000_000);
const MINUTE_DAYS = Math.min(Number(process.env.IOC_BENCH_HISTORY_MINUTE_DAYS ?? 7), defaultTelemetryConfig.retention.minute);
const RUNS = Math.max(50, Number(process.env.IOC_BENCH_HISTORY_RUNS ?? 60));
const WARM_UP = 10;
const GOAL_SERIES_MS = 20;
const RAW_DAYS = defaultTelemetryConfig.retention.raw;
const METRICS = ['pm25', 'temperature'] as const;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CHUNK_MS = 6 * HOUR_MS;
const log = (message: string) => process.stderr.write(`bench: telemetry-history ${message}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const iso = (ms: number) => new Date(ms).toISOString();

/** What a finished fill left in its database (the bench's own bookkeeping, only in this dedicated database). */
interface Fill {
  targetRows: number; rows: number; series: number; devices: number; from: number; to: number;
  fillSeconds: number; rollupSeconds: number; minuteDays: number; filledAt: string;
  liveLayout?: boolean;   // hourly/daily rollup rows rewritten in the order the live job writes them (relayOutRollups)
}

async function readFill(db: DbOrTx): Promise<Fill | null> {
  const [exists] = await selectRows<{ t: string | null }>(db, sql`SELECT to_regclass('bench_history_fill')::text AS t`);
  if (!exists?.t) return null;
  const [row] = await selectRows<{ fill: Fill }>(db, sql`SELECT fill FROM bench_history_fill WHERE id = 1`);
  return row?.fill ?? null;
}

async function databaseExists(pool: pg.Pool): Promise<boolean> {
  const res = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [DB_NAME]);
  return res.rows[0]!.n > 0;
}

async function saveFill(db: DbOrTx, fill: Fill): Promise<void> {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_history_fill (id int PRIMARY KEY, fill jsonb NOT NULL)`);
  await db.execute(sql`INSERT INTO bench_history_fill VALUES (1, ${JSON.stringify(fill)}::jsonb) ON CONFLICT (id) DO UPDATE SET fill = excluded.fill`);
}

/**
 * The fill runs the roll-up job once per day, which writes a series' 24 hours of that day side by side (the job's
 * INSERT is ordered by series, hour). The running app runs it every hour, so a series' hourly rows lie one per
 * hour's batch, ~720 pages apart over 30 days. Rewrites the hourly and daily rollups (same rows) in that order, so
 * that the series read pays what it pays in production.
 */
async function relayOutRollups(database: Database & { pool: pg.Pool }, fill: Fill): Promise<Fill> {
  if (fill.liveLayout) return fill;
  const t = performance.now();
  await database.db.transaction(async (tx) => {
    for (const table of ['telemetry_rollups_1h', 'telemetry_rollups_1d']) {
      await tx.execute(sql.raw(`CREATE TEMP TABLE relayout ON COMMIT DROP AS SELECT * FROM ${table}`));
      await tx.execute(sql.raw(`TRUNCATE ${table}`));
      await tx.execute(sql.raw(`INSERT INTO ${table} SELECT * FROM relayout ORDER BY bucket, series_id`));
      await tx.execute(sql.raw('DROP TABLE relayout'));
    }
  });
  await database.pool.query('VACUUM ANALYZE telemetry_rollups_1h, telemetry_rollups_1d');
  log(`hourly and daily rollups rewritten in the live job's order in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const next = { ...fill, liveLayout: true };
  await saveFill(database.db, next);
  return next;
}

/** The history database, filled (now or by an earlier run) to TARGET_ROWS. */
async function openFilledDatabase(): Promise<{ database: Database & { pool: pg.Pool }; fill: Fill }> {
  const url = postgresUrlOf(DB_NAME);
  if (process.env.IOC_BENCH_HISTORY_REBUILD === '1') { log(`dropping ${DB_NAME} (IOC_BENCH_HISTORY_REBUILD=1)`); await dropPostgresDatabase(DB_NAME); }
  const admin = await openPostgres(postgresUrlOf('postgres'), 1);
  const existed = await databaseExists(admin.pool).finally(() => admin.close());
  if (existed) {
    const database = await openPostgres(url, 4);
    const fill = await readFill(database.db);
    if (fill && fill.targetRows === TARGET_ROWS) {
      log(`reusing ${DB_NAME}: ${fmt(fill.rows)} rows of ${iso(fill.from)} … ${iso(fill.to)}, filled ${fill.filledAt}`);
      await prepareDatabase(database, { seedDemo: false, adminPassword: ADMIN_PASSWORD });   // migrations added since
      return { database, fill: await relayOutRollups(database, fill) };
    }
    await database.close();
    log(`${DB_NAME} holds ${fill ? `a fill of ${fmt(fill.targetRows)} rows` : 'no finished fill'}: rebuilding`);
    await dropPostgresDatabase(DB_NAME);
  }
  await ensurePostgresDatabase(DB_NAME);
  const database = await openPostgres(url, 4);
  await prepareDatabase(database, { seedDemo: false, adminPassword: ADMIN_PASSWORD });
  return { database, fill: await relayOutRollups(database, await fillHistory(database)) };
}

async function fillHistory(database: Database & { pool: pg.Pool }): Promise<Fill> {
  const { db, pool } = database;
  const now = Date.now();
  const to = now - (now % HOUR_MS);                      // the start of the current hour: closed hours only
  const from = to - (to % DAY_MS) - RAW_DAYS * DAY_MS;   // the oldest day the raw retention keeps
  const minutes = (to - from) / 60_000;
  const devices = Math.ceil(TARGET_ROWS / minutes / METRICS.length);
  log(`filling ${DB_NAME}: ${devices} devices × ${METRICS.length} metrics × ${fmt(minutes)} minutes (${iso(from)} … ${iso(to)}) = ${fmt(devices * METRICS.length * minutes)} rows`);

  await ensureTelemetryPartitions(db, { pastDays: RAW_DAYS + 1, aheadDays: 3, now: new Date(to) });
  const [unit] = await selectRows<{ id: string; path: string }>(db, sql`SELECT id, path FROM units WHERE parent_id IS NULL LIMIT 1`);
  const deviceIds = Array.from({ length: devices }, (_, i) => deviceIdOf(i));
  await insertDevices(db, deviceIds.map((id, i) => ({
    id, type: 'air-quality', name: `Trạm lịch sử ${i + 1}`, unitId: unit!.id, unitPath: unit!.path, agencyId: null,
    lon: 106.6 + (i % 50) * 0.01, lat: 11.3 + Math.floor(i / 50) * 0.01, metricUnits: { pm25: 'µg/m³', temperature: '°C' },
    metadata: { bench: 'telemetry-history' }, reportingIntervalSeconds: 60, tokenHash: sha256(`${DB_NAME}-${id}`),
  })));
  for (let i = 0; i < deviceIds.length; i += 1000) {
    await ensureSeries(db, deviceIds.slice(i, i + 1000).flatMap((deviceId) => METRICS.map((metric) => ({ deviceId, metric }))));
  }
  // As if the app had run since `from`: the roll-up job's watermark starts there (migration 0019 put it at the hour
  // of migrating) and each filled day is rolled up by the job.
  await db.execute(sql`UPDATE telemetry_rollup_watermark SET at = ${iso(from)}::timestamptz WHERE id = 1`);

  const client = await pool.connect();
  let fillMs = 0;
  let rollupMs = 0;
  try {
    for (let day = from; day < to; day += DAY_MS) {
      const dayEnd = Math.min(day + DAY_MS, to);
      let t = performance.now();
      for (let c = day; c < dayEnd; c += CHUNK_MS) await client.query(readingsChunkSql, [iso(c), iso(Math.min(c + CHUNK_MS, dayEnd))]);
      fillMs += performance.now() - t;
      t = performance.now();
      await client.query('BEGIN');
      await client.query(`SET LOCAL work_mem = '256MB'`);
      await client.query(minuteRollupSql, [iso(day), iso(dayEnd)]);
      await client.query('COMMIT');
      await rollUpClosedHours(db, new Date(dayEnd));
      await applyTelemetryRetention(db, { raw: RAW_DAYS, minute: MINUTE_DAYS, hour: defaultTelemetryConfig.retention.hour, day: defaultTelemetryConfig.retention.day }, new Date(dayEnd));
      rollupMs += performance.now() - t;
      await client.query(`VACUUM telemetry_readings_d${iso(day).slice(0, 10).replace(/-/g, '')}`);
      log(`day ${iso(day).slice(0, 10)} done: history ${fmt((devices * METRICS.length * (dayEnd - from)) / 60_000 / (fillMs / 1000))} rows/s so far, ` +
        `rollups ${(rollupMs / 1000).toFixed(0)} s so far; load ${loadAverage()}`);
    }
    await client.query(`INSERT INTO telemetry_latest (series_id, at, value)
      SELECT series_id, at, value FROM telemetry_readings WHERE at = $1 ON CONFLICT (series_id) DO UPDATE SET at = excluded.at, value = excluded.value`, [iso(to - 60_000)]);
    const t = performance.now();
    await client.query('ANALYZE telemetry_readings, telemetry_rollups_1m, telemetry_rollups_1h, telemetry_rollups_1d, telemetry_series, devices');
    log(`ANALYZE ${((performance.now() - t) / 1000).toFixed(0)} s`);
  } finally {
    client.release();
  }
  const [{ n: rows } = { n: 0 }] = await selectRows<{ n: string }>(db, sql`SELECT count(*)::bigint AS n FROM telemetry_readings`);
  const fill: Fill = {
    targetRows: TARGET_ROWS, rows: Number(rows), series: devices * METRICS.length, devices, from, to,
    fillSeconds: fillMs / 1000, rollupSeconds: rollupMs / 1000, minuteDays: MINUTE_DAYS, filledAt: new Date().toISOString(),
  };
  await saveFill(db, fill);
  log(`filled ${fmt(fill.rows)} rows in ${fill.fillSeconds.toFixed(0)} s (${fmt(fill.rows / fill.fillSeconds)} rows/s), rollups ${fill.rollupSeconds.toFixed(0)} s`);
  return fill;
}

const deviceIdOf = (i: number) => `hist-${String(i).padStart(5, '0')}`;

// One reading a minute per series; minutes outer (LATERAL) so that rows arrive in time order as ingest writes them.
// pm25: 15–55 µg/m³ base, a daily swing of 10–25 peaking in the evening, ±4 noise; temperature: 27–31 °C ± 4, ±0.3.
const readingsChunkSql = `
  INSERT INTO telemetry_readings (series_id, at, value)
  SELECT s.id, m.at, round((greatest(0, s.base + s.amp * sin(2 * pi() * (extract(epoch FROM m.at) / 86400.0 - s.phase)) + s.noise * (random() - 0.5)))::numeric, 2)::float8
  FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 minute', interval '1 minute') AS m(at)
  CROSS JOIN LATERAL (
    SELECT id,
      CASE WHEN metric = 'temperature' THEN 27 + id % 5 ELSE 15 + id % 41 END AS base,
      CASE WHEN metric = 'temperature' THEN 4 ELSE 10 + id % 16 END AS amp,
      CASE WHEN metric = 'temperature' THEN 0.375 ELSE 0.5 + (id % 7) / 24.0 END AS phase,
      CASE WHEN metric = 'temperature' THEN 0.6 ELSE 8 END AS noise
    FROM telemetry_series WHERE device_id LIKE 'hist-%' AND m.at IS NOT NULL
  ) s`;

// What the ingest's 1-minute upsert (addToRollups → upsertBuckets '1m') leaves for these readings, in one statement.
const minuteRollupSql = `
  INSERT INTO telemetry_rollups_1m (series_id, bucket, count, sum, min, max)
  SELECT series_id, date_bin('1 minute', at, timestamptz '2000-01-01 00:00:00+00') AS b, count(*), sum(value), min(value), max(value)
  FROM telemetry_readings WHERE at >= $1::timestamptz AND at < $2::timestamptz GROUP BY series_id, b`;

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

/** Size on disk of a table and its indexes, partitions included. */
async function sizeOf(db: DbOrTx, table: string): Promise<{ table: number; indexes: number }> {
  const [row] = await selectRows<{ t: string; i: string }>(db, sql`
    SELECT coalesce(sum(pg_table_size(relid)), 0)::bigint AS t, coalesce(sum(pg_indexes_size(relid)), 0)::bigint AS i
    FROM (SELECT relid FROM pg_partition_tree(${table}::regclass) UNION SELECT ${table}::regclass) r`);   // a plain table has no tree
  return { table: Number(row?.t ?? 0), indexes: Number(row?.i ?? 0) };
}
const gib = (bytes: number) => (bytes < 1_073_741_824 ? `${fmt(bytes / 1_048_576)} MiB` : `${(bytes / 1_073_741_824).toFixed(2)} GiB`);

/**
 * Runs one query function's SQL under EXPLAIN (ANALYZE, BUFFERS) instead: a stand-in database whose execute turns
 * the statement into text and parameters. Answers the plan.
 */
async function explainOf(pool: pg.Pool, run: (db: DbOrTx) => Promise<unknown>): Promise<string> {
  const dialect = new PgDialect();
  let plan = '';
  const explaining = {
    execute: async (query: SQL) => {
      const q = dialect.sqlToQuery(query);
      const res = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as unknown[]);
      plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
      return { rows: [] };
    },
  };
  await run(explaining as unknown as DbOrTx);
  return plan;
}

/** Partitions of `parent` in the plan, those read (not "never executed"), the indexes used and the buffers of the top node. */
function planSummary(plan: string, parent: string): string {
  const lines = plan.split('\n');
  const partition = new RegExp(` on (${parent}_d\\d{8}) `);   // "… Scan [using its index] on <partition> <alias>"
  const planned = new Set<string>();
  const read = new Set<string>();
  for (const l of lines) {
    const m = partition.exec(l);
    if (!m) continue;
    planned.add(m[1]!);
    if (!l.includes('never executed')) read.add(m[1]!);
  }
  const indexes = [...new Set(lines.map((l) => /Index(?: Only)? Scan(?: Backward)? (?:using|on) (\S+)/.exec(l)?.[1]).filter((x): x is string => !!x)
    .map((x) => x.replace(/_d\d{8}_/, '_dYYYYMMDD_')))];
  const seqScans = lines.filter((l) => l.includes('Seq Scan') && !l.includes('never executed')).length;
  const buffers = lines.find((l) => l.includes('Buffers:'))?.trim() ?? '';
  const time = lines.find((l) => l.startsWith('Execution Time'))?.trim() ?? '';
  return `${parent} partitions: ${read.size} read of ${planned.size} in the plan (the table has more: pruned at planning); indexes: ${indexes.join(', ') || 'none'}; ` +
    `seq scans: ${seqScans}; ${buffers}; ${time}`;
}

function stats(times: number[]): { p50: number; p99: number; text: string } {
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  return { p50, p99, text: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms` };
}

export async function measureTelemetryHistory(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const row = (measure: string, value: string, baseline: string, goal: string, pass: boolean | null) =>
    rows.push({ measure: `telemetry-history ${measure}`, database: 'postgres', value, baseline, ratio: '-', goal, pass });
  const { database, fill } = await openFilledDatabase();
  const { db, pool } = database;
  const readings = await sizeOf(db, 'telemetry_readings');
  const minute = await sizeOf(db, 'telemetry_rollups_1m');
  const hour = await sizeOf(db, 'telemetry_rollups_1h');
  const [{ n: hourRows } = { n: '0' }] = await selectRows<{ n: string }>(db, sql`SELECT count(*)::bigint AS n FROM telemetry_rollups_1h`);
  const [{ n: partitions } = { n: 0 }] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_partition_tree('telemetry_readings'::regclass) WHERE level = 1`);
  row(`fill (${fmt(fill.series)} series, 1 reading/min, ${iso(fill.from).slice(0, 10)} … ${iso(fill.to).slice(0, 16)}Z, ${partitions} day partitions)`,
    `${fmt(fill.rows)} rows in ${fmt(fill.fillSeconds)} s = ${fmt(fill.rows / fill.fillSeconds)} rows/s`,
    `rollups (1 min, job → 1 h/1 d, retention) ${fmt(fill.rollupSeconds)} s; filled ${fill.filledAt.slice(0, 16)}Z`, 'reported', null);
  row('on disk', `history ${gib(readings.table)} + indexes ${gib(readings.indexes)}`,
    `1-min rollups (${fill.minuteDays} days kept) ${gib(minute.table + minute.indexes)}; hourly (${fmt(Number(hourRows))} rows) ${gib(hour.table + hour.indexes)}`, '< 20 GiB', readings.table + readings.indexes + minute.table + minute.indexes < 20 * 1_073_741_824);

  const running = await listenApp(database, { backgroundJobs: false });
  try {
    const { baseUrl } = running;
    const [unit] = await selectRows<{ id: string }>(db, sql`SELECT id FROM units WHERE parent_id IS NULL LIMIT 1`);
    const key = await createApiKey(baseUrl, await signIn(baseUrl), `history-${Date.now()}`, 'admin', unit!.id);
    const headers = { 'x-api-key': key };
    const get = async (url: string, minPoints: number, count: (body: unknown) => number) => {
      const res = await fetch(`${baseUrl}${url}`, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
      const n = count(JSON.parse(text) as unknown);
      if (n < minPoints) throw new Error(`GET ${url}: ${n} points, expected ≥ ${minPoints}`);
    };
    const points = (body: unknown) => (body as { points: unknown[] }).points.length;
    // Devices spread over the whole id range from a random start, so that a run does not find the pages an earlier
    // run read; "a different device each run" never repeats one within a run.
    const start = Math.floor(Math.random() * fill.devices);
    const device = (i: number) => deviceIdOf((start + i * 7919) % fill.devices);
    const monthFrom = fill.to - 30 * DAY_MS;
    const monthQuery = `metric=pm25&from=${encodeURIComponent(iso(monthFrom))}&to=${encodeURIComponent(iso(fill.to))}&resolution=1h`;
    const dayQuery = `metric=pm25&from=${encodeURIComponent(iso(fill.to - DAY_MS))}&to=${encodeURIComponent(iso(fill.to))}&resolution=raw`;
    const seriesIdOf = async (id: string) => {
      const [s] = await selectRows<{ id: number }>(db, sql`SELECT id FROM telemetry_series WHERE device_id = ${id} AND metric = 'pm25'`);
      return Number(s!.id);
    };
    // Each set of runs asks its own devices (offsets of 200), so that one set does not warm the pages of the next.
    const seriesIds = await Promise.all(Array.from({ length: RUNS + WARM_UP }, (_, i) => seriesIdOf(device(i + 201))));
    const rawSeriesIds = await Promise.all(Array.from({ length: RUNS + WARM_UP }, (_, i) => seriesIdOf(device(i + 601))));
    const fixedDevice = device(0);
    const fixedSeries = await seriesIdOf(fixedDevice);
    // The rollups are derived from the history: one series' hourly totals against its readings over the whole fill.
    const [check] = await selectRows<{ rc: string; rs: number; hc: string; hs: number }>(db, sql`
      SELECT (SELECT count(*) FROM telemetry_readings WHERE series_id = ${fixedSeries} AND at >= ${iso(fill.from)}::timestamptz AND at < ${iso(fill.to)}::timestamptz) AS rc,
        (SELECT sum(value) FROM telemetry_readings WHERE series_id = ${fixedSeries} AND at >= ${iso(fill.from)}::timestamptz AND at < ${iso(fill.to)}::timestamptz) AS rs,
        (SELECT sum(count) FROM telemetry_rollups_1h WHERE series_id = ${fixedSeries} AND bucket >= ${iso(fill.from)}::timestamptz AND bucket < ${iso(fill.to)}::timestamptz) AS hc,
        (SELECT sum(sum) FROM telemetry_rollups_1h WHERE series_id = ${fixedSeries} AND bucket >= ${iso(fill.from)}::timestamptz AND bucket < ${iso(fill.to)}::timestamptz) AS hs`);
    const matches = Number(check!.rc) === Number(check!.hc) && Math.abs(Number(check!.rs) - Number(check!.hs)) < 1e-6 * Math.abs(Number(check!.rs));
    row(`hourly rollups against the history (${fixedDevice} pm25, whole fill)`, `readings ${fmt(Number(check!.rc))}, sum ${Number(check!.rs).toFixed(2)}`,
      `hourly rollups: count ${fmt(Number(check!.hc))}, sum ${Number(check!.hs).toFixed(2)}`, 'equal', matches);
    log(`timing ${RUNS} runs after ${WARM_UP} warm-up each; load ${loadAverage()}`);

    const httpSame = stats(await timeRuns(RUNS, WARM_UP, () => get(`/api/telemetry/devices/${fixedDevice}/series?${monthQuery}`, 720, points)));
    const httpEach = stats(await timeRuns(RUNS, WARM_UP, (i) => get(`/api/telemetry/devices/${device(i + 1)}/series?${monthQuery}`, 720, points)));
    const sqlSame = stats(await timeRuns(RUNS, WARM_UP, () => rollupBuckets(db, { seriesId: fixedSeries, resolution: '1h', from: new Date(monthFrom), to: new Date(fill.to) })));
    const sqlEach = stats(await timeRuns(RUNS, WARM_UP, (i) => rollupBuckets(db, { seriesId: seriesIds[i]!, resolution: '1h', from: new Date(monthFrom), to: new Date(fill.to) })));
    const loadSeries = loadAverage();
    row(`30-day hourly series of one device over HTTP (720 points; ${fmt(fill.rows)} history rows; load ${loadSeries})`,
      `same device ${httpSame.text}; a different device each run ${httpEach.text}`,
      `SQL alone (rollupBuckets): same ${sqlSame.text}; different ${sqlEach.text}`, `< ${GOAL_SERIES_MS} ms`,
      httpSame.p50 < GOAL_SERIES_MS && httpEach.p50 < GOAL_SERIES_MS);

    const rawHttp = stats(await timeRuns(RUNS, WARM_UP, (i) => get(`/api/telemetry/devices/${device(i + 401)}/series?${dayQuery}`, 1440, points)));
    const rawSql = stats(await timeRuns(RUNS, WARM_UP, (i) => rawReadings(db, { seriesIds: [rawSeriesIds[i]!], from: new Date(fill.to - DAY_MS), to: new Date(fill.to), limit: 100_000 })));
    row(`raw series of one device for one day over HTTP (1,440 points, a different device each run; load ${loadAverage()})`,
      rawHttp.text, `SQL alone (rawReadings) ${rawSql.text}`, 'reported', null);

    const ngsiQuery = `timerel=between&timeAt=${encodeURIComponent(iso(monthFrom))}&endTimeAt=${encodeURIComponent(iso(fill.to))}` +
      '&attrs=pm25&aggrMethods=avg,min,max&aggrPeriodDuration=PT1H';
    const ngsiPoints = (body: unknown) => ((body as { pm25?: { avg?: unknown[] } }).pm25?.avg ?? []).length;
    const ngsi = stats(await timeRuns(RUNS, WARM_UP, (i) => get(`/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:Device:${device(i + 801)}?${ngsiQuery}`, 720, ngsiPoints)));
    row(`NGSI-LD temporal, 30 days, aggrPeriodDuration=PT1H, avg/min/max of pm25 (a different device each run; load ${loadAverage()})`,
      ngsi.text, '-', `< ${GOAL_SERIES_MS} ms`, ngsi.p50 < GOAL_SERIES_MS);

    const seriesPlan = await explainOf(pool, (x) => rollupBuckets(x, { seriesId: seriesIds[3]!, resolution: '1h', from: new Date(monthFrom), to: new Date(fill.to) }));
    const rawPlan = await explainOf(pool, (x) => rawReadings(x, { seriesIds: [seriesIds[3]!], from: new Date(fill.to - DAY_MS), to: new Date(fill.to), limit: 100_000 }));
    log(`EXPLAIN (ANALYZE, BUFFERS) of the 30-day hourly series:\n${seriesPlan}`);
    log(`EXPLAIN (ANALYZE, BUFFERS) of the one-day raw series:\n${rawPlan}`);
    row('plan of the 30-day hourly series (EXPLAIN ANALYZE)', planSummary(seriesPlan, 'telemetry_rollups_1m'), '-', 'pruned + indexed', null);
    row('plan of the one-day raw series (EXPLAIN ANALYZE)', planSummary(rawPlan, 'telemetry_readings'), '-', 'pruned + indexed', null);
  } finally {
    await running.close();   // closes the database too
    if (process.env.IOC_BENCH_HISTORY_DROP === '1') { log(`dropping ${DB_NAME} (IOC_BENCH_HISTORY_DROP=1)`); await dropPostgresDatabase(DB_NAME); }
  }
  return rows;
}

// Run alone: `npx tsx bench/telemetry-history.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measureTelemetryHistory();
  for (const r of result) process.stdout.write(`${r.measure} | ${r.value} | ${r.baseline} | goal ${r.goal} | ${r.pass === null ? '-' : r.pass ? 'pass' : 'SHORT'}\n`);
  process.exit(0);
}
