import { canonicalIndexUnit } from '../las/index-tracker.js';
import { depthFactor } from '../workspace/depth-units.js';
import { quoteIdent, quoteString } from '../workspace/duckdb.js';
import type { Workspace } from '../workspace/workspace.js';
import { curveRows, datasetRows, runRowById, type CurveRow, type WellRow } from './catalog.js';
import { ColumnCache, columnCache } from './column-cache.js';
import { decimateMinMax } from './decimate.js';
import { QueryError } from './errors.js';
import { sessionFor } from './session.js';
import type { DepthWindow, DepthWindowRequest, WindowCurve } from './types.js';
import { resolveWell } from './wells.js';

/**
 * A depth window of chosen curves of one well, for display. Columns are read whole from the
 * Parquet blob once and kept decoded (column-cache.ts), so panning and zooming re-read
 * nothing; the window is cut by binary search on depth and decimated in JS.
 */
export async function readDepthWindow(ws: Workspace, req: DepthWindowRequest): Promise<DepthWindow> {
  if (!Array.isArray(req.curves) || !req.curves.length) throw new QueryError('bad-argument', 'name at least one curve to read');
  if (req.grid !== 'gridded' && req.grid !== 'native') throw new QueryError('bad-argument', `grid must be 'gridded' or 'native', got '${String(req.grid)}'`);
  if (req.maxPoints !== undefined && !(Number.isInteger(req.maxPoints) && req.maxPoints >= 2)) {
    throw new QueryError('bad-argument', `maxPoints must be a whole number of at least 2, got ${req.maxPoints}`);
  }
  if (req.top !== undefined && req.base !== undefined && req.top > req.base) {
    throw new QueryError('bad-argument', `top (${req.top}) is below base (${req.base})`);
  }
  const well = resolveWell(ws.db, req.wellId);
  if (req.runId) {
    const run = runRowById(ws.db, req.runId);
    if (!run || run.well_id !== well.id) throw new QueryError('not-found', `well '${well.name}' has no log run ${req.runId}`, { subject: req.runId });
  }
  const live = curveRows(ws.db, { wellId: well.id, runId: req.runId });
  return req.grid === 'gridded' ? readGridded(ws, well, live, req) : readNative(ws, well, live, req);
}

/** The curve a name means among `cands`: id, then mnemonic, then the file's mnemonic, then property. */
function pick(name: string, cands: CurveRow[]): CurveRow | undefined {
  const byId = cands.find((c) => c.id === name);
  if (byId) return byId;
  const upper = name.toUpperCase();
  const tests: ((c: CurveRow) => boolean)[] = [
    (c) => c.mnemonic.toUpperCase() === upper,
    (c) => c.original_mnemonic.toUpperCase() === upper,
    (c) => c.property !== null && c.property === name.toLowerCase(),
  ];
  for (const test of tests) {
    const hits = cands.filter(test);
    if (hits.length) return best(hits);
  }
  return undefined;
}

/** Among matches: the most recently imported run, then the surest property match, then the first in the file. */
function best(hits: CurveRow[]): CurveRow {
  return [...hits].sort((a, b) =>
    b.imported_at.localeCompare(a.imported_at) || (b.property_confidence ?? 0) - (a.property_confidence ?? 0) || a.position - b.position)[0];
}

function notFound(well: WellRow, name: string, cands: CurveRow[], grid: string): QueryError {
  const names = [...new Set(cands.map((c) => c.mnemonic))].sort();
  return new QueryError('not-found', `well '${well.name}' has no curve '${name}' in its ${grid} data (it has: ${names.join(', ') || 'none'})`, { subject: name });
}

interface Part {
  sha256: string;
  depthColumn: string;
  curves: { name: string; row: CurveRow }[];
  /** Multiply this part's depths by it to get the well's grid unit. */
  factor: number | null;
}

