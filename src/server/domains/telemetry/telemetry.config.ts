// Settings of telemetry ingest and storage, from the environment; see docs/telemetry.md.
import { z } from 'zod';

const Env = z.object({
  IOC_MQTT_URL: z.string().url().optional(),                                   // unset: MQTT ingest off
  IOC_MQTT_CLIENT_ID: z.string().min(1).default('ioc-telemetry'),              // fixed: the broker keeps the session (clean: false)
  IOC_MQTT_TOPIC: z.string().min(1).default('ioc/+/telemetry'),
  IOC_MQTT_USERNAME: z.string().optional(),
  IOC_MQTT_PASSWORD: z.string().optional(),
  IOC_MQTT_REQUIRE_TOKEN: z.enum(['true', 'false']).default('false'),          // true: every MQTT message must carry the device token
  IOC_TELEMETRY_MAX_PAST_HOURS: z.coerce.number().positive().max(24 * 60).default(24 * 7),   // older readings are refused
  IOC_TELEMETRY_MAX_FUTURE_SECONDS: z.coerce.number().min(0).max(86_400).default(300),       // clock skew allowed
  IOC_TELEMETRY_DEVICE_RATE: z.coerce.number().positive().default(50),         // points per second per device, sustained
  IOC_TELEMETRY_DEVICE_BURST: z.coerce.number().positive().default(5_000),     // points a device may send at once (backfill)
  IOC_TELEMETRY_BATCH_POINTS: z.coerce.number().int().min(100).max(500_000).default(50_000),  // most points one commit takes
  IOC_TELEMETRY_WRITERS: z.coerce.number().int().min(1).max(8).default(2),    // batches written at once (PostgreSQL; PGlite: 1)
  IOC_TELEMETRY_HTTP_INFLIGHT_MB: z.coerce.number().positive().default(64),    // request bodies being ingested at once; beyond: 503 + Retry-After
  IOC_MQTT_RECEIVE_MAXIMUM: z.coerce.number().int().min(1).max(65_535).default(10_000),  // QoS 1 messages the broker may have in flight to IOC
  IOC_MQTT_INFLIGHT_MB: z.coerce.number().positive().default(32),              // payload bytes in flight; beyond, IOC stops reading until commits catch up
  IOC_TELEMETRY_RETENTION_RAW_DAYS: z.coerce.number().int().min(1).default(30),
  IOC_TELEMETRY_RETENTION_1M_DAYS: z.coerce.number().int().min(1).default(30),
  IOC_TELEMETRY_RETENTION_1H_DAYS: z.coerce.number().int().min(1).default(730),
  IOC_TELEMETRY_RETENTION_1D_DAYS: z.coerce.number().int().min(1).default(3650),
  IOC_TELEMETRY_OFFLINE_FACTOR: z.coerce.number().min(1).default(3),           // offline after this many reporting intervals of silence
  IOC_TELEMETRY_SIMULATOR: z.enum(['auto', 'true', 'false']).default('auto'),  // auto: on when the demo is seeded
});

export interface TelemetryConfig {
  mqttUrl: string | null;
  mqttClientId: string;
  mqttTopic: string;
  mqttUsername: string | null;
  mqttPassword: string | null;
  mqttRequireToken: boolean;
  maxPastMs: number;
  maxFutureMs: number;
  deviceRate: number;
  deviceBurst: number;
  batchPoints: number;
  writers: number;
  httpInflightBytes: number;
  mqttReceiveMaximum: number;
  mqttInflightBytes: number;
  retention: { raw: number; minute: number; hour: number; day: number };
  offlineFactor: number;
  simulator: 'auto' | 'true' | 'false';
}

export function telemetryConfigOf(env: NodeJS.ProcessEnv): TelemetryConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  return {
    mqttUrl: e.IOC_MQTT_URL ?? null,
    mqttClientId: e.IOC_MQTT_CLIENT_ID,
    mqttTopic: e.IOC_MQTT_TOPIC,
    mqttUsername: e.IOC_MQTT_USERNAME ?? null,
    mqttPassword: e.IOC_MQTT_PASSWORD ?? null,
    mqttRequireToken: e.IOC_MQTT_REQUIRE_TOKEN === 'true',
    maxPastMs: e.IOC_TELEMETRY_MAX_PAST_HOURS * 3_600_000,
    maxFutureMs: e.IOC_TELEMETRY_MAX_FUTURE_SECONDS * 1000,
    deviceRate: e.IOC_TELEMETRY_DEVICE_RATE,
    deviceBurst: e.IOC_TELEMETRY_DEVICE_BURST,
    batchPoints: e.IOC_TELEMETRY_BATCH_POINTS,
    writers: e.IOC_TELEMETRY_WRITERS,
    httpInflightBytes: Math.round(e.IOC_TELEMETRY_HTTP_INFLIGHT_MB * 1_048_576),
    mqttReceiveMaximum: e.IOC_MQTT_RECEIVE_MAXIMUM,
    mqttInflightBytes: Math.round(e.IOC_MQTT_INFLIGHT_MB * 1_048_576),
    retention: { raw: e.IOC_TELEMETRY_RETENTION_RAW_DAYS, minute: e.IOC_TELEMETRY_RETENTION_1M_DAYS, hour: e.IOC_TELEMETRY_RETENTION_1H_DAYS, day: e.IOC_TELEMETRY_RETENTION_1D_DAYS },
    offlineFactor: e.IOC_TELEMETRY_OFFLINE_FACTOR,
    simulator: e.IOC_TELEMETRY_SIMULATOR,
  };
}

export const defaultTelemetryConfig: TelemetryConfig = telemetryConfigOf({});
