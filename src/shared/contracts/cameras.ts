// Cameras: the registry (the RTSP address never appears in any of these shapes), live view, and analytics events.
import { z } from 'zod';
import { Uuid } from './common.js';

export const cameraStatuses = ['online', 'offline', 'unknown'] as const;
export const CameraStatus = z.enum(cameraStatuses);
export type CameraStatus = z.infer<typeof CameraStatus>;

const CameraCode = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
const Tag = z.string().min(1).max(40).regex(/^[\p{L}\p{N}_ -]+$/u);
const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
// Only rtsp:// and rtsps:// sources; user:password in the address are kept server-side.
const RtspUrl = z.string().max(1000).refine((s) => {
  try { return ['rtsp:', 'rtsps:'].includes(new URL(s).protocol); } catch { return false; }
}, 'an rtsp:// or rtsps:// address');

export const Camera = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  unitId: Uuid,
  unitName: z.string(),
  unitPath: z.string(),
  ptz: z.boolean(),
  tags: z.array(z.string()),
  enabled: z.boolean(),
  status: CameraStatus,
  lastSeenAt: z.string().nullable(),
  isSynthetic: z.boolean(),
  updatedAt: z.string(),
});
export type Camera = z.infer<typeof Camera>;

/** What a camera manager sees besides: the address without its credentials, and whether it has any. */
export const CameraDetail = Camera.extend({
  source: z.object({ address: z.string(), hasCredentials: z.boolean() }).nullable(),   // null for readers without cameras:manage
  live: z.object({ viewers: z.number().int(), running: z.boolean() }),
});
export type CameraDetail = z.infer<typeof CameraDetail>;

export const ListCamerasQuery = z.strictObject({
  unitId: Uuid.optional(),                      // cameras of this unit's subtree
  tag: z.string().max(40).optional(),
  status: CameraStatus.optional(),
  q: z.string().max(100).optional(),
  ids: z.string().max(4000).optional(),         // comma-separated ids (the wall's camera grid)
});
export type ListCamerasQuery = z.infer<typeof ListCamerasQuery>;

export const CreateCameraBody = z.strictObject({
  code: CameraCode,
  name: z.string().min(1).max(200),
  rtspUrl: RtspUrl,
  unitId: Uuid,
  lon: Lon.nullable().optional(),
  lat: Lat.nullable().optional(),
  ptz: z.boolean().optional(),
  tags: z.array(Tag).max(20).optional(),
  enabled: z.boolean().optional(),
});
export type CreateCameraBody = z.infer<typeof CreateCameraBody>;

export const UpdateCameraBody = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  rtspUrl: RtspUrl.optional(),
  unitId: Uuid.optional(),
  lon: Lon.nullable().optional(),
  lat: Lat.nullable().optional(),
  ptz: z.boolean().optional(),
  tags: z.array(Tag).max(20).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateCameraBody = z.infer<typeof UpdateCameraBody>;

/** A running live stream (one ffmpeg per camera, shared by its viewers). */
export const LiveStream = z.object({
  cameraId: Uuid,
  cameraName: z.string(),
  viewers: z.number().int(),
  pid: z.number().int().nullable(),
  state: z.enum(['starting', 'running', 'stopping', 'failed']),
  mode: z.enum(['copy', 'transcode']),
  startedAt: z.string(),
  restarts: z.number().int(),
  bytesOut: z.number(),
});
export type LiveStream = z.infer<typeof LiveStream>;

export const LiveStreamList = z.object({ items: z.array(LiveStream), maxStreams: z.number().int() });

// ---- Camera analytics events: Frigate's `frigate/events` message (extra fields allowed and kept) ----
export const FrigateEventState = z.looseObject({
  id: z.string().min(1).max(200),
  camera: z.string().min(1).max(64),
  label: z.string().min(1).max(64),
  sub_label: z.union([z.string(), z.tuple([z.string(), z.number()]), z.array(z.unknown())]).nullable().optional(),
  score: z.number().min(0).max(1).optional(),
  top_score: z.number().min(0).max(1).optional(),
  current_zones: z.array(z.string().max(64)).max(50).optional(),
  entered_zones: z.array(z.string().max(64)).max(50).optional(),
  start_time: z.number().positive(),              // seconds since the epoch (Frigate)
  end_time: z.number().positive().nullable().optional(),
  has_snapshot: z.boolean().optional(),
  has_clip: z.boolean().optional(),
  false_positive: z.boolean().nullable().optional(),
  // Base64 JPEG of the best frame so far. Not validated here: a bad one is dropped, never the event with it.
  thumbnail: z.unknown().optional(),
});
export type FrigateEventState = z.infer<typeof FrigateEventState>;

export const FrigateEventMessage = z.looseObject({
  type: z.enum(['new', 'update', 'end']),
  before: FrigateEventState.partial().nullable().optional(),
  after: FrigateEventState,
});
export type FrigateEventMessage = z.infer<typeof FrigateEventMessage>;

export const CameraEvent = z.object({
  id: z.string(),
  cameraId: Uuid,
  cameraName: z.string(),
  unitPath: z.string(),
  label: z.string(),
  subLabel: z.string().nullable(),
  score: z.number(),
  topScore: z.number(),
  currentZones: z.array(z.string()),
  enteredZones: z.array(z.string()),
  startTime: z.string(),
  endTime: z.string().nullable(),
  hasSnapshot: z.boolean(),
  hasClip: z.boolean(),
  state: z.enum(['new', 'update', 'end']),
  alarmId: z.string().nullable(),
  alarmType: z.string().nullable(),
  updatedAt: z.string(),
  /** The picture of the event kept by the server (GET /api/cameras/events/:eventId/snapshot.jpg), if any. */
  snapshot: z.object({ source: z.enum(['frigate', 'camera']), score: z.number(), takenAt: z.string(), bytes: z.number().int() }).nullable(),
});
export type CameraEvent = z.infer<typeof CameraEvent>;

export const CameraEventParams = z.strictObject({ eventId: z.string().min(1).max(200) });

/** What the event doors took and dropped, and the event pictures stored and refused, in this process. */
export const CameraEventStats = z.object({
  received: z.number(), stored: z.number(), dropped: z.record(z.string(), z.number()), connected: z.boolean(),
  snapshots: z.object({
    thumbnailsStored: z.number(), thumbnailsRejected: z.record(z.string(), z.number()),
    grabsStored: z.number(), grabsFailed: z.number(), grabsSkipped: z.number(),
  }),
});
export type CameraEventStats = z.infer<typeof CameraEventStats>;

export const ListCameraEventsQuery = z.strictObject({
  cameraId: Uuid.optional(),
  unitId: Uuid.optional(),
  label: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListCameraEventsQuery = z.infer<typeof ListCameraEventsQuery>;

export const CameraEventIngestResult = z.object({
  event: CameraEvent,
  created: z.boolean(),
  alarm: z.object({ alarmId: z.string(), created: z.boolean(), type: z.string() }).nullable(),
});
export type CameraEventIngestResult = z.infer<typeof CameraEventIngestResult>;

/** Messages the live-view websocket sends as text before and between the binary fMP4 chunks. */
export type LiveMessage =
  | { type: 'init'; mime: string }
  | { type: 'error'; code: 'camera-unavailable' | 'stream-limit' | 'stream-ended' };
