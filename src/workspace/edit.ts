/**
 * Edits of the system of record: well metadata and depth grid, a curve's property and
 * quality, removing a log run or a well. Each edit is validated, bumps the version of every
 * row it changes and lands in the audit log (who, when, before and after) in the same
 * transaction. Blobs are immutable: an edit that changes derived data (a new depth grid, a
 * new standard unit) writes new blobs through a WriteSession and points the rows at them,
 * all or nothing; the old blobs stay until `gc`.
 */
import { z } from 'zod';
import { CurveDataError } from './curve-data-error.js';
import { checkGrid, type DepthGrid } from './depth-grid.js';
import { deriveDataset, writeGridded, type DerivedDataset, type UnitOverrides } from './derived-data.js';
import { WorkspaceError } from './errors.js';
import { datasetCurves, findCurve, findRun, findWell, liveRunsOf, logDataset, type CurveRow, type DatasetRow, type RunRow, type WellRow } from './lookup.js';
import { workspaceDictionary, workspaceUnits } from './reference-data.js';
import type { ResampleMethod } from './resample.js';
import { WriteSession } from './sessions.js';
import { standardUnitFor } from './standard-units.js';
import { beforeAfter, updateVersioned, type FieldChange } from './versioned-update.js';
import { nowIso, type Workspace } from './workspace.js';

export { gc, type GcResult } from './gc.js';
export type { FieldChange } from './versioned-update.js';

// ---------------------------------------------------------------------------------------
// Validation

/** Text fields: trimmed; '' or null clears the field. */
const text = z.string().trim().max(1000).nullable().transform((s) => (s === '' ? null : s)).optional();
const num = z.number().nullable().optional();

const wellChangesSchema = z.strictObject({
  name: z.string().trim().min(1, 'a well needs a name').max(200).optional(),
  uwi: text, api: text, field: text, operator: text, country: text, state: text, county: text,
  location: text, crs: text,
  x: num, y: num,
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  kb: num, gl: num, df: num,
  elevationUnit: text,
  grid: z.strictObject({
    unit: z.enum(['m', 'ft']).optional(),
    step: z.number().positive().optional(),
    origin: z.number().optional(),
  }).optional(),
});

export type WellChanges = z.input<typeof wellChangesSchema>;

export const QUALITY_FLAGS = ['good', 'suspect', 'bad', 'unreviewed'] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

const curveChangesSchema = z.strictObject({
  property: z.string().trim().min(1).nullable().optional(),
  quality: z.enum(QUALITY_FLAGS).optional(),
});

export type CurveChanges = z.input<typeof curveChangesSchema>;

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
  throw new WorkspaceError('bad-edit', `${what}: ${issues.join('; ')}`);
}

/** API field name → wells column. */
const WELL_COLUMNS: Record<string, keyof WellRow> = {
  name: 'name', uwi: 'uwi', api: 'api', field: 'field', operator: 'operator', country: 'country', state: 'state', county: 'county',
  location: 'location', crs: 'crs', x: 'x', y: 'y', latitude: 'latitude', longitude: 'longitude',
  kb: 'kb', gl: 'gl', df: 'df', elevationUnit: 'elevation_unit',
};

/** UWI/API ignoring punctuation, as ingest matches them. */
const idKey = (v: string) => v.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

// ---------------------------------------------------------------------------------------
// Wells

export interface RegridReport {
  /** Runs given a new gridded copy. */
  runs: { id: string; sourceName: string; before: string | null; after: string | null }[];
  /** Runs with no gridded copy (not depth-indexed, or an unknown depth unit). */
  skipped: { id: string; sourceName: string; reason: string }[];
}

export interface SetWellResult {
  id: string;
  name: string;
  /** Version after the edit (unchanged when nothing changed). */
  version: number;
  /** Changed columns only. */
  changed: Record<string, FieldChange>;
  /** The well's depth grid after the edit. */
  grid: DepthGrid;
  /** Present when the depth grid changed. */
  regrid?: RegridReport;
  notes: string[];
}

/**
 * Changes a well's metadata. A new depth grid re-grids every live log run of the well onto it
 * (new gridded blobs, linear unless `method` says otherwise) in the same commit.
 */
