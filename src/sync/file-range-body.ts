/**
 * A byte range of a file written as an HTTP body (a client's upload, the server's download):
 * read into pooled 1 MiB buffers, the next read overlapping the socket taking the last one.
 * Fresh buffers per read (what fs.createReadStream does) made half a gigabyte of short-lived
 * external memory per clone, and the server spent more CPU collecting it than sending it.
 */
import type { OutgoingMessage } from 'node:http';
import { BufferPool } from '../workspace/buffer-pool.js';
import type { BlobFileHandle } from '../workspace/fd-file.js';

/** Big enough that a read and a socket write are one syscall's worth each; the pool keeps few. */
const READ_BYTES = 1 << 20;
const pool = new BufferPool(READ_BYTES, 16);
/** Buffers handed to the socket and not yet flushed, per body: reading the next overlaps sending this one. */
const IN_FLIGHT = 2;

/** The file could not be read, or held fewer bytes than the range: nothing past it was sent. */
export class FileRangeReadError extends Error {
  constructor(readonly reason: 'unreadable' | 'short', message: string) {
    super(message);
    this.name = 'FileRangeReadError';
  }
}

/**
 * Writes `length` bytes of `fh` from `position` to `out` (headers are the caller's), resolving
 * once the socket has taken every byte; `out.end()` is left to the caller. Rejects with
 * {@link FileRangeReadError} when the file fails, or with the connection's error when it closes.
 */
export async function writeFileRange(out: OutgoingMessage, fh: BlobFileHandle, position: number, length: number): Promise<void> {
  const inFlight: Promise<void>[] = [];
  try {
    let sent = 0;
    while (sent < length) {
      const buf = pool.acquire();
      const n = Math.min(buf.length, length - sent);
      let bytesRead: number;
      try {
        ({ bytesRead } = await fh.read(buf, 0, n, position + sent));
      } catch (e) {
        pool.release(buf);
        throw new FileRangeReadError('unreadable', (e as Error).message);
      }
      if (bytesRead !== n) {
        pool.release(buf);
        throw new FileRangeReadError('short', `the file ended at byte ${position + sent + bytesRead}, before the ${length} bytes from ${position}`);
      }
      const write = written(out, buf.subarray(0, n), () => pool.release(buf));
      // Handled here so a closed connection noticed during the next read is not an unhandled rejection.
      write.catch(() => undefined);
      inFlight.push(write);
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      sent += n;
    }
    await Promise.all(inFlight);
  } catch (e) {
    // No write of ours is left to land after we return.
    await Promise.allSettled(inFlight);
    throw e;
  }
}

/**
 * Resolves once the socket has taken `chunk` (then `done` frees its buffer). A body that
 * closes first rejects instead: a write callback is not promised on a dead connection, and
 * the buffer is then simply not reused.
 */
function written(out: OutgoingMessage, chunk: Uint8Array, done: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onClose = () => reject(new Error('the connection closed during the body'));
    out.once('close', onClose);
    out.write(chunk, (err) => {
      out.off('close', onClose);
      if (err) { reject(err); return; }
      done();
      resolve();
    });
  });
}
