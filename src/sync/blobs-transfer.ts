/**
 * Moving blob bytes between a workspace and a server, resumably.
 *
 * Upload: start from where the server's upload stands (told by `missing`, else a HEAD) and
 * send the rest — one PATCH per blob when it fits in one request, marked `Upload-Complete`
 * so the server hashes, stores and records it in the same round trip (bigger blobs: several
 * PATCHes, the last one complete). After a cut connection the next try starts from the
 * server's offset, never ours: bytes the server kept are not sent again, bytes it lost are.
 *
 * Download: stream into a temp file beside the blob store, hashing as the bytes arrive; a cut
 * connection resumes with a Range request. The blob enters the store only when its hash
 * matches its name.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { BlobStore } from '../workspace/blob-store.js';
import { FdFile } from '../workspace/fd-file.js';
import { sha256File } from '../workspace/blob-store.js';
import type { UploadState, WorkspaceApi } from './api.js';
import { SyncError, SyncHttpError } from './errors.js';
import { HashingFileWriter } from './file-writes.js';
import { backoffDelay, sleep } from './retry.js';

/** The server's default limit per PATCH (64 MiB): most blobs go in one request. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024 * 1024;
/** A server with a lower limit answers 413: the chunk is halved down to this, then the 413 stands. */
const MIN_CHUNK_BYTES = 1024 * 1024;
/** A download reports its progress about this often. */
const PROGRESS_BYTES = 1 << 20;

export interface TransferOptions {
  /** Bytes per PATCH request (the server refuses more than its upload limit, 64 MiB by default). */
  chunkBytes?: number;
  /** Bytes of this blob done so far (may go back when a retry has to resend). */
  onProgress?: (bytesDone: number) => void;
  /** Tries after failures that make no progress; default: the client's retry attempts. */
  attempts?: number;
  /** Told before each wait after a failure. */
  onRetry?: (error: SyncHttpError, attempt: number, delayMs: number) => void;
  /**
   * Told once the blob's bytes have all gone out (an upload) or come in (a download): what is
   * left is the far end's work or this end's fsync, which need not hold a connection's turn.
   */
  onBytesDone?: () => void;
}

/** Uploads read the blob from `size` bytes at `start` of the file rather than the whole file (a blob inside a plain bundle). */
export interface UploadOptions extends TransferOptions {
  range?: { start: number; size: number };
  /** Where the server's upload stands, when `missing` said (spares the first HEAD). */
  known?: UploadState;
  /** The file's size when the caller has it (spares a stat; a file of another size fails its read or its hash check). */
  size?: number;
}

export interface UploadResult {
  sha256: string;
  size: number;
  /** Bytes sent in PATCH bodies (size − resumedFrom when nothing had to be resent). */
  sent: number;
  /** Where the first try started (> 0 when an earlier upload was cut). */
  resumedFrom: number;
  /** The server had the whole blob already: nothing sent. */
  alreadyStored: boolean;
  /** Failures recovered from on the way (cut connections, a server restart). */
  retries: number;
}

export async function uploadBlob(api: WorkspaceApi, sha256: string, path: string, opts: UploadOptions = {}): Promise<UploadResult> {
  let chunk = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const attempts = opts.attempts ?? api.http.retry.attempts;
  let fh: FdFile;
  try {
    fh = FdFile.open(path, 'r');
  } catch (e) {
    throw new SyncError('blob-missing-locally', `blob ${sha256} is not in the workspace (${(e as Error).message}): run 'dataforge fsck'`);
  }
  try {
    const start = opts.range?.start ?? 0;
    const size = opts.range?.size ?? opts.size ?? (await fh.stat()).size;
    let state = opts.known ?? (await api.uploadState(sha256));
    const result: UploadResult = { sha256, size, sent: 0, resumedFrom: state.offset, alreadyStored: state.stored, retries: 0 };
    let failures = 0;
    let mismatches = 0;
    let progressAtFailure = -1;
    while (true) {
      try {
        // Stored and recorded for this workspace by a complete PATCH: nothing left to ask.
        let recorded = false;
        let mismatch = false;
        if (!state.stored) {
          if (state.offset > size) state = { offset: 0, stored: false }; // a damaged part: finish below discards it
          while (state.offset < size && !state.stored) {
            const before = state.offset;
            const len = Math.min(chunk, size - before);
            const last = before + len === size;
            const r = await api.appendRange(sha256, before, { fh, position: start + before, length: len, onSent: last ? opts.onBytesDone : undefined }, last);
            if ('mismatch' in r) { mismatch = true; break; }
            state = r;
            recorded = r.recorded;
            if (state.offset > before) result.sent += len;
            opts.onProgress?.(Math.min(state.offset, size));
          }
        }
        // Also for a blob the server had: finishing records it for this workspace.
        const verdict = mismatch ? 'hash-mismatch' : recorded ? 'stored' : await api.finish(sha256);
        if (verdict === 'stored') {
          opts.onProgress?.(size);
          return result;
        }
        if (verdict === 'hash-mismatch') {
          mismatches++;
          if (mismatches >= 2 || (await (opts.range ? sha256Range(path, opts.range) : sha256File(path))) !== sha256) {
            throw new SyncError('blob-corrupt-locally', `blob ${sha256} in the workspace does not match its hash: run 'dataforge fsck'`);
          }
        }
        state = await api.uploadState(sha256);
      } catch (e) {
        if (e instanceof SyncHttpError && e.status === 413 && chunk > MIN_CHUNK_BYTES) {
          // A server with a lower upload limit than ours: smaller requests (it kept nothing of this one).
          chunk = Math.max(MIN_CHUNK_BYTES, Math.floor(chunk / 2));
          state = await api.uploadState(sha256);
          continue;
        }
        if (!(e instanceof SyncHttpError) || !e.transient) throw e;
        // Progress since the last failure earns the retries back: a flaky line still finishes a big blob.
        if (state.offset > progressAtFailure) failures = 0;
        progressAtFailure = state.offset;
        if (++failures >= attempts) throw e;
        result.retries++;
        const delay = backoffDelay(failures, api.http.retry, e.retryAfterMs);
        opts.onRetry?.(e, failures, delay);
        await sleep(delay);
        state = await api.uploadState(sha256);
      }
    }
  } finally {
    await fh.close();
  }
}

