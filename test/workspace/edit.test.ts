import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCurve, setWell, removeRun, removeWell } from '../../src/workspace/edit.js';
import { WorkspaceError } from '../../src/workspace/errors.js';
import { exportWell } from '../../src/workspace/export.js';
import { fsck } from '../../src/workspace/fsck.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import { findWell } from '../../src/workspace/lookup.js';
import { readParquetTable } from '../../src/workspace/parquet-columns.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { tempWorkspace, writeGeneratedLas } from './helpers.js';
import { writeUnitLas } from './unit-las.js';

let ctx: ReturnType<typeof tempWorkspace>;
let ws: Workspace;
beforeEach(() => { ctx = tempWorkspace(); ws = ctx.ws; });
afterEach(() => ctx.cleanup());

type Row = Record<string, unknown>;
const row = (sql: string, ...args: unknown[]) => ws.db.prepare(sql).get(...args) as Row;
const rows = (sql: string, ...args: unknown[]) => ws.db.prepare(sql).all(...args) as Row[];
const audits = (entity: string, id: string) =>
  rows('SELECT action, actor, before_json, after_json FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id', entity, id)
    .map((a) => ({ action: a.action, actor: a.actor, before: JSON.parse(a.before_json as string) as Row, after: JSON.parse(a.after_json as string) as Row }));

async function ingest(name: string, opts: Parameters<typeof writeGeneratedLas>[2] = {}) {
  const r = await ingestFile(ws, writeGeneratedLas(ctx.root, name, { rows: 300, curves: 6, ...opts }));
  expect(r.status).toBe('ingested');
  return r;
}

async function expectError(p: Promise<unknown> | (() => unknown), code: string): Promise<WorkspaceError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as WorkspaceError).code).toBe(code);
    return err as WorkspaceError;
  }
  throw new Error(`expected a WorkspaceError ${code}`);
}

