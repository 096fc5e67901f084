import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurveValues, LasFile } from '../../src/las/model.js';
import { readLas } from '../../src/las/read.js';
import { converter } from '../../src/units/index.js';
import { parquetConnection, quoteString } from '../../src/workspace/duckdb.js';
import { exportOriginal, exportWell, type ExportOptions } from '../../src/workspace/export.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import { readParquetTable } from '../../src/workspace/parquet-columns.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { tempWorkspace, writeGeneratedLas } from './helpers.js';
import { writeUnitLas, type UnitLas } from './unit-las.js';

let ctx: ReturnType<typeof tempWorkspace>;
let ws: Workspace;
let las: UnitLas;
let runId: string;
beforeEach(async () => {
  ctx = tempWorkspace();
  ws = ctx.ws;
  las = writeUnitLas(ctx.root, 'u.las', { wellName: 'EXPORTED' });
  runId = (await ingestFile(ws, las.path)).logRunId!;
});
afterEach(() => ctx.cleanup());

const out = (name: string) => join(ctx.root, name);
const run = (o: Partial<ExportOptions> & { out: string }) => exportWell(ws, 'EXPORTED', { format: 'las2', grid: 'native', units: 'original', ...o });

/** Column name → values, NULL as NaN / null. */
type Columns = Record<string, number[] | (string | null)[]>;

function lasColumns(path: string): { columns: Columns; units: Record<string, string>; file: LasFile } {
  const file = readLas(readFileSync(path), { fileName: path });
  const log = file.sets[0];
  const columns: Columns = {};
  const units: Record<string, string> = {};
  for (const c of log.curves) { columns[c.mnemonic] = toArray(c.data); units[c.mnemonic] = c.unit; }
  return { columns, units, file };
}

function toArray(v: CurveValues): number[] | (string | null)[] {
  return v instanceof Float64Array ? Array.from(v) : v;
}

async function duckColumns(sql: string): Promise<Columns> {
  const con = await parquetConnection();
  const reader = await con.runAndReadAll(sql);
  const cols = reader.getColumnsObjectJS();
  const outCols: Columns = {};
  for (const [k, v] of Object.entries(cols)) outCols[k] = v.map((x) => (x === null ? NaN : Number(x)));
  return outCols;
}

