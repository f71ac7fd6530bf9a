// Camera analytics events (Frigate's `frigate/events`), from the webhook or MQTT: stored once per event id with
// updates merged, published on the hub, and turned into an alarm by the label → alarm rules, all in one transaction.
import type { CameraEvent, CameraEventIngestResult, FrigateEventMessage, ListCameraEventsQuery } from '../../../shared/contracts/cameras.js';
import { type Actor, assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { AppError } from '../../core/errors.js';
import type { Publish } from '../../core/hub.js';
import type { RequestContext } from '../../core/context.js';
import type { Db } from '../../db/client.js';
import { raiseSourceAlarm } from '../alarms/alarms.service.js';
import { findVisibleUnit } from '../units/units.service.js';
import type { CameraAlarmRule } from './cameras.config.js';
import {
  type CameraEventRecord, deleteCameraEventsBefore, findCameraByCode, findCameraEvent, findEventSnapshot, hasEventSnapshot, insertCameraEventIfNew,
  listCameraEvents, updateCameraEventRow, upsertThumbnailSnapshot,
} from './cameras.queries.js';
import { extraAttributes, matchingAlarmRule, mergeEvent, type StoredEventState } from './camera-events.js';
import { countThumbnail, type EventSnapshotTaker, type GrabRequest, thumbnailOf } from './event-snapshots.js';

export function toCameraEvent(r: CameraEventRecord): CameraEvent {
  return {
    id: r.id, cameraId: r.cameraId, cameraName: r.cameraName, unitPath: r.unitPath, label: r.label, subLabel: r.subLabel,
    score: r.score, topScore: r.topScore, currentZones: r.currentZones, enteredZones: r.enteredZones,
    startTime: new Date(r.startTime).toISOString(), endTime: r.endTime ? new Date(r.endTime).toISOString() : null,
    hasSnapshot: r.hasSnapshot, hasClip: r.hasClip, state: r.lastType as CameraEvent['state'],
    alarmId: r.alarmId, alarmType: r.alarmType, updatedAt: new Date(r.updatedAt).toISOString(),
    snapshot: r.snapshotSource && r.snapshotTakenAt
      ? { source: r.snapshotSource as 'frigate' | 'camera', score: r.snapshotScore ?? 0, takenAt: new Date(r.snapshotTakenAt).toISOString(), bytes: r.snapshotBytes ?? 0 }
      : null,
  };
}

export class UnknownCameraError extends AppError {
  constructor(code: string) {
    super('validation-failed', { errors: [{ path: 'body.after.camera', message: `no camera with code ${code}` }] });
  }
}

/**
 * One message of `frigate/events`. The actor needs telemetry:ingest (a machine feed) and the camera in its scope.
 * A valid thumbnail is stored with the event; a new event without one gets a frame grabbed after commit (when a
 * taker is given), so ingest never waits for a camera.
 */
export async function ingestCameraEvent(
  ctx: { db: Db; actor: Actor; publish: Publish },
  message: FrigateEventMessage,
  rules: CameraAlarmRule[],
  eventSnapshots?: EventSnapshotTaker,
): Promise<CameraEventIngestResult> {
  can(ctx.actor, 'telemetry:ingest');
  const thumbnail = thumbnailOf(message);
  const { result, grab } = await ctx.db.transaction(async (tx): Promise<{ result: CameraEventIngestResult; grab: GrabRequest | null }> => {
    const camera = await findCameraByCode(tx, message.after.camera);
    if (!camera) throw new UnknownCameraError(message.after.camera);
    assertWithinScope(ctx.actor, camera.unitPath);
    const a = message.after;
    const fresh = mergeEvent(null, message);
    const created = await insertCameraEventIfNew(tx, {
      id: a.id, cameraId: camera.id, unitPath: camera.unitPath, ...fresh, attributes: extraAttributes(message),
    });
    let state: StoredEventState = fresh;
    let stored = (await findCameraEvent(tx, a.id, { forUpdate: !created }))!;
    if (!created) {
      state = mergeEvent({ ...stored, lastType: stored.lastType as StoredEventState['lastType'] }, message);
      await updateCameraEventRow(tx, a.id, { ...state, attributes: extraAttributes(message) });
    }
    let hasPicture = false;
    let grab: GrabRequest | null = null;
    if (thumbnail && 'jpeg' in thumbnail) {
      if (await upsertThumbnailSnapshot(tx, { eventId: a.id, jpeg: thumbnail.jpeg, score: a.top_score ?? a.score ?? state.topScore, takenAt: new Date() })) countThumbnail('stored');
      hasPicture = true;
    }
    if (created && !hasPicture && camera.enabled && !(await hasEventSnapshot(tx, a.id))) {
      grab = { eventId: a.id, camera: { id: camera.id, rtspUrl: camera.rtspUrl, unitPath: camera.unitPath }, score: state.topScore, at: new Date() };
    }
    let alarm: CameraEventIngestResult['alarm'] = null;
    const rule = stored.alarmId ? null : matchingAlarmRule(rules, state, a.false_positive === true);
    if (rule) {
      const zones = [...new Set([...state.enteredZones, ...state.currentZones])];
      const raised = await raiseSourceAlarm(tx, {
        source: { kind: 'camera', id: camera.id, name: camera.name, unitPath: camera.unitPath, lon: camera.lon === null ? null : Number(camera.lon), lat: camera.lat === null ? null : Number(camera.lat) },
        type: rule.type,
        severity: rule.severity,
        message: {
          vi: `${rule.message.vi} tại camera ${camera.name}${zones.length ? ` (vùng ${zones.join(', ')})` : ''}`,
          en: `${rule.message.en} at camera ${camera.name}${zones.length ? ` (zone ${zones.join(', ')})` : ''}`,
        },
        details: { cameraEventId: a.id, label: state.label, topScore: state.topScore, zones },
        at: state.startTime,
      });
      await updateCameraEventRow(tx, a.id, { alarmId: raised.alarmId, alarmType: rule.type });
      alarm = { alarmId: raised.alarmId, created: raised.created, type: rule.type };
    }
    stored = (await findCameraEvent(tx, a.id))!;
    const event = toCameraEvent(stored);
    await ctx.publish(tx, {
      topic: 'cameras', type: 'camera.event', unitPath: camera.unitPath, ids: [camera.id],
      data: { eventId: event.id, state: event.state, label: event.label, score: event.topScore, zones: event.currentZones, alarmId: event.alarmId },
    });
    return { result: { event, created, alarm }, grab };
  });
  // After commit, and counted only once the event is stored: a refused thumbnail does not refuse the event.
  if (thumbnail && 'rejected' in thumbnail) countThumbnail(thumbnail.rejected);
  if (grab && eventSnapshots) eventSnapshots.request(grab);
  return result;
}

/** The event's picture for a viewer who may see the event (not found otherwise, as for events outside the scope). */
export async function eventSnapshotFor(ctx: RequestContext, eventId: string): Promise<{ jpeg: Buffer; takenAt: Date; updatedAt: Date }> {
  can(ctx.actor, 'cameras:read');
  const snapshot = await findEventSnapshot(ctx.db, eventId);
  if (!snapshot) throw new AppError('not-found');
  assertVisible(ctx.actor, snapshot.unitPath);
  return { jpeg: snapshot.jpeg, takenAt: new Date(snapshot.takenAt), updatedAt: new Date(snapshot.updatedAt) };
}

/** Removes events (and their pictures, by cascade) that started more than `days` ago. */
export async function applyCameraEventRetention(db: Db, days: number, now = new Date()): Promise<number> {
  return deleteCameraEventsBefore(db, new Date(now.getTime() - days * 86_400_000));
}

export async function listCameraEventsFor(ctx: RequestContext, q: ListCameraEventsQuery): Promise<{ items: CameraEvent[]; total: number }> {
  can(ctx.actor, 'cameras:read');
  let scopePath = ctx.actor.scopePath;
  if (q.unitId) scopePath = (await findVisibleUnit(ctx, ctx.db, q.unitId)).path;
  const rows = await listCameraEvents(ctx.db, { scopePath, cameraId: q.cameraId, label: q.label, limit: q.limit });
  return { items: rows.map(toCameraEvent), total: rows.length };
}
