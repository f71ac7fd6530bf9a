// The MQTT door: IOC connects to the broker as a client, subscribes `ioc/+/telemetry` with QoS 1, a fixed client
// id and a persistent session, and acknowledges (PUBACK) each message only after its points are committed.
//
// MQTT.js hands messages to `handleMessage(packet, done)` one at a time and sends the PUBACK when `done` is called
// (node_modules/mqtt/build/lib/handlers/publish.js, case 1). Waiting there for the commit would allow one message
// per commit. So `done` is called at once with an error — which makes MQTT.js skip its own PUBACK and go on to the
// next packet — and the PUBACK is sent here after the commit, in arrival order (MQTT 3.1.1 §4.6 asks for that;
// two batches may commit out of order, so a PUBACK waits for every message before it). A message not acknowledged
// before a crash is redelivered by the broker to the same session; the history key drops the duplicate.
import type { FastifyBaseLogger } from 'fastify';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { TelemetryIngest } from './ingest.js';
import { instantOf } from './telemetry.service.js';
import type { TelemetryConfig } from './telemetry.config.js';

const MAX_MESSAGE_BYTES = 256 * 1024;
// Handed to MQTT.js's `done` so that it sends no PUBACK itself; one object, not a new stack trace per message.
const ACK_AFTER_COMMIT = new Error('acknowledged after commit');

/** The device id in a topic, at the position of the `+` of the subscription pattern. */
export function deviceIdOfTopic(pattern: string, topic: string): string | null {
  const p = pattern.split('/');
  const t = topic.split('/');
  if (p.length !== t.length) return null;
  let id: string | null = null;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '+') id ??= t[i]!;
    else if (p[i] !== t[i]) return null;
  }
  return id;
}

export interface MqttDoor { stop(): Promise<void> }

