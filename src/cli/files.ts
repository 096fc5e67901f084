/**
 * File access for the commands: reading LAS files (whole or streamed) and writing output
 * files so that a failure or Ctrl-C never leaves a half-written file under the asked name.
 */
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamLas, type LasStreamEvent, type StreamOptions } from '../las/stream.js';
import { fileError } from './errors.js';

/** Big reads go faster with big chunks; 1 MB keeps memory small all the same. */
const READ_CHUNK = 1 << 20;

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw fileError(e, path, 'read');
  }
}

/** Size in bytes, or a CliError naming the file when it cannot be read. */
export async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return s.size;
  } catch (e) {
    throw fileError(e, path, 'read');
  }
}

/**
 * Streams a LAS file through the reader in bounded memory. `onBytes` sees the running
 * byte count. File-system failures come out as CliErrors, not as reader errors.
 */
export async function* streamLasFile(path: string, options: StreamOptions, onBytes?: (bytes: number) => void): AsyncGenerator<LasStreamEvent> {
  // Opening first turns a bad path into a clear error before any reading starts.
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw fileError(e, path, 'read');
  }
  let ioError: unknown = null;
  async function* bytes(): AsyncGenerator<Uint8Array> {
    let total = 0;
    try {
      for await (const chunk of createReadStream('', { fd: handle, highWaterMark: READ_CHUNK })) {
        total += (chunk as Uint8Array).length;
        onBytes?.(total);
        yield chunk as Uint8Array;
      }
    } catch (e) {
      ioError = e;
      throw e;
    }
  }
  try {
    yield* streamLas(bytes(), options);
  } catch (e) {
    // streamLas reports any failure of its source as a reader failure; undo that for I/O.
    if (ioError) throw fileError(ioError, path, 'read');
    throw e;
  } finally {
    await handle.close().catch(() => {});
  }
}

/** True when both paths name the same existing file (symlinks and hard links included). */
export function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Writes `chunks` to a temporary file next to `target`, then renames it into place, so
 * readers of `target` see the old file or the whole new one, never a part. Returns bytes written.
 */
export async function writeFileAtomic(
  target: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  onBytes?: (bytes: number) => void,
): Promise<number> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const removeTmp = () => {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone, or never created.
    }
  };
  // Ctrl-C during a long write must not leave the temporary file behind.
  const onSignal = (signal: NodeJS.Signals) => {
    removeTmp();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let written = 0;
  const encoder = new TextEncoder();
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of chunks) {
      const b = typeof c === 'string' ? encoder.encode(c) : c;
      written += b.length;
      onBytes?.(written);
      yield b;
    }
  }
  try {
    await pipeline(Readable.from(counted(), { objectMode: false }), createWriteStream(tmp, { flags: 'wx' }));
    await rename(tmp, target);
    return written;
  } catch (e) {
    await unlink(tmp).catch(() => {});
    // Errors of our own producer (e.g. a generator refusing its options) pass through as they are.
    if ((e as NodeJS.ErrnoException | null)?.code && typeof (e as NodeJS.ErrnoException).syscall === 'string') throw fileError(e, target, 'write');
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
