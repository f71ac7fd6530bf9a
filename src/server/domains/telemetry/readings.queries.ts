// The write path of readings: history (COPY on PostgreSQL, one unnest insert on PGlite), rollups, latest values,
// and the day partitions of the history and the 1-minute rollups (creation ahead, retention).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { selectRows, type DbOrTx } from '../../db/client.js';

/** A PostgreSQL array literal (text form) of strings: one parameter instead of one per element. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
/** Numbers as a PostgreSQL array literal; NaN/Infinity never reach here (refused at the door). */
export function numberArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

export interface SeriesPoint { seriesId: number; at: number; value: number }   // at: epoch ms

const DAY_MS = 86_400_000;

function pgClientOf(db: DbOrTx): pg.Client | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

/**
 * Writes points (already free of duplicates within the batch) inside the caller's transaction and answers the
 * points that were new. A point whose (series, at) is already stored — an MQTT redelivery after a crash, an
 * HTTP retry — is dropped: first write wins.
 *
 * On PostgreSQL: optimistic COPY straight into the history (the raw-COPY speed) under a savepoint; only when
 * it hits the key (a duplicate) does that batch go the slow way: COPY into a temp table, then
 * INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING. On PGlite (no COPY from a stream): one unnest insert
 * with ON CONFLICT DO NOTHING RETURNING.
 */
export async function insertNewReadings(tx: DbOrTx, points: SeriesPoint[]): Promise<SeriesPoint[]> {
  if (points.length === 0) return [];
  const client = pgClientOf(tx);
  if (client) {
    await client.query('SAVEPOINT telemetry_copy');
    try {
      await copyInto(client, 'telemetry_readings', points);
      await client.query('RELEASE SAVEPOINT telemetry_copy');
      return points;
    } catch (err) {
      await client.query('ROLLBACK TO SAVEPOINT telemetry_copy');
      if ((err as { code?: string }).code !== '23505') throw err;   // unique_violation: some were stored already
    }
    await client.query('CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (series_id int, at timestamptz, value float8) ON COMMIT DELETE ROWS');
    await copyInto(client, 'telemetry_staging', points);
    const res = await client.query<{ s: number; t: Date; v: number }>(`
      INSERT INTO telemetry_readings (series_id, at, value) SELECT series_id, at, value FROM telemetry_staging
      ON CONFLICT (series_id, at) DO NOTHING RETURNING series_id AS s, at AS t, value AS v`);
    await client.query('TRUNCATE telemetry_staging');
    return res.rows.map((r) => ({ seriesId: r.s, at: r.t.getTime(), value: r.v }));
  }
  const out: SeriesPoint[] = [];
  for (let i = 0; i < points.length; i += 20_000) {
    const chunk = points.slice(i, i + 20_000);
    const rows = await selectRows<{ s: number; t: unknown; v: number }>(tx, sql`
      INSERT INTO telemetry_readings (series_id, at, value)
      SELECT * FROM unnest(${numberArray(chunk.map((p) => p.seriesId))}::int[],
        ${textArray(chunk.map((p) => new Date(p.at).toISOString()))}::timestamptz[], ${numberArray(chunk.map((p) => p.value))}::float8[])
      ON CONFLICT (series_id, at) DO NOTHING RETURNING series_id AS s, at AS t, value AS v`);
    for (const r of rows) out.push({ seriesId: Number(r.s), at: new Date(r.t as string).getTime(), value: Number(r.v) });
  }
  return out;
}

async function copyInto(client: pg.Client, table: string, points: SeriesPoint[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (series_id, at, value) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => { stream.on('finish', resolve); stream.on('error', reject); });
  // Chunks of ~64 kB: fewer writes than one per row, no single huge string.
  let chunk = '';
  for (const p of points) {
    chunk += `${p.seriesId}\t${new Date(p.at).toISOString()}\t${p.value}\n`;
    if (chunk.length > 65_536) { stream.write(chunk); chunk = ''; }
  }
  stream.end(chunk);
  await done;
}

export type Resolution = '1m' | '1h' | '1d';
export const RESOLUTION_MS: Record<Resolution, number> = { '1m': 60_000, '1h': 3_600_000, '1d': DAY_MS };

interface Bucket { seriesId: number; bucket: number; count: number; sum: number; min: number; max: number }

/** Aggregates points per series and bucket of a resolution (UTC buckets; days are UTC days). */
export function aggregatePoints(points: SeriesPoint[], resolution: Resolution): Bucket[] {
  const size = RESOLUTION_MS[resolution];
  const buckets = new Map<string, Bucket>();
  for (const p of points) {
    const bucket = p.at - (((p.at % size) + size) % size);
    const key = `${p.seriesId}:${bucket}`;
    const b = buckets.get(key);
    if (!b) buckets.set(key, { seriesId: p.seriesId, bucket, count: 1, sum: p.value, min: p.value, max: p.value });
    else { b.count++; b.sum += p.value; if (p.value < b.min) b.min = p.value; if (p.value > b.max) b.max = p.value; }
  }
  return [...buckets.values()];
}

