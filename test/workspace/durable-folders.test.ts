/**
 * A blob renamed into a folder made just now is only as durable as that folder's entry in its
 * parent: the folders fsynced after a mkdir must be the parents of every folder it made, and
 * before the rename into it counts; the blob's own folder after the rename.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobFolders, fsyncFolders, makeFolderDurablySync, parentsOfNew } from '../../src/workspace/durable-folders.js';

const root = mkdtempSync(join(tmpdir(), 'df-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** BlobFolders whose folder fsyncs are written down (and done). */
function watched() {
  const log: string[][] = [];
  const folders = new BlobFolders(async (dirs) => { log.push([...dirs]); await fsyncFolders(dirs); });
  return { folders, log };
}

const tmpFile = (n: string) => { const p = join(root, n); writeFileSync(p, n); return p; };

describe('durable blob folders', () => {
  it('fsyncs the parent of each folder a mkdir made, and nothing when it made none', () => {
    expect(parentsOfNew('/w/blobs/ab', '/w/blobs/ab/cd')).toEqual(['/w/blobs/ab', '/w/blobs']);
    expect(parentsOfNew('/w/blobs/ab/cd', '/w/blobs/ab/cd')).toEqual(['/w/blobs/ab']);
    expect(parentsOfNew(undefined, '/w/blobs/ab/cd')).toEqual([]);
  });

  it('makes missing folders durably, in place, and leaves existing ones alone', () => {
    const blobs = join(root, 'sync');
    mkdirSync(blobs);
    makeFolderDurablySync(join(blobs, 'ab', 'ef'));
    makeFolderDurablySync(join(blobs, 'ab', 'ef'));
    expect(existsSync(join(blobs, 'ab', 'ef'))).toBe(true);
  });

  it('renames into a new folder after fsyncing the parents of the folders it made, then fsyncs the blob\'s folder', async () => {
    const blobs = join(root, 'rename');
    mkdirSync(blobs);
    const { folders, log } = watched();
    await folders.renameInto(tmpFile('a'), join(blobs, 'ab', 'cd', 'a'));
    expect(log).toEqual([[join(blobs, 'ab'), blobs], [join(blobs, 'ab', 'cd')]]);
    expect(readFileSync(join(blobs, 'ab', 'cd', 'a'), 'utf8')).toBe('a');
    // The folder is known now: only the blob's own folder is fsynced.
    log.length = 0;
    await folders.renameInto(tmpFile('b'), join(blobs, 'ab', 'cd', 'b'));
    expect(log).toEqual([[join(blobs, 'ab', 'cd')]]);
    // A sibling folder: its one new folder's parent.
    log.length = 0;
    await folders.renameInto(tmpFile('c'), join(blobs, 'ab', 'gh', 'c'));
    expect(log).toEqual([[join(blobs, 'ab')], [join(blobs, 'ab', 'gh')]]);
  });

  it('makes a folder prepared ahead once, however many blobs wait for it', async () => {
    const blobs = join(root, 'ahead');
    mkdirSync(blobs);
    const { folders, log } = watched();
    const dir = join(blobs, '12', '34');
    void folders.prepare(dir);
    void folders.prepare(dir);
    await Promise.all([folders.renameInto(tmpFile('x'), join(dir, 'x')), folders.renameInto(tmpFile('y'), join(dir, 'y'))]);
    // One mkdir's parents, then each blob's folder fsync.
    expect(log).toEqual([[join(blobs, '12'), blobs], [dir], [dir]]);
    expect(existsSync(join(dir, 'x')) && existsSync(join(dir, 'y'))).toBe(true);
  });

  it('makes a folder again when it was removed behind its back', async () => {
    const blobs = join(root, 'removed');
    mkdirSync(blobs);
    const { folders, log } = watched();
    await folders.renameInto(tmpFile('p'), join(blobs, 'aa', 'bb', 'p'));
    rmSync(join(blobs, 'aa'), { recursive: true });
    log.length = 0;
    await folders.renameInto(tmpFile('q'), join(blobs, 'aa', 'bb', 'q'));
    expect(readFileSync(join(blobs, 'aa', 'bb', 'q'), 'utf8')).toBe('q');
    expect(log).toEqual([[join(blobs, 'aa'), blobs], [join(blobs, 'aa', 'bb')]]);
  });

  it('fails the rename, keeping the file, when the folder cannot be made', async () => {
    const blobs = join(root, 'blocked');
    mkdirSync(blobs);
    writeFileSync(join(blobs, 'ab'), 'a file where the folder should be');
    const { folders } = watched();
    const from = tmpFile('z');
    await expect(folders.renameInto(from, join(blobs, 'ab', 'cd', 'z'))).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(existsSync(from)).toBe(true);
  });
});
