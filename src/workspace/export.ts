/**
 * Exports out of the workspace: a well's logs as LAS 2.0 / 3.0, CSV or Parquet (native
 * sampling of one run, or every run side by side on the well's grid; original or standard
 * units), and a log run's original file byte for byte. Written beside OUT under a temp name
 * and moved into place; an existing OUT is replaced only with `force`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sha256Hex } from './blob-store.js';
import { WorkspaceError } from './errors.js';
import { writeTable, type ExportFormat } from './export-formats.js';
import { buildTable, type TableOptions } from './export-table.js';
import { findRun, findWell } from './lookup.js';
import { outputError, outputFile } from './output-file.js';
import { nowIso, type Workspace } from './workspace.js';

export type { ExportFormat } from './export-formats.js';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['las2', 'las3', 'csv', 'parquet'];

export interface ExportOptions extends Partial<TableOptions> {
  format: ExportFormat;
  /** Mnemonics (as stored, as written, or suffixed `GR:2` in a gridded export) or property ids. */
  curves?: string[];
  /** Inclusive depth window, in the exported depth unit. */
  depth?: [number, number];
  grid: 'native' | 'gridded';
  units: 'original' | 'standard';
  out: string;
  /** Native: this run (id or id prefix) instead of the newest. Gridded: only this run. */
  run?: string;
  force?: boolean;
}

export interface ExportResult {
  out: string;
  format: ExportFormat;
  grid: 'native' | 'gridded';
  units: 'original' | 'standard';
  well: { id: string; name: string };
  runs: { id: string; sourceName: string }[];
  depth: { name: string; unit: string; top: number | null; base: number | null };
  curves: { name: string; unit: string; runId: string }[];
  rows: number;
  bytes: number;
}

export async function exportWell(ws: Workspace, wellIdOrName: string, opts: ExportOptions): Promise<ExportResult> {
  const well = findWell(ws, wellIdOrName);
  const table = await buildTable(ws, well, opts);
  const file = outputFile(opts.out, { force: opts.force });
  let bytes: number;
  try {
    await writeTable(file.tmp, table, opts.format, {
      well_id: well.id, well_name: well.name, grid: opts.grid === 'gridded' ? `${well.grid_step} ${well.grid_unit} from ${well.grid_origin}` : 'native',
      units: opts.units, runs: table.runs.map((r) => r.id).join(','), exported_at: nowIso(), exported_by: ws.actor,
    });
    bytes = file.commit();
  } catch (err) {
    file.discard();
    throw outputError(err, opts.out);
  }
  const depth = table.depth.values as Float64Array;
  return {
    out: opts.out, format: opts.format, grid: opts.grid, units: opts.units,
    well: { id: well.id, name: well.name },
    runs: table.runs.map((r) => ({ id: r.id, sourceName: r.source_name })),
    depth: { name: table.depth.name, unit: table.depth.unit, top: table.rows ? depth[0] : null, base: table.rows ? depth[table.rows - 1] : null },
    curves: table.columns.map((c) => ({ name: c.name, unit: c.unit, runId: c.runId })),
    rows: table.rows,
    bytes,
  };
}

export interface ExportOriginalResult {
  out: string;
  runId: string;
  sourceName: string;
  sha256: string;
  bytes: number;
}

/**
 * The file a log run was ingested from, byte for byte (checked against its hash first). A
 * removed run's original can still be had until `gc`.
 */
export function exportOriginal(ws: Workspace, runId: string, out: string, opts: { force?: boolean } = {}): ExportOriginalResult {
  const run = findRun(ws, runId, { includeDeleted: true });
  const ext = run.source_format === 'csv' ? 'csv' : 'las';
  const path = ws.blobs.pathOf(run.source_sha256, ext);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new WorkspaceError('blob-missing', `the original of log run ${run.id} (${run.source_name}) is gone${run.deleted ? ' (the run was removed and gc collected it)' : ": run 'dataforge fsck'"}`, path);
  }
  if (sha256Hex(bytes) !== run.source_sha256) {
    throw new WorkspaceError('blob-corrupt', `the stored original of log run ${run.id} (${run.source_name}) no longer matches its hash: refusing to export damaged data (run 'dataforge fsck')`, path);
  }
  const file = outputFile(out, opts);
  try {
    writeFileSync(file.tmp, bytes);
    const size = file.commit();
    return { out, runId: run.id, sourceName: run.source_name, sha256: run.source_sha256, bytes: size };
  } catch (err) {
    file.discard();
    throw outputError(err, out);
  }
}
