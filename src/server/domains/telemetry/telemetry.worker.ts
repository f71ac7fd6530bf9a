// Background work of telemetry in one process: devices gone silent are marked offline (with device.status events),
// closed hours are rolled up from the 1-minute rollup into the hourly and daily ones, day partitions are made ahead
// and old ones dropped, and — for the demo — a light simulator feeds the demo sensors.
import type { FastifyBaseLogger } from 'fastify';
import { publishMany } from '../../core/hub.js';
import type { Db } from '../../db/client.js';
import { partitionWindow } from './doors.js';
import { statusEvents, telemetryIngestOf } from './ingest.js';
import { applyTelemetryRetention, ensureTelemetryPartitions, rollUpClosedHours } from './readings.queries.js';
import { metricsOfType, isSilentDevice, simulatedValue } from './simulation.js';
import type { TelemetryConfig } from './telemetry.config.js';
import { devicesGoneSilent, findDevices } from './telemetry.queries.js';

const OFFLINE_CHECK_MS = 30_000;
const STORAGE_MS = 3_600_000;
const ROLL_UP_MS = 60_000;   // an hour is in the hourly rollup table about a minute after it ends (queries never wait for it)

/** Marks devices silent for longer than `factor` reporting intervals offline; one event per unit. */
export async function markSilentDevicesOffline(db: Db, factor: number, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const gone = await devicesGoneSilent(tx, factor, now);
    if (gone.length > 0) await publishMany(tx, statusEvents(gone, 'offline'));
    return gone.map((d) => d.id);
  });
}

export function startTelemetryWork(db: Db, config: TelemetryConfig, opts: { log: FastifyBaseLogger; simulate: boolean }): () => Promise<void> {
  const { log } = opts;
  const offline = setInterval(() => {
    markSilentDevicesOffline(db, config.offlineFactor).then(
      (ids) => { if (ids.length) log.info({ devices: ids.length }, 'telemetry: devices marked offline'); },
      (err: unknown) => log.warn({ err }, 'telemetry: offline check failed'),
    );
  }, OFFLINE_CHECK_MS);
  const rollUp = () => rollUpClosedHours(db).then(
    (hours) => { if (hours > 1) log.info({ hours }, 'telemetry: rolled up closed hours'); },
    (err: unknown) => log.warn({ err }, 'telemetry: roll-up of closed hours failed'),
  );
  const rollUpTimer = setInterval(() => { void rollUp(); }, ROLL_UP_MS);
  const storage = async () => {
    await rollUp();   // before retention drops 1-minute days that were not rolled up yet
    await ensureTelemetryPartitions(db, partitionWindow(config)).catch((err: unknown) => log.warn({ err }, 'telemetry: partitions'));
    await applyTelemetryRetention(db, config.retention).then(
      (r) => { if (r.droppedPartitions.length) log.info({ dropped: r.droppedPartitions }, 'telemetry: retention dropped old days'); },
      (err: unknown) => log.warn({ err }, 'telemetry: retention failed'),
    );
  };
  const storageTimer = setInterval(() => { void storage(); }, STORAGE_MS);
  const firstStorage = setTimeout(() => { void storage(); }, 5_000);
  for (const timer of [offline, rollUpTimer, storageTimer, firstStorage]) timer.unref();
  const stopSimulator = opts.simulate ? startDemoSimulator(db, log) : async () => {};
  return async () => {
    clearInterval(offline);
    clearInterval(rollUpTimer);
    clearInterval(storageTimer);
    clearTimeout(firstStorage);
    await stopSimulator();
  };
}

/**
 * The in-process demo feed: every 10 s, the synthetic devices whose minute has come report their values through
 * the same ingest as everyone else (about 800 points a minute for 200 devices). A few stay silent on purpose.
 */
export function startDemoSimulator(db: Db, log: FastifyBaseLogger, tickMs = 10_000): () => Promise<void> {
  let running: Promise<void> | null = null;
  let devices: { id: string; type: string; intervalMs: number; region: string; urban: number }[] | null = null;
  const lastSent = new Map<string, number>();
  const tick = async () => {
    devices ??= (await findDevices(db, {})).filter((d) => d.metadata.synthetic === true && !isSilentDevice(d.id)).map((d) => ({
      id: d.id, type: d.type, intervalMs: d.reportingIntervalSeconds * 1000,
      region: String(d.metadata.region ?? 'r'), urban: Number(d.metadata.urban ?? 0.5),
    }));
    const now = Date.now();
    const points: { deviceId: string; metric: string; at: number; value: number }[] = [];
    for (const d of devices) {
      if (now - (lastSent.get(d.id) ?? 0) < d.intervalMs) continue;
      lastSent.set(d.id, now);
      for (const metric of metricsOfType[d.type] ?? []) points.push({ deviceId: d.id, metric, at: now, value: simulatedValue(d, metric, now) });
    }
    if (points.length === 0) return;
    const ingest = telemetryIngestOf(db);
    const { valid } = await ingest.screen(points);
    await ingest.write(valid);
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick().catch((err: unknown) => log.warn({ err }, 'telemetry: demo simulator tick failed')).finally(() => { running = null; });
  }, tickMs);
  timer.unref();
  log.info('telemetry: demo simulator feeds the synthetic sensors (IOC_TELEMETRY_SIMULATOR=false turns it off)');
  return async () => { clearInterval(timer); if (running) await running; };
}
