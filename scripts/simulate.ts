// `npm run simulate -- [options]`: synthetic telemetry for the demo sensors (~200) over MQTT and HTTP to a running
// IOC, with occasional threshold breaches and some silent devices, plus Frigate-shaped camera events on MQTT.
//
//   --url=http://localhost:8080   IOC base URL (HTTP batch door; device and camera lists)
//   --api-key=KEY                 API key with telemetry:ingest (+ telemetry:read to list devices); env IOC_API_KEY.
//                                 Without it, only MQTT is used, for the demo's device ids.
//   --mqtt=mqtt://127.0.0.1:1883  broker (env IOC_MQTT_URL); --mqtt=off for HTTP only
//   --via=both|mqtt|http          door per device (both: every other device by MQTT)
//   --interval=10                 seconds between two reports of one device (the rate)
//   --duration=0                  seconds to run; 0 = until Ctrl-C
//   --breach-every=120            seconds between forced threshold breaches (0 = none; the model has its own episodes)
//   --camera-every=15             seconds between camera events (0 = none)
//   --devices=N                   use only the first N devices
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { demoDevicePlan } from '../src/server/domains/telemetry/demo-seed.js';
import { isSilentDevice, metricsOfType, simulatedValue, type SimDevice } from '../src/server/domains/telemetry/simulation.js';

const args = new Map(process.argv.slice(2).map((a) => { const [k, ...v] = a.replace(/^--/, '').split('='); return [k!, v.join('=') || 'true'] as const; }));
const opt = (name: string, fallback: string) => args.get(name) ?? fallback;
const baseUrl = opt('url', process.env.IOC_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const apiKey = args.get('api-key') ?? process.env.IOC_API_KEY ?? null;
const mqttUrl = opt('mqtt', process.env.IOC_MQTT_URL ?? 'mqtt://127.0.0.1:1883');
const via = opt('via', apiKey ? 'both' : 'mqtt') as 'both' | 'mqtt' | 'http';
const intervalMs = Number(opt('interval', '10')) * 1000;
const durationMs = Number(opt('duration', '0')) * 1000;
const breachEveryMs = Number(opt('breach-every', '120')) * 1000;
const cameraEveryMs = Number(opt('camera-every', '15')) * 1000;
const limit = Number(opt('devices', '0'));

const log = (text: string) => process.stdout.write(`simulate: ${text}\n`);
if ((via === 'http' || via === 'both') && !apiKey) { log('HTTP needs --api-key (telemetry:ingest)'); process.exit(2); }
if ((via === 'mqtt' || via === 'both') && mqttUrl === 'off') { log('--via needs MQTT but --mqtt=off'); process.exit(2); }

async function getJson<T>(path: string): Promise<T | null> {
  if (!apiKey) return null;
  const res = await fetch(`${baseUrl}${path}`, { headers: { 'x-api-key': apiKey } }).catch(() => null);
  return res?.ok ? (await res.json()) as T : null;
}

// Devices: the server's list when the key may read it, else the demo plan (same ids as the seeded demo).
type Sim = SimDevice & { door: 'mqtt' | 'http' };
const listed = await getJson<{ items: { id: string; type: string; metadata: Record<string, unknown> }[] }>('/api/telemetry/devices?limit=1000');
let devices: SimDevice[] = listed
  ? listed.items.filter((d) => metricsOfType[d.type]).map((d) => ({ id: d.id, type: d.type, region: String(d.metadata.region ?? d.id), urban: Number(d.metadata.urban ?? 0.5) }))
  : demoDevicePlan().map((d) => ({ id: d.id, type: d.type, region: d.region, urban: d.urban }));
if (limit > 0) devices = devices.slice(0, limit);
const silent = devices.filter((d) => isSilentDevice(d.id));
const sims: Sim[] = devices.filter((d) => !isSilentDevice(d.id)).map((d, i) => ({ ...d, door: via === 'both' ? (i % 2 === 0 ? 'mqtt' : 'http') : via }));
log(`${sims.length} devices report every ${intervalMs / 1000} s (${sims.filter((s) => s.door === 'mqtt').length} by MQTT, ${sims.filter((s) => s.door === 'http').length} by HTTP); ${silent.length} stay silent: ${silent.map((d) => d.id).join(', ') || 'none'}`);

const client = mqttUrl !== 'off' ? await mqtt.connectAsync(mqttUrl, { clientId: `ioc-simulator-${process.pid}`, clean: true, reconnectPeriod: 2000 }) : null;

// Forced breaches: for 10 minutes a device reads far above its alarm thresholds.
const breaches = new Map<string, number>();   // device id → until
function valueOf(d: SimDevice, metric: string, t: number): number {
  const v = simulatedValue(d, metric, t);
  if ((breaches.get(d.id) ?? 0) < t) return v;
  if (metric === 'pm25') return Math.round((170 + 30 * Math.random()) * 10) / 10;
  if (metric === 'pm10') return Math.round((260 + 40 * Math.random()) * 10) / 10;
  if (metric === 'aqi') return 230;
  if (metric === 'waterLevel') return Math.round((v + 3.2) * 100) / 100;
  if (metric === 'precipitation') return 1.2;
  if (metric === 'occupancy') return 92;
  if (metric === 'averageVehicleSpeed') return 6;
  if (metric === 'congested') return 1;
  return v;
}

let sent = 0; let failed = 0;
const started = Date.now();
const timers: NodeJS.Timeout[] = [];

async function report(batch: Sim[]): Promise<void> {
  const now = Date.now();
  const http: { deviceId: string; ts: string; values: Record<string, number> }[] = [];
  for (const d of batch) {
    const values = Object.fromEntries((metricsOfType[d.type] ?? []).map((m) => [m, valueOf(d, m, now)]));
    if (d.door === 'mqtt' && client) {
      client.publish(`ioc/${d.id}/telemetry`, JSON.stringify({ ts: new Date(now).toISOString(), values }), { qos: 1 }, (err) => { if (err) failed++; });
    } else {
      http.push({ deviceId: d.id, ts: new Date(now).toISOString(), values });
    }
    sent += Object.keys(values).length;
  }
  if (http.length > 0) {
    const res = await fetch(`${baseUrl}/api/telemetry/readings`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey! }, body: JSON.stringify({ readings: http }),
    }).catch((err: unknown) => { log(`HTTP failed: ${String(err)}`); return null; });
    if (!res?.ok) failed += http.length;
  }
}

