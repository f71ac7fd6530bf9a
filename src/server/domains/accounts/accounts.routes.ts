import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiKey, CreateApiKeyBody, CreatedApiKey, CreatedUser, CreateUserBody, UpdateUserBody, User } from '../../../shared/contracts/accounts.js';
import { IdParams, pageOf } from '../../../shared/contracts/common.js';
import { contextOf } from '../../core/context.js';
import { createApiKey, createUser, listApiKeysFor, listUsersFor, revokeApiKey, updateUser } from './accounts.service.js';

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['users'];
  app.get('/', { schema: { tags, response: { 200: pageOf(User) } } }, async (req) => listUsersFor(contextOf(req)));
  app.post('/', { schema: { tags, body: CreateUserBody, response: { 201: CreatedUser } } },
    async (req, reply) => reply.code(201).send(await createUser(contextOf(req), req.body)));
  app.patch('/:id', { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User } } },
    async (req) => updateUser(contextOf(req), req.params.id, req.body));
};

export const apiKeysRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['api-keys'];
  app.get('/', { schema: { tags, response: { 200: pageOf(ApiKey) } } }, async (req) => listApiKeysFor(contextOf(req)));
  app.post('/', { schema: { tags, body: CreateApiKeyBody, response: { 201: CreatedApiKey } } },
    async (req, reply) => reply.code(201).send(await createApiKey(contextOf(req), req.body)));
  app.post('/:id/revoke', { schema: { tags, params: IdParams, response: { 200: ApiKey } } },
    async (req) => revokeApiKey(contextOf(req), req.params.id));
};
