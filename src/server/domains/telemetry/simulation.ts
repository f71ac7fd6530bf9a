// A synthetic but plausible province: what each demo sensor would read at an instant. Deterministic (hash-based
// noise), so the seeded history, the in-process simulator and `npm run simulate` tell one story:
// diurnal PM2.5 with morning and evening peaks and occasional burning episodes, afternoon rain showers that raise
// river levels for hours, rush-hour traffic with congestion. All of it is synthetic and says so in device metadata.
import { simulatedTraffic } from './traffic-simulation.js';

export const metricsOfType: Record<string, string[]> = {
  'air-quality': ['pm25', 'pm10', 'no2', 'o3', 'temperature', 'humidity', 'aqi'],
  'water-level': ['waterLevel'],
  'rain-gauge': ['precipitation'],
  'traffic-counter': ['intensity', 'averageVehicleSpeed', 'occupancy', 'congested'],
};

export const unitsOfMetric: Record<string, string> = {
  pm25: 'µg/m³', pm10: 'µg/m³', no2: 'µg/m³', o3: 'µg/m³', temperature: '°C', humidity: '%', aqi: 'AQI',
  waterLevel: 'm', precipitation: 'mm', intensity: 'xe/5 phút', averageVehicleSpeed: 'km/h', occupancy: '%', congested: '0/1',
};

/** Reporting interval (seconds) of each demo device type. */
export const intervalOfType: Record<string, number> = { 'air-quality': 60, 'water-level': 60, 'rain-gauge': 60, 'traffic-counter': 60 };

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
  return (h >>> 0) / 4294967296;
}

const bump = (x: number, centre: number, width: number) => Math.exp(-(((x - centre) / width) ** 2));

/** Hour of day in Việt Nam (UTC+7), fractional. */
export function hourInVietnam(t: number): number {
  return (((t / 3_600_000) + 7) % 24 + 24) % 24;
}

/** Rain (mm per hour) over a region in the hour holding t: afternoon showers on some days, a storm now and then. */
export function rainRate(region: string, t: number): number {
  const day = Math.floor((t + 7 * 3_600_000) / 86_400_000);
  const h = hourInVietnam(t);
  const rainyDay = hash(`${region}|${day}`) < 0.45;
  if (!rainyDay) return 0;
  const start = 13 + hash(`${region}|${day}|start`) * 4;
  const storm = hash(`${region}|${day}|storm`) < 0.15 ? 3 : 1;
  const shower = h >= start && h < start + 2 ? 8 * storm * bump(h, start + 0.8, 0.9) : 0;
  return Math.max(0, shower * (0.7 + 0.6 * hash(`${region}|${Math.floor(t / 600_000)}`)));
}

export interface SimDevice { id: string; type: string; region: string; urban: number }   // urban 0…1

/** The value a device reports for a metric at instant t (epoch ms). */
export function simulatedValue(d: SimDevice, metric: string, t: number): number {
  const h = hourInVietnam(t);
  const noise = (k = '') => hash(`${d.id}|${metric}|${Math.floor(t / 60_000)}|${k}`) - 0.5;
  const day = Math.floor((t + 7 * 3_600_000) / 86_400_000);
  switch (metric) {
    case 'pm25': case 'pm10': case 'aqi': {
      // Traffic peaks at 7h and 19h, a night inversion, and a field-burning episode on some evenings (a breach).
      const episode = hash(`${d.id}|${day}|burn`) < 0.08 ? 140 * bump(h, 20, 1.5) : 0;
      const pm25 = Math.max(3, 14 + 22 * d.urban + 18 * bump(h, 7.5, 1.5) + 24 * bump(h, 19, 2) + 8 * bump(h, 2, 3) + episode + 6 * noise());
      if (metric === 'pm25') return round(pm25, 1);
      if (metric === 'pm10') return round(pm25 * (1.5 + 0.2 * noise('10')), 1);
      return aqiOfPm25(pm25);
    }
    case 'no2': return round(Math.max(2, 10 + 25 * d.urban * (bump(h, 7.5, 1.5) + bump(h, 18, 1.8)) + 4 * noise()), 1);
    case 'o3': return round(Math.max(5, 20 + 60 * bump(h, 14, 3) + 6 * noise()), 1);
    case 'temperature': return round(24 + 8 * bump(h, 14, 4.5) + noise() - 3 * Math.min(1, rainRate(d.region, t) / 5), 1);
    case 'humidity': return round(Math.min(100, 62 + 25 * bump(h, 4, 5) + 20 * Math.min(1, rainRate(d.region, t) / 5) + 3 * noise()), 0);
    case 'precipitation': return round(rainRate(d.region, t) / 60, 2);   // mm in the minute
    case 'waterLevel': {
      // River stage: a base per station plus the rain of the last 12 hours, slowly draining.
      let rain = 0;
      for (let k = 0; k < 12; k++) rain += rainRate(d.region, t - k * 3_600_000) * Math.exp(-k / 5);
      const base = 1.2 + 1.5 * hash(`${d.id}|base`);
      return round(base + rain * 0.09 + 0.02 * noise(), 2);
    }
    case 'intensity': case 'averageVehicleSpeed': case 'occupancy': case 'congested': return simulatedTraffic(d, metric, t, h);
    default: return round(50 + 10 * noise(), 2);
  }
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** US EPA AQI of a PM2.5 concentration (the scale Vietnam's VN_AQI follows closely). */
export function aqiOfPm25(c: number): number {
  const bands: [number, number, number, number][] = [[0, 12, 0, 50], [12.1, 35.4, 51, 100], [35.5, 55.4, 101, 150], [55.5, 150.4, 151, 200], [150.5, 250.4, 201, 300], [250.5, 500.4, 301, 500]];
  for (const [lo, hi, alo, ahi] of bands) if (c <= hi) return Math.round(alo + ((ahi - alo) * (Math.max(c, lo) - lo)) / (hi - lo));
  return 500;
}

/** Some demo devices fall silent (a dead battery, a cut cable): the simulator skips them. */
export function isSilentDevice(id: string): boolean {
  return hash(`${id}|silent`) < 0.03;
}
