import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, fstatSync, mkdirSync, openSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobFolders } from '../../workspace/durable-folders.js';
import { FdFile } from '../../workspace/fd-file.js';
import { HashingFileWriter } from '../../sync/file-writes.js';
import { OffThreadHash } from '../../sync/hash-worker.js';
import { bodyChunks, forEachChunk, tooLarge, type BlobBody } from './body-chunks.js';
import { KeyedLock } from './keyed-lock.js';
import { presignSignature, verifyPresignSignature, type PresignOp, type PresignVerdict } from './presign-hmac.js';
import { assertSha256, BlobError, type BlobStorage } from './storage.js';

export interface FsBlobStorageOptions {
  /** HMAC key for presigned URLs; a server restart with another key invalidates outstanding URLs. */
  presignSecret: string;
  /** The server's public base URL (what clients reach), e.g. `https://dataforge.example.com`. */
  publicUrl: string;
}

/**
 * Blobs on the local filesystem:
 *   `<dir>/ab/cd/<sha256>`          stored blobs (immutable; written once by rename)
 *   `<dir>/uploads/<sha256>.part`   a resumable upload, appended at the exact offset
 *   `<dir>/uploads/<sha256>.put`    the last whole-body presigned PUT, waiting for its confirm
 *   `<dir>/uploads/tmp-*`           a presigned PUT in flight (renamed to `.put` when complete)
 * Everything under `uploads/` is on the same filesystem as the blobs, so moving a verified
 * upload into place is one atomic rename.
 */
export class FsBlobStorage implements BlobStorage {
  readonly kind = 'fs' as const;
  private readonly lock = new KeyedLock();
  /** sha256 state of the bytes in each part file this process wrote (see RunningHashes). */
  private readonly running = new RunningHashes();
  /** Blob folders, made while the first upload into each is still arriving. */
  private readonly folders = new BlobFolders();
  private readonly uploadsDir: string;
  private readonly publicUrl: string;

  constructor(readonly dir: string, private readonly options: FsBlobStorageOptions) {
    if (!options.presignSecret) throw new BlobError('config', 'FsBlobStorage needs a presignSecret to sign presigned URLs');
    this.uploadsDir = join(dir, 'uploads');
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
  }

