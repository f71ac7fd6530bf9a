// wall-soak: a shortened soak of one kiosk screen (/wall/ioc-chinh/1) in headless Chromium while events flow
// (a coalesced `telemetry.latest` every second, a feedback event every 10 s, as the other domains publish them)
// and content rotates (a rotation of dashboards, the map and the clock, plus an operator re-assigning the
// screen every minute). Samples the page's JS heap after a forced GC (CDP HeapProfiler.collectGarbage +
// Performance.getMetrics), DOM nodes and listeners, the RSS of Chromium's processes and of the server, then
// fits a line to the second half and extrapolates to 24 h. What a few minutes can and cannot show is in
// docs/wall.md: a steady leak of a few MB per hour shows; a slow leak that needs hours (a cache filling up,
// a timer per reconnect) does not, and GPU/driver memory is not measured at all.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { publish } from '../src/server/core/hub.js';
import { openPglite, openPostgres } from '../src/server/db/client.js';
import { prepareDatabase } from '../src/server/db/prepare.js';
import {
  ADMIN_PASSWORD, type BenchOptions, type BenchRow, benchTempDir, createPostgresDatabase, type DatabaseKind, formatMs, percentile, repoRoot,
  sessionHeaders, signIn, sleep,
} from './bench-setup.js';

const WALL = 'ioc-chinh';
const SCREEN = 1;
// A wall that stays up for days: the retained JS heap may not grow by more than this in 24 h (extrapolated).
const GOAL_24H_GROWTH_MB = 50;

interface Sample { tSec: number; heapMb: number; retainedMb: number; nodes: number; listeners: number; chromiumRssMb: number; serverRssMb: number }

/** Least-squares slope (per hour) and intercept of y over t (seconds). */
function fit(points: { t: number; y: number }[]): { perHour: number; at: (tSec: number) => number } {
  const n = points.length;
  if (n < 2) return { perHour: 0, at: () => points[0]?.y ?? 0 };
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0; let den = 0;
  for (const p of points) { num += (p.t - mt) * (p.y - my); den += (p.t - mt) ** 2; }
  const slope = den > 0 ? num / den : 0;
  return { perHour: slope * 3600, at: (t) => my + slope * (t - mt) };
}

/** RSS (MB) of the Chromium process started with our tag and all its descendants (renderers, GPU, utility). */
function chromiumRssMb(tag: string): number {
  const procs = new Map<number, { ppid: number; rssKb: number; cmd: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      procs.set(Number(entry), { ppid, rssKb, cmd });
    } catch { /* the process ended meanwhile */ }
  }
  const roots = [...procs].filter(([, p]) => p.cmd.includes(tag)).map(([pid]) => pid);
  const seen = new Set<number>(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs) if (!seen.has(pid) && seen.has(p.ppid)) { seen.add(pid); grew = true; }
  }
  let kb = 0;
  for (const pid of seen) kb += procs.get(pid)?.rssKb ?? 0;
  return kb / 1024;
}

