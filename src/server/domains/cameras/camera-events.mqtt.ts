// The MQTT door of camera events: subscribes to Frigate's `frigate/events` on the configured broker and ingests
// each message like the webhook does, one at a time in arrival order (an event's `new` before its `update`).
// A message that cannot be used is dropped with a counted, logged reason; the subscription goes on.
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import mqtt from 'mqtt';
import { FrigateEventMessage } from '../../../shared/contracts/cameras.js';
import { systemActor } from '../../core/auth.js';
import { AppError } from '../../core/errors.js';
import { publish } from '../../core/hub.js';
import type { Db } from '../../db/client.js';
import { rootScope } from './cameras.queries.js';
import type { CamerasConfig } from './cameras.config.js';
import { ingestCameraEvent, UnknownCameraError } from './camera-events.service.js';
import { createEventSnapshotTaker } from './event-snapshots.js';
import { createSnapshots } from './snapshots.js';

export type DropReason = 'invalid-json' | 'invalid-shape' | 'unknown-camera' | 'rejected' | 'failed';

// Per process, since start: what the MQTT door took and dropped (GET /api/cameras/events/stats).
const counters = { received: 0, stored: 0, dropped: { 'invalid-json': 0, 'invalid-shape': 0, 'unknown-camera': 0, rejected: 0, failed: 0 } as Record<DropReason, number> };

export function cameraEventMqttStats(): { received: number; stored: number; dropped: Record<DropReason, number>; connected: boolean } {
  return { received: counters.received, stored: counters.stored, dropped: { ...counters.dropped }, connected: connectedClients > 0 };
}

let connectedClients = 0;

export interface CameraEventSubscriber {
  stop(): Promise<void>;
  ready: Promise<void>;
  /** Resolves when the event pictures being grabbed for messages handled so far are stored or given up. */
  snapshotsIdle(): Promise<void>;
}

type SubscriberConfig = Pick<CamerasConfig, 'mqttUrl' | 'mqttTopic' | 'alarmRules' | 'snapshotMaxAgeMs' | 'maxSnapshots' | 'connectTimeoutMs' | 'ffmpegPath'>;

export function startCameraEventSubscriber(db: Db, config: SubscriberConfig, log: FastifyBaseLogger): CameraEventSubscriber {
  if (!config.mqttUrl) return { stop: async () => {}, ready: Promise.resolve(), snapshotsIdle: async () => {} };
  // Its own grabs, capped like the HTTP door's: an event without a thumbnail gets a frame from the camera after commit.
  const snapshots = createSnapshots({ config, log });
  const eventSnapshots = createEventSnapshotTaker({ db, snapshots, log });
  // Its own client id: other subscribers (telemetry) on the same broker must not kick this one off.
  const clientId = `ioc-cameras-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const client = mqtt.connect(config.mqttUrl, { clientId, clean: true, reconnectPeriod: 2000, connectTimeout: 10_000 });
  let chain: Promise<void> = Promise.resolve();
  let isConnected = false;
  let actor: ReturnType<typeof systemActor> | null = null;

  const drop = (reason: DropReason, detail: string) => {
    counters.dropped[reason] += 1;
    log.warn({ reason, detail: detail.slice(0, 300), topic: config.mqttTopic }, 'camera event dropped');
  };

  async function handle(payload: Buffer): Promise<void> {
    counters.received += 1;
    let raw: unknown;
    try { raw = JSON.parse(payload.toString('utf8')); } catch { drop('invalid-json', payload.toString('utf8', 0, Math.min(payload.length, 120))); return; }
    const parsed = FrigateEventMessage.safeParse(raw);
    if (!parsed.success) { drop('invalid-shape', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')); return; }
    try {
      actor ??= systemActor(await rootScope(db));
      await ingestCameraEvent({ db, actor, publish }, parsed.data, config.alarmRules, eventSnapshots);
      counters.stored += 1;
    } catch (err) {
      if (err instanceof UnknownCameraError) drop('unknown-camera', parsed.data.after.camera);
      else if (err instanceof AppError) drop('rejected', err.code);
      else drop('failed', (err as Error).message);
    }
  }

  const ready = new Promise<void>((resolve) => {
    client.on('connect', () => {
      if (!isConnected) { isConnected = true; connectedClients += 1; }
      client.subscribe(config.mqttTopic, { qos: 1 }, (err) => {
        if (err) log.warn({ err: err.message }, 'camera events: subscribe failed');
        else resolve();
      });
    });
  });
  client.on('close', () => { if (isConnected) { isConnected = false; connectedClients -= 1; } });
  client.on('error', (err) => log.warn({ err: err.message }, 'camera events: MQTT error'));
  client.on('message', (_topic, payload) => { chain = chain.then(() => handle(payload)); });

  return {
    ready,
    snapshotsIdle: () => eventSnapshots.idle(),
    async stop() {
      await new Promise<void>((resolve) => { client.end(false, {}, () => resolve()); });
      await chain;
      await snapshots.close();
      await eventSnapshots.idle();
      if (isConnected) { isConnected = false; connectedClients -= 1; }
    },
  };
}
