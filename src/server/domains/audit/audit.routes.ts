import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, ListAuditQuery } from '../../../shared/contracts/audit.js';
import { contextOf } from '../../core/context.js';
import { readAuditLog } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags: ['audit'], summary: 'Read the audit log (newest first, cursor `before`)', querystring: ListAuditQuery, response: { 200: AuditPage } } },
    async (req) => readAuditLog(contextOf(req), req.query));
};
