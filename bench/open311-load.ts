// Child process: autocannon POSTing form-urlencoded Open311 requests to one URL, so that the load generator
// has its own process (and core) rather than a thread of the server's. Reads its options as JSON from the
// BENCH_OPEN311_LOAD environment variable and writes one JSON line (a LoadResult) to stdout.
import autocannon from 'autocannon';
import type { LoadResult } from './bench-setup.js';

export interface Open311LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  apiKey: string;
  serviceCodes: string[];
  points: { lat: number; lon: number }[];
}

const options = JSON.parse(process.env.BENCH_OPEN311_LOAD ?? 'null') as Open311LoadOptions | null;
if (!options) throw new Error('set BENCH_OPEN311_LOAD to the load options as JSON');

// Varied descriptions: the same few hundred words a hotline hears, in a different order per request, so
// that neither the database nor the classifier sees one repeated text.
const subjects = ['Đèn đường', 'Ổ gà', 'Rác thải', 'Nước ngập', 'Tiếng ồn', 'Cây đổ', 'Cống nghẹt', 'Lấn chiếm vỉa hè', 'Xe đậu sai', 'Mùi hôi'];
const places = ['trước số nhà', 'đầu hẻm', 'gần chợ', 'cạnh trường tiểu học', 'đối diện UBND phường', 'ngã tư'];
const details = ['đã nhiều ngày chưa được xử lý', 'gây nguy hiểm cho người đi đường', 'ảnh hưởng sinh hoạt của bà con', 'xin cơ quan chức năng kiểm tra', 'đề nghị khắc phục sớm'];

let n = 0;
function nextBody(): string {
  const i = n++;
  const point = options!.points[i % options!.points.length]!;
  const jitter = ((i * 7919) % 1000) / 1e7;   // up to ~11 m: distinct points that stay inside the unit
  return new URLSearchParams({
    api_key: options!.apiKey,
    service_code: options!.serviceCodes[i % options!.serviceCodes.length]!,
    lat: (point.lat + jitter).toFixed(6),
    long: (point.lon + jitter).toFixed(6),
    description: `${subjects[i % subjects.length]} ${places[(i * 3) % places.length]} ${100 + (i % 900)}, ${details[(i * 5) % details.length]} (lần ${i}).`,
    first_name: 'Nguyễn', last_name: `Văn ${i % 50}`, phone: `09${String(10_000_000 + (i * 104_729) % 89_999_999)}`,
  }).toString();
}

const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.durationSeconds,
  requests: [{
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    setupRequest: (req) => ({ ...req, body: nextBody() }),
  }],
});
const summary: LoadResult = {
  requestsPerSecond: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  total: result.requests.total,
};
process.stdout.write(JSON.stringify({ ...summary, status2xx: result['2xx'], sent: n }) + '\n');
