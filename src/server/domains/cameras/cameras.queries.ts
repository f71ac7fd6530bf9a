// All SQL of the cameras domain. No permission checks here: the service decides who may see what.
import { and, arrayContains, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { units } from '../units/units.table.js';
import { cameraEventSnapshots, cameraEvents, cameras } from './cameras.table.js';

const cameraColumns = {
  id: cameras.id, code: cameras.code, name: cameras.name,
  lon: sql<number | null>`ST_X(${cameras.location})`, lat: sql<number | null>`ST_Y(${cameras.location})`,
  unitId: cameras.unitId, unitName: units.name, unitPath: cameras.unitPath,
  ptz: cameras.ptz, tags: cameras.tags, enabled: cameras.enabled, status: cameras.status, lastSeenAt: cameras.lastSeenAt,
  isSynthetic: cameras.isSynthetic, updatedAt: cameras.updatedAt,
};
/** A camera as the service handles it: with its address, which only the service may pass to ffmpeg. */
const cameraWithSource = { ...cameraColumns, rtspUrl: cameras.rtspUrl };
export type CameraRecord = NonNullable<Awaited<ReturnType<typeof findCameraById>>>;

const pointOf = (lon: number | null | undefined, lat: number | null | undefined) =>
  (lon != null && lat != null ? sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)` as unknown as string : null);

export async function findCameraById(db: DbOrTx, id: string) {
  const [row] = await db.select(cameraWithSource).from(cameras).innerJoin(units, eq(units.id, cameras.unitId)).where(eq(cameras.id, id));
  return row ?? null;
}

export async function findCameraByCode(db: DbOrTx, code: string) {
  const [row] = await db.select(cameraWithSource).from(cameras).innerJoin(units, eq(units.id, cameras.unitId)).where(eq(cameras.code, code));
  return row ?? null;
}

export interface CameraFilter { scopePath: string; tag?: string | undefined; status?: string | undefined; q?: string | undefined; ids?: string[] | undefined }

export async function listCameras(db: DbOrTx, f: CameraFilter) {
  const conditions: (SQL | undefined)[] = [sql`${cameras.unitPath} LIKE ${likePattern(f.scopePath, { prefix: true })}`];
  if (f.tag) conditions.push(arrayContains(cameras.tags, [f.tag]));
  if (f.status) conditions.push(eq(cameras.status, f.status));
  if (f.ids) conditions.push(f.ids.length ? inArray(cameras.id, f.ids) : sql`false`);
  if (f.q) {
    const pattern = likePattern(f.q, { contains: true });
    conditions.push(or(ilike(cameras.name, pattern), ilike(cameras.code, pattern), sql`unaccent_vi(${cameras.name}) ILIKE unaccent_vi(${pattern})`));
  }
  return db.select(cameraColumns).from(cameras).innerJoin(units, eq(units.id, cameras.unitId)).where(and(...conditions)).orderBy(asc(cameras.unitPath), asc(cameras.name));
}

export async function insertCamera(db: DbOrTx, row: {
  id: string; code: string; name: string; rtspUrl: string; unitId: string; unitPath: string; lon?: number | null | undefined; lat?: number | null | undefined;
  ptz: boolean; tags: string[]; enabled: boolean; isSynthetic?: boolean; status?: string;
}) {
  await db.insert(cameras).values({
    id: row.id, code: row.code, name: row.name, rtspUrl: row.rtspUrl, unitId: row.unitId, unitPath: row.unitPath, location: pointOf(row.lon, row.lat),
    ptz: row.ptz, tags: row.tags, enabled: row.enabled, isSynthetic: row.isSynthetic ?? false, status: row.status ?? 'unknown',
  });
}

export async function updateCameraRow(db: DbOrTx, id: string, changes: {
  name?: string; rtspUrl?: string; unitId?: string; unitPath?: string; ptz?: boolean; tags?: string[]; enabled?: boolean;
  location?: { lon: number | null; lat: number | null };
}) {
  const { location, ...rest } = changes;
  await db.update(cameras).set({
    ...rest,
    ...(location ? { location: pointOf(location.lon, location.lat) } : {}),
    ...(changes.rtspUrl !== undefined ? { status: 'unknown', lastSeenAt: null } : {}),
    updatedAt: new Date(),
  }).where(eq(cameras.id, id));
}

export async function deleteCameraRow(db: DbOrTx, id: string) {
  await db.delete(cameras).where(eq(cameras.id, id));
}

export async function setCameraStatus(db: DbOrTx, id: string, status: 'online' | 'offline', now: Date) {
  await db.update(cameras).set({ status, ...(status === 'online' ? { lastSeenAt: now } : {}) }).where(eq(cameras.id, id));
}

// ---- events ----

const eventColumns = {
  id: cameraEvents.id, cameraId: cameraEvents.cameraId, cameraName: cameras.name, unitPath: cameraEvents.unitPath,
  label: cameraEvents.label, subLabel: cameraEvents.subLabel, score: cameraEvents.score, topScore: cameraEvents.topScore,
  currentZones: cameraEvents.currentZones, enteredZones: cameraEvents.enteredZones, startTime: cameraEvents.startTime, endTime: cameraEvents.endTime,
  hasSnapshot: cameraEvents.hasSnapshot, hasClip: cameraEvents.hasClip, lastType: cameraEvents.lastType,
  alarmId: cameraEvents.alarmId, alarmType: cameraEvents.alarmType, updatedAt: cameraEvents.updatedAt,
  snapshotSource: cameraEventSnapshots.source, snapshotScore: cameraEventSnapshots.score,
  snapshotTakenAt: cameraEventSnapshots.takenAt, snapshotBytes: cameraEventSnapshots.bytes,
};
export type CameraEventRecord = NonNullable<Awaited<ReturnType<typeof findCameraEvent>>>;

export async function findCameraEvent(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select(eventColumns).from(cameraEvents).innerJoin(cameras, eq(cameras.id, cameraEvents.cameraId))
    .leftJoin(cameraEventSnapshots, eq(cameraEventSnapshots.eventId, cameraEvents.id)).where(eq(cameraEvents.id, id));
  const [row] = options.forUpdate ? await query.for('update', { of: cameraEvents }) : await query;
  return row ?? null;
}

export type CameraEventValues = Omit<typeof cameraEvents.$inferInsert, 'createdAt' | 'updatedAt'>;

/** Inserts the event unless one with its id exists; answers whether it did. */
export async function insertCameraEventIfNew(db: DbOrTx, row: CameraEventValues): Promise<boolean> {
  const inserted = await db.insert(cameraEvents).values(row).onConflictDoNothing({ target: cameraEvents.id }).returning({ id: cameraEvents.id });
  return inserted.length > 0;
}

export async function updateCameraEventRow(db: DbOrTx, id: string, changes: Partial<CameraEventValues>) {
  await db.update(cameraEvents).set({ ...changes, updatedAt: new Date() }).where(eq(cameraEvents.id, id));
}

export async function listCameraEvents(db: DbOrTx, f: { scopePath: string; cameraId?: string | undefined; label?: string | undefined; limit: number }) {
  const conditions: (SQL | undefined)[] = [sql`${cameraEvents.unitPath} LIKE ${likePattern(f.scopePath, { prefix: true })}`];
  if (f.cameraId) conditions.push(eq(cameraEvents.cameraId, f.cameraId));
  if (f.label) conditions.push(eq(cameraEvents.label, f.label));
  return db.select(eventColumns).from(cameraEvents).innerJoin(cameras, eq(cameras.id, cameraEvents.cameraId))
    .leftJoin(cameraEventSnapshots, eq(cameraEventSnapshots.eventId, cameraEvents.id))
    .where(and(...conditions)).orderBy(desc(cameraEvents.startTime)).limit(f.limit);
}

// ---- event snapshots ----

/**
 * Stores Frigate's thumbnail of the event unless a better one is kept: it replaces our own grab (Frigate's is the
 * frame of the detection) and an earlier thumbnail of a lower top score. Answers whether it stored it.
 */
export async function upsertThumbnailSnapshot(db: DbOrTx, row: { eventId: string; jpeg: Buffer; score: number; takenAt: Date }): Promise<boolean> {
  const t = cameraEventSnapshots;
  const stored = await db.insert(t).values({ eventId: row.eventId, source: 'frigate', score: row.score, jpeg: row.jpeg, bytes: row.jpeg.length, takenAt: row.takenAt })
    .onConflictDoUpdate({
      target: t.eventId,
      set: { source: 'frigate', score: sql`excluded.score`, jpeg: sql`excluded.jpeg`, bytes: sql`excluded.bytes`, takenAt: sql`excluded.taken_at`, updatedAt: sql`now()` },
      setWhere: sql`${t.source} = 'camera' OR excluded.score > ${t.score}`,
    })
    .returning({ eventId: t.eventId });
  return stored.length > 0;
}

/** Stores a frame grabbed from the camera, only if the event has no picture yet (a thumbnail may have come meanwhile). */
export async function insertGrabbedSnapshot(db: DbOrTx, row: { eventId: string; jpeg: Buffer; score: number; takenAt: Date }): Promise<boolean> {
  const t = cameraEventSnapshots;
  const stored = await db.insert(t).values({ eventId: row.eventId, source: 'camera', score: row.score, jpeg: row.jpeg, bytes: row.jpeg.length, takenAt: row.takenAt })
    .onConflictDoNothing({ target: t.eventId }).returning({ eventId: t.eventId });
  return stored.length > 0;
}

export async function findEventSnapshot(db: DbOrTx, eventId: string) {
  const [row] = await db.select({ jpeg: cameraEventSnapshots.jpeg, takenAt: cameraEventSnapshots.takenAt, updatedAt: cameraEventSnapshots.updatedAt, unitPath: cameraEvents.unitPath })
    .from(cameraEventSnapshots).innerJoin(cameraEvents, eq(cameraEvents.id, cameraEventSnapshots.eventId)).where(eq(cameraEventSnapshots.eventId, eventId));
  return row ?? null;
}

export async function hasEventSnapshot(db: DbOrTx, eventId: string): Promise<boolean> {
  const [row] = await db.select({ eventId: cameraEventSnapshots.eventId }).from(cameraEventSnapshots).where(eq(cameraEventSnapshots.eventId, eventId));
  return row !== undefined;
}

/** Deletes events that started before the cutoff, a batch at a time (their snapshots go by cascade); answers how many. */
export async function deleteCameraEventsBefore(db: DbOrTx, cutoff: Date, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const old = db.select({ id: cameraEvents.id }).from(cameraEvents).where(lt(cameraEvents.startTime, cutoff)).limit(batch);
    const deleted = await db.delete(cameraEvents).where(inArray(cameraEvents.id, old)).returning({ id: cameraEvents.id });
    total += deleted.length;
    if (deleted.length < batch) return total;
  }
}

export async function countCamerasInDemo(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(cameras).where(eq(cameras.isSynthetic, true));
  return Number(row?.n ?? 0);
}

/** The country root: the scope of the MQTT door's system actor. */
export async function rootScope(db: DbOrTx): Promise<{ id: string; name: string; path: string }> {
  const [row] = await selectRows<{ id: string; name: string; path: string }>(db, sql`SELECT id, name, path FROM units WHERE parent_id IS NULL ORDER BY level, path LIMIT 1`);
  if (!row) throw new Error('no root unit');
  return row;
}
