// Worker thread: one autocannon run against a URL; posts a LoadResult to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './bench-setup.js';

// Off the main thread autocannon returns its raw histograms; this public helper turns them into a Result.
const aggregate = (autocannon as unknown as { aggregateResult(results: unknown[], opts: object): autocannon.Result }).aggregateResult;

const options = workerData as LoadOptions;
const opts = { url: options.url, headers: options.headers ?? {}, connections: options.connections, duration: options.durationSeconds };
const raw = await autocannon(opts);
const result = aggregate([raw], opts);
const summary: LoadResult = {
  requestsPerSecond: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  total: result.requests.total,
};
parentPort!.postMessage(summary);
