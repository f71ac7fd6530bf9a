import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from './errors.js';

export type Readiness = () => Promise<{ ready: true } | { ready: false; reason: string }>;

export function healthRoutes(readiness: Readiness, databaseKind: string): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }));
    app.get('/readyz', { schema: { tags: ['health'], summary: 'The database answers and every migration is applied', response: { 200: z.object({ status: z.literal('ready'), database: z.string() }) } } },
      async (_req, reply) => {
        const state = await readiness();
        if (!state.ready) return sendProblem(reply, 'not-ready', { title: state.reason });
        return { status: 'ready' as const, database: databaseKind };
      });
  };
}
