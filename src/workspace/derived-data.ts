/**
 * What a data set's native Parquet implies: each number curve converted to its stored unit,
 * its statistics and coverage, and the run's gridded copy, computed the way ingest computes
 * them. Editing (re-grid, a new property) writes these anew; fsck compares them with what is
 * stored.
 */
import { rmSync } from 'node:fs';
import { canonicalIndexUnit } from '../las/index-tracker.js';
import { curveCoverage, curveStats, type Coverage, type CurveStats } from './curve-stats.js';
import type { DepthGrid } from './depth-grid.js';
import { depthFactor } from './depth-units.js';
import { WorkspaceError } from './errors.js';
import type { CurveRow, DatasetRow, RunRow } from './lookup.js';
import { columnOf, readParquetTable, type ParquetTable } from './parquet-columns.js';
import { GRIDDED_COMPRESSION, writeParquet } from './parquet-writer.js';
import { workspaceDictionary, workspaceUnits } from './reference-data.js';
import { resampleRun, type ResampleMethod } from './resample.js';
import type { WriteSession } from './sessions.js';
import { applyConversion, storedConversion, type Convert } from './standard-units.js';
import { DATAFORGE_VERSION } from './version.js';
import { nowIso, type Workspace } from './workspace.js';

export interface DerivedCurve {
  curve: CurveRow;
  /** The unit values, statistics and the gridded copy are in. */
  unit: string;
  /** Native values in `unit` (number curves only). */
  values: Float64Array | null;
  stats: CurveStats | null;
  coverage: Coverage | null;
}

export interface DerivedDataset {
  run: RunRow;
  dataset: DatasetRow;
  table: ParquetTable;
  /** Native depth × factor = depth in the grid's unit; null when the set is not depth-indexed or its unit is unknown. */
  depthFactor: number | null;
  curves: DerivedCurve[];
}

/** A curve's stored unit replaced (a new property): the unit and the conversion to it. */
export type UnitOverrides = Map<string, { unit: string; convert?: Convert }>;

export function nativePath(ws: Workspace, dataset: DatasetRow): string {
  return ws.blobs.pathOf(dataset.native_sha256, 'parquet');
}

/** Reads a data set's native Parquet and derives every curve's stored values, statistics and coverage. */
export async function deriveDataset(ws: Workspace, run: RunRow, dataset: DatasetRow, curves: CurveRow[], gridUnit: DepthGrid['unit'], overrides: UnitOverrides = new Map()): Promise<DerivedDataset> {
  const path = nativePath(ws, dataset);
  const table = await readParquetTable(path);
  const units = workspaceUnits(ws);
  const dict = workspaceDictionary(ws);
  const isLog = curves.some((c) => c.is_index === 1);
  const factor = isLog && dataset.is_depth_indexed ? depthFactor(canonicalIndexUnit(run.depth_unit ?? ''), gridUnit) : null;
  const depthColumn = factor !== null ? columnOf(table, curves[0].column_name) : undefined;
  const depthInGrid = depthColumn instanceof Float64Array ? depthColumn.map((d) => d * factor!) : null;
  const derived = curves.map((curve): DerivedCurve => {
    const column = columnOf(table, curve.column_name);
    if (!column) throw new WorkspaceError('column-missing', `data set ${dataset.id}: the Parquet file has no column '${curve.column_name}' for curve ${curve.id}`, path);
    const override = overrides.get(curve.id);
    if (curve.kind !== 'number' || !(column instanceof Float64Array)) {
      return { curve, unit: override?.unit ?? curve.unit, values: null, stats: null, coverage: null };
    }
    const convert = override ? override.convert : storedConversion(units, dict, curve);
    const values = applyConversion(column, convert);
    const coverage = depthInGrid && curve.position > 0 ? curveCoverage(depthInGrid, values) : null;
    return { curve, unit: override?.unit ?? curve.unit, values, stats: curveStats(values), coverage };
  });
  return { run, dataset, table, depthFactor: depthInGrid ? factor : null, curves: derived };
}

/**
 * Writes the run's gridded copy of a derived log data set onto `grid` (staged in `session`),
 * or returns null when the set has no depth index in a known unit (ingest makes none then).
 */
export async function writeGridded(ws: Workspace, well: { id: string }, data: DerivedDataset, grid: DepthGrid, method: ResampleMethod, session: WriteSession): Promise<{ sha256: string; size: number } | null> {
  if (data.depthFactor === null) return null;
  const depth = data.curves[0].values;
  if (!depth) return null;
  const numeric = data.curves.filter((c) => c.curve.position > 0 && c.values);
  const resampled = resampleRun(depth, numeric.map((c) => c.values!), grid, method, data.depthFactor);
  const columns = [{ name: 'DEPTH', values: resampled.depths }, ...numeric.map((c, i) => ({ name: c.curve.column_name, values: resampled.curves[i] }))];
  const tmp = ws.blobs.tempPath('parquet');
  try {
    await writeParquet(tmp, columns, resampled.depths.length, {
      dataforge_version: DATAFORGE_VERSION, well_id: well.id, log_run_id: data.run.id, source_file: data.run.source_name,
      source_sha256: data.run.source_sha256, las_version: data.run.las_version ?? '', created_at: nowIso(), created_by: ws.actor,
      dataset: data.dataset.name, grid: `${grid.step} ${grid.unit} from ${grid.origin}`,
    }, GRIDDED_COMPRESSION);
    const stored = await ws.blobs.putFile(tmp, 'parquet', (sha, p) => session.stage(sha, p));
    return { sha256: stored.sha256, size: stored.size };
  } finally {
    rmSync(tmp, { force: true });
  }
}
