/**
 * The table an export writes: a depth column and the chosen curves, in the chosen units,
 * cut to the depth window. Native: one log run at its own sampling. Gridded: every live run
 * of the well side by side on the well's depth grid.
 */
import { canonicalIndexUnit } from '../las/index-tracker.js';
import type { CurveKind, CurveValues } from '../las/model.js';
import { gridPoints, MAX_GRID_POINTS, type DepthGrid } from './depth-grid.js';
import { depthFactor } from './depth-units.js';
import { WorkspaceError } from './errors.js';
import { datasetCurves, findRun, liveRunsOf, logDataset, type CurveRow, type RunRow, type WellRow } from './lookup.js';
import { columnOf, readParquetTable } from './parquet-columns.js';
import { workspaceDictionary, workspaceUnits } from './reference-data.js';
import { applyConversion, inverseConversion, storedConversion } from './standard-units.js';
import type { Workspace } from './workspace.js';

export interface ExportColumn {
  /** Unique in the table: the stored mnemonic, suffixed `:2`, `:3` when several runs have it. */
  name: string;
  /** As the source file wrote it (what a LAS export writes). */
  originalMnemonic: string;
  unit: string;
  description: string;
  kind: CurveKind;
  values: CurveValues;
  property: string | null;
  curveId: string;
  runId: string;
}

export interface ExportTable {
  well: WellRow;
  runs: RunRow[];
  depth: ExportColumn;
  columns: ExportColumn[];
  rows: number;
}

export interface TableOptions {
  grid: 'native' | 'gridded';
  units: 'original' | 'standard';
  curves?: string[];
  /** Inclusive, in the exported depth unit. */
  depth?: [number, number];
  run?: string;
}

export async function buildTable(ws: Workspace, well: WellRow, opts: TableOptions): Promise<ExportTable> {
  if (opts.depth) {
    const [top, base] = opts.depth;
    if (!Number.isFinite(top) || !Number.isFinite(base) || top > base) throw new WorkspaceError('bad-depth', `the depth window ${top}:${base} must be two numbers, top <= base`);
  }
  const table = opts.grid === 'native' ? await nativeTable(ws, well, opts) : await griddedTable(ws, well, opts);
  const columns = selectColumns(table, opts.curves);
  return opts.depth ? cutToWindow({ ...table, columns }, opts.depth) : { ...table, columns };
}

function column(curve: CurveRow, values: CurveValues, unit: string, name = curve.mnemonic, description = curve.description): ExportColumn {
  return {
    name, originalMnemonic: curve.original_mnemonic, unit, description, kind: curve.kind, values,
    property: curve.property, curveId: curve.id, runId: curve.log_run_id,
  };
}

async function nativeTable(ws: Workspace, well: WellRow, opts: TableOptions): Promise<ExportTable> {
  let run: RunRow;
  if (opts.run) {
    run = findRun(ws, opts.run);
    if (run.well_id !== well.id) throw new WorkspaceError('not-found', `log run ${run.id} is not a run of well '${well.name}'`);
  } else {
    const runs = liveRunsOf(ws, well.id);
    if (!runs.length) throw new WorkspaceError('no-data', `well '${well.name}' has no log runs to export`);
    run = runs[runs.length - 1]; // the newest
  }
  const dataset = logDataset(ws, run.id);
  if (!dataset) throw new WorkspaceError('no-data', `log run ${run.id} (${run.source_name}) has no data set`);
  const curves = datasetCurves(ws, dataset.id);
  const path = ws.blobs.pathOf(dataset.native_sha256, 'parquet');
  const parquet = await readParquetTable(path);
  const units = workspaceUnits(ws);
  const dict = workspaceDictionary(ws);
  const cols = curves.map((c) => {
    const values = columnOf(parquet, c.column_name);
    if (!values) throw new WorkspaceError('column-missing', `the Parquet file has no column '${c.column_name}' (run 'dataforge fsck')`, path);
    if (opts.units === 'original' || !(values instanceof Float64Array)) return column(c, values, c.original_unit);
    if (c.is_index) {
      // Standard depth is the well's grid unit.
      const f = depthFactor(canonicalIndexUnit(c.original_unit), well.grid_unit);
      return f === null ? column(c, values, c.original_unit) : column(c, f === 1 ? values : values.map((d) => d * f), well.grid_unit);
    }
    return column(c, applyConversion(values, storedConversion(units, dict, c)), c.unit);
  });
  const [depth, ...rest] = cols;
  return { well, runs: [run], depth, columns: rest, rows: parquet.rows };
}

/** Grid points are matched by index; a gridded copy off the grid by more than this (in steps) is stale. */
const ON_GRID = 1e-6;

