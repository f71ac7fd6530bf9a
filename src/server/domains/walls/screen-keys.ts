// How a wall PC stays signed in for days: a long-lived, revocable wall-screen key per PC, issued from the
// control page (walls:manage) and bound to one layout. The kiosk keeps the secret in its local storage and
// trades it for an httpOnly cookie (`ioc_wall`, 400 days) that carries it on every request, the hub's
// websocket and camera snapshots included. The key acts with the read permissions of an IOC operator inside
// the layout's unit, and can never write: a wall PC left open in a public room is worth nothing to a thief
// but a view of the wall, until the key is revoked (effective on the next request).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { CreatedWallScreenKey, ScreenIdentity, WallScreenKey } from '../../../shared/contracts/walls.js';
import { type Actor, can, permissionsOf } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { unitsByIds } from '../units/units.service.js';
import { findLiveKeyByHash, insertKey, keysOfLayout, revokeKeyRow, touchKey } from './walls.queries.js';
import type { WallScreenKeyRow } from './walls.table.js';
import { visibleWallRow, type WallContext } from './walls.service.js';

export const WALL_COOKIE = 'ioc_wall';
export const WALL_COOKIE_MAX_AGE_S = 400 * 24 * 3600;    // the longest a browser keeps a cookie
const SECRET_PREFIX = 'iocw_';
const SCREEN_ROLE = 'operator' as const;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// The only writes a wall screen makes: trading its key for the cookie, and dropping it.
const SCREEN_WRITES = new Set(['/api/walls/screen-sign-in', '/api/walls/screen-sign-out']);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** What a wall screen may do: the operator's reads, nothing that changes anything. */
export function screenPermissions(): string[] {
  return permissionsOf(SCREEN_ROLE).filter((p) => p.endsWith(':read') || p === 'hub:subscribe');
}

function toKey(r: WallScreenKeyRow): WallScreenKey {
  return {
    id: r.id, label: r.label, prefix: r.prefix, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

export async function listScreenKeys(ctx: WallContext, slug: string): Promise<{ items: WallScreenKey[] }> {
  can(ctx.actor, 'walls:manage');
  const layout = await visibleWallRow(ctx, ctx.db, slug);
  return { items: (await keysOfLayout(ctx.db, layout.id)).map(toKey) };
}

export async function createScreenKey(ctx: WallContext, slug: string, label: string): Promise<CreatedWallScreenKey> {
  can(ctx.actor, 'walls:manage');
  return ctx.db.transaction(async (tx) => {
    const layout = await visibleWallRow(ctx, tx, slug);
    const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
    const row = await insertKey(tx, {
      id: uuidv7(), layoutId: layout.id, label, keyHash: sha256(secret), prefix: secret.slice(0, 10), createdBy: ctx.actor.name,
    });
    await audit(tx, ctx, { action: 'wall.key.create', entityType: 'wall_screen_key', entityId: row.id, unitPath: layout.unitPath, after: { slug, label, prefix: row.prefix } });
    await ctx.publish(tx, { topic: 'walls', type: 'wall.keys-changed', unitPath: layout.unitPath, ids: [layout.id], data: { slug } });
    return { ...toKey(row), secret };
  });
}

export async function revokeScreenKey(ctx: WallContext, slug: string, keyId: string): Promise<WallScreenKey> {
  can(ctx.actor, 'walls:manage');
  return ctx.db.transaction(async (tx) => {
    const layout = await visibleWallRow(ctx, tx, slug);
    const row = await revokeKeyRow(tx, layout.id, keyId);
    if (!row) throw new AppError('not-found');
    await audit(tx, ctx, { action: 'wall.key.revoke', entityType: 'wall_screen_key', entityId: row.id, unitPath: layout.unitPath, before: { label: row.label, prefix: row.prefix } });
    await ctx.publish(tx, { topic: 'walls', type: 'wall.keys-changed', unitPath: layout.unitPath, ids: [layout.id], data: { slug } });
    return toKey(row);
  });
}

const lastTouched = new Map<string, number>();

export interface ScreenSignIn { actor: Actor; identity: ScreenIdentity }

/** The read-only actor of a live key, or null for an unknown or revoked one. */
export async function screenFromSecret(db: Db, secret: string): Promise<ScreenSignIn | null> {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const found = await findLiveKeyByHash(db, sha256(secret));
  if (!found) return null;
  const [unit] = await unitsByIds(db, [found.layout.unitId]);
  const now = Date.now();
  if ((lastTouched.get(found.key.id) ?? 0) < now - 60_000) {   // the SQL also skips a touch within the minute
    lastTouched.set(found.key.id, now);
    await touchKey(db, found.key.id);
  }
  const actor: Actor = {
    type: 'api_key', id: found.key.id, name: `wall:${found.layout.slug}:${found.key.label}`, role: SCREEN_ROLE,
    scopeUnitId: found.layout.unitId, scopeUnitName: unit?.name ?? '', scopePath: found.layout.unitPath, agencyId: null,
  };
  return {
    actor,
    identity: {
      keyId: found.key.id, label: found.key.label, layoutSlug: found.layout.slug,
      scopeUnitId: actor.scopeUnitId, scopeUnitName: actor.scopeUnitName, scopePath: actor.scopePath, permissions: screenPermissions(),
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request came from a wall screen's key (cookie `ioc_wall`). */
    wallScreen: ScreenIdentity | null;
  }
}

/**
 * Runs after the session/API-key hook: a request nobody else claimed but that carries a wall key cookie acts
 * as that screen. Such a request may only read.
 */
export function registerWallScreenAuthentication(app: FastifyInstance): void {
  app.decorateRequest('wallScreen', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (req.actor || !req.url.startsWith('/api/')) return;
    const secret = req.cookies[WALL_COOKIE];
    if (!secret) return;
    const screen = await screenFromSecret(app.db, secret);
    if (!screen) return;
    const path = req.url.split('?')[0] ?? '';
    if (!SAFE_METHODS.has(req.method) && !SCREEN_WRITES.has(path)) throw new AppError('wall-screen-read-only');
    req.actor = screen.actor;
    req.authMethod = 'api_key';   // no CSRF token: nothing but reads gets through
    req.wallScreen = screen.identity;
  });
}
