/**
 * Writing a blob's network chunks to a file while hashing them: shared by the client's
 * downloads and the server's uploads. Chunks (~64 KiB) are gathered into 1 MiB buffers, each
 * written in one call and then handed to the hash worker: one copy of the bytes on the JS
 * thread instead of hashing them there.
 */
import type { BlobFileHandle } from '../workspace/fd-file.js';
import { OffThreadHash } from './hash-worker.js';

export class HashingFileWriter {
  readonly hash = new OffThreadHash();
  private buf: Buffer | null = null;
  private fill = 0;
  /** Bytes written to the file so far (all of them also given to the hash). */
  written = 0;

  /** Writes go to `fh` from byte `start` on; `hash` continues a running hash of the bytes before it. */
  constructor(private readonly fh: BlobFileHandle, private readonly start: number, hash?: OffThreadHash) {
    if (hash) this.hash = hash;
  }

  /** Bytes taken but not written yet. */
  get pending(): number {
    return this.fill;
  }

  async add(chunk: Uint8Array): Promise<void> {
    let at = 0;
    while (at < chunk.byteLength) {
      this.buf ??= await this.hash.acquire();
      const n = Math.min(chunk.byteLength - at, this.buf.length - this.fill);
      this.buf.set(n === chunk.byteLength ? chunk : chunk.subarray(at, at + n), this.fill);
      this.fill += n;
      at += n;
      if (this.fill === this.buf.length) await this.flush();
    }
  }

  /** Writes what is pending (going on after short writes), then hashes it. */
  async flush(): Promise<void> {
    const buf = this.buf;
    const len = this.fill;
    if (!buf || len === 0) return;
    this.buf = null;
    this.fill = 0;
    try {
      let done = 0;
      while (done < len) {
        const { bytesWritten } = await this.fh.write(buf, done, len - done, this.start + this.written + done);
        if (bytesWritten <= 0) throw new Error(`a write at byte ${this.start + this.written + done} wrote nothing`);
        done += bytesWritten;
      }
    } catch (err) {
      this.hash.release(buf);
      throw err;
    }
    this.written += len;
    this.hash.update(buf, len);
  }

  /** Forgets the bytes not written yet. */
  discard(): void {
    if (this.buf) this.hash.release(this.buf);
    this.buf = null;
    this.fill = 0;
  }
}