async function griddedTable(ws: Workspace, well: WellRow, opts: TableOptions): Promise<ExportTable> {
  const grid: DepthGrid = { unit: well.grid_unit, step: well.grid_step, origin: well.grid_origin };
  const points = gridPoints(grid);
  const runs = liveRunsOf(ws, well.id).filter((r) => r.gridded_sha256 && (!opts.run || r.id === opts.run || r.id.startsWith(opts.run)));
  if (!runs.length) throw new WorkspaceError('no-data', `well '${well.name}' has no gridded data${opts.run ? ` in run '${opts.run}'` : ''} (logs not indexed by depth are kept at native sampling only: export them with --grid native)`);
  const units = workspaceUnits(ws);
  const dict = workspaceDictionary(ws);
  const parts: { curve: CurveRow; ks: Int32Array | number[]; values: Float64Array; unit: string }[] = [];
  let kMin = Infinity;
  let kMax = -Infinity;
  for (const run of runs) {
    const path = ws.blobs.pathOf(run.gridded_sha256!, 'parquet');
    const parquet = await readParquetTable(path);
    const depths = columnOf(parquet, 'DEPTH');
    if (!(depths instanceof Float64Array)) throw new WorkspaceError('gridded-shape', `the gridded copy of log run ${run.id} has no DEPTH column (run 'dataforge fsck --repair')`, path);
    const ks = new Int32Array(depths.length);
    for (let i = 0; i < depths.length; i++) {
      const k = Math.round((depths[i] - grid.origin) / grid.step);
      if (!(Math.abs(points.at(k) - depths[i]) <= ON_GRID * grid.step)) {
        throw new WorkspaceError('stale-grid', `the gridded copy of log run ${run.id} (${run.source_name}) is not on the well's grid (${grid.step} ${grid.unit} from ${grid.origin}): run 'dataforge fsck --repair'`, path);
      }
      ks[i] = k;
      if (k < kMin) kMin = k;
      if (k > kMax) kMax = k;
    }
    const dataset = logDataset(ws, run.id);
    const curves = dataset ? datasetCurves(ws, dataset.id).filter((c) => c.position > 0 && c.kind === 'number') : [];
    for (const c of curves) {
      const v = columnOf(parquet, c.column_name);
      if (!(v instanceof Float64Array)) continue;
      if (opts.units === 'standard') parts.push({ curve: c, ks, values: v, unit: c.unit });
      else parts.push({ curve: c, ks, values: applyConversion(v, inverseConversion(units, dict, c)), unit: c.original_unit });
    }
  }
  const rows = Number.isFinite(kMin) ? kMax - kMin + 1 : 0;
  if (rows > MAX_GRID_POINTS) throw new WorkspaceError('grid-too-large', `the well's runs span ${rows} grid points (limit ${MAX_GRID_POINTS}): export a depth window or native data`);
  const depthValues = new Float64Array(rows);
  for (let i = 0; i < rows; i++) depthValues[i] = points.at(kMin + i);
  const taken = new Set<string>(['DEPTH']);
  const columns = parts.map((p) => {
    const name = uniqueName(p.curve.mnemonic, taken);
    const values = new Float64Array(rows).fill(NaN);
    for (let i = 0; i < p.ks.length; i++) values[p.ks[i] - kMin] = p.values[i];
    const run = runs.find((r) => r.id === p.curve.log_run_id)!;
    return column(p.curve, values, p.unit, name, `${p.curve.description}${p.curve.description ? ' ' : ''}[${run.source_name}]`.trim());
  });
  const depth: ExportColumn = {
    name: 'DEPTH', originalMnemonic: 'DEPTH', unit: grid.unit, description: `DEPTH (grid ${grid.step} ${grid.unit} from ${grid.origin})`,
    kind: 'number', values: depthValues, property: null, curveId: '', runId: '',
  };
  return { well, runs, depth, columns, rows };
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toUpperCase()); n++) name = `${base}:${n}`;
  taken.add(name.toUpperCase());
  return name;
}

/** Curves by name, mnemonic as written, or property id, in the order asked; each must match. */
function selectColumns(table: ExportTable, wanted: string[] | undefined): ExportColumn[] {
  if (!wanted || !wanted.length) return table.columns;
  const out: ExportColumn[] = [];
  for (const raw of wanted) {
    const w = raw.trim().toUpperCase();
    if (!w) continue;
    const hits = table.columns.filter((c) => c.name.toUpperCase() === w || c.originalMnemonic.toUpperCase() === w || c.property?.toUpperCase() === w);
    const isDepth = table.depth.name.toUpperCase() === w || table.depth.originalMnemonic.toUpperCase() === w;
    if (!hits.length && !isDepth) {
      throw new WorkspaceError('unknown-curve', `no curve '${raw.trim()}' to export from well '${table.well.name}' (curves: ${table.columns.map((c) => c.name).join(', ') || 'none'}; a property id such as gamma_ray also works)`);
    }
    for (const h of hits) if (!out.includes(h)) out.push(h);
  }
  return out;
}

function cutToWindow(table: ExportTable, [top, base]: [number, number]): ExportTable {
  const depth = table.depth.values as Float64Array;
  const keep: number[] = [];
  for (let i = 0; i < depth.length; i++) if (depth[i] >= top && depth[i] <= base) keep.push(i);
  const pick = (v: CurveValues): CurveValues => (v instanceof Float64Array ? Float64Array.from(keep, (i) => v[i]) : keep.map((i) => v[i]));
  return { ...table, depth: { ...table.depth, values: pick(depth) }, columns: table.columns.map((c) => ({ ...c, values: pick(c.values) })), rows: keep.length };
}
