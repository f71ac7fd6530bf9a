// The websocket door of the live hub: /api/hub?since=<seq>&topics=units,agencies
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HubTopic } from '../../shared/realtime.js';
import { can } from './auth.js';
import { contextOf } from './context.js';

const HubQuery = z.strictObject({
  since: z.coerce.number().int().min(0).optional(),
  topics: z.string().max(500).optional(),
});
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export const hubRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    websocket: true,
    schema: { tags: ['hub'], summary: 'Websocket of live domain events, filtered by your scope and topics', querystring: HubQuery },
    preValidation: async (req) => { can(contextOf(req).actor, 'hub:subscribe'); },
  }, async (socket, req) => {
    const actor = req.actor!;
    const parsedTopics = (req.query.topics ?? '').split(',').filter(Boolean).map((t) => HubTopic.safeParse(t)).flatMap((r) => (r.success ? [r.data] : []));
    const subscriber = {
      scopePath: actor.scopePath,
      topics: new Set(parsedTopics),
      send(message: unknown) {
        if (socket.readyState !== socket.OPEN) return;
        // A client that cannot keep up is cut off; it reconnects with its last seq and catches up.
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) { socket.close(1013, 'too slow'); return; }
        socket.send(JSON.stringify(message));
      },
    };
    let detach: (() => void) | null = null;
    let closed = false;
    socket.on('message', (raw: Buffer) => {
      try {
        const msg = JSON.parse(raw.toString()) as { subscribe?: unknown };
        if (Array.isArray(msg.subscribe)) {
          subscriber.topics.clear();
          for (const t of msg.subscribe) { const r = HubTopic.safeParse(t); if (r.success) subscriber.topics.add(r.data); }
        }
      } catch { /* ignore malformed client messages */ }
    });
    let alive = true;
    socket.on('pong', () => { alive = true; });
    const heartbeat = setInterval(() => {
      if (!alive) { socket.terminate(); return; }
      alive = false;
      socket.ping();
    }, 30_000);
    socket.on('close', () => { closed = true; clearInterval(heartbeat); detach?.(); });
    detach = await app.hub.attach(subscriber, req.query.since ?? null);
    if (closed) detach();
  });
};
