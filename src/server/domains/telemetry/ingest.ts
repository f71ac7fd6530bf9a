// The one write path of readings behind every door (HTTP batch, MQTT, NGSI-LD, the simulator): validation at the
// door (known device, token, time window, finite numbers, per-device rate), then group commit — points of
// concurrent requests and messages join one batch, written in one transaction; each caller is answered only
// after that commit (acknowledged = durable).
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { publishMany, type PublishInput } from '../../core/hub.js';
import type { Db } from '../../db/client.js';
import { defaultTelemetryConfig, type TelemetryConfig } from './telemetry.config.js';
import { devicesForIngest, ensureSeries, markDevicesSeen, type IngestDeviceInfo, deviceIdByTokenHash } from './telemetry.queries.js';
import { addToRollups, ensureTelemetryPartitions, insertNewReadings, rollupWatermarkForIngest, upsertLatest, type SeriesPoint } from './readings.queries.js';
import { LiveValues } from './live.js';

/** A reading as the doors hand it over: device, metric, instant (epoch ms), value. */
export interface Reading { deviceId: string; metric: string; at: number; value: number }

export type RejectReason = 'unknown-device' | 'bad-token' | 'timestamp-out-of-window' | 'not-a-number' | 'bad-metric' | 'rate-limited' | 'malformed';

export interface Rejection { deviceId: string | null; metric?: string; reason: RejectReason }

export interface IngestStats {
  startedAt: string;
  received: number;            // points offered at any door
  accepted: number;            // committed as new readings
  duplicates: number;          // committed earlier (redelivery, retry): dropped
  rejected: Record<RejectReason, number>;
  batches: number;
  lastBatchPoints: number;
  lastBatchMs: number;
  pendingPoints: number;
  mqtt: { connected: boolean; messages: number; malformed: number; lastError: string | null };
  ngsiLd: { entities: number };
}

export const METRIC_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DEVICE_CACHE_MS = 10_000;
const SEEN_REFRESH_MS = 5_000;   // last_seen_at is written at most this often per device and process

interface Waiter { points: Reading[]; resolve: (r: { accepted: number; duplicates: number }) => void; reject: (err: unknown) => void }
interface CachedDevice { info: IngestDeviceInfo | null; until: number }

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Per-process ingest state: caches, counters, rate buckets, the batch queue and the live-value coalescer. */
export class TelemetryIngest {
  readonly stats: IngestStats;
  readonly live: LiveValues;
  private queue: Waiter[] = [];
  private queuedPoints = 0;
  private writing: Promise<void> | null = null;
  private devices = new Map<string, CachedDevice>();
  private loading = new Map<string, Promise<void>>();
  private tokens = new Map<string, { deviceId: string | null; until: number }>();
  private series = new Map<string, number>();
  private seenAt = new Map<string, number>();
  private buckets = new Map<string, { tokens: number; at: number }>();
  private stopped = false;

  constructor(readonly db: Db, readonly config: TelemetryConfig, readonly log: FastifyBaseLogger | null) {
    this.stats = {
      startedAt: new Date().toISOString(), received: 0, accepted: 0, duplicates: 0,
      rejected: { 'unknown-device': 0, 'bad-token': 0, 'timestamp-out-of-window': 0, 'not-a-number': 0, 'bad-metric': 0, 'rate-limited': 0, malformed: 0 },
      batches: 0, lastBatchPoints: 0, lastBatchMs: 0, pendingPoints: 0,
      mqtt: { connected: false, messages: 0, malformed: 0, lastError: null }, ngsiLd: { entities: 0 },
    };
    this.live = new LiveValues(db, log);
  }

