/**
 * Finding wells, log runs and curves the way a user names them: by id (or a unique id
 * prefix, as git does with commits) or by name. Only live rows unless asked otherwise:
 * a tombstoned row is gone for every command but gc, fsck and sync.
 */
import { WorkspaceError } from './errors.js';
import type { Workspace } from './workspace.js';

export interface WellRow {
  id: string; name: string;
  uwi: string | null; api: string | null; field: string | null; operator: string | null;
  country: string | null; state: string | null; county: string | null;
  location: string | null; crs: string | null; x: number | null; y: number | null;
  latitude: number | null; longitude: number | null;
  kb: number | null; gl: number | null; df: number | null; elevation_unit: string | null;
  grid_unit: 'm' | 'ft'; grid_step: number; grid_origin: number;
  created_at: string; created_by: string;
  version: number; updated_at: string; updated_by: string; deleted: number;
}

export interface RunRow {
  id: string; well_id: string; source_name: string; source_sha256: string; source_size: number; source_format: 'las' | 'csv';
  las_version: string | null; encoding: string | null;
  depth_mnemonic: string | null; depth_unit: string | null; start_depth: number | null; stop_depth: number | null; step: number | null;
  row_count: number; service_company: string | null; acquired_at: string | null;
  imported_by: string; imported_at: string; gridded_sha256: string | null; problems_json: string;
  version: number; updated_at: string; updated_by: string; deleted: number;
}

export interface DatasetRow {
  id: string; log_run_id: string; name: string; native_sha256: string; row_count: number; is_depth_indexed: number;
  version: number; updated_at: string; updated_by: string; deleted: number;
}

export interface CurveRow {
  id: string; dataset_id: string; log_run_id: string; well_id: string; position: number;
  mnemonic: string; original_mnemonic: string; description: string; column_name: string;
  kind: 'number' | 'string' | 'datetime'; is_index: number;
  property: string | null; property_confidence: number | null; property_source: string | null;
  original_unit: string; unit: string;
  min: number | null; max: number | null; mean: number | null; null_count: number | null; sample_count: number | null;
  coverage_json: string | null; quality: string;
  version: number; updated_at: string; updated_by: string; deleted: number;
}

/** Shortest id prefix accepted: long enough that a typo rarely hits another row. */
const MIN_PREFIX = 6;

function liveClause(includeDeleted: boolean): string {
  return includeDeleted ? '' : ' AND deleted = 0';
}

function byIdOrPrefix<T extends { id: string }>(ws: Workspace, table: string, ref: string, includeDeleted: boolean, what: string): T | undefined {
  const exact = ws.db.prepare(`SELECT * FROM ${table} WHERE id = ?${liveClause(includeDeleted)}`).get(ref) as T | undefined;
  if (exact || ref.length < MIN_PREFIX || !/^[0-9a-f-]+$/i.test(ref)) return exact;
  const hits = ws.db.prepare(`SELECT * FROM ${table} WHERE id LIKE ? ESCAPE '\\'${liveClause(includeDeleted)} LIMIT 2`).all(`${ref.toLowerCase()}%`) as T[];
  if (hits.length > 1) throw new WorkspaceError('ambiguous', `'${ref}' is the start of more than one ${what} id: give more of it`);
  return hits[0];
}

/** A well by id, id prefix or name (names compare without case). */
export function findWell(ws: Workspace, ref: string, opts: { includeDeleted?: boolean } = {}): WellRow {
  const all = !!opts.includeDeleted;
  const byId = byIdOrPrefix<WellRow>(ws, 'wells', ref, all, 'well');
  if (byId) return byId;
  const named = ws.db.prepare(`SELECT * FROM wells WHERE name = ? COLLATE NOCASE${liveClause(all)}`).all(ref.trim()) as WellRow[];
  if (named.length > 1) throw new WorkspaceError('ambiguous', `${named.length} wells are named '${ref}': name one by id (${named.map((w) => w.id).join(', ')})`);
  if (!named.length) throw new WorkspaceError('not-found', `no well '${ref}' in this workspace`);
  return named[0];
}

