/**
 * An output file written beside its target under a temp name, fsynced, then moved into
 * place: a reader of OUT sees nothing or the whole file, never a part, and an existing OUT
 * is replaced only when the caller says so (without `force` the move itself refuses, so a
 * file appearing meanwhile is not clobbered either).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { WorkspaceError } from './errors.js';

export interface OutputFile {
  /** Where to write the content. */
  tmp: string;
  /** Moves the finished temp file to OUT; returns its size. */
  commit(): number;
  /** Removes the temp file (after a failure). */
  discard(): void;
}

export function outputFile(out: string, opts: { force?: boolean } = {}): OutputFile {
  const target = resolve(out);
  const dir = dirname(target);
  if (!existsSync(dir)) throw new WorkspaceError('no-such-folder', 'its folder does not exist (create it first)', out);
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new WorkspaceError('is-directory', 'is a folder: name a file to write', out);
    if (!opts.force) throw new WorkspaceError('exists', 'already exists: use --force to replace it', out);
  }
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  return {
    tmp,
    commit(): number {
      try {
        const fd = openSync(tmp, 'r+');
        try { fsyncSync(fd); } finally { closeSync(fd); }
        const size = statSync(tmp).size;
        if (opts.force) {
          renameSync(tmp, target);
        } else {
          try {
            linkSync(tmp, target); // fails if OUT appeared meanwhile
            unlinkSync(tmp);
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (code === 'EEXIST') throw new WorkspaceError('exists', 'already exists: use --force to replace it', out);
            // File systems without hard links: the check above is the best we can do.
            if (existsSync(target)) throw new WorkspaceError('exists', 'already exists: use --force to replace it', out);
            renameSync(tmp, target);
          }
        }
        return size;
      } catch (err) {
        rmSync(tmp, { force: true });
        throw outputError(err, out);
      }
    },
    discard(): void {
      rmSync(tmp, { force: true });
    },
  };
}

export function outputError(err: unknown, path: string): Error {
  if (err instanceof WorkspaceError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return new WorkspaceError('disk-full', 'the disk is full: free some space and try again', path);
  if (code === 'EACCES' || code === 'EPERM') return new WorkspaceError('permission-denied', 'permission denied: check the folder\'s permissions', path);
  if (code === 'EROFS') return new WorkspaceError('read-only', 'the file system is read-only: write elsewhere', path);
  if (code) return new WorkspaceError('write-failed', `cannot write: ${(err as Error).message}`, path);
  return err as Error;
}
