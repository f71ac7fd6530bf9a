// NGSI-LD routes (the subset in docs/telemetry.md): entity upsert of observations, temporal query with aggregation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { SESSION_COOKIE } from '../accounts/authenticate.js';
import { ngsiCaller, temporalEntity, upsertEntities } from './ngsi-ld.js';

const tags = ['ngsi-ld'];

const TemporalQuery = z.object({
  timerel: z.enum(['before', 'after', 'between']).optional(),
  timeAt: z.string().max(40).optional(),
  endTimeAt: z.string().max(40).optional(),
  attrs: z.string().max(1000).optional(),
  aggrMethods: z.string().max(100).optional(),
  aggrPeriodDuration: z.string().max(20).optional(),
  lastN: z.coerce.number().int().min(1).max(10_000).optional(),
  options: z.string().max(100).optional(),
});

export const ngsiLdRoutes: FastifyPluginAsyncZod = async (app) => {
  // NGSI-LD clients send JSON-LD; it is JSON.
  app.addContentTypeParser('application/ld+json', { parseAs: 'string' }, (_req, body, done) => {
    try { done(null, JSON.parse(body as string)); } catch { done(new AppError('invalid-json'), undefined); }
  });

  app.post('/entityOperations/upsert', {
    bodyLimit: Math.max(app.config.bodyLimit, 16 * 1_048_576),
    schema: {
      tags,
      summary: 'Upsert AirQualityObserved, WaterQualityObserved, TrafficFlowObserved and Device entities (normalized or keyValues) as readings',
      description: '204 when every entity was taken (committed), 207 with {success, errors} otherwise. Entities map to devices by refDevice, else by the id after urn:ngsi-ld:<Type>:.',
      querystring: z.object({ options: z.string().max(100).optional() }),
      body: z.array(z.unknown()).max(10_000),
    },
  }, async (req, reply) => {
    const caller = await ngsiCaller(req.server.db, req.headers, req.cookies[SESSION_COOKIE]);
    const result = await upsertEntities(req.server.db, caller, req.body);
    if (result.errors.length === 0) return reply.code(204).send();
    return reply.code(207).send(result);
  });

  app.get('/temporal/entities/:id', {
    schema: {
      tags,
      summary: 'Temporal evolution of a device entity: raw values, or avg/min/max/sum/totalCount per PT1M, PT1H or P1D from the rollups',
      params: z.object({ id: z.string().max(200) }),
      querystring: TemporalQuery,
    },
  }, async (req, reply) => {
    const caller = await ngsiCaller(req.server.db, req.headers, req.cookies[SESSION_COOKIE]);
    if (!('actor' in caller)) throw new AppError('forbidden');
    const entity = await temporalEntity(req.server.db, caller.actor, req.params.id, req.query);
    return reply.type('application/json').send(entity);
  });
};
