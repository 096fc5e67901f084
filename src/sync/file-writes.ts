/**
 * Writing a blob's network chunks to a file while hashing them: shared by the client's
 * downloads and the server's uploads. Chunks (~64 KiB) are gathered into 1 MiB buffers, each
 * written in one call and then handed to the hash worker: one copy of the bytes on the JS
 * thread instead of hashing them there.
 *
 * The server lets a full buffer's write run behind the caller (`queued`: up to two, in order),
 * so an upload's connection keeps being read while the disk takes the last megabyte (a push
 * took ~7% less time). A download waits for each write (`queued` 0): reading on made a clone
 * ~15% slower, its client then competing with its own fsyncs. `flush` waits for them all.
 */
import type { BlobFileHandle } from '../workspace/fd-file.js';
import { OffThreadHash } from './hash-worker.js';

export class HashingFileWriter {
  readonly hash = new OffThreadHash();
  private buf: Buffer | null = null;
  private fill = 0;
  /** Writes queued in order: each writes its buffer, then hands it to the hash. */
  private readonly queue: Promise<void>[] = [];
  private queuedBytes = 0;
  private failure: unknown = undefined;
  /** Bytes written to the file so far (all of them also given to the hash). */
  written = 0;

  /**
   * Writes go to `fh` from byte `start` on; `hash` continues a running hash of the bytes before
   * it; `queued`: full buffers left to write behind the caller (0: each add waits for its write).
   */
  constructor(private readonly fh: BlobFileHandle, private readonly start: number, hash?: OffThreadHash, private readonly queued = 0) {
    if (hash) this.hash = hash;
  }

  /** Bytes taken but not written yet. */
  get pending(): number {
    return this.fill + this.queuedBytes;
  }

  /**
   * Takes `chunk`; returns a promise only when the caller must wait (for a buffer back from the
   * hash, or for writes behind it): most chunks are taken at once, with no promise to settle.
   */
  add(chunk: Uint8Array): Promise<void> | undefined {
    this.throwIfFailed();
    let at = 0;
    while (at < chunk.byteLength) {
      if (!this.buf) {
        const next = this.hash.acquire();
        if (next instanceof Promise) return this.resume(next.then((b) => { this.buf = b; }), chunk, at);
        this.buf = next;
      }
      const n = Math.min(chunk.byteLength - at, this.buf.length - this.fill);
      this.buf.set(n === chunk.byteLength ? chunk : chunk.subarray(at, at + n), this.fill);
      this.fill += n;
      at += n;
      if (this.fill === this.buf.length) {
        this.enqueue();
        if (this.queue.length > this.queued) return this.resume(this.writesBehind(), chunk, at);
      }
    }
    return undefined;
  }

  /** After `wait`, the rest of `chunk` from `at`. */
  private async resume(wait: Promise<void>, chunk: Uint8Array, at: number): Promise<void> {
    await wait;
    if (at < chunk.byteLength) await this.add(chunk.subarray(at));
  }

  /** Until no more than `queued` writes are behind the caller. */
  private async writesBehind(): Promise<void> {
    while (this.queue.length > this.queued) await this.queue[0];
    this.throwIfFailed();
  }

  /** Writes everything taken (going on after short writes) and waits for it: then `written` counts every byte. */
  async flush(): Promise<void> {
    this.throwIfFailed();
    this.enqueue();
    await this.settled();
    this.throwIfFailed();
  }

  /** Forgets the bytes not queued for writing yet, once the queued writes have ended (so none lands after). */
  async discard(): Promise<void> {
    await this.settled();
    if (this.buf) this.hash.release(this.buf);
    this.buf = null;
    this.fill = 0;
  }

  private enqueue(): void {
    const buf = this.buf;
    const len = this.fill;
    if (!buf || len === 0) return;
    this.buf = null;
    this.fill = 0;
    const position = this.start + this.written + this.queuedBytes;
    this.queuedBytes += len;
    const previous = this.queue.at(-1) ?? Promise.resolve();
    const done = previous.then(async () => {
      // After a failed write nothing more is written or hashed: the hash follows the file.
      if (this.failure !== undefined) { this.hash.release(buf); return; }
      try {
        let off = 0;
        while (off < len) {
          const { bytesWritten } = await this.fh.write(buf, off, len - off, position + off);
          if (bytesWritten <= 0) throw new Error(`a write at byte ${position + off} wrote nothing`);
          off += bytesWritten;
        }
      } catch (err) {
        this.failure = err;
        this.hash.release(buf);
        return;
      } finally {
        this.queuedBytes -= len;
      }
      this.written += len;
      this.hash.update(buf, len);
    }).finally(() => { this.queue.shift(); });
    this.queue.push(done);
  }

  private async settled(): Promise<void> {
    while (this.queue.length) await this.queue.at(-1);
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
