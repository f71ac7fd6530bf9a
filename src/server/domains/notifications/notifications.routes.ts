import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok, Uuid } from '../../../shared/contracts/common.js';
import { contextOf } from '../../core/context.js';
import { markNotificationsRead, myNotifications } from './notifications.service.js';

const Notification = z.object({ id: Uuid, kind: z.string(), title: z.string(), titleEn: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable() });

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];
  app.get('/', { schema: { tags, summary: 'My notifications, newest first', querystring: z.strictObject({ unreadOnly: z.coerce.boolean().default(false), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: z.object({ unread: z.number().int(), items: z.array(Notification) }) } } },
    async (req) => myNotifications(contextOf(req), req.query));
  app.post('/:id/read', { schema: { tags, params: z.strictObject({ id: Uuid }), response: { 200: Ok } } }, async (req) => markNotificationsRead(contextOf(req), req.params.id));
  app.post('/read-all', { schema: { tags, response: { 200: Ok } } }, async (req) => markNotificationsRead(contextOf(req), null));
};
