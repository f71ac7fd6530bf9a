// Starts and stops the ingest of one server process: the pipeline (group commit, counters) and the MQTT door.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { dropTelemetryIngest, telemetryIngestOf } from './ingest.js';
import { startMqttDoor, type MqttDoor } from './mqtt.js';
import { ensureTelemetryPartitions } from './readings.queries.js';
import type { TelemetryConfig } from './telemetry.config.js';

export function partitionWindow(config: TelemetryConfig): { pastDays: number; aheadDays: number } {
  return { pastDays: Math.ceil(config.maxPastMs / 86_400_000) + 1, aheadDays: 3 };
}

export function startTelemetryDoors(db: Db, config: TelemetryConfig, log: FastifyBaseLogger) {
  dropTelemetryIngest(db);
  const ingest = telemetryIngestOf(db, config, log);
  let mqttDoor: MqttDoor | null = null;
  return {
    ingest,
    async ready() {
      await ensureTelemetryPartitions(db, partitionWindow(config));
      if (config.mqttUrl) mqttDoor = startMqttDoor(ingest, config, log);
    },
    async stop() {
      await mqttDoor?.stop();
      await ingest.stop();
      dropTelemetryIngest(db);
    },
  };
}
