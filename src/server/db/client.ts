// Opens the database: PGlite (embedded, with PostGIS) by default, PostgreSQL when DATABASE_URL is set.
// Both are driven through Drizzle with the same schema and the same migrations.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.js';

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a raw statement; used by migrations and maintenance, not by domain code. */
  exec(sqlText: string): Promise<void>;
  /** LISTEN on a channel; the callback gets each NOTIFY payload after its transaction commits. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database & { pglite: PGlite }> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
  });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    exec: async (sqlText) => { await pglite.exec(sqlText); },
    listen: async (channel, onPayload) => {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => { await unlisten(); };
    },
    close: () => pglite.close(),
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database & { pool: pg.Pool }> {
  // JIT off: measured slower for this workload (stack-notes.md).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c jit=off -c timezone=UTC' });
  pool.on('error', () => { /* idle client errors surface on the next query */ });
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    exec: async (sqlText) => { await pool.query(sqlText); },
    listen: async (channel, onPayload) => {
      // A dedicated connection: LISTEN is per session. Reconnects are handled by the caller (hub).
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => { if (n.channel === channel) onPayload(n.payload ?? ''); });
      client.on('error', () => { /* reported through the 'end' handler of the hub */ });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => { await client.end().catch(() => {}); };
    },
    close: () => pool.end(),
  };
}

export async function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite({ dataDir: config.dataDir });
}

/** Rows of a raw SQL query; both drivers answer with `{ rows }`. */
export async function selectRows<T>(db: DbOrTx, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/**
 * Whether this is a PostgreSQL server through node-postgres (not the embedded PGlite). There, statements may
 * be sent before the previous one has answered (node-postgres queues them on the connection, and the server
 * works while this process prepares the next), which a PGlite transaction does not allow.
 */
export function onPostgresServer(db: DbOrTx): boolean {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client || client instanceof pg.Pool;
}

/** A LIKE pattern matching `value` literally (its % _ \ escaped), with `%` added where asked. */
export function likePattern(value: string, where: { prefix?: boolean; contains?: boolean } = {}): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return where.contains ? `%${escaped}%` : where.prefix ? `${escaped}%` : escaped;
}