/** Adds the new points' counts, sums, minima and maxima to the three rollups (one upsert statement each). */
export async function addToRollups(tx: DbOrTx, points: SeriesPoint[]): Promise<void> {
  if (points.length === 0) return;
  for (const resolution of ['1m', '1h', '1d'] as const) {
    await upsertBuckets(tx, resolution, aggregatePoints(points, resolution));
  }
}

export async function upsertBuckets(tx: DbOrTx, resolution: Resolution, buckets: Bucket[]): Promise<void> {
  // Sorted so that concurrent writers (several processes) lock rollup rows in the same order.
  buckets.sort((a, b) => a.seriesId - b.seriesId || a.bucket - b.bucket);
  const table = sql.raw(`telemetry_rollups_${resolution}`);
  for (let i = 0; i < buckets.length; i += 20_000) {
    const c = buckets.slice(i, i + 20_000);
    await tx.execute(sql`
      INSERT INTO ${table} AS r (series_id, bucket, count, sum, min, max)
      SELECT * FROM unnest(${numberArray(c.map((b) => b.seriesId))}::int[], ${textArray(c.map((b) => new Date(b.bucket).toISOString()))}::timestamptz[],
        ${numberArray(c.map((b) => b.count))}::int[], ${numberArray(c.map((b) => b.sum))}::float8[],
        ${numberArray(c.map((b) => b.min))}::float8[], ${numberArray(c.map((b) => b.max))}::float8[])
      ON CONFLICT (series_id, bucket) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
        min = LEAST(r.min, excluded.min), max = GREATEST(r.max, excluded.max)`);
  }
}

/** The newest point of each series replaces the stored latest value unless that one is newer. */
export async function upsertLatest(tx: DbOrTx, points: SeriesPoint[]): Promise<void> {
  const newest = new Map<number, SeriesPoint>();
  for (const p of points) {
    const n = newest.get(p.seriesId);
    if (!n || p.at > n.at) newest.set(p.seriesId, p);
  }
  const list = [...newest.values()].sort((a, b) => a.seriesId - b.seriesId);
  if (list.length === 0) return;
  await tx.execute(sql`
    INSERT INTO telemetry_latest AS l (series_id, at, value)
    SELECT * FROM unnest(${numberArray(list.map((p) => p.seriesId))}::int[], ${textArray(list.map((p) => new Date(p.at).toISOString()))}::timestamptz[],
      ${numberArray(list.map((p) => p.value))}::float8[])
    ON CONFLICT (series_id) DO UPDATE SET at = excluded.at, value = excluded.value WHERE l.at <= excluded.at`);
}

const PARTITIONED = [
  { table: 'telemetry_readings', prefix: 'telemetry_readings_d' },
  { table: 'telemetry_rollups_1m', prefix: 'telemetry_rollups_1m_d' },
] as const;

function dayName(prefix: string, dayStart: number): string {
  return `${prefix}${new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** Day partitions from `pastDays` before `now` to `aheadDays` after it (idempotent). */
export async function ensureTelemetryPartitions(db: DbOrTx, opts: { pastDays: number; aheadDays: number; now?: Date }): Promise<number> {
  const now = (opts.now ?? new Date()).getTime();
  const today = now - (now % DAY_MS);
  const existing = new Set((await selectRows<{ name: string }>(db, sql`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname IN ('telemetry_readings', 'telemetry_rollups_1m')`)).map((r) => r.name));
  let created = 0;
  for (let d = -opts.pastDays; d <= opts.aheadDays; d++) {
    const start = today + d * DAY_MS;
    for (const { table, prefix } of PARTITIONED) {
      const name = dayName(prefix, start);
      if (existing.has(name)) continue;
      await db.execute(sql.raw(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF ${table}
        FOR VALUES FROM ('${new Date(start).toISOString()}') TO ('${new Date(start + DAY_MS).toISOString()}')`));
      created++;
    }
  }
  return created;
}

export interface RetentionDays { raw: number; minute: number; hour: number; day: number }

/** Drops whole days of history and 1-minute rollups older than their retention; deletes old hour/day rollups. */
export async function applyTelemetryRetention(db: DbOrTx, keep: RetentionDays, now = new Date()): Promise<{ droppedPartitions: string[] }> {
  const today = now.getTime() - (now.getTime() % DAY_MS);
  const parts = await selectRows<{ name: string; parent: string }>(db, sql`
    SELECT c.relname AS name, p.relname AS parent FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname IN ('telemetry_readings', 'telemetry_rollups_1m')`);
  const dropped: string[] = [];
  for (const { name, parent } of parts) {
    const m = /_d(\d{4})(\d{2})(\d{2})$/.exec(name);
    if (!m) continue;
    const dayStart = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const keepDays = parent === 'telemetry_readings' ? keep.raw : keep.minute;
    if (dayStart + DAY_MS <= today - keepDays * DAY_MS) {
      await db.execute(sql.raw(`DROP TABLE IF EXISTS "${name}"`));
      dropped.push(name);
    }
  }
  await db.execute(sql`DELETE FROM telemetry_rollups_1h WHERE bucket < ${new Date(today - keep.hour * DAY_MS).toISOString()}::timestamptz`);
  await db.execute(sql`DELETE FROM telemetry_rollups_1d WHERE bucket < ${new Date(today - keep.day * DAY_MS).toISOString()}::timestamptz`);
  return { droppedPartitions: dropped.sort() };
}
