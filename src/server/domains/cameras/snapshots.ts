// Snapshot thumbnails ("smart still"): one JPEG frame grabbed from the camera with ffmpeg, kept in memory and
// taken again only when someone asks for it after it got older than the refresh interval. Cameras nobody looks
// at are never contacted; concurrent requests for one camera share one grab; grabs are capped per process.
import { spawn } from 'node:child_process';
import type { FastifyBaseLogger } from 'fastify';
import type { CamerasConfig } from './cameras.config.js';
import { redactCredentials } from './rtsp-address.js';

export interface Snapshot { jpeg: Buffer; takenAt: Date }
export class SnapshotUnavailableError extends Error {}

export interface Snapshots {
  /**
   * The camera's snapshot, fresh within the refresh interval (and, with `freshSince`, not taken before that moment);
   * SnapshotUnavailableError when the camera cannot be reached.
   */
  get(camera: { id: string; rtspUrl: string }, options?: { freshSince?: Date }): Promise<Snapshot>;
  forget(cameraId: string): void;
  close(): Promise<void>;
}

const MAX_JPEG_BYTES = 4 * 1024 * 1024;
const KEEP_UNREQUESTED_MS = 10 * 60_000;

export function createSnapshots(options: {
  config: Pick<CamerasConfig, 'snapshotMaxAgeMs' | 'maxSnapshots' | 'connectTimeoutMs' | 'ffmpegPath'>;
  log: FastifyBaseLogger;
  onReachability?: (cameraId: string, reachable: boolean) => void;
}): Snapshots {
  const { config, log } = options;
  const cache = new Map<string, Snapshot & { requestedAt: number }>();
  const inFlight = new Map<string, Promise<Snapshot>>();
  // Cameras that just failed: asked again within the interval, they answer "unavailable" without a new attempt.
  const failedAt = new Map<string, number>();
  const children = new Set<ReturnType<typeof spawn>>();
  let running = 0;
  const queue: (() => void)[] = [];

  async function slot<T>(work: () => Promise<T>): Promise<T> {
    if (running >= config.maxSnapshots) await new Promise<void>((resolve) => queue.push(resolve));
    running += 1;
    try { return await work(); } finally {
      running -= 1;
      queue.shift()?.();
    }
  }

  function grab(rtspUrl: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(config.ffmpegPath, [
        '-hide_banner', '-nostats', '-loglevel', 'error', '-nostdin',
        '-rtsp_transport', 'tcp', '-timeout', String(config.connectTimeoutMs * 1000), '-analyzeduration', '1000000', '-probesize', '500000',
        '-i', rtspUrl, '-map', '0:v:0', '-frames:v', '1', '-vf', "scale=-2:'min(480,ih)'", '-q:v', '6', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1',
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), config.connectTimeoutMs + 5000);
      child.stdout.on('data', (c: Buffer) => { size += c.length; if (size <= MAX_JPEG_BYTES) chunks.push(c); else child.kill('SIGKILL'); });
      child.stderr.on('data', (c: Buffer) => { stderr = (stderr + c.toString('utf8')).slice(-2000); });
      child.on('error', (err) => { clearTimeout(timer); children.delete(child); reject(err); });
      child.on('close', (code) => {
        clearTimeout(timer);
        children.delete(child);
        const jpeg = Buffer.concat(chunks);
        if (code === 0 && jpeg.length > 0 && size <= MAX_JPEG_BYTES) resolve(jpeg);
        else reject(new Error(redactCredentials(stderr.trim().split('\n').slice(-1)[0] ?? `ffmpeg exited with ${code}`)));
      });
    });
  }

  function sweep(now: number): void {
    for (const [id, s] of cache) if (now - s.requestedAt > KEEP_UNREQUESTED_MS) cache.delete(id);
  }

  return {
    async get(camera, getOptions = {}) {
      const now = Date.now();
      const cached = cache.get(camera.id);
      const isFreshEnough = (s: Snapshot) => now - s.takenAt.getTime() < config.snapshotMaxAgeMs
        && (!getOptions.freshSince || s.takenAt.getTime() >= getOptions.freshSince.getTime());
      if (cached && isFreshEnough(cached)) { cached.requestedAt = now; return cached; }
      const failed = failedAt.get(camera.id);
      if (failed !== undefined && now - failed < config.snapshotMaxAgeMs) throw new SnapshotUnavailableError('camera unavailable');
      const pending = inFlight.get(camera.id);
      if (pending) return pending;
      const work = slot(() => grab(camera.rtspUrl)).then(
        (jpeg) => {
          const snapshot = { jpeg, takenAt: new Date(), requestedAt: Date.now() };
          cache.set(camera.id, snapshot);
          failedAt.delete(camera.id);
          options.onReachability?.(camera.id, true);
          return snapshot;
        },
        (err: unknown) => {
          failedAt.set(camera.id, Date.now());
          log.info({ cameraId: camera.id, reason: (err as Error).message }, 'camera snapshot failed');
          options.onReachability?.(camera.id, false);
          throw new SnapshotUnavailableError('camera unavailable');
        },
      ).finally(() => { inFlight.delete(camera.id); sweep(Date.now()); });
      inFlight.set(camera.id, work);
      return work;
    },
    forget(cameraId) {
      cache.delete(cameraId);
      failedAt.delete(cameraId);
    },
    async close() {
      for (const child of children) child.kill('SIGKILL');
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