async function readGridded(ws: Workspace, well: WellRow, live: CurveRow[], req: DepthWindowRequest): Promise<DepthWindow> {
  const cands = live.filter((c) => c.in_gridded === 1);
  const parts = new Map<string, Part>();
  const shaOfRun = new Map<string, string>();
  const needRuns = new Set<string>();
  const chosen = req.curves.map((name) => {
    const row = pick(name, cands);
    if (!row) {
      const elsewhere = pick(name, live);
      if (elsewhere) throw new QueryError('no-data', `curve '${name}' of well '${well.name}' has no gridded copy (${elsewhere.kind !== 'number' ? 'it is not numeric' : elsewhere.is_index ? 'it is the depth index' : "its run's depth unit is unknown"}): read it with grid 'native'`, { subject: name });
      throw notFound(well, name, cands, 'gridded');
    }
    needRuns.add(row.log_run_id);
    return { name, row };
  });
  for (const runId of needRuns) shaOfRun.set(runId, runRowById(ws.db, runId)!.gridded_sha256!);
  for (const c of chosen) {
    const sha = shaOfRun.get(c.row.log_run_id)!;
    const part = parts.get(sha) ?? { sha256: sha, depthColumn: 'DEPTH', curves: [], factor: 1 };
    part.curves.push(c);
    parts.set(sha, part);
  }
  const window = await readParts(ws, [...parts.values()], req.top, req.base);
  return finish(window, chosen.map((c) => ({ ...c, unit: c.row.unit })), well.grid_unit, req.maxPoints);
}

async function readNative(ws: Workspace, well: WellRow, live: CurveRow[], req: DepthWindowRequest): Promise<DepthWindow> {
  const indexOf = new Map<string, CurveRow>();
  for (const c of live) if (c.is_index === 1 && c.kind === 'number') indexOf.set(c.dataset_id, c);
  const cands = live.filter((c) => c.kind === 'number' && c.is_index === 0 && indexOf.has(c.dataset_id));
  for (const name of req.curves) if (!pick(name, cands)) throw notFound(well, name, cands, 'native');
  // One data set: native depths differ between runs. The newest that has every curve asked for.
  const datasetIds = [...new Set([...cands].reverse().map((c) => c.dataset_id))];
  let chosen: { name: string; row: CurveRow }[] | undefined;
  for (const id of datasetIds) {
    const inSet = cands.filter((c) => c.dataset_id === id);
    const rows = req.curves.map((name) => ({ name, row: pick(name, inSet) }));
    if (rows.every((r) => r.row)) { chosen = rows as { name: string; row: CurveRow }[]; break; }
  }
  if (!chosen) {
    throw new QueryError('no-data', `no single log run of well '${well.name}' has all of ${req.curves.join(', ')}: native data is read one run at a time (ask for curves of one run, or use grid 'gridded')`);
  }
  const index = indexOf.get(chosen[0].row.dataset_id)!;
  const dataset = datasetRows(ws.db, [index.log_run_id]).find((d) => d.id === index.dataset_id)!;
  const canonical = canonicalIndexUnit(index.original_unit);
  const factor = depthFactor(canonical, well.grid_unit === 'ft' ? 'ft' : 'm');
  if (factor === null && (req.top !== undefined || req.base !== undefined)) {
    throw new QueryError('bad-argument', `the depth unit '${index.original_unit}' of ${index.source_name} is not a known length: a window in ${well.grid_unit} cannot be placed on it (omit top and base)`);
  }
  const part: Part = { sha256: dataset.native_sha256, depthColumn: index.column_name, curves: chosen, factor };
  const window = await readParts(ws, [part], req.top, req.base);
  return finish(window, chosen.map((c) => ({ ...c, unit: c.row.original_unit })), index.original_unit, req.maxPoints);
}

interface RawWindow {
  depth: Float64Array;
  /** In the order of the parts' curves, concatenated. */
  values: Float64Array[];
}

/** Each part's window, merged on depth (parts are runs of one well on one grid). */
async function readParts(ws: Workspace, parts: Part[], top: number | undefined, base: number | undefined): Promise<RawWindow> {
  const windows: RawWindow[] = [];
  for (const part of parts) {
    const cols = await loadColumns(ws, part.sha256, [part.depthColumn, ...part.curves.map((c) => c.row.column_name)]);
    const f = part.factor ?? 1;
    windows.push(cut(cols[0], cols.slice(1), top === undefined ? -Infinity : top / f, base === undefined ? Infinity : base / f));
  }
  return windows.length === 1 ? windows[0] : mergeOnDepth(windows);
}