export async function setWell(ws: Workspace, idOrName: string, changes: WellChanges, opts: { method?: ResampleMethod } = {}): Promise<SetWellResult> {
  const well = findWell(ws, idOrName);
  const c = parse(wellChangesSchema, changes, `well '${well.name}'`);
  const changed: Record<string, FieldChange> = {};
  const set: Record<string, unknown> = {};
  const units = workspaceUnits(ws);
  for (const [key, column] of Object.entries(WELL_COLUMNS)) {
    let value = (c as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === 'elevationUnit' && value !== null) {
      const unit = units.findUnitInClass(value as string, 'length');
      if (!unit || !unit.quantityClasses.includes('length')) throw new WorkspaceError('bad-edit', `well '${well.name}': elevation unit '${String(value)}' is not a length unit (use m or ft)`);
      value = unit.symbol;
    }
    if (value !== well[column]) { changed[column] = { before: well[column], after: value }; set[column] = value; }
  }
  const grid: DepthGrid = { unit: c.grid?.unit ?? well.grid_unit, step: c.grid?.step ?? well.grid_step, origin: c.grid?.origin ?? well.grid_origin };
  try { checkGrid(grid); } catch (err) { if (err instanceof CurveDataError) throw new WorkspaceError('bad-edit', err.message); throw err; }
  const gridChanged = grid.unit !== well.grid_unit || grid.step !== well.grid_step || grid.origin !== well.grid_origin;
  if (gridChanged) {
    for (const [k, col] of [['unit', 'grid_unit'], ['step', 'grid_step'], ['origin', 'grid_origin']] as const) {
      if (grid[k] !== well[col]) { changed[col] = { before: well[col], after: grid[k] }; set[col] = grid[k]; }
    }
  }
  checkUnique(ws, well, set);
  const result: SetWellResult = { id: well.id, name: (set.name as string | undefined) ?? well.name, version: well.version, changed, grid, notes: [] };
  if (!Object.keys(changed).length) { result.notes.push('nothing to change'); return result; }

  const runs = liveRunsOf(ws, well.id);
  const session = gridChanged ? new WriteSession(ws.db, `re-grid well ${well.id}`) : null;
  try {
    const regrid: { run: RunRow; data: DerivedDataset; gridded: { sha256: string; size: number } | null }[] = [];
    const report: RegridReport = { runs: [], skipped: [] };
    if (session) {
      for (const run of runs) {
        const dataset = logDataset(ws, run.id);
        if (!dataset || !dataset.is_depth_indexed) { report.skipped.push({ id: run.id, sourceName: run.source_name, reason: 'not depth-indexed: kept at native sampling only' }); continue; }
        const data = await deriveDataset(ws, run, dataset, datasetCurves(ws, dataset.id), grid.unit);
        const gridded = await writeGriddedChecked(ws, well, data, grid, opts.method ?? 'linear', session);
        if (!gridded) { report.skipped.push({ id: run.id, sourceName: run.source_name, reason: `depth unit '${run.depth_unit ?? ''}' is not known: kept at native sampling only` }); continue; }
        regrid.push({ run, data, gridded });
        report.runs.push({ id: run.id, sourceName: run.source_name, before: run.gridded_sha256, after: gridded.sha256 });
      }
      result.regrid = report;
    }
    const commit = () => {
      const stamp = nowIso();
      checkRunsUnchanged(ws, well.id, runs);
      updateVersioned(ws, 'wells', well.id, well.version, set, stamp);
      const ba = beforeAfter(changed);
      ws.audit('update', 'well', well.id, ba.before, ba.after);
      for (const r of regrid) {
        putBlob(ws, r.gridded!, 'gridded', stamp);
        if (r.gridded!.sha256 !== r.run.gridded_sha256) {
          updateVersioned(ws, 'log_runs', r.run.id, r.run.version, { gridded_sha256: r.gridded!.sha256 }, stamp);
          ws.audit('regrid', 'log_run', r.run.id, { gridded_sha256: r.run.gridded_sha256, grid: `${well.grid_step} ${well.grid_unit} from ${well.grid_origin}` }, { gridded_sha256: r.gridded!.sha256, grid: `${grid.step} ${grid.unit} from ${grid.origin}` });
        }
        // Coverage is kept in the grid's depth unit.
        for (const d of r.data.curves) {
          const coverage = d.coverage ? JSON.stringify(d.coverage) : null;
          if (coverage !== d.curve.coverage_json) updateVersioned(ws, 'curves', d.curve.id, d.curve.version, { coverage_json: coverage }, stamp);
        }
      }
    };
    if (session) session.commit(commit); else ws.db.transaction(commit).immediate();
  } catch (err) {
    session?.abandon();
    throw err;
  }
  result.version = well.version + 1;
  return result;
}

async function writeGriddedChecked(ws: Workspace, well: WellRow, data: DerivedDataset, grid: DepthGrid, method: ResampleMethod, session: WriteSession): Promise<{ sha256: string; size: number } | null> {
  try {
    return await writeGridded(ws, well, data, grid, method, session);
  } catch (err) {
    // A grid that would need millions of points is a typo in the step, not a log.
    if (err instanceof CurveDataError) throw new WorkspaceError('bad-grid', `log run ${data.run.id} (${data.run.source_name}): ${err.message}`);
    throw err;
  }
}

