// The NGSI-LD subset (ETSI GS CIM 009) over our devices and readings: entity upsert of Smart Data Models
// observations (AirQualityObserved, WaterQualityObserved, TrafficFlowObserved, Device) and the temporal query with
// aggregation. The supported subset is listed in docs/telemetry.md.
import type { Actor } from '../../core/auth.js';
import { assertVisible, can } from '../../core/auth.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { actorFromApiKey, actorFromSessionToken } from '../accounts/auth.service.js';
import { telemetryIngestOf, type Rejection } from './ingest.js';
import { RESOLUTION_MS, type Resolution } from './readings.queries.js';
import { findDevice, rawReadings, rollupBuckets, seriesOfDevices } from './telemetry.queries.js';
import { bucketStart } from './telemetry.service.js';

export const NGSI_LD_CONTEXT = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld';
export const supportedTypes = ['AirQualityObserved', 'WaterQualityObserved', 'TrafficFlowObserved', 'Device'] as const;

// Attributes that describe the observation, not a measure.
const notMeasures = new Set(['id', 'type', '@context', 'dateObserved', 'dateObservedFrom', 'dateObservedTo', 'dateCreated', 'dateModified',
  'dateLastValueReported', 'location', 'address', 'refDevice', 'refPointOfInterest', 'name', 'description', 'source', 'dataProvider',
  'areaServed', 'alternateName', 'owner', 'seeAlso', 'laneId', 'laneDirection', 'vehicleType', 'reversedLane', 'typeOfLocation',
  'controlledProperty', 'category', 'deviceState', 'value', 'serialNumber', 'firmwareVersion', 'macAddress', 'ipAddress', 'osVersion',
  'supportedProtocol', 'configuration', 'refDeviceModel', 'airQualityLevel', 'reliability', 'measurand', 'observedAt', 'unitCode']);
// Known measures: a non-number there is refused (not-a-number), not ignored.
const knownMeasures = new Set(['pm25', 'pm10', 'pm1', 'no2', 'no', 'nox', 'o3', 'co', 'co2', 'so2', 'nh3', 'temperature', 'humidity',
  'relativeHumidity', 'aqi', 'airQualityIndex', 'waterLevel', 'precipitation', 'intensity', 'occupancy', 'averageVehicleSpeed', 'congested',
  'averageGapDistance', 'averageHeadwayTime', 'averageVehicleLength', 'pH', 'conductivity', 'turbidity', 'O2', 'batteryLevel', 'rssi']);
// Smart Data Models name → our metric name, where ours differs.
const metricAliases: Record<string, string> = { relativeHumidity: 'humidity', airQualityIndex: 'aqi' };

/** Our device id from an NGSI-LD id: the part after `urn:ngsi-ld:<Type>:` (or the id itself). */
export function deviceIdOfUrn(urn: string): string {
  const m = /^urn:ngsi-ld:[^:]+:(.+)$/.exec(urn);
  return m ? m[1]! : urn;
}

function valueOf(attr: unknown): unknown {
  if (attr !== null && typeof attr === 'object' && !Array.isArray(attr)) {
    const a = attr as Record<string, unknown>;
    if (a.type === 'Relationship') return a.object;
    if ('value' in a) return valueOf(a.value);
    if ('@value' in a) return a['@value'];
  }
  return attr;
}

function observedAtOf(attr: unknown): string | null {
  if (attr !== null && typeof attr === 'object' && typeof (attr as { observedAt?: unknown }).observedAt === 'string') return (attr as { observedAt: string }).observedAt;
  return null;
}

export interface BatchResult { success: string[]; errors: { entityId: string; error: { type: string; title: string; detail?: string } }[] }

function ngsiError(entityId: string, type: 'BadRequestData' | 'ResourceNotFound' | 'InvalidRequest', title: string): BatchResult['errors'][number] {
  return { entityId, error: { type: `https://uri.etsi.org/ngsi-ld/errors/${type}`, title } };
}

