// The camera registry: who may see and change which cameras, and the one place the RTSP address is read
// for streaming. Answers never carry the address's credentials (see rtsp-address.ts).
import { uuidv7 } from 'uuidv7';
import type { Camera, CameraDetail, CreateCameraBody, ListCamerasQuery, UpdateCameraBody } from '../../../shared/contracts/cameras.js';
import { assertVisible, assertWithinScope, can, hasPermission } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { publish } from '../../core/hub.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { findVisibleUnit } from '../units/units.service.js';
import {
  type CameraRecord, deleteCameraRow, findCameraByCode, findCameraById, insertCamera, listCameras, setCameraStatus, updateCameraRow,
} from './cameras.queries.js';
import { addressWithoutCredentials, hasCredentials } from './rtsp-address.js';

type LiveInfo = (cameraId: string) => { viewers: number; running: boolean };
const noLive: LiveInfo = () => ({ viewers: 0, running: false });

export function toCamera(r: Omit<CameraRecord, 'rtspUrl'> & { rtspUrl?: string }): Camera {
  return {
    id: r.id, code: r.code, name: r.name, lon: r.lon === null ? null : Number(r.lon), lat: r.lat === null ? null : Number(r.lat),
    unitId: r.unitId, unitName: r.unitName, unitPath: r.unitPath, ptz: r.ptz, tags: r.tags, enabled: r.enabled,
    status: r.status as Camera['status'], lastSeenAt: r.lastSeenAt ? new Date(r.lastSeenAt).toISOString() : null,
    isSynthetic: r.isSynthetic, updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

function toCameraDetail(ctx: Pick<RequestContext, 'actor'>, r: CameraRecord, live: LiveInfo): CameraDetail {
  const canManage = hasPermission(ctx.actor, 'cameras:manage');
  return {
    ...toCamera(r),
    source: canManage ? { address: addressWithoutCredentials(r.rtspUrl), hasCredentials: hasCredentials(r.rtspUrl) } : null,
    live: live(r.id),
  };
}

/** What the audit trail keeps of a camera: everything but the address's credentials. */
function auditShape(r: CameraRecord) {
  return { ...toCamera(r), source: addressWithoutCredentials(r.rtspUrl), hasCredentials: hasCredentials(r.rtspUrl) };
}

async function findVisibleCamera(ctx: Pick<RequestContext, 'actor'>, db: DbOrTx, id: string): Promise<CameraRecord> {
  const camera = await findCameraById(db, id);
  if (!camera) throw new AppError('not-found');
  assertVisible(ctx.actor, camera.unitPath);
  return camera;
}

export async function listCamerasFor(ctx: RequestContext, q: ListCamerasQuery): Promise<{ items: Camera[]; total: number }> {
  can(ctx.actor, 'cameras:read');
  let scopePath = ctx.actor.scopePath;
  if (q.unitId) scopePath = (await findVisibleUnit(ctx, ctx.db, q.unitId)).path;
  const ids = q.ids !== undefined ? q.ids.split(',').map((s) => s.trim()).filter((s) => /^[0-9a-f-]{36}$/i.test(s)) : undefined;
  const rows = await listCameras(ctx.db, { scopePath, tag: q.tag, status: q.status, q: q.q?.normalize('NFC'), ids });
  return { items: rows.map(toCamera), total: rows.length };
}

export async function getCamera(ctx: RequestContext, id: string, live: LiveInfo = noLive): Promise<CameraDetail> {
  can(ctx.actor, 'cameras:read');
  return toCameraDetail(ctx, await findVisibleCamera(ctx, ctx.db, id), live);
}

/** The camera a viewer may open, with its address for ffmpeg. Only the live view and snapshot doors call this. */
export async function cameraSourceFor(ctx: RequestContext, id: string): Promise<{ id: string; name: string; rtspUrl: string }> {
  can(ctx.actor, 'cameras:read');
  const camera = await findVisibleCamera(ctx, ctx.db, id);
  if (!camera.enabled) throw new AppError('camera-unavailable');
  return { id: camera.id, name: camera.name, rtspUrl: camera.rtspUrl };
}

export async function createCamera(ctx: RequestContext, body: CreateCameraBody, live: LiveInfo = noLive): Promise<CameraDetail> {
  can(ctx.actor, 'cameras:manage');
  return ctx.db.transaction(async (tx) => {
    const unit = await findVisibleUnit(ctx, tx, body.unitId).catch(() => { throw new AppError('out-of-scope'); });
    assertWithinScope(ctx.actor, unit.path);
    if (await findCameraByCode(tx, body.code)) throw new AppError('duplicate-code');
    const id = uuidv7();
    await insertCamera(tx, {
      id, code: body.code, name: body.name.normalize('NFC'), rtspUrl: body.rtspUrl, unitId: unit.id, unitPath: unit.path,
      lon: body.lon, lat: body.lat, ptz: body.ptz ?? false, tags: normalisedTags(body.tags ?? []), enabled: body.enabled ?? true,
    });
    const created = (await findCameraById(tx, id))!;
    await audit(tx, ctx, { action: 'camera.create', entityType: 'camera', entityId: id, unitPath: unit.path, after: auditShape(created) });
    await ctx.publish(tx, { topic: 'cameras', type: 'camera.created', unitPath: unit.path, ids: [id], data: { name: created.name } });
    return toCameraDetail(ctx, created, live);
  });
}

export async function updateCamera(ctx: RequestContext, id: string, body: UpdateCameraBody, live: LiveInfo = noLive): Promise<{ camera: CameraDetail; sourceChanged: boolean }> {
  can(ctx.actor, 'cameras:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await findVisibleCamera(ctx, tx, id);
    let unitPath: string | undefined;
    if (body.unitId !== undefined && body.unitId !== before.unitId) {
      const unit = await findVisibleUnit(ctx, tx, body.unitId).catch(() => { throw new AppError('out-of-scope'); });
      assertWithinScope(ctx.actor, unit.path);
      unitPath = unit.path;
    }
    if ((body.lon === undefined) !== (body.lat === undefined)) {
      throw new AppError('validation-failed', { errors: [{ path: 'body.lon', message: 'give lon and lat together' }] });
    }
    await updateCameraRow(tx, id, {
      ...(body.name !== undefined ? { name: body.name.normalize('NFC') } : {}),
      ...(body.rtspUrl !== undefined ? { rtspUrl: body.rtspUrl } : {}),
      ...(unitPath !== undefined ? { unitId: body.unitId!, unitPath } : {}),
      ...(body.ptz !== undefined ? { ptz: body.ptz } : {}),
      ...(body.tags !== undefined ? { tags: normalisedTags(body.tags) } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(body.lon !== undefined ? { location: { lon: body.lon, lat: body.lat ?? null } } : {}),
    });
    const after = (await findCameraById(tx, id))!;
    await audit(tx, ctx, { action: 'camera.update', entityType: 'camera', entityId: id, unitPath: before.unitPath, before: auditShape(before), after: auditShape(after) });
    await ctx.publish(tx, { topic: 'cameras', type: 'camera.updated', unitPath: after.unitPath, ids: [id], data: { name: after.name } });
    const sourceChanged = after.rtspUrl !== before.rtspUrl || !after.enabled || after.unitPath !== before.unitPath;
    return { camera: toCameraDetail(ctx, after, live), sourceChanged };
  });
}

export async function deleteCamera(ctx: RequestContext, id: string): Promise<void> {
  can(ctx.actor, 'cameras:manage');
  await ctx.db.transaction(async (tx) => {
    const before = await findVisibleCamera(ctx, tx, id);
    await deleteCameraRow(tx, id);
    await audit(tx, ctx, { action: 'camera.delete', entityType: 'camera', entityId: id, unitPath: before.unitPath, before: auditShape(before) });
    await ctx.publish(tx, { topic: 'cameras', type: 'camera.deleted', unitPath: before.unitPath, ids: [id], data: { name: before.name } });
  });
}

/**
 * Records what the server observed of a camera (video came, or the connection failed). Writes and publishes only
 * on a change of status (and refreshes last-seen at most once a minute), so a watched camera costs no writes.
 */
export async function recordCameraReachability(db: Db, id: string, reachable: boolean, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const camera = await findCameraById(tx, id);
    if (!camera) return;
    const status = reachable ? 'online' : 'offline';
    const changed = camera.status !== status;
    const stale = reachable && (!camera.lastSeenAt || now.getTime() - new Date(camera.lastSeenAt).getTime() > 60_000);
    if (!changed && !stale) return;
    await setCameraStatus(tx, id, status, now);
    if (changed) await publish(tx, { topic: 'cameras', type: 'camera.status', unitPath: camera.unitPath, ids: [id], data: { status } });
  });
}

/** Cameras by their code (the `camera` of a Frigate event), with what an alarm needs to say where it is. */
export async function cameraByCode(db: DbOrTx, code: string): Promise<CameraRecord | null> {
  return findCameraByCode(db, code);
}

function normalisedTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.normalize('NFC').trim().toLowerCase()).filter(Boolean))];
}
