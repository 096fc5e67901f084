import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BufferPool } from './buffer-pool.js';
import { BlobFolders, fsyncFolderSync, makeFolderDurablySync } from './durable-folders.js';
import { WorkspaceError } from './errors.js';

/** Buffers a finished temp file is hashed through: one per file hashed at once (a few writers). */
const hashBuffers = new BufferPool(1 << 20, 8);

const SHA256 = /^[0-9a-f]{64}$/;

export interface PreparedBlob { tmp: string; ext: string; sha256: string; path: string; size: number }

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Content-addressed, immutable blobs at `blobs/ab/cd/<sha256>.<ext>`: written to a temp
 * file, fsynced, then renamed into place, so a blob is either whole or absent. Identical
 * content is stored once; a stored blob is never modified.
 */
export class BlobStore {
  /** Folders for the asynchronous moves in (a pull's, an ingest's), made ahead of them. */
  private readonly folders = new BlobFolders();

  constructor(readonly dir: string, readonly tmpDir: string) {}

  /** Starts making the folder a blob will be moved into (see BlobFolders): a download calls it as it begins. */
  prepareFolderOf(sha256: string, ext: string): void {
    void this.folders.prepare(dirname(this.pathOf(sha256, ext)));
  }

  pathOf(sha256: string, ext: string): string {
    if (!SHA256.test(sha256)) throw new WorkspaceError('bad-hash', `'${sha256}' is not a sha256 hex digest`);
    if (!/^[a-z0-9]{1,10}$/.test(ext)) throw new WorkspaceError('bad-blob-ext', `'${ext}' is not a blob extension`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${ext}`);
  }

  has(sha256: string, ext: string): boolean {
    return existsSync(this.pathOf(sha256, ext));
  }

  /** A fresh temp path on the same filesystem as the blobs, named after this process. */
  tempPath(suffix = 'tmp'): string {
    mkdirSync(this.tmpDir, { recursive: true });
    return join(this.tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}.${suffix}`);
  }

  /** Stores bytes; returns the blob's hash and whether it was already there. */
  putBytes(bytes: Uint8Array, ext: string, beforeRename?: (sha256: string, path: string) => void): { sha256: string; path: string; size: number; existed: boolean } {
    const sha256 = sha256Hex(bytes);
    const path = this.pathOf(sha256, ext);
    beforeRename?.(sha256, path);
    if (existsSync(path)) return { sha256, path, size: bytes.length, existed: true };
    this.moveIn(this.writeTemp(bytes), path);
    return { sha256, path, size: bytes.length, existed: false };
  }

  /** Moves a finished temp file (e.g. a Parquet file DuckDB wrote) into the store under its hash. */
  async putFile(tmp: string, ext: string, beforeRename?: (sha256: string, path: string) => void): Promise<{ sha256: string; path: string; size: number; existed: boolean }> {
    const sha256 = await sha256File(tmp);
    const size = statSync(tmp).size;
    const path = this.pathOf(sha256, ext);
    beforeRename?.(sha256, path);
    if (existsSync(path)) { rmSync(tmp, { force: true }); return { sha256, path, size, existed: true }; }
    const fd = openSync(tmp, 'r+');
    try { fsyncSync(fd); } finally { closeSync(fd); }
    this.moveIn(tmp, path);
    return { sha256, path, size, existed: false };
  }

