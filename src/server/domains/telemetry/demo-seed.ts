// ~200 synthetic sensors across the demo province's current wards and communes (the former Bình Phước
// territory of Đồng Nai), near each unit's seat, with a few days of hourly history so that charts are not empty.
import { randomBytes } from 'node:crypto';
import type { RoadSegment } from '../../../shared/contracts/road-status.js';
import { sql } from 'drizzle-orm';
import { selectRows, type DbOrTx } from '../../db/client.js';
import { agencyIdsByCode } from '../units/agencies.service.js';
import { demoUnits } from '../units/demo-province.data.js';
import { unitsByCodes } from '../units/units.service.js';
import { sha256 } from './ingest.js';
import { type SeriesPoint, upsertBuckets, upsertLatest } from './readings.queries.js';
import { ensureSeries, insertDevices, type DeviceWrite } from './telemetry.queries.js';
import { demoFreeFlowSpeed } from './traffic-simulation.js';
import { intervalOfType, metricsOfType, simulatedValue, type SimDevice, unitsOfMetric } from './simulation.js';

export const DEMO_DEVICE_NOTE = 'Thiết bị và số liệu giả lập (demo) / Synthetic demo device and readings';

const typeNames: Record<string, { vi: string; prefix: string; agency: string }> = {
  'air-quality': { vi: 'Trạm quan trắc không khí', prefix: 'aq', agency: 'DN-SNNMT' },
  'water-level': { vi: 'Trạm đo mực nước', prefix: 'wl', agency: 'DN-SNNMT' },
  'rain-gauge': { vi: 'Trạm đo mưa', prefix: 'rg', agency: 'DN-SNNMT' },
  'traffic-counter': { vi: 'Điểm đếm lưu lượng xe', prefix: 'tc', agency: 'DN-SXD' },
};
// Rivers of the former Bình Phước, for names that read true.
const rivers = ['sông Bé', 'sông Đồng Nai', 'sông Sài Gòn', 'suối Rạt', 'hồ Suối Lam', 'hồ Phước Hòa'];

// Real roads through the former Bình Phước territory, as hand-placed APPROXIMATE polylines (lon, lat) — good
// enough to draw a counter's segment along the right road near the right town, not survey data.
export const demoRoads: { name: string; short: string; coordinates: [number, number][] }[] = [
  { name: 'Quốc lộ 14', short: 'QL14', coordinates: [[106.655, 11.413], [106.72, 11.452], [106.80, 11.50], [106.862, 11.525], [106.90, 11.543], [106.97, 11.568], [107.03, 11.59], [107.10, 11.66], [107.17, 11.73], [107.245, 11.80], [107.30, 11.86]] },
  { name: 'Quốc lộ 13', short: 'QL13', coordinates: [[106.66, 11.37], [106.655, 11.413], [106.645, 11.469], [106.635, 11.55], [106.62, 11.62], [106.606, 11.66], [106.598, 11.69], [106.595, 11.76], [106.592, 11.84], [106.575, 11.91], [106.55, 11.98]] },
  { name: 'Đường tỉnh 741', short: 'ĐT741', coordinates: [[106.80, 11.40], [106.86, 11.47], [106.89, 11.54], [106.91, 11.60], [106.94, 11.66], [106.95, 11.72], [106.96, 11.78], [106.985, 11.815], [107.02, 11.83], [107.05, 11.90], [107.10, 11.97]] },
  { name: 'Đường tỉnh 753', short: 'ĐT753', coordinates: [[106.885, 11.535], [106.93, 11.50], [106.99, 11.466], [107.03, 11.43], [107.08, 11.39]] },
];

const KM_PER_DEG_LAT = 110.57;
const kmPerDegLon = (lat: number) => 111.32 * Math.cos((lat * Math.PI) / 180);

/** The road nearest to a point (within maxKm) and the distance along it (km) of the nearest position. */
function nearestRoad(lon: number, lat: number, maxKm: number): { road: (typeof demoRoads)[number]; along: number } | null {
  let best: { road: (typeof demoRoads)[number]; along: number; dist: number } | null = null;
  for (const road of demoRoads) {
    let along = 0;
    for (let i = 1; i < road.coordinates.length; i++) {
      const [ax, ay] = road.coordinates[i - 1]!; const [bx, by] = road.coordinates[i]!;
      const kx = kmPerDegLon(ay);
      const dx = (bx - ax) * kx; const dy = (by - ay) * KM_PER_DEG_LAT;
      const px = (lon - ax) * kx; const py = (lat - ay) * KM_PER_DEG_LAT;
      const len = Math.hypot(dx, dy);
      const u = Math.max(0, Math.min(1, (px * dx + py * dy) / (len * len)));
      const dist = Math.hypot(px - u * dx, py - u * dy);
      if (dist <= maxKm && (!best || dist < best.dist)) best = { road, along: along + u * len, dist };
      along += len;
    }
  }
  return best;
}

