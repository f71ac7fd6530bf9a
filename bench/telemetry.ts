// telemetry: ingest throughput beside the raw COPY rate into the same history table (same run), over HTTP batch and
// MQTT with the load from a second process (acknowledged = committed); the 30-day hourly series of one device from
// the rollups; the server's memory under load. IOC_BENCH_TELEMETRY_DB=postgres://… runs on that database (migrated,
// no demo) instead of the bench's prepared copy; IOC_BENCH_TELEMETRY_SECONDS sets each load phase (default 20).
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  ADMIN_PASSWORD, type BenchOptions, type BenchRow, createApiKey, type DatabaseKind, freePort, openBenchDatabase, percentile, signIn, timeRuns,
} from './bench-setup.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { type Database, openPostgres, selectRows } from '../src/server/db/client.js';
import { prepareDatabase } from '../src/server/db/prepare.js';
import { sha256, telemetryIngestOf } from '../src/server/domains/telemetry/ingest.js';
import { binaryCopyRows, binaryCopyTrailer } from '../src/server/domains/telemetry/readings.queries.js';
import { ensureSeries, insertDevices, rollupBuckets } from '../src/server/domains/telemetry/telemetry.queries.js';

const GOAL_POINTS = 100_000;
const GOAL_SHARE = 0.6;
const GOAL_SERIES_MS = 20;
// Phases to run (profiling one door at a time): raw, http, mqtt, series.
const PHASES = new Set((process.env.IOC_BENCH_TELEMETRY_PHASES ?? 'raw,http,mqtt,series').split(','));
const MQTT_PUBLISHERS = Number(process.env.IOC_BENCH_MQTT_PUBLISHERS ?? 8);
const log = (message: string) => process.stderr.write(`bench: telemetry ${message}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function openDatabase(kind: DatabaseKind): Promise<Database> {
  const url = process.env.IOC_BENCH_TELEMETRY_DB;
  if (!url) return openBenchDatabase(kind, 'telemetry');
  const database = await openPostgres(url);
  await prepareDatabase(database, { seedDemo: false, adminPassword: ADMIN_PASSWORD });
  return database;
}

async function startBroker(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ioc-bench-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  await writeFile(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 0\nmax_queued_messages 0\npersistence false\n`);
  const child = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: 'ignore' });
  process.once('exit', () => { child.kill('SIGTERM'); });   // also when the bench fails half-way
  await new Promise((r) => setTimeout(r, 500));
  return { url: `mqtt://127.0.0.1:${port}`, stop: () => { child.kill('SIGTERM'); } };
}

function runLoader(args: string[]): Promise<Record<string, number>> {
  const file = fileURLToPath(new URL('./telemetry-load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.once('exit', (code) => { if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>); else reject(new Error(`loader exited ${code}`)); });
  });
}