function checkUnique(ws: Workspace, well: WellRow, set: Record<string, unknown>): void {
  if (typeof set.name === 'string') {
    const other = ws.db.prepare('SELECT id FROM wells WHERE name = ? COLLATE NOCASE AND id <> ? AND deleted = 0').get(set.name, well.id) as { id: string } | undefined;
    if (other) throw new WorkspaceError('name-taken', `another well is already named '${set.name}' (${other.id}): well names must be unique, since ingest matches files to wells by name`);
  }
  for (const col of ['uwi', 'api'] as const) {
    const v = set[col];
    if (typeof v !== 'string') continue;
    const others = ws.db.prepare(`SELECT id, name, ${col} AS v FROM wells WHERE ${col} IS NOT NULL AND id <> ? AND deleted = 0`).all(well.id) as { id: string; name: string; v: string }[];
    const clash = others.find((o) => idKey(o.v) === idKey(v));
    if (clash) throw new WorkspaceError('id-taken', `well '${clash.name}' (${clash.id}) already has ${col.toUpperCase()} ${clash.v}: ingest matches files to wells by ${col.toUpperCase()}, so it must be unique`);
  }
}

/** Re-grid wrote blobs for a set of runs read before; a run added or changed since would be missed. */
function checkRunsUnchanged(ws: Workspace, wellId: string, runs: RunRow[]): void {
  const now = liveRunsOf(ws, wellId);
  const same = now.length === runs.length && now.every((r, i) => r.id === runs[i].id && r.version === runs[i].version);
  if (!same) throw new WorkspaceError('conflict', `the log runs of well ${wellId} changed while this edit was being made: nothing was changed, try again`);
}

