// feedback: the citizen-feedback goals of issue 5, each beside a raw baseline measured in the same run.
// - Open311 POST intake (form-urlencoded, api_key, a point inside the demo province, varied descriptions),
//   loaded from a second process (bench/open311-load.ts) against a bare Fastify route that parses the same
//   form body and answers a similar JSON. Goal on PostgreSQL: ≥ 1,000 req/s with p99 < 50 ms. Every answer
//   must be 200 and every answered request must exist as a report afterwards.
// - The inbox: 100k open reports (set-based, over agencies, units, categories), GET /api/feedback filtered
//   by agency and state as an operator, p95 over HTTP < 50 ms, beside the same two statements in raw SQL.
// Classification (< 5 ms) is measured by feedback-classify.ts and printed under the same measure.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { type Database, openPglite, selectRows } from '../src/server/db/client.js';
import { classifierModelOf } from '../src/server/domains/feedback/classifier.service.js';
import { formFieldsOf } from '../src/server/domains/feedback/open311.js';
import { feedbackDashboard } from '../src/server/domains/feedback/stats.js';
import { systemActor } from '../src/server/core/auth.js';
import {
  type BenchOptions, type BenchRow, benchTempDir, createApiKey, type DatabaseKind, formatMs, formatRatio, listenApp, type LoadResult,
  openBenchDatabase, percentile, postJson, repoRoot, signIn, sleep, unitIdByCode,
} from './bench-setup.js';
import type { Open311LoadOptions } from './open311-load.js';
import { rawQueryOf } from './indicators-data.js';

const GOAL_INTAKE_RPS = 1000;
const GOAL_INTAKE_P99_MS = 50;
const GOAL_INBOX_P95_MS = 50;
// 16 concurrent clients: enough to keep the 10-connection pool and both cores busy (so req/s is the
// server's, not the client's), few enough that p99 measures a request's own work plus a short queue
// rather than the queue alone (at 100 connections p99 is mostly waiting for a pool connection).
const CONNECTIONS = 16;
const INBOX_REPORTS = 100_000;

// Parts to run (profiling one of them): map, intake, inbox.
const PARTS = new Set((process.env.IOC_BENCH_FEEDBACK_PARTS ?? 'map,intake,inbox').split(','));
const log = (message: string) => process.stderr.write(`bench: feedback ${message}\n`);

/** PGlite: a private copy of the prepared data dir, so that the 100k reports stay out of the shared one. */
async function openDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'postgres') return openBenchDatabase(kind, 'feedback');
  const shared = await openBenchDatabase(kind, 'feedback') as Database & { pglite: PGlite };
  const tarball = await shared.pglite.dumpDataDir('none');
  await shared.close();
  return openPglite({ dataDir: await benchTempDir(`pglite-feedback-${Date.now().toString(36)}`), loadDataDir: tarball });
}

/** autocannon in a child process (its own event loop and core), answering one LoadResult line. */
function runOpen311Load(options: Open311LoadOptions): Promise<LoadResult & { status2xx: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./open311-load.ts', import.meta.url))], {
      cwd: repoRoot, env: { ...process.env, BENCH_OPEN311_LOAD: JSON.stringify(options) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) { reject(new Error(`open311-load exited with ${code}: ${err.slice(-2000)}`)); return; }
      resolve(JSON.parse(line) as LoadResult & { status2xx: number; sent: number });
    });
  });
}

