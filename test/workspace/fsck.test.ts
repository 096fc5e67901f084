import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsck, type FsckReport } from '../../src/workspace/fsck.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { tempWorkspace, writeGeneratedLas } from './helpers.js';
import { writeUnitLas } from './unit-las.js';

let ctx: ReturnType<typeof tempWorkspace>;
let ws: Workspace;
let runId: string;
beforeEach(async () => {
  ctx = tempWorkspace();
  ws = ctx.ws;
  const r = await ingestFile(ws, writeUnitLas(ctx.root, 'u.las', { wellName: 'CHECKED' }).path);
  runId = r.logRunId!;
  await ingestFile(ws, writeGeneratedLas(ctx.root, 'g.las', { rows: 300, curves: 7, wellName: 'OTHER' }));
});
afterEach(() => ctx.cleanup());

type Row = Record<string, unknown>;
const row = (sql: string, ...args: unknown[]) => ws.db.prepare(sql).get(...args) as Row;
const codes = (r: FsckReport) => r.problems.map((p) => p.code).sort();

function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] ^= 0xff;
  writeFileSync(path, bytes);
}

function withoutForeignKeys(fn: () => void): void {
  ws.db.pragma('foreign_keys = OFF');
  try { fn(); } finally { ws.db.pragma('foreign_keys = ON'); }
}

