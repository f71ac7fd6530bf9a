// HTTP and websocket doors of the cameras domain: registry, snapshot, live view, events.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CameraDetail, CameraEvent, CameraEventIngestResult, CameraEventParams, CameraEventStats, Camera, CreateCameraBody, FrigateEventMessage,
  ListCameraEventsQuery, ListCamerasQuery, LiveStreamList, UpdateCameraBody,
} from '../../../shared/contracts/cameras.js';
import { IdParams, pageOf } from '../../../shared/contracts/common.js';
import { can } from '../../core/auth.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { cameraEventMqttStats } from './camera-events.mqtt.js';
import { eventSnapshotFor, ingestCameraEvent, listCameraEventsFor } from './camera-events.service.js';
import {
  cameraSourceFor, createCamera, deleteCamera, getCamera, listCamerasFor, recordCameraReachability, updateCamera,
} from './cameras.service.js';
import { createLiveStreams, StreamLimitError } from './live-streams.js';
import { createEventSnapshotTaker, eventSnapshotStats } from './event-snapshots.js';
import { createSnapshots, SnapshotUnavailableError } from './snapshots.js';

const tags = ['cameras'];
const PING_MS = 20_000;

export const camerasRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = app.config.cameras;
  const onReachability = (cameraId: string, reachable: boolean) => {
    recordCameraReachability(app.db, cameraId, reachable).catch((err: unknown) => app.log.warn({ err, cameraId }, 'recording camera status failed'));
  };
  // Per process: the running ffmpeg streams and the snapshot cache.
  const live = createLiveStreams({ config, log: app.log, onReachability });
  const snapshots = createSnapshots({ config, log: app.log, onReachability });
  // Pictures of webhook events without a thumbnail: grabbed after commit through the same capped snapshots.
  const eventSnapshots = createEventSnapshotTaker({ db: app.db, snapshots, log: app.log });
  app.addHook('onClose', async () => { await Promise.all([live.close(), snapshots.close()]); await eventSnapshots.idle(); });

  app.get('/', { schema: { tags, querystring: ListCamerasQuery, response: { 200: pageOf(Camera) } } },
    async (req) => listCamerasFor(contextOf(req), req.query));
  app.post('/', { schema: { tags, body: CreateCameraBody, response: { 201: CameraDetail } } },
    async (req, reply) => reply.code(201).send(await createCamera(contextOf(req), req.body, live.viewersOf)));

  app.get('/streams', { schema: { tags, summary: 'Live streams running in this process', response: { 200: LiveStreamList } } }, async (req) => {
    can(contextOf(req).actor, 'cameras:manage');
    return { items: live.list(), maxStreams: config.maxStreams };
  });

  app.get('/events', { schema: { tags, querystring: ListCameraEventsQuery, response: { 200: pageOf(CameraEvent) } } },
    async (req) => listCameraEventsFor(contextOf(req), req.query));
  app.post('/events', {
    schema: { tags, summary: 'Webhook for camera analytics events in Frigate’s frigate/events shape', body: FrigateEventMessage, response: { 200: CameraEventIngestResult, 201: CameraEventIngestResult } },
  }, async (req, reply) => {
    const result = await ingestCameraEvent(contextOf(req), req.body, config.alarmRules, eventSnapshots);
    return reply.code(result.created ? 201 : 200).send(result);
  });
  app.get('/events/stats', {
    schema: { tags, summary: 'What the MQTT door of camera events took and dropped, and the event pictures stored and refused, in this process', response: { 200: CameraEventStats } },
  }, async (req) => {
    can(contextOf(req).actor, 'cameras:manage');
    return { ...cameraEventMqttStats(), snapshots: eventSnapshotStats() };
  });
  app.get('/events/:eventId/snapshot.jpg', { schema: { tags, params: CameraEventParams, summary: 'The picture of the event’s moment (JPEG): Frigate’s thumbnail or a frame grabbed at event time' } }, async (req, reply) => {
    const snapshot = await eventSnapshotFor(contextOf(req), req.params.eventId);
    // A better thumbnail may replace it while the event goes on: revalidate, answer 304 when unchanged.
    const etag = `"${snapshot.updatedAt.getTime().toString(36)}-${snapshot.jpeg.length.toString(36)}"`;
    reply.header('cache-control', 'private, no-cache').header('etag', etag).header('last-modified', snapshot.takenAt.toUTCString());
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('image/jpeg').send(snapshot.jpeg);
  });

  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: CameraDetail } } },
    async (req) => getCamera(contextOf(req), req.params.id, live.viewersOf));
  app.patch('/:id', { schema: { tags, params: IdParams, body: UpdateCameraBody, response: { 200: CameraDetail } } }, async (req) => {
    const { camera, sourceChanged } = await updateCamera(contextOf(req), req.params.id, req.body, live.viewersOf);
    // Viewers of the old address (or of a camera now disabled or moved out of their scope) must not keep watching.
    if (sourceChanged) { live.end(camera.id); snapshots.forget(camera.id); }
    return camera;
  });
  app.delete('/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await deleteCamera(contextOf(req), req.params.id);
    live.end(req.params.id);
    snapshots.forget(req.params.id);
    return reply.code(204).send();
  });

  app.get('/:id/snapshot.jpg', { schema: { tags, params: IdParams, summary: 'The camera’s latest still (JPEG), taken again when older than the refresh interval' } }, async (req, reply) => {
    const source = await cameraSourceFor(contextOf(req), req.params.id);
    let snapshot;
    try { snapshot = await snapshots.get(source); } catch (err) {
      if (err instanceof SnapshotUnavailableError) throw new AppError('camera-unavailable');
      throw err;
    }
    const maxAge = Math.max(1, Math.floor((config.snapshotMaxAgeMs - (Date.now() - snapshot.takenAt.getTime())) / 1000));
    return reply.type('image/jpeg')
      .header('cache-control', `private, max-age=${maxAge}`)
      .header('last-modified', snapshot.takenAt.toUTCString())
      .send(snapshot.jpeg);
  });

  // Live view: a websocket that sends {type:'init', mime} as text, then the fMP4 init segment and fragments as binary.
  app.get('/:id/live', {
    websocket: true,
    schema: { tags, params: IdParams, summary: 'Live view (websocket): fragmented MP4 for Media Source Extensions' },
    preValidation: async (req) => { can(contextOf(req).actor, 'cameras:read'); },
  }, async (socket, req) => {
    let source: Awaited<ReturnType<typeof cameraSourceFor>>;
    try {
      source = await cameraSourceFor(contextOf(req), (req.params as { id: string }).id);
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'internal';
      socket.send(JSON.stringify({ type: 'error', code }));
      socket.close(code === 'camera-unavailable' ? 1011 : 1008, code);
      return;
    }
    const viewer = {
      send: (message: string | Buffer) => { if (socket.readyState === socket.OPEN) socket.send(message); },
      backlog: () => socket.bufferedAmount,
      close: (code: number, reason: string) => { if (socket.readyState === socket.OPEN) socket.close(code, reason); },
    };
    try {
      live.join(source, viewer);
    } catch (err) {
      if (!(err instanceof StreamLimitError)) throw err;
      socket.send(JSON.stringify({ type: 'error', code: 'stream-limit' }));
      socket.close(1013, 'stream limit');
      return;
    }
    let alive = true;
    socket.on('pong', () => { alive = true; });
    const heartbeat = setInterval(() => {
      if (!alive) { socket.terminate(); return; }
      alive = false;
      socket.ping();
    }, PING_MS);
    socket.on('close', () => { clearInterval(heartbeat); live.leave(source.id, viewer); });
  });
};