export function findRun(ws: Workspace, ref: string, opts: { includeDeleted?: boolean } = {}): RunRow {
  const run = byIdOrPrefix<RunRow>(ws, 'log_runs', ref, !!opts.includeDeleted, 'log run');
  if (!run) throw new WorkspaceError('not-found', `no log run '${ref}' in this workspace`);
  return run;
}

/**
 * A curve by id, or `RUN/MNEMONIC` / `WELL/MNEMONIC` (run id or prefix, well name or id;
 * the mnemonic as stored, `GR:2` for a repeat, or as written in the file). Through a well the
 * mnemonic must be in exactly one of its live runs.
 */
export function findCurve(ws: Workspace, ref: string): CurveRow {
  const byId = byIdOrPrefix<CurveRow>(ws, 'curves', ref, false, 'curve');
  if (byId) return byId;
  const slash = ref.lastIndexOf('/');
  if (slash <= 0 || slash === ref.length - 1) {
    throw new WorkspaceError('not-found', `no curve '${ref}': name it by id, or as RUN/MNEMONIC or WELL/MNEMONIC`);
  }
  const owner = ref.slice(0, slash);
  const mnemonic = ref.slice(slash + 1);
  const pick = (rows: CurveRow[], where: string): CurveRow => {
    // The stored key (GR:2) wins over the mnemonic as written (two curves may share that).
    const exact = rows.filter((c) => c.mnemonic.toUpperCase() === mnemonic.toUpperCase());
    const hits = exact.length ? exact : rows.filter((c) => c.original_mnemonic.toUpperCase() === mnemonic.toUpperCase());
    if (hits.length === 1) return hits[0];
    if (!hits.length) throw new WorkspaceError('not-found', `no curve '${mnemonic}' in ${where}`);
    throw new WorkspaceError('ambiguous', `'${mnemonic}' names ${hits.length} curves in ${where}: name one by id (${hits.map((c) => `${c.id} in run ${c.log_run_id}`).join(', ')})`);
  };
  const liveCurves = `SELECT c.* FROM curves c JOIN log_runs r ON r.id = c.log_run_id WHERE c.deleted = 0 AND r.deleted = 0`;
  let run: RunRow | undefined;
  try { run = findRun(ws, owner); } catch (err) { if (!(err instanceof WorkspaceError) || err.code !== 'not-found') throw err; }
  if (run) return pick(ws.db.prepare(`${liveCurves} AND c.log_run_id = ? ORDER BY c.position`).all(run.id) as CurveRow[], `log run ${run.id} (${run.source_name})`);
  const well = findWell(ws, owner);
  return pick(ws.db.prepare(`${liveCurves} AND c.well_id = ? ORDER BY r.imported_at, c.position`).all(well.id) as CurveRow[], `well '${well.name}'`);
}

/** The data set holding a run's log (the one whose first curve is the index), else its first. */
export function logDataset(ws: Workspace, runId: string): DatasetRow | undefined {
  return ws.db.prepare(`SELECT d.* FROM datasets d WHERE d.log_run_id = ? AND d.deleted = 0
      ORDER BY EXISTS (SELECT 1 FROM curves c WHERE c.dataset_id = d.id AND c.is_index = 1) DESC, d.rowid LIMIT 1`).get(runId) as DatasetRow | undefined;
}

export function datasetCurves(ws: Workspace, datasetId: string): CurveRow[] {
  return ws.db.prepare('SELECT * FROM curves WHERE dataset_id = ? AND deleted = 0 ORDER BY position').all(datasetId) as CurveRow[];
}

export function liveRunsOf(ws: Workspace, wellId: string): RunRow[] {
  return ws.db.prepare('SELECT * FROM log_runs WHERE well_id = ? AND deleted = 0 ORDER BY imported_at, rowid').all(wellId) as RunRow[];
}
