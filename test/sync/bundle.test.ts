import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBundle, createBundle } from '../../src/sync/bundle.js';
import { openConflicts, outboxSize } from '../../src/sync/entities.js';
import { BundleError } from '../../src/sync/errors.js';
import { setCurve, setWell } from '../../src/workspace/edit.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { blobBytes, cleanupAll, ingestGenerated, newWorkspace, rows, tempDir, wellId, wellRow, SYNCED_TABLES } from './helpers.js';

const TABLES = SYNCED_TABLES;
/** Cheap key derivation for tests (the default costs ~100 ms per bundle). */
const kdf = { log2N: 10, r: 8, p: 1 };

function sameWorkspaces(a: Workspace, b: Workspace): void {
  for (const t of TABLES) expect(rows(b, t), t).toEqual(rows(a, t).map((r) => ({ ...r })));
  const mine = blobBytes(a);
  const theirs = blobBytes(b);
  expect([...theirs.keys()].sort()).toEqual([...mine.keys()].sort());
  for (const [sha, bytes] of theirs) expect(bytes.equals(mine.get(sha)!)).toBe(true);
}

function flipByte(src: string, at: number): string {
  const bytes = readFileSync(src);
  bytes[at] ^= 0x01;
  const out = join(tempDir(), 'tampered.dfb');
  writeFileSync(out, bytes);
  return out;
}

function counts(ws: Workspace): number[] {
  return TABLES.map((t) => rows(ws, t).length);
}

