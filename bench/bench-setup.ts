// What every measure needs: prepared databases (shared and cleaned up), the app on a real port, sign-in,
// API keys, workers that run load off the server's thread, and the row type the runner prints.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { type Database, openPglite, openPostgres } from '../src/server/db/client.js';
import { prepareDatabase } from '../src/server/db/prepare.js';

export const ADMIN_PASSWORD = 'bench-admin-password';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const postgresAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type DatabaseKind = 'pglite' | 'postgres';

export interface BenchOptions { quick: boolean }

/** One line of the result table. `ratio` is value / baseline; `goal` says which side of it must hold. */
export interface BenchRow {
  measure: string;
  database: DatabaseKind | '-';
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  pass: boolean | null;          // null: no goal, reported only
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

export function formatRatio(value: number, baseline: number): string {
  if (!(baseline > 0)) return '-';
  const r = value / baseline;
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** A wall-clock reading that is comparable between the main thread and worker threads. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- throwaway places, removed at the end

const createdDatabases: string[] = [];
let tempRoot: string | null = null;

export async function benchTempDir(name: string): Promise<string> {
  tempRoot ??= await mkdtemp(path.join(os.tmpdir(), `ioc-bench-${process.pid}-`));
  return path.join(tempRoot, name);
}

async function withPostgresAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 });
  await client.connect();
  try { return await run(client); } finally { await client.end(); }
}

let reachable: Promise<boolean> | null = null;
export function isPostgresReachable(): Promise<boolean> {
  reachable ??= withPostgresAdmin(async (c) => { await c.query('SELECT 1'); return true; }).catch(() => false);
  return reachable;
}

