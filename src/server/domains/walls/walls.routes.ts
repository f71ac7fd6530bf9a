// HTTP door of the video wall: layouts, screen assignments, wall-screen keys and the kiosk's sign-in.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Ok } from '../../../shared/contracts/common.js';
import {
  AssignScreensBody, CreatedWallScreenKey, CreateWallBody, CreateWallKeyBody, MapConfig, ScreenIdentity, ScreenSignInBody,
  UpdateWallBody, WallKeyParams, WallLayout, WallLayoutList, WallScreenKey, WallScreenKeyList, WallSlugParams,
} from '../../../shared/contracts/walls.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { createScreenKey, listScreenKeys, revokeScreenKey, screenFromSecret, WALL_COOKIE, WALL_COOKIE_MAX_AGE_S } from './screen-keys.js';
import { assignScreens, createWall, deleteWall, getWall, listWalls, updateWall } from './walls.service.js';

const tags = ['walls'];

export const wallsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'Wall layouts in your scope', response: { 200: WallLayoutList } } }, async (req) => listWalls(contextOf(req)));
  app.post('/', { schema: { tags, summary: 'Create a wall layout (N × M screens, all showing the clock)', body: CreateWallBody, response: { 201: WallLayout } } },
    async (req, reply) => reply.code(201).send(await createWall(contextOf(req), req.body)));

  // The kiosk's door: no session needed; answers 401 for an unknown or revoked key.
  app.post('/screen-sign-in', { schema: { tags, summary: 'Trade a wall-screen key for the long-lived wall cookie', body: ScreenSignInBody, response: { 200: ScreenIdentity } } },
    async (req, reply) => {
      const screen = await screenFromSecret(app.db, req.body.secret);
      if (!screen) throw new AppError('unauthenticated', { title: 'Unknown or revoked wall-screen key.', detail: 'Khóa màn hình tường không hợp lệ hoặc đã bị thu hồi.' });
      reply.setCookie(WALL_COOKIE, req.body.secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: WALL_COOKIE_MAX_AGE_S });
      return screen.identity;
    });
  app.post('/screen-sign-out', { schema: { tags, summary: 'Forget the wall cookie on this browser', response: { 200: Ok } } }, async (_req, reply) => {
    reply.clearCookie(WALL_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  app.get('/screen', { schema: { tags, summary: 'Which wall screen key this browser signed in with', response: { 200: ScreenIdentity } } }, async (req) => {
    contextOf(req);
    if (!req.wallScreen) throw new AppError('unauthenticated');
    return req.wallScreen;
  });

  app.get('/:slug', { schema: { tags, params: WallSlugParams, response: { 200: WallLayout } } }, async (req) => getWall(contextOf(req), req.params.slug));
  app.patch('/:slug', { schema: { tags, summary: 'Rename or resize; screens beyond the new size are dropped', params: WallSlugParams, body: UpdateWallBody, response: { 200: WallLayout } } },
    async (req) => updateWall(contextOf(req), req.params.slug, req.body));
  app.delete('/:slug', { schema: { tags, params: WallSlugParams, response: { 200: Ok } } }, async (req) => {
    await deleteWall(contextOf(req), req.params.slug);
    return { ok: true as const };
  });
  app.put('/:slug/screens', { schema: { tags, summary: 'Assign content to screens; kiosks switch on the hub event', params: WallSlugParams, body: AssignScreensBody, response: { 200: WallLayout } } },
    async (req) => assignScreens(contextOf(req), req.params.slug, req.body));

  app.get('/:slug/keys', { schema: { tags, params: WallSlugParams, response: { 200: WallScreenKeyList } } }, async (req) => listScreenKeys(contextOf(req), req.params.slug));
  app.post('/:slug/keys', { schema: { tags, summary: 'Issue a wall-screen key; the secret is shown once', params: WallSlugParams, body: CreateWallKeyBody, response: { 201: CreatedWallScreenKey } } },
    async (req, reply) => reply.code(201).send(await createScreenKey(contextOf(req), req.params.slug, req.body.label)));
  app.delete('/:slug/keys/:keyId', { schema: { tags, summary: 'Revoke a wall-screen key (effective on its next request)', params: WallKeyParams, response: { 200: WallScreenKey } } },
    async (req) => revokeScreenKey(contextOf(req), req.params.slug, req.params.keyId));
};

/** The web's map set-up: the optional basemap of the province's own tile server (IOC_BASEMAP_URL). */
export const mapConfigRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags: ['map'], response: { 200: MapConfig } } }, async (req) => {
    contextOf(req);
    return { basemapUrl: app.config.basemapUrl };
  });
};

