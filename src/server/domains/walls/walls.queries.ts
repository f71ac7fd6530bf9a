// All SQL of the video wall: layouts, their screens and the keys of wall PCs. No permission checks here.
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { wallLayouts, wallScreenKeys, wallScreens, type WallLayoutRow } from './walls.table.js';

export async function listLayoutRows(db: DbOrTx, scopePath: string): Promise<WallLayoutRow[]> {
  return db.select().from(wallLayouts)
    .where(sql`${wallLayouts.unitPath} LIKE ${scopePath.replace(/[\\%_]/g, '\\$&') + '%'}`)
    .orderBy(asc(wallLayouts.name));
}

export async function findLayoutBySlug(db: DbOrTx, slug: string, forUpdate = false): Promise<WallLayoutRow | undefined> {
  const query = db.select().from(wallLayouts).where(eq(wallLayouts.slug, slug));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertLayout(db: DbOrTx, row: typeof wallLayouts.$inferInsert): Promise<WallLayoutRow> {
  const [inserted] = await db.insert(wallLayouts).values(row).onConflictDoNothing().returning();
  return inserted!;
}

export async function updateLayoutRow(db: DbOrTx, id: string, patch: { name?: string; columns?: number; rows?: number }): Promise<WallLayoutRow> {
  const [row] = await db.update(wallLayouts).set({ ...patch, updatedAt: new Date() }).where(eq(wallLayouts.id, id)).returning();
  return row!;
}

export async function deleteLayoutRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(wallLayouts).where(eq(wallLayouts.id, id));
}

export async function screensOf(db: DbOrTx, layoutId: string) {
  return db.select().from(wallScreens).where(eq(wallScreens.layoutId, layoutId)).orderBy(asc(wallScreens.position));
}

export async function upsertScreens(db: DbOrTx, layoutId: string, screens: { position: number; content: unknown }[], updatedBy: string | null): Promise<void> {
  if (screens.length === 0) return;
  const now = new Date();
  await db.insert(wallScreens)
    .values(screens.map((s) => ({ layoutId, position: s.position, content: s.content, updatedAt: now, updatedBy })))
    .onConflictDoUpdate({
      target: [wallScreens.layoutId, wallScreens.position],
      set: { content: sql`excluded.content`, updatedAt: now, updatedBy },
    });
}

/** Insert screens that are missing (a layout grew); existing ones keep their content. */
export async function insertMissingScreens(db: DbOrTx, layoutId: string, screens: { position: number; content: unknown }[]): Promise<void> {
  if (screens.length === 0) return;
  await db.insert(wallScreens).values(screens.map((s) => ({ layoutId, position: s.position, content: s.content, updatedBy: null })))
    .onConflictDoNothing();
}

export async function deleteScreensAbove(db: DbOrTx, layoutId: string, lastPosition: number): Promise<void> {
  await db.delete(wallScreens).where(and(eq(wallScreens.layoutId, layoutId), gt(wallScreens.position, lastPosition)));
}

export async function touchLayout(db: DbOrTx, id: string): Promise<void> {
  await db.update(wallLayouts).set({ updatedAt: new Date() }).where(eq(wallLayouts.id, id));
}

export async function keysOfLayout(db: DbOrTx, layoutId: string) {
  return db.select().from(wallScreenKeys).where(eq(wallScreenKeys.layoutId, layoutId)).orderBy(asc(wallScreenKeys.createdAt));
}

export async function insertKey(db: DbOrTx, row: typeof wallScreenKeys.$inferInsert) {
  const [inserted] = await db.insert(wallScreenKeys).values(row).returning();
  return inserted!;
}

export async function revokeKeyRow(db: DbOrTx, layoutId: string, keyId: string) {
  const [row] = await db.update(wallScreenKeys).set({ revokedAt: sql`coalesce(${wallScreenKeys.revokedAt}, now())` })
    .where(and(eq(wallScreenKeys.id, keyId), eq(wallScreenKeys.layoutId, layoutId))).returning();
  return row;
}

/** A live (not revoked) key by the hash of its secret, with its layout. */
export async function findLiveKeyByHash(db: DbOrTx, keyHash: string) {
  const [row] = await db.select({ key: wallScreenKeys, layout: wallLayouts }).from(wallScreenKeys)
    .innerJoin(wallLayouts, eq(wallLayouts.id, wallScreenKeys.layoutId))
    .where(and(eq(wallScreenKeys.keyHash, keyHash), isNull(wallScreenKeys.revokedAt)));
  return row;
}

/** Last use, written at most once a minute per key: "when did this wall PC last ask for anything". */
export async function touchKey(db: DbOrTx, id: string): Promise<void> {
  await db.update(wallScreenKeys).set({ lastUsedAt: new Date() })
    .where(and(eq(wallScreenKeys.id, id), or(isNull(wallScreenKeys.lastUsedAt), lt(wallScreenKeys.lastUsedAt, new Date(Date.now() - 60_000)))));
}

export async function layoutsExist(db: DbOrTx, slugs: string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const rows = await db.select({ slug: wallLayouts.slug }).from(wallLayouts).where(inArray(wallLayouts.slug, slugs));
  return new Set(rows.map((r) => r.slug));
}
