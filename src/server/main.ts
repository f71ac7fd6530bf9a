// Start-up: config → database → migrations and demo → app → listen; graceful stop on SIGTERM/SIGINT.
import path from 'node:path';
import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { openDatabase } from './db/client.js';
import { prepareDatabase } from './db/prepare.js';
import { startBackgroundWork } from './background.js';
import { DEMO_PROVINCE_NOTE } from './domains/units/demo-province.data.js';

const startedAt = performance.now();
const config = loadConfig();
const database = await openDatabase(config);
const prepared = await prepareDatabase(database, config);
const app = await buildApp({ config, database });
const stopBackground = startBackgroundWork(database.db, config, app.log);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'stopping: no new connections, finishing requests in flight');
  const force = setTimeout(() => { app.log.error('forced exit after 15 s'); process.exit(1); }, 15_000);
  force.unref();
  await stopBackground();
  await app.close();          // stops accepting, waits for in-flight requests, closes websockets and the hub
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => { void shutdown('SIGTERM'); });
process.on('SIGINT', () => { void shutdown('SIGINT'); });

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${path.resolve(config.dataDir)}`;
const lines = [
  '',
  `  IOC is running on http://localhost:${port}  (database: ${where}; ready in ${Math.round(performance.now() - startedAt)} ms)`,
  `  API docs: http://localhost:${port}/api/docs`,
];
if (prepared.seededDemo) lines.push(`  ${DEMO_PROVINCE_NOTE}`);
if (prepared.adminCreated) {
  lines.push(prepared.generatedAdminPassword
    ? `  Sign in as admin / ${prepared.generatedAdminPassword}   (shown once: write it down)`
    : '  Sign in as admin with the password from IOC_ADMIN_PASSWORD.');
} else {
  lines.push('  Sign in with your existing account (admin was created on the first start).');
}
process.stdout.write(lines.join('\n') + '\n\n');