describe('setWell', () => {
  it('changes only what differs, bumps the version once and audits before/after of the changed fields', async () => {
    const r = await ingest('a.las', { wellName: 'ALPHA 1' });
    const before = row('SELECT * FROM wells WHERE id = ?', r.wellId);
    const res = await setWell(ws, 'alpha 1', { name: 'Alpha 1 ST', uwi: '05-123-00001', kb: 31.2, elevationUnit: 'FT', field: (before.field as string | null) ?? undefined });
    expect(res.changed).toEqual({
      name: { before: 'ALPHA 1', after: 'Alpha 1 ST' },
      uwi: { before: before.uwi, after: '05-123-00001' },
      kb: { before: null, after: 31.2 },
      elevation_unit: { before: null, after: 'ft' },
    });
    const after = row('SELECT * FROM wells WHERE id = ?', r.wellId);
    expect(after.version).toBe((before.version as number) + 1);
    expect(after.name).toBe('Alpha 1 ST');
    expect(after.updated_by).toBe('tester');
    expect(after.updated_at).not.toBe(before.updated_at);
    const audit = audits('well', r.wellId!).filter((a) => a.action === 'update');
    expect(audit).toEqual([{
      action: 'update', actor: 'tester',
      before: { name: 'ALPHA 1', uwi: before.uwi, kb: null, elevation_unit: null },
      after: { name: 'Alpha 1 ST', uwi: '05-123-00001', kb: 31.2, elevation_unit: 'ft' },
    }]);
    // The same edit again changes nothing: no version bump, no audit row.
    const again = await setWell(ws, r.wellId!, { name: 'Alpha 1 ST', kb: 31.2 });
    expect(again.changed).toEqual({});
    expect(row('SELECT version FROM wells WHERE id = ?', r.wellId).version).toBe(after.version);
    expect(audits('well', r.wellId!).filter((a) => a.action === 'update')).toHaveLength(1);
  });

  it('clears a text field with an empty string, and refuses bad values without changing anything', async () => {
    const r = await ingest('a.las', { wellName: 'BRAVO' });
    await setWell(ws, 'BRAVO', { field: 'North Sea' });
    await setWell(ws, 'BRAVO', { field: '' });
    expect(row('SELECT field FROM wells WHERE id = ?', r.wellId).field).toBeNull();
    const v = row('SELECT version FROM wells WHERE id = ?', r.wellId).version;
    await expectError(setWell(ws, 'BRAVO', { latitude: 91 }), 'bad-edit');
    await expectError(setWell(ws, 'BRAVO', { grid: { step: 0 } }), 'bad-edit');
    await expectError(setWell(ws, 'BRAVO', { kb: Number.NaN }), 'bad-edit');
    await expectError(setWell(ws, 'BRAVO', { elevationUnit: 'g/cm3' }), 'bad-edit');
    await expectError(setWell(ws, 'BRAVO', { colour: 'red' } as never), 'bad-edit');
    await expectError(setWell(ws, 'no such well', { kb: 1 }), 'not-found');
    expect(row('SELECT version FROM wells WHERE id = ?', r.wellId).version).toBe(v);
  });

  it('refuses a name or UWI another well already has (ingest matches on them)', async () => {
    await ingest('a.las', { wellName: 'ONE' });
    await ingest('b.las', { wellName: 'TWO', seed: 2 });
    await setWell(ws, 'ONE', { uwi: '05-123-37066' });
    await expectError(setWell(ws, 'TWO', { name: 'one' }), 'name-taken');
    await expectError(setWell(ws, 'TWO', { uwi: '0512337066' }), 'id-taken');
  });

  it('re-grids every run of the well onto a new grid: new gridded blobs, old ones kept for gc, all consistent', async () => {
    const a = await ingest('a.las', { wellName: 'GRID', step: 0.1524, startDepth: 1000 });
    await ingestFile(ws, writeGeneratedLas(ctx.root, 'b.las', { rows: 200, curves: 5, seed: 7, wellName: 'GRID', depthUnit: 'FT', step: 0.5, startDepth: 3400 }));
    const runsBefore = rows('SELECT id, gridded_sha256, version FROM log_runs ORDER BY imported_at');
    expect(runsBefore).toHaveLength(2);
    const res = await setWell(ws, 'GRID', { grid: { step: 0.5, unit: 'ft', origin: 0 } });
    expect(res.changed).toEqual({
      grid_unit: { before: 'm', after: 'ft' },
      grid_step: { before: 0.1524, after: 0.5 },
    });
    expect(res.regrid!.runs).toHaveLength(2);
    const runsAfter = rows('SELECT id, gridded_sha256, version FROM log_runs ORDER BY imported_at');
    for (let i = 0; i < 2; i++) {
      expect(runsAfter[i].gridded_sha256).not.toBe(runsBefore[i].gridded_sha256);
      expect(runsAfter[i].version).toBe((runsBefore[i].version as number) + 1);
      // The old gridded blob is still on disk (blobs are immutable; gc collects it).
      expect(ws.blobs.has(runsBefore[i].gridded_sha256 as string, 'parquet')).toBe(true);
    }
    const grid = await readParquetTable(ws.blobs.pathOf(runsAfter[0].gridded_sha256 as string, 'parquet'));
    const depth = grid.columns[0] as Float64Array;
    // 1000 m is 3280.8398... ft: the grid points are the 0.5 ft points inside the run.
    expect(depth[0]).toBe(3281);
    expect(depth[1] - depth[0]).toBe(0.5);
    expect(audits('log_run', a.logRunId!).map((x) => x.action)).toEqual(['ingest', 'regrid']);
    // Coverage follows the grid's unit, and fsck finds everything consistent with the new grid.
    const cov = JSON.parse(row("SELECT coverage_json FROM curves WHERE log_run_id = ? AND position = 1", a.logRunId).coverage_json as string) as { intervals: { top: number }[] };
    expect(cov.intervals[0].top).toBeCloseTo(1000 / 0.3048, 6);
    const report = await fsck(ws);
    expect(report.problems).toEqual([]);
  });

  it('re-grid is all or nothing: a grid too fine for the log changes nothing', async () => {
    const r = await ingest('a.las', { wellName: 'FINE' });
    const before = row('SELECT * FROM wells WHERE id = ?', r.wellId);
    const blobs = row('SELECT count(*) n FROM blobs').n;
    await expectError(setWell(ws, 'FINE', { name: 'FINE 2', grid: { step: 1e-6 } }), 'bad-grid');
    expect(row('SELECT * FROM wells WHERE id = ?', r.wellId)).toEqual(before);
    expect(row('SELECT count(*) n FROM blobs').n).toBe(blobs);
    expect(row('SELECT count(*) n FROM write_sessions').n).toBe(0);
  });
});

