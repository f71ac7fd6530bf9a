// Work a server process does besides answering requests: delivering the outbox, chasing late
// reporters, housekeeping. Every piece is safe to run on several processes at once.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { startMaintenance } from './core/maintenance.js';
import { startOutboxWorker } from './core/outbox.js';
import type { Db } from './db/client.js';
import { startDossierConnectors } from './domains/dossiers/connector.js';
import { alertDossiers, sendDossierDigest } from './domains/dossiers/alerts.js';
import { enqueueScheduled, nationalConnectors } from './domains/indicators/national-push.js';
import { chaseReporters } from './domains/indicators/reminders.js';
import { createEmailConnector } from './domains/notifications/email.js';
import { parseOfficeHours } from './domains/calendar/working-hours.js';
import { watchReportSla } from './domains/feedback/sla-watch.js';
import { classifierModelOf } from './domains/feedback/classifier.service.js';
import { channelConnectors } from './domains/feedback/channels/connectors.js';
import { startChannelWork } from './domains/feedback/channels/channels.worker.js';
import { startTelemetryWork } from './domains/telemetry/telemetry.worker.js';
import { createAlarmWebhookConnector, WEBHOOK_CONNECTOR } from './domains/alarms/alarm-notifications.js';
import { startAlarmEvaluator } from './domains/alarms/evaluator.js';
import { startCameraEventSubscriber } from './domains/cameras/camera-events.mqtt.js';
import { startCameraEventRetention } from './domains/cameras/camera-events.worker.js';

const CHASE_EVERY_MS = 15 * 60_000;

export function startBackgroundWork(db: Db, config: Config, log: FastifyBaseLogger): () => Promise<void> {
  if (!config.backgroundJobs) return async () => {};
  const stopMaintenance = startMaintenance(db, log);
  // Train the report classifier now rather than on the first citizen's report after a restart (seconds of CPU).
  const warmClassifier = setTimeout(() => {
    classifierModelOf(db).catch((err: unknown) => log.warn({ err }, 'classifier: training at start failed; it trains on first use'));
  }, 5_000);
  warmClassifier.unref();
  const stopConnectors = startDossierConnectors(db, log);   // polls one-stop-shop systems, each on its interval
  const stopChannels = startChannelWork(db, config.channels, log);   // the feedback mailbox poll and inbound messages
  // Devices gone silent → offline, telemetry partitions and retention, and the demo sensors' simulator when the demo is on.
  const stopTelemetry = startTelemetryWork(db, config.telemetry, {
    log, simulate: config.telemetry.simulator === 'true' || (config.telemetry.simulator === 'auto' && config.seedDemo),
  });
  const stopAlarmEvaluator = startAlarmEvaluator(db, log);   // alarm rules every 10 s, one process at a time (lease)
  const cameraEvents = startCameraEventSubscriber(db, config.cameras, log);   // frigate/events over MQTT (when IOC_MQTT_URL is set)
  const stopCameraEventRetention = startCameraEventRetention(db, config.cameras, log);   // events and their pictures past retention
  const worker = startOutboxWorker(db, {
    connectors: {
      email: createEmailConnector(config.smtpUrl, config.mailFrom),
      ...nationalConnectors({ url: config.nationalReportUrl, token: config.nationalReportToken }),
      ...channelConnectors(config.channels),   // replies and notices to citizens: e-mail, Zalo, Facebook
      [WEBHOOK_CONNECTOR]: createAlarmWebhookConnector(),   // alarm notifications to webhook routes
    },
    log,
  });
  // Every 15 minutes: chase late reporters, and queue approved reports the push has not sent yet
  // (a safety net besides the enqueue at approval).
  const chase = async () => {
    await chaseReporters(db).then(
      (r) => { if (r.reminders || r.escalations) log.info(r, 'reporters chased'); },
      (err: unknown) => log.warn({ err }, 'chasing reporters failed'),
    );
    await enqueueScheduled(db).then(
      (r) => { if (r.enqueued) log.info({ enqueued: r.enqueued }, 'approved reports queued for the national system'); },
      (err: unknown) => log.warn({ err }, 'queueing approved reports failed'),
    );
    // Dossiers due soon and newly overdue (each alerted once), and the daily digest (once per recipient and day).
    await alertDossiers(db, { dueSoonDays: config.dossierDueSoonDays }).then(
      (r) => { if (r.overdue || r.dueSoon) log.info(r, 'dossier alerts sent'); },
      (err: unknown) => log.warn({ err }, 'dossier alerts failed'),
    );
    await sendDossierDigest(db, { dueSoonDays: config.dossierDueSoonDays }).then(
      (r) => { if (r.digests) log.info(r, 'dossier digests sent'); },
      (err: unknown) => log.warn({ err }, 'dossier digest failed'),
    );
    // Citizen reports near or past their SLA deadlines: warnings and escalations, once per report and stage.
    await watchReportSla(db, { warnHours: config.handling.slaWarnHours, officeHours: parseOfficeHours(config.officeHours) }).then(
      (r) => { if (r.warnings || r.breaches) log.info(r, 'report SLA alerts sent'); },
      (err: unknown) => log.warn({ err }, 'report SLA watch failed'),
    );
  };
  const firstChase = setTimeout(() => { void chase(); }, 10_000);
  const timer = setInterval(() => { void chase(); }, CHASE_EVERY_MS);
  firstChase.unref();
  timer.unref();
  return async () => {
    clearTimeout(firstChase);
    clearTimeout(warmClassifier);
    clearInterval(timer);
    stopMaintenance();
    await stopAlarmEvaluator();
    await stopConnectors();
    await stopChannels();
    await stopTelemetry();
    await cameraEvents.stop();
    stopCameraEventRetention();
    await worker.stop();
  };
}