describe('fsck', () => {
  it('finds nothing wrong in a freshly ingested workspace', async () => {
    const r = await fsck(ws);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checked).toMatchObject({ runs: 2, datasets: 2, curves: 11, blobs: 6, files: 6 });
  });

  it('finds a corrupted native blob, names it, and never deletes it', async () => {
    const set = row('SELECT id, native_sha256 FROM datasets WHERE log_run_id = ?', runId);
    const path = ws.blobs.pathOf(set.native_sha256 as string, 'parquet');
    flipByte(path, 200);
    const r = await fsck(ws, { repair: true });
    const corrupt = r.problems.filter((p) => p.code === 'blob-corrupt');
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]).toMatchObject({ path, entity: 'dataset', id: set.id });
    expect(corrupt[0].repaired).toBeUndefined();
    expect(r.ok).toBe(false);
    expect(r.remaining).toBeGreaterThan(0);
    expect(existsSync(path)).toBe(true);
  });

  it('rebuilds a corrupted or missing gridded copy from the native data when repairing', async () => {
    const sha = row('SELECT gridded_sha256 g FROM log_runs WHERE id = ?', runId).g as string;
    const path = ws.blobs.pathOf(sha, 'parquet');
    flipByte(path, 100);
    const check = await fsck(ws);
    expect(check.problems.map((p) => [p.code, p.path])).toEqual([['blob-corrupt', path]]);
    const fixed = await fsck(ws, { repair: true });
    expect(fixed.ok).toBe(true);
    expect(fixed.problems[0].repaired).toMatch(/rebuilt/);
    const now = row('SELECT gridded_sha256 g, version FROM log_runs WHERE id = ?', runId);
    expect(now.g).not.toBe(sha);
    expect(now.version).toBe(2);
    // Once replaced, nothing live references the corrupt copy: it goes in the same pass.
    expect(existsSync(path)).toBe(false);
    expect(row('SELECT count(*) n FROM blobs WHERE sha256 = ?', sha).n).toBe(0);
    expect((await fsck(ws)).problems).toEqual([]);

    rmSync(ws.blobs.pathOf(now.g as string, 'parquet'));
    const missing = await fsck(ws, { repair: true });
    expect(missing.problems.map((p) => p.code)).toEqual(['blob-missing']);
    expect(missing.ok).toBe(true);
    expect((await fsck(ws)).problems).toEqual([]);
  });

  it('finds a missing source blob and cannot repair it', async () => {
    const sha = row('SELECT source_sha256 s FROM log_runs WHERE id = ?', runId).s as string;
    const path = ws.blobs.pathOf(sha, 'las');
    rmSync(path);
    const r = await fsck(ws, { repair: true });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'blob-missing', path, entity: 'log_run', id: runId });
    expect(r.problems[0].message).toMatch(/ingest its file again|backup/);
    expect(r.ok).toBe(false);
  });

  it('finds orphan files and stale temp files, and repair deletes them', async () => {
    const sha = 'ab'.repeat(32);
    const orphan = join(ws.blobs.dir, 'ab', 'ab', `${sha}.parquet`);
    mkdirSync(dirname(orphan), { recursive: true });
    writeFileSync(orphan, 'left over');
    const stray = join(ws.blobs.dir, 'notes.txt');
    writeFileSync(stray, 'not a blob');
    // A temp file of a process that is gone (pids are far below this on Linux).
    const temp = join(ws.blobs.tmpDir, '4194000-deadbeef.parquet');
    writeFileSync(temp, 'partial');
    const r = await fsck(ws);
    expect(codes(r)).toEqual(['orphan-file', 'orphan-file', 'stale-temp']);
    expect(r.problems.map((p) => p.path).sort()).toEqual([orphan, stray, temp].sort());
    expect(existsSync(orphan)).toBe(true); // only reported without --repair
    const fixed = await fsck(ws, { repair: true });
    expect(fixed.ok).toBe(true);
    expect(fixed.repaired).toBe(3);
    for (const p of [orphan, stray, temp]) expect(existsSync(p)).toBe(false);
    expect((await fsck(ws)).problems).toEqual([]);
  });

  it('does not call a blob staged by a live writer an orphan', async () => {
    const sha = 'cd'.repeat(32);
    const path = ws.blobs.pathOf(sha, 'parquet');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'being ingested');
    ws.db.prepare('INSERT INTO write_sessions (id, pid, host, started_at, purpose) VALUES (?, ?, ?, ?, ?)').run('s', process.pid, 'h', 'now', 'test');
    ws.db.prepare('INSERT INTO staged_blobs (session_id, sha256, path) VALUES (?, ?, ?)').run('s', sha, path);
    const r = await fsck(ws, { repair: true });
    expect(r.problems).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });

  it('finds wrong statistics and recomputes them (in the standard unit) when repairing', async () => {
    const rhob = row("SELECT * FROM curves WHERE log_run_id = ? AND original_mnemonic = 'RHOB'", runId);
    expect(rhob.unit).toBe('g/cm3'); // stored converted from kg/m3
    ws.db.prepare('UPDATE curves SET max = max + 1, null_count = null_count + 1 WHERE id = ?').run(rhob.id);
    const r = await fsck(ws);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'stats', entity: 'curve', id: rhob.id });
    expect(r.problems[0].message).toContain('RHOB');
    const fixed = await fsck(ws, { repair: true });
    expect(fixed.ok).toBe(true);
    const after = row('SELECT * FROM curves WHERE id = ?', rhob.id);
    expect([after.min, after.max, after.mean, after.null_count, after.sample_count]).toEqual([rhob.min, rhob.max, rhob.mean, rhob.null_count, rhob.sample_count]);
    expect(after.version).toBe((rhob.version as number) + 1);
    const audit = row("SELECT before_json, after_json FROM audit_log WHERE action = 'repair' AND entity_id = ?", rhob.id);
    expect(JSON.parse(audit.before_json as string)).toMatchObject({ max: (rhob.max as number) + 1 });
    expect((await fsck(ws)).problems).toEqual([]);
  });

  it('finds row and curve counts that disagree with the Parquet file', async () => {
    const set = row('SELECT id, row_count FROM datasets WHERE log_run_id = ?', runId);
    ws.db.prepare('UPDATE datasets SET row_count = row_count + 5 WHERE id = ?').run(set.id);
    const r = await fsck(ws);
    expect(codes(r)).toEqual(['row-count', 'row-count']); // the data set vs its Parquet, the run vs its data set
    expect(r.problems.find((p) => p.entity === 'dataset')).toMatchObject({ id: set.id });
    ws.db.prepare('UPDATE datasets SET row_count = ? WHERE id = ?').run(set.row_count, set.id);
    ws.db.prepare("UPDATE curves SET column_name = 'NOPE' WHERE log_run_id = ? AND original_mnemonic = 'DT'").run(runId);
    const c = await fsck(ws);
    expect(codes(c)).toEqual(['curve-count']);
    expect(c.problems[0].message).toContain('NOPE');
  });

  it('re-lists a blob whose row is missing, and drops a row whose file is gone when nothing needs it', async () => {
    const sha = row('SELECT source_sha256 s FROM log_runs WHERE id = ?', runId).s as string;
    withoutForeignKeys(() => ws.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha));
    ws.db.prepare("INSERT INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, 'parquet', 10, 'gridded', 'now')").run('ef'.repeat(32));
    const r = await fsck(ws, { repair: true });
    expect(codes(r)).toEqual(['blob-file-missing', 'blob-row-missing']);
    expect(r.ok).toBe(true);
    expect(row('SELECT ext, kind FROM blobs WHERE sha256 = ?', sha)).toEqual({ ext: 'las', kind: 'source' });
    expect(row('SELECT count(*) n FROM blobs WHERE sha256 = ?', 'ef'.repeat(32)).n).toBe(0);
    expect((await fsck(ws)).problems).toEqual([]);
  });

  it('finishes a half-done removal: live curves under a removed run', async () => {
    ws.db.prepare('UPDATE log_runs SET deleted = 1 WHERE id = ?').run(runId);
    const r = await fsck(ws, { repair: true });
    expect(new Set(codes(r))).toEqual(new Set(['tombstone-orphan']));
    expect(r.problems).toHaveLength(5); // its data set and its 4 curves
    expect(row('SELECT count(*) n FROM curves WHERE log_run_id = ? AND deleted = 0', runId).n).toBe(0);
    expect((await fsck(ws)).problems).toEqual([]);
  });
});
