// The start-up a newcomer sees: first start prints the URL and a one-time admin password, a second start
// reuses the data and prints none, SIGTERM stops cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, databaseUrlFor, testDatabaseKind } from './test/test-database.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

interface Started { child: ChildProcess; output: () => string; port: number }

async function startServer(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', IOC_LOG_LEVEL: 'warn', IOC_WEB_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200 && out.includes('IOC is running')) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, port, output: () => out };
}

async function stop(s: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill('SIGTERM');
  return exited;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => { for (const c of cleanups) await c(); });

async function databaseEnv(): Promise<Record<string, string>> {
  if (testDatabaseKind() === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'ioc-start-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return { IOC_DATA_DIR: dir };
  }
  const name = `ioc_start_${process.pid}_${Date.now().toString(36)}`;
  const admin = await adminClient();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => { const c = await adminClient(); await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await c.end(); });
  return { DATABASE_URL: databaseUrlFor(process.env.TEST_DATABASE_URL!, name) };
}

describe('starting the server', () => {
  it('prints the URL and a one-time admin password, reuses the data on the second start, and stops on SIGTERM', async () => {
    const env = await databaseEnv();
    const first = await startServer(env);
    const password = /Sign in as admin \/ (\S+)/.exec(first.output())?.[1];
    expect(first.output()).toContain(`http://localhost:${first.port}`);
    expect(password).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/);
    const login = await fetch(`http://127.0.0.1:${first.port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect(await stop(first)).toBe(0);

    const second = await startServer(env);
    expect(second.output()).not.toMatch(/Sign in as admin \//);
    expect(second.output()).toContain('existing account');
    const again = await fetch(`http://127.0.0.1:${second.port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
    });
    expect(again.status).toBe(200);
    expect(await stop(second)).toBe(0);
  }, 180_000);

  it('refuses to start with a wrong setting and names it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(out).toContain('PORT');
  }, 60_000);
});
