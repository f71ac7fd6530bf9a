// An app on a fresh test database, plus signed-in agents that speak HTTP through app.inject.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { Role } from '../../shared/contracts/auth.js';
import { openTestDatabase, TEST_ADMIN_PASSWORD } from './test-database.js';

export interface Agent {
  cookie: string;
  csrf: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  url: string | null;
  close(): Promise<void>;
  signIn(username: string, password: string): Promise<Agent>;
  admin(): Promise<Agent>;
  unitId(code: string): Promise<string>;
  /** Creates a user through the API (as admin) and signs them in. */
  userAgent(opts: { role: Role; scopeCode: string; username?: string; agencyCode?: string }): Promise<Agent & { userId: string }>;
}

let counter = 0;

export async function createTestApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const { database, url, drop } = await openTestDatabase();
  const config = loadConfig({ IOC_LOG_LEVEL: 'silent', IOC_WEB_DIR: '/nonexistent', ...options.env });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();

  async function signIn(username: string, password: string): Promise<Agent> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...opts.headers } });
    return {
      cookie, csrf, request,
      get: (u) => request({ method: 'GET', url: u }),
      post: (u, body, headers) => request({ method: 'POST', url: u, payload: body as InjectOptions['payload'], ...(headers ? { headers } : {}) }),
      patch: (u, body) => request({ method: 'PATCH', url: u, payload: body as InjectOptions['payload'] }),
    };
  }

  let adminAgent: Agent | null = null;
  const admin = async () => (adminAgent ??= await signIn('admin', TEST_ADMIN_PASSWORD));

  async function unitId(code: string): Promise<string> {
    const a = await admin();
    const res = await a.get(`/api/units?includeEnded=true&q=${encodeURIComponent(code)}&limit=5000`);
    const unit = (res.json() as { items: { id: string; code: string }[] }).items.find((u) => u.code === code);
    if (!unit) throw new Error(`no unit with code ${code}`);
    return unit.id;
  }

  return {
    app, database, url, signIn, admin, unitId,
    async userAgent({ role, scopeCode, username, agencyCode }) {
      const a = await admin();
      const name = username ?? `${role.replace(/_/g, '-')}-${++counter}`;
      let agencyId: string | null = null;
      if (agencyCode) {
        const list = (await a.get(`/api/agencies?q=${encodeURIComponent(agencyCode)}&includeEnded=true`)).json() as { items: { id: string; code: string }[] };
        agencyId = list.items.find((x) => x.code === agencyCode)?.id ?? null;
      }
      const password = 'password-of-' + name;
      const res = await a.post('/api/users', { username: name, displayName: name, role, scopeUnitId: await unitId(scopeCode), agencyId, password });
      if (res.statusCode !== 201) throw new Error(`creating ${name} failed: ${res.body}`);
      return { ...(await signIn(name, password)), userId: (res.json() as { user: { id: string } }).user.id };
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