function putBlob(ws: Workspace, blob: { sha256: string; size: number }, kind: string, stamp: string): void {
  ws.db.prepare('INSERT OR IGNORE INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(blob.sha256, 'parquet', blob.size, kind, stamp);
}

// ---------------------------------------------------------------------------------------
// Curves

export interface SetCurveResult {
  id: string;
  mnemonic: string;
  runId: string;
  version: number;
  changed: Record<string, FieldChange>;
  /** The standard unit changed with the property: statistics (and the run's gridded copy) were rewritten. */
  rederived?: { unit: { before: string; after: string }; gridded?: { before: string | null; after: string | null } };
  notes: string[];
}

/**
 * Changes a curve's property mapping (validated against the dictionary; the mapping becomes
 * the user's, confidence 1) or its quality flag. A property with another standard unit
 * converts the curve anew: its statistics and the run's gridded copy are rewritten.
 */
export async function setCurve(ws: Workspace, curveIdOrRunAndMnemonic: string, changes: CurveChanges, opts: { method?: ResampleMethod } = {}): Promise<SetCurveResult> {
  const curve = findCurve(ws, curveIdOrRunAndMnemonic);
  const c = parse(curveChangesSchema, changes, `curve ${curve.mnemonic}`);
  const dict = workspaceDictionary(ws);
  const changed: Record<string, FieldChange> = {};
  const set: Record<string, unknown> = {};
  const change = (col: keyof CurveRow, value: unknown) => {
    if (curve[col] !== value) { changed[col] = { before: curve[col], after: value }; set[col] = value; }
  };
  const result: SetCurveResult = { id: curve.id, mnemonic: curve.mnemonic, runId: curve.log_run_id, version: curve.version, changed, notes: [] };
  if (c.quality !== undefined) change('quality', c.quality);
  let newUnit: { unit: string; convert?: (x: number) => number } | null = null;
  if (c.property !== undefined) {
    const prop = c.property === null ? null : dict.getProperty(c.property);
    if (c.property !== null && !prop) throw new WorkspaceError('unknown-property', `there is no property '${c.property}' (see 'dataforge dictionary list')`);
    const id = prop?.id ?? null;
    if (id !== curve.property) {
      change('property', id);
      change('property_confidence', id ? 1 : null);
      change('property_source', id ? 'user' : null);
    }
    const dataset = ws.db.prepare('SELECT * FROM datasets WHERE id = ?').get(curve.dataset_id) as DatasetRow;
    // Ingest converts the number curves of the log set only (not its index, not other sets).
    const inLog = ws.db.prepare('SELECT 1 FROM curves WHERE dataset_id = ? AND is_index = 1').get(dataset.id) !== undefined;
    if (curve.kind === 'number' && !curve.is_index && inLog) {
      const std = standardUnitFor(workspaceUnits(ws), dict, curve.mnemonic, curve.original_unit, id);
      if (std.warning) result.notes.push(std.warning);
      if (std.unit !== curve.unit) newUnit = std;
    }
  }
  if (!Object.keys(changed).length && !newUnit) { result.notes.push('nothing to change'); return result; }

  if (!newUnit) {
    ws.db.transaction(() => {
      updateVersioned(ws, 'curves', curve.id, curve.version, set, nowIso());
      const ba = beforeAfter(changed);
      ws.audit('update', 'curve', curve.id, ba.before, ba.after);
    }).immediate();
    result.version = curve.version + 1;
    return result;
  }

  // A new standard unit: the stored values are re-converted from the native (original) ones.
  const run = findRun(ws, curve.log_run_id);
  const well = findWell(ws, curve.well_id);
  const dataset = ws.db.prepare('SELECT * FROM datasets WHERE id = ?').get(curve.dataset_id) as DatasetRow;
  const overrides: UnitOverrides = new Map([[curve.id, newUnit]]);
  const session = new WriteSession(ws.db, `re-derive curve ${curve.id}`);
  try {
    const data = await deriveDataset(ws, run, dataset, datasetCurves(ws, dataset.id), well.grid_unit, overrides);
    const grid: DepthGrid = { unit: well.grid_unit, step: well.grid_step, origin: well.grid_origin };
    const gridded = run.gridded_sha256 ? await writeGriddedChecked(ws, well, data, grid, opts.method ?? 'linear', session) : null;
    const mine = data.curves.find((d) => d.curve.id === curve.id)!;
    const s = mine.stats;
    change('unit', newUnit.unit);
    Object.assign(set, { min: s?.min ?? null, max: s?.max ?? null, mean: s?.mean ?? null, null_count: s?.nullCount ?? null, sample_count: s?.count ?? null });
    result.rederived = { unit: { before: curve.unit, after: newUnit.unit }, ...(gridded ? { gridded: { before: run.gridded_sha256, after: gridded.sha256 } } : {}) };
    session.commit(() => {
      const stamp = nowIso();
      updateVersioned(ws, 'curves', curve.id, curve.version, set, stamp);
      const ba = beforeAfter(changed);
      ws.audit('update', 'curve', curve.id, ba.before, ba.after);
      if (gridded && gridded.sha256 !== run.gridded_sha256) {
        putBlob(ws, gridded, 'gridded', stamp);
        updateVersioned(ws, 'log_runs', run.id, run.version, { gridded_sha256: gridded.sha256 }, stamp);
        ws.audit('rederive', 'log_run', run.id, { gridded_sha256: run.gridded_sha256 }, { gridded_sha256: gridded.sha256, curve: curve.id });
      }
    });
  } catch (err) {
    session.abandon();
    throw err;
  }
  result.version = curve.version + 1;
  return result;
}

// ---------------------------------------------------------------------------------------
// Removal (tombstones)

export interface RemoveResult {
  entity: 'well' | 'log_run';
  id: string;
  name: string;
  runs: number;
  datasets: number;
  curves: number;
}

/** Tombstones a log run with its data sets and curves. Its blobs stay until `gc`. */
export function removeRun(ws: Workspace, id: string): RemoveResult {
  const run = findRun(ws, id);
  return ws.db.transaction(() => {
    const stamp = nowIso();
    const n = tombstoneRun(ws, run, stamp);
    ws.audit('remove', 'log_run', run.id, { deleted: 0 }, { deleted: 1, datasets: n.datasets, curves: n.curves });
    return { entity: 'log_run' as const, id: run.id, name: run.source_name, runs: 1, ...n };
  }).immediate();
}

/** Tombstones a well, its log runs, data sets and curves. Blobs stay until `gc`. */
export function removeWell(ws: Workspace, idOrName: string): RemoveResult {
  const well = findWell(ws, idOrName);
  return ws.db.transaction(() => {
    const stamp = nowIso();
    const runs = liveRunsOf(ws, well.id);
    let datasets = 0;
    let curves = 0;
    for (const run of runs) {
      const n = tombstoneRun(ws, run, stamp);
      ws.audit('remove', 'log_run', run.id, { deleted: 0 }, { deleted: 1, datasets: n.datasets, curves: n.curves, with_well: well.id });
      datasets += n.datasets;
      curves += n.curves;
    }
    updateVersioned(ws, 'wells', well.id, well.version, { deleted: 1 }, stamp);
    ws.audit('remove', 'well', well.id, { deleted: 0 }, { deleted: 1, runs: runs.length, datasets, curves });
    return { entity: 'well' as const, id: well.id, name: well.name, runs: runs.length, datasets, curves };
  }).immediate();
}

function tombstoneRun(ws: Workspace, run: RunRow, stamp: string): { datasets: number; curves: number } {
  updateVersioned(ws, 'log_runs', run.id, run.version, { deleted: 1 }, stamp);
  const children = (table: 'datasets' | 'curves') => ws.db.prepare(`UPDATE ${table} SET deleted = 1, version = version + 1, updated_at = ?, updated_by = ? WHERE log_run_id = ? AND deleted = 0`)
    .run(stamp, ws.actor, run.id).changes;
  return { datasets: children('datasets'), curves: children('curves') };
}