export function startMqttDoor(ingest: TelemetryIngest, config: TelemetryConfig, log: FastifyBaseLogger): MqttDoor {
  const stats = ingest.stats.mqtt;
  const client: MqttClient = mqtt.connect(config.mqttUrl!, {
    clientId: config.mqttClientId,
    clean: false,                         // persistent session: QoS 1 messages wait at the broker while IOC is down
    protocolVersion: 5,
    // A large Receive Maximum lets the broker keep many messages in flight, so that they join one commit.
    properties: { sessionExpiryInterval: 7 * 86_400, receiveMaximum: config.mqttReceiveMaximum },
    reconnectPeriod: 2000,
    ...(config.mqttUsername ? { username: config.mqttUsername } : {}),
    ...(config.mqttPassword ? { password: config.mqttPassword } : {}),
  });
  // PUBACKs wait here in arrival order; each is sent as soon as it and all before it are committed. They are
  // written without waiting for each write's callback (that allowed one PUBACK per socket write), corked per flush.
  interface PendingAck { messageId: number; state: 'waiting' | 'committed' | 'failed' }
  let pending: PendingAck[] = [];
  let head = 0;
  // Acks are void once their connection is gone. A generation number, not the array's identity: the array is
  // compacted (sliced) as it is consumed, and acks of messages received before a compaction must still count.
  let connection = 0;
  let flushQueued = false;
  const sendPacket = (client as unknown as { _sendPacket(p: object, cb: () => void): void })._sendPacket.bind(client);
  const stream = () => (client as unknown as { stream?: { cork?(): void; uncork?(): void; destroy(): void } }).stream;

  // The in-flight window: messages received and not yet committed, and their payload bytes. Past either limit
  // `done` is held back, so MQTT.js reads no further packet and the broker keeps the rest (QoS 1 messages wait
  // there safely); without it, a broker that ignores Receive Maximum could fill this process's memory.
  const inFlight = ingest.mqttWindow;
  let resume: (() => void) | null = null;
  const windowFull = () => inFlight.messages >= config.mqttReceiveMaximum || inFlight.bytes >= config.mqttInflightBytes;

  const flushAcks = () => {
    flushQueued = false;
    const s = stream();
    s?.cork?.();
    while (head < pending.length && pending[head]!.state !== 'waiting') {
      const ack = pending[head++]!;
      if (ack.state === 'failed') {
        // Dropping the connection makes the broker resend, on reconnect, everything not acknowledged.
        pending = []; head = 0; connection++;
        s?.destroy();
        return;
      }
      sendPacket({ cmd: 'puback', messageId: ack.messageId, reasonCode: 0 }, () => {});
    }
    if (head > 1024 && head * 2 > pending.length) { pending = pending.slice(head); head = 0; }
    if (s?.uncork) process.nextTick(() => s.uncork!());
  };

  /** A commit answers thousands of messages in one tick: one flush for all of them. */
  const settle = (ack: PendingAck | null, gen: number, committed: boolean, bytes: number) => {
    inFlight.messages--;
    inFlight.bytes -= bytes;
    if (ack && gen === connection) {   // else the connection was lost meanwhile
      ack.state = committed ? 'committed' : 'failed';
      if (!flushQueued) { flushQueued = true; setImmediate(flushAcks); }
    }
    if (resume && !windowFull()) { const go = resume; resume = null; go(); }
  };

  client.on('connect', () => {
    // With a resumed session (connack.sessionPresent) the broker still has the subscription; subscribing again is harmless.
    client.subscribe(config.mqttTopic, { qos: 1 }, (err) => {
      if (err) { stats.lastError = err.message; log.warn({ err }, 'mqtt: subscribe failed'); return; }
      stats.connected = true;   // connected and subscribed
    });
  });
  // Acks owed on a lost connection are void: the broker redelivers those messages to the session (the key drops duplicates).
  client.on('close', () => {
    stats.connected = false; pending = []; head = 0; connection++;
    // The held packet's `done` goes on the old stream; the broker resends what it had in flight anyway.
    if (resume) { const go = resume; resume = null; go(); }
  });
  client.on('error', (err) => { stats.lastError = err.message; log.warn({ err: err.message }, 'mqtt: connection error'); });

  client.handleMessage = (packet, done) => {
    if (packet.cmd !== 'publish') { done(); return; }
    const publish = packet as IPublishPacket;
    stats.messages++;
    const bytes = publish.payload.length;
    inFlight.messages++;
    inFlight.bytes += bytes;
    if (inFlight.messages > inFlight.peakMessages) inFlight.peakMessages = inFlight.messages;
    if (inFlight.bytes > inFlight.peakBytes) inFlight.peakBytes = inFlight.bytes;
    const ack: PendingAck | null = publish.qos === 0 || publish.messageId === undefined ? null : { messageId: publish.messageId, state: 'waiting' };
    const gen = connection;
    if (ack) pending.push(ack);
    handle(publish).then(
      (committed) => { settle(ack, gen, committed, bytes); },
      (err: unknown) => {
        // Not committed (database down): no PUBACK; the broker redelivers on reconnect.
        log.error({ err, topic: publish.topic }, 'mqtt: message not committed, left unacknowledged');
        settle(ack, gen, false, bytes);
      },
    );
    // MQTT.js: no PUBACK now (ACK_AFTER_COMMIT), next packet please — once the window has room.
    const next = ack ? () => { done(ACK_AFTER_COMMIT); } : () => { done(); };
    if (windowFull()) resume = next; else next();
  };

  /** Parses and writes one message; true once it may be acknowledged (committed, or refused for good). */
  async function handle(packet: IPublishPacket): Promise<boolean> {
    const deviceId = deviceIdOfTopic(config.mqttTopic, packet.topic);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const refuse = (reason: string) => {
      stats.malformed++;
      ingest.count('malformed');
      log.warn({ topic: packet.topic, reason }, 'mqtt: message dropped');
      return true;   // acknowledged: a redelivery would be refused again
    };
    if (!deviceId) return refuse('topic does not name a device');
    if (payload.length > MAX_MESSAGE_BYTES) return refuse('message too large');
    let body: unknown;
    try { body = JSON.parse(payload.toString('utf8')); } catch { return refuse('not JSON'); }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('not a JSON object');
    const { ts, values, token } = body as { ts?: unknown; values?: unknown; token?: unknown };
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return refuse('no "values" object');
    const at = ts === undefined ? Date.now() : instantOf(ts);
    const points: { deviceId: string; metric: string; at: number; value: unknown }[] = [];
    for (const metric in values) points.push({ deviceId, metric, at, value: (values as Record<string, unknown>)[metric] });
    // Identity: the broker authenticates devices and its ACL lets each publish only to its own topic; a token in the
    // payload is checked when present, and required when IOC_MQTT_REQUIRE_TOKEN=true.
    if (typeof token === 'string' || config.mqttRequireToken) {
      const owner = typeof token === 'string' ? await ingest.deviceOfToken(token) : null;
      if (owner !== deviceId) {
        ingest.stats.received += points.length;
        ingest.count('bad-token', points.length);
        log.warn({ topic: packet.topic }, 'mqtt: message with a missing or wrong device token dropped');
        return true;
      }
    }
    const { valid } = await ingest.screen(points);
    await ingest.write(valid);
    return true;
  }

  return {
    async stop() {
      while (inFlight.messages > 0) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setImmediate(r));   // the last PUBACKs are written before the connection ends
      await new Promise<void>((resolve) => { client.end(false, {}, () => resolve()); });
      stats.connected = false;
    },
  };
}
