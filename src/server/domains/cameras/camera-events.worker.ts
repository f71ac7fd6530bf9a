// Background work of camera events in one process: old events and their pictures are deleted past the retention.
// Idempotent, so several processes may run it side by side.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import type { CamerasConfig } from './cameras.config.js';
import { applyCameraEventRetention } from './camera-events.service.js';

const RETENTION_EVERY_MS = 3_600_000;

export function startCameraEventRetention(db: Db, config: Pick<CamerasConfig, 'eventRetentionDays'>, log: FastifyBaseLogger): () => void {
  const run = () => applyCameraEventRetention(db, config.eventRetentionDays).then(
    (deleted) => { if (deleted) log.info({ deleted, days: config.eventRetentionDays }, 'camera events: retention deleted old events and their pictures'); },
    (err: unknown) => log.warn({ err }, 'camera events: retention failed'),
  );
  const first = setTimeout(() => { void run(); }, 30_000);
  const timer = setInterval(() => { void run(); }, RETENTION_EVERY_MS);
  first.unref();
  timer.unref();
  return () => { clearTimeout(first); clearInterval(timer); };
}
