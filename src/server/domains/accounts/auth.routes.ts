import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginBody, Session } from '../../../shared/contracts/auth.js';
import { Ok } from '../../../shared/contracts/common.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { login, logout, toCurrentUser } from './auth.service.js';
import { actorFromSessionToken } from './auth.service.js';
import { SESSION_COOKIE } from './authenticate.js';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/login', { schema: { tags, body: LoginBody, response: { 200: Session } } }, async (req, reply) => {
    const { token, session, expiresAt } = await login(app.db, req.body.username, req.body.password,
      { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) }, app.config.sessionHours);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', expires: expiresAt });
    return session;
  });

  app.post('/logout', { schema: { tags, response: { 200: Ok } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/me', { schema: { tags, response: { 200: Session } } }, async (req) => {
    contextOf(req);
    const token = req.cookies[SESSION_COOKIE];
    const found = token ? await actorFromSessionToken(app.db, token) : null;
    if (!found) throw new AppError('unauthenticated');
    return { user: toCurrentUser(found.actor), csrfToken: found.csrfToken };
  });
};
