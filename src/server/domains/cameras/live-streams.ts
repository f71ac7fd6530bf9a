// Live view: one ffmpeg per watched camera turns its RTSP stream into fragmented MP4 (H.264 copied when the
// camera sends H.264, else transcoded), shared by every viewer of that camera, pushed over websockets into the
// browser's Media Source Extensions. Started by the first viewer, stopped a grace period after the last one
// leaves; capped per process; restarted with backoff when it dies, reported as failed when it keeps dying.
import { type ChildProcess, spawn } from 'node:child_process';
import type { FastifyBaseLogger } from 'fastify';
import type { LiveStream } from '../../../shared/contracts/cameras.js';
import type { CamerasConfig } from './cameras.config.js';
import { createFmp4Reader, type Fragment } from './fmp4.js';
import { redactCredentials } from './rtsp-address.js';

export interface LiveViewer {
  /** Text control message (JSON) or a binary chunk of the fMP4 stream. */
  send(message: string | Buffer): void;
  /** Bytes queued and not yet sent: a viewer that falls behind skips to the next keyframe. */
  backlog(): number;
  close(code: number, reason: string): void;
}

export interface LiveSource { id: string; name: string; rtspUrl: string }

type Mode = 'copy' | 'transcode';

interface Stream {
  camera: LiveSource;
  viewers: Map<LiveViewer, { waitingForKeyframe: boolean }>;
  child: ChildProcess | null;
  state: 'starting' | 'running' | 'stopping' | 'failed';
  mode: Mode;
  init: { data: Buffer; mime: string } | null;
  gop: Fragment[];           // fragments since the last keyframe: a late viewer starts from there
  gopBytes: number;
  startedAt: Date;
  restarts: number;
  failuresInRow: number;
  bytesOut: number;
  lastDataAt: number;
  idleTimer: NodeJS.Timeout | null;
  restartTimer: NodeJS.Timeout | null;
}

const MAX_GOP_BYTES = 8 * 1024 * 1024;         // a camera with a very long keyframe interval must not grow memory
const MAX_VIEWER_BACKLOG = 2 * 1024 * 1024;
const MAX_FAILURES_IN_ROW = 4;
const KILL_AFTER_MS = 2000;

export class StreamLimitError extends Error {}

export interface LiveStreams {
  /** Adds a viewer; starts ffmpeg when it is the camera's first. Throws StreamLimitError when the cap is reached. */
  join(camera: LiveSource, viewer: LiveViewer): void;
  leave(cameraId: string, viewer: LiveViewer): void;
  /** Ends a camera's stream at once (its address changed, it was disabled or deleted); viewers are told. */
  end(cameraId: string): void;
  list(): LiveStream[];
  viewersOf(cameraId: string): { viewers: number; running: boolean };
  close(): Promise<void>;
}