  /**
   * Devices by id as the ingest knows them (cached ~10 s, unknown ids too, so a flood of unknown ids stays cheap).
   * Concurrent callers share one lookup per id: with thousands of MQTT messages in flight, an expired cache would
   * otherwise send thousands of identical queries at once.
   */
  async knownDevices(ids: string[]): Promise<Map<string, IngestDeviceInfo>> {
    const now = Date.now();
    const waits = new Set<Promise<void>>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const c = this.devices.get(id);
      if (c && c.until >= now) continue;
      const loading = this.loading.get(id);
      if (loading) waits.add(loading); else missing.push(id);
    }
    if (missing.length > 0) {
      const load = devicesForIngest(this.db, missing).then((rows) => {
        const found = new Map(rows.map((d) => [d.id, d]));
        const until = Date.now() + DEVICE_CACHE_MS;
        for (const id of missing) this.devices.set(id, { info: found.get(id) ?? null, until });
      }).finally(() => { for (const id of missing) this.loading.delete(id); });
      for (const id of missing) this.loading.set(id, load);
      waits.add(load);
    }
    if (waits.size > 0) await Promise.all(waits);
    const out = new Map<string, IngestDeviceInfo>();
    for (const id of ids) { const info = this.devices.get(id)?.info; if (info) out.set(id, info); }
    return out;
  }

  /** The device a token belongs to, or null. */
  async deviceOfToken(token: string): Promise<string | null> {
    const hash = sha256(token);
    const now = Date.now();
    const cached = this.tokens.get(hash);
    if (cached && cached.until > now) return cached.deviceId;
    const deviceId = await deviceIdByTokenHash(this.db, hash);
    if (this.tokens.size > 10_000) this.tokens.clear();
    this.tokens.set(hash, { deviceId, until: now + DEVICE_CACHE_MS });
    return deviceId;
  }

  /** Called when a device is changed or deleted in this process. */
  forgetDevice(id: string): void {
    this.devices.delete(id);
    this.tokens.clear();
    for (const key of this.series.keys()) if (key.startsWith(`${id}\u0000`)) this.series.delete(key);
  }

  count(reason: RejectReason, n = 1): void { this.stats.rejected[reason] += n; }

  /**
   * Checks points at the door: known device (and, when `tokenDeviceId` is given, only that device), instant in
   * the window, finite number, metric name, per-device rate. Answers the points to write and what was refused.
   */
  async screen(points: { deviceId: string; metric: string; at: unknown; value: unknown }[], opts: { onlyDevice?: string; scopePath?: string } = {}):
  Promise<{ valid: Reading[]; rejected: Rejection[] }> {
    this.stats.received += points.length;
    const now = Date.now();
    const known = await this.knownDevices(points.map((p) => p.deviceId));
    const valid: Reading[] = [];
    const rejected: Rejection[] = [];
    const refuse = (p: { deviceId: string; metric: string }, reason: RejectReason) => {
      this.count(reason);
      if (rejected.length < 1000) rejected.push({ deviceId: p.deviceId, metric: p.metric, reason });
    };
    for (const p of points) {
      if (opts.onlyDevice !== undefined && p.deviceId !== opts.onlyDevice) { refuse(p, 'bad-token'); continue; }
      const device = known.get(p.deviceId);
      // A device outside the sender's scope does not exist for it.
      if (!device || (opts.scopePath !== undefined && !device.unitPath.startsWith(opts.scopePath))) { refuse(p, 'unknown-device'); continue; }
      if (!METRIC_PATTERN.test(p.metric)) { refuse(p, 'bad-metric'); continue; }
      const at = typeof p.at === 'number' ? p.at : typeof p.at === 'string' ? Date.parse(p.at) : p.at instanceof Date ? p.at.getTime() : NaN;
      if (!Number.isFinite(at) || at > now + this.config.maxFutureMs || at < now - this.config.maxPastMs) { refuse(p, 'timestamp-out-of-window'); continue; }
      const value = typeof p.value === 'boolean' ? (p.value ? 1 : 0) : p.value;
      if (typeof value !== 'number' || !Number.isFinite(value)) { refuse(p, 'not-a-number'); continue; }
      if (!this.takeToken(p.deviceId, now)) { refuse(p, 'rate-limited'); continue; }
      valid.push({ deviceId: p.deviceId, metric: p.metric, at, value });
    }
    return { valid, rejected };
  }

  /** Token bucket per device: `deviceRate` points/s sustained, `deviceBurst` at once. */
  private takeToken(deviceId: string, now: number): boolean {
    let b = this.buckets.get(deviceId);
    if (!b) { b = { tokens: this.config.deviceBurst, at: now }; this.buckets.set(deviceId, b); }
    b.tokens = Math.min(this.config.deviceBurst, b.tokens + ((now - b.at) / 1000) * this.config.deviceRate);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Writes screened points; resolves after the batch holding them has committed. */
  write(points: Reading[]): Promise<{ accepted: number; duplicates: number }> {
    if (points.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
    if (this.stopped) return Promise.reject(new Error('telemetry ingest stopped'));
    return new Promise((resolve, reject) => {
      this.queue.push({ points, resolve, reject });
      this.queuedPoints += points.length;
      this.stats.pendingPoints = this.queuedPoints;
      this.kick();
    });
  }

  private kick(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = this.writeNextBatch().finally(() => { this.writing = null; this.kick(); });
  }

  /** Takes every waiting request up to the batch size (at least one) and commits them together. */
  private async writeNextBatch(): Promise<void> {
    // One splice, not a shift per waiter: with MQTT the queue holds thousands of small messages.
    let take = 0;
    let n = 0;
    while (take < this.queue.length && (take === 0 || n + this.queue[take]!.points.length <= this.config.batchPoints)) {
      n += this.queue[take]!.points.length;
      take++;
    }
    const batch = this.queue.splice(0, take);
    this.queuedPoints -= n;
    this.stats.pendingPoints = this.queuedPoints;
    const t0 = performance.now();
    try {
      const results = await this.commit(batch.map((w) => w.points));
      batch.forEach((w, i) => w.resolve(results[i]!));
      this.stats.batches++;
      this.stats.lastBatchPoints = n;
      this.stats.lastBatchMs = Math.round(performance.now() - t0);
    } catch (err) {
      this.log?.error({ err, points: n }, 'telemetry batch failed');
      for (const w of batch) w.reject(err);
    }
  }

  private async commit(groups: Reading[][]): Promise<{ accepted: number; duplicates: number }[]> {
    try {
      return await this.commitOnce(groups);
    } catch (err) {
      const code = errorCodeOf(err);
      // 23514: no partition for a day (clock moved past the days made ahead); 23503: a cached series of a device
      // deleted by another process. Both are repaired by refreshing, then the batch is tried once more.
      if (code !== '23514' && code !== '23503') throw err;
      this.series.clear();
      this.devices.clear();
      await ensureTelemetryPartitions(this.db, { pastDays: Math.ceil(this.config.maxPastMs / 86_400_000) + 1, aheadDays: 3 });
      return this.commitOnce(groups);
    }
  }

  private async commitOnce(groups: Reading[][]): Promise<{ accepted: number; duplicates: number }[]> {
    const now = Date.now();
    const all = groups.flat();
    const seriesKey = (p: Reading) => `${p.deviceId}\u0000${p.metric}`;
    const unknownPairs = new Map<string, { deviceId: string; metric: string }>();
    for (const p of all) { const k = seriesKey(p); if (!this.series.has(k)) unknownPairs.set(k, { deviceId: p.deviceId, metric: p.metric }); }
    const seenDue = [...new Set(all.map((p) => p.deviceId))].filter((id) => (this.seenAt.get(id) ?? 0) < now - SEEN_REFRESH_MS);

    // Series made in this transaction are cached only after it commits (a rollback would leave ids that do not exist).
    const newSeries = new Map<string, number>();
    const seriesOf = (k: string) => this.series.get(k) ?? newSeries.get(k)!;
    const outcome = await this.db.transaction(async (tx) => {
      if (unknownPairs.size > 0) {
        const ids = await ensureSeries(tx, [...unknownPairs.values()]);
        for (const [k, id] of ids) newSeries.set(k, id);
      }
      // One point per series and instant: the first of the batch wins, as a stored one wins over a later one.
      const seen = new Set<string>();
      const points: SeriesPoint[] = [];
      const perGroup = groups.map((g) => {
        let fresh = 0;
        for (const p of g) {
          const seriesId = seriesOf(seriesKey(p));
          const key = `${seriesId}:${p.at}`;
          if (seen.has(key)) continue;
          seen.add(key);
          points.push({ seriesId, at: p.at, value: p.value });
          fresh++;
        }
        return fresh;
      });
      const stored = await insertNewReadings(tx, points);
      await addToRollups(tx, stored, await rollupWatermarkForIngest(tx));
      await upsertLatest(tx, stored);
      const cameOnline = await markDevicesSeen(tx, seenDue, new Date(now));
      if (cameOnline.length > 0) await publishMany(tx, statusEvents(cameOnline, 'online'));
      return { stored: stored.length, total: points.length, perGroup };
    });
    for (const [k, id] of newSeries) this.series.set(k, id);
    for (const id of seenDue) this.seenAt.set(id, now);
    for (const d of seenDue) { const c = this.devices.get(d); if (c?.info) c.info.status = 'online'; }
    this.stats.accepted += outcome.stored;
    this.stats.duplicates += all.length - outcome.stored;
    this.live.add(all, (id) => this.devices.get(id)?.info?.unitPath ?? null);
    // Duplicates are counted per request only approximately when a batch mixes requests: exact when all are new.
    const dupShare = outcome.total === 0 ? 0 : (outcome.total - outcome.stored) / outcome.total;
    return groups.map((g, i) => {
      const fresh = outcome.perGroup[i]!;
      const duplicates = g.length - fresh + Math.round(fresh * dupShare);
      return { accepted: g.length - duplicates, duplicates };
    });
  }

  /** Waits for queued batches, then refuses further writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.writing) await this.writing;
    await this.live.stop();
  }
}

/** The SQLSTATE of a database error, also when Drizzle wraps it (DrizzleQueryError keeps it in `cause`). */
export function errorCodeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export function statusEvents(list: { id: string; unitPath: string }[], status: 'online' | 'offline'): PublishInput[] {
  const byUnit = new Map<string, string[]>();
  for (const d of list) byUnit.set(d.unitPath, [...(byUnit.get(d.unitPath) ?? []), d.id]);
  return [...byUnit].map(([unitPath, ids]) => ({ topic: 'telemetry', type: 'device.status', unitPath, ids, data: { status } }));
}

const pipelines = new WeakMap<Db, TelemetryIngest>();

/** The ingest of this process for a database (one per app; the simulator and background jobs share it). */
export function telemetryIngestOf(db: Db, config: TelemetryConfig = defaultTelemetryConfig, log: FastifyBaseLogger | null = null): TelemetryIngest {
  let p = pipelines.get(db);
  if (!p) { p = new TelemetryIngest(db, config, log); pipelines.set(db, p); }
  return p;
}

export function dropTelemetryIngest(db: Db): void { pipelines.delete(db); }

/**
 * Screens and writes readings in one call; resolves after commit. Used by internal producers (simulator,
 * NGSI-LD door, tests of other domains).
 */
export async function ingestReadings(db: Db, points: { deviceId: string; metric: string; at: Date | number | string; value: unknown }[]):
Promise<{ accepted: number; duplicates: number; rejected: Rejection[] }> {
  const ingest = telemetryIngestOf(db);
  const { valid, rejected } = await ingest.screen(points);
  const written = await ingest.write(valid);
  return { ...written, rejected };
}
