// Group commit for a hot write door: writes that arrive while a batch is being committed wait for the
// next batch, so N concurrent writers cost one transaction (one WAL flush, one hold of the hub's publish
// lock) instead of N. There is no timer: an idle door writes a lone item at once, so batching adds no
// latency when there is nothing to batch with.

export interface GroupCommit<I, O> {
  /** Resolves once the item's batch has committed (or rejects with the item's own error). */
  submit(item: I): Promise<O>;
  /** Resolves when nothing is queued or being written (shutdown, tests). */
  settled(): Promise<void>;
}

/**
 * `writeBatch` writes all items in one transaction and answers one result per item, in order. When it
 * throws, nothing of the batch was written (it is one transaction), and each item is written again on its
 * own, so that one bad item fails alone rather than taking the others down with it.
 *
 * `inFlight`: how many batches may be written at once. A batch spends most of its time waiting for the
 * database's answers to its few statements; a second batch filling up and writing meanwhile keeps the
 * server's cores busy (items stay independent: each batch is its own transaction).
 */
export function groupCommit<I, O>(writeBatch: (items: I[]) => Promise<O[]>, maxBatch = 64, inFlight = 1): GroupCommit<I, O> {
  type Waiter = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let queue: Waiter[] = [];
  const running = new Set<Promise<void>>();

  async function writeAlone(w: Waiter): Promise<void> {
    try {
      const [out] = await writeBatch([w.item]);
      w.resolve(out as O);
    } catch (err) {
      w.reject(err);
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      if (batch.length === 1) {
        await writeAlone(batch[0]!);
        continue;
      }
      try {
        const results = await writeBatch(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(results[i] as O));
      } catch {
        for (const w of batch) await writeAlone(w);
      }
    }
  }

  function start(): void {
    const writer: Promise<void> = drain().finally(() => {
      running.delete(writer);
      if (queue.length > 0 && running.size < inFlight) start();
    });
    running.add(writer);
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // A new writer only when the others are all busy writing: an idle door still writes a lone item at once.
        if (running.size < inFlight) start();
      });
    },
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