  blobPath(sha256: string): string {
    assertSha256(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private partPath(sha256: string): string {
    assertSha256(sha256);
    return join(this.uploadsDir, `${sha256}.part`);
  }

  private putPath(sha256: string): string {
    assertSha256(sha256);
    return join(this.uploadsDir, `${sha256}.put`);
  }

  async has(sha256: string): Promise<boolean> {
    return (await sizeOf(this.blobPath(sha256))) !== null;
  }

  async uploadedSize(sha256: string): Promise<number> {
    return (await sizeOf(this.partPath(sha256))) ?? 0;
  }

  async appendUpload(sha256: string, offset: number, body: BlobBody, maxBytes: number, last = false): Promise<number> {
    const part = this.partPath(sha256);
    // The blob's folder is made (off the JS thread) while its last bytes arrive.
    if (last) void this.folders.prepare(dirname(this.blobPath(sha256)));
    return this.lock.run(sha256, async () => {
      const current = await this.uploadedSize(sha256);
      if (offset !== current) throw offsetMismatch(sha256, offset, current);
      const fh = await openCreating(part, constants.O_WRONLY | constants.O_CREAT);
      // Hashing as the bytes are written spares finishUpload a second read of the file. The
      // state follows the file exactly: it is updated only with bytes that were written.
      // A state whose digest was started (an earlier "last" append) cannot take more bytes.
      const entry = this.running.take(sha256, offset);
      if (entry?.digest) entry.hash.drop();
      const known = entry?.digest ? undefined : entry?.hash;
      // Network chunks are small (~64 KiB); the writer gathers them into 1 MiB writes.
      // Two megabytes may be written behind the connection (see HashingFileWriter).
      const out = new HashingFileWriter(fh, offset, known, 2);
      let synced = false;
      let consistent = known !== undefined;
      let digest: Promise<string | null> | undefined;
      const flush = async () => {
        try {
          await out.flush();
        } catch (err) {
          consistent = false;
          throw err;
        }
      };
      try {
        const refuse = async (): Promise<never> => {
          // The whole request is refused: drop its bytes so the offset is as before it.
          await out.discard();
          consistent = false;
          await fh.truncate(offset);
          out.written = 0;
          throw tooLarge(maxBytes);
        };
        const failed = (err: unknown): never => { consistent = false; throw err; };
        await forEachChunk(body, (chunk) => {
          if (out.written + out.pending + chunk.byteLength > maxBytes) return refuse();
          try {
            return out.add(chunk)?.catch(failed);
          } catch (err) {
            return failed(err);
          }
        });
        await flush();
        // The finish follows at once: the worker completes the hash while the file is fsynced.
        if (last && consistent) digest = out.hash.digest();
        // Durable before the answer, so a retry resumes from there (and the finish, knowing it,
        // need not open the file again to fsync it).
        synced = await fh.sync().then(() => true, () => false);
      } catch (err) {
        // A cut connection keeps what arrived (every byte is at its true offset), durably, so a
        // retry continues from exactly there.
        if (err instanceof BlobError && err.code === 'body-interrupted') {
          await flush();
          await fh.sync().catch(() => undefined);
        }
        throw err;
      } finally {
        await fh.close();
        if (consistent) this.running.put(sha256, { size: offset + out.written, hash: out.hash, synced, digest });
        else out.hash.drop();
      }
      return offset + out.written;
    });
  }

  async finishUpload(sha256: string): Promise<'stored' | 'hash-mismatch' | 'no-upload'> {
    const target = this.blobPath(sha256);
    return this.lock.run(sha256, async () => {
      // A presigned PUT is a complete body, so it is tried first; the resumable part is the fallback.
      const candidates = [this.putPath(sha256), this.partPath(sha256)];
      let sawUpload = false;
      let storedNow = false;
      // The three looks at once: each is a round trip to the thread pool.
      const [putSize, partSize, heldBefore] = await Promise.all([sizeOf(candidates[0]), sizeOf(candidates[1]), this.has(sha256)]);
      const sizes = [putSize, partSize];
      for (const [i, candidate] of candidates.entries()) {
        const size = sizes[i];
        if (size === null) continue;
        sawUpload = true;
        // Taken whatever happens next: the part is stored or removed below.
        const running = candidate === this.partPath(sha256) ? this.running.take(sha256, size) : undefined;
        if (storedNow || heldBefore) {
          // Someone else completed the same blob meanwhile; identical content is stored once.
          running?.hash.drop();
          await rm(candidate, { force: true });
          continue;
        }
        const actual = (running && (await (running.digest ?? running.hash.digest()))) || (await hashFile(candidate));
        if (actual !== sha256) {
          await rm(candidate, { force: true });
          continue;
        }
        // Durable before it counts (the append that wrote the last bytes may have done it already).
        if (!running?.synced) await fsyncFile(candidate);
        await this.folders.renameInto(candidate, target);
        storedNow = true;
      }
      // Just renamed into place: the part is gone and the blob is there, no need to look.
      if (storedNow) return 'stored';
      if (await this.has(sha256)) {
        await rm(this.partPath(sha256), { force: true });
        return sawUpload ? 'stored' : 'no-upload';
      }
      return sawUpload ? 'hash-mismatch' : 'no-upload';
    });
  }

  /**
   * A stored blob opened for reading (in place: see FdFile), and its size (the open file pins
   * the bytes measured); null when absent. The caller owns the descriptor: a stream reading
   * it closes it at its end.
   */
  async openBlob(sha256: string): Promise<{ fd: number; size: number } | null> {
    let fd: number;
    try {
      fd = openSync(this.blobPath(sha256), 'r');
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    try {
      return { fd, size: fstatSync(fd).size };
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  async read(sha256: string, range?: { start: number; end?: number }): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    const opened = await this.openBlob(sha256);
    if (!opened) return null;
    const { fd, size } = opened;
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1);
    if (start > end) {
      closeSync(fd);
      return { body: emptyStream(), size };
    }
    // The open file pins the bytes, so the stream reads the bytes we just measured.
    const stream = createReadStream('', { fd, start, end, highWaterMark: 1 << 20 });
    return { body: Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, size };
  }

  async presignGet(sha256: string, ttlSeconds: number): Promise<string> {
    return this.presign('get', sha256, ttlSeconds);
  }

  async presignPut(sha256: string, ttlSeconds: number): Promise<string> {
    return this.presign('put', sha256, ttlSeconds);
  }

  private presign(op: PresignOp, sha256: string, ttlSeconds: number): string {
    assertSha256(sha256);
    const expires = Math.floor(Date.now() / 1000) + Math.max(1, Math.floor(ttlSeconds));
    const sig = presignSignature(this.options.presignSecret, op, sha256, expires);
    return `${this.publicUrl}/api/v1/presigned/${op}/${sha256}?expires=${expires}&sig=${sig}`;
  }

  /** For the unauthenticated `/api/v1/presigned/:op/:sha` routes. */
  verifyPresigned(op: string, sha256: string, expires: string | undefined, sig: string | undefined, nowMs = Date.now()): PresignVerdict {
    return verifyPresignSignature(this.options.presignSecret, op, sha256, expires, sig, nowMs);
  }

  /**
   * A presigned PUT: the whole body goes to a temp file and replaces `<sha>.put` only once it
   * is complete, so a cut PUT leaves nothing behind and a repeated PUT simply replaces the last.
   * The bytes become a blob only through `finishUpload` (the confirm), which re-hashes them.
   */
  async putPresigned(sha256: string, body: BlobBody, maxBytes: number): Promise<number> {
    const staged = this.putPath(sha256);
    await mkdir(this.uploadsDir, { recursive: true });
    const tmp = join(this.uploadsDir, `tmp-${process.pid}-${randomBytes(8).toString('hex')}`);
    const fh = await open(tmp, 'wx', 0o640);
    let written = 0;
    try {
      for await (const chunk of bodyChunks(body)) {
        if (written + chunk.byteLength > maxBytes) throw tooLarge(maxBytes);
        await writeFully(fh, chunk, written);
        written += chunk.byteLength;
      }
      await fh.sync();
    } catch (err) {
      await fh.close();
      await rm(tmp, { force: true });
      throw err;
    }
    await fh.close();
    await this.lock.run(sha256, () => rename(tmp, staged));
    return written;
  }
}

/**
 * The sha256 state of each part file's bytes, as written by this process. An entry is only
 * used for a part of exactly the size it covers (anything else — a restart, a refused or
 * failed write — means the file is hashed from disk as before). Bounded: an upload abandoned
 * mid-way must not hold memory forever, and a forgotten entry only costs a re-read.
 */
class RunningHashes {
  private static readonly MAX = 256;
  private readonly states = new Map<string, RunningHash>();

  /** The state for a part of `size` bytes (a fresh one for 0); undefined when unknown. Removes it. */
  take(sha256: string, size: number): RunningHash | undefined {
    const entry = this.states.get(sha256);
    this.states.delete(sha256);
    if (entry && entry.size === size) return entry;
    entry?.hash.drop();
    return size === 0 ? { size: 0, hash: new OffThreadHash(), synced: true } : undefined;
  }

  put(sha256: string, entry: RunningHash): void {
    if (this.states.size >= RunningHashes.MAX) {
      const oldest = this.states.keys().next().value as string;
      this.states.get(oldest)?.hash.drop();
      this.states.delete(oldest);
    }
    this.states.get(sha256)?.hash.drop();
    this.states.set(sha256, entry);
  }
}

/** A part's hash state, whether its bytes were fsynced (by the append that wrote the last of them), and its digest once asked for. */
interface RunningHash { size: number; hash: OffThreadHash; synced: boolean; digest?: Promise<string | null> }

/**
 * A part file opened in place (see FdFile), its folder made only when the open says it is
 * missing: it exists after the first upload, so a mkdir before every request would be wasted.
 */
async function openCreating(path: string, flags: number): Promise<FdFile> {
  try {
    return await FdFile.openAsync(path, flags);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    mkdirSync(dirname(path), { recursive: true });
    return FdFile.openAsync(path, flags);
  }
}

function offsetMismatch(sha256: string, offset: number, current: number): BlobError {
  return new BlobError('offset-mismatch', `upload of ${sha256} is at offset ${current}, not ${offset}; continue from ${current}`);
}

async function writeFully(fh: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.byteLength) {
    const { bytesWritten } = await fh.write(chunk, done, chunk.byteLength - done, position + done);
    done += bytesWritten;
  }
}

/**
 * A file's size, null when absent. Synchronous on purpose: a stat of a local file takes a
 * couple of microseconds, while the promise version cost ~25 µs of CPU (~35 µs when the file
 * is absent and it throws), and an upload asks five times per blob.
 */
async function sizeOf(path: string): Promise<number | null> {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size ?? null;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try { await fh.sync(); } finally { await fh.close(); }
}

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start(controller) { controller.close(); } });
}
