// read-route: req/s and p99 of an authenticated, scope-filtered read (GET /api/units?parentId=<689>, API key
// scoped to Đồng Xoài) against a bare Fastify route that returns the same JSON, both on 127.0.0.1.
import Fastify from 'fastify';
import {
  type BenchOptions, type BenchRow, createApiKey, type DatabaseKind, formatMs, formatRatio, getJson, listenApp,
  openBenchDatabase, runLoad, signIn, unitIdByCode,
} from './bench-setup.js';

const CONNECTIONS = 20;
const AS_OF = '2025-06-30';
// Goals, as ratios to the bare route measured in the same run (so they hold on any machine):
// PostgreSQL ≥ 20% of bare req/s: each request makes 3 database round trips (API key, page, count) through
// a 10-connection pool against ~0 for the bare route; 20% leaves room for that and flags a real regression
// (an N+1, a lost index, a per-request bcrypt) which typically costs 2–10×.
// PGlite ≥ 10%: the embedded database runs single-threaded in the server's own event loop, so every query
// is CPU taken from HTTP handling; it is the demo/small-site path, not the throughput path.
const GOAL_RPS_RATIO: Record<DatabaseKind, number> = { postgres: 0.2, pglite: 0.1 };
// p99 under 20 concurrent clients: ≤ 100 ms keeps a dashboard refresh of a few such calls well under a second.
const GOAL_P99_MS = 100;

export async function measureReadRoute(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const durationSeconds = options.quick ? 3 : 10;
  const warmupSeconds = options.quick ? 0.5 : 2;

  const database = await openBenchDatabase(kind, 'read');
  const ioc = await listenApp(database);
  const bare = Fastify({ logger: false });
  try {
    const admin = await signIn(ioc.baseUrl);
    const districtId = await unitIdByCode(ioc.baseUrl, admin, '689');
    const secret = await createApiKey(ioc.baseUrl, admin, 'bench-read', 'viewer', districtId);
    // Đồng Xoài's wards and communes: the district level ended on 2025-07-01, so read as of the day before.
    const path = `/api/units?asOf=${AS_OF}&parentId=${districtId}`;
    const headers = { 'x-api-key': secret };
    const sample = await getJson(ioc.baseUrl, path, headers);
    const items = (sample.body as { items: unknown[] }).items;
    if (items.length === 0) throw new Error('read-route: Đồng Xoài has no child units in scope; the measure would be empty');

    // The baseline answers the same document, serialised per request as Fastify does without a schema.
    const document = sample.body;
    bare.get('/bare', async () => document);
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareAddress = bare.server.address();
    const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/bare`;
    const bareBytes = (await getJson(bareUrl, '', {})).bytes;

    const load = { connections: CONNECTIONS };
    await runLoad({ ...load, url: bareUrl, durationSeconds: warmupSeconds });
    const base = await runLoad({ ...load, url: bareUrl, durationSeconds });
    await runLoad({ ...load, url: ioc.baseUrl + path, headers, durationSeconds: warmupSeconds });
    const real = await runLoad({ ...load, url: ioc.baseUrl + path, headers, durationSeconds });
    if (real.non2xx > 0 || real.errors > 0) {
      process.stderr.write(`read-route (${kind}): ${real.non2xx} non-2xx answers and ${real.errors} errors out of ${real.total}\n`);
    }

    const rpsRatio = real.requestsPerSecond / base.requestsPerSecond;
    const goalRatio = GOAL_RPS_RATIO[kind];
    const note = `${items.length} units, ${sample.bytes} B vs ${bareBytes} B`;
    return [
      {
        measure: `read-route req/s (${note})`, database: kind,
        value: real.requestsPerSecond.toFixed(0), baseline: base.requestsPerSecond.toFixed(0),
        ratio: formatRatio(real.requestsPerSecond, base.requestsPerSecond),
        goal: `ratio ≥ ${goalRatio.toFixed(2)}×`, pass: rpsRatio >= goalRatio && real.non2xx === 0 && real.errors === 0,
      },
      {
        measure: 'read-route p99 latency (20 connections)', database: kind,
        value: formatMs(real.p99), baseline: formatMs(base.p99), ratio: formatRatio(real.p99, base.p99),
        goal: kind === 'postgres' ? `≤ ${GOAL_P99_MS} ms` : '-', pass: kind === 'postgres' ? real.p99 <= GOAL_P99_MS : null,
      },
    ];
  } finally {
    await bare.close();
    await ioc.close();
  }
}
