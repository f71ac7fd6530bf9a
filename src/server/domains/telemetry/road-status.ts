// Road status: each traffic counter that carries a road segment in its metadata, with its latest speed and
// intensity and a status from speed ÷ free-flow speed (thresholds in the contract, documented in docs/telemetry.md).
import {
  ROAD_STATUS_THRESHOLDS, RoadSegment, type RoadSegmentStatus, type RoadStatus, type RoadStatusList, type RoadStatusQuery,
} from '../../../shared/contracts/road-status.js';
import { can } from '../../core/auth.js';
import type { RequestContext } from '../../core/context.js';
import { findDevices, latestOfDevices } from './telemetry.queries.js';
import { areaPathOf } from './telemetry.service.js';

/** The status of a segment from its latest speed; a reading older than the stale window counts as no data. */
export function roadStatusOf(speed: { value: number; at: Date } | undefined, freeFlowSpeed: number, now: Date, staleMs: number): { status: RoadStatus; ratio: number | null } {
  if (!speed || now.getTime() - speed.at.getTime() > staleMs) return { status: 'no-data', ratio: null };
  const ratio = Math.max(0, speed.value / freeFlowSpeed);
  const t = ROAD_STATUS_THRESHOLDS;
  const status: RoadStatus = ratio >= t.slow ? 'free' : ratio >= t.congested ? 'slow' : ratio >= t.stopped ? 'congested' : 'stopped';
  return { status, ratio: Math.round(ratio * 100) / 100 };
}

export async function roadStatusInArea(ctx: RequestContext, q: RoadStatusQuery, now = new Date()): Promise<RoadStatusList> {
  can(ctx.actor, 'telemetry:read');
  const unitPath = await areaPathOf(ctx, q.unitId);
  const devices = (await findDevices(ctx.db, { scopePath: ctx.actor.scopePath, unitPath, type: 'traffic-counter' }))
    .map((d) => ({ d, segment: RoadSegment.safeParse(d.metadata['roadSegment']) }))
    .filter((x) => x.segment.success);
  const latest = new Map<string, { value: number; at: Date }>();
  for (const l of await latestOfDevices(ctx.db, devices.map((x) => x.d.id))) latest.set(`${l.deviceId}|${l.metric}`, l);
  const items: RoadSegmentStatus[] = devices.map(({ d, segment }) => {
    const s = segment.data!;
    const speed = latest.get(`${d.id}|averageVehicleSpeed`);
    // Stale after 15 minutes, or three reporting intervals for a counter that reports less often.
    const staleMs = Math.max(ROAD_STATUS_THRESHOLDS.staleMinutes * 60_000, 3 * d.reportingIntervalSeconds * 1000);
    const { status, ratio } = roadStatusOf(speed, s.freeFlowSpeed, now, staleMs);
    const fresh = status !== 'no-data';
    return {
      deviceId: d.id, deviceName: d.name, unitId: d.unitId, unitPath: d.unitPath, road: s.road, section: s.section ?? null,
      freeFlowSpeed: s.freeFlowSpeed, lanes: s.lanes ?? null, geometry: s.geometry,
      speed: fresh ? speed!.value : null,
      intensity: fresh ? latest.get(`${d.id}|intensity`)?.value ?? null : null,
      intensityUnit: d.metricUnits['intensity'] ?? null,
      occupancy: fresh ? latest.get(`${d.id}|occupancy`)?.value ?? null : null,
      speedRatio: ratio, status, at: speed?.at.toISOString() ?? null,
    };
  });
  return { items, thresholds: { ...ROAD_STATUS_THRESHOLDS }, at: now.toISOString() };
}
