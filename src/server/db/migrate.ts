// Applies the checked-in SQL migrations (drizzle/) to either database, under an advisory lock so that
// several server processes starting together migrate once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { type Database, selectRows } from './client.js';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');
const MIGRATION_LOCK = 727_001;

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const { pool } = database as Database & { pool: import('pg').Pool };
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    await migrateNodePg(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/** True when every migration in the journal is recorded as applied. */
let journalSize: Promise<number> | null = null;

export async function areMigrationsApplied(database: Database): Promise<boolean> {
  journalSize ??= readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8').then((text) => (JSON.parse(text) as { entries: unknown[] }).entries.length);
  const expected = await journalSize;
  try {
    const rows = await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    const n = rows[0]?.n ?? 0;
    return n >= expected;
  } catch {
    return false;
  }
}

/** Readiness: the database answers and the schema is current. */
export async function checkReadiness(database: Database): Promise<{ ready: true } | { ready: false; reason: string }> {
  try {
    await database.db.execute(sql`SELECT 1`);
  } catch {
    return { ready: false, reason: 'The database does not answer.' };
  }
  return (await areMigrationsApplied(database)) ? { ready: true } : { ready: false, reason: 'Migrations are not applied.' };
}
