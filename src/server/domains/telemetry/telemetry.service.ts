// Rules of the sensor registry and reads: permissions, unit scope, device tokens, series resolution.
// Also the functions other domains call (alarms, the map): devicesMatching, readingsInWindow.
import { randomBytes } from 'node:crypto';
import type {
  CreateDeviceBody, Device, DeviceList, DeviceWithToken, IngestResult, IngestStats, LatestDevice, LatestList, ListDevicesQuery, ReadingsBatchBody, Series,
  SeriesQuery, UpdateDeviceBody,
} from '../../../shared/contracts/telemetry.js';
import { assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { findVisibleAgency } from '../units/agencies.service.js';
import { unitsByIds } from '../units/units.service.js';
import { sha256, telemetryIngestOf } from './ingest.js';
import { RESOLUTION_MS, type Resolution } from './readings.queries.js';
import {
  countDevices, deleteDeviceRow, type DeviceRecord, findDevice, findDevices, insertDevice, latestOfDevices, rawReadings, rollupBuckets,
  seriesOfDevices, setDeviceTokenHash, updateDeviceRow,
} from './telemetry.queries.js';

export interface DeviceSummary {
  id: string; type: string; name: string; unitId: string; unitPath: string; agencyId: string | null;
  lon: number | null; lat: number | null; lastSeenAt: Date | null; status: 'online' | 'offline' | 'never-seen';
}

/** Devices by type and/or unit subtree (unitPath prefix) and/or ids; no permission check (callers check). */
export async function devicesMatching(db: DbOrTx, q: { type?: string; unitPath?: string; ids?: string[] }): Promise<DeviceSummary[]> {
  const rows = await findDevices(db, {
    ...(q.type !== undefined ? { type: q.type } : {}), ...(q.unitPath !== undefined ? { unitPath: q.unitPath } : {}), ...(q.ids !== undefined ? { ids: q.ids } : {}),
  });
  return rows.map((d) => ({
    id: d.id, type: d.type, name: d.name, unitId: d.unitId, unitPath: d.unitPath, agencyId: d.agencyId,
    lon: d.lon, lat: d.lat, lastSeenAt: d.lastSeenAt, status: d.status,
  }));
}

/** Raw readings of one metric for some devices in [from, to), ordered by deviceId then at. */
export async function readingsInWindow(db: DbOrTx, q: { deviceIds: string[]; metric: string; from: Date; to: Date }): Promise<{ deviceId: string; at: Date; value: number }[]> {
  if (q.deviceIds.length === 0) return [];
  const series = await seriesOfDevices(db, q.deviceIds, q.metric);
  const deviceOf = new Map(series.map((s) => [s.id, s.deviceId]));
  const rows = await rawReadings(db, { seriesIds: series.map((s) => s.id), from: q.from, to: q.to });
  return rows.map((r) => ({ deviceId: deviceOf.get(r.seriesId)!, at: r.at, value: r.value }))
    .sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.at.getTime() - b.at.getTime()));
}

function toDevice(d: DeviceRecord, latest: Record<string, { value: number; at: string }> = {}): Device {
  return {
    id: d.id, type: d.type, name: d.name, unitId: d.unitId, unitName: d.unitName, unitPath: d.unitPath, agencyId: d.agencyId,
    lon: d.lon, lat: d.lat, metricUnits: d.metricUnits, metadata: d.metadata, reportingIntervalSeconds: d.reportingIntervalSeconds,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null, status: d.status, tokenRotatedAt: d.tokenRotatedAt.toISOString(),
    createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(), latest,
  };
}

async function latestByDevice(db: DbOrTx, ids: string[]): Promise<Map<string, Record<string, { value: number; at: string }>>> {
  const out = new Map<string, Record<string, { value: number; at: string }>>();
  for (const l of await latestOfDevices(db, ids)) {
    const m = out.get(l.deviceId) ?? {};
    m[l.metric] = { value: l.value, at: l.at.toISOString() };
    out.set(l.deviceId, m);
  }
  return out;
}

