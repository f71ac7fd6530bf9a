// Settings of live view, snapshots and camera events, from the environment (documented in docs/cameras.md).
import { z } from 'zod';

const severities = ['critical', 'major', 'minor', 'warning', 'info'] as const;

/** One label → alarm mapping: a Frigate label (or several) raises an alarm of this type and severity. */
export const CameraAlarmRule = z.strictObject({
  labels: z.array(z.string().min(1).max(64)).min(1),
  type: z.string().regex(/^camera\.[a-z0-9-]+$/),          // the alarm type, e.g. camera.accident
  severity: z.enum(severities),
  minScore: z.number().min(0).max(1).default(0.7),         // compared with the event's top score
  zones: z.array(z.string().max(64)).optional(),           // only when the object entered one of these zones
  message: z.strictObject({ vi: z.string().min(1), en: z.string().min(1) }),
});
export type CameraAlarmRule = z.infer<typeof CameraAlarmRule>;

/** The default mapping of an operations center: traffic and public-order events worth an operator's attention. */
export const defaultCameraAlarmRules: CameraAlarmRule[] = [
  { labels: ['accident', 'crash', 'collision'], type: 'camera.accident', severity: 'critical', minScore: 0.7, message: { vi: 'Tai nạn giao thông', en: 'Traffic accident' } },
  { labels: ['fire', 'smoke'], type: 'camera.fire', severity: 'critical', minScore: 0.7, message: { vi: 'Cháy, khói', en: 'Fire or smoke' } },
  { labels: ['crowd', 'gathering'], type: 'camera.crowd', severity: 'major', minScore: 0.7, message: { vi: 'Tụ tập đông người', en: 'Crowd gathering' } },
  { labels: ['wrong_way', 'wrong-way', 'wrong_way_vehicle'], type: 'camera.wrong-way', severity: 'major', minScore: 0.7, message: { vi: 'Phương tiện đi ngược chiều', en: 'Wrong-way vehicle' } },
  { labels: ['fight', 'violence'], type: 'camera.fight', severity: 'major', minScore: 0.75, message: { vi: 'Đánh nhau, gây rối', en: 'Fight or disorder' } },
];

const Env = z.object({
  IOC_CAMERA_MAX_STREAMS: z.coerce.number().int().min(0).max(200).default(8),           // concurrent ffmpeg live streams per process
  IOC_CAMERA_IDLE_SECONDS: z.coerce.number().min(0).max(3600).default(10),              // grace period after the last viewer leaves
  IOC_CAMERA_SNAPSHOT_SECONDS: z.coerce.number().min(1).max(3600).default(10),          // a snapshot older than this is taken again when asked for
  IOC_CAMERA_MAX_SNAPSHOTS: z.coerce.number().int().min(1).max(50).default(3),          // concurrent snapshot grabs per process
  IOC_CAMERA_CONNECT_SECONDS: z.coerce.number().min(1).max(60).default(8),              // RTSP connect/read timeout
  IOC_CAMERA_FFMPEG: z.string().default('ffmpeg'),
  IOC_CAMERA_ALARM_RULES: z.string().optional(),                                        // JSON array of rules; unset: the defaults
  IOC_MQTT_URL: z.string().regex(/^mqtts?:\/\/|^wss?:\/\//, 'mqtt://host:1883').optional(),   // unset: no MQTT ingest
  IOC_CAMERA_MQTT_TOPIC: z.string().min(1).default('frigate/events'),
  IOC_CAMERA_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),   // events and their pictures older than this are deleted
});

export interface CamerasConfig {
  maxStreams: number;
  idleMs: number;
  snapshotMaxAgeMs: number;
  maxSnapshots: number;
  connectTimeoutMs: number;
  ffmpegPath: string;
  alarmRules: CameraAlarmRule[];
  mqttUrl: string | null;
  mqttTopic: string;
  eventRetentionDays: number;
}

export function camerasConfigOf(env: NodeJS.ProcessEnv): CamerasConfig {
  const e = Env.parse(env);
  let alarmRules = defaultCameraAlarmRules;
  if (e.IOC_CAMERA_ALARM_RULES) {
    let raw: unknown;
    try { raw = JSON.parse(e.IOC_CAMERA_ALARM_RULES); } catch { throw new Error('IOC_CAMERA_ALARM_RULES is not valid JSON'); }
    const parsed = z.array(CameraAlarmRule).safeParse(raw);
    if (!parsed.success) throw new Error(`IOC_CAMERA_ALARM_RULES: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    alarmRules = parsed.data;
  }
  return {
    maxStreams: e.IOC_CAMERA_MAX_STREAMS,
    idleMs: e.IOC_CAMERA_IDLE_SECONDS * 1000,
    snapshotMaxAgeMs: e.IOC_CAMERA_SNAPSHOT_SECONDS * 1000,
    maxSnapshots: e.IOC_CAMERA_MAX_SNAPSHOTS,
    connectTimeoutMs: e.IOC_CAMERA_CONNECT_SECONDS * 1000,
    ffmpegPath: e.IOC_CAMERA_FFMPEG,
    alarmRules,
    mqttUrl: e.IOC_MQTT_URL ?? null,
    mqttTopic: e.IOC_CAMERA_MQTT_TOPIC,
    eventRetentionDays: e.IOC_CAMERA_EVENT_RETENTION_DAYS,
  };
}