/** Whole columns of a blob, from the cache or read once with DuckDB. */
async function loadColumns(ws: Workspace, sha256: string, columns: string[]): Promise<Float64Array[]> {
  const missing = [...new Set(columns.filter((c) => !columnCache.get(ColumnCache.key(sha256, c))))];
  if (missing.length) {
    const session = await sessionFor(ws);
    const path = ws.blobs.pathOf(sha256, 'parquet');
    const read = await session.readFloat64(`SELECT ${missing.map(quoteIdent).join(', ')} FROM read_parquet(${quoteString(path)})`);
    missing.forEach((c, i) => columnCache.set(ColumnCache.key(sha256, c), read[i]));
    // Values just read are used from `read`, not the cache, in case the budget already evicted them.
    const fresh = new Map(missing.map((c, i) => [c, read[i]]));
    return columns.map((c) => fresh.get(c) ?? columnCache.get(ColumnCache.key(sha256, c))!);
  }
  return columns.map((c) => columnCache.get(ColumnCache.key(sha256, c))!);
}

/** Rows with top <= depth <= base, ascending by depth; rows without a depth are left out. */
function cut(depth: Float64Array, values: Float64Array[], top: number, base: number): RawWindow {
  let ascending = true;
  for (let i = 0; i < depth.length; i++) {
    if (depth[i] !== depth[i] || (i > 0 && depth[i] < depth[i - 1])) { ascending = false; break; }
  }
  if (ascending) {
    const lo = lowerBound(depth, top);
    const hi = upperBound(depth, base);
    return { depth: depth.slice(lo, Math.max(lo, hi)), values: values.map((v) => v.slice(lo, Math.max(lo, hi))) };
  }
  // A log recorded upwards (or out of order): sort the rows in the window by depth.
  const rows: number[] = [];
  for (let i = 0; i < depth.length; i++) if (depth[i] >= top && depth[i] <= base) rows.push(i);
  rows.sort((a, b) => depth[a] - depth[b] || a - b);
  const pickRows = (v: Float64Array) => Float64Array.from(rows, (i) => v[i]);
  return { depth: pickRows(depth), values: values.map(pickRows) };
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (a[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}

function upperBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (a[mid] <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Runs of one well share its grid, so equal depths are equal doubles: merge on them, NaN where a run has no row. */
function mergeOnDepth(windows: RawWindow[]): RawWindow {
  const all = new Float64Array(windows.reduce((n, w) => n + w.depth.length, 0));
  let k = 0;
  for (const w of windows) { all.set(w.depth, k); k += w.depth.length; }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  const depth = all.slice(0, n);
  const values: Float64Array[] = [];
  for (const w of windows) {
    const out = w.values.map(() => new Float64Array(n).fill(NaN));
    let j = 0;
    for (let i = 0; i < w.depth.length; i++) {
      while (depth[j] < w.depth[i]) j++;
      for (let c = 0; c < out.length; c++) out[c][j] = w.values[c][i];
    }
    values.push(...out);
  }
  return { depth, values };
}

function finish(window: RawWindow, curves: { name: string; row: CurveRow; unit: string }[], depthUnit: string, maxPoints: number | undefined): DepthWindow {
  // readParts returns values part by part; put them back in the order the curves were asked for.
  const order = orderOfParts(curves);
  const values = curves.map((_, i) => window.values[order[i]]);
  const sourceRows = window.depth.length;
  const d = maxPoints !== undefined ? decimateMinMax(window.depth, values, maxPoints) : { depth: window.depth, curves: values };
  return {
    depth: d.depth,
    unit: depthUnit,
    curves: curves.map((c, i): WindowCurve => ({
      name: c.name, curveId: c.row.id, runId: c.row.log_run_id, mnemonic: c.row.mnemonic, property: c.row.property, unit: c.unit, values: d.curves[i],
    })),
    sourceRows,
    decimated: d.depth.length < sourceRows,
  };
}

/** Index, in the concatenated part values, of each requested curve (parts group curves by run, in first-seen order). */
function orderOfParts(curves: { row: CurveRow }[]): number[] {
  const runs: string[] = [];
  for (const c of curves) if (!runs.includes(c.row.log_run_id)) runs.push(c.row.log_run_id);
  const positions: number[] = new Array(curves.length);
  let k = 0;
  for (const run of runs) curves.forEach((c, i) => { if (c.row.log_run_id === run) positions[i] = k++; });
  return positions;
}
