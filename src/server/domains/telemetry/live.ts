// Live values for screens: readings are coalesced per device and published at most once a second per process as
// `telemetry.latest` events (never one event per point), one per province so that scope filtering still works:
// users scoped below a province (a commune) get no live values and refresh by polling (docs/telemetry.md).
import type { FastifyBaseLogger } from 'fastify';
import { publishMany, type PublishInput } from '../../core/hub.js';
import type { Db } from '../../db/client.js';

export const LIVE_PERIOD_MS = 1000;

/** The path down to the province ('/VN/75/'): the unit of grouping of live events. */
export function provincePathOf(unitPath: string): string {
  const parts = unitPath.split('/').filter(Boolean);
  return `/${parts.slice(0, 2).join('/')}/`;
}

interface Pending { unitPath: string; values: Record<string, number>; at: number }

export class LiveValues {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Db, private readonly log: FastifyBaseLogger | null) {}

  add(points: { deviceId: string; metric: string; at: number; value: number }[], unitPathOf: (deviceId: string) => string | null): void {
    for (const p of points) {
      let d = this.pending.get(p.deviceId);
      if (!d) {
        const unitPath = unitPathOf(p.deviceId);
        if (!unitPath) continue;
        d = { unitPath, values: {}, at: p.at };
        this.pending.set(p.deviceId, d);
      }
      if (p.at >= d.at || !(p.metric in d.values)) d.values[p.metric] = p.value;
      if (p.at > d.at) d.at = p.at;
    }
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => { this.timer = null; this.flushing = this.flush().finally(() => { this.flushing = null; }); }, LIVE_PERIOD_MS);
      this.timer.unref();
    }
  }

  /** Publishes what is pending, one event per province, in one small transaction. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const byProvince = new Map<string, { ids: string[]; values: Record<string, Record<string, number>>; at: number }>();
    for (const [id, d] of batch) {
      const key = provincePathOf(d.unitPath);
      let g = byProvince.get(key);
      if (!g) { g = { ids: [], values: {}, at: 0 }; byProvince.set(key, g); }
      g.ids.push(id);
      g.values[id] = d.values;
      g.at = Math.max(g.at, d.at);
    }
    const events: PublishInput[] = [...byProvince].map(([unitPath, g]) => ({
      topic: 'telemetry', type: 'telemetry.latest', unitPath, ids: g.ids, data: { values: g.values, at: new Date(g.at).toISOString() },
    }));
    await this.db.transaction((tx) => publishMany(tx, events)).catch((err: unknown) => this.log?.warn({ err }, 'publishing live telemetry failed'));
  }

  async stop(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (this.flushing) await this.flushing;
    await this.flush();
  }
}
