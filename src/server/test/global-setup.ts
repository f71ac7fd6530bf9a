// Builds the template databases once per test run (see test-database.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openPglite, openPostgres } from '../db/client.js';
import { prepareDatabase } from '../db/prepare.js';
import { adminClient, databaseUrlFor, pgliteTemplateFile, postgresTemplateName, TEST_ADMIN_PASSWORD } from './test-database.js';

// A small synthetic dossier history keeps the template (and so every test file's clone) quick.
const TEST_DEMO_DOSSIERS = 3_000;
// No synthetic reports and no demo FAQ: feedback tests count what they create and channel tests decide what
// the chatbot knows; the classifier's, the FAQ's and the demo's tests seed their own in their own database.
const TEST_DEMO_REPORTS = 0;

export default async function setup(): Promise<void> {
  const pglite = await openPglite();
  await prepareDatabase(pglite, { seedDemo: true, adminPassword: TEST_ADMIN_PASSWORD, demoDossiers: TEST_DEMO_DOSSIERS, demoReports: TEST_DEMO_REPORTS, demoFaq: false });
  const dump = await pglite.pglite.dumpDataDir('gzip');
  await mkdir(path.dirname(pgliteTemplateFile), { recursive: true });
  await writeFile(pgliteTemplateFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();

  if (!process.env.TEST_DATABASE_URL) return;
  const admin = await adminClient();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplateName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${postgresTemplateName}`);
  } finally {
    await admin.end();
  }
  const database = await openPostgres(databaseUrlFor(process.env.TEST_DATABASE_URL, postgresTemplateName), 2);
  await prepareDatabase(database, { seedDemo: true, adminPassword: TEST_ADMIN_PASSWORD, demoDossiers: TEST_DEMO_DOSSIERS, demoReports: TEST_DEMO_REPORTS, demoFaq: false });
  await database.close();
}
