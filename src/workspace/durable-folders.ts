/**
 * Making a blob's folder so that it survives a power cut. A rename into a folder is durable
 * once the folder is fsynced, but a folder made just now is itself only an entry in its
 * parent: until the parent is fsynced too, a power cut can lose the folder and every blob
 * renamed into it. So after making folders, each parent of a new one is fsynced too, with the
 * deepest after the rename into it. Costs nothing once the folders exist.
 */
import { closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const fsyncFd = promisify(fsync);

/** The folders to fsync after `mkdir -p dir` made `first` (its first new folder) and below. */
export function parentsOfNew(first: string | undefined, dir: string): string[] {
  if (first === undefined) return [];
  const out: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    out.push(dirname(d));
    if (d === first || dirname(d) === d) break;
  }
  return out;
}

/** fsyncs a folder so renames into it survive a power cut. */
export function fsyncFolderSync(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch {
    // Some filesystems refuse fsync on directories; nothing more can be done there.
  }
}

/** fsyncs a folder (so renames into it survive a power cut): the open and close in place, the fsync off the JS thread. */
export async function fsyncFolder(dir: string): Promise<void> {
  try {
    const fd = openSync(dir, 'r');
    try { await fsyncFd(fd); } finally { closeSync(fd); }
  } catch {
    // As fsyncFolderSync.
  }
}

/** `mkdir -p dir`, then the parents of every folder it made are fsynced. */
export function makeFolderDurablySync(dir: string): void {
  for (const d of parentsOfNew(mkdirSync(dir, { recursive: true }), dir)) fsyncFolderSync(d);
}

/** fsyncs folders at once (the filesystem commits them together). */
export async function fsyncFolders(dirs: string[]): Promise<void> {
  await Promise.all(dirs.map(fsyncFolder));
}

/**
 * The folders of a blob store, made ahead of the blobs renamed into them. Making a folder is
 * an inode allocation, which on a busy ext4 took ~0.4 ms of the JS thread each time (a fresh
 * store makes a folder for nearly every blob); here `mkdir` and the fsyncs that make new
 * folders durable run on the thread pool, started when a transfer begins (`prepare`), so they
 * are done by the time its bytes are. Folders known to exist are remembered (at most 65,792
 * of them), so a store that has its folders pays nothing.
 */
export class BlobFolders {
  private readonly made = new Set<string>();
  private readonly making = new Map<string, Promise<void>>();

  /** `fsyncMany` is the folder fsync (tests watch it). */
  constructor(private readonly fsyncMany: (dirs: string[]) => Promise<void> = fsyncFolders) {}

  /**
   * `mkdir -p dir`, then the parents of every folder it made fsynced: afterwards a rename into
   * `dir` is durable once `dir` itself is fsynced. One folder is made once at a time here:
   * a second blob for it waits for the first's fsyncs rather than finding it half-durable.
   */
  prepare(dir: string): Promise<void> {
    if (this.made.has(dir)) return Promise.resolve();
    let making = this.making.get(dir);
    if (!making) {
      making = mkdir(dir, { recursive: true })
        .then((first) => this.fsyncMany(parentsOfNew(first, dir)))
        .then(() => { this.made.add(dir); })
        .finally(() => { this.making.delete(dir); });
      // Started early and maybe never awaited (a transfer cut short): its failure is the rename's.
      making.catch(() => undefined);
      this.making.set(dir, making);
    }
    return making;
  }

  /** Renames `from` to `to` (in place: microseconds), its folder made first; resolves once the rename survives a power cut. */
  async renameInto(from: string, to: string): Promise<void> {
    const dir = dirname(to);
    await this.prepare(dir);
    try {
      renameSync(from, to);
    } catch (err) {
      // A folder removed behind our back (by hand, or a tidy-up of empty folders): make it again.
      if ((err as NodeJS.ErrnoException)?.code !== 'ENOENT' || !existsSync(from)) throw err;
      this.made.delete(dir);
      await this.prepare(dir);
      renameSync(from, to);
    }
    await this.fsyncMany([dir]);
  }
}
