// HTTP of sensors: the device registry, the batch ingest door, series, latest values, ingest counters.
// The plugin also owns the process's ingest pipeline and, when IOC_MQTT_URL is set, the MQTT subscriber.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok } from '../../../shared/contracts/common.js';
import {
  CreateDeviceBody, Device, DeviceList, DeviceParams, DeviceWithToken, IngestResult, IngestStats, LatestList, LatestQuery, ListDevicesQuery,
  ReadingsBatchBody, Series, SeriesQuery, UpdateDeviceBody,
} from '../../../shared/contracts/telemetry.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { startTelemetryDoors } from './doors.js';
import {
  createDevice, deleteDevice, deviceSeries, getDevice, ingestBatch, ingestStats, latestInArea, listDevices, rotateDeviceToken, updateDevice,
} from './telemetry.service.js';

const tags = ['telemetry'];

export const telemetryRoutes: FastifyPluginAsyncZod = async (app) => {
  const doors = startTelemetryDoors(app.db, app.config.telemetry, app.log);
  app.addHook('onReady', async () => { await doors.ready(); });
  app.addHook('onClose', async () => { await doors.stop(); });

  app.get('/devices', { schema: { tags, summary: 'Devices in scope, with their latest values', querystring: ListDevicesQuery, response: { 200: DeviceList } } },
    async (req) => listDevices(contextOf(req), req.query));
  app.post('/devices', {
    schema: { tags, summary: 'Register a device; its token is answered once (only a hash is kept)', body: CreateDeviceBody, response: { 201: DeviceWithToken } },
  }, async (req, reply) => reply.code(201).send(await createDevice(contextOf(req), req.body)));
  app.get('/devices/:id', { schema: { tags, params: DeviceParams, response: { 200: Device } } }, async (req) => getDevice(contextOf(req), req.params.id));
  app.patch('/devices/:id', { schema: { tags, params: DeviceParams, body: UpdateDeviceBody, response: { 200: Device } } },
    async (req) => updateDevice(contextOf(req), req.params.id, req.body));
  app.delete('/devices/:id', { schema: { tags, summary: 'Delete a device, its series and latest values (history stays until retention)', params: DeviceParams, response: { 200: Ok } } },
    async (req) => { await deleteDevice(contextOf(req), req.params.id); return { ok: true as const }; });
  app.post('/devices/:id/token', { schema: { tags, summary: 'Rotate the device token; the new one is answered once', params: DeviceParams, response: { 200: DeviceWithToken } } },
    async (req) => rotateDeviceToken(contextOf(req), req.params.id));
  app.get('/devices/:id/series', {
    schema: { tags, summary: 'A metric of a device over a range: raw or from the 1 min / 1 h / 1 day rollups (auto by range)', params: DeviceParams, querystring: SeriesQuery, response: { 200: Series } },
  }, async (req) => deviceSeries(contextOf(req), req.params.id, req.query));

  // Request bodies being ingested (by Content-Length, else the body limit) are bounded: past the cap a request is
  // answered 503 with Retry-After before its body is read, so gateways sending faster than the database commits
  // wait on their side instead of in this process's memory. One request is always let through.
  const bodyLimit = Math.max(app.config.bodyLimit, 16 * 1_048_576);
  const held = new WeakMap<object, number>();
  let inflightBytes = 0;
  const release = (req: object) => {
    const bytes = held.get(req);
    if (bytes === undefined) return;
    held.delete(req);
    inflightBytes -= bytes;
  };
  app.post('/readings', {
    bodyLimit,
    onRequest: async (req, reply) => {
      const length = Number(req.headers['content-length']);
      const bytes = Number.isFinite(length) && length >= 0 ? Math.min(length, bodyLimit) : bodyLimit;
      if (inflightBytes > 0 && inflightBytes + bytes > app.config.telemetry.httpInflightBytes) {
        void reply.header('retry-after', '1');
        throw new AppError('ingest-busy');
      }
      inflightBytes += bytes;
      held.set(req, bytes);
    },
    onResponse: (req, _reply, done) => { release(req); done(); },
    onRequestAbort: (req, done) => { release(req); done(); },
    schema: {
      tags,
      summary: 'Batch ingest: many devices × many points; 200 only after the points are committed',
      description: 'Authorised by an API key with telemetry:ingest (a gateway, points of any device in its scope) or by a device token in `x-device-token` (that device\'s own points). Bad points are refused one by one and counted; the others are written.',
      headers: z.object({ 'x-device-token': z.string().max(200).optional() }).passthrough(),
      body: ReadingsBatchBody,
      response: { 200: IngestResult },
    },
  }, async (req) => {
    const token = req.headers['x-device-token'];
    if (typeof token === 'string' && token.length > 0) return ingestBatch(req.server.db, { kind: 'device', token }, req.body);
    if (!req.actor) throw new AppError('unauthenticated');
    return ingestBatch(req.server.db, { kind: 'actor', actor: req.actor }, req.body);
  });

  app.get('/latest', { schema: { tags, summary: 'Devices of a unit subtree with location, status and latest values (the map layer)', querystring: LatestQuery, response: { 200: LatestList } } },
    async (req) => latestInArea(contextOf(req), req.query));
  app.get('/ingest-stats', { schema: { tags, summary: 'Ingest counters of this server process (accepted, duplicates, refused by reason, MQTT)', response: { 200: IngestStats } } },
    async (req) => ingestStats(contextOf(req), app.config.telemetry.mqttUrl !== null));
};