/** A fresh device token: 32 random bytes, prefixed so that it is recognisable in a leaked log. */
export function newDeviceToken(): string {
  return `iocd_${randomBytes(32).toString('base64url')}`;
}

async function unitInScope(ctx: RequestContext, db: DbOrTx, unitId: string): Promise<{ id: string; path: string }> {
  const [unit] = await unitsByIds(db, [unitId]);
  if (!unit) throw new AppError('not-found');
  assertWithinScope(ctx.actor, unit.path);
  return unit;
}

async function visibleDevice(ctx: RequestContext, db: DbOrTx, id: string): Promise<DeviceRecord> {
  const d = await findDevice(db, id);
  if (!d) throw new AppError('not-found');
  assertVisible(ctx.actor, d.unitPath);
  return d;
}

export async function listDevices(ctx: RequestContext, q: ListDevicesQuery): Promise<DeviceList> {
  can(ctx.actor, 'telemetry:read');
  let unitPath: string | undefined;
  if (q.unitId) {
    const [unit] = await unitsByIds(ctx.db, [q.unitId]);
    if (!unit) throw new AppError('not-found');
    assertVisible(ctx.actor, unit.path);
    unitPath = unit.path;
  }
  const filter = {
    scopePath: ctx.actor.scopePath, ...(unitPath ? { unitPath } : {}), ...(q.type ? { type: q.type } : {}),
    ...(q.status ? { status: q.status } : {}), ...(q.q ? { q: q.q } : {}),
  };
  const [rows, total] = await Promise.all([findDevices(ctx.db, filter, { limit: q.limit, offset: q.offset }), countDevices(ctx.db, filter)]);
  const latest = await latestByDevice(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => toDevice(r, latest.get(r.id))), total };
}

export async function getDevice(ctx: RequestContext, id: string): Promise<Device> {
  can(ctx.actor, 'telemetry:read');
  const d = await visibleDevice(ctx, ctx.db, id);
  return toDevice(d, (await latestByDevice(ctx.db, [id])).get(id));
}

export async function createDevice(ctx: RequestContext, body: CreateDeviceBody): Promise<DeviceWithToken> {
  can(ctx.actor, 'devices:manage');
  const token = newDeviceToken();
  const device = await ctx.db.transaction(async (tx) => {
    const unit = await unitInScope(ctx, tx, body.unitId);
    if (body.agencyId) await findVisibleAgency(ctx, tx, body.agencyId);
    const inserted = await insertDevice(tx, {
      id: body.id, type: body.type, name: body.name, unitId: unit.id, unitPath: unit.path, agencyId: body.agencyId ?? null,
      lon: body.lon ?? null, lat: body.lat ?? null, metricUnits: body.metricUnits ?? {}, metadata: body.metadata ?? {},
      reportingIntervalSeconds: body.reportingIntervalSeconds ?? 60, tokenHash: sha256(token),
    });
    if (!inserted) throw new AppError('duplicate-code');
    const d = (await findDevice(tx, body.id))!;
    await audit(tx, ctx, { action: 'device.create', entityType: 'device', entityId: d.id, unitPath: d.unitPath, after: toDevice(d) });
    await ctx.publish(tx, { topic: 'telemetry', type: 'device.created', unitPath: d.unitPath, ids: [d.id] });
    return d;
  });
  return { device: toDevice(device), token };
}

export async function updateDevice(ctx: RequestContext, id: string, body: UpdateDeviceBody): Promise<Device> {
  can(ctx.actor, 'devices:manage');
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await visibleDevice(ctx, tx, id);
    const unit = body.unitId && body.unitId !== before.unitId ? await unitInScope(ctx, tx, body.unitId) : { id: before.unitId, path: before.unitPath };
    if (body.agencyId) await findVisibleAgency(ctx, tx, body.agencyId);
    await updateDeviceRow(tx, id, {
      name: body.name ?? before.name, unitId: unit.id, unitPath: unit.path,
      agencyId: body.agencyId !== undefined ? body.agencyId : before.agencyId,
      lon: body.lon !== undefined ? body.lon : before.lon, lat: body.lat !== undefined ? body.lat : before.lat,
      metricUnits: body.metricUnits ?? before.metricUnits, metadata: body.metadata ?? before.metadata,
      reportingIntervalSeconds: body.reportingIntervalSeconds ?? before.reportingIntervalSeconds,
    });
    const after = (await findDevice(tx, id))!;
    await audit(tx, ctx, { action: 'device.update', entityType: 'device', entityId: id, unitPath: after.unitPath, before: toDevice(before), after: toDevice(after) });
    await ctx.publish(tx, { topic: 'telemetry', type: 'device.updated', unitPath: after.unitPath, ids: [id] });
    return after;
  });
  telemetryIngestOf(ctx.db).forgetDevice(id);
  return toDevice(updated, (await latestByDevice(ctx.db, [id])).get(id));
}

