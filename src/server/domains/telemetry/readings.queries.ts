// The write path of readings: history (binary COPY on PostgreSQL, one unnest insert on PGlite), rollups, latest values,
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
 * A batch made ready for the database before its transaction starts (while the previous batch is still being
 * written): the history rows in COPY BINARY form, the 1-minute buckets and the newest point per series.
 */
export interface PreparedBatch { points: SeriesPoint[]; copy: Buffer | null; minute: Bucket[]; latest: SeriesPoint[] }

/** `copy`: encode the COPY buffer (PostgreSQL only; PGlite takes the points as arrays). */
export function prepareBatch(points: SeriesPoint[], opts: { copy: boolean }): PreparedBatch {
  return {
    points,
    copy: opts.copy && points.length > 0 ? Buffer.concat([binaryCopyRows(points, 0, points.length, true), binaryCopyTrailer()]) : null,
    minute: aggregatePoints(points, '1m'),
    latest: newestPerSeries(points),
  };
}

/**
 * Writes a prepared batch (already free of duplicates within itself) in the caller's transaction: history, the
 * 1-minute rollup, latest values and — for points before the rollup watermark — the hourly and daily rollups.
 * Answers the points that were new.
 *
 * `knownNew`: the batch is written with a plain binary COPY (the raw-COPY speed), then the watermark read and the
 * upserts go in one round trip; a point already stored (an MQTT redelivery, an HTTP retry) makes the COPY fail with
 * 23505, which aborts the transaction: the caller then writes the batch again with `knownNew: false`, the slow
 * way — COPY into a temp table, INSERT … ON CONFLICT DO NOTHING RETURNING, and only the points really inserted go
 * into the rollups (first write wins). On PGlite (no COPY from a stream): one unnest insert with ON CONFLICT.
 */
export async function writeReadings(tx: DbOrTx, batch: PreparedBatch, opts: { knownNew: boolean }): Promise<SeriesPoint[]> {
  if (batch.points.length === 0) return [];
  const client = pgClientOf(tx);
  if (client && opts.knownNew) {
    await copyBuffer(client, 'telemetry_readings', batch.copy ?? prepareBatch(batch.points, { copy: true }).copy!);
    const results = await client.query(batchStatements(batch).join(';\n')) as unknown as pg.QueryResult[];
    await addLatePoints(tx, batch.points, Number((results[0]!.rows[0] as { ms: string | number }).ms));
    return batch.points;
  }
  const stored = await insertNewReadings(tx, batch);
  const fresh = stored.length === batch.points.length ? batch : prepareBatch(stored, { copy: false });
  const [watermark, ...upserts] = batchStatements(fresh);
  const [row] = await selectRows<{ ms: string | number }>(tx, sql.raw(watermark!));
  if (!row) throw new Error('telemetry_rollup_watermark has no row (migration 0019)');
  for (const statement of upserts) await tx.execute(sql.raw(statement));
  await addLatePoints(tx, stored, Number(row.ms));
  return stored;
}

/**
 * The watermark read (FOR SHARE: the roll-up job cannot move it until this batch has committed, so each point is
 * counted once in 1h/1d — directly when late, else by the job), the 1-minute upsert and the latest-value upsert, as
 * plain SQL text: numbers only (series ids, epoch ms, counts, values), so the three can be sent as one simple query.
 */
function batchStatements(batch: PreparedBatch): string[] {
  const out = [`SELECT (extract(epoch FROM at) * 1000)::int8 AS ms FROM telemetry_rollup_watermark WHERE id = 1 FOR SHARE`];
  if (batch.minute.length > 0) out.push(bucketUpsert('1m', batch.minute));
  if (batch.latest.length > 0) {
    const l = batch.latest;
    out.push(`INSERT INTO telemetry_latest AS l (series_id, at, value)
      SELECT s, to_timestamp(ms::float8 / 1000), v FROM unnest('${numberArray(l.map((p) => p.seriesId))}'::int[], '${numberArray(l.map((p) => p.at))}'::int8[],
        '${numberArray(l.map((p) => p.value))}'::float8[]) AS u(s, ms, v)
      ON CONFLICT (series_id) DO UPDATE SET at = excluded.at, value = excluded.value WHERE l.at <= excluded.at`);
  }
  return out;
}

