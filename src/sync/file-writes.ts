/**
 * Writing a run of network chunks to a file: gathered into one vectored write (writev) rather
 * than a write per ~64 KiB chunk or a copy into one big buffer. Shared by the client's
 * downloads and the server's uploads.
 */
import type { FileHandle } from 'node:fs/promises';

/** Writes `chunks` at `position`, going on after short writes; returns the byte count. */
export async function writeChunks(fh: FileHandle, chunks: readonly Uint8Array[], position: number): Promise<number> {
  let total = 0;
  for (const c of chunks) total += c.byteLength;
  let done = 0;
  let rest = chunks;
  while (done < total) {
    const { bytesWritten } = await fh.writev(rest as Uint8Array[], position + done);
    if (bytesWritten <= 0) throw new Error(`a write at byte ${position + done} wrote nothing`);
    done += bytesWritten;
    rest = dropBytes(rest, bytesWritten);
  }
  return total;
}

/** The chunks after the first `n` bytes (a short writev leaves the tail to write again). */
function dropBytes(chunks: readonly Uint8Array[], n: number): readonly Uint8Array[] {
  let i = 0;
  while (i < chunks.length && n >= chunks[i].byteLength) n -= chunks[i++].byteLength;
  if (i === chunks.length) return [];
  return n === 0 ? chunks.slice(i) : [chunks[i].subarray(n), ...chunks.slice(i + 1)];
}

/** Chunks waiting to be written together. */
export class WriteBatch {
  private chunks: Uint8Array[] = [];
  bytes = 0;

  add(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.bytes += chunk.byteLength;
  }

  clear(): void {
    this.chunks = [];
    this.bytes = 0;
  }

  /** The chunks so far, leaving the batch empty. */
  take(): Uint8Array[] {
    const out = this.chunks;
    this.clear();
    return out;
  }
}