describe('bundles: air-gapped transfer', () => {
  afterAll(() => cleanupAll());

  it('carries A\'s work, then A\'s later work (--since, encrypted), to a workspace with no network', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 2);
    await new Promise((r) => setTimeout(r, 1100)); // out of the cursor's safety margin
    const dir = tempDir();
    const full = createBundle(a, join(dir, 'full.dfb'));
    expect(full.encrypted).toBe(false);
    expect(full.entities).toBe(TABLES.reduce((n, t) => n + rows(a, t).length, 0));
    expect(full.blobs).toBe(blobBytes(a).size);

    const c = newWorkspace('carol');
    const applied = applyBundle(c, full.file);
    expect(applied.applied).toBe(full.entities);
    expect(applied.blobsAdded).toBe(full.blobs);
    sameWorkspaces(a, c);
    expect(outboxSize(c)).toBe(0);

    // Later work: an edit and a new file; the next bundle holds only that.
    await new Promise((r) => setTimeout(r, 5));
    const edited = wellId(a);
    await setWell(a, edited, { operator: 'Later Petroleum' });
    await ingestGenerated(a, 1, { seed: 90 });
    const later = createBundle(a, join(dir, 'later.dfb'), { since: full.cursor, passphrase: 'correct horse battery staple', kdf });
    expect(later.encrypted).toBe(true);
    expect(later.entities).toBeLessThan(TABLES.reduce((n, t) => n + rows(a, t).length, 0));
    expect(readFileSync(later.file).includes(Buffer.from('Later Petroleum'))).toBe(false);

    expect(() => applyBundle(c, later.file)).toThrow(expect.objectContaining({ code: 'passphrase-needed' }));
    const r = applyBundle(c, later.file, { passphrase: 'correct horse battery staple' });
    expect(r.encrypted).toBe(true);
    expect(r.conflicts.recorded).toBe(0);
    sameWorkspaces(a, c);
    expect(wellRow(c, edited).operator).toBe('Later Petroleum');

    // Applied again (or where it was made): nothing changes, no conflict with itself.
    expect(applyBundle(c, later.file, { passphrase: 'correct horse battery staple' })).toMatchObject({ applied: 0 });
    const back = applyBundle(a, full.file);
    expect(back.applied).toBe(0);
    expect(back.conflicts.recorded).toBe(0);
  });

  it('refuses a wrong passphrase and any altered byte, applying nothing and leaving no temp files', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 5 });
    const dir = tempDir();
    const plain = createBundle(a, join(dir, 'plain.dfb'));
    const sealed = createBundle(a, join(dir, 'sealed.dfb'), { passphrase: 'open sesame', kdf });
    const c = newWorkspace('carol');
    const before = counts(c);

    const wrong = (() => { try { applyBundle(c, sealed.file, { passphrase: 'open says me' }); } catch (e) { return e; } })();
    expect(wrong).toBeInstanceOf(BundleError);
    expect(wrong).toMatchObject({ code: 'wrong-passphrase' });
    expect((wrong as Error).message).toMatch(/wrong passphrase/);

    const plainSize = readFileSync(plain.file).length;
    for (const at of [20, 80, Math.floor(plainSize / 3), Math.floor(plainSize / 2), plainSize - 40, plainSize - 1]) {
      expect(() => applyBundle(c, flipByte(plain.file, at)), `plain, byte ${at}`).toThrow(BundleError);
    }
    const sealedSize = readFileSync(sealed.file).length;
    for (const at of [80, Math.floor(sealedSize / 2), sealedSize - 20, sealedSize - 1]) {
      expect(() => applyBundle(c, flipByte(sealed.file, at), { passphrase: 'open sesame' }), `sealed, byte ${at}`)
        .toThrow(expect.objectContaining({ code: 'bundle-altered' }));
    }
    // Cut short: refused too.
    const cut = join(dir, 'cut.dfb');
    writeFileSync(cut, readFileSync(sealed.file).subarray(0, sealedSize - 100));
    expect(() => applyBundle(c, cut, { passphrase: 'open sesame' })).toThrow(BundleError);
    const cutPlain = join(dir, 'cut-plain.dfb');
    writeFileSync(cutPlain, readFileSync(plain.file).subarray(0, plainSize - 10));
    expect(() => applyBundle(c, cutPlain)).toThrow(BundleError);

    expect(counts(c)).toEqual(before);
    expect(readdirSync(c.layout.tmp)).toEqual([]);
    // The untouched bundles still apply.
    expect(applyBundle(c, sealed.file, { passphrase: 'open sesame' }).applied).toBeGreaterThan(0);
  });

  it('a bundle editing a well this workspace changed too is a conflict, settled by the strategy', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 9 });
    const dir = tempDir();
    const base = createBundle(a, join(dir, 'base.dfb'));
    const c = newWorkspace('carol');
    applyBundle(c, base.file);
    const well = wellId(a);

    await setWell(c, well, { operator: 'Carol Co' });
    await setWell(a, well, { operator: 'Alice Inc' });
    const next = createBundle(a, join(dir, 'next.dfb'), { since: base.cursor });

    const manual = applyBundle(c, next.file);
    expect(manual.conflicts.recorded).toBe(1);
    expect(wellRow(c, well).operator).toBe('Carol Co');
    const [conflict] = openConflicts(c);
    expect(conflict.remote.data.operator).toBe('Alice Inc');

    const d = newWorkspace('dave');
    applyBundle(d, base.file);
    await setWell(d, well, { operator: 'Dave Ltd' });
    const r = applyBundle(d, next.file, { strategy: 'prefer-remote' });
    expect(r.conflicts.resolvedRemote).toBe(1);
    expect(wellRow(d, well).operator).toBe('Alice Inc');
  });

  it('a --since bundle whose wells the workspace lacks is refused whole', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 13 });
    // Rows stamped within a second of a bundle go again in the next one (see CURSOR_MARGIN_MS).
    await new Promise((r) => setTimeout(r, 1100));
    const dir = tempDir();
    const base = createBundle(a, join(dir, 'base.dfb'));
    // A curve's quality flag: the bundle carries the curve, not its well, run or data set.
    const curve = (a.db.prepare('SELECT id FROM curves ORDER BY id LIMIT 1').get() as { id: string }).id;
    await setCurve(a, curve, { quality: 'good' });
    const next = createBundle(a, join(dir, 'next.dfb'), { since: base.cursor });
    expect(next.entities).toBe(1);
    const c = newWorkspace('carol');
    expect(() => applyBundle(c, next.file)).toThrow(expect.objectContaining({ code: 'missing-parents' }));
    expect(counts(c)).toEqual([0, 0, 0, 0]);
  });
});
