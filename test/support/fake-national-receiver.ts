// A stand-in for the Government reporting system: a real HTTP server on 127.0.0.1 that fails the first
// requests as told, then accepts packets with a JSON receipt, drops a repeated Idempotency-Key as a
// duplicate, and records everything it received so tests can check the packets.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one of the first requests fails: an HTTP status at once, or a slow answer (then 504). */
export type ReceiverFailure = { status: number; body?: string } | { slowMs: number };

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** What the receiver answered: 'failed' (scripted failure), 'accepted', 'duplicate', 'refused' (bad token / body). */
  outcome: 'failed' | 'accepted' | 'duplicate' | 'refused';
}

export interface FakeNationalReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Packets accepted once each, in order, by Idempotency-Key. */
  accepted: { key: string; receiptId: string; packet: unknown }[];
  close(): Promise<void>;
}

export async function startFakeNationalReceiver(options: { failures?: ReceiverFailure[]; token?: string } = {}): Promise<FakeNationalReceiver> {
  const failures = [...(options.failures ?? [])];
  const requests: ReceivedRequest[] = [];
  const accepted: FakeNationalReceiver['accepted'] = [];
  const receipts = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try { body = JSON.parse(text); } catch { /* kept as text; refused below */ }
      const record: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, outcome: 'failed' };
      requests.push(record);
      const answer = (status: number, json: unknown) => {
        if (res.destroyed) return; // the client gave up (timeout)
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };

      const failure = failures.shift();
      if (failure && 'status' in failure) return answer(failure.status, { error: failure.body ?? `scripted failure ${failure.status}` });
      if (failure) {
        const timer = setTimeout(() => { timers.delete(timer); answer(504, { error: 'gateway timeout' }); }, failure.slowMs);
        timers.add(timer);
        return;
      }
      const key = req.headers['idempotency-key'];
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`) { record.outcome = 'refused'; return answer(401, { error: 'bad token' }); }
      if (typeof key !== 'string' || typeof body !== 'object' || body === null) { record.outcome = 'refused'; return answer(400, { error: 'a JSON packet and an Idempotency-Key are required' }); }
      const seen = receipts.get(key);
      if (seen) { record.outcome = 'duplicate'; return answer(200, { duplicate: true, receiptId: seen }); }
      const receiptId = randomUUID();
      receipts.set(key, receiptId);
      accepted.push({ key, receiptId, packet: body });
      record.outcome = 'accepted';
      return answer(200, { accepted: true, receiptId, receivedAt: new Date().toISOString() });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/reports`,
    requests,
    accepted,
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