/** One upsert of bucket deltas as SQL text (buckets sorted: concurrent writers lock rollup rows in the same order). */
function bucketUpsert(resolution: Resolution, buckets: Bucket[]): string {
  buckets.sort((a, b) => a.seriesId - b.seriesId || a.bucket - b.bucket);
  return `INSERT INTO telemetry_rollups_${resolution} AS r (series_id, bucket, count, sum, min, max)
    SELECT s, to_timestamp(ms::float8 / 1000), c, su, mi, ma FROM unnest('${numberArray(buckets.map((b) => b.seriesId))}'::int[],
      '${numberArray(buckets.map((b) => b.bucket))}'::int8[], '${numberArray(buckets.map((b) => b.count))}'::int[], '${numberArray(buckets.map((b) => b.sum))}'::float8[],
      '${numberArray(buckets.map((b) => b.min))}'::float8[], '${numberArray(buckets.map((b) => b.max))}'::float8[]) AS u(s, ms, c, su, mi, ma)
    ON CONFLICT (series_id, bucket) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
      min = LEAST(r.min, excluded.min), max = GREATEST(r.max, excluded.max)`;
}

/** Points before the watermark (a backfill) go into the hourly and daily rollups directly; the job has passed their hour. */
async function addLatePoints(tx: DbOrTx, points: SeriesPoint[], watermark: number): Promise<void> {
  if (!Number.isFinite(watermark)) throw new Error('telemetry_rollup_watermark has no row (migration 0019)');
  const late = points.filter((p) => p.at < watermark);
  if (late.length === 0) return;
  await tx.execute(sql.raw(bucketUpsert('1h', aggregatePoints(late, '1h'))));
  await tx.execute(sql.raw(bucketUpsert('1d', aggregatePoints(late, '1d'))));
}

/** The slow way, for batches that may hold stored points: answers those really inserted. */
async function insertNewReadings(tx: DbOrTx, batch: PreparedBatch): Promise<SeriesPoint[]> {
  const { points } = batch;
  const client = pgClientOf(tx);
  if (client) {
    await client.query('CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (series_id int, at timestamptz, value float8) ON COMMIT DELETE ROWS');
    await copyBuffer(client, 'telemetry_staging', batch.copy ?? prepareBatch(points, { copy: true }).copy!);
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
      SELECT s, to_timestamp(ms::float8 / 1000), v FROM unnest(${numberArray(chunk.map((p) => p.seriesId))}::int[],
        ${numberArray(chunk.map((p) => p.at))}::int8[], ${numberArray(chunk.map((p) => p.value))}::float8[]) AS u(s, ms, v)
      ON CONFLICT (series_id, at) DO NOTHING RETURNING series_id AS s, at AS t, value AS v`);
    for (const r of rows) out.push({ seriesId: Number(r.s), at: new Date(r.t as string).getTime(), value: Number(r.v) });
  }
  return out;
}

/** One COPY of a whole prepared buffer: PostgreSQL reads it at its own pace (the socket applies backpressure). */
async function copyBuffer(client: pg.Client, table: string, data: Buffer): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (series_id, at, value) FROM STDIN (FORMAT binary)`));
  const done = new Promise<void>((resolve, reject) => { stream.on('finish', resolve); stream.on('error', reject); });
  stream.end(data);
  await done;
}

const ROW_BYTES = 2 + (4 + 4) + (4 + 8) + (4 + 8);
const PG_EPOCH_MS = 946_684_800_000;   // 2000-01-01T00:00:00Z: PostgreSQL's binary timestamps count µs from there
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Rows [from, to) of `points` in COPY BINARY form (int4, timestamptz as int8 µs, float8); the header first when asked. */
export function binaryCopyRows(points: SeriesPoint[], from: number, to: number, withHeader: boolean): Buffer {
  const head = withHeader ? 19 : 0;
  const buf = Buffer.allocUnsafe(head + (to - from) * ROW_BYTES);
  let o = 0;
  if (withHeader) { COPY_SIGNATURE.copy(buf, 0); buf.writeInt32BE(0, 11); buf.writeInt32BE(0, 15); o = 19; }
  for (let i = from; i < to; i++) {
    const p = points[i]!;
    // µs since 2000 stay below 2^53 for millennia: exact in a double, split into two 32-bit halves.
    const us = (p.at - PG_EPOCH_MS) * 1000;
    const hi = Math.floor(us / 4_294_967_296);
    buf.writeInt16BE(3, o);
    buf.writeInt32BE(4, o + 2); buf.writeInt32BE(p.seriesId, o + 6);
    buf.writeInt32BE(8, o + 10); buf.writeInt32BE(hi, o + 14); buf.writeUInt32BE(us - hi * 4_294_967_296, o + 18);
    buf.writeInt32BE(8, o + 22); buf.writeDoubleBE(p.value, o + 26);
    o += ROW_BYTES;
  }
  return buf;
}

