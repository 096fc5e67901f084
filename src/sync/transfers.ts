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

/** Sums per-blob progress into one report for `onProgress` (sizes by hash; 0 when unknown yet). */
export function progressTracker(direction: TransferProgress['direction'], sizes: Map<string, number>, opts: { onProgress?: (p: TransferProgress) => void }) {
  const done = new Map<string, number>();
  let blobsDone = 0;
  const bytesTotal = [...sizes.values()].reduce((a, b) => a + b, 0);
  const emit = () => opts.onProgress?.({ direction, bytesDone: [...done.values()].reduce((a, b) => a + b, 0), bytesTotal, blobsDone, blobsTotal: sizes.size });
  if (sizes.size) emit();
  return {
    bytes: (sha: string, n: number) => { done.set(sha, n); emit(); },
    finished: (sha: string, size: number) => { done.set(sha, size); blobsDone++; emit(); },
  };
}