  /** Writes bytes to a new temp file (fsynced) for {@link prepareFile}. */
  writeTemp(bytes: Uint8Array): string {
    const tmp = this.tempPath();
    const fd = openSync(tmp, 'w');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } catch (err) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw writeError(err, tmp);
    } finally {
      try { closeSync(fd); } catch { /* already closed */ }
    }
    return tmp;
  }

  /**
   * {@link writeTemp} with the write and fsync off the JS thread: the bytes go to a new
   * temp file, and the blob it will become (hash given, or computed here).
   */
  async writeTempAsync(bytes: Uint8Array, ext: string, knownSha256?: string, tmp = this.tempPath()): Promise<PreparedBlob> {
    try {
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      await rm(tmp, { force: true });
      throw writeError(err, tmp);
    }
    const sha256 = knownSha256 ?? sha256Hex(bytes);
    return { tmp, ext, sha256, path: this.pathOf(sha256, ext), size: bytes.length };
  }

  /**
   * A finished temp file (e.g. Parquet DuckDB wrote) made ready to move in: hashed through
   * pooled buffers while it is fsynced, so the blob it becomes is whole after a power cut,
   * not just after a kill. Reading each file into a fresh buffer made an ingest's garbage
   * collector run about every other file (V8 counts buffer memory towards its collection
   * limit); pooled buffers are allocated once.
   */
  async prepareFileAsync(tmp: string, ext: string): Promise<PreparedBlob> {
    try {
      const fh = await open(tmp, 'r+');
      try {
        const synced = fh.sync();
        const hash = createHash('sha256');
        let size = 0;
        const buf = hashBuffers.acquire();
        try {
          for (;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, size);
            if (bytesRead === 0) break;
            hash.update(buf.subarray(0, bytesRead));
            size += bytesRead;
          }
        } finally {
          hashBuffers.release(buf);
        }
        await synced;
        const sha256 = hash.digest('hex');
        const path = this.pathOf(sha256, ext);
        // Moved in later: its folder is made meanwhile.
        void this.folders.prepare(dirname(path));
        return { tmp, ext, sha256, path, size };
      } finally {
        await fh.close();
      }
    } catch (err) {
      if (err instanceof WorkspaceError) throw err;
      throw writeError(err, tmp);
    }
  }

  /**
   * Hashes a finished temp file and says where it will live, without moving it: the caller
   * stages every blob of a write in one transaction, then moves them all in.
   */
  async prepareFile(tmp: string, ext: string, knownSha256?: string): Promise<PreparedBlob> {
    const sha256 = knownSha256 ?? (await sha256File(tmp));
    return { tmp, ext, sha256, path: this.pathOf(sha256, ext), size: statSync(tmp).size };
  }

  /** Moves a prepared temp file into the store (or drops it when the blob is already there). */
  moveInPrepared(b: PreparedBlob): { existed: boolean } {
    if (existsSync(b.path)) { rmSync(b.tmp, { force: true }); return { existed: true }; }
    this.moveIn(b.tmp, b.path);
    return { existed: false };
  }

  /**
   * {@link moveInPrepared} without blocking the event loop on the fsync: a pull moves hundreds
   * of blobs in while others are still arriving, and an ingest overlaps files; a synchronous
   * directory fsync each stalled them all (the rename itself runs in place, its folder made
   * ahead: see BlobFolders).
   */
  async moveInPreparedAsync(b: PreparedBlob): Promise<{ existed: boolean }> {
    if (existsSync(b.path)) { await rm(b.tmp, { force: true }); return { existed: true }; }
    try {
      await this.folders.renameInto(b.tmp, b.path);
    } catch (err) {
      await rm(b.tmp, { force: true });
      throw writeError(err, b.path);
    }
    return { existed: false };
  }

  private moveIn(tmp: string, path: string): void {
    try {
      makeFolderDurablySync(dirname(path));
      renameSync(tmp, path);
      fsyncFolderSync(dirname(path));
    } catch (err) {
      rmSync(tmp, { force: true });
      throw writeError(err, path);
    }
  }

  /** Re-hashes a stored blob: true when its bytes still match its name. */
  async verify(sha256: string, ext: string): Promise<boolean> {
    const path = this.pathOf(sha256, ext);
    if (!existsSync(path)) return false;
    return (await sha256File(path)) === sha256;
  }
}

function writeError(err: unknown, path: string): WorkspaceError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return new WorkspaceError('disk-full', 'the disk is full: free some space and try again (nothing was changed)', path);
  if (code === 'EACCES' || code === 'EPERM') return new WorkspaceError('permission-denied', 'permission denied writing the workspace: check the folder\'s permissions', path);
  if (code === 'EROFS') return new WorkspaceError('read-only', 'the workspace is on a read-only filesystem', path);
  return new WorkspaceError('write-failed', `could not write: ${(err as Error)?.message ?? String(err)}`, path);
}
