// Starts the real IOC server for a journey: a fresh embedded database (or a fresh PostgreSQL database
// when TEST_DATABASE_URL is set), a free port, and the built web app; stops it afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const ADMIN_PASSWORD = 'e2e-admin-password-1';

export interface TestServer {
  baseUrl: string;
  adminPassword: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function ensureWebBuilt(): void {
  const result = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('web build failed');
  if (!existsSync(join(repoRoot, 'dist/web/index.html'))) throw new Error('dist/web/index.html missing after the build');
}

interface Database { url: string; drop: () => Promise<void> }

/** A fresh PostgreSQL database on the TEST_DATABASE_URL server, dropped at the end. */
async function createDatabase(serverUrl: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const name = `ioc_e2e_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } finally {
    await db.end();
  }
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited early (code ${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready within ${timeoutMs} ms:\n${output()}`);
}

export async function startServer(): Promise<TestServer> {
  // A server already running (IOC_E2E_SERVER_URL, its admin password in IOC_E2E_ADMIN_PASSWORD): to work on one
  // journey without waiting for a fresh server each run. Its data is not fresh: only for journeys that make their own.
  const running = process.env.IOC_E2E_SERVER_URL;
  if (running) return { baseUrl: running.replace(/\/$/, ''), adminPassword: process.env.IOC_E2E_ADMIN_PASSWORD ?? ADMIN_PASSWORD, output: () => '', stop: async () => {} };
  ensureWebBuilt();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'ioc-e2e-'));
  const database = process.env.TEST_DATABASE_URL ? await createDatabase(process.env.TEST_DATABASE_URL) : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    IOC_DATA_DIR: dataDir,
    IOC_ADMIN_PASSWORD: ADMIN_PASSWORD,
    IOC_LOG_LEVEL: 'warn',
    // A few thousand synthetic dossiers are enough for the journeys (the 300,000 of `npm start` take too long).
    IOC_DEMO_DOSSIERS: process.env.IOC_DEMO_DOSSIERS ?? '3000',
    // Likewise for citizen reports (110,000 on PostgreSQL by default): fewer to seed and for the classifier to learn at start.
    IOC_DEMO_REPORTS: process.env.IOC_DEMO_REPORTS ?? '2000',
    NODE_ENV: 'test',
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const append = (chunk: Buffer) => { log = (log + chunk.toString()).slice(-20_000); };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const output = () => log;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await database?.drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(baseUrl, child, output, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, adminPassword: ADMIN_PASSWORD, output, stop };
}