export async function measureWallSoak(kind: DatabaseKind, options: BenchOptions): Promise<BenchRow[]> {
  const seconds = Number(process.env.IOC_SOAK_SECONDS ?? (options.quick ? 360 : 900));
  const rotationSeconds = options.quick ? 10 : 15;
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');

  // Its own small demo database: the shared prepared one seeds 300,000 dossiers, which this measure does not need.
  const database = kind === 'pglite'
    ? await openPglite({ dataDir: await benchTempDir('wall-soak') })
    : await openPostgres((await createPostgresDatabase('wall_soak')).url);
  await prepareDatabase(database, { seedDemo: true, adminPassword: ADMIN_PASSWORD, demoDossiers: 3000, demoReports: 2000 });
  const config = loadConfig({ IOC_LOG_LEVEL: 'silent', IOC_WEB_DIR: path.join(repoRoot, 'dist/web') });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const tag = `--ioc-wall-soak=${process.pid}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', tag],
  });
  let stopEvents = false;
  try {
    const admin = await signIn(baseUrl);
    const put = async (content: unknown) => {
      const res = await fetch(`${baseUrl}/api/walls/${WALL}/screens`, { method: 'PUT', headers: sessionHeaders(admin), body: JSON.stringify({ assignments: [{ position: SCREEN, content }] }) });
      if (res.status !== 200) throw new Error(`assign: ${res.status} ${await res.text()}`);
    };
    const keyRes = await fetch(`${baseUrl}/api/walls/${WALL}/keys`, { method: 'POST', headers: sessionHeaders(admin), body: JSON.stringify({ label: 'wall-soak' }) });
    const { secret } = await keyRes.json() as { secret: string };
    const rotation = {
      kind: 'rotation', periodSeconds: rotationSeconds,
      items: [{ kind: 'dashboard', dashboard: 'indicators' }, { kind: 'map' }, { kind: 'dashboard', dashboard: 'feedback' }, { kind: 'clock' }],
    };
    const alternatives = [rotation, { kind: 'map', layers: ['choropleth', 'reports', 'heatmap'] }, { kind: 'dashboard', dashboard: 'dossiers' }];
    await put(rotation);

    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1920, height: 1080 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`/wall/${WALL}/${SCREEN}#key=${encodeURIComponent(secret)}`);
    await page.locator('[data-testid="wall-kiosk"][data-hub="open"]').waitFor({ timeout: 60_000 });

    // Events as the other domains publish them: telemetry once a second, a citizen report every 10 s.
    const deviceIds = Array.from({ length: 200 }, (_, i) => `soak-${String(i).padStart(3, '0')}`);
    let tick = 0;
    const events = (async () => {
      while (!stopEvents) {
        tick++;
        const values = Object.fromEntries(deviceIds.slice(0, 60).map((id, i) => [id, { pm25: 20 + ((tick + i) % 40), aqi: 50 + ((tick * 3 + i) % 90) }]));
        await database.db.transaction(async (tx) => {
          await publish(tx, { topic: 'telemetry', type: 'telemetry.latest', unitPath: null, ids: Object.keys(values), data: { values, at: new Date().toISOString() } });
          if (tick % 10 === 0) await publish(tx, { topic: 'feedback', type: 'report.created', unitPath: null, ids: [`00000000-0000-7000-8000-${String(tick).padStart(12, '0')}`] });
        });
        await sleep(1000);
      }
    })();

    const samples: Sample[] = [];
    const switchMs: number[] = [];
    const t0 = Date.now();
    let nextAssign = 60;
    let alt = 0;
    const sampleEvery = options.quick ? 5 : 10;
    while ((Date.now() - t0) / 1000 < seconds) {
      const tSec = (Date.now() - t0) / 1000;
      if (tSec >= nextAssign) {
        // An operator re-assigns the screen: time from the PUT to the kiosk showing the new kind.
        alt = (alt + 1) % alternatives.length;
        const content = alternatives[alt]!;
        const started = Date.now();
        await put(content);
        await page.locator(`[data-testid="wall-kiosk"][data-content="${content.kind}"]`).waitFor({ timeout: 30_000 });
        switchMs.push(Date.now() - started);
        nextAssign += 60;
      }
      const before = await cdp.send('Performance.getMetrics');
      await cdp.send('HeapProfiler.collectGarbage');
      const after = await cdp.send('Performance.getMetrics');
      const metric = (m: typeof after, name: string) => m.metrics.find((x) => x.name === name)?.value ?? 0;
      samples.push({
        tSec, heapMb: metric(before, 'JSHeapUsedSize') / 2 ** 20, retainedMb: metric(after, 'JSHeapUsedSize') / 2 ** 20,
        nodes: metric(after, 'Nodes'), listeners: metric(after, 'JSEventListeners'),
        chromiumRssMb: chromiumRssMb(tag), serverRssMb: process.memoryUsage().rss / 2 ** 20,
      });
      await sleep(sampleEvery * 1000);
    }
    stopEvents = true;
    await events;
    const blank = await page.locator('[data-testid="wall-kiosk"]').count();

    // What is on screen at a sample (map, dashboard or clock) moves the heap by a few MB, and the screen's
    // content repeats every cycle (the re-assignments go round the alternatives once a minute each): the
    // retained memory of a cycle is its lowest reading. The first cycle is warm-up (code loaded, caches
    // filled); the slope is fitted on the minima of the complete cycles after it (the last reading when
    // fewer than two are complete).
    const cycle = 60 * alternatives.length;
    const complete = Math.floor(seconds / cycle);
    const byCycle = new Map<number, Sample[]>();
    for (const s of samples) {
      const c = Math.floor(s.tSec / cycle);
      if (c >= 1 && c < complete) byCycle.set(c, [...(byCycle.get(c) ?? []), s]);
    }
    const minima = (pick: (s: Sample) => number) => [...byCycle].map(([c, list]) => ({ t: (c + 0.5) * cycle, y: Math.min(...list.map(pick)) }));
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const line = (pick: (s: Sample) => number) => fit(minima(pick));
    const heap = line((s) => s.retainedMb);
    const rss = line((s) => s.chromiumRssMb);
    const nodes = line((s) => s.nodes);
    const server = line((s) => s.serverRssMb);
    const growth24 = heap.perHour * 24;
    const mb = (v: number) => `${v.toFixed(1)} MB`;
    const slope = (v: number, unit = 'MB') => `${v >= 0 ? '+' : ''}${v.toFixed(2)} ${unit}/h`;
    process.stderr.write(`wall-soak samples (t s, retained heap MB, nodes, listeners, chromium RSS MB, server RSS MB):\n${samples.map((s) =>
      `  ${s.tSec.toFixed(0)}\t${s.retainedMb.toFixed(1)}\t${s.nodes}\t${s.listeners}\t${s.chromiumRssMb.toFixed(0)}\t${s.serverRssMb.toFixed(0)}`).join('\n')}\n`);
    return [
      {
        measure: `wall-soak: kiosk JS heap after GC (${Math.round(seconds)} s, ${samples.length} samples, ${tick} events, ${switchMs.length} live re-assignments)`,
        database: kind, value: `${mb(first.retainedMb)} → ${mb(last.retainedMb)}`, baseline: '-', ratio: slope(heap.perHour), goal: '-', pass: null,
      },
      {
        measure: `wall-soak: JS heap growth extrapolated to 24 h (slope of the per-cycle minima after the first ${cycle} s cycle × 24)`, database: kind,
        value: `${growth24 >= 0 ? '+' : ''}${growth24.toFixed(1)} MB`, baseline: '-', ratio: '-', goal: `< ${GOAL_24H_GROWTH_MB} MB`, pass: growth24 < GOAL_24H_GROWTH_MB && blank === 1,
      },
      {
        measure: 'wall-soak: DOM nodes (after GC)', database: kind,
        value: `${first.nodes} → ${last.nodes}`, baseline: '-', ratio: slope(nodes.perHour, 'nodes'), goal: '-', pass: null,
      },
      {
        measure: 'wall-soak: Chromium RSS (all its processes)', database: kind,
        value: `${mb(first.chromiumRssMb)} → ${mb(last.chromiumRssMb)}`, baseline: '-', ratio: slope(rss.perHour), goal: '-', pass: null,
      },
      {
        measure: 'wall-soak: server RSS (same process as the bench)', database: kind,
        value: `${mb(first.serverRssMb)} → ${mb(last.serverRssMb)}`, baseline: '-', ratio: slope(server.perHour), goal: '-', pass: null,
      },
      {
        measure: 'wall-soak: re-assign → kiosk shows it, p50 / max', database: kind,
        value: switchMs.length ? `${formatMs(percentile(switchMs, 50))} / ${formatMs(Math.max(...switchMs))}` : '-', baseline: '-', ratio: '-', goal: '-', pass: null,
      },
    ];
  } finally {
    stopEvents = true;
    await browser.close();
    await app.close();
    await database.close();
  }
}
