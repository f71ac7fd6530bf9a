// The picture of a camera event's moment: Frigate's base64 `thumbnail` when the message carries a valid one,
// otherwise one frame grabbed from our own camera just after the event was committed. Grabs run in the background
// through the snapshot machinery (its ffmpeg cap), with a bounded queue; a failed grab is logged and counted, never fatal.
import type { FastifyBaseLogger } from 'fastify';
import type { FrigateEventMessage } from '../../../shared/contracts/cameras.js';
import { publish } from '../../core/hub.js';
import type { Db } from '../../db/client.js';
import { insertGrabbedSnapshot } from './cameras.queries.js';
import type { Snapshots } from './snapshots.js';

/** Frigate's thumbnails are ~10–30 kB; anything far above is not a thumbnail and is not stored. */
export const MAX_THUMBNAIL_BYTES = 256 * 1024;
/** Grabs waiting or running at once per taker; more events than this in a burst get no grabbed picture. */
const MAX_PENDING_GRABS = 50;

export type ThumbnailRejection = 'not-base64' | 'not-jpeg' | 'too-large';
export type Thumbnail = { jpeg: Buffer } | { rejected: ThumbnailRejection } | null;

const counters = {
  thumbnailsStored: 0,
  thumbnailsRejected: { 'not-base64': 0, 'not-jpeg': 0, 'too-large': 0 } as Record<ThumbnailRejection, number>,
  grabsStored: 0, grabsFailed: 0, grabsSkipped: 0,
};

/** Per process, since start: pictures stored, refused and failed (GET /api/cameras/events/stats). */
export function eventSnapshotStats() {
  return { ...counters, thumbnailsRejected: { ...counters.thumbnailsRejected } };
}
export function countThumbnail(outcome: 'stored' | ThumbnailRejection): void {
  if (outcome === 'stored') counters.thumbnailsStored += 1;
  else counters.thumbnailsRejected[outcome] += 1;
}

/** A JPEG starts with SOI + a marker (FF D8 FF) and ends with EOI (FF D9), possibly followed by padding. */
export function isJpeg(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return false;
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0x00) end -= 1;
  return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

/** The message's thumbnail as JPEG bytes, the reason it cannot be used, or null when there is none. */
export function thumbnailOf(message: FrigateEventMessage, maxBytes = MAX_THUMBNAIL_BYTES): Thumbnail {
  const raw: unknown = (message.after as Record<string, unknown>).thumbnail;
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') return { rejected: 'not-base64' };
  const text = raw.replace(/^data:image\/jpe?g;base64,/i, '');
  // Refused before decoding: a huge string is not decoded only to be thrown away.
  if (text.length > Math.ceil(maxBytes / 3) * 4 + 64) return { rejected: 'too-large' };
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return { rejected: 'not-base64' };
  const jpeg = Buffer.from(compact, 'base64');
  if (jpeg.length > maxBytes) return { rejected: 'too-large' };
  if (!isJpeg(jpeg)) return { rejected: 'not-jpeg' };
  return { jpeg };
}

export interface GrabRequest { eventId: string; camera: { id: string; rtspUrl: string; unitPath: string }; score: number; at: Date }

export interface EventSnapshotTaker {
  /** Queues a grab for the event; returns at once. */
  request(grab: GrabRequest): void;
  /** Resolves when every grab requested so far is stored or given up (tests, shutdown). */
  idle(): Promise<void>;
}

export function createEventSnapshotTaker(options: { db: Db; snapshots: Snapshots; log: FastifyBaseLogger; maxPending?: number }): EventSnapshotTaker {
  const { db, snapshots, log } = options;
  const maxPending = options.maxPending ?? MAX_PENDING_GRABS;
  const pending = new Set<Promise<void>>();

  async function grabAndStore(grab: GrabRequest): Promise<void> {
    try {
      // A cached still taken before the event would show the moment before it: only a frame from after `at`.
      const snapshot = await snapshots.get(grab.camera, { freshSince: grab.at });
      const stored = await db.transaction(async (tx) => {
        const inserted = await insertGrabbedSnapshot(tx, { eventId: grab.eventId, jpeg: snapshot.jpeg, score: grab.score, takenAt: snapshot.takenAt });
        if (inserted) {
          await publish(tx, { topic: 'cameras', type: 'camera.event.snapshot', unitPath: grab.camera.unitPath, ids: [grab.camera.id], data: { eventId: grab.eventId } });
        }
        return inserted;
      });
      if (stored) counters.grabsStored += 1;
    } catch (err) {
      counters.grabsFailed += 1;
      log.warn({ eventId: grab.eventId, cameraId: grab.camera.id, reason: (err as Error).message }, 'camera event snapshot: grab failed');
    }
  }

  return {
    request(grab) {
      if (pending.size >= maxPending) {
        counters.grabsSkipped += 1;
        log.warn({ eventId: grab.eventId, pending: pending.size }, 'camera event snapshot: too many grabs waiting, skipped');
        return;
      }
      const work = grabAndStore(grab).finally(() => { pending.delete(work); });
      pending.add(work);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
