// SQL of the telemetry registry and reads: devices, series, latest values, raw and rolled-up history.
import { sql, type SQL } from 'drizzle-orm';
import { likePattern, selectRows, type DbOrTx } from '../../db/client.js';
import { numberArray, RESOLUTION_MS, textArray, type Resolution } from './readings.queries.js';

export interface DeviceRecord {
  id: string; type: string; name: string; unitId: string; unitPath: string; unitName: string; agencyId: string | null;
  lon: number | null; lat: number | null; metricUnits: Record<string, string>; metadata: Record<string, unknown>;
  reportingIntervalSeconds: number; lastSeenAt: Date | null; status: 'online' | 'offline' | 'never-seen';
  tokenRotatedAt: Date; createdAt: Date; updatedAt: Date;
}

const deviceColumns = sql`d.id, d.type, d.name, d.unit_id AS "unitId", d.unit_path AS "unitPath", u.name AS "unitName",
  d.agency_id AS "agencyId", ST_X(d.location) AS lon, ST_Y(d.location) AS lat, d.metric_units AS "metricUnits",
  d.metadata, d.reporting_interval_seconds AS "reportingIntervalSeconds", d.last_seen_at AS "lastSeenAt", d.status,
  d.token_rotated_at AS "tokenRotatedAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

function toDate(v: unknown): Date | null { return v == null ? null : v instanceof Date ? v : new Date(String(v)); }

function toDeviceRecord(r: Record<string, unknown>): DeviceRecord {
  return {
    ...(r as unknown as DeviceRecord),
    lon: r.lon == null ? null : Number(r.lon), lat: r.lat == null ? null : Number(r.lat),
    lastSeenAt: toDate(r.lastSeenAt), tokenRotatedAt: toDate(r.tokenRotatedAt)!, createdAt: toDate(r.createdAt)!, updatedAt: toDate(r.updatedAt)!,
    reportingIntervalSeconds: Number(r.reportingIntervalSeconds),
  };
}

export interface DeviceFilter { scopePath?: string; unitPath?: string; type?: string; ids?: string[]; q?: string; status?: string }

function deviceWhere(f: DeviceFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.scopePath) parts.push(sql`d.unit_path LIKE ${likePattern(f.scopePath, { prefix: true })}`);
  if (f.unitPath) parts.push(sql`d.unit_path LIKE ${likePattern(f.unitPath, { prefix: true })}`);
  if (f.type) parts.push(sql`d.type = ${f.type}`);
  if (f.ids) parts.push(sql`d.id = ANY(${textArray(f.ids)}::text[])`);
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  if (f.q) parts.push(sql`(d.id ILIKE ${likePattern(f.q, { contains: true })} OR d.name ILIKE ${likePattern(f.q, { contains: true })})`);
  return sql.join(parts, sql` AND `);
}

export async function findDevices(db: DbOrTx, f: DeviceFilter, page: { limit?: number; offset?: number } = {}): Promise<DeviceRecord[]> {
  const rows = await selectRows<Record<string, unknown>>(db, sql`
    SELECT ${deviceColumns} FROM devices d JOIN units u ON u.id = d.unit_id
    WHERE ${deviceWhere(f)} ORDER BY d.unit_path, d.id
    ${page.limit !== undefined ? sql`LIMIT ${page.limit} OFFSET ${page.offset ?? 0}` : sql``}`);
  return rows.map(toDeviceRecord);
}

export async function countDevices(db: DbOrTx, f: DeviceFilter): Promise<number> {
  const [row] = await selectRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM devices d WHERE ${deviceWhere(f)}`);
  return Number(row?.n ?? 0);
}

export async function findDevice(db: DbOrTx, id: string): Promise<DeviceRecord | null> {
  const [row] = await findDevices(db, { ids: [id] });
  return row ?? null;
}

export interface DeviceWrite {
  id: string; type: string; name: string; unitId: string; unitPath: string; agencyId: string | null;
  lon: number | null; lat: number | null; metricUnits: Record<string, string>; metadata: Record<string, unknown>;
  reportingIntervalSeconds: number; tokenHash: string;
}