/** The points of one entity (normalized or keyValues form), or a reason it cannot be taken. */
export function pointsOfEntity(entity: Record<string, unknown>): { deviceId: string; points: { metric: string; at: number; value: unknown }[] } | { error: string } {
  const id = entity.id;
  const type = entity.type;
  if (typeof id !== 'string' || typeof type !== 'string') return { error: 'an entity needs an id and a type' };
  if (!(supportedTypes as readonly string[]).includes(type)) return { error: `type ${type} is not supported (supported: ${supportedTypes.join(', ')})` };
  const ref = valueOf(entity.refDevice);
  const deviceId = type !== 'Device' && typeof ref === 'string' ? deviceIdOfUrn(ref) : type !== 'Device' && Array.isArray(ref) && typeof ref[0] === 'string' ? deviceIdOfUrn(ref[0]) : deviceIdOfUrn(id);
  const dateObserved = valueOf(entity.dateObserved) ?? valueOf(entity.dateLastValueReported);
  const defaultAt = typeof dateObserved === 'string' ? Date.parse(dateObserved) : Date.now();
  const points: { metric: string; at: number; value: unknown }[] = [];
  for (const [name, attr] of Object.entries(entity)) {
    if (notMeasures.has(name)) continue;
    const value = valueOf(attr);
    const isMeasure = typeof value === 'number' || typeof value === 'boolean' || knownMeasures.has(name);
    if (!isMeasure) continue;
    const observedAt = observedAtOf(attr);
    points.push({ metric: metricAliases[name] ?? name, at: observedAt ? Date.parse(observedAt) : defaultAt, value });
  }
  return { deviceId, points };
}

/** POST /ngsi-ld/v1/entityOperations/upsert: each entity is taken or refused on its own. */
export async function upsertEntities(db: Db, auth: { actor: Actor } | { deviceId: string }, entities: unknown[]): Promise<BatchResult> {
  if ('actor' in auth) can(auth.actor, 'telemetry:ingest');
  const ingest = telemetryIngestOf(db);
  const result: BatchResult = { success: [], errors: [] };
  const all: { deviceId: string; metric: string; at: number; value: unknown }[] = [];
  const owners: string[] = [];
  for (const raw of entities) {
    const entity = (raw ?? {}) as Record<string, unknown>;
    const entityId = typeof entity.id === 'string' ? entity.id : '';
    const parsed = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? pointsOfEntity(entity) : { error: 'not an entity object' };
    if ('error' in parsed) { ingest.count('malformed'); result.errors.push(ngsiError(entityId, 'BadRequestData', parsed.error)); continue; }
    ingest.stats.ngsiLd.entities++;
    for (const p of parsed.points) { all.push({ deviceId: parsed.deviceId, ...p }); owners.push(entityId); }
    result.success.push(entityId);
  }
  const scope = 'actor' in auth ? { scopePath: auth.actor.scopePath } : { onlyDevice: auth.deviceId };
  const { valid, rejected } = await ingest.screen(all, scope);
  await ingest.write(valid);
  // An entity any of whose points was refused is reported with the first reason.
  const failed = new Map<string, Rejection>();
  if (rejected.length > 0) {
    const rejectedKeys = new Set(rejected.map((r) => `${r.deviceId}|${r.metric}`));
    all.forEach((p, i) => { if (rejectedKeys.has(`${p.deviceId}|${p.metric}`) && !failed.has(owners[i]!)) failed.set(owners[i]!, rejected.find((r) => r.deviceId === p.deviceId && r.metric === p.metric)!); });
  }
  for (const [entityId, r] of failed) {
    result.success = result.success.filter((s) => s !== entityId);
    result.errors.push(ngsiError(entityId, r.reason === 'unknown-device' ? 'ResourceNotFound' : 'BadRequestData', r.reason));
  }
  return result;
}

const periods: Record<string, Resolution> = { PT1M: '1m', PT60S: '1m', PT1H: '1h', PT60M: '1h', P1D: '1d', PT24H: '1d' };
const aggrMethodNames = ['avg', 'min', 'max', 'sum', 'totalCount'] as const;
type AggrMethod = typeof aggrMethodNames[number];

export interface TemporalQuery {
  timerel?: 'before' | 'after' | 'between' | undefined; timeAt?: string | undefined; endTimeAt?: string | undefined;
  attrs?: string | undefined; aggrMethods?: string | undefined; aggrPeriodDuration?: string | undefined; lastN?: number | undefined; options?: string | undefined;
}

function badRequest(detail: string): AppError {
  return new AppError('bad-request', { title: detail, detail });
}

