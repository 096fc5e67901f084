/**
 * fsck of the log data: each live data set's Parquet has the rows and columns its metadata
 * says, the stored statistics and coverage are what the data gives (recomputed from the
 * native values converted as ingest converts them), and each log run's gridded copy has the
 * shape its run and well imply. Repairs rewrite derived data only: statistics, coverage, and
 * a gridded copy rebuilt from the native data.
 */
import { statsConsistent, type CurveStats } from './curve-stats.js';
import { gridPointsFor, type DepthGrid } from './depth-grid.js';
import { deriveDataset, writeGridded, type DerivedDataset } from './derived-data.js';
import { WorkspaceError } from './errors.js';
import { dropDeadBlob } from './fsck-blobs.js';
import type { FsckProblem } from './fsck-types.js';
import { datasetCurves, type CurveRow, type DatasetRow, type RunRow, type WellRow } from './lookup.js';
import { parquetShape } from './parquet-columns.js';
import { WriteSession } from './sessions.js';
import { updateVersioned } from './versioned-update.js';
import { nowIso, type Workspace } from './workspace.js';

export interface DataCheck { runs: number; datasets: number; curves: number }

export async function checkData(ws: Workspace, bad: Set<string>, repair: boolean, problems: FsckProblem[]): Promise<DataCheck> {
  const counts: DataCheck = { runs: 0, datasets: 0, curves: 0 };
  checkTombstones(ws, repair, problems);
  const runs = ws.db.prepare('SELECT * FROM log_runs WHERE deleted = 0 ORDER BY imported_at, rowid').all() as RunRow[];
  for (const run of runs) {
    counts.runs++;
    const well = ws.db.prepare('SELECT * FROM wells WHERE id = ?').get(run.well_id) as WellRow | undefined;
    if (!well) continue; // reported by the foreign key check
    const sets = ws.db.prepare('SELECT * FROM datasets WHERE log_run_id = ? AND deleted = 0 ORDER BY rowid').all(run.id) as DatasetRow[];
    let log: DerivedDataset | null = null;
    let logSet: DatasetRow | null = null;
    for (const dataset of sets) {
      counts.datasets++;
      const curves = datasetCurves(ws, dataset.id);
      counts.curves += curves.length;
      const isLog = curves.some((c) => c.is_index === 1);
      if (isLog) logSet = dataset;
      if (bad.has(dataset.native_sha256)) continue; // reported by the blob check
      const derived = await checkDataset(ws, run, well, dataset, curves, repair, problems);
      if (isLog) log = derived;
    }
    if (logSet && logSet.row_count !== run.row_count) {
      problems.push({ code: 'row-count', entity: 'log_run', id: run.id, message: `log run ${run.id} (${run.source_name}) records ${run.row_count} rows, its log data set ${logSet.row_count}` });
    }
    if (log) await checkGridded(ws, run, well, log, bad, repair, problems);
  }
  return counts;
}