function pointOf(lon: number | null, lat: number | null): SQL {
  return lon != null && lat != null ? sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)` : sql`NULL`;
}

/** false when the id is taken. */
export async function insertDevice(db: DbOrTx, d: DeviceWrite): Promise<boolean> {
  const rows = await selectRows<{ id: string }>(db, sql`
    INSERT INTO devices (id, type, name, unit_id, unit_path, agency_id, location, metric_units, metadata, reporting_interval_seconds, token_hash)
    VALUES (${d.id}, ${d.type}, ${d.name}, ${d.unitId}, ${d.unitPath}, ${d.agencyId}, ${pointOf(d.lon, d.lat)},
      ${JSON.stringify(d.metricUnits)}::jsonb, ${JSON.stringify(d.metadata)}::jsonb, ${d.reportingIntervalSeconds}, ${d.tokenHash})
    ON CONFLICT (id) DO NOTHING RETURNING id`);
  return rows.length > 0;
}

/** Many devices in one statement (demo seeding); existing ids are left alone. */
export async function insertDevices(db: DbOrTx, list: DeviceWrite[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const values = list.slice(i, i + 500).map((d) => sql`(${d.id}, ${d.type}, ${d.name}, ${d.unitId}, ${d.unitPath}, ${d.agencyId}, ${pointOf(d.lon, d.lat)},
      ${JSON.stringify(d.metricUnits)}::jsonb, ${JSON.stringify(d.metadata)}::jsonb, ${d.reportingIntervalSeconds}, ${d.tokenHash})`);
    await db.execute(sql`
      INSERT INTO devices (id, type, name, unit_id, unit_path, agency_id, location, metric_units, metadata, reporting_interval_seconds, token_hash)
      VALUES ${sql.join(values, sql`, `)} ON CONFLICT (id) DO NOTHING`);
  }
}

export async function updateDeviceRow(db: DbOrTx, id: string, d: Omit<DeviceWrite, 'id' | 'type' | 'tokenHash'>): Promise<void> {
  await db.execute(sql`
    UPDATE devices SET name = ${d.name}, unit_id = ${d.unitId}, unit_path = ${d.unitPath}, agency_id = ${d.agencyId},
      location = ${pointOf(d.lon, d.lat)}, metric_units = ${JSON.stringify(d.metricUnits)}::jsonb, metadata = ${JSON.stringify(d.metadata)}::jsonb,
      reporting_interval_seconds = ${d.reportingIntervalSeconds}, updated_at = now()
    WHERE id = ${id}`);
}

export async function setDeviceTokenHash(db: DbOrTx, id: string, tokenHash: string): Promise<void> {
  await db.execute(sql`UPDATE devices SET token_hash = ${tokenHash}, token_rotated_at = now(), updated_at = now() WHERE id = ${id}`);
}

/** Deletes the device, its series and latest values; its history rows stay until retention drops their days. */
export async function deleteDeviceRow(db: DbOrTx, id: string): Promise<void> {
  await db.execute(sql`DELETE FROM devices WHERE id = ${id}`);
}

export async function deviceIdsAndTokenHashes(db: DbOrTx): Promise<{ id: string; tokenHash: string }[]> {
  return selectRows(db, sql`SELECT id, token_hash AS "tokenHash" FROM devices`);
}

export async function deviceIdByTokenHash(db: DbOrTx, tokenHash: string): Promise<string | null> {
  const [row] = await selectRows<{ id: string }>(db, sql`SELECT id FROM devices WHERE token_hash = ${tokenHash}`);
  return row?.id ?? null;
}

export interface IngestDeviceInfo { id: string; unitPath: string; status: string; reportingIntervalSeconds: number }

export async function devicesForIngest(db: DbOrTx, ids: string[]): Promise<IngestDeviceInfo[]> {
  if (ids.length === 0) return [];
  return selectRows(db, sql`SELECT id, unit_path AS "unitPath", status, reporting_interval_seconds AS "reportingIntervalSeconds"
    FROM devices WHERE id = ANY(${textArray(ids)}::text[])`);
}

/** Series ids of device × metric pairs, created on first use. */
export async function ensureSeries(db: DbOrTx, pairs: { deviceId: string; metric: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (pairs.length === 0) return out;
  const deviceIds = pairs.map((p) => p.deviceId);
  const metrics = pairs.map((p) => p.metric);
  await db.execute(sql`
    INSERT INTO telemetry_series (device_id, metric)
    SELECT * FROM unnest(${textArray(deviceIds)}::text[], ${textArray(metrics)}::text[]) ON CONFLICT (device_id, metric) DO NOTHING`);
  const rows = await selectRows<{ id: number; deviceId: string; metric: string }>(db, sql`
    SELECT s.id, s.device_id AS "deviceId", s.metric FROM telemetry_series s
    JOIN unnest(${textArray(deviceIds)}::text[], ${textArray(metrics)}::text[]) AS p(device_id, metric) ON p.device_id = s.device_id AND p.metric = s.metric`);
  for (const r of rows) out.set(`${r.deviceId}\u0000${r.metric}`, Number(r.id));
  return out;
}

export async function seriesOfDevices(db: DbOrTx, deviceIds: string[], metric?: string): Promise<{ id: number; deviceId: string; metric: string }[]> {
  const rows = await selectRows<{ id: number; deviceId: string; metric: string }>(db, sql`
    SELECT id, device_id AS "deviceId", metric FROM telemetry_series
    WHERE device_id = ANY(${textArray(deviceIds)}::text[]) ${metric ? sql`AND metric = ${metric}` : sql``} ORDER BY device_id, metric`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function latestOfDevices(db: DbOrTx, deviceIds: string[]): Promise<{ deviceId: string; metric: string; at: Date; value: number }[]> {
  if (deviceIds.length === 0) return [];
  const rows = await selectRows<{ deviceId: string; metric: string; at: unknown; value: number }>(db, sql`
    SELECT s.device_id AS "deviceId", s.metric, l.at, l.value FROM telemetry_series s JOIN telemetry_latest l ON l.series_id = s.id
    WHERE s.device_id = ANY(${textArray(deviceIds)}::text[])`);
  return rows.map((r) => ({ deviceId: r.deviceId, metric: r.metric, at: toDate(r.at)!, value: Number(r.value) }));
}

export async function rawReadings(db: DbOrTx, q: { seriesIds: number[]; from: Date; to: Date; limit?: number; desc?: boolean }):
Promise<{ seriesId: number; at: Date; value: number }[]> {
  if (q.seriesIds.length === 0) return [];
  const rows = await selectRows<{ seriesId: number; at: unknown; value: number }>(db, sql`
    SELECT series_id AS "seriesId", at, value FROM telemetry_readings
    WHERE series_id = ANY(${numberArray(q.seriesIds)}::int[]) AND at >= ${q.from.toISOString()}::timestamptz AND at < ${q.to.toISOString()}::timestamptz
    ORDER BY series_id, at ${q.desc ? sql`DESC` : sql``} ${q.limit !== undefined ? sql`LIMIT ${q.limit}` : sql``}`);
  return rows.map((r) => ({ seriesId: Number(r.seriesId), at: toDate(r.at)!, value: Number(r.value) }));
}

const rollupTable: Record<Resolution, SQL> = {
  '1m': sql.raw('telemetry_rollups_1m'), '1h': sql.raw('telemetry_rollups_1h'), '1d': sql.raw('telemetry_rollups_1d'),
};

export interface RollupRow { bucket: Date; count: number; sum: number; min: number; max: number }

/**
 * Buckets of one series in [from, to) (`from` aligned to the resolution). Hourly and daily buckets come from their
 * rollup for the time before the watermark and from the 1-minute rollup after it (the current hour, or more when
 * the roll-up job lags), merged per bucket: a query never waits for the job and never counts a point twice.
 */
export async function rollupBuckets(db: DbOrTx, q: { seriesId: number; resolution: Resolution; from: Date; to: Date }): Promise<RollupRow[]> {
  const range = sql`series_id = ${q.seriesId} AND bucket >= ${q.from.toISOString()}::timestamptz`;
  let query: SQL;
  if (q.resolution === '1m') {
    query = sql`SELECT bucket, count, sum, min, max FROM telemetry_rollups_1m WHERE ${range} AND bucket < ${q.to.toISOString()}::timestamptz ORDER BY bucket`;
  } else {
    // Minutes of a bucket that starts before `to` count in full, as the stored hour or day does.
    const size = RESOLUTION_MS[q.resolution];
    const toEnd = new Date(Math.ceil(q.to.getTime() / size) * size).toISOString();
    const stride = q.resolution === '1h' ? sql.raw(`interval '1 hour'`) : sql.raw(`interval '1 day'`);
    query = sql`
      SELECT bucket, sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max FROM (
        SELECT bucket, count, sum, min, max FROM ${rollupTable[q.resolution]} WHERE ${range} AND bucket < ${q.to.toISOString()}::timestamptz
        UNION ALL
        SELECT date_bin(${stride}, m.bucket, timestamptz '2000-01-01 00:00:00+00') AS bucket, m.count, m.sum, m.min, m.max
        FROM telemetry_rollups_1m m   -- the watermark as a scalar subquery: partitions before it are pruned at run time
        WHERE m.series_id = ${q.seriesId} AND m.bucket < ${toEnd}::timestamptz
          AND m.bucket >= GREATEST((SELECT at FROM telemetry_rollup_watermark WHERE id = 1), ${q.from.toISOString()}::timestamptz)
      ) b GROUP BY bucket ORDER BY bucket`;
  }
  const rows = await selectRows<{ bucket: unknown; count: number; sum: number; min: number; max: number }>(db, query);
  return rows.map((r) => ({ bucket: toDate(r.bucket)!, count: Number(r.count), sum: Number(r.sum), min: Number(r.min), max: Number(r.max) }));
}

/** Devices whose last reading is older than their reporting interval × grace, still marked online. */
export async function devicesGoneSilent(db: DbOrTx, graceFactor: number, now: Date): Promise<{ id: string; unitPath: string }[]> {
  return selectRows(db, sql`
    UPDATE devices SET status = 'offline', updated_at = now()
    WHERE status = 'online' AND last_seen_at < ${now.toISOString()}::timestamptz - make_interval(secs => reporting_interval_seconds * ${graceFactor})
    RETURNING id, unit_path AS "unitPath"`);
}

/** Marks devices seen now; answers those whose status changed to online. */
export async function markDevicesSeen(db: DbOrTx, ids: string[], at: Date): Promise<{ id: string; unitPath: string }[]> {
  if (ids.length === 0) return [];
  const rows = await selectRows<{ id: string; unitPath: string; was: string }>(db, sql`
    UPDATE devices d SET last_seen_at = GREATEST(d.last_seen_at, ${at.toISOString()}::timestamptz), status = 'online'
    FROM (SELECT id, status AS was FROM devices WHERE id = ANY(${textArray(ids)}::text[]) ORDER BY id FOR UPDATE) o
    WHERE d.id = o.id RETURNING d.id, d.unit_path AS "unitPath", o.was`);
  return rows.filter((r) => r.was !== 'online').map((r) => ({ id: r.id, unitPath: r.unitPath }));
}