/** GET /ngsi-ld/v1/temporal/entities/{id}: raw values or aggregates from the rollups. */
export async function temporalEntity(db: Db, actor: Actor, id: string, q: TemporalQuery): Promise<Record<string, unknown>> {
  can(actor, 'telemetry:read');
  const device = await findDevice(db, deviceIdOfUrn(id));
  if (!device) throw new AppError('not-found');
  assertVisible(actor, device.unitPath);
  const now = Date.now();
  let from: number; let to: number;
  const timeAt = q.timeAt ? Date.parse(q.timeAt) : NaN;
  if (!q.timerel) { from = now - 86_400_000; to = now + 1; }
  else {
    if (!Number.isFinite(timeAt)) throw badRequest('timeAt is required with timerel and must be an ISO instant');
    if (q.timerel === 'before') { from = timeAt - 366 * 86_400_000; to = timeAt; }
    else if (q.timerel === 'after') { from = timeAt; to = now + 86_400_000; }
    else {
      const end = q.endTimeAt ? Date.parse(q.endTimeAt) : NaN;
      if (!Number.isFinite(end) || end <= timeAt) throw badRequest('endTimeAt is required with timerel=between and must be after timeAt');
      from = timeAt; to = end;
    }
  }
  const attrs = q.attrs ? q.attrs.split(',').map((s) => s.trim()).filter(Boolean) : null;
  const series = (await seriesOfDevices(db, [device.id])).filter((s) => !attrs || attrs.includes(s.metric));
  const type = device.type === 'air-quality' ? 'AirQualityObserved' : device.type === 'traffic-counter' ? 'TrafficFlowObserved' : 'Device';
  const out: Record<string, unknown> = { id: id.startsWith('urn:') ? id : `urn:ngsi-ld:Device:${device.id}`, type };
  if (device.lon !== null && device.lat !== null) out.location = { type: 'GeoProperty', value: { type: 'Point', coordinates: [device.lon, device.lat] } };

  if (q.aggrMethods) {
    const methods = q.aggrMethods.split(',').map((s) => s.trim()) as AggrMethod[];
    if (methods.some((m) => !aggrMethodNames.includes(m))) throw badRequest(`aggrMethods supported: ${aggrMethodNames.join(', ')}`);
    const resolution = periods[q.aggrPeriodDuration ?? 'PT1H'];
    if (!resolution) throw badRequest('aggrPeriodDuration supported: PT1M, PT1H, P1D');
    const size = RESOLUTION_MS[resolution];
    if ((to - from) / size > 100_000) throw badRequest('too many periods: narrow the time range or use a longer aggrPeriodDuration');
    for (const s of series) {
      const rows = await rollupBuckets(db, { seriesId: s.id, resolution, from: bucketStart(new Date(from), resolution), to: new Date(to) });
      const attr: Record<string, unknown> = { type: 'Property' };
      for (const m of methods) {
        attr[m] = rows.map((r) => {
          const v = m === 'avg' ? r.sum / r.count : m === 'min' ? r.min : m === 'max' ? r.max : m === 'sum' ? r.sum : r.count;
          return [v, r.bucket.toISOString(), new Date(r.bucket.getTime() + size).toISOString()];
        });
      }
      out[s.metric] = attr;
    }
    return out;
  }
  const temporalValues = (q.options ?? '').split(',').includes('temporalValues');
  for (const s of series) {
    let rows = await rawReadings(db, { seriesIds: [s.id], from: new Date(from), to: new Date(to), limit: q.lastN ?? 10_000, desc: q.lastN !== undefined });
    if (q.lastN !== undefined) rows = rows.reverse();
    const unitCode = device.metricUnits[s.metric];
    out[s.metric] = temporalValues
      ? { type: 'Property', values: rows.map((r) => [r.value, r.at.toISOString()]) }
      : rows.map((r) => ({ type: 'Property', value: r.value, observedAt: r.at.toISOString(), ...(unitCode ? { unitCode } : {}) }));
  }
  return out;
}

/**
 * Who calls an NGSI-LD route (outside /api/, so the app's authentication hook does not run): an API key
 * (`x-api-key` or `Authorization: Bearer`), a session cookie (reads only), or a device token (`x-device-token`, upsert of its own entities).
 */
export async function ngsiCaller(db: Db, headers: Record<string, string | string[] | undefined>, sessionToken: string | undefined):
Promise<{ actor: Actor } | { deviceId: string }> {
  const deviceToken = headers['x-device-token'];
  if (typeof deviceToken === 'string' && deviceToken) {
    const deviceId = await telemetryIngestOf(db).deviceOfToken(deviceToken);
    if (!deviceId) throw new AppError('unauthenticated', { title: 'Unknown device token.', detail: 'Mã thiết bị (token) không hợp lệ.' });
    return { deviceId };
  }
  const auth = headers.authorization;
  const key = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : typeof headers['x-api-key'] === 'string' ? headers['x-api-key'].trim() : null;
  if (key) {
    const actor = await actorFromApiKey(db, key);
    if (!actor) throw new AppError('unauthenticated', { title: 'Unknown, revoked or expired API key.', detail: 'Khóa API không hợp lệ, đã thu hồi hoặc hết hạn.' });
    return { actor };
  }
  if (sessionToken) {
    const found = await actorFromSessionToken(db, sessionToken);
    if (found) return { actor: found.actor };
  }
  throw new AppError('unauthenticated');
}
