// A stand-in for a one-stop-shop system (hệ thống một cửa điện tử) that the dossier connector polls: a real
// HTTP server on 127.0.0.1 serving records changed since `updatedSince`, page by page (its own page size,
// as real systems cap it), in its own field names. It checks the bearer token, can fail the first requests
// as told, and records every request so tests can check what the connector sent.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type OneStopRecord = Record<string, unknown>;

export interface OneStopRequest { url: URL; headers: IncomingHttpHeaders; status: number }

export interface FakeOneStopShop {
  url: string;
  records: OneStopRecord[];
  requests: OneStopRequest[];
  /** The next `n` requests answer `status` (500 by default); replaces what was scheduled, so 0 clears it. */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

/** `updatedField`: the record field holding its last change (their name for it), used for `updatedSince`. */
export async function startFakeOneStopShop(
  options: { token?: string; pageSize?: number; records?: OneStopRecord[]; updatedField?: string } = {},
): Promise<FakeOneStopShop> {
  const updatedOf = (r: OneStopRecord) => Date.parse(String(r[options.updatedField ?? 'updatedAt']));
  const records: OneStopRecord[] = [...(options.records ?? [])];
  const requests: OneStopRequest[] = [];
  let failures: number[] = [];
  const maxPageSize = options.pageSize ?? 100;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, json: unknown) => {
      requests.push({ url, headers: req.headers, status });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    const failure = failures.shift();
    if (failure !== undefined) return answer(failure, { error: 'scripted failure' });
    if (req.method !== 'GET' || url.pathname !== '/api/ho-so') return answer(404, { error: 'not found' });
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return answer(401, { error: 'bad token' });
    const page = Number(url.searchParams.get('page') ?? '1');
    const asked = Number(url.searchParams.get('pageSize') ?? String(maxPageSize));
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(asked) || asked < 1) return answer(400, { error: 'bad paging' });
    const since = url.searchParams.get('updatedSince');
    const size = Math.min(asked, maxPageSize);
    const changed = records.filter((r) => since === null || updatedOf(r) > Date.parse(since)).sort((a, b) => updatedOf(a) - updatedOf(b));
    const totalPages = Math.max(1, Math.ceil(changed.length / size));
    return answer(200, { items: changed.slice((page - 1) * size, page * size), page, totalPages });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/ho-so`,
    records,
    requests,
    failNext(n, status = 500) { failures = Array.from({ length: n }, () => status); },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
