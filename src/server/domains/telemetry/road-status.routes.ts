// HTTP of road status (the operations map's road layer), under /api/telemetry.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RoadStatusList, RoadStatusQuery } from '../../../shared/contracts/road-status.js';
import { contextOf } from '../../core/context.js';
import { roadStatusInArea } from './road-status.js';

export const roadStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/road-status', {
    schema: {
      tags: ['telemetry'], summary: 'Road segments measured by traffic counters in scope: latest speed, intensity and status (free/slow/congested/stopped/no-data)',
      querystring: RoadStatusQuery, response: { 200: RoadStatusList },
    },
  }, async (req) => roadStatusInArea(contextOf(req), req.query));
};
