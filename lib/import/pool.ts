/**
 * Runs `worker` over the items with at most `concurrency` at once, pulling items lazily so a long
 * (streamed) source never piles up in memory. The worker handles its own per-item errors; an error
 * that escapes it stops the run (remaining items are not started) and is rethrown.
 */
export async function runPool<T>(
  source: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure) {
      // Async generators queue concurrent next() calls, so lanes never receive the same item.
      const next = await iterator.next();
      if (next.done || failure) return;
      try {
        await worker(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(concurrency)) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}

/** Runs tasks with the same key one after another (in call order); different keys run in parallel. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<R>(key: string, task: () => Promise<R>): Promise<R> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
