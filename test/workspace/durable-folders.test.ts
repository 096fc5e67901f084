/**
 * A blob renamed into a folder made just now is only as durable as that folder's entry in its
 * parent: the folders fsynced after a mkdir must be the parents of every folder it made.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fsyncFolders, makeFolder, makeFolderDurablySync, parentsOfNew, renameIntoFolder } from '../../src/workspace/durable-folders.js';

const root = mkdtempSync(join(tmpdir(), 'df-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('durable blob folders', () => {
  it('fsyncs the parent of each folder a mkdir made, and nothing when it made none', () => {
    expect(parentsOfNew('/w/blobs/ab', '/w/blobs/ab/cd')).toEqual(['/w/blobs/ab', '/w/blobs']);
    expect(parentsOfNew('/w/blobs/ab/cd', '/w/blobs/ab/cd')).toEqual(['/w/blobs/ab']);
    expect(parentsOfNew(undefined, '/w/blobs/ab/cd')).toEqual([]);
  });

  it('makes missing folders, and leaves existing ones alone', async () => {
    const blobs = join(root, 'blobs');
    mkdirSync(blobs);
    // Both new: the parents of 'ab' and 'cd' are to be fsynced; made already: nothing.
    expect(makeFolder(join(blobs, 'ab', 'cd'))).toEqual([join(blobs, 'ab'), blobs]);
    expect(existsSync(join(blobs, 'ab', 'cd'))).toBe(true);
    expect(makeFolder(join(blobs, 'ab', 'cd'))).toEqual([]);
    expect(makeFolder(join(blobs, 'ab', 'gh'))).toEqual([join(blobs, 'ab')]);
    await fsyncFolders([join(blobs, 'ab', 'cd'), join(blobs, 'ab'), blobs]);
    makeFolderDurablySync(join(blobs, 'ab', 'ef'));
    makeFolderDurablySync(join(blobs, 'ab', 'ef'));
    expect(existsSync(join(blobs, 'ab', 'ef'))).toBe(true);
  });

  it('renames into a blob folder, naming the folders to fsync: the blob\'s own, and the parents of any it made', () => {
    const blobs = join(root, 'rename');
    mkdirSync(blobs);
    const tmp = (n: string) => { const p = join(root, n); writeFileSync(p, n); return p; };
    expect(renameIntoFolder(tmp('a'), join(blobs, 'ab', 'cd', 'a'))).toEqual([join(blobs, 'ab', 'cd'), join(blobs, 'ab'), blobs]);
    expect(renameIntoFolder(tmp('b'), join(blobs, 'ab', 'cd', 'b'))).toEqual([join(blobs, 'ab', 'cd')]);
    expect(existsSync(join(blobs, 'ab', 'cd', 'a')) && existsSync(join(blobs, 'ab', 'cd', 'b'))).toBe(true);
  });
});