/** Open311 reports once the server finished what was in flight when the load stopped (the count holds still). */
async function countOpen311Reports(database: Database): Promise<number> {
  const count = async () => (await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM reports WHERE channel = 'open311'`))[0]!.n;
  let previous = await count();
  for (;;) {
    await sleep(300);
    const now = await count();
    if (now === previous) return now;
    previous = now;
  }
}

async function measureIntake(kind: DatabaseKind, options: BenchOptions, database: Database, baseUrl: string, apiKey: string): Promise<BenchRow[]> {
  const durationSeconds = options.quick ? 3 : 10;
  const warmupSeconds = options.quick ? 1 : 2;
  // A point inside each current commune and ward of the province: routing then runs its ST_Covers for real.
  const points = (await selectRows<{ lat: number; lon: number }>(database.db, sql`
    SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (
      SELECT ST_PointOnSurface(boundary) AS p FROM units
      WHERE boundary IS NOT NULL AND valid_to IS NULL AND level > 1 AND path LIKE (SELECT path || '%' FROM units WHERE code = '75' AND valid_to IS NULL)
      ORDER BY code) s`)).map((p) => ({ lat: Number(p.lat), lon: Number(p.lon) }));
  if (points.length === 0) throw new Error('no unit of the demo province has a boundary (demo not seeded?)');
  // Categories a GeoReport client can post without attributes (none of them required).
  const serviceCodes = (await selectRows<{ code: string }>(database.db, sql`
    SELECT code FROM report_categories WHERE active AND NOT attributes @> '[{"required": true}]'::jsonb ORDER BY sort_order`)).map((c) => c.code);

  // The baseline: the same form parser and a similar answer, no database.
  const bare = Fastify({ logger: false });
  bare.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, formFieldsOf(body as string)));
  let bareSeq = 0;
  bare.post('/open311/v2/requests.json', async (req) => {
    const fields = req.body as Record<string, string>;
    return [{ service_request_id: `PA${String(bareSeq++).padStart(8, '0')}`, token: fields.api_key, service_notice: `Dự kiến xử lý xong trước ${new Date().toISOString()}.`, account_id: null }];
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    const bareAddress = bare.server.address();
    const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/open311/v2/requests.json`;
    const load = { connections: CONNECTIONS, apiKey, serviceCodes, points };
    await runOpen311Load({ ...load, url: bareUrl, durationSeconds: warmupSeconds });
    const base = await runOpen311Load({ ...load, url: bareUrl, durationSeconds });

    const url = `${baseUrl}/open311/v2/requests.json`;
    await runOpen311Load({ ...load, url, durationSeconds: warmupSeconds });
    const before = await countOpen311Reports(database);
    const real = await runOpen311Load({ ...load, url, durationSeconds });
    const created = (await countOpen311Reports(database)) - before;
    // autocannon stops counting at the deadline; requests still in flight then (and those it had written
    // but not yet seen answered) are stored but not counted: between the 200s and the bodies the child made.
    // Fewer reports than 200s would be a lost report.
    const allStored = created >= real.status2xx && created <= real.sent;
    const allOk = real.non2xx === 0 && real.errors === 0;
    if (!allOk || !allStored) log(`${kind}: ${real.non2xx} non-2xx, ${real.errors} errors, ${real.status2xx} answered 200, ${created} reports stored`);
    const onPostgres = kind === 'postgres';
    return [
      {
        measure: `Open311 POST intake req/s (${CONNECTIONS} connections from a child process, ${real.status2xx} × 200, ${created} stored${allOk && allStored ? '' : ', CHECK FAILED'})`,
        database: kind, value: real.requestsPerSecond.toFixed(0), baseline: `${base.requestsPerSecond.toFixed(0)} bare form route`,
        ratio: formatRatio(real.requestsPerSecond, base.requestsPerSecond),
        goal: onPostgres ? `≥ ${GOAL_INTAKE_RPS}` : '-', pass: onPostgres ? real.requestsPerSecond >= GOAL_INTAKE_RPS && allOk && allStored : (allOk && allStored ? null : false),
      },
      {
        measure: `Open311 POST intake p99 (p50 ${formatMs(real.p50)})`, database: kind,
        value: formatMs(real.p99), baseline: formatMs(base.p99), ratio: formatRatio(real.p99, base.p99),
        goal: onPostgres ? `< ${GOAL_INTAKE_P99_MS} ms` : '-', pass: onPostgres ? real.p99 < GOAL_INTAKE_P99_MS : null,
      },
    ];
  } finally {
    await bare.close();
  }
}

/**
 * `count` open reports over the last 60 days: every current agency, the province's communes and wards, every
 * category; nine in ten with an agency (assigned, in progress, action scheduled), one in ten in the operator
 * queue. Set-based, one statement; then what autovacuum would have done by the time an operator reads.
 */
