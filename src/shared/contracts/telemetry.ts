// Sensors (cảm biến): device registry, reading ingest, series and latest values. Times are ISO instants (UTC);
// see docs/telemetry.md for the doors (HTTP batch, MQTT, NGSI-LD) and the storage.
import { z } from 'zod';
import { Uuid } from './common.js';

export const deviceTypes = ['air-quality', 'water-level', 'rain-gauge', 'traffic-counter'] as const;
export const DeviceId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, . _ - (URL- and MQTT-topic-safe)');
export const DeviceType = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/);
export const DeviceStatus = z.enum(['online', 'offline', 'never-seen']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;
export const MetricName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
const IsoDateTime = z.iso.datetime({ offset: true });

export const LatestValue = z.object({ value: z.number(), at: z.string() });
export type LatestValue = z.infer<typeof LatestValue>;

export const Device = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  unitId: Uuid,
  unitName: z.string(),
  unitPath: z.string(),
  agencyId: Uuid.nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  metricUnits: z.record(z.string(), z.string()),
  metadata: z.record(z.string(), z.unknown()),
  reportingIntervalSeconds: z.number().int(),
  lastSeenAt: z.string().nullable(),
  status: DeviceStatus,
  tokenRotatedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  latest: z.record(z.string(), LatestValue),
});
export type Device = z.infer<typeof Device>;

const deviceFields = {
  name: z.string().trim().min(1).max(200),
  unitId: Uuid,
  agencyId: Uuid.nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  metricUnits: z.record(MetricName, z.string().max(40)).optional(),
  metadata: z.record(z.string().max(100), z.unknown()).optional(),
  reportingIntervalSeconds: z.number().int().min(1).max(7 * 86_400).optional(),
};
export const CreateDeviceBody = z.strictObject({ id: DeviceId, type: DeviceType, ...deviceFields });
export type CreateDeviceBody = z.infer<typeof CreateDeviceBody>;
export const UpdateDeviceBody = z.strictObject({ ...deviceFields, name: deviceFields.name.optional(), unitId: Uuid.optional() });
export type UpdateDeviceBody = z.infer<typeof UpdateDeviceBody>;
/** The token is shown once, here; only its hash is stored. */
export const DeviceWithToken = z.object({ device: Device, token: z.string() });
export type DeviceWithToken = z.infer<typeof DeviceWithToken>;
export const DeviceParams = z.strictObject({ id: DeviceId });

export const ListDevicesQuery = z.strictObject({
  unitId: Uuid.optional(),
  type: DeviceType.optional(),
  status: DeviceStatus.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListDevicesQuery = z.infer<typeof ListDevicesQuery>;
export const DeviceList = z.object({ items: z.array(Device), total: z.number().int() });
export type DeviceList = z.infer<typeof DeviceList>;

// Ingest: many devices × many points. Values are checked point by point (a string or NaN refuses that point only).
export const ReadingsBatchBody = z.strictObject({
  readings: z.array(z.object({
    deviceId: z.string().max(64),
    ts: z.union([z.string().max(40), z.number()]),     // ISO instant or epoch milliseconds
    values: z.record(z.string().max(64), z.unknown()),
  })).max(100_000),
});
export type ReadingsBatchBody = z.infer<typeof ReadingsBatchBody>;
export const RejectReason = z.enum(['unknown-device', 'bad-token', 'timestamp-out-of-window', 'not-a-number', 'bad-metric', 'rate-limited', 'malformed']);
export const IngestResult = z.object({
  accepted: z.number().int(),     // committed (durable) before this answer
  duplicates: z.number().int(),   // already stored: dropped
  rejected: z.number().int(),
  errors: z.array(z.object({ deviceId: z.string().nullable(), metric: z.string().optional(), reason: RejectReason })),  // first 1,000
});
export type IngestResult = z.infer<typeof IngestResult>;

export const IngestStats = z.object({
  startedAt: z.string(),
  received: z.number(), accepted: z.number(), duplicates: z.number(),
  rejected: z.record(z.string(), z.number()),
  batches: z.number(), lastBatchPoints: z.number(), lastBatchMs: z.number(), pendingPoints: z.number(),
  mqtt: z.object({ enabled: z.boolean(), connected: z.boolean(), messages: z.number(), malformed: z.number(), lastError: z.string().nullable() }),
  ngsiLd: z.object({ entities: z.number() }),
});
export type IngestStats = z.infer<typeof IngestStats>;

export const Resolution = z.enum(['auto', 'raw', '1m', '1h', '1d']);
export type Resolution = z.infer<typeof Resolution>;
export const SeriesQuery = z.strictObject({
  metric: MetricName,
  from: IsoDateTime,
  to: IsoDateTime.optional(),          // default now
  resolution: Resolution.default('auto'),
});
export type SeriesQuery = z.infer<typeof SeriesQuery>;
export const SeriesPoint = z.object({
  at: z.string(), avg: z.number(), min: z.number(), max: z.number(), count: z.number().int(),
});
export const Series = z.object({
  deviceId: z.string(), metric: z.string(), unit: z.string().nullable(),
  resolution: z.enum(['raw', '1m', '1h', '1d']), from: z.string(), to: z.string(),
  points: z.array(SeriesPoint),        // raw: avg = min = max = the value, count 1
});
export type Series = z.infer<typeof Series>;

export const LatestQuery = z.strictObject({ unitId: Uuid.optional(), type: DeviceType.optional() });
export const LatestDevice = z.object({
  id: z.string(), type: z.string(), name: z.string(), unitId: Uuid, unitPath: z.string(),
  lon: z.number().nullable(), lat: z.number().nullable(), status: DeviceStatus, lastSeenAt: z.string().nullable(),
  metricUnits: z.record(z.string(), z.string()),
  values: z.record(z.string(), LatestValue),
});
export type LatestDevice = z.infer<typeof LatestDevice>;
export const LatestList = z.object({ items: z.array(LatestDevice), at: z.string() });
export type LatestList = z.infer<typeof LatestList>;

/** Data of the hub event `telemetry.latest` (topic telemetry), at most about once a second per server process. */
export interface TelemetryLatestEventData { ids: string[]; values: Record<string, Record<string, number>>; at: string }
