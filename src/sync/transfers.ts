/** Running blob transfers side by side, and the progress they report (for push, pull and bundles sent to a server). */
import type { TransferProgress } from './client.js';

/** Runs `fn` over `items`, at most `limit` at once, in order of start; the first failure is thrown once all have stopped. */
export async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      const item = items[next++];
      try { await fn(item); } catch (e) { failed ??= e; }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed !== undefined) throw failed;
}

/** A transfer the queue dropped before it started, because an earlier one failed (see TransferQueue.cancel). */
export class TransferCancelled extends Error {
  constructor() {
    super('cancelled: an earlier transfer failed');
  }
}

/**
 * Transfers with at most `limit` bodies on the wire at once, started in the order they were
 * added, each with its own promise: a push queues the blobs of its next batches while it
 * commits the current one, and a pull the next page's while it applies this one, so the
 * connections never wait for a batch to drain.
 *
 * A transfer may give its place back before it ends (`release`, once its bytes are all sent
 * or received): what follows (the server's fsync and answer to an upload, a download's fsync
 * and move into the store) then overlaps the next transfer's bytes instead of idling the
 * connection. Up to `outstanding` transfers are under way in all.
 *
 * After a failure the caller cancels what has not started and waits for the rest (`settled`)
 * before giving up: nothing keeps writing into a workspace being closed.
 */
export class TransferQueue {
  private active = 0;
  private outstanding = 0;
  private readonly maxOutstanding: number;
  private readonly waiting: { start: () => void; cancel: () => void }[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private cancelled = false;

  constructor(private readonly limit: number, opts: { outstanding?: number } = {}) {
    if (!(limit >= 1)) throw new RangeError(`transfers at once must be at least 1, not ${limit}`);
    this.maxOutstanding = Math.max(limit, opts.outstanding ?? limit);
  }

  run<T>(fn: (release: () => void) => Promise<T>): Promise<T> {
    if (this.cancelled) return Promise.reject(new TransferCancelled());
    const p = new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        this.outstanding++;
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          this.active--;
          this.next();
        };
        let settled: Promise<T>;
        try { settled = fn(release); } catch (e) { settled = Promise.reject(e); }
        settled.then(resolve, reject).finally(() => {
          this.outstanding--;
          if (released) this.next();
          else release();
        });
      };
      if (this.hasRoom()) start();
      else this.waiting.push({ start, cancel: () => reject(new TransferCancelled()) });
    });
    return this.track(p);
  }

  /**
   * A request the transfers depend on (a `missing` question, the next pull page), waited for by
   * `settled` like a transfer but taking no turn; refused once cancelled.
   */
  alongside<T>(request: () => Promise<T>): Promise<T> {
    if (this.cancelled) return Promise.reject(new TransferCancelled());
    return this.track(request());
  }

  private track<T>(p: Promise<T>): Promise<T> {
    const tracked = p.then(() => undefined, () => undefined);
    this.inFlight.add(tracked);
    void tracked.then(() => this.inFlight.delete(tracked));
    return p;
  }

  private hasRoom(): boolean {
    return this.active < this.limit && this.outstanding < this.maxOutstanding;
  }

  private next(): void {
    while (this.waiting.length && this.hasRoom()) this.waiting.shift()!.start();
  }

  /** Whether `cancel` was called: the caller asks nothing more of the server. */
  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Drops every transfer not started yet (each rejects with TransferCancelled); later `run`s are refused. */
  cancel(): void {
    this.cancelled = true;
    for (const w of this.waiting.splice(0)) w.cancel();
  }

  /** Resolves once every transfer (and request alongside) added so far has finished, one way or the other. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
  }
}

/** Sums per-blob progress into one report for `onProgress`; blobs may be added as they are known (size 0 when unknown yet). */
export function progressTracker(direction: TransferProgress['direction'], sizes: Map<string, number>, opts: { onProgress?: (p: TransferProgress) => void }) {
  const done = new Map<string, number>();
  const total = new Map(sizes);
  let blobsDone = 0;
  let bytesDone = 0;
  let bytesTotal = [...total.values()].reduce((a, b) => a + b, 0);
  const emit = () => opts.onProgress?.({ direction, bytesDone, bytesTotal, blobsDone, blobsTotal: total.size });
  const setDone = (sha: string, n: number) => {
    bytesDone += n - (done.get(sha) ?? 0);
    done.set(sha, n);
  };
  if (total.size) emit();
  return {
    /** More blobs to transfer (already counted ones are ignored). */
    add: (more: Map<string, number>) => {
      let added = false;
      for (const [sha, size] of more) {
        if (total.has(sha)) continue;
        total.set(sha, size);
        bytesTotal += size;
        added = true;
      }
      if (added) emit();
    },
    bytes: (sha: string, n: number) => { setDone(sha, n); emit(); },
    finished: (sha: string, size: number) => {
      setDone(sha, size);
      blobsDone++;
      emit();
    },
  };
}
