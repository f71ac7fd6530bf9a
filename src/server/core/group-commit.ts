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
 */
export function groupCommit<I, O>(writeBatch: (items: I[]) => Promise<O[]>, maxBatch = 64): GroupCommit<I, O> {
  type Waiter = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let queue: Waiter[] = [];
  let running: Promise<void> | null = null;

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
    running = drain().finally(() => {
      running = null;
      if (queue.length > 0) start();
    });
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!running) start();
      });
    },
    async settled() {
      while (running) await running;
    },
  };
}