async function sha256Range(path: string, range: { start: number; size: number }): Promise<string> {
  const hash = createHash('sha256');
  if (range.size === 0) return hash.digest('hex');
  const stream = createReadStream(path, { start: range.start, end: range.start + range.size - 1 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface DownloadResult { sha256: string; size: number; path: string; resumes: number }

/** Downloads a blob into `store` as `<sha256>.<ext>` (nothing to do when it is there already). */
export async function downloadBlob(api: WorkspaceApi, sha256: string, ext: string, store: BlobStore, opts: TransferOptions = {}): Promise<DownloadResult> {
  const target = store.pathOf(sha256, ext);
  if (store.has(sha256, ext)) return { sha256, size: 0, path: target, resumes: 0 };
  const attempts = opts.attempts ?? api.http.retry.attempts;
  store.prepareFolderOf(sha256, ext);
  const tmp = store.tempPath('download');
  // Making the file's inode can take a busy filesystem a fraction of a millisecond: off the JS thread.
  const fh = await FdFile.openAsync(tmp, 'w+');
  let out = new HashingFileWriter(fh, 0);
  let done = false;
  try {
    let failures = 0;
    let resumes = 0;
    let progressAtFailure = -1;
    // Bytes received (taken by the writer): what is in the file, and what it has yet to write.
    const have = () => out.written + out.pending;
    while (true) {
      try {
        const res = await api.downloadStream(sha256, have());
        if (res.status === 206 && contentRangeStart(res.contentRange) === have()) {
          if (have() > 0) resumes++;
        } else if (have() > 0) {
          // A whole body (the server ignored the range): start again from byte 0.
          out.hash.drop();
          out = new HashingFileWriter(fh, 0);
          await fh.truncate(0);
        }
        try {
          let reported = 0;
          for await (const bytes of res.chunks) {
            await out.add(bytes);
            if (out.written - reported >= PROGRESS_BYTES) {
              reported = out.written;
              opts.onProgress?.(reported);
            }
          }
        } catch (e) {
          if (e instanceof SyncHttpError) throw e;
          throw new SyncHttpError(0, 'unreachable', `the download of blob ${sha256} was cut at byte ${have()} (${(e as Error).message})`, api.http.api);
        } finally {
          // What arrived before a cut is kept: the retry asks for the bytes after it.
          await out.flush();
        }
        opts.onProgress?.(out.written);
        opts.onBytesDone?.();
        break;
      } catch (e) {
        // Nothing left to send from `have`: a cut came after the last byte; the hash decides.
        if (e instanceof SyncHttpError && e.status === 416 && have() > 0) break;
        if (!(e instanceof SyncHttpError) || !e.transient) throw e;
        if (have() > progressAtFailure) failures = 0;
        progressAtFailure = have();
        if (++failures >= attempts) throw e;
        const delay = backoffDelay(failures, api.http.retry, e.retryAfterMs);
        opts.onRetry?.(e, failures, delay);
        await sleep(delay);
      }
    }
    // The fsync runs while the worker finishes the hash (a mismatch, which is rare, wastes it).
    const [digest] = await Promise.all([out.hash.digest(), fh.sync()]);
    // Should the worker have failed: the file's hash (every byte received is in it).
    const actual = digest ?? (await sha256File(tmp));
    if (actual !== sha256) {
      throw new SyncError('blob-hash-mismatch', `the bytes the server sent for blob ${sha256} do not match its hash: nothing was kept (try again; if it repeats, the server's copy is damaged)`);
    }
    const size = out.written;
    await fh.close();
    await store.moveInPreparedAsync({ tmp, ext, sha256, path: target, size });
    done = true;
    return { sha256, size, path: target, resumes };
  } finally {
    if (!done) {
      out.hash.drop();
      await fh.close().catch(() => undefined);
      await rm(tmp, { force: true });
    }
  }
}

function contentRangeStart(header: string | null): number | undefined {
  const m = header ? /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header.trim()) : null;
  return m ? Number(m[1]) : undefined;
}