/** The part of a road between two distances along it (km), as GeoJSON coordinates. */
function cutRoad(coords: [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let along = 0;
  const at = (a: [number, number], b: [number, number], u: number): [number, number] => [Math.round((a[0] + (b[0] - a[0]) * u) * 1e5) / 1e5, Math.round((a[1] + (b[1] - a[1]) * u) * 1e5) / 1e5];
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1]!; const b = coords[i]!;
    const len = Math.hypot((b[0] - a[0]) * kmPerDegLon(a[1]), (b[1] - a[1]) * KM_PER_DEG_LAT);
    const s0 = Math.max(from, along); const s1 = Math.min(to, along + len);
    if (s1 > s0) {
      if (out.length === 0) out.push(at(a, b, (s0 - along) / len));
      out.push(at(a, b, (s1 - along) / len));
    }
    along += len;
  }
  return out;
}

function roadLength(coords: [number, number][]): number {
  let len = 0;
  for (let i = 1; i < coords.length; i++) len += Math.hypot((coords[i]![0] - coords[i - 1]![0]) * kmPerDegLon(coords[i - 1]![1]), (coords[i]![1] - coords[i - 1]![1]) * KM_PER_DEG_LAT);
  return len;
}

/** A counter near one of the demo roads measures a ~1.2 km segment of it; the k-th counter of a unit sits 1.6 km further on. */
function demoSegmentOf(lon: number, lat: number, k: number, n: number, urban: number): { segment: RoadSegment; lon: number; lat: number } | null {
  const near = nearestRoad(lon, lat, 6);
  if (!near) return null;
  const total = roadLength(near.road.coordinates);
  const centre = Math.max(0.6, Math.min(total - 0.6, near.along + (k - 1 - (n - 1) / 2) * 1.6));
  const coordinates = cutRoad(near.road.coordinates, centre - 0.6, centre + 0.6);
  if (coordinates.length < 2) return null;
  const mid = cutRoad(near.road.coordinates, centre, centre + 0.01)[0]!;
  return {
    segment: { road: near.road.name, freeFlowSpeed: demoFreeFlowSpeed({ id: '', urban }), lanes: near.road.short.startsWith('QL') ? 4 : 2, geometry: { type: 'LineString', coordinates } },
    lon: mid[0], lat: mid[1],
  };
}

function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase()
    .replace(/^(phuong|xa|thi tran) /, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export interface DemoDevicePlan extends SimDevice { name: string; unitCode: string; lon: number; lat: number; agencyCode: string; roadSegment?: RoadSegment }

/** The demo sensors: per current ward/commune of the province, a mix weighted towards wards (towns). */
export function demoDevicePlan(): DemoDevicePlan[] {
  const current = demoUnits.filter((u) => u.parentCode === '75' && u.validTo === null && u.code.startsWith('DN-new-'));
  const plan: DemoDevicePlan[] = [];
  current.forEach((u, i) => {
    const isWard = u.type === 'ward';
    const counts: Record<string, number> = isWard
      ? { 'air-quality': 2, 'water-level': 1, 'rain-gauge': 1, 'traffic-counter': 3 }
      : { 'air-quality': 1, 'water-level': 1, 'rain-gauge': 1, 'traffic-counter': 1 };
    for (const [type, n] of Object.entries(counts)) {
      for (let k = 1; k <= n; k++) {
        const t = typeNames[type]!;
        const id = `${t.prefix}-${slug(u.name)}-${String(k).padStart(2, '0')}`;
        const angle = (i * 7 + k * 2.3 + type.length) % (2 * Math.PI);
        const r = 0.004 + 0.012 * (((i * 13 + k * 7 + type.length * 3) % 10) / 10);
        let lon = Math.round((u.seat[0] + r * Math.cos(angle)) * 1e5) / 1e5;
        let lat = Math.round((u.seat[1] + r * Math.sin(angle)) * 1e5) / 1e5;
        const urban = isWard ? 0.8 : 0.25;
        // A traffic counter near a demo road measures a segment of it and sits on it; others count a commune road.
        const placed = type === 'traffic-counter' ? demoSegmentOf(u.seat[0], u.seat[1], k, n, urban) : null;
        if (placed) { lon = placed.lon; lat = placed.lat; }
        const where = type === 'water-level' ? ` – ${rivers[(i + k) % rivers.length]}` : type === 'traffic-counter' ? ` – ${placed ? placed.segment.road : 'đường liên xã'}` : '';
        plan.push({
          id, type, name: `${t.vi} ${u.name}${where}${n > 1 ? ` (${k})` : ''}`, unitCode: u.code, lon, lat,
          agencyCode: t.agency, region: `r${Math.round(u.seat[0] * 5)}-${Math.round(u.seat[1] * 5)}`, urban,
          ...(placed ? { roadSegment: { ...placed.segment, section: `qua ${u.name}` } } : {}),
        });
      }
    }
  });
  return plan;
}

export async function hasDemoDevices(db: DbOrTx): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(db, sql`SELECT 1 AS one FROM devices WHERE metadata->>'synthetic' = 'true' LIMIT 1`);
  return rows.length > 0;
}

