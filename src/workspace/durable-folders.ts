/**
 * Making a blob's folder so that it survives a power cut. A rename into a folder is durable
 * once the folder is fsynced, but a folder made just now is itself only an entry in its
 * parent: until the parent is fsynced too, a power cut can lose the folder and every blob
 * renamed into it. So after making folders, each parent of a new one is fsynced too, with the
 * deepest after the rename into it. Costs nothing once the folders exist.
 */
import { closeSync, fsync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
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

/**
 * `mkdir -p dir`, in place (microseconds; on the thread pool it waited behind other writes'
 * fsyncs); returns the folders that must be fsynced (with `dir` itself, after the rename
 * into it) for the new ones to be durable. The caller fsyncs them all at once (see
 * fsyncFolders): one wait for the disk, not one per folder.
 */
export function makeFolder(dir: string): string[] {
  return parentsOfNew(mkdirSync(dir, { recursive: true }), dir);
}

/** fsyncs folders at once (the filesystem commits them together). */
export async function fsyncFolders(dirs: string[]): Promise<void> {
  await Promise.all(dirs.map(fsyncFolder));
}

/**
 * Renames a finished file into its blob folder, in place (microseconds; on the thread pool it
 * queued behind other writes' fsyncs, ~2.8 ms a blob at four transfers at once), making the
 * folder only when the rename says it is missing (after a few hundred blobs most exist).
 * Returns the folders to fsync, the blob's own first, all at once with fsyncFolders.
 */
export function renameIntoFolder(from: string, to: string): string[] {
  const folder = dirname(to);
  try {
    renameSync(from, to);
    return [folder];
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code !== 'ENOENT') throw err;
    const newFolders = makeFolder(folder);
    renameSync(from, to);
    return [folder, ...newFolders];
  }
}