export function createLiveStreams(options: {
  config: Pick<CamerasConfig, 'maxStreams' | 'idleMs' | 'connectTimeoutMs' | 'ffmpegPath'>;
  log: FastifyBaseLogger;
  /** Called when a camera is seen producing video (true) or failing to (false). */
  onReachability?: (cameraId: string, reachable: boolean) => void;
}): LiveStreams {
  const { config, log } = options;
  const streams = new Map<string, Stream>();
  // The codec a camera turned out to send: a non-H.264 camera is transcoded from then on.
  const modeOf = new Map<string, Mode>();
  const exits = new Set<Promise<void>>();
  let closed = false;

  const watchdog = setInterval(() => {
    for (const s of streams.values()) {
      // A camera that stops sending without closing the connection: restart its ffmpeg.
      if (s.state === 'running' && s.child && Date.now() - s.lastDataAt > config.connectTimeoutMs * 2) {
        log.warn({ cameraId: s.camera.id }, 'live stream stalled; restarting ffmpeg');
        s.child.kill('SIGKILL');
      }
    }
  }, 1000);
  watchdog.unref();

  function sendControl(viewer: LiveViewer, message: unknown): void {
    try { viewer.send(JSON.stringify(message)); } catch { /* the socket is closing */ }
  }

  function deliver(s: Stream, viewer: LiveViewer, state: { waitingForKeyframe: boolean }, fragment: Fragment): void {
    if (state.waitingForKeyframe) {
      if (!fragment.isKeyframe) return;
      state.waitingForKeyframe = false;
    }
    if (viewer.backlog() > MAX_VIEWER_BACKLOG) { state.waitingForKeyframe = true; return; }
    try { viewer.send(fragment.data); s.bytesOut += fragment.data.length; } catch { /* closing */ }
  }

  function spawnFfmpeg(s: Stream): void {
    s.state = s.init ? 'running' : 'starting';
    const args = ffmpegArgs(s.camera.rtspUrl, s.mode, config.connectTimeoutMs);
    const child = spawn(config.ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    s.child = child;
    s.lastDataAt = Date.now();
    let stderrTail = '';
    let sourceCodec: string | null = null;
    let gotVideo = false;
    const reader = createFmp4Reader({
      onInit(data, mime) {
        // A restarted ffmpeg sends a new init segment: viewers reinitialise their decoder from it.
        s.init = { data, mime };
        s.gop = [];
        s.gopBytes = 0;
        for (const [viewer, state] of s.viewers) {
          sendControl(viewer, { type: 'init', mime });
          try { viewer.send(data); } catch { /* closing */ }
          state.waitingForKeyframe = true;
        }
      },
      onFragment(fragment) {
        if (!gotVideo) {
          gotVideo = true;
          s.state = 'running';
          s.failuresInRow = 0;
          options.onReachability?.(s.camera.id, true);
        }
        if (fragment.isKeyframe || s.gopBytes > MAX_GOP_BYTES) { s.gop = []; s.gopBytes = 0; }
        s.gop.push(fragment);
        s.gopBytes += fragment.data.length;
        for (const [viewer, state] of s.viewers) deliver(s, viewer, state, fragment);
      },
    });
    child.stdout.on('data', (chunk: Buffer) => {
      s.lastDataAt = Date.now();
      try { reader.push(chunk); } catch (err) {
        log.warn({ cameraId: s.camera.id, err: (err as Error).message }, 'unreadable ffmpeg output; restarting');
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      // ffmpeg may print the source address (with its credentials): keep only a redacted tail for the log.
      stderrTail = redactCredentials((stderrTail + chunk.toString('utf8')).slice(-4000));
      if (!sourceCodec) {
        const m = /Stream #0:\d+[^:]*: Video: (\w+)/.exec(stderrTail);
        if (m) {
          sourceCodec = m[1]!;
          if (s.mode === 'copy' && sourceCodec !== 'h264') {
            log.info({ cameraId: s.camera.id, codec: sourceCodec }, 'camera does not send H.264; transcoding it');
            modeOf.set(s.camera.id, 'transcode');
            s.mode = 'transcode';
            s.failuresInRow = -1;   // not a failure: a switch of mode
            child.kill('SIGKILL');
          }
        }
      }
    });
    const exited = new Promise<void>((resolve) => {
      child.on('close', (code, signal) => {
        exits.delete(exited);
        resolve();
        if (s.child === child) s.child = null;
        if (closed || s.state === 'stopping') return;
        s.failuresInRow += 1;
        const lastLine = stderrTail.trim().split('\n').slice(-2).join(' | ');
        log.warn({ cameraId: s.camera.id, code, signal, ffmpeg: lastLine }, 'ffmpeg of a live stream exited');
        if (!gotVideo && s.failuresInRow > 0) options.onReachability?.(s.camera.id, false);
        if (s.failuresInRow >= MAX_FAILURES_IN_ROW) {
          s.state = 'failed';
          for (const viewer of s.viewers.keys()) {
            sendControl(viewer, { type: 'error', code: 'camera-unavailable' });
            viewer.close(1011, 'camera unavailable');
          }
          streams.delete(s.camera.id);
          return;
        }
        // Backoff 0.5 s, 1 s, 2 s…; the stream stays registered (and counted) meanwhile.
        const delay = s.failuresInRow <= 0 ? 0 : 500 * 2 ** (s.failuresInRow - 1);
        s.restarts += 1;
        s.restartTimer = setTimeout(() => { s.restartTimer = null; if (!closed && streams.get(s.camera.id) === s) spawnFfmpeg(s); }, delay);
      });
      child.on('error', (err) => { log.warn({ cameraId: s.camera.id, err: err.message }, 'ffmpeg could not be started'); });
    });
    exits.add(exited);
  }

  function stopStream(s: Stream): void {
    s.state = 'stopping';
    if (s.idleTimer) clearTimeout(s.idleTimer);
    if (s.restartTimer) clearTimeout(s.restartTimer);
    streams.delete(s.camera.id);
    const child = s.child;
    if (!child) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, KILL_AFTER_MS);
    killer.unref();
    child.once('close', () => clearTimeout(killer));
  }

  return {
    join(camera, viewer) {
      if (closed) throw new StreamLimitError('closed');
      let s = streams.get(camera.id);
      if (!s) {
        if (streams.size >= config.maxStreams) throw new StreamLimitError(`at most ${config.maxStreams} live streams`);
        s = {
          camera, viewers: new Map(), child: null, state: 'starting', mode: modeOf.get(camera.id) ?? 'copy', init: null, gop: [], gopBytes: 0,
          startedAt: new Date(), restarts: 0, failuresInRow: 0, bytesOut: 0, lastDataAt: Date.now(), idleTimer: null, restartTimer: null,
        };
        streams.set(camera.id, s);
        spawnFfmpeg(s);
      }
      if (s.idleTimer) { clearTimeout(s.idleTimer); s.idleTimer = null; }
      const state = { waitingForKeyframe: false };
      s.viewers.set(viewer, state);
      if (s.init) {
        sendControl(viewer, { type: 'init', mime: s.init.mime });
        viewer.send(s.init.data);
        for (const fragment of s.gop) deliver(s, viewer, state, fragment);
      }
    },
    leave(cameraId, viewer) {
      const s = streams.get(cameraId);
      if (!s || !s.viewers.delete(viewer) || s.viewers.size > 0) return;
      // Nobody watches: stop after a grace period (a page reload or a wall rotation comes straight back).
      s.idleTimer = setTimeout(() => { if (s.viewers.size === 0 && streams.get(cameraId) === s) stopStream(s); }, config.idleMs);
      s.idleTimer.unref();
    },
    end(cameraId) {
      const s = streams.get(cameraId);
      if (!s) return;
      for (const viewer of s.viewers.keys()) {
        sendControl(viewer, { type: 'error', code: 'stream-ended' });
        viewer.close(1000, 'stream ended');
      }
      s.viewers.clear();
      stopStream(s);
    },
    list() {
      return [...streams.values()].map((s) => ({
        cameraId: s.camera.id, cameraName: s.camera.name, viewers: s.viewers.size, pid: s.child?.pid ?? null,
        state: s.state, mode: s.mode, startedAt: s.startedAt.toISOString(), restarts: s.restarts, bytesOut: s.bytesOut,
      }));
    },
    viewersOf(cameraId) {
      const s = streams.get(cameraId);
      return { viewers: s?.viewers.size ?? 0, running: s?.state === 'running' };
    },
    async close() {
      closed = true;
      clearInterval(watchdog);
      for (const s of [...streams.values()]) {
        for (const viewer of s.viewers.keys()) viewer.close(1001, 'server shutting down');
        stopStream(s);
      }
      await Promise.all([...exits]);
    },
  };
}

/** Low-latency arguments: no input buffering, small probe, 100 ms fragments, no audio (operators watch, not listen). */
export function ffmpegArgs(rtspUrl: string, mode: Mode, timeoutMs: number): string[] {
  const input = [
    '-hide_banner', '-nostats', '-loglevel', 'info', '-nostdin',
    '-rtsp_transport', 'tcp', '-timeout', String(timeoutMs * 1000),
    '-fflags', 'nobuffer', '-flags', 'low_delay', '-analyzeduration', '1000000', '-probesize', '500000',
    '-i', rtspUrl, '-map', '0:v:0', '-an', '-sn', '-dn',
  ];
  const video = mode === 'copy'
    ? ['-c:v', 'copy']
    : ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-bf', '0',
        '-g', '25', '-vf', "scale=-2:'min(720,ih)'", '-b:v', '1500k', '-maxrate', '2000k', '-bufsize', '1000k'];
  const output = ['-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '100000', 'pipe:1'];
  return [...input, ...video, ...output];
}