describe('setCurve', () => {
  it('sets the quality flag by RUN/MNEMONIC, bumping the version with an audit row', async () => {
    const r = await ingest('a.las');
    const gr = row("SELECT * FROM curves WHERE original_mnemonic = 'GR'");
    const res = await setCurve(ws, `${r.logRunId!.slice(0, 8)}/GR`, { quality: 'suspect' });
    expect(res.changed).toEqual({ quality: { before: 'unreviewed', after: 'suspect' } });
    const after = row('SELECT * FROM curves WHERE id = ?', gr.id);
    expect(after.quality).toBe('suspect');
    expect(after.version).toBe((gr.version as number) + 1);
    expect(audits('curve', gr.id as string)).toEqual([{ action: 'update', actor: 'tester', before: { quality: 'unreviewed' }, after: { quality: 'suspect' } }]);
    await expectError(setCurve(ws, gr.id as string, { quality: 'great' as never }), 'bad-edit');
  });

  it('maps a curve to another property; the mapping becomes the user\'s', async () => {
    await ingest('a.las', { wellName: 'MAP' });
    const dt = row("SELECT * FROM curves WHERE original_mnemonic = 'DT'");
    expect(dt.property).toBe('compressional_slowness');
    // Same quantity class, same unit: only the mapping changes; nothing is re-derived.
    const same = await setCurve(ws, 'MAP/DT', { property: 'shear_slowness' });
    expect(same.rederived).toBeUndefined();
    expect(row('SELECT property, property_source, property_confidence, unit, version FROM curves WHERE id = ?', dt.id))
      .toEqual({ property: 'shear_slowness', property_source: 'user', property_confidence: 1, unit: dt.unit, version: 2 });
    const audit = audits('curve', dt.id as string)[0];
    expect(audit.before).toMatchObject({ property: 'compressional_slowness', property_source: 'auto' });
    expect(audit.after).toMatchObject({ property: 'shear_slowness', property_source: 'user' });
    // Only changed fields are recorded: the confidence is there only if it was not 1 already.
    expect('property_confidence' in audit.after).toBe(dt.property_confidence !== 1);
    await expectError(setCurve(ws, 'MAP/DT', { property: 'no_such_property' }), 'unknown-property');
    await expectError(setCurve(ws, 'MAP/NOPE', { quality: 'bad' }), 'not-found');
  });

  it('a property with another standard unit re-converts the curve: statistics and the gridded copy follow', async () => {
    const las = writeUnitLas(ctx.root, 'u.las', { wellName: 'UNITS' });
    const r = await ingestFile(ws, las.path);
    expect(r.status).toBe('ingested');
    const dt = row("SELECT * FROM curves WHERE original_mnemonic = 'DT'");
    expect(dt.original_unit).toBe('US/M');
    expect(dt.unit).toBe('us/ft');
    const maxUsPerM = Math.max(...las.dt);
    expect(dt.max).toBeCloseTo(maxUsPerM * 0.3048, 9);
    const grid0 = row('SELECT gridded_sha256 FROM log_runs WHERE id = ?', r.logRunId).gridded_sha256 as string;

    // Unmapped, the curve is stored as written (as ingest stores an unmapped curve).
    const res = await setCurve(ws, 'UNITS/DT', { property: null });
    expect(res.rederived?.unit).toEqual({ before: 'us/ft', after: 'US/M' });
    const after = row('SELECT * FROM curves WHERE id = ?', dt.id);
    expect(after).toMatchObject({ property: null, unit: 'US/M', max: maxUsPerM, min: Math.min(...las.dt), version: 2 });
    const grid1 = row('SELECT gridded_sha256, version FROM log_runs WHERE id = ?', r.logRunId);
    expect(grid1.gridded_sha256).not.toBe(grid0);
    expect(grid1.version).toBe(2);
    const gridded = await readParquetTable(ws.blobs.pathOf(grid1.gridded_sha256 as string, 'parquet'));
    const g = gridded.columns[gridded.names.indexOf('DT')] as Float64Array;
    // Grid points coincide with the native 0.5 m samples: values as written.
    expect(Array.from(g)).toEqual(las.dt);
    // A property the unit cannot convert to keeps the values as written, and says why.
    const odd = await setCurve(ws, 'UNITS/DT', { property: 'gamma_ray' });
    expect(odd.rederived).toBeUndefined();
    expect(odd.notes.join(' ')).toMatch(/cannot be converted/);
    // Back to a slowness: converted again.
    const back = await setCurve(ws, 'UNITS/DT', { property: 'compressional_slowness' });
    expect(back.rederived?.unit).toEqual({ before: 'US/M', after: 'us/ft' });
    expect(row('SELECT max FROM curves WHERE id = ?', dt.id).max).toBe(dt.max);
    expect((await fsck(ws)).problems).toEqual([]);
  });
});

