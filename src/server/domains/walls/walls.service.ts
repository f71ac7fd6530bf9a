// The video wall: layouts and what their screens show. Anyone signed in reads the layouts of their scope (a
// wall PC reads its own); walls:manage changes them. Every change is audited and announced on the hub topic
// `walls`, which is how kiosk screens switch content live without a reload.
import { uuidv7 } from 'uuidv7';
import type {
  AssignScreensBody, CreateWallBody, ScreenContent, UpdateWallBody, WallLayout, WallLayoutList, WallLayoutSummary,
} from '../../../shared/contracts/walls.js';
import { ScreenContent as ScreenContentSchema } from '../../../shared/contracts/walls.js';
import { assertVisible, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  deleteLayoutRow, deleteScreensAbove, findLayoutBySlug, insertLayout, insertMissingScreens, listLayoutRows, screensOf,
  touchLayout, updateLayoutRow, upsertScreens,
} from './walls.queries.js';
import type { WallLayoutRow, WallScreenRow } from './walls.table.js';

export type WallContext = Pick<RequestContext, 'db' | 'actor' | 'publish' | 'ip' | 'requestId'>;

/** What a new or grown screen shows until someone assigns it: the IOC name and the clock, never a blank. */
export const DEFAULT_CONTENT: ScreenContent = { kind: 'clock' };

function toSummary(r: WallLayoutRow): WallLayoutSummary {
  return {
    id: r.id, slug: r.slug, name: r.name, columns: r.columns, rows: r.rows, unitId: r.unitId, unitPath: r.unitPath,
    isDemo: r.isDemo, updatedAt: r.updatedAt.toISOString(),
  };
}

/** Stored content is read back through the contract: a row written by an older version falls back to the clock. */
function contentOf(raw: unknown): ScreenContent {
  const parsed = ScreenContentSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_CONTENT;
}

function toLayout(r: WallLayoutRow, screens: WallScreenRow[]): WallLayout {
  const byPosition = new Map(screens.map((s) => [s.position, s]));
  const count = r.columns * r.rows;
  return {
    ...toSummary(r),
    screens: Array.from({ length: count }, (_, i) => {
      const s = byPosition.get(i + 1);
      return { position: i + 1, content: s ? contentOf(s.content) : DEFAULT_CONTENT, updatedAt: (s?.updatedAt ?? r.updatedAt).toISOString(), updatedBy: s?.updatedBy ?? null };
    }),
  };
}

async function visibleLayout(ctx: Pick<WallContext, 'actor'>, db: DbOrTx, slug: string, forUpdate = false): Promise<WallLayoutRow> {
  const row = await findLayoutBySlug(db, slug, forUpdate);
  if (!row) throw new AppError('not-found');
  assertVisible(ctx.actor, row.unitPath);
  return row;
}

export async function listWalls(ctx: Pick<WallContext, 'db' | 'actor'>): Promise<WallLayoutList> {
  const rows = await listLayoutRows(ctx.db, ctx.actor.scopePath);
  return { items: rows.map(toSummary) };
}

export async function getWall(ctx: Pick<WallContext, 'db' | 'actor'>, slug: string): Promise<WallLayout> {
  const row = await visibleLayout(ctx, ctx.db, slug);
  return toLayout(row, await screensOf(ctx.db, row.id));
}

export async function createWall(ctx: WallContext, body: CreateWallBody): Promise<WallLayout> {
  can(ctx.actor, 'walls:manage');
  return ctx.db.transaction(async (tx) => {
    if (await findLayoutBySlug(tx, body.slug)) throw new AppError('duplicate-code');
    const row = await insertLayout(tx, {
      id: uuidv7(), slug: body.slug, name: body.name, columns: body.columns, rows: body.rows,
      unitId: ctx.actor.scopeUnitId, unitPath: ctx.actor.scopePath,
    });
    if (!row) throw new AppError('duplicate-code');
    await insertMissingScreens(tx, row.id, Array.from({ length: body.columns * body.rows }, (_, i) => ({ position: i + 1, content: DEFAULT_CONTENT })));
    await audit(tx, ctx, { action: 'wall.create', entityType: 'wall_layout', entityId: row.id, unitPath: row.unitPath, after: body });
    await ctx.publish(tx, { topic: 'walls', type: 'wall.created', unitPath: row.unitPath, ids: [row.id], data: { slug: row.slug } });
    return toLayout(row, await screensOf(tx, row.id));
  });
}

