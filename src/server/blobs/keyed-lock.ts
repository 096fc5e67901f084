/**
 * One operation at a time per key (a blob hash) within this process: two requests appending to
 * the same upload must not interleave, and a finish must not hash a part file mid-append. The
 * second caller waits, then sees the first one's result (typically an offset mismatch telling it
 * where the upload now stands).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => { release = resolve; });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      // Forget the key once nobody is queued behind us, so the map does not grow with every blob ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
