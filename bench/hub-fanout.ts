// hub-fanout: N websocket clients on /api/hub; one agency is created (POST /api/agencies) and we time from
// just before the write is sent to each client's receipt of the event. Baseline: a bare `ws` server in this
// process broadcasting a message of the same shape to the same number of clients.
import type { Worker } from 'node:worker_threads';
import { WebSocketServer } from 'ws';
import {
  type BenchOptions, type BenchRow, createApiKey, type DatabaseKind, formatMs, formatRatio, listenApp, nowMs,
  openBenchDatabase, percentile, postJson, signIn, sleep, startTsWorker, unitIdByCode,
} from './bench-setup.js';
import type { HubClientsCommand, HubClientsData, HubClientsMessage } from './hub-clients.worker.js';

// A wall map or an operator's list should show a change well inside the time a person notices a lag.
const GOAL_P99_MS = 300;
const COLLECT_TIMEOUT_MS = 10_000;

interface Fanout { latencies: number[]; missing: number; triggerMs: number[]; connectMs: number }

/** Clients in a worker; `trigger(key)` makes the server emit one event carrying data.code = key. */
async function measureFanout(data: HubClientsData, events: number, trigger: (key: string) => Promise<void>): Promise<Fanout> {
  const worker: Worker = startTsWorker(new URL('./hub-clients.worker.ts', import.meta.url), data);
  const inbox: HubClientsMessage[] = [];
  const waiters: (() => void)[] = [];
  let failure: Error | null = null;
  worker.on('message', (m: HubClientsMessage) => { inbox.push(m); waiters.splice(0).forEach((w) => w()); });
  worker.on('error', (err) => { failure = err; waiters.splice(0).forEach((w) => w()); });
  async function next<T extends HubClientsMessage['type']>(type: T): Promise<Extract<HubClientsMessage, { type: T }>> {
    for (;;) {
      if (failure) throw failure;
      const index = inbox.findIndex((m) => m.type === type || m.type === 'failed');
      if (index >= 0) {
        const [m] = inbox.splice(index, 1);
        if (m!.type === 'failed') throw new Error(`hub clients: ${m!.error}`);
        return m as Extract<HubClientsMessage, { type: T }>;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }
  const send = (command: HubClientsCommand) => worker.postMessage(command);

  try {
    const ready = await next('ready');
    const result: Fanout = { latencies: [], missing: 0, triggerMs: [], connectMs: ready.connectMs };
    for (let i = -1; i < events; i++) {                 // event -1 warms the path and is not counted
      const key = `BENCH-${process.pid}-${Date.now().toString(36)}-${i + 1}`;
      const t0 = nowMs();
      await trigger(key);
      const t1 = nowMs();
      send({ cmd: 'collect', key, timeoutMs: COLLECT_TIMEOUT_MS });
      const { times } = await next('collected');
      if (i >= 0) {
        result.latencies.push(...times.map((t) => t - t0));
        result.missing += data.count - times.length;
        result.triggerMs.push(t1 - t0);
      }
      await sleep(100);
    }
    send({ cmd: 'close' });
    await next('closed');
    return result;
  } finally {
    await worker.terminate();
  }
}

async function measureBare(clients: number, events: number, sampleEvent: (key: string) => unknown): Promise<Fanout> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => { socket.send(JSON.stringify({ type: 'hub.hello', lastSeq: 0, replayed: 0 })); });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    return await measureFanout({ url: `ws://127.0.0.1:${port}/`, headers: {}, count: clients }, events, async (key) => {
      const raw = JSON.stringify(sampleEvent(key));
      for (const socket of server.clients) socket.send(raw);
    });
  } finally {
    for (const socket of server.clients) socket.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function measureHubFanout(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const clients = options.quick ? 100 : 500;
  const events = options.quick ? 5 : 20;
  const database = await openBenchDatabase(kind, 'hub');
  const ioc = await listenApp(database);
  try {
    const admin = await signIn(ioc.baseUrl);
    const districtId = await unitIdByCode(ioc.baseUrl, admin, '689');
    const secret = await createApiKey(ioc.baseUrl, admin, 'bench-hub', 'viewer', districtId);

    let seq = 0;
    const sampleEvent = (key: string) => ({
      seq: ++seq, type: 'agency.created', topic: 'agencies', unitPath: '1.70.689', at: new Date().toISOString(),
      data: { ids: ['0190a3b2-0000-7000-8000-000000000000'], code: key, name: `Cơ quan đo tải ${key}` },
    });
    const base = await measureBare(clients, events, sampleEvent);

    const hubUrl = `${ioc.baseUrl.replace(/^http/, 'ws')}/api/hub?topics=units,agencies`;
    const real = await measureFanout({ url: hubUrl, headers: { 'x-api-key': secret }, count: clients }, events, async (key) => {
      await postJson(ioc.baseUrl, admin, '/api/agencies', { code: key, name: `Cơ quan đo tải ${key}`, nameEn: `Bench agency ${key}`, kind: 'other', unitId: districtId, validFrom: '2024-01-01' });
    });

    const p50 = percentile(real.latencies, 50);
    const p99 = percentile(real.latencies, 99);
    const baseP50 = percentile(base.latencies, 50);
    const baseP99 = percentile(base.latencies, 99);
    const received = `${real.latencies.length}/${clients * events} received`;
    return [
      {
        measure: `hub-fanout p50 (${clients} clients × ${events} events)`, database: kind,
        value: formatMs(p50), baseline: formatMs(baseP50), ratio: formatRatio(p50, baseP50), goal: '-', pass: null,
      },
      {
        measure: `hub-fanout p99 (${received})`, database: kind,
        value: formatMs(p99), baseline: formatMs(baseP99), ratio: formatRatio(p99, baseP99),
        goal: `< ${GOAL_P99_MS} ms, none lost`, pass: p99 < GOAL_P99_MS && real.missing === 0,
      },
      {
        measure: 'hub-fanout: the trigger (POST → 201 / bare: send loop), p50', database: kind,
        value: formatMs(percentile(real.triggerMs, 50)), baseline: formatMs(percentile(base.triggerMs, 50)), ratio: '-', goal: '-', pass: null,
      },
      {
        measure: `hub-fanout: connecting ${clients} clients`, database: kind,
        value: formatMs(real.connectMs), baseline: formatMs(base.connectMs), ratio: formatRatio(real.connectMs, base.connectMs), goal: '-', pass: null,
      },
    ];
  } finally {
    await ioc.close();
  }
}
