// Answers of expensive reads (a province overview rolls tens of thousands of cells up the tree), kept per
// database until an event on a topic they depend on: wall dashboards ask the same question every few
// seconds, and a change still shows at once because every publish of the topic drops the answers.
// Dropped twice: when a change publishes its event (before its commit, in this process) and when the hub
// dispatches the committed event (in every process). An answer computed while a change was under way is
// not kept (the topic's generation moved on).
import type { HubTopic } from '../../shared/realtime.js';

const MAX_ENTRIES = 500;

interface Entry { topics: HubTopic[]; value: unknown }

export interface ReadCache {
  /** The cached answer for `key`, or computes and keeps it unless one of `topics` changed meanwhile. */
  read<T>(key: string, topics: HubTopic[], compute: () => Promise<T>): Promise<T>;
  invalidate(topic: HubTopic): void;
  size(): number;
}

const caches = new WeakMap<object, ReadCache>();

/** One cache per database handle (tests and benches run several apps in one process). */
export function readCacheOf(db: object): ReadCache {
  let cache = caches.get(db);
  if (!cache) { cache = createReadCache(); caches.set(db, cache); }
  return cache;
}

export function createReadCache(): ReadCache {
  const entries = new Map<string, Entry>();
  const generations = new Map<HubTopic, number>();
  const generationOf = (topics: HubTopic[]) => topics.map((t) => generations.get(t) ?? 0).join('.');
  return {
    async read<T>(key: string, topics: HubTopic[], compute: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);          // re-insert: the Map's order is the recency order
        entries.set(key, hit);
        return hit.value as T;
      }
      const before = generationOf(topics);
      const value = await compute();
      if (generationOf(topics) === before) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(key, { topics, value });
      }
      return value;
    },
    invalidate(topic: HubTopic): void {
      generations.set(topic, (generations.get(topic) ?? 0) + 1);
      for (const [key, entry] of entries) if (entry.topics.includes(topic)) entries.delete(key);
    },
    size: () => entries.size,
  };
}
