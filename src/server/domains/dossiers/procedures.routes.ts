import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf } from '../../../shared/contracts/common.js';
import {
  CreateProcedureBody, ListProceduresQuery, Procedure, ProcedureFields, UpdateProcedureBody,
} from '../../../shared/contracts/procedures.js';
import { contextOf } from '../../core/context.js';
import { createProcedure, getProcedure, listProceduresFor, procedureFields, updateProcedure } from './procedures.service.js';

const tags = ['procedures'];

export const proceduresRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'List administrative procedures', querystring: ListProceduresQuery, response: { 200: pageOf(Procedure) } } },
    async (req) => listProceduresFor(contextOf(req), req.query));

  app.get('/fields', { schema: { tags, summary: 'Fields (lĩnh vực) with their number of procedures', response: { 200: ProcedureFields } } },
    async (req) => procedureFields(contextOf(req)));

  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: Procedure } } },
    async (req) => getProcedure(contextOf(req), req.params.id));

  app.post('/', { schema: { tags, body: CreateProcedureBody, response: { 201: Procedure } } },
    async (req, reply) => reply.code(201).send(await createProcedure(contextOf(req), req.body)));

  app.patch('/:id', { schema: { tags, params: IdParams, body: UpdateProcedureBody, response: { 200: Procedure } } },
    async (req) => updateProcedure(contextOf(req), req.params.id, req.body));
};
