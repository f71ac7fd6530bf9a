// ~200 synthetic sensors across the demo province's current wards and communes (the former Bình Phước
// territory of Đồng Nai), near each unit's seat, with a few days of hourly history so that charts are not empty.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { selectRows, type DbOrTx } from '../../db/client.js';
import { agencyIdsByCode } from '../units/agencies.service.js';
import { demoUnits } from '../units/demo-province.data.js';
import { unitsByCodes } from '../units/units.service.js';
import { sha256 } from './ingest.js';
import { type SeriesPoint, upsertBuckets, upsertLatest } from './readings.queries.js';
import { ensureSeries, insertDevices, type DeviceWrite } from './telemetry.queries.js';
import { intervalOfType, metricsOfType, simulatedValue, type SimDevice, unitsOfMetric } from './simulation.js';

export const DEMO_DEVICE_NOTE = 'Thiết bị và số liệu giả lập (demo) / Synthetic demo device and readings';

const typeNames: Record<string, { vi: string; prefix: string; agency: string }> = {
  'air-quality': { vi: 'Trạm quan trắc không khí', prefix: 'aq', agency: 'DN-SNNMT' },
  'water-level': { vi: 'Trạm đo mực nước', prefix: 'wl', agency: 'DN-SNNMT' },
  'rain-gauge': { vi: 'Trạm đo mưa', prefix: 'rg', agency: 'DN-SNNMT' },
  'traffic-counter': { vi: 'Điểm đếm lưu lượng xe', prefix: 'tc', agency: 'DN-SXD' },
};
// Rivers and roads of the former Bình Phước, for names that read true.
const rivers = ['sông Bé', 'sông Đồng Nai', 'sông Sài Gòn', 'suối Rạt', 'hồ Suối Lam', 'hồ Phước Hòa'];
const roads = ['QL14', 'QL13', 'ĐT741', 'ĐT753', 'QL14C', 'ĐT759', 'ĐT752'];

function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase()
    .replace(/^(phuong|xa|thi tran) /, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export interface DemoDevicePlan extends SimDevice { name: string; unitCode: string; lon: number; lat: number; agencyCode: string }

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
        const where = type === 'water-level' ? ` – ${rivers[(i + k) % rivers.length]}` : type === 'traffic-counter' ? ` – ${roads[(i + k) % roads.length]}` : '';
        plan.push({
          id, type, name: `${t.vi} ${u.name}${where}${n > 1 ? ` (${k})` : ''}`, unitCode: u.code,
          lon: Math.round((u.seat[0] + r * Math.cos(angle)) * 1e5) / 1e5, lat: Math.round((u.seat[1] + r * Math.sin(angle)) * 1e5) / 1e5,
          agencyCode: t.agency, region: `r${Math.round(u.seat[0] * 5)}-${Math.round(u.seat[1] * 5)}`, urban: isWard ? 0.8 : 0.25,
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
      metadata: { synthetic: true, note: DEMO_DEVICE_NOTE, region: p.region, urban: p.urban },
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