async function checkDataset(ws: Workspace, run: RunRow, well: WellRow, dataset: DatasetRow, curves: CurveRow[], repair: boolean, problems: FsckProblem[]): Promise<DerivedDataset | null> {
  const path = ws.blobs.pathOf(dataset.native_sha256, 'parquet');
  const where = `data set ${dataset.name} of log run ${run.id} (${run.source_name})`;
  let data: DerivedDataset;
  try {
    const shape = await parquetShape(path);
    if (shape.rows !== dataset.row_count) {
      problems.push({ code: 'row-count', entity: 'dataset', id: dataset.id, path, message: `${where} records ${dataset.row_count} rows, its Parquet file has ${shape.rows}` });
    }
    const names = new Set(shape.names);
    const missing = curves.filter((c) => !names.has(c.column_name));
    if (shape.names.length !== curves.length || missing.length) {
      problems.push({
        code: 'curve-count', entity: 'dataset', id: dataset.id, path,
        message: `${where} records ${curves.length} curves, its Parquet file has ${shape.names.length} columns${missing.length ? ` (missing: ${missing.map((c) => c.column_name).join(', ')})` : ''}`,
      });
      if (missing.length) return null;
    }
    data = await deriveDataset(ws, run, dataset, curves, well.grid_unit);
  } catch (err) {
    if (!(err instanceof WorkspaceError)) throw err;
    const code = err.code === 'unit-mismatch' ? 'unit-mismatch' : 'parquet-unreadable';
    problems.push({ code, entity: 'dataset', id: dataset.id, path, message: `${where}: ${err.message}` });
    return null;
  }
  for (const d of data.curves) {
    const c = d.curve;
    const stored: CurveStats | null = c.sample_count === null ? null : {
      count: c.sample_count, nullCount: c.null_count ?? 0, min: c.min, max: c.max, mean: c.mean, stdDev: d.stats?.stdDev ?? null,
    };
    const statsOk = d.stats === null ? stored === null : stored !== null && statsConsistent(stored, d.stats);
    const coverage = d.coverage ? JSON.stringify(d.coverage) : null;
    const coverageOk = coverage === c.coverage_json;
    if (statsOk && coverageOk) continue;
    const set: Record<string, unknown> = {};
    if (!statsOk) {
      const s = d.stats;
      Object.assign(set, { min: s?.min ?? null, max: s?.max ?? null, mean: s?.mean ?? null, null_count: s?.nullCount ?? null, sample_count: s?.count ?? null });
    }
    if (!coverageOk) set.coverage_json = coverage;
    const label = `curve ${c.mnemonic} (${c.id}) of log run ${run.id} (${run.source_name})`;
    const found: FsckProblem[] = [];
    if (!statsOk) found.push({ code: 'stats', entity: 'curve', id: c.id, message: `${label}: stored statistics ${fmt(stored)} differ from the data's ${fmt(d.stats)}` });
    if (!coverageOk) found.push({ code: 'coverage', entity: 'curve', id: c.id, message: `${label}: stored coverage differs from the data's` });
    if (repair) {
      ws.db.transaction(() => {
        updateVersioned(ws, 'curves', c.id, c.version, set, nowIso());
        const before: Record<string, unknown> = {};
        for (const k of Object.keys(set)) before[k] = c[k as keyof CurveRow];
        ws.audit('repair', 'curve', c.id, before, set);
      }).immediate();
      for (const p of found) p.repaired = 'recomputed from the data';
    }
    problems.push(...found);
  }
  return data;
}

function fmt(s: CurveStats | null): string {
  if (!s) return '(none)';
  return `{count ${s.count}, nulls ${s.nullCount}, min ${s.min}, max ${s.max}, mean ${s.mean}}`;
}

