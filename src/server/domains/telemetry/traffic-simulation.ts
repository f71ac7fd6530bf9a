// Synthetic traffic for the demo counters: load by hour (morning and evening rush), a few bottleneck segments
// that saturate at rush hour, and now and then a crash; speed falls with occupancy along a speed–density curve
// relative to the segment's free-flow speed, so that the road-status layer shows free, slow, congested and stopped.
import { ROAD_STATUS_THRESHOLDS } from '../../../shared/contracts/road-status.js';

interface TrafficDevice { id: string; urban: number }   // urban 0…1

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
  return (h >>> 0) / 4294967296;
}
const bump = (x: number, centre: number, width: number) => Math.exp(-(((x - centre) / width) ** 2));
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Free-flow speed (km/h) of a demo counter's segment: town streets slower than open national/provincial roads. */
export function demoFreeFlowSpeed(d: TrafficDevice): number {
  return d.urban >= 0.5 ? 50 : 60;
}

/** About a third of the segments are bottlenecks (a junction, a market, a narrow bridge) that saturate at rush hour. */
export function isBottleneck(id: string): boolean {
  return hash(`${id}|bottleneck`) < 0.35;
}

/** Speed as a share of free flow at an occupancy (0…1): ~1 when light, ~0.6 at 0.65, ~0.3 at 0.85, ~0.12 when full. */
export function speedRatioAt(occupancy: number): number {
  return 1 / (1 + (occupancy / 0.72) ** 6);
}

/** The value a demo traffic counter reports for a metric at instant t (epoch ms), hour of day h in Việt Nam. */
export function simulatedTraffic(d: TrafficDevice, metric: string, t: number, h: number): number {
  const noise = (k: string) => hash(`${d.id}|${metric}|${Math.floor(t / 60_000)}|${k}`) - 0.5;
  const day = Math.floor((t + 7 * 3_600_000) / 86_400_000);
  const weekend = new Date(t + 7 * 3_600_000).getUTCDay() % 6 === 0;
  const rush = (weekend ? 0.45 : 0.75) * (bump(h, 7.2, 0.8) + bump(h, 17.5, 1)) * (0.6 + 0.4 * d.urban) * (isBottleneck(d.id) ? 1.35 : 1);
  const crash = hash(`${d.id}|${day}|crash`) < 0.05 ? 0.6 * bump(h, 10, 0.4) : 0;
  const load = Math.max(0, Math.min(1, 0.08 + 0.1 * bump(h, 12, 5) + rush + crash + 0.05 * noise('l')));
  const occupancy = Math.max(0, Math.min(1, load * 0.85 + crash * 0.3 + 0.03 * noise('o')));
  const ratio = speedRatioAt(occupancy);
  switch (metric) {
    case 'occupancy': return round1(occupancy * 100);
    case 'averageVehicleSpeed': return round1(Math.max(2, demoFreeFlowSpeed(d) * ratio * (1 + 0.08 * noise('s'))));
    case 'intensity': return Math.round(Math.max(0, 560 * occupancy * ratio + 8 * noise('i')));   // vehicles per 5 minutes
    default: return ratio < ROAD_STATUS_THRESHOLDS.congested ? 1 : 0;                            // congested 0/1
  }
}