async function generateOpenReports(database: Database, count: number): Promise<void> {
  const db = database.db;
  await db.execute(sql`CREATE TEMP TABLE bench_fa AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id FROM agencies WHERE valid_to IS NULL`);
  await db.execute(sql`CREATE TEMP TABLE bench_fu AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id, path, ST_PointOnSurface(boundary) AS p FROM units
    WHERE boundary IS NOT NULL AND valid_to IS NULL AND level > 1 AND path LIKE (SELECT path || '%' FROM units WHERE code = '75' AND valid_to IS NULL)`);
  await db.execute(sql`CREATE TEMP TABLE bench_fc AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id FROM report_categories WHERE active`);
  const [sizes] = await selectRows<{ fa: number; fu: number; fc: number }>(db, sql`SELECT (SELECT count(*) FROM bench_fa)::int AS fa, (SELECT count(*) FROM bench_fu)::int AS fu, (SELECT count(*) FROM bench_fc)::int AS fc`);
  if (!sizes || !sizes.fa || !sizes.fu || !sizes.fc) throw new Error('the bench database lacks agencies, units or categories (demo not seeded?)');
  await db.execute(sql`
    INSERT INTO reports (id, tracking_code, token, category_id, description, location, unit_id, unit_path, channel, reporter_phone,
      state, urgency, agency_id, accept_due_at, resolve_due_at, created_at, updated_at)
    SELECT gen_random_uuid(), 'PB' || lpad(x.g::text, 8, '0'), 'bench-' || x.g, c.id,
      'Phản ánh thử tải số ' || x.g || ': đèn đường hỏng, rác thải, ổ gà trên đường.', u.p, u.id, u.path,
      (ARRAY['phone','web','open311','email','zalo','facebook'])[1 + (x.g % 6)], '09' || lpad((x.g * 7919 % 100000000)::text, 8, '0'),
      CASE WHEN x.g % 10 = 0 THEN 'new' ELSE (ARRAY['assigned','in_progress','action_scheduled'])[1 + (x.g % 3)] END,
      (ARRAY['normal','normal','normal','complex','urgent'])[1 + (x.g % 5)],
      CASE WHEN x.g % 10 = 0 THEN NULL ELSE a.id END,
      x.rec + interval '8 hours', x.rec + interval '10 days', x.rec, x.rec
    FROM (SELECT g, now() - random() * interval '60 days' AS rec FROM generate_series(1, ${count}) g) x
    JOIN bench_fa a ON a.n = x.g % ${sizes.fa}
    JOIN bench_fu u ON u.n = (x.g / 7) % ${sizes.fu}
    JOIN bench_fc c ON c.n = (x.g / 3) % ${sizes.fc}`);
  await db.execute(sql`VACUUM (ANALYZE) reports`);
}