export async function updateWall(ctx: WallContext, slug: string, body: UpdateWallBody): Promise<WallLayout> {
  can(ctx.actor, 'walls:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await visibleLayout(ctx, tx, slug, true);
    const row = await updateLayoutRow(tx, before.id, body);
    const count = row.columns * row.rows;
    await deleteScreensAbove(tx, row.id, count);
    await insertMissingScreens(tx, row.id, Array.from({ length: count }, (_, i) => ({ position: i + 1, content: DEFAULT_CONTENT })));
    await audit(tx, ctx, {
      action: 'wall.update', entityType: 'wall_layout', entityId: row.id, unitPath: row.unitPath,
      before: { name: before.name, columns: before.columns, rows: before.rows }, after: body,
    });
    await ctx.publish(tx, { topic: 'walls', type: 'wall.updated', unitPath: row.unitPath, ids: [row.id], data: { slug: row.slug } });
    return toLayout(row, await screensOf(tx, row.id));
  });
}

export async function deleteWall(ctx: WallContext, slug: string): Promise<void> {
  can(ctx.actor, 'walls:manage');
  await ctx.db.transaction(async (tx) => {
    const row = await visibleLayout(ctx, tx, slug, true);
    await deleteLayoutRow(tx, row.id);
    await audit(tx, ctx, { action: 'wall.delete', entityType: 'wall_layout', entityId: row.id, unitPath: row.unitPath, before: toSummary(row) });
    await ctx.publish(tx, { topic: 'walls', type: 'wall.deleted', unitPath: row.unitPath, ids: [row.id], data: { slug: row.slug } });
  });
}

/** Puts content on one or more screens in one transaction and one hub event: the kiosks switch on that event. */
export async function assignScreens(ctx: WallContext, slug: string, body: AssignScreensBody): Promise<WallLayout> {
  can(ctx.actor, 'walls:manage');
  return ctx.db.transaction(async (tx) => {
    const row = await visibleLayout(ctx, tx, slug, true);
    const count = row.columns * row.rows;
    const missing = body.assignments.filter((a) => a.position > count);
    if (missing.length > 0) {
      throw new AppError('wall-screen-missing', { errors: missing.map((a) => ({ path: `body.assignments.position`, message: `screen ${a.position} > ${count}` })) });
    }
    // The last assignment of a position wins, as if they had been sent one by one.
    const byPosition = new Map(body.assignments.map((a) => [a.position, a.content]));
    const before = new Map((await screensOf(tx, row.id)).map((s) => [s.position, s.content]));
    const screens = [...byPosition].map(([position, content]) => ({ position, content }));
    await upsertScreens(tx, row.id, screens, ctx.actor.name);
    await touchLayout(tx, row.id);
    await audit(tx, ctx, {
      action: 'wall.assign', entityType: 'wall_layout', entityId: row.id, unitPath: row.unitPath,
      before: screens.map((s) => ({ position: s.position, content: before.get(s.position) ?? null })), after: screens,
    });
    const positions = screens.map((s) => s.position).sort((a, b) => a - b);
    await ctx.publish(tx, { topic: 'walls', type: 'wall.screens-assigned', unitPath: row.unitPath, ids: [row.id], data: { slug: row.slug, positions } });
    const updated = await findLayoutBySlug(tx, slug);
    return toLayout(updated ?? row, await screensOf(tx, row.id));
  });
}

export async function visibleWallRow(ctx: Pick<WallContext, 'actor'>, db: DbOrTx, slug: string, forUpdate = false): Promise<WallLayoutRow> {
  return visibleLayout(ctx, db, slug, forUpdate);
}

export { toSummary as wallSummary };