/**
 * Tops up a demo seeded before the traffic counters measured road segments: each demo counter the plan puts on a
 * road gets its segment, place and name. Idempotent (only counters without a segment are touched), run on every start.
 */
export async function topUpDemoRoadSegments(db: DbOrTx): Promise<number> {
  const placed = demoDevicePlan().filter((p) => p.roadSegment).map((p) => ({ id: p.id, unit_code: p.unitCode, name: p.name, lon: p.lon, lat: p.lat, segment: p.roadSegment }));
  if (placed.length === 0) return 0;
  const updated = await selectRows<{ id: string }>(db, sql`
    UPDATE devices AS d
       SET metadata = d.metadata || jsonb_build_object('roadSegment', p.segment), name = p.name,
           location = ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326), updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(placed)}::jsonb) AS p(id text, unit_code text, name text, lon double precision, lat double precision, segment jsonb),
           units AS u
     -- The unit too: two communes with one slug share a device id, and only the first one's device was stored.
     WHERE d.id = p.id AND u.id = d.unit_id AND u.code = p.unit_code
       AND d.metadata->>'synthetic' = 'true' AND d.metadata->'roadSegment' IS NULL
    RETURNING d.id`);
  return updated.length;
}

/** Demo devices (tokens random and never shown: the demo feeds them through the in-process simulator or an API key). */
export async function seedDemoDevices(db: DbOrTx, opts: { historyHours?: number; now?: Date } = {}): Promise<{ devices: number; rollupRows: number }> {
  const plan = demoDevicePlan();
  const units = new Map((await unitsByCodes(db, [...new Set(plan.map((p) => p.unitCode))])).map((u) => [u.code, u]));
  const agencies = await agencyIdsByCode(db);
  const rows: DeviceWrite[] = [];
  for (const p of plan) {
    const unit = units.get(p.unitCode);
    if (!unit) continue;
    rows.push({
      id: p.id, type: p.type, name: p.name, unitId: unit.id, unitPath: unit.path, agencyId: agencies.get(p.agencyCode) ?? null,
      lon: p.lon, lat: p.lat, metricUnits: Object.fromEntries(metricsOfType[p.type]!.map((m) => [m, unitsOfMetric[m]!])),
      metadata: { synthetic: true, note: DEMO_DEVICE_NOTE, region: p.region, urban: p.urban, ...(p.roadSegment ? { roadSegment: p.roadSegment } : {}) },
      reportingIntervalSeconds: intervalOfType[p.type]!, tokenHash: sha256(randomBytes(32).toString('base64url')),
    });
  }
  await insertDevices(db, rows);
  const byId = new Map(plan.map((p) => [p.id, p]));
  const series = await ensureSeries(db, rows.flatMap((d) => metricsOfType[d.type]!.map((metric) => ({ deviceId: d.id, metric }))));
  // History: hourly and daily rollups from the model, one sample per 10 minutes (6 per hour), for the last hours.
  const hours = opts.historyHours ?? 72;
  const now = (opts.now ?? new Date()).getTime();
  const lastHour = now - (now % 3_600_000);
  const hourly: { seriesId: number; bucket: number; count: number; sum: number; min: number; max: number }[] = [];
  const daily = new Map<string, { seriesId: number; bucket: number; count: number; sum: number; min: number; max: number }>();
  const latest: SeriesPoint[] = [];
  for (const [key, seriesId] of series) {
    const [deviceId, metric] = key.split('\u0000') as [string, string];
    const d = byId.get(deviceId)!;
    for (let hIdx = hours; hIdx >= 1; hIdx--) {
      const bucket = lastHour - hIdx * 3_600_000;
      let count = 0; let sum = 0; let min = Infinity; let max = -Infinity;
      for (let k = 0; k < 6; k++) {
        const v = simulatedValue(d, metric, bucket + k * 600_000 + 300_000);
        count++; sum += v; if (v < min) min = v; if (v > max) max = v;
      }
      hourly.push({ seriesId, bucket, count, sum, min, max });
      const dayBucket = bucket - (bucket % 86_400_000);
      const dk = `${seriesId}:${dayBucket}`;
      const dd = daily.get(dk);
      if (!dd) daily.set(dk, { seriesId, bucket: dayBucket, count, sum, min, max });
      else { dd.count += count; dd.sum += sum; dd.min = Math.min(dd.min, min); dd.max = Math.max(dd.max, max); }
    }
    latest.push({ seriesId, at: lastHour - 600_000, value: simulatedValue(d, metric, lastHour - 600_000) });
  }
  await upsertBuckets(db, '1h', hourly);
  await upsertBuckets(db, '1d', [...daily.values()]);
  await upsertLatest(db, latest);
  return { devices: rows.length, rollupRows: hourly.length + daily.size };
}
