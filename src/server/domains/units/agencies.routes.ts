import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Agency, CreateAgencyBody, ListAgenciesQuery, UpdateAgencyBody } from '../../../shared/contracts/agencies.js';
import { IdParams, pageOf } from '../../../shared/contracts/common.js';
import { contextOf } from '../../core/context.js';
import { createAgency, getAgency, listAgenciesFor, updateAgency } from './agencies.service.js';

const tags = ['agencies'];

export const agenciesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, querystring: ListAgenciesQuery, response: { 200: pageOf(Agency) } } },
    async (req) => listAgenciesFor(contextOf(req), req.query));
  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: Agency } } },
    async (req) => getAgency(contextOf(req), req.params.id));
  app.post('/', { schema: { tags, body: CreateAgencyBody, response: { 201: Agency } } },
    async (req, reply) => reply.code(201).send(await createAgency(contextOf(req), req.body)));
  app.patch('/:id', { schema: { tags, params: IdParams, body: UpdateAgencyBody, response: { 200: Agency } } },
    async (req) => updateAgency(contextOf(req), req.params.id, req.body));
};
