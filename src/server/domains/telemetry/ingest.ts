// The one write path of readings behind every door (HTTP batch, MQTT, NGSI-LD, the simulator): validation at the
// door (known device, token, time window, finite numbers, per-device rate), then group commit — points of
// concurrent requests and messages join one batch, written in one transaction; each caller is answered only
// after that commit (acknowledged = durable).
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { publishMany, type PublishInput } from '../../core/hub.js';
import { onPostgresServer, type Db } from '../../db/client.js';
import { defaultTelemetryConfig, type TelemetryConfig } from './telemetry.config.js';
import { devicesForIngest, ensureSeries, markDevicesSeen, type IngestDeviceInfo, deviceIdByTokenHash } from './telemetry.queries.js';
import { ensureTelemetryPartitions, prepareBatch, writeReadings, type SeriesPoint } from './readings.queries.js';
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
  /** The MQTT door's window: messages received and not yet committed (and their payload bytes), with the peaks. */
  readonly mqttWindow = { messages: 0, bytes: 0, peakMessages: 0, peakBytes: 0 };
  private queue: Waiter[] = [];
  private queuedPoints = 0;
  private writing = new Set<Promise<void>>();
  private readonly writers: number;
  private readonly onPostgres: boolean;
  private devices = new Map<string, CachedDevice>();
  private loading = new Map<string, Promise<void>>();
  private tokens = new Map<string, { deviceId: string | null; until: number }>();
  private series = new Map<string, Map<string, number>>();   // device → metric → series id
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
    this.onPostgres = onPostgresServer(db);
    this.writers = this.onPostgres ? config.writers : 1;
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

  private hasCachedDevices(points: { deviceId: string }[], now: number): boolean {
    let last: string | null = null;
    for (const p of points) {
      if (p.deviceId === last) continue;
      const c = this.devices.get(p.deviceId);
      if (!c || c.until < now) return false;
      last = p.deviceId;
    }
    return true;
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
    this.series.delete(id);
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
    // Usually every device is cached: then no lookup, no await, no map per call (an MQTT message is one call).
    const known = this.hasCachedDevices(points, now) ? null : await this.knownDevices(points.map((p) => p.deviceId));
    const valid: Reading[] = [];
    const rejected: Rejection[] = [];
    const refuse = (p: { deviceId: string; metric: string }, reason: RejectReason) => {
      this.count(reason);
      if (rejected.length < 1000) rejected.push({ deviceId: p.deviceId, metric: p.metric, reason });
    };
    for (const p of points) {
      if (opts.onlyDevice !== undefined && p.deviceId !== opts.onlyDevice) { refuse(p, 'bad-token'); continue; }
      const device = known ? known.get(p.deviceId) : this.devices.get(p.deviceId)?.info;
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

  /**
   * Starts batches while fewer than `writers` are being written. With two on PostgreSQL, this process prepares and
   * sends one batch while the database writes and commits the other, so neither side waits for the other; PGlite has
   * one connection and takes one at a time.
   */
  private kick(): void {
    while (this.writing.size < this.writers && this.queue.length > 0) {
      const run: Promise<void> = this.writeNextBatch().finally(() => { this.writing.delete(run); this.kick(); });
      this.writing.add(run);
    }
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
      return await this.commitOnce(groups, { knownNew: true });
    } catch (err) {
      const code = errorCodeOf(err);
      // 23505: some points were stored already (a redelivery, a retry): the batch goes again the slow way, which
      // drops them. 40P01: a deadlock with the other writer or the roll-up job; the batch is tried once more.
      if (code === '23505' || code === '40P01') return this.commitOnce(groups, { knownNew: code !== '23505' });
      // 23514: no partition for a day (clock moved past the days made ahead); 23503: a cached series of a device
      // deleted by another process. Both are repaired by refreshing, then the batch is tried once more.
      if (code !== '23514' && code !== '23503') throw err;
      this.series.clear();
      this.devices.clear();
      await ensureTelemetryPartitions(this.db, { pastDays: Math.ceil(this.config.maxPastMs / 86_400_000) + 1, aheadDays: 3 });
      return this.commitOnce(groups, { knownNew: false });
    }
  }

  /** Series ids of the points' device × metric pairs; unknown ones are created first, in their own statement. */
  private async seriesIdsOf(all: Reading[]): Promise<Int32Array> {
    const ids = new Int32Array(all.length);
    let unknown: Map<string, { deviceId: string; metric: string }> | null = null;
    for (let i = 0; i < all.length; i++) {
      const p = all[i]!;
      const id = this.series.get(p.deviceId)?.get(p.metric);
      if (id !== undefined) { ids[i] = id; continue; }
      unknown ??= new Map();
      unknown.set(`${p.deviceId}\u0000${p.metric}`, { deviceId: p.deviceId, metric: p.metric });
    }
    if (!unknown) return ids;
    // Committed at once (an empty series is harmless) and sorted, so that two writers creating the same series
    // take their locks in the same order.
    const pairs = [...unknown.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
    for (const [k, id] of await ensureSeries(this.db, pairs)) {
      const [deviceId, metric] = k.split('\u0000') as [string, string];
      let m = this.series.get(deviceId);
      if (!m) { m = new Map(); this.series.set(deviceId, m); }
      m.set(metric, id);
    }
    for (let i = 0; i < all.length; i++) {
      if (ids[i] !== 0) continue;
      const p = all[i]!;
      ids[i] = this.series.get(p.deviceId)!.get(p.metric)!;
    }
    return ids;
  }

  private async commitOnce(groups: Reading[][], opts: { knownNew: boolean }): Promise<{ accepted: number; duplicates: number }[]> {
    const now = Date.now();
    const all = groups.length === 1 ? groups[0]! : groups.flat();
    const ids = await this.seriesIdsOf(all);
    // Everything this process computes is done before the transaction opens (the other writer's batch is in the
    // database meanwhile). One point per series and instant: the first of the batch wins, as a stored one wins over
    // a later one.
    const instants = new Map<number, Set<number>>();
    const points: SeriesPoint[] = [];
    const devices = new Set<string>();
    let i = 0;
    const perGroup = groups.map((g) => {
      let fresh = 0;
      for (const p of g) {
        const seriesId = ids[i++]!;
        let seen = instants.get(seriesId);
        if (!seen) { seen = new Set(); instants.set(seriesId, seen); }
        devices.add(p.deviceId);
        if (seen.has(p.at)) continue;
        seen.add(p.at);
        points.push({ seriesId, at: p.at, value: p.value });
        fresh++;
      }
      return fresh;
    });
    const seenDue = [...devices].filter((id) => (this.seenAt.get(id) ?? 0) < now - SEEN_REFRESH_MS).sort();
    const prepared = prepareBatch(points, { copy: this.onPostgres });

    const stored = await this.db.transaction(async (tx) => {
      const written = await writeReadings(tx, prepared, opts);
      const cameOnline = await markDevicesSeen(tx, seenDue, new Date(now));
      if (cameOnline.length > 0) await publishMany(tx, statusEvents(cameOnline, 'online'));
      return written.length;
    });
    for (const id of seenDue) this.seenAt.set(id, now);
    for (const d of seenDue) { const c = this.devices.get(d); if (c?.info) c.info.status = 'online'; }
    this.stats.accepted += stored;
    this.stats.duplicates += all.length - stored;
    this.live.add(all, (id) => this.devices.get(id)?.info?.unitPath ?? null);
    // Duplicates are counted per request only approximately when a batch mixes requests: exact when all are new.
    const dupShare = points.length === 0 ? 0 : (points.length - stored) / points.length;
    return groups.map((g, k) => {
      const fresh = perGroup[k]!;
      const duplicates = g.length - fresh + Math.round(fresh * dupShare);
      return { accepted: g.length - duplicates, duplicates };
    });
  }

  /** Waits for queued batches, then refuses further writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.writing.size > 0) await Promise.allSettled([...this.writing]);
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