// Spread the devices over the interval: one slice every second.
const slices = Math.max(1, Math.round(intervalMs / 1000));
let slice = 0;
timers.push(setInterval(() => {
  const batch = sims.filter((_, i) => i % slices === slice);
  slice = (slice + 1) % slices;
  void report(batch);
}, intervalMs / slices));

if (breachEveryMs > 0) {
  timers.push(setInterval(() => {
    const candidates = sims.filter((d) => d.type === 'air-quality' || d.type === 'water-level' || d.type === 'traffic-counter');
    const d = candidates[Math.floor(Math.random() * candidates.length)];
    if (!d) return;
    breaches.set(d.id, Date.now() + 10 * 60_000);
    log(`breach: ${d.id} (${d.type}) reads above its thresholds for 10 minutes`);
  }, breachEveryMs));
}

// Frigate-shaped camera events: new → update → end, on the cameras the server knows (or demo names).
const cameraList = await getJson<{ items: { id: string; name?: string }[] } | { id: string }[]>('/api/cameras');
const cameras = (Array.isArray(cameraList) ? cameraList : cameraList?.items ?? []).map((c) => c.id);
if (cameras.length === 0) cameras.push('cam-dong-xoai-nga-tu-phu-rieng-do', 'cam-chon-thanh-ql13', 'cam-binh-long-cho');
const labels = [
  { label: 'car', zones: ['intersection'] }, { label: 'motorcycle', zones: ['lane_1'] }, { label: 'person', zones: ['sidewalk'] },
  { label: 'car', zones: ['wrong_way'] }, { label: 'person', zones: ['crowd_area'] }, { label: 'truck', zones: ['accident_zone'] },
];
async function cameraEvent(): Promise<void> {
  if (!client) return;
  const camera = cameras[Math.floor(Math.random() * cameras.length)]!;
  const kind = labels[Math.floor(Math.random() * labels.length)]!;
  const id = `${(Date.now() / 1000).toFixed(6)}-${randomUUID().slice(0, 6)}`;
  const start = Date.now() / 1000;
  const base = { id, camera, label: kind.label, sub_label: null, start_time: start, end_time: null, false_positive: false, has_snapshot: true, has_clip: true, stationary: false, current_zones: [] as string[], entered_zones: [] as string[], score: 0.62, top_score: 0.62, region: [0, 0, 320, 320], box: [100, 80, 220, 260], area: 21_600, thumbnail: null };
  const publish = (payload: object) => client.publish('frigate/events', JSON.stringify(payload), { qos: 1 });
  const entered = { ...base, current_zones: kind.zones, entered_zones: kind.zones, score: 0.81, top_score: 0.84 };
  publish({ type: 'new', before: base, after: base });
  setTimeout(() => publish({ type: 'update', before: base, after: entered }), 1500);
  setTimeout(() => publish({ type: 'end', before: entered, after: { ...entered, current_zones: [], end_time: Date.now() / 1000 } }), 5000);
}
if (cameraEveryMs > 0 && client) timers.push(setInterval(() => { void cameraEvent(); }, cameraEveryMs));

timers.push(setInterval(() => log(`${sent} points sent in ${Math.round((Date.now() - started) / 1000)} s (${failed} failed)`), 30_000));

async function stop(): Promise<void> {
  for (const t of timers) clearInterval(t);
  await client?.endAsync();
  log(`stopped: ${sent} points sent, ${failed} failed`);
  process.exit(0);
}
process.once('SIGINT', () => { void stop(); });
process.once('SIGTERM', () => { void stop(); });
if (durationMs > 0) setTimeout(() => { void stop(); }, durationMs);
