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

if (mode === 'http') {
  const [concurrency, pointsPerRequest] = extra.split(':').map(Number) as [number, number];
  let acked = 0; let failed = 0; let requests = 0;
  const latencies: number[] = [];
  const rowsPerRequest = Math.ceil(pointsPerRequest / metrics.length);
  const worker = async () => {
    let d = 0;
    while (Date.now() < end) {
      const readings = [];
      for (let i = 0; i < rowsPerRequest; i++) {
        const ts = nextTs();
        readings.push({ deviceId: devices[(d++) % devices.length]!, ts, values: Object.fromEntries(metrics.map((m, k) => [m, (ts % 1000) / 10 + k])) });
      }
      const t = performance.now();
      const res = await fetch(`${target}/api/telemetry/readings`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': auth }, body: JSON.stringify({ readings }) });
      const body = await res.json() as { accepted?: number };
      latencies.push(performance.now() - t);
      requests++;
      if (res.ok) acked += body.accepted ?? 0; else failed++;
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
        client.publish(`${root}/${device}/telemetry`, JSON.stringify({ ts, values: Object.fromEntries(metrics.map((m, j) => [m, (ts % 1000) / 10 + j])) }), { qos: 1 }, () => {
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