async function timedFetch(times: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run(-1 - i);   // warm-up, not counted
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function measureInbox(kind: DatabaseKind, options: BenchOptions, database: Database, baseUrl: string): Promise<BenchRow[]> {
  const t0 = performance.now();
  await generateOpenReports(database, INBOX_REPORTS);
  const [totals] = await selectRows<{ open: number }>(database.db, sql`SELECT count(*)::int AS open FROM reports WHERE closed_at IS NULL`);
  log(`${kind}: ${totals!.open} open reports ready in ${formatMs(performance.now() - t0)}`);

  // An operator of the province (feedback:read and feedback:handle, the whole province in scope).
  const admin = await signIn(baseUrl);
  const provinceId = await unitIdByCode(baseUrl, admin, '75');
  await postJson(baseUrl, admin, '/api/users', { username: 'bench-operator', displayName: 'Bench operator', role: 'operator', scopeUnitId: provinceId, password: 'bench-operator-password' });
  const operator = await signIn(baseUrl, 'bench-operator', 'bench-operator-password');
  const [scope] = await selectRows<{ path: string }>(database.db, sql`SELECT path FROM units WHERE id = ${provinceId}`);

  // The ten agencies with most open reports: the busy inboxes an operator filters by.
  const agencies = await selectRows<{ id: string; n: number }>(database.db, sql`SELECT agency_id AS id, count(*)::int AS n FROM reports
    WHERE closed_at IS NULL AND agency_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 10`);
  const agencyAt = (i: number) => agencies[Math.abs(i) % agencies.length]!.id;
  const states = 'assigned,in_progress,action_scheduled';
  const runs = options.quick ? 30 : 100;
  let lastTotal = 0;
  const http = await timedFetch(runs, async (i) => {
    const res = await fetch(`${baseUrl}/api/feedback?agencyId=${agencyAt(i)}&state=${states}&limit=50`, { headers: { cookie: operator.cookie } });
    const body = await res.json() as { items: unknown[]; total: number };
    if (res.status !== 200 || body.items.length === 0) throw new Error(`inbox: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    lastTotal = body.total;
  });
  // The same two statements the service runs (page and total), without HTTP, session, permission and JSON.
  const raw = rawQueryOf(database);
  const rawTimes = await timedFetch(runs, async (i) => {
    const params = [`${scope!.path}%`, agencyAt(i), ['assigned', 'in_progress', 'action_scheduled']];
    await raw(`SELECT r.*, c.code, c.name, u.name, a.name, ST_Y(r.location), ST_X(r.location) FROM reports r
      JOIN report_categories c ON c.id = r.category_id LEFT JOIN units u ON u.id = r.unit_id LEFT JOIN agencies a ON a.id = r.agency_id
      WHERE r.unit_path LIKE $1 AND r.agency_id = $2 AND r.state = ANY($3) ORDER BY r.created_at DESC, r.id DESC LIMIT 50`, params);
    await raw(`SELECT count(*) FROM reports r JOIN report_categories c ON c.id = r.category_id WHERE r.unit_path LIKE $1 AND r.agency_id = $2 AND r.state = ANY($3)`, params);
  });
  const p95 = percentile(http, 95);
  const rawP95 = percentile(rawTimes, 95);
  const onPostgres = kind === 'postgres';
  return [{
    measure: `inbox: ${(totals!.open / 1000).toFixed(0)}k open, one agency × 3 states, 50 rows + total (~${lastTotal}), p95 over HTTP as operator (p50 ${formatMs(percentile(http, 50))})`,
    database: kind, value: formatMs(p95), baseline: `${formatMs(rawP95)} raw SQL`, ratio: formatRatio(p95, rawP95),
    goal: onPostgres ? `< ${GOAL_INBOX_P95_MS} ms` : '-', pass: onPostgres ? p95 < GOAL_INBOX_P95_MS : null,
  }];
}

const kb = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

/**
 * The map and the dashboard over a year of the demo's ~110k reports (before the inbox measure adds its 100k):
 * the map's answer without a viewport (every point, as the operations map asks) beside the viewport answers
 * clustered in the database (the province at zoom 8 as clusters and as heatmap cells, a district-sized view at
 * zoom 12), payload bytes and p50 over HTTP; and the 365-day dashboard computed uncached (a new minute each run,
 * which is part of its cache key) through the service, p50.
 */
export async function measureMapAndDashboard(kind: DatabaseKind, options: BenchOptions, database: Database, baseUrl: string): Promise<BenchRow[]> {
  const admin = await signIn(baseUrl);
  const provinceId = await unitIdByCode(baseUrl, admin, '75');
  const runs = options.quick ? 5 : 15;
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const from = new Date(Date.now() + 7 * 3_600_000 - 364 * 86_400_000).toISOString().slice(0, 10);
  const [extent] = await selectRows<{ w: number; s: number; e: number; n: number }>(database.db, sql`
    SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(location)::geometry AS x FROM reports) q`);
  const e = { w: Number(extent!.w), s: Number(extent!.s), e: Number(extent!.e), n: Number(extent!.n) };
  const province = `${e.w - 0.1},${e.s - 0.1},${e.e + 0.1},${e.n + 0.1}`;
  const cx = (e.w + e.e) / 2;
  const cy = (e.s + e.n) / 2;
  const district = `${(cx - 0.15).toFixed(3)},${(cy - 0.1).toFixed(3)},${(cx + 0.15).toFixed(3)},${(cy + 0.1).toFixed(3)}`;
  const base = `/api/feedback/stats/map?unitId=${provinceId}&from=${from}&to=${today}`;
  const rows: BenchRow[] = [];
  let oldP50 = 0;
  let oldBytes = 0;
  for (const [label, query] of [
    ['map: a year, every point (no viewport)', ''],
    ['map: a year, province at zoom 8, clusters', `&bbox=${province}&zoom=8`],
    ['map: a year, province at zoom 8, heatmap cells', `&bbox=${province}&zoom=8&mode=heatmap`],
    ['map: a year, 0.3° × 0.2° view at zoom 12', `&bbox=${district}&zoom=12`],
  ] as const) {
    let bytes = 0;
    let shape = '';
    const times = await timedFetch(runs, async () => {
      const res = await fetch(`${baseUrl}${base}${query}`, { headers: { cookie: admin.cookie } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`map: ${res.status} ${text.slice(0, 300)}`);
      bytes = Buffer.byteLength(text);
      const body = JSON.parse(text) as { features: unknown[]; mode?: string; total?: number; truncated?: boolean };
      shape = `${body.mode ?? 'points'}: ${body.features.length} features${body.total !== undefined ? ` of ${body.total} reports` : ''}${body.truncated ? ', truncated' : ''}`;
    });
    const p50 = percentile(times, 50);
    if (!query) { oldP50 = p50; oldBytes = bytes; }
    rows.push({
      measure: `${label} (${shape}), p50 over HTTP`, database: kind, value: `${formatMs(p50)}, ${kb(bytes)}`,
      baseline: query ? `${formatMs(oldP50)}, ${kb(oldBytes)} every point` : '-', ratio: query ? `1/${Math.round(oldBytes / Math.max(1, bytes))} of the bytes` : '-', goal: '-', pass: null,
    });
  }

  const [scope] = await selectRows<{ id: string; name: string; path: string }>(database.db, sql`SELECT id, name, path FROM units WHERE id = ${provinceId}`);
  const ctx = { db: database.db, actor: systemActor(scope!) };
  const start = Date.now();
  let received = 0;
  const dash = await timedFetch(options.quick ? 3 : 8, async (i) => {
    const answer = await feedbackDashboard(ctx, { from, to: today }, undefined, new Date(start + (i + 10) * 60_000));
    received = answer.totals.received;
  });
  rows.push({
    measure: `dashboard: 365 days (${received} reports), uncached, p50 through the service`, database: kind,
    value: formatMs(percentile(dash, 50)), baseline: '-', ratio: '-', goal: '-', pass: null,
  });
  return rows;
}

export async function measureFeedback(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const database = await openDatabase(kind);
  const ioc = await listenApp(database);
  try {
    const admin = await signIn(ioc.baseUrl);
    const apiKey = await createApiKey(ioc.baseUrl, admin, 'bench-open311', 'viewer', await unitIdByCode(ioc.baseUrl, admin, '75'));
    // A running server trained its classifier long ago (background.ts warms it at start); training it here, on
    // the first intake's suggestion, would put seconds of CPU into the measured window that are not intake.
    const warmStart = Date.now();
    await classifierModelOf(database.db);
    log(`${kind}: classifier trained in ${((Date.now() - warmStart) / 1000).toFixed(1)} s before the load`);
    const rows: BenchRow[] = [];
    if (PARTS.has('map')) rows.push(...await measureMapAndDashboard(kind, options, database, ioc.baseUrl));
    if (PARTS.has('intake')) rows.push(...await measureIntake(kind, options, database, ioc.baseUrl, apiKey));
    if (PARTS.has('inbox')) rows.push(...await measureInbox(kind, options, database, ioc.baseUrl));
    return rows;
  } finally {
    await ioc.close();
  }
}
