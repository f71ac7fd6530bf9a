// Worker thread: holds N websocket clients of one server and timestamps, per client, the arrival of each
// event (keyed by data.code) so that the parent can compute fan-out latency without sharing its event loop.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

export interface HubClientsData { url: string; headers: Record<string, string>; count: number }
export type HubClientsCommand = { cmd: 'collect'; key: string; timeoutMs: number } | { cmd: 'close' };
export type HubClientsMessage =
  | { type: 'ready'; connected: number; connectMs: number }
  | { type: 'collected'; key: string; times: number[] }
  | { type: 'closed' }
  | { type: 'failed'; error: string };

const { url, headers, count } = workerData as HubClientsData;
const port = parentPort!;
const receipts = new Map<string, number[]>();
const waiting = new Map<string, () => void>();
const sockets: WebSocket[] = [];

function onEvent(raw: WebSocket.RawData, at: number): void {
  const message = JSON.parse(raw.toString()) as { type?: string; data?: { code?: string } };
  const key = message.data?.code;
  if (!key) return;
  let times = receipts.get(key);
  if (!times) receipts.set(key, times = []);
  times.push(at);
  if (times.length >= count) waiting.get(key)?.();
}

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    let greeted = false;
    socket.on('message', (raw) => {
      const at = performance.timeOrigin + performance.now();
      if (!greeted) { greeted = true; resolve(socket); return; }   // hub.hello
      onEvent(raw, at);
    });
    socket.once('error', reject);
    socket.once('close', (code) => { if (!greeted) reject(new Error(`closed before hello: ${code}`)); });
  });
}

try {
  const t0 = performance.now();
  const batch = 50;
  for (let i = 0; i < count; i += batch) {
    sockets.push(...await Promise.all(Array.from({ length: Math.min(batch, count - i) }, connect)));
  }
  port.postMessage({ type: 'ready', connected: sockets.length, connectMs: performance.now() - t0 } satisfies HubClientsMessage);
} catch (err) {
  port.postMessage({ type: 'failed', error: String(err) } satisfies HubClientsMessage);
}

port.on('message', (command: HubClientsCommand) => {
  if (command.cmd === 'collect') {
    const done = () => {
      clearTimeout(timer);
      waiting.delete(command.key);
      port.postMessage({ type: 'collected', key: command.key, times: receipts.get(command.key) ?? [] } satisfies HubClientsMessage);
      receipts.delete(command.key);
    };
    const timer = setTimeout(done, command.timeoutMs);
    if ((receipts.get(command.key)?.length ?? 0) >= count) done();
    else waiting.set(command.key, done);
    return;
  }
  let open = sockets.length + 1;
  const closedOne = () => { if (--open === 0) port.postMessage({ type: 'closed' } satisfies HubClientsMessage); };
  for (const socket of sockets) {
    if (socket.readyState === WebSocket.CLOSED) { closedOne(); continue; }
    socket.once('close', closedOne);
    socket.close();
  }
  closedOne();
});
