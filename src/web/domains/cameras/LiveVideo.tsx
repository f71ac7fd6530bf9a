// Live video of one camera: fragmented MP4 over a websocket into Media Source Extensions. Keeps to the live
// edge (jumps ahead when more than a second is buffered), trims old buffer, reconnects with backoff.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { liveUrl } from './cameras.api.js';

type LiveState = 'connecting' | 'playing' | 'reconnecting' | 'unavailable' | 'limit' | 'ended' | 'unsupported';

const MAX_LAG_S = 1.0;        // more buffered than this ahead of the playhead: jump to the edge
const KEEP_BEHIND_S = 10;     // buffer kept behind the playhead
const MAX_BACKOFF_MS = 15_000;

export function LiveVideo({ cameraId, name, compact = false }: { cameraId: string; name: string; compact?: boolean }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<LiveState>('connecting');
  const [lag, setLag] = useState<number | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    if (typeof MediaSource === 'undefined') { setState('unsupported'); return; }
    let socket: WebSocket | null = null;
    let source: MediaSource | null = null;
    let buffer: SourceBuffer | null = null;
    let objectUrl: string | null = null;
    let queue: ArrayBuffer[] = [];
    let stopped = false;
    let finalState: LiveState | null = null;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    const keepToEdge = () => {
      if (!buffer || buffer.updating || video.buffered.length === 0) return;
      const end = video.buffered.end(video.buffered.length - 1);
      const start = video.buffered.start(0);
      if (end - video.currentTime > MAX_LAG_S) video.currentTime = Math.max(start, end - 0.15);
      setLag(Math.max(0, end - video.currentTime));
      if (video.currentTime - start > KEEP_BEHIND_S * 2) {
        try { buffer.remove(start, video.currentTime - KEEP_BEHIND_S); } catch { /* retried on the next update */ }
      }
    };

    const pump = () => {
      if (!buffer || buffer.updating || queue.length === 0 || source?.readyState !== 'open') return;
      try {
        buffer.appendBuffer(queue.shift()!);
      } catch (error) {
        // Quota exceeded: drop what is behind the playhead and go on from the next fragment.
        if (error instanceof DOMException && error.name === 'QuotaExceededError' && video.buffered.length) {
          try { buffer.remove(video.buffered.start(0), Math.max(video.buffered.start(0) + 0.1, video.currentTime - 1)); } catch { /* ignore */ }
        }
      }
    };

    const startSource = (mime: string) => {
      // A new init segment (first one, or ffmpeg restarted on the server): a fresh MediaSource.
      queue = [];
      buffer = null;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      if (!MediaSource.isTypeSupported(mime)) { finalState = 'unsupported'; setState('unsupported'); socket?.close(); return; }
      const ms = new MediaSource();
      source = ms;
      objectUrl = URL.createObjectURL(ms);
      video.src = objectUrl;
      ms.addEventListener('sourceopen', () => {
        if (source !== ms) return;
        buffer = ms.addSourceBuffer(mime);
        buffer.mode = 'segments';
        buffer.addEventListener('updateend', () => { keepToEdge(); pump(); });
        pump();
      }, { once: true });
    };

    const connect = () => {
      setState(attempt === 0 ? 'connecting' : 'reconnecting');
      const ws = new WebSocket(liveUrl(cameraId));
      socket = ws;
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (message: MessageEvent<string | ArrayBuffer>) => {
        if (typeof message.data === 'string') {
          const control = JSON.parse(message.data) as { type: string; mime?: string; code?: string };
          if (control.type === 'init' && control.mime) startSource(control.mime);
          else if (control.type === 'error') {
            finalState = control.code === 'stream-limit' ? 'limit' : control.code === 'stream-ended' ? 'ended' : 'unavailable';
            setState(finalState);
          }
          return;
        }
        attempt = 0;   // video came: the next drop starts the backoff afresh
        queue.push(message.data);
        pump();
      };
      ws.onclose = () => {
        if (stopped || finalState === 'unsupported') return;
        // A camera that is unreachable, a full server or a changed camera: try again, slowly when it keeps failing.
        attempt += 1;
        if (!finalState) setState('reconnecting');
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt, 4));
        retryTimer = setTimeout(() => { finalState = null; connect(); }, delay);
      };
    };

    const onPlaying = () => setState('playing');
    const onCanPlay = () => { void video.play().catch(() => { /* autoplay of a muted video is allowed */ }); };
    video.addEventListener('playing', onPlaying);
    video.addEventListener('canplay', onCanPlay);
    const edgeTimer = setInterval(keepToEdge, 1000);
    connect();
    return () => {
      stopped = true;
      clearInterval(edgeTimer);
      if (retryTimer) clearTimeout(retryTimer);
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('canplay', onCanPlay);
      socket?.close();
      video.removeAttribute('src');
      video.load();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [cameraId]);

  return (
    <figure className={`cam-live${compact ? ' cam-live-compact' : ''}`} data-state={state} data-camera-id={cameraId}>
      <video ref={videoRef} muted autoPlay playsInline aria-label={name} data-testid="live-video" />
      <figcaption className="cam-live-state">
        <span className={`cam-dot cam-dot-${state}`} aria-hidden="true" />
        {state === 'playing' ? t('cam.live.playing') : t(`cam.live.${state}`)}
        {state === 'playing' && lag !== null && !compact && <span className="muted"> · {t('cam.live.latency', { seconds: lag.toFixed(1) })}</span>}
      </figcaption>
    </figure>
  );
}
