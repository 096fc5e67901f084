/**
 * Bad input at the filesystem level: a file the user may not read, and a full disk. Each
 * gives a message naming the file and the problem, exit 1, and an unchanged workspace.
 * Both are real faults (another user's file; a tiny tmpfs), so they need root and skip
 * visibly without it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLas } from '../../src/las/generate.js';
import { writeLas } from '../../src/las/write.js';
import { fsck } from '../../src/workspace/fsck.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { BIN } from '../cli/run-cli.js';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('SKIPPED: filesystem fault tests need root (to act as another user and mount a tiny tmpfs)');

const NOBODY = 65534;

function counts(root: string): { runs: number; blobs: number; wells: number } {
  const ws = Workspace.open(root, { readonly: true });
  try {
    const n = (t: string) => (ws.db.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n;
    return { runs: n('log_runs'), blobs: n('blobs'), wells: n('wells') };
  } finally { ws.close(); }
}

function blobFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(e.name);
    }
  };
  walk(join(root, '.dataforge', 'blobs'));
  return out.sort();
}

describe.skipIf(!isRoot)('filesystem faults during ingest', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'df-faults-')); chmodSync(dir, 0o755); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file the user may not read: named, exit 1, workspace unchanged', async () => {
    const root = join(dir, 'perm');
    mkdirSync(root);
    Workspace.init(root, { actor: 'nobody' }).close();
    const ok = join(root, 'ok.las');
    const secret = join(root, 'secret.las');
    writeFileSync(ok, writeLas(generateLas({ rows: 200, seed: 1 })));
    writeFileSync(secret, writeLas(generateLas({ rows: 200, seed: 2 })));
    for (const p of [root, join(root, '.dataforge'), ok]) chownSync(p, NOBODY, NOBODY);
    spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, join(root, '.dataforge')]);
    chmodSync(secret, 0o600); // root's file: nobody may not read it
    const r = spawnSync(process.execPath, [BIN, 'ingest', secret, '--workspace', root], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/failed\s+.*secret\.las: permission denied/);
    expect(counts(root)).toEqual({ runs: 0, blobs: 0, wells: 0 });
    const good = spawnSync(process.execPath, [BIN, 'ingest', ok, '--workspace', root], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
    expect(good.status, good.stderr).toBe(0);
  });

  it('a full disk: named, exit 1, nothing half-written, fsck clean', async () => {
    const mnt = join(dir, 'tiny');
    mkdirSync(mnt);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1200k', 'tmpfs', mnt]);
    if (mounted.status !== 0) {
      console.warn(`SKIPPED: disk-full test — cannot mount a tmpfs here: ${mounted.stderr.toString().trim()}`);
      return;
    }
    try {
      const root = join(mnt, 'ws');
      Workspace.init(root, { actor: 'tester' }).close();
      const small = join(dir, 'small.las');
      const big = join(dir, 'big.las');
      writeFileSync(small, writeLas(generateLas({ rows: 300, seed: 3 })));
      writeFileSync(big, writeLas(generateLas({ rows: 40000, curves: 16, seed: 4 })));
      expect(spawnSync(process.execPath, [BIN, 'ingest', small, '--workspace', root]).status).toBe(0);
      const before = counts(root);
      const blobsBefore = blobFiles(root);
      const r = spawnSync(process.execPath, [BIN, 'ingest', big, '--workspace', root], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toMatch(/disk is full|no space left/i);
      expect(`${r.stdout}${r.stderr}`).toMatch(/big\.las|\.dataforge/);
      expect(counts(root)).toEqual(before);
      expect(blobFiles(root)).toEqual(blobsBefore);
      const ws = Workspace.open(root);
      try { expect((await fsck(ws)).problems).toEqual([]); } finally { ws.close(); }
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});
