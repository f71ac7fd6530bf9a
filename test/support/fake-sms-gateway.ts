// A stand-in for an HTTP brandname SMS gateway on 127.0.0.1, speaking the ASSUMED payload of
// docs/feedback-channels.md ("SMS gateway"): it checks the API key, the brandname, the number (84 + 9 digits),
// the text (GSM-7 unless `unicode`, at most `maxSegments` segments), takes a repeated requestId once
// ("duplicate"), can fail the next requests as told, and records everything for the tests.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsSent { to: string; from: string; text: string; unicode: boolean; requestId: string }
export interface SmsGatewayRequest { headers: IncomingHttpHeaders; body: unknown; status: number; answer: unknown }

export interface FakeSmsGateway {
  url: string;
  /** Messages accepted, in order (a repeated requestId once). */
  sent: SmsSent[];
  requests: SmsGatewayRequest[];
  /** The next requests fail with this HTTP status (e.g. 503), one per entry. */
  failNext(...statuses: number[]): void;
  /** Numbers the gateway refuses (HTTP 200, status "rejected": not reachable on this route). */
  unreachable: Set<string>;
  close(): Promise<void>;
}

export async function startFakeSmsGateway(options: { apiKey: string; sender: string; maxSegments?: number }): Promise<FakeSmsGateway> {
  const sent: SmsSent[] = [];
  const requests: SmsGatewayRequest[] = [];
  const failures: number[] = [];
  const unreachable = new Set<string>();
  const maxSegments = options.maxSegments ?? 3;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown = null;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = null; }
      const answer = (status: number, json: unknown) => {
        requests.push({ headers: req.headers, body, status, answer: json });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://fake').pathname !== '/sms/send') return answer(404, { status: 'error', error: 'unknown path' });
      const failure = failures.shift();
      if (failure !== undefined) return answer(failure, { status: 'error', error: 'scripted failure' });
      if (req.headers['x-api-key'] !== options.apiKey) return answer(401, { status: 'error', error: 'invalid api key' });
      const b = (body ?? {}) as Partial<Record<'from' | 'to' | 'text' | 'requestId' | 'unicode', unknown>>;
      if (b.from !== options.sender) return answer(400, { status: 'error', error: 'brandname not registered' });
      if (typeof b.to !== 'string' || !/^84[35789]\d{8}$/.test(b.to)) return answer(400, { status: 'error', error: 'invalid number' });
      if (typeof b.requestId !== 'string' || !b.requestId) return answer(400, { status: 'error', error: 'requestId required' });
      if (typeof b.text !== 'string' || !b.text || typeof b.unicode !== 'boolean') return answer(400, { status: 'error', error: 'invalid text' });
      // A GSM-7 route: printable ASCII and newlines (the backquote and the extension table aside, as our adapter sends).
      if (!b.unicode && /[^\n\x20-\x7e]/.test(b.text)) return answer(400, { status: 'error', error: 'non-GSM characters on a non-unicode message' });
      const perSegment = b.unicode ? (b.text.length <= 70 ? 70 : 67) : (b.text.length <= 160 ? 160 : 153);
      const segments = Math.ceil(b.text.length / perSegment);
      if (segments > maxSegments) return answer(400, { status: 'error', error: `too long: ${segments} segments` });
      if (sent.some((s) => s.requestId === b.requestId)) return answer(200, { status: 'duplicate', requestId: b.requestId });
      if (unreachable.has(b.to)) return answer(200, { status: 'rejected', error: 'subscriber not reachable on this route' });
      sent.push({ to: b.to, from: b.from, text: b.text, unicode: b.unicode, requestId: b.requestId });
      return answer(200, { status: 'accepted', messageId: `sms-${sent.length}`, segments });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    sent, requests, unreachable,
    failNext: (...statuses) => { failures.push(...statuses); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
