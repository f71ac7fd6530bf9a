// Test databases cloned from one migrated, demo-seeded template per run: a PGlite data-dir snapshot,
// or a PostgreSQL template database. Cloning takes ~2 s (PGlite) or ~0.2 s (PostgreSQL).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../db/client.js';

export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';
// IOC_TEST_TEMPLATE names a separate template, so that two test runs on one machine do not rebuild each other's.
const templateTag = (process.env.IOC_TEST_TEMPLATE ?? '').replace(/[^a-z0-9_]/g, '');
export const pgliteTemplateFile = path.resolve(`.test-data/template-pglite${templateTag ? `-${templateTag}` : ''}.tgz`);
export const postgresTemplateName = `ioc_test_template${templateTag ? `_${templateTag}` : ''}`;

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.IOC_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function databaseUrlFor(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  return client;
}

/** A fresh database for one test file, with the demo province and the admin account. */
export async function openTestDatabase(): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }> {
  if (testDatabaseKind() === 'pglite') {
    const snapshot = await readFile(pgliteTemplateFile);
    const database = await openPglite({ loadDataDir: new Blob([snapshot]) });
    return { database, url: null, drop: async () => {} };
  }
  const name = `ioc_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = await adminClient();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(process.env.TEST_DATABASE_URL!, name);
  const database = await openPostgres(url, 5);
  return {
    database,
    url,
    drop: async () => {
      const client = await adminClient();
      try { await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await client.end(); }
    },
  };
}
