// Stand-ins for the Zalo OA OpenAPI and the Facebook Graph API on 127.0.0.1: they check what a platform
// checks (the access token, a recipient, a text within limits), answer as the platforms do (Zalo: HTTP 200
// with an `error` code; Graph: 200 or 4xx with an error object), can fail the first requests as told, and
// record everything for the tests. Payloads as assumed in docs/feedback-channels.md.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage { platform: 'zalo' | 'facebook'; recipient: string; text: string; headers: IncomingHttpHeaders; url: string }
export interface FakeRequest { method: string; url: string; headers: IncomingHttpHeaders; body: unknown; status: number; answer: unknown }

export interface FakeMessaging {
  url: string;
  /** Messages accepted, in order. */
  sent: SentMessage[];
  /** Every request with what it was answered. */
  requests: FakeRequest[];
  /** The next requests (any platform) fail with this HTTP status (e.g. 503), one per entry. */
  failNext(...statuses: number[]): void;
  /** Facebook recipients outside the 24-hour window: the Graph API refuses them (code 10, subcode 2018278). */
  outsideWindow: Set<string>;
  close(): Promise<void>;
}

export async function startFakeMessaging(options: { zaloToken: string; facebookToken: string }): Promise<FakeMessaging> {
  const sent: SentMessage[] = [];
  const requests: FakeRequest[] = [];
  const failures: number[] = [];
  const outsideWindow = new Set<string>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown = null;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = null; }
      const url = new URL(req.url ?? '/', 'http://fake');
      const answer = (status: number, json: unknown) => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, status, answer: json });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      const failure = failures.shift();
      if (failure !== undefined) return answer(failure, { error: { message: 'scripted failure' } });

      if (req.method === 'POST' && url.pathname === '/v3.0/oa/message/cs') {
        // Zalo answers HTTP 200 and puts its verdict in `error` (0 = sent).
        if (req.headers.access_token !== options.zaloToken) return answer(200, { error: -216, message: 'Access token is invalid' });
        const b = body as { recipient?: { user_id?: unknown }; message?: { text?: unknown } } | null;
        const recipient = b?.recipient?.user_id;
        const text = b?.message?.text;
        if (typeof recipient !== 'string' || !recipient) return answer(200, { error: -201, message: 'recipient.user_id is invalid' });
        if (typeof text !== 'string' || !text || text.length > 2000) return answer(200, { error: -201, message: 'message.text is invalid' });
        sent.push({ platform: 'zalo', recipient, text, headers: req.headers, url: req.url ?? '' });
        return answer(200, { error: 0, message: 'Success', data: { message_id: `zmsg-${sent.length}`, user_id: recipient } });
      }
      if (req.method === 'POST' && /^\/v[\d.]+\/me\/messages$/.test(url.pathname)) {
        if (url.searchParams.get('access_token') !== options.facebookToken) {
          return answer(400, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
        }
        const b = body as { recipient?: { id?: unknown }; messaging_type?: unknown; message?: { text?: unknown } } | null;
        const recipient = b?.recipient?.id;
        const text = b?.message?.text;
        if (typeof recipient !== 'string' || !recipient || typeof text !== 'string' || !text || text.length > 2000 || typeof b?.messaging_type !== 'string') {
          return answer(400, { error: { message: 'Invalid parameter', type: 'OAuthException', code: 100 } });
        }
        if (outsideWindow.has(recipient)) {
          return answer(400, { error: { message: 'This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278 } });
        }
        sent.push({ platform: 'facebook', recipient, text, headers: req.headers, url: req.url ?? '' });
        return answer(200, { recipient_id: recipient, message_id: `m_${sent.length}` });
      }
      return answer(404, { error: { message: 'unknown path' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent, requests, outsideWindow,
    failNext: (...statuses) => { failures.push(...statuses); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