export async function measureTelemetry(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const seconds = Number(process.env.IOC_BENCH_TELEMETRY_SECONDS ?? (options.quick ? 8 : 20));
  const database = await openDatabase(kind);
  const { db } = database;
  const root = `bench-h1-${randomBytes(3).toString('hex')}`;
  const rows: BenchRow[] = [];
  const row = (measure: string, value: string, baseline: string, ratio: string, goal: string, pass: boolean | null) =>
    rows.push({ measure: `telemetry ${measure}`, database: kind, value, baseline, ratio, goal, pass });
  try {
    // 200 devices (the demo's scale) × 10 metrics = 2,000 series, each at 50 points/s at the goal rate.
    const [unit] = await selectRows<{ id: string; path: string }>(db, sql`SELECT id, path FROM units WHERE parent_id IS NULL LIMIT 1`);
    const deviceIds = Array.from({ length: 200 }, (_, i) => `${root}-d${i}`);
    await insertDevices(db, deviceIds.map((id) => ({
      id, type: 'air-quality', name: id, unitId: unit!.id, unitPath: unit!.path, agencyId: null, lon: 106.9, lat: 11.5,
      metricUnits: {}, metadata: { bench: true }, reportingIntervalSeconds: 60, tokenHash: sha256(`${id}-${randomBytes(8).toString('hex')}`),
    })));
    const metrics = ['pm25', 'pm10', 'no2', 'o3', 'co', 'temperature', 'humidity', 'aqi', 'so2', 'noise'];
    const series = await ensureSeries(db, deviceIds.flatMap((deviceId) => metrics.map((metric) => ({ deviceId, metric }))));
    const seriesIds = [...series.values()];

    // Raw COPY into the same history table (its key included): the fastest plain COPY of the same rows — binary,
    // 50,000-row transactions like the ingest's batches, rows built before the clock starts, so that the baseline
    // is PostgreSQL's limit and not this generator's.
    if (kind === 'postgres') {
      const pool = (database as unknown as { pool: pg.Pool }).pool;
      const client = await pool.connect();
      client.on('error', () => {});
      let copied = 0;
      let copyMs = 0;
      let clock = Date.now() - 3 * 86_400_000;
      while (PHASES.has('raw') && copyMs < seconds * 1000) {
        const points = Array.from({ length: 50_000 }, (_, i) => ({ seriesId: seriesIds[i % seriesIds.length]!, at: clock - Math.floor(i / seriesIds.length), value: i % 997 }));
        clock -= Math.ceil(50_000 / seriesIds.length) + 1;   // the next chunk's instants never meet this one's
        const chunks = [binaryCopyRows(points, 0, points.length, true), binaryCopyTrailer()];
        const t = performance.now();
        await client.query('BEGIN');
        const stream = client.query(copyFrom('COPY telemetry_readings (series_id, at, value) FROM STDIN (FORMAT binary)'));
        const done = new Promise<void>((resolve, reject) => { stream.on('finish', resolve); stream.on('error', reject); });
        stream.write(chunks[0]);
        stream.end(chunks[1]);
        await done;
        await client.query('COMMIT');
        copyMs += performance.now() - t;
        copied += 50_000;
      }
      const rawRate = copied / (copyMs / 1000);
      client.release();   // (on an error the pool is ended without waiting for it: see finally)
      log(`raw COPY ${fmt(rawRate)} points/s`);

      // A private Mosquitto without the default limit of 20 QoS 1 messages in flight per client (docs/telemetry.md:
      // the broker serving IOC should allow many, or every commit holds at most 20 messages).
      const broker = await startBroker();
      // The app with MQTT on, rate limits out of the way.
      const config = loadConfig({
        IOC_LOG_LEVEL: 'silent', IOC_WEB_DIR: '/nonexistent', IOC_MQTT_URL: broker.url, IOC_MQTT_CLIENT_ID: `${root}-ioc`,
        IOC_MQTT_TOPIC: `${root}/+/telemetry`, IOC_TELEMETRY_DEVICE_RATE: '1000000000', IOC_TELEMETRY_DEVICE_BURST: '1000000000',
      });
      const app = await buildApp({ config, database, logger: false });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const admin = await signIn(baseUrl);
      const key = await createApiKey(baseUrl, admin, `${root}-gateway`, 'admin', unit!.id);
      const stats = telemetryIngestOf(db).stats;
      // The server shares this process with the bench (the load comes from another process): a full GC first drops
      // the raw-COPY phase's rows, so that "before" is the server at rest; heap and buffers say what the peak holds.
      v8.setFlagsFromString('--expose-gc');
      (vm.runInNewContext('gc') as () => void)();
      const peak = { rss: 0, heap: 0, buffers: 0 };
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak.rss = Math.max(peak.rss, m.rss); peak.heap = Math.max(peak.heap, m.heapUsed); peak.buffers = Math.max(peak.buffers, m.external);
      }, 100);
      const rssBefore = process.memoryUsage().rss;

      if (PHASES.has('http')) {
        const httpResult = await runLoader(['http', baseUrl, deviceIds.join(','), String(seconds), '8:10000', key]);
        const httpRate = httpResult.acked! / httpResult.seconds!;
        log(`HTTP ${fmt(httpRate)} points/s acknowledged (${httpResult.requests} requests, ${httpResult.failed} failed, p99 ${Math.round(httpResult.p99Ms!)} ms)`);
        row(`HTTP batch ingest (8 × 10,000 points in flight; 200 = committed; answer p50 ${fmt(httpResult.p50Ms!)} ms, p99 ${fmt(httpResult.p99Ms!)} ms)`, `${fmt(httpRate)} points/s`, `${fmt(rawRate)} points/s raw COPY`,
          `${Math.round((httpRate / rawRate) * 100)} %`, `≥ ${fmt(GOAL_POINTS)}/s and ≥ 60 %`, httpRate >= GOAL_POINTS && httpRate >= GOAL_SHARE * rawRate);
      }

      if (PHASES.has('mqtt')) {
        while (!stats.mqtt.connected) await new Promise((r) => setTimeout(r, 100));
        const acceptedBefore = stats.accepted;
        const t1 = performance.now();
        const mqttResult = await runLoader(['mqtt', broker.url, deviceIds.join(','), String(seconds), `${root}:1000:${MQTT_PUBLISHERS}`, '']);
        // Committed = acknowledged to the broker; wait for the tail of what the broker still holds.
        const expected = acceptedBefore + mqttResult.points!;
        const deadline = performance.now() + 60_000;
        while (stats.accepted < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        const mqttRate = (stats.accepted - acceptedBefore) / ((performance.now() - t1) / 1000);
        log(`MQTT ${fmt(mqttRate)} points/s committed (${fmt(mqttResult.published!)} messages of 10 points from ${MQTT_PUBLISHERS} publishers)`);
        row(`MQTT QoS 1 ingest (${MQTT_PUBLISHERS} publishers, 10 points per message; PUBACK after commit)`, `${fmt(mqttRate)} points/s`, `${fmt(rawRate)} points/s raw COPY`,
          `${Math.round((mqttRate / rawRate) * 100)} %`, `≥ ${fmt(GOAL_POINTS)}/s and ≥ 60 %`, mqttRate >= GOAL_POINTS && mqttRate >= GOAL_SHARE * rawRate);
      }
      clearInterval(sampler);
      const mib = (n: number) => `${fmt(n / 1_048_576)} MiB`;
      row(`server memory under ingest load (RSS, peak; heap used ${mib(peak.heap)}, buffers ${mib(peak.buffers)}; MQTT window peak ${fmt(telemetryIngestOf(db).mqttWindow.peakMessages)} messages)`,
        mib(peak.rss), `${mib(rssBefore)} before load (after a full GC)`, '-', 'reported', null);

      if (PHASES.has('series')) {
        // 30 days × 24 hourly rollups for the 2,000 series (1.44 M rollup rows), then the series of one of them.
        const some = seriesIds;
        const now = Date.now();
        const start = now - (now % 3_600_000) - 30 * 86_400_000;
        await db.execute(sql.raw(`INSERT INTO telemetry_rollups_1h (series_id, bucket, count, sum, min, max)
          SELECT s, to_timestamp(${start / 1000}) + h * interval '1 hour', 60, 60 * (20 + (h % 24)), 10, 40
          FROM unnest('{${some.join(',')}}'::int[]) AS s, generate_series(0, 719) AS h ON CONFLICT DO NOTHING`));
        await db.execute(sql`ANALYZE telemetry_rollups_1h`);
        const [{ n: historyRows } = { n: 0 }] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::bigint AS n FROM telemetry_readings`);
        const [{ n: rollupRows } = { n: 0 }] = await selectRows<{ n: number }>(db, sql`SELECT count(*)::bigint AS n FROM telemetry_rollups_1h`);
        const target = deviceIds[7]!;
        const from = encodeURIComponent(new Date(start).toISOString());
        const times = await timeRuns(50, 10, async (i) => {
          const res = await fetch(`${baseUrl}/api/telemetry/devices/${target}/series?metric=pm25&from=${from}&resolution=1h`, { headers: { 'x-api-key': key } });
          const body = await res.json() as { points: unknown[] };
          if (i === 0 && body.points.length < 700) throw new Error(`series answered ${body.points.length} points`);
      });
      // The database's part alone: the rollup range read (the series id known).
      const sqlTimes = await timeRuns(50, 10, () =>
        rollupBuckets(db, { seriesId: series.get(`${target}\u0000pm25`)!, resolution: '1h', from: new Date(start), to: new Date() }));
      const sqlP50 = percentile(sqlTimes, 50);
      const p50 = percentile(times, 50);
      const p99 = percentile(times, 99);
      row(`30-day hourly series of one device over HTTP (720 points; ${fmt(Number(historyRows))} history rows, ${fmt(Number(rollupRows))} hourly rollup rows)`,
        `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`, `rollup read alone p50 ${sqlP50.toFixed(1)} ms`, '-', `< ${GOAL_SERIES_MS} ms`, p50 < GOAL_SERIES_MS);
      }
      await app.close();
      broker.stop();
    } else {
      log('PGlite: ingest through the in-process pipeline only (no COPY from a stream)');
      const ingest = telemetryIngestOf(db, { ...loadConfig({}).telemetry, deviceRate: 1e9, deviceBurst: 1e9 });
      let clock = Date.now() - 1;
      const t0 = performance.now();
      let accepted = 0;
      while (performance.now() - t0 < seconds * 1000) {
        const points = Array.from({ length: 10_000 }, (_, i) => ({ deviceId: deviceIds[i % 200]!, metric: metrics[Math.floor(i / 200) % 10]!, at: clock - Math.floor(i / 2000), value: i % 97 }));
        clock -= 5;
        const { valid } = await ingest.screen(points);
        accepted += (await ingest.write(valid)).accepted;
      }
      const rate = accepted / ((performance.now() - t0) / 1000);
      row('pipeline ingest in process (PGlite, 10,000-point batches)', `${fmt(rate)} points/s`, '-', '-', 'reported', null);
      await ingest.stop();
    }
  } finally {
    await db.execute(sql`DELETE FROM devices WHERE id LIKE ${`${root}-%`}`).catch(() => {});
    await Promise.race([database.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  }
  return rows;
}

// Run alone: `tsx bench/telemetry.ts` (PostgreSQL via IOC_BENCH_TELEMETRY_DB).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measureTelemetry(process.env.IOC_BENCH_TELEMETRY_DB ? 'postgres' : 'pglite', { quick: process.argv.includes('--quick') });
  for (const r of result) process.stdout.write(`${r.measure} | ${r.value} | ${r.baseline} | ${r.ratio} | goal ${r.goal} | ${r.pass === null ? '-' : r.pass ? 'pass' : 'SHORT'}\n`);
  process.exit(0);
}
