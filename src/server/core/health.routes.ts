import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { areMigrationsApplied } from '../db/migrate.js';
import { sendProblem } from './errors.js';

export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }));
    app.get('/readyz', { schema: { tags: ['health'], summary: 'The database answers and every migration is applied', response: { 200: z.object({ status: z.literal('ready'), database: z.string() }) } } },
      async (_req, reply) => {
        try {
          await database.db.execute(sql`SELECT 1`);
          if (!(await areMigrationsApplied(database))) return sendProblem(reply, 'not-ready', { title: 'Migrations are not applied.' });
        } catch {
          return sendProblem(reply, 'not-ready', { title: 'The database does not answer.' });
        }
        return { status: 'ready' as const, database: database.kind };
      });
  };
}
