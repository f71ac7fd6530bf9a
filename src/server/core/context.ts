// The request context handed explicitly to service functions: no container, no globals.
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { Config } from '../config.js';
import { type Actor } from './auth.js';
import { AppError } from './errors.js';
import type { Hub, Publish } from './hub.js';
import { publish } from './hub.js';
import type { AuditOrigin } from './audit.js';
import { readCacheOf } from './read-cache.js';

export interface RequestContext extends AuditOrigin {
  db: Db;
  log: FastifyBaseLogger;
  publish: Publish;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    hub: Hub;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set by authentication: 'cookie' writes need a CSRF token, 'api_key' writes do not. */
    authMethod: 'cookie' | 'api_key' | null;
  }
}

/** The context of a signed-in request; 401 when nobody is signed in. */
export function contextOf(req: FastifyRequest): RequestContext {
  if (!req.actor) throw new AppError('unauthenticated');
  const db = req.server.db;
  // A change drops the cached reads of its topic as it publishes (the hub drops them again after commit).
  const publishAndInvalidate: Publish = (tx, input) => { readCacheOf(db).invalidate(input.topic); return publish(tx, input); };
  return { db, actor: req.actor, log: req.log, publish: publishAndInvalidate, ip: req.ip, requestId: String(req.id) };
}
