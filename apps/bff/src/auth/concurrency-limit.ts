/**
 * At most `limit` tasks run at once; the rest wait their turn in arrival order. A finished task hands its slot
 * straight to the next one waiting, so a newcomer cannot overtake the queue.
 *
 * @example
 * const hashing = createConcurrencyLimit(1);
 * const digest = await hashing.run(() => hash(password));
 */
export function createConcurrencyLimit(limit: number) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency limit must be a positive integer: ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    /** Tasks running now. */
    get active() {
      return active;
    },
    /** Tasks waiting for a slot. */
    get waiting() {
      return waiting.length;
    },
  };
}