describe('removeRun / removeWell', () => {
  it('tombstones a run with its data sets and curves; lookups and re-ingest no longer see it', async () => {
    const r = await ingest('a.las', { wellName: 'RM' });
    const res = removeRun(ws, r.logRunId!);
    expect(res).toMatchObject({ entity: 'log_run', id: r.logRunId, datasets: 1, curves: 6 });
    expect(row('SELECT deleted, version FROM log_runs WHERE id = ?', r.logRunId)).toEqual({ deleted: 1, version: 2 });
    expect(row('SELECT count(*) n FROM curves WHERE log_run_id = ? AND deleted = 0', r.logRunId).n).toBe(0);
    expect(row('SELECT count(*) n FROM datasets WHERE log_run_id = ? AND deleted = 0', r.logRunId).n).toBe(0);
    expect(audits('log_run', r.logRunId!).at(-1)).toMatchObject({ action: 'remove', before: { deleted: 0 }, after: { deleted: 1 } });
    expect(() => removeRun(ws, r.logRunId!)).toThrow(/no log run/);
    // Its blobs stay until gc.
    const run = row('SELECT source_sha256 FROM log_runs WHERE id = ?', r.logRunId);
    expect(ws.blobs.has(run.source_sha256 as string, 'las')).toBe(true);
    // The same file can be ingested again: it is no longer present.
    const again = await ingestFile(ws, `${ctx.root}/a.las`);
    expect(again.status).toBe('ingested');
  });

  it('tombstones a well and everything under it', async () => {
    const a = await ingest('a.las', { wellName: 'GONE' });
    await ingest('b.las', { wellName: 'GONE', seed: 9 });
    const res = removeWell(ws, 'gone');
    expect(res).toMatchObject({ entity: 'well', id: a.wellId, runs: 2, datasets: 2, curves: 12 });
    for (const t of ['wells', 'log_runs', 'datasets', 'curves']) {
      expect(row(`SELECT count(*) n FROM ${t} WHERE deleted = 0`).n).toBe(0);
    }
    expect(() => findWell(ws, 'GONE')).toThrow(/no well/);
    await expect(exportWell(ws, 'GONE', { format: 'csv', grid: 'native', units: 'original', out: `${ctx.root}/gone.csv` })).rejects.toThrow(/no well 'GONE'/);
    await expect(setCurve(ws, `GONE/GR`, { quality: 'bad' })).rejects.toThrow(/no well/);
    expect(audits('well', a.wellId!).at(-1)).toMatchObject({ action: 'remove', after: { deleted: 1, runs: 2 } });
    // A new file for that well name makes a new well.
    const again = await ingestFile(ws, writeGeneratedLas(ctx.root, 'c.las', { rows: 50, wellName: 'GONE', seed: 11 }));
    expect(again.wellCreated).toBe(true);
    expect((await fsck(ws)).problems).toEqual([]);
  });
});
