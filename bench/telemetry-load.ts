// Load generator of bench/telemetry.ts, run as a second process: HTTP batches or MQTT QoS 1 messages for a while.
// Prints one JSON line with what it sent (and, for HTTP, what was acknowledged = committed).
import mqtt from 'mqtt';

const [mode, target, devicesArg, seconds, extra, auth] = process.argv.slice(2) as [string, string, string, string, string, string];
const devices = devicesArg.split(',');
const metrics = ['pm25', 'pm10', 'no2', 'o3', 'co', 'temperature', 'humidity', 'aqi', 'so2', 'noise'];
const end = Date.now() + Number(seconds) * 1000;
// Instants run backwards from now in 1 ms steps per device, distinct per process start (no duplicates).
let clock = Date.now() - (mode === 'mqtt' ? 3_600_000 : 1);   // the two doors never write the same instants
const nextTs = () => clock--;
// The values of a reading depend on its instant's last three digits only: their JSON is rendered once for each of the
// 1,000 variants, and a body is then put together by string concatenation: 0.6 ms per 10,000-point body instead of
// 4.2–4.8 ms with an object per reading and JSON.stringify (the same bytes), i.e. about an eighth of a core at 280,000
// points/s that the load generator no longer takes from the server and PostgreSQL on the same two cores.
const valuesJson = Array.from({ length: 1000 }, (_, r) => JSON.stringify(Object.fromEntries(metrics.map((m, k) => [m, r / 10 + k]))));
const deviceJson = devices.map((d) => JSON.stringify(d));

if (mode === 'http') {
  const [concurrency, pointsPerRequest] = extra.split(':').map(Number) as [number, number];
  let acked = 0; let failed = 0; let requests = 0;
  const latencies: number[] = [];
  const rowsPerRequest = Math.ceil(pointsPerRequest / metrics.length);
  const worker = async () => {
    let d = 0;
    while (Date.now() < end) {
      const rows: string[] = [];
      for (let i = 0; i < rowsPerRequest; i++) {
        const ts = nextTs();
        rows.push(`{"deviceId":${deviceJson[(d++) % devices.length]!},"ts":${ts},"values":${valuesJson[ts % 1000]!}}`);
      }
      const body = `{"readings":[${rows.join(',')}]}`;
      const t = performance.now();
      const res = await fetch(`${target}/api/telemetry/readings`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': auth }, body });
      const answer = await res.json() as { accepted?: number };
      latencies.push(performance.now() - t);
      requests++;
      if (res.ok) acked += answer.accepted ?? 0; else failed++;
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  process.stdout.write(JSON.stringify({ acked, failed, requests, seconds: (Date.now() - t0) / 1000, p50Ms: pct(0.5), p99Ms: pct(0.99) }) + '\n');
} else {
  // Several publishers (devices' gateways), each with its own connection and its own QoS 1 messages in flight.
  const [root, inflight, publishersArg] = extra.split(':') as [string, string, string | undefined];
  const publishers = Number(publishersArg ?? 1);
  const clients = await Promise.all(Array.from({ length: publishers }, (_, k) =>
    mqtt.connectAsync(target, { clientId: `${root}-load-${process.pid}-${k}`, clean: true })));
  let published = 0;
  const t0 = Date.now();
  await Promise.all(clients.map((client, k) => new Promise<void>((resolve) => {
    let pending = 0;
    let d = k;
    const pump = () => {
      while (pending < Number(inflight) && Date.now() < end) {
        const ts = nextTs();
        const device = devices[d % devices.length]!;
        d += publishers;
        pending++;
        client.publish(`${root}/${device}/telemetry`, `{"ts":${ts},"values":${valuesJson[ts % 1000]!}}`, { qos: 1 }, () => {
          pending--; published++;
          if (Date.now() < end) setImmediate(pump); else if (pending === 0) resolve();
        });
      }
    };
    pump();
  })));
  await Promise.all(clients.map((c) => c.endAsync()));
  process.stdout.write(JSON.stringify({ published, points: published * metrics.length, seconds: (Date.now() - t0) / 1000 }) + '\n');
}