export function postgresUrlOf(name: string): string {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** An empty database (or a copy of `template`) named ioc_bench_<pid>_<suffix>; dropped by cleanUp(). */
export async function createPostgresDatabase(suffix: string, template?: string): Promise<{ name: string; url: string }> {
  const name = `ioc_bench_${process.pid}_${suffix}`;
  await withPostgresAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
  createdDatabases.push(name);
  return { name, url: postgresUrlOf(name) };
}

export async function cleanUp(): Promise<void> {
  if (createdDatabases.length > 0) {
    await withPostgresAdmin(async (c) => {
      for (const name of createdDatabases.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }).catch((err: unknown) => { process.stderr.write(`bench: could not drop databases: ${String(err)}\n`); });
  }
  if (tempRoot) { await rm(tempRoot, { recursive: true, force: true }); tempRoot = null; }
}

/**
 * A long-lived database kept between runs (not dropped by cleanUp()): created when missing, with PostGIS. Answers
 * whether it was created now.
 */
export async function ensurePostgresDatabase(name: string): Promise<boolean> {
  const created = await withPostgresAdmin(async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    return true;
  });
  const client = new pg.Client({ connectionString: postgresUrlOf(name) });
  await client.connect();
  try { await client.query('CREATE EXTENSION IF NOT EXISTS postgis'); } finally { await client.end(); }
  return created;
}

/** Drops a database made by ensurePostgresDatabase (its connections are ended). */
export async function dropPostgresDatabase(name: string): Promise<void> {
  await withPostgresAdmin(async (c) => { await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`); });
}

/** Milliseconds of each of `runs` calls of `run` after `warmUp` untimed ones, one after another. */
export async function timeRuns(runs: number, warmUp: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run(warmUp + i);
    times.push(performance.now() - t);
  }
  return times;
}

// ------------------------------------------- prepared (migrated, demo-seeded) databases, made once per run

let preparedPgliteDir: Promise<string> | null = null;
let preparedPostgresName: Promise<string> | null = null;

/** Lets a measure that already prepared a database (cold-start's first start) hand it to the others. */
export function rememberPreparedPglite(dir: string): void { preparedPgliteDir ??= Promise.resolve(dir); }
export function rememberPreparedPostgres(name: string): void { preparedPostgresName ??= Promise.resolve(name); }

function preparedPglite(): Promise<string> {
  preparedPgliteDir ??= (async () => {
    const dir = await benchTempDir('pglite-prepared');
    const database = await openPglite({ dataDir: dir });
    await prepareDatabase(database, { seedDemo: true, adminPassword: ADMIN_PASSWORD });
    await database.close();
    return dir;
  })();
  return preparedPgliteDir;
}

function preparedPostgres(): Promise<string> {
  preparedPostgresName ??= (async () => {
    const { name, url } = await createPostgresDatabase('prepared');
    const database = await openPostgres(url, 2);
    await prepareDatabase(database, { seedDemo: true, adminPassword: ADMIN_PASSWORD });
    await database.close();
    return name;
  })();
  return preparedPostgresName;
}

/**
 * A demo-seeded database for one measure. PGlite opens the shared prepared data dir (one process at a
 * time, measures run one after another); PostgreSQL gets its own copy of the prepared database.
 */
export async function openBenchDatabase(kind: DatabaseKind, suffix: string): Promise<Database> {
  if (kind === 'pglite') return openPglite({ dataDir: await preparedPglite() });
  const { url } = await createPostgresDatabase(suffix, await preparedPostgres());
  return openPostgres(url);     // the pool size main.ts uses
}

// ------------------------------------------------------------------------------ the app on a real port

export interface RunningApp { app: FastifyInstance; baseUrl: string; close(): Promise<void> }

/**
 * `backgroundJobs: false` for a measure that must not share the process with the jobs a server runs beside
 * its requests (training the report classifier a second after start is a second of CPU).
 */
export async function listenApp(database: Database, options: { backgroundJobs?: boolean } = {}): Promise<RunningApp> {
  const config = loadConfig({ IOC_LOG_LEVEL: 'silent', IOC_WEB_DIR: '/nonexistent', IOC_BACKGROUND_JOBS: options.backgroundJobs === false ? 'false' : 'true' });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() { await app.close(); await database.close(); },
  };
}

export interface Session { cookie: string; csrf: string }

async function expectStatus(res: Response, status: number, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) as unknown : null;
}

export async function signIn(baseUrl: string, username = 'admin', password = ADMIN_PASSWORD): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const cookie = (res.headers.getSetCookie()).map((c) => c.split(';')[0]).join('; ');
  const body = await expectStatus(res, 200, 'sign-in') as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

export function sessionHeaders(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' };
}

export async function postJson(baseUrl: string, session: Session, url: string, body: unknown, status = 201): Promise<unknown> {
  const res = await fetch(`${baseUrl}${url}`, { method: 'POST', headers: sessionHeaders(session), body: JSON.stringify(body) });
  return expectStatus(res, status, `POST ${url}`);
}

export async function getJson(baseUrl: string, url: string, headers: Record<string, string>): Promise<{ body: unknown; bytes: number }> {
  const res = await fetch(`${baseUrl}${url}`, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) };
}

export async function unitIdByCode(baseUrl: string, session: Session, code: string): Promise<string> {
  const { body } = await getJson(baseUrl, `/api/units?includeEnded=true&q=${encodeURIComponent(code)}&limit=5000`, { cookie: session.cookie });
  const unit = (body as { items: { id: string; code: string }[] }).items.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit with code ${code}`);
  return unit.id;
}

/** An API key for a machine client; returns the secret to send as x-api-key. */
export async function createApiKey(baseUrl: string, admin: Session, name: string, role: string, scopeUnitId: string): Promise<string> {
  const created = await postJson(baseUrl, admin, '/api/api-keys', { name, role, scopeUnitId }) as { secret: string };
  return created.secret;
}

// ------------------------------------------------------------------------------------------- workers

/**
 * Starts a TypeScript worker. Node 20 resolves a worker's entry before tsx's hooks are in place,
 * so the entry is a one-line loader that imports the file through tsx's API.
 */
export function startTsWorker(file: URL, workerData: unknown): Worker {
  const code = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, workerData });
}

/** Runs a worker that posts exactly one message (its result) and then ends. */
export function runTsWorker<T>(file: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startTsWorker(file, workerData);
    let settled = false;
    worker.once('message', (message: T) => { settled = true; resolve(message); void worker.terminate(); });
    worker.once('error', (err) => { settled = true; reject(err); });
    worker.once('exit', (code) => { if (!settled) reject(new Error(`worker ${file.pathname} exited with ${code}`)); });
  });
}

export interface LoadResult { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number; total: number }
export interface LoadOptions { url: string; headers?: Record<string, string>; connections: number; durationSeconds: number }

/** autocannon in a worker thread, so the load generator does not share the event loop with the server. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return runTsWorker<LoadResult>(new URL('./autocannon.worker.ts', import.meta.url), options);
}