describe('exportWell, native', () => {
  it('LAS 2.0 in original units reads back to exactly the values of the file ingested', async () => {
    const res = await run({ out: out('a.las') });
    expect(res).toMatchObject({ rows: las.depth.length, runs: [{ id: runId }], curves: [{ name: 'GR' }, { name: 'RHOB' }, { name: 'DT' }] });
    const back = lasColumns(out('a.las'));
    expect(back.file.version).toBe('2.0');
    expect(back.columns).toEqual({ DEPT: las.depth, GR: las.gr, RHOB: las.rhob, DT: las.dt });
    expect(back.units).toEqual({ DEPT: 'M', GR: 'GAPI', RHOB: 'KG/M3', DT: 'US/M' });
    expect(back.file.well.find((w) => w.mnemonic === 'WELL')?.value).toBe('EXPORTED');
  });

  it('LAS 3.0 in standard units: converted values, standard unit names, and they read back exactly', async () => {
    const res = await run({ out: out('s.las'), format: 'las3', units: 'standard' });
    const back = lasColumns(out('s.las'));
    expect(back.file.version).toBe('3.0');
    expect(back.units).toEqual({ DEPT: 'm', GR: 'gAPI', RHOB: 'g/cm3', DT: 'us/ft' });
    const toGcc = converter('kg/m3', 'g/cm3');
    const toUsFt = converter('us/m', 'us/ft');
    expect(back.columns.RHOB).toEqual(las.rhob.map(toGcc));
    expect(back.columns.DT).toEqual(las.dt.map(toUsFt));
    expect((back.columns.RHOB as number[])[0]).toBeCloseTo(las.rhob[0] / 1000, 12);
    // The same export as Parquet holds the very same numbers.
    await run({ out: out('s.parquet'), format: 'parquet', units: 'standard' });
    const pq = await readParquetTable(out('s.parquet'));
    expect(pq.names).toEqual(['DEPT', 'GR', 'RHOB', 'DT']);
    for (const [i, name] of pq.names.entries()) expect(Array.from(pq.columns[i] as Float64Array)).toEqual(back.columns[name]);
    expect(res.curves.map((c) => c.unit)).toEqual(['gAPI', 'g/cm3', 'us/ft']);
  });

  it('CSV reads back equal through DuckDB, NULLs as empty cells', async () => {
    await run({ out: out('a.csv'), format: 'csv' });
    const text = readFileSync(out('a.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('DEPT (M),GR (GAPI),RHOB (KG/M3),DT (US/M)');
    const cols = await duckColumns(`SELECT * FROM read_csv(${quoteString(out('a.csv'))}, header = true)`);
    expect(cols).toEqual({ 'DEPT (M)': las.depth, 'GR (GAPI)': las.gr, 'RHOB (KG/M3)': las.rhob, 'DT (US/M)': las.dt });
  });

  it('Parquet reads back equal through DuckDB, with the units in the footer', async () => {
    await run({ out: out('a.parquet'), format: 'parquet' });
    const cols = await duckColumns(`SELECT * FROM read_parquet(${quoteString(out('a.parquet'))})`);
    expect(cols).toEqual({ DEPT: las.depth, GR: las.gr, RHOB: las.rhob, DT: las.dt });
    const con = await parquetConnection();
    const kv = (await con.runAndReadAll(`SELECT decode(key) k, decode(value) v FROM parquet_kv_metadata(${quoteString(out('a.parquet'))})`)).getRowObjectsJS();
    const units = JSON.parse(String(kv.find((r) => r.k === 'units')!.v)) as Record<string, string>;
    expect(units).toEqual({ DEPT: 'M', GR: 'GAPI', RHOB: 'KG/M3', DT: 'US/M' });
  });

  it('selects curves by mnemonic or property id, in the order asked, and cuts to a depth window', async () => {
    const res = await run({ out: out('w.las'), curves: ['dt', 'bulk_density'], depth: [1510, 1520] });
    expect(res.curves.map((c) => c.name)).toEqual(['DT', 'RHOB']);
    const back = lasColumns(out('w.las'));
    const keep = las.depth.map((d, i) => [d, i] as const).filter(([d]) => d >= 1510 && d <= 1520).map(([, i]) => i);
    expect(keep.length).toBe(21);
    expect(back.columns).toEqual({ DEPT: keep.map((i) => las.depth[i]), DT: keep.map((i) => las.dt[i]), RHOB: keep.map((i) => las.rhob[i]) });
    expect(res.depth).toMatchObject({ top: 1510, base: 1520 });
    await expect(run({ out: out('x.las'), curves: ['NOPE'] })).rejects.toThrow(/no curve 'NOPE'.*GR, RHOB, DT/);
    await expect(run({ out: out('x.las'), depth: [1520, 1510] })).rejects.toThrow(/top <= base/);
  });

  it('exports the newest run unless told which', async () => {
    const second = writeUnitLas(ctx.root, 'v.las', { wellName: 'EXPORTED', start: 1600, seed: 3 });
    const r2 = await ingestFile(ws, second.path);
    expect(r2.wellId).toBeDefined();
    const newest = await run({ out: out('n.las') });
    expect(newest.runs[0].id).toBe(r2.logRunId);
    expect(lasColumns(out('n.las')).columns.DEPT).toEqual(second.depth);
    const older = await run({ out: out('o.las'), run: runId.slice(0, 8) });
    expect(older.runs[0].id).toBe(runId);
    expect(lasColumns(out('o.las')).columns.GR).toEqual(las.gr);
  });
});

describe('exportWell, gridded', () => {
  it('merges every run on the well grid; a mnemonic in two runs gets :2, values are the gridded copies', async () => {
    // A second run deeper and in feet: resampled onto the well's metre grid at ingest.
    const second = writeUnitLas(ctx.root, 'ft.las', { wellName: 'EXPORTED', start: 5000, step: 0.5, depthUnit: 'F', rows: 60, seed: 5 });
    const r2 = await ingestFile(ws, second.path);
    const res = await run({ out: out('g.las'), grid: 'gridded', units: 'standard' });
    expect(res.curves.map((c) => c.name)).toEqual(['GR', 'RHOB', 'DT', 'GR:2', 'RHOB:2', 'DT:2']);
    const back = lasColumns(out('g.las'));
    expect(Object.keys(back.columns)).toEqual(['DEPTH', 'GR', 'RHOB', 'DT', 'GR:2', 'RHOB:2', 'DT:2']);
    // Each run's columns hold its gridded copy at the grid points it covers, NULL elsewhere.
    const depth = back.columns.DEPTH as number[];
    const step = (ws.db.prepare('SELECT grid_step s FROM wells').get() as { s: number }).s;
    expect(step).toBe(0.5); // from the first file's step
    expect(depth[1] - depth[0]).toBeCloseTo(step, 12);
    for (const [id, suffix] of [[runId, ''], [r2.logRunId!, ':2']] as const) {
      const sha = (ws.db.prepare('SELECT gridded_sha256 g FROM log_runs WHERE id = ?').get(id) as { g: string }).g;
      const grid = await readParquetTable(ws.blobs.pathOf(sha, 'parquet'));
      const gd = Array.from(grid.columns[0] as Float64Array);
      const start = depth.indexOf(gd[0]);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(depth.slice(start, start + gd.length)).toEqual(gd);
      for (const name of ['GR', 'RHOB', 'DT']) {
        const col = back.columns[`${name}${suffix}`] as number[];
        expect(col.slice(start, start + gd.length)).toEqual(Array.from(grid.columns[grid.names.indexOf(name)] as Float64Array));
        expect(col.slice(0, start).every(Number.isNaN)).toBe(true);
      }
    }
    // Selecting the suffixed name works; CSV of the same reads back equal.
    const sel = await run({ out: out('g.csv'), format: 'csv', grid: 'gridded', units: 'standard', curves: ['GR:2'], depth: [1524, 1530] });
    expect(sel.curves.map((c) => c.name)).toEqual(['GR:2']);
    const cols = await duckColumns(`SELECT * FROM read_csv(${quoteString(out('g.csv'))}, header = true)`);
    const inWindow = depth.map((d, i) => [d, i] as const).filter(([d]) => d >= 1524 && d <= 1530).map(([, i]) => i);
    expect(inWindow.length).toBeGreaterThan(5);
    expect(cols['DEPTH (m)']).toEqual(inWindow.map((i) => depth[i]));
    expect(cols['GR:2 (gAPI)']).toEqual(inWindow.map((i) => (back.columns['GR:2'] as number[])[i]));
  });

  it('gridded in original units converts the standard values back', async () => {
    await run({ out: out('go.parquet'), format: 'parquet', grid: 'gridded', units: 'original' });
    const pq = await readParquetTable(out('go.parquet'));
    const depth = pq.columns[0] as Float64Array;
    const rhob = pq.columns[pq.names.indexOf('RHOB')] as Float64Array;
    // Grid points that are native samples (every 0.5 m from 1500) give back the file's values.
    for (const i of [0, 1, 40, 100]) {
      const row = Array.from(depth).indexOf(1500 + i * 0.5);
      if (Number.isNaN(las.rhob[i])) expect(rhob[row]).toBeNaN();
      else expect(rhob[row]).toBeCloseTo(las.rhob[i], 9);
    }
  });
});

describe('export files', () => {
  it('refuses to overwrite OUT unless forced, and leaves no temp file behind', async () => {
    writeFileSync(out('taken.las'), 'mine');
    await expect(run({ out: out('taken.las') })).rejects.toThrow(/already exists/);
    expect(readFileSync(out('taken.las'), 'utf8')).toBe('mine');
    await run({ out: out('taken.las'), force: true });
    expect(lasColumns(out('taken.las')).columns.GR).toEqual(las.gr);
    await expect(run({ out: join(ctx.root, 'no', 'such', 'dir.las') })).rejects.toThrow(/folder does not exist/);
    expect(readdirSync(ctx.root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('exports the original file byte for byte, and refuses a corrupted one', async () => {
    const res = exportOriginal(ws, runId, out('orig.las'));
    expect(readFileSync(out('orig.las')).equals(readFileSync(las.path))).toBe(true);
    expect(res.bytes).toBe(readFileSync(las.path).length);
    expect(() => exportOriginal(ws, runId, out('orig.las'))).toThrow(/already exists/);
    const sha = (ws.db.prepare('SELECT source_sha256 s FROM log_runs WHERE id = ?').get(runId) as { s: string }).s;
    const blob = ws.blobs.pathOf(sha, 'las');
    const bytes = readFileSync(blob);
    bytes[10] ^= 1;
    writeFileSync(blob, bytes);
    expect(() => exportOriginal(ws, runId, out('bad.las'))).toThrow(/no longer matches its hash/);
    expect(existsSync(out('bad.las'))).toBe(false);
  });

  it('round-trips a generated multi-curve log through every format', async () => {
    const r = await ingestFile(ws, writeGeneratedLas(ctx.root, 'gen.las', { rows: 700, curves: 10, seed: 8, wellName: 'GEN' }));
    const source = readLas(readFileSync(join(ctx.root, 'gen.las')));
    const expected: Columns = {};
    for (const c of source.sets[0].curves) expected[c.mnemonic] = toArray(c.data);
    for (const format of ['las2', 'las3', 'csv', 'parquet'] as const) {
      const file = out(`gen.${format}`);
      await exportWell(ws, 'GEN', { format, grid: 'native', units: 'original', out: file, run: r.logRunId });
      let got: Columns;
      if (format === 'csv') {
        const raw = await duckColumns(`SELECT * FROM read_csv(${quoteString(file)}, header = true)`);
        got = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/ \(.*\)$/, ''), v]));
      } else if (format === 'parquet') {
        got = await duckColumns(`SELECT * FROM read_parquet(${quoteString(file)})`);
      } else {
        got = lasColumns(file).columns;
      }
      expect(got, format).toEqual(expected);
    }
  });
});