/** A new token; the old one stops working at once (in this process; in others within ~10 s of cache). */
export async function rotateDeviceToken(ctx: RequestContext, id: string): Promise<DeviceWithToken> {
  can(ctx.actor, 'devices:manage');
  const token = newDeviceToken();
  const device = await ctx.db.transaction(async (tx) => {
    const d = await visibleDevice(ctx, tx, id);
    await setDeviceTokenHash(tx, id, sha256(token));
    await audit(tx, ctx, { action: 'device.rotate-token', entityType: 'device', entityId: id, unitPath: d.unitPath });
    await ctx.publish(tx, { topic: 'telemetry', type: 'device.updated', unitPath: d.unitPath, ids: [id] });
    return (await findDevice(tx, id))!;
  });
  telemetryIngestOf(ctx.db).forgetDevice(id);
  return { device: toDevice(device), token };
}

export async function deleteDevice(ctx: RequestContext, id: string): Promise<void> {
  can(ctx.actor, 'devices:manage');
  await ctx.db.transaction(async (tx) => {
    const d = await visibleDevice(ctx, tx, id);
    await deleteDeviceRow(tx, id);
    await audit(tx, ctx, { action: 'device.delete', entityType: 'device', entityId: id, unitPath: d.unitPath, before: toDevice(d) });
    await ctx.publish(tx, { topic: 'telemetry', type: 'device.deleted', unitPath: d.unitPath, ids: [id] });
  });
  telemetryIngestOf(ctx.db).forgetDevice(id);
}

/** The unit subtree a read of an area covers: the given unit (visible to the actor), else the actor's scope. */
export async function areaPathOf(ctx: RequestContext, unitId: string | undefined): Promise<string> {
  if (!unitId) return ctx.actor.scopePath;
  const [unit] = await unitsByIds(ctx.db, [unitId]);
  if (!unit) throw new AppError('not-found');
  assertVisible(ctx.actor, unit.path);
  return unit.path;
}

/** Latest values of the devices in a unit subtree (the map's device layer). */
export async function latestInArea(ctx: RequestContext, q: { unitId?: string | undefined; type?: string | undefined }): Promise<LatestList> {
  can(ctx.actor, 'telemetry:read');
  const unitPath = await areaPathOf(ctx, q.unitId);
  const rows = await findDevices(ctx.db, { scopePath: ctx.actor.scopePath, unitPath, ...(q.type ? { type: q.type } : {}) });
  const latest = await latestByDevice(ctx.db, rows.map((r) => r.id));
  const items: LatestDevice[] = rows.map((d) => ({
    id: d.id, type: d.type, name: d.name, unitId: d.unitId, unitPath: d.unitPath, lon: d.lon, lat: d.lat, status: d.status,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null, metricUnits: d.metricUnits, values: latest.get(d.id) ?? {},
  }));
  return { items, at: new Date().toISOString() };
}

/** Auto resolution: about 100–1,500 points for the range. */
export function resolutionFor(from: Date, to: Date): Resolution | 'raw' {
  const span = to.getTime() - from.getTime();
  if (span <= 2 * 3_600_000) return 'raw';
  if (span <= 24 * 3_600_000) return '1m';
  if (span <= 62 * 86_400_000) return '1h';
  return '1d';
}

