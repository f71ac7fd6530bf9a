// Live hub: domain events are written with the change (outbox), announced with NOTIFY at commit, and
// fanned out here to the websocket clients whose scope and topics match. Every process on the same
// database listens, so a write on one server reaches clients of all of them.
import { and, asc, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import {
  HUB_REPLAY_MAX_EVENTS, HUB_REPLAY_WINDOW_MS, type HubControl, type HubEvent, type HubTopic,
} from '../../shared/realtime.js';
import { type Database, type DbOrTx, selectRows } from '../db/client.js';
import { isInScope } from './auth.js';
import { events, type EventRow } from './core.table.js';

const CHANNEL = 'ioc_events';
// Serialises event writers so that seq order equals commit order: a client resuming from seq N
// can never miss an event that committed later with a lower number.
const PUBLISH_LOCK = 727_002;
const EVENT_RETENTION_MS = 24 * 3600 * 1000;

export interface PublishInput {
  topic: HubTopic;
  type: string;
  unitPath: string | null;
  ids: string[];
  data?: Record<string, unknown>;
}

export type Publish = (tx: DbOrTx, input: PublishInput) => Promise<number>;

/**
 * Writes the event row inside the caller's transaction; it is pushed only if that transaction commits.
 * Lock, insert and notification in one statement: the lock is held until commit, so every round trip
 * after it is time all other publishers wait (at hundreds of intakes a second, three round trips under
 * the lock instead of one was the ceiling). The insert reads its row from the lock's CTE, so the lock is
 * taken before the identity is drawn; the notification reads the inserted row.
 */
export const publish: Publish = async (tx, input) => {
  const data = JSON.stringify({ ids: input.ids, ...input.data });
  const [row] = await selectRows<{ seq: string | number }>(tx, sql`
    WITH locked AS (SELECT pg_advisory_xact_lock(${PUBLISH_LOCK})),
    inserted AS (
      INSERT INTO ${events} (topic, type, unit_path, data)
      SELECT ${input.topic}, ${input.type}, ${input.unitPath}, ${data}::jsonb FROM locked
      RETURNING seq
    )
    SELECT seq, pg_notify(${CHANNEL}, seq::text) FROM inserted`);
  return Number(row!.seq);
};

/**
 * Several events in one go (one lock, one multi-row insert, one notification, all in one statement as in
 * `publish`) for a change that touches many units at once, e.g. a bulk ingest grouped per receiving unit or
 * a batch of citizen reports. Same guarantees as `publish`; seqs are answered in the order of `inputs`.
 */
export async function publishMany(tx: DbOrTx, inputs: PublishInput[]): Promise<number[]> {
  if (inputs.length === 0) return [];
  const rows = JSON.stringify(inputs.map((input) => ({ topic: input.topic, type: input.type, unit_path: input.unitPath, data: { ids: input.ids, ...input.data } })));
  const [row] = await selectRows<{ seqs: (string | number)[] }>(tx, sql`
    WITH ${publicationOf(sql`
      SELECT x.topic, x.type, x.unit_path, x.data, x.n
      FROM ROWS FROM (jsonb_to_recordset(${rows}::jsonb) AS (topic text, type text, unit_path text, data jsonb)) WITH ORDINALITY AS x(topic, type, unit_path, data, n)`)}
    SELECT array_agg(seq ORDER BY seq) AS seqs, ${publicationNotice} FROM hub_published`);
  return row!.seqs.map(Number);
}

/**
 * The publication of events as CTEs for a hot write path's own statement, so that its change and its events
 * cost one round trip: `source` selects rows of (topic, type, unit_path, data jsonb, n), n giving the order. The
 * CTEs are `hub_locked` and `hub_published`; the statement must read `publicationNotice` (a SELECT CTE nobody
 * reads is never run, so the notification lives in the main query). Same guarantees as `publish`.
 */
export function publicationOf(source: SQL): SQL {
  return sql`hub_locked AS (SELECT pg_advisory_xact_lock(${PUBLISH_LOCK})),
    hub_published AS (
      INSERT INTO ${events} (topic, type, unit_path, data)
      SELECT s.topic, s.type, s.unit_path, s.data FROM (${source}) s, hub_locked
      ORDER BY s.n
      RETURNING seq
    )`;
}

/** The notification of a `publicationOf` statement: a scalar, evaluated once, for its main query's select list. */
export const publicationNotice: SQL = sql`(SELECT pg_notify(${sql.raw(`'${CHANNEL}'`)}, max(seq)::text) FROM hub_published) AS hub_notified`;

export interface HubSubscriber {
  scopePath: string;
  topics: Set<HubTopic>;
  send(message: HubEvent | HubControl): void;
}

function toHubEvent(row: EventRow): HubEvent {
  return {
    seq: row.seq,
    type: row.type,
    topic: row.topic as HubTopic,
    unitPath: row.unitPath,
    at: row.at.toISOString(),
    data: row.data as HubEvent['data'],
  };
}

export function isDeliverable(subscriber: Pick<HubSubscriber, 'scopePath' | 'topics'>, event: HubEvent): boolean {
  if (subscriber.topics.size > 0 && !subscriber.topics.has(event.topic)) return false;
  return event.unitPath === null || isInScope(subscriber.scopePath, event.unitPath);
}

export interface Hub {
  /** Registers a client; replays what it missed since `since` (bounded), then streams live events. */
  attach(subscriber: HubSubscriber, since: number | null): Promise<() => void>;
  lastSeq(): number;
  /** Resolves once every event up to `seq` has been dispatched locally (tests, benchmarks). */
  dispatched(seq: number): Promise<void>;
  stop(): Promise<void>;
  stats(): { clients: number; lastSeq: number };
}

export async function startHub(database: Database, log: FastifyBaseLogger, options: { pollMs?: number } = {}): Promise<Hub> {
  const { db } = database;
  const clients = new Set<HubSubscriber & { buffering: HubEvent[] | null }>();
  const [maxRow] = await db.select({ max: sql<number>`coalesce(max(${events.seq}), 0)::bigint` }).from(events);
  let lastSeq = Number(maxRow?.max ?? 0);
  let draining: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const waiters: { seq: number; resolve: () => void }[] = [];

  function deliver(event: HubEvent): void {
    for (const client of clients) {
      if (!isDeliverable(client, event)) continue;
      if (client.buffering) client.buffering.push(event);
      else client.send(event);
    }
  }

  async function drainOnce(): Promise<void> {
    for (;;) {
      const rows = await db.select().from(events).where(gt(events.seq, lastSeq)).orderBy(asc(events.seq)).limit(1000);
      for (const row of rows) {
        lastSeq = row.seq;
        deliver(toHubEvent(row));
      }
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i]!.seq <= lastSeq) { waiters[i]!.resolve(); waiters.splice(i, 1); }
      }
      if (rows.length < 1000) return;
    }
  }

  // One drain at a time; a NOTIFY arriving mid-drain schedules one more pass.
  function drain(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (draining) { again = true; return draining; }
    draining = (async () => {
      try {
        do { again = false; await drainOnce(); } while (again && !stopped);
      } catch (err) {
        log.warn({ err }, 'hub: reading events failed; will retry');
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  let unlisten: (() => Promise<void>) | null = null;
  async function listen(): Promise<void> {
    try {
      unlisten = await database.listen(CHANNEL, () => { void drain(); });
    } catch (err) {
      log.warn({ err }, 'hub: LISTEN failed; polling until it succeeds');
      unlisten = null;
    }
  }
  await listen();
  // Safety net: a lost notification or a dropped LISTEN connection delays events by at most pollMs.
  const poll = setInterval(() => {
    if (!unlisten) void listen();
    void drain();
  }, options.pollMs ?? 1000);
  poll.unref();
  const prune = setInterval(() => {
    db.delete(events).where(lt(events.at, new Date(Date.now() - EVENT_RETENTION_MS)))
      .catch((err: unknown) => log.warn({ err }, 'hub: pruning events failed'));
  }, 3600_000);
  prune.unref();

  return {
    async attach(subscriber, since) {
      const client = { ...subscriber, buffering: since === null ? null : [] as HubEvent[] };
      clients.add(client);
      if (since === null) {
        client.send({ type: 'hub.hello', lastSeq, replayed: 0 });
        return () => { clients.delete(client); };
      }
      let replayed = 0;
      try {
        const windowStart = new Date(Date.now() - HUB_REPLAY_WINDOW_MS);
        const rows = await db.select().from(events)
          .where(and(gt(events.seq, since), gte(events.at, windowStart)))
          .orderBy(asc(events.seq)).limit(HUB_REPLAY_MAX_EVENTS + 1);
        // Missed events that are older than the window, or already pruned, cannot be replayed.
        const [outside] = await db.select({ seq: events.seq }).from(events).where(and(gt(events.seq, since), lt(events.at, windowStart))).limit(1);
        const [first] = await db.select({ seq: sql<number>`min(${events.seq})` }).from(events);
        const firstKept = first?.seq == null ? null : Number(first.seq);
        const pruned = since < lastSeq && (firstKept === null || since + 1 < firstKept);
        const gap = outside !== undefined || pruned;
        if (rows.length > HUB_REPLAY_MAX_EVENTS || gap) {
          client.send({ type: 'hub.reset', reason: gap ? 'too-old' : 'too-many', lastSeq });
        } else {
          for (const row of rows) {
            const event = toHubEvent(row);
            if (isDeliverable(client, event)) { client.send(event); replayed++; }
          }
        }
        const replayedUpTo = rows.length ? rows[rows.length - 1]!.seq : since;
        for (const event of client.buffering ?? []) if (event.seq > replayedUpTo) client.send(event);
      } finally {
        client.buffering = null;
      }
      client.send({ type: 'hub.hello', lastSeq, replayed });
      return () => { clients.delete(client); };
    },
    lastSeq: () => lastSeq,
    async dispatched(seq) {
      if (seq <= lastSeq) return;
      await new Promise<void>((resolve) => { waiters.push({ seq, resolve }); void drain(); });
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(prune);
      if (draining) await draining;
      if (unlisten) await unlisten();
      clients.clear();
    },
    stats: () => ({ clients: clients.size, lastSeq }),
  };
}
