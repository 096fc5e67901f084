import { existsSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gc, removeRun, removeWell, setWell } from '../../src/workspace/edit.js';
import { exportOriginal } from '../../src/workspace/export.js';
import { fsck } from '../../src/workspace/fsck.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { tempWorkspace, writeGeneratedLas } from './helpers.js';

let ctx: ReturnType<typeof tempWorkspace>;
let ws: Workspace;
beforeEach(() => { ctx = tempWorkspace(); ws = ctx.ws; });
afterEach(() => ctx.cleanup());

interface Blob { sha256: string; ext: string; path: string; size: number }
function blobsOfRun(runId: string): Blob[] {
  const run = ws.db.prepare('SELECT source_sha256, source_format, gridded_sha256 FROM log_runs WHERE id = ?').get(runId) as { source_sha256: string; source_format: string; gridded_sha256: string | null };
  const sets = ws.db.prepare('SELECT native_sha256 FROM datasets WHERE log_run_id = ?').all(runId) as { native_sha256: string }[];
  const list = [
    { sha256: run.source_sha256, ext: run.source_format },
    ...(run.gridded_sha256 ? [{ sha256: run.gridded_sha256, ext: 'parquet' }] : []),
    ...sets.map((s) => ({ sha256: s.native_sha256, ext: 'parquet' })),
  ];
  return list.map((b) => {
    const path = ws.blobs.pathOf(b.sha256, b.ext);
    return { ...b, path, size: statSync(path).size };
  });
}
const blobRows = () => (ws.db.prepare('SELECT count(*) n FROM blobs').get() as { n: number }).n;

describe('gc', () => {
  it('frees only the blobs of removed runs; a dry run says so and deletes nothing', async () => {
    const keep = await ingestFile(ws, writeGeneratedLas(ctx.root, 'keep.las', { rows: 200, seed: 1, wellName: 'KEEP' }));
    const drop = await ingestFile(ws, writeGeneratedLas(ctx.root, 'drop.las', { rows: 200, seed: 2, wellName: 'DROP' }));
    const kept = blobsOfRun(keep.logRunId!);
    const dropped = blobsOfRun(drop.logRunId!);
    expect(dropped).toHaveLength(3);

    // Nothing is unreferenced yet.
    expect(gc(ws, { dryRun: true }).blobs).toBe(0);
    removeRun(ws, drop.logRunId!);
    // A tombstone keeps its blobs until gc.
    for (const b of dropped) expect(existsSync(b.path)).toBe(true);

    const dry = gc(ws, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.removed.map((b) => b.sha256).sort()).toEqual(dropped.map((b) => b.sha256).sort());
    expect(dry.bytes).toBe(dropped.reduce((s, b) => s + b.size, 0));
    for (const b of dropped) expect(existsSync(b.path)).toBe(true);

    const rowsBefore = blobRows();
    const real = gc(ws);
    expect(real.blobs).toBe(3);
    expect(real.bytes).toBe(dry.bytes);
    expect(blobRows()).toBe(rowsBefore - 3);
    for (const b of dropped) expect(existsSync(b.path)).toBe(false);
    for (const b of kept) expect(existsSync(b.path)).toBe(true);
    // The tombstone itself stays (sync needs it), naming blobs that are gone; fsck accepts that.
    expect(ws.db.prepare('SELECT deleted FROM log_runs WHERE id = ?').get(drop.logRunId)).toEqual({ deleted: 1 });
    expect((await fsck(ws)).problems).toEqual([]);
    expect(gc(ws).blobs).toBe(0);
    // The removed run's original is gone now, and export says so.
    expect(() => exportOriginal(ws, drop.logRunId!, `${ctx.root}/x.las`)).toThrow(/gc collected it/);
  });

  it('keeps a blob that a live row still references, even when a tombstone references it too', async () => {
    const file = writeGeneratedLas(ctx.root, 'a.las', { rows: 150, wellName: 'TWICE' });
    const first = await ingestFile(ws, file);
    const firstBlobs = blobsOfRun(first.logRunId!);
    removeRun(ws, first.logRunId!);
    // The same bytes ingested again: a new run, sharing the source blob with the tombstone.
    const second = await ingestFile(ws, file);
    expect(second.status).toBe('ingested');
    const source = firstBlobs[0];
    const r = gc(ws);
    expect(r.removed.map((b) => b.sha256)).not.toContain(source.sha256);
    expect(existsSync(source.path)).toBe(true);
    for (const b of blobsOfRun(second.logRunId!)) expect(existsSync(b.path)).toBe(true);
    expect((await fsck(ws)).problems).toEqual([]);
  });

  it('collects the old gridded copies a re-grid left, and everything of a removed well', async () => {
    const r = await ingestFile(ws, writeGeneratedLas(ctx.root, 'a.las', { rows: 150, wellName: 'REGRID' }));
    const old = blobsOfRun(r.logRunId!).find((b) => b.ext === 'parquet' && b.sha256 === (ws.db.prepare('SELECT gridded_sha256 g FROM log_runs').get() as { g: string }).g)!;
    await setWell(ws, 'REGRID', { grid: { step: 0.25 } });
    const freed = gc(ws);
    expect(freed.removed.map((b) => b.sha256)).toEqual([old.sha256]);
    expect(freed.removed[0].kind).toBe('gridded');
    removeWell(ws, 'REGRID');
    expect(gc(ws).blobs).toBe(3);
    expect(blobRows()).toBe(0);
    expect((await fsck(ws)).problems).toEqual([]);
  });

  it('never touches a blob a writer has staged but not committed', async () => {
    const r = await ingestFile(ws, writeGeneratedLas(ctx.root, 'a.las', { rows: 100 }));
    const blobs = blobsOfRun(r.logRunId!);
    removeRun(ws, r.logRunId!);
    // A concurrent ingest of the same content has staged the source blob (a live process: us).
    ws.db.prepare('INSERT INTO write_sessions (id, pid, host, started_at, purpose) VALUES (?, ?, ?, ?, ?)').run('s1', process.pid, 'here', 'now', 'test');
    ws.db.prepare('INSERT INTO staged_blobs (session_id, sha256, path) VALUES (?, ?, ?)').run('s1', blobs[0].sha256, blobs[0].path);
    const res = gc(ws);
    expect(res.removed.map((b) => b.sha256)).not.toContain(blobs[0].sha256);
    expect(res.blobs).toBe(2);
    expect(existsSync(blobs[0].path)).toBe(true);
  });
});