export async function deviceSeries(ctx: RequestContext, id: string, q: SeriesQuery): Promise<Series> {
  can(ctx.actor, 'telemetry:read');
  const device = await visibleDevice(ctx, ctx.db, id);
  const from = new Date(q.from);
  const to = q.to ? new Date(q.to) : new Date();
  if (!(from < to)) throw new AppError('validation-failed');
  const resolution = q.resolution === 'auto' ? resolutionFor(from, to) : q.resolution;
  // At most ~100,000 points per answer: a raw or minute series over a long range asks for a coarser one.
  const span = to.getTime() - from.getTime();
  if (resolution !== 'raw' && span / RESOLUTION_MS[resolution] > 100_000) throw new AppError('validation-failed');
  const [series] = await seriesOfDevices(ctx.db, [id], q.metric);
  const base = { deviceId: id, metric: q.metric, unit: device.metricUnits[q.metric] ?? null, resolution, from: from.toISOString(), to: to.toISOString() };
  if (!series) return { ...base, points: [] };
  if (resolution === 'raw') {
    const rows = await rawReadings(ctx.db, { seriesIds: [series.id], from, to, limit: 100_000 });
    return { ...base, points: rows.map((r) => ({ at: r.at.toISOString(), avg: r.value, min: r.value, max: r.value, count: 1 })) };
  }
  const rows = await rollupBuckets(ctx.db, { seriesId: series.id, resolution, from: bucketStart(from, resolution), to });
  return { ...base, points: rows.map((r) => ({ at: r.bucket.toISOString(), avg: r.sum / r.count, min: r.min, max: r.max, count: r.count })) };
}

export function bucketStart(at: Date, resolution: Resolution): Date {
  const size = RESOLUTION_MS[resolution];
  return new Date(at.getTime() - (at.getTime() % size));
}

/** Who sends a batch: a signed-in actor or API key with telemetry:ingest, or one device by its token. */
export type IngestAuth = { kind: 'actor'; actor: RequestContext['actor'] } | { kind: 'device'; token: string };

/** Epoch milliseconds of a reading's `ts`: an ISO instant, epoch ms, or epoch seconds (numbers below 10¹¹). */
export function instantOf(ts: unknown): number {
  if (typeof ts === 'number') return ts < 1e11 ? ts * 1000 : ts;
  if (typeof ts === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(ts)) return Date.parse(ts);
  return NaN;
}

/** The HTTP batch door: many devices × many points; answers after the points are committed. */
export async function ingestBatch(db: Db, auth: IngestAuth, body: ReadingsBatchBody): Promise<IngestResult> {
  const ingest = telemetryIngestOf(db);
  let onlyDevice: string | undefined;
  let scopePath: string | undefined;
  if (auth.kind === 'device') {
    const deviceId = await ingest.deviceOfToken(auth.token);
    if (!deviceId) {
      ingest.count('bad-token', body.readings.reduce((n, r) => n + Object.keys(r.values).length, 0));
      throw new AppError('unauthenticated', { title: 'Unknown device token.', detail: 'Mã thiết bị (token) không hợp lệ.' });
    }
    onlyDevice = deviceId;
  } else {
    can(auth.actor, 'telemetry:ingest');
    scopePath = auth.actor.scopePath;
  }
  const points: { deviceId: string; metric: string; at: number; value: unknown }[] = [];
  for (const r of body.readings) {
    const at = instantOf(r.ts);
    for (const [metric, value] of Object.entries(r.values)) points.push({ deviceId: r.deviceId, metric, at, value });
  }
  const { valid, rejected } = await ingest.screen(points, { ...(onlyDevice ? { onlyDevice } : {}), ...(scopePath ? { scopePath } : {}) });
  const written = await ingest.write(valid);
  return { accepted: written.accepted, duplicates: written.duplicates, rejected: points.length - valid.length, errors: rejected };
}

export function ingestStats(ctx: RequestContext, mqttEnabled: boolean): IngestStats {
  can(ctx.actor, 'telemetry:read');
  const s = telemetryIngestOf(ctx.db).stats;
  return { ...s, rejected: { ...s.rejected }, mqtt: { ...s.mqtt, enabled: mqttEnabled } };
}
