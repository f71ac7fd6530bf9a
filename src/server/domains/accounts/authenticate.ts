// Resolves the actor of every request (session cookie or API key) and enforces CSRF on cookie writes.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { actorFromApiKey, actorFromSessionToken } from './auth.service.js';

export const SESSION_COOKIE = 'ioc_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function apiKeyOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : null;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.url === '/api/openapi.json') return;
    const key = apiKeyOf(req);
    if (key) {
      const actor = await actorFromApiKey(app.db, key);
      if (!actor) throw new AppError('unauthenticated', { title: 'Unknown, revoked or expired API key.', detail: 'Khóa API không hợp lệ, đã thu hồi hoặc hết hạn.' });
      req.actor = actor;
      req.authMethod = 'api_key';
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await actorFromSessionToken(app.db, token);
    if (!found) return;
    req.actor = found.actor;
    req.authMethod = 'cookie';
    // Synchronizer token: a cross-site form can carry the cookie but cannot read or send this header.
    if (!SAFE_METHODS.has(req.method) && req.url !== '/api/auth/login') {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) throw new AppError('csrf-failed');
    }
  });
}
