// Live hub client: one websocket to /api/hub, resumed from the last seq after a drop, turning events into
// query invalidations and keeping the newest events for the ticker.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { hubTopics, type HubControl, type HubEvent, type HubTopic } from '../../shared/realtime.js';

export type HubState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface HubSnapshot {
  state: HubState;
  lastSeq: number;
  events: readonly HubEvent[];
}

/** Query key prefixes each topic invalidates; every event also invalidates the audit log. */
const topicKeys: Record<HubTopic, QueryKey[]> = {
  units: [['units']],
  agencies: [['agencies']],
  accounts: [['users'], ['apiKeys']],
  indicators: [['indicators'], ['forms'], ['analytics']],
  dossiers: [['dossiers'], ['procedures']],
  notifications: [['notifications']],
  system: [],
  feedback: [['feedback']],
  // Telemetry streams values at a high rate: live views read the events themselves instead of refetching.
  telemetry: [],
  alarms: [['alarms']],
  incidents: [['incidents']],
  cameras: [['cameras']],
  walls: [['walls']],
};

const RECENT_LIMIT = 50;
const MAX_BACKOFF_MS = 30_000;

export class HubClient {
  private socket: WebSocket | null = null;
  private snapshot: HubSnapshot = { state: 'closed', lastSeq: 0, events: [] };
  private readonly listeners = new Set<() => void>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly topics: readonly HubTopic[] = hubTopics,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'bye');
    this.update({ state: 'closed' });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): HubSnapshot => this.snapshot;

  private update(patch: Partial<HubSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private connect(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const params = new URLSearchParams({ since: String(this.snapshot.lastSeq), topics: this.topics.join(',') });
    const url = `${scheme}://${window.location.host}/api/hub?${params.toString()}`;
    this.update({ state: this.attempt === 0 ? 'connecting' : 'reconnecting' });
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.update({ state: 'open' });
    };
    socket.onmessage = (message) => this.onMessage(message.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    socket.onerror = () => socket.close();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.attempt += 1;
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 6));
    const delay = base / 2 + Math.random() * (base / 2);
    this.update({ state: 'reconnecting' });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private onMessage(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try { message = JSON.parse(raw); } catch { return; }
    if (!message || typeof message !== 'object') return;
    const typed = message as Partial<HubEvent> & Partial<HubControl>;
    if (typed.type === 'hub.hello') {
      const hello = typed as Extract<HubControl, { type: 'hub.hello' }>;
      this.update({ lastSeq: Math.max(this.snapshot.lastSeq, hello.lastSeq) });
      return;
    }
    if (typed.type === 'hub.reset') {
      const reset = typed as Extract<HubControl, { type: 'hub.reset' }>;
      this.update({ lastSeq: reset.lastSeq });
      void this.queryClient.invalidateQueries();
      return;
    }
    if (typeof typed.seq !== 'number' || typeof typed.type !== 'string' || typeof typed.topic !== 'string') return;
    const event = typed as HubEvent;
    if (event.seq <= this.snapshot.lastSeq && this.snapshot.events.some((e) => e.seq === event.seq)) return;
    const events = [event, ...this.snapshot.events].sort((a, b) => b.seq - a.seq).slice(0, RECENT_LIMIT);
    this.update({ lastSeq: Math.max(this.snapshot.lastSeq, event.seq), events });
    for (const queryKey of topicKeys[event.topic] ?? []) void this.queryClient.invalidateQueries({ queryKey });
    void this.queryClient.invalidateQueries({ queryKey: ['audit'] });
  }
}