/** The gridded copy: present when the log is depth-indexed in a known unit, with DEPTH + its number curves and one row per grid point. */
async function checkGridded(ws: Workspace, run: RunRow, well: WellRow, log: DerivedDataset, bad: Set<string>, repair: boolean, problems: FsckProblem[]): Promise<void> {
  const grid: DepthGrid = { unit: well.grid_unit, step: well.grid_step, origin: well.grid_origin };
  const depth = log.curves[0]?.values;
  const expected = log.depthFactor !== null && depth ? {
    names: ['DEPTH', ...log.curves.filter((c) => c.curve.position > 0 && c.values).map((c) => c.curve.column_name)],
    rows: gridPointsFor(depth, grid, log.depthFactor).length,
  } : null;
  const sha = run.gridded_sha256;
  let problem: FsckProblem | null = null;
  const label = `log run ${run.id} (${run.source_name})`;
  if (!expected) {
    return; // no gridded copy is made for such a run; one left over is harmless
  } else if (!sha) {
    problem = { code: 'gridded-shape', entity: 'log_run', id: run.id, message: `${label} has no gridded copy although its log is depth-indexed` };
  } else if (bad.has(sha)) {
    problem = null; // already reported as missing or corrupt; rebuilt below when repairing
  } else {
    const path = ws.blobs.pathOf(sha, 'parquet');
    try {
      const shape = await parquetShape(path);
      const sameNames = shape.names.length === expected.names.length && shape.names.every((n, i) => n === expected.names[i]);
      if (!sameNames || shape.rows !== expected.rows) {
        problem = { code: 'gridded-shape', entity: 'log_run', id: run.id, path, message: `${label}: the gridded copy has ${shape.rows} rows and columns ${shape.names.join(', ')}; the run and the well's grid (${grid.step} ${grid.unit} from ${grid.origin}) give ${expected.rows} rows and ${expected.names.join(', ')}` };
      }
    } catch (err) {
      if (!(err instanceof WorkspaceError)) throw err;
      problem = { code: 'parquet-unreadable', entity: 'log_run', id: run.id, path, message: `${label}: the gridded copy: ${err.message}` };
    }
  }
  const broken = problem !== null || (sha !== null && bad.has(sha));
  if (!broken) return;
  if (repair) {
    // Gridded data is derived: rebuild it from the native data (a new blob; the old one goes with gc).
    const session = new WriteSession(ws.db, `fsck: rebuild gridded copy of log run ${run.id}`);
    try {
      const blob = await writeGridded(ws, well, log, grid, 'linear', session);
      if (blob) {
        session.commit(() => {
          const stamp = nowIso();
          ws.db.prepare('INSERT OR IGNORE INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(blob.sha256, 'parquet', blob.size, 'gridded', stamp);
          updateVersioned(ws, 'log_runs', run.id, run.version, { gridded_sha256: blob.sha256 }, stamp);
          ws.audit('repair', 'log_run', run.id, { gridded_sha256: sha }, { gridded_sha256: blob.sha256 });
        });
      } else {
        session.abandon();
      }
      if (problem) problem.repaired = 'rebuilt the gridded copy from the native data';
      else markRepaired(problems, sha!, 'rebuilt the gridded copy from the native data');
      // The broken old copy is now referenced by nothing live: it goes (never a live blob).
      if (sha && bad.has(sha)) dropDeadBlob(ws, sha, 'parquet', 'replaced by a rebuilt gridded copy');
    } catch (err) {
      session.abandon();
      throw err;
    }
  }
  if (problem) problems.push(problem);
}

/** The blob check reported a bad gridded blob; rebuilding it repairs that finding. */
function markRepaired(problems: FsckProblem[], sha: string, what: string): void {
  for (const p of problems) {
    if ((p.code === 'blob-missing' || p.code === 'blob-corrupt') && p.path?.includes(sha) && !p.repaired) p.repaired = what;
  }
}

/** Live data sets and curves of a tombstoned run, live runs of a tombstoned well: finish the removal. */
function checkTombstones(ws: Workspace, repair: boolean, problems: FsckProblem[]): void {
  const queries: { table: 'log_runs' | 'datasets' | 'curves'; entity: FsckProblem['entity']; sql: string }[] = [
    { table: 'log_runs', entity: 'log_run', sql: 'SELECT r.id, r.version FROM log_runs r JOIN wells w ON w.id = r.well_id WHERE r.deleted = 0 AND w.deleted = 1' },
    { table: 'datasets', entity: 'dataset', sql: 'SELECT d.id, d.version FROM datasets d JOIN log_runs r ON r.id = d.log_run_id WHERE d.deleted = 0 AND r.deleted = 1' },
    { table: 'curves', entity: 'curve', sql: 'SELECT c.id, c.version FROM curves c JOIN log_runs r ON r.id = c.log_run_id WHERE c.deleted = 0 AND r.deleted = 1' },
  ];
  for (const q of queries) {
    // Runs first: tombstoning them makes their data sets and curves show up in the next queries.
    const rows = ws.db.prepare(q.sql).all() as { id: string; version: number }[];
    for (const r of rows) {
      const p: FsckProblem = { code: 'tombstone-orphan', entity: q.entity, id: r.id, message: `${q.entity} ${r.id} is live but what holds it was removed` };
      if (repair) {
        ws.db.transaction(() => {
          updateVersioned(ws, q.table, r.id, r.version, { deleted: 1 }, nowIso());
          ws.audit('repair', q.entity!, r.id, { deleted: 0 }, { deleted: 1 });
        }).immediate();
        p.repaired = 'removed it too';
      }
      problems.push(p);
    }
  }
}