export function binaryCopyTrailer(): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(-1, 0);
  return b;
}

export type Resolution = '1m' | '1h' | '1d';
export const RESOLUTION_MS: Record<Resolution, number> = { '1m': 60_000, '1h': 3_600_000, '1d': DAY_MS };

interface Bucket { seriesId: number; bucket: number; count: number; sum: number; min: number; max: number }

/** Aggregates points per series and bucket of a resolution (UTC buckets; days are UTC days). */
export function aggregatePoints(points: SeriesPoint[], resolution: Resolution): Bucket[] {
  const size = RESOLUTION_MS[resolution];
  // Numbers as keys, series then bucket: a string key per point cost more than the rest of the loop.
  const bySeries = new Map<number, Map<number, Bucket>>();
  const out: Bucket[] = [];
  for (const p of points) {
    const bucket = p.at - (((p.at % size) + size) % size);
    let buckets = bySeries.get(p.seriesId);
    if (!buckets) { buckets = new Map(); bySeries.set(p.seriesId, buckets); }
    const b = buckets.get(bucket);
    if (!b) { const nb = { seriesId: p.seriesId, bucket, count: 1, sum: p.value, min: p.value, max: p.value }; buckets.set(bucket, nb); out.push(nb); }
    else { b.count++; b.sum += p.value; if (p.value < b.min) b.min = p.value; if (p.value > b.max) b.max = p.value; }
  }
  return out;
}

/** The newest point of each series (sorted by series: concurrent writers lock latest rows in the same order). */
export function newestPerSeries(points: SeriesPoint[]): SeriesPoint[] {
  const newest = new Map<number, SeriesPoint>();
  for (const p of points) {
    const n = newest.get(p.seriesId);
    if (!n || p.at > n.at) newest.set(p.seriesId, p);
  }
  return [...newest.values()].sort((a, b) => a.seriesId - b.seriesId);
}

const HOUR_ORIGIN = sql.raw(`timestamptz '2000-01-01 00:00:00+00'`);

/**
 * Adds the 1-minute rollups of the closed hours since the watermark to the hourly and daily rollups and moves the
 * watermark to the start of the current hour. Idempotent and safe with several processes (the row lock
 * serialises them and the ingest batches). Answers the hours rolled up.
 */
export async function rollUpClosedHours(db: DbOrTx, now = new Date()): Promise<number> {
  const target = now.getTime() - (now.getTime() % RESOLUTION_MS['1h']);
  return db.transaction(async (tx) => {
    const [row] = await selectRows<{ at: unknown }>(tx, sql`SELECT at FROM telemetry_rollup_watermark WHERE id = 1 FOR UPDATE`);
    if (!row) return 0;
    const from = new Date(row.at as string).getTime();
    if (from >= target) return 0;
    const range = sql`bucket >= ${new Date(from).toISOString()}::timestamptz AND bucket < ${new Date(target).toISOString()}::timestamptz`;
    for (const [table, stride] of [['telemetry_rollups_1h', '1 hour'], ['telemetry_rollups_1d', '1 day']] as const) {
      await tx.execute(sql`
        INSERT INTO ${sql.raw(table)} AS r (series_id, bucket, count, sum, min, max)
        SELECT series_id, date_bin(${stride}::interval, bucket, ${HOUR_ORIGIN}) AS b, sum(count), sum(sum), min(min), max(max)
        FROM telemetry_rollups_1m WHERE ${range} GROUP BY series_id, b ORDER BY series_id, b
        ON CONFLICT (series_id, bucket) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
          min = LEAST(r.min, excluded.min), max = GREATEST(r.max, excluded.max)`);
    }
    await tx.execute(sql`UPDATE telemetry_rollup_watermark SET at = ${new Date(target).toISOString()}::timestamptz WHERE id = 1`);
    return Math.round((target - from) / RESOLUTION_MS['1h']);
  });
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
  const list = newestPerSeries(points);
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
