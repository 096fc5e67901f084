import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { LasError } from '../las/errors.js';
import { logSet } from '../las/access.js';
import type { LasCurve, LasDataSet, LasFile } from '../las/model.js';
import type { NullPolicyInput } from '../las/null-policy.js';
import { readLas } from '../las/read.js';
import { sha256Hex } from './blob-store.js';
import { csvToLas, isCsvPath } from './csv-source.js';
import { curveCoverage, curveStats } from './curve-stats.js';
import { WorkspaceError } from './errors.js';
import { planCurves, type CurvePlan } from './curve-plan.js';
import { matchWell, type WellMatch } from './well-match.js';
import { writeParquet, type ParquetColumn } from './parquet-writer.js';
import { resampleRun, type ResampleMethod } from './resample.js';
import { depthFactor } from './depth-units.js';
import { workspaceDictionary, workspaceUnits } from './reference-data.js';
import { WriteSession } from './sessions.js';
import { nowIso, type Workspace } from './workspace.js';
import { DATAFORGE_VERSION } from './version.js';

export interface IngestOptions {
  /** Put the file on this well (by name or id), created when missing, instead of matching by UWI then name. */
  well?: string;
  /** Mnemonic → property id overrides, e.g. { GR: 'gamma_ray' }. */
  map?: Record<string, string>;
  /** Plan and report, write nothing. */
  dryRun?: boolean;
  method?: ResampleMethod;
  nullPolicy?: NullPolicyInput;
  encoding?: string;
}

export type IngestStatus = 'ingested' | 'already-present' | 'failed' | 'dry-run';

export interface IngestResult {
  file: string;
  status: IngestStatus;
  bytes: number;
  wellId?: string;
  wellName?: string;
  wellCreated?: boolean;
  logRunId?: string;
  rows?: number;
  curves?: CurvePlan[];
  warnings: string[];
  error?: string;
}

/** Ingests one file, all or nothing: a failure or a kill leaves the workspace as it was. */
export async function ingestFile(ws: Workspace, path: string, opts: IngestOptions = {}): Promise<IngestResult> {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new WorkspaceError('is-directory', 'is a folder, not a file', path);
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof WorkspaceError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    return { file: path, status: 'failed', bytes: 0, warnings: [], error: `${path}: ${why}` };
  }
  const sourceSha = sha256Hex(bytes);
  const existing = ws.db.prepare(`SELECT r.id, w.id AS well_id, w.name FROM log_runs r JOIN wells w ON w.id = r.well_id WHERE r.source_sha256 = ? AND r.deleted = 0 AND w.deleted = 0`).get(sourceSha) as { id: string; well_id: string; name: string } | undefined;
  if (existing) {
    return { file: path, status: 'already-present', bytes: bytes.length, logRunId: existing.id, wellId: existing.well_id, wellName: existing.name, warnings: [] };
  }

  let las: LasFile;
  const csv = isCsvPath(path);
  try {
    las = csv ? csvToLas(bytes, { fileName: path, map: opts.map }) : readLas(bytes, { fileName: path, nullPolicy: opts.nullPolicy, encoding: opts.encoding });
  } catch (err) {
    if (err instanceof LasError || err instanceof WorkspaceError) return { file: path, status: 'failed', bytes: bytes.length, warnings: [], error: err.message };
    throw err;
  }
  const warnings = las.problems.filter((p) => p.severity !== 'info').map((p) => `${p.line !== undefined ? `line ${p.line}: ` : ''}${p.message}`);
  const log = logSet(las);
  if (!log || !log.curves.length) {
    return { file: path, status: 'failed', bytes: bytes.length, warnings, error: `${path}: the file has no curves to ingest` };
  }

  const settings = ws.settings;
  let match: WellMatch;
  let plans: CurvePlan[];
  try {
    match = matchWell(ws, las, opts.well, basename(path));
    plans = planCurves(log, opts.map ?? {}, serviceCompany(las), workspaceDictionary(ws), workspaceUnits(ws));
  } catch (err) {
    if (err instanceof WorkspaceError) return { file: path, status: 'failed', bytes: bytes.length, warnings, error: err.message };
    throw err;
  }
  for (const p of plans) if (p.warning) warnings.push(p.warning);
  const index = las.index;
  const depthIndexed = !!index && index.kind === 'depth' && log.nRows > 0 && log.curves[0].kind === 'number';
  const factor = depthIndexed ? depthFactor(index!.canonicalUnit, settings.depthUnit) : null;
  if (depthIndexed && factor === null) warnings.push(`depth unit '${index!.unit}' is not known; the log is kept at native sampling only (no gridded copy)`);

  const result: IngestResult = {
    file: path, status: opts.dryRun ? 'dry-run' : 'ingested', bytes: bytes.length,
    wellId: match.id, wellName: match.name, wellCreated: match.created, rows: log.nRows, curves: plans, warnings,
  };
  if (opts.dryRun) return result;

  const logRunId = randomUUID();
  const session = new WriteSession(ws.db, `ingest ${path}`);
  const temps: string[] = [];
  try {
    const source = ws.blobs.putBytes(bytes, csv ? 'csv' : 'las', (sha, p) => session.stage(sha, p));
    const kv = {
      dataforge_version: DATAFORGE_VERSION, well_id: match.id, log_run_id: logRunId, source_file: basename(path),
      source_sha256: sourceSha, las_version: las.version, created_at: nowIso(), created_by: ws.actor,
    };
    const natives: { set: LasDataSet; sha256: string; size: number }[] = [];
    for (const set of las.sets) {
      if (!set.curves.length) continue;
      const tmp = ws.blobs.tempPath('parquet');
      temps.push(tmp);
      await writeParquet(tmp, set.curves.map((c) => ({ name: c.mnemonic, values: c.data })), set.nRows, { ...kv, dataset: set.name, grid: 'native' });
      const stored = await ws.blobs.putFile(tmp, 'parquet', (sha, p) => session.stage(sha, p));
      natives.push({ set, sha256: stored.sha256, size: stored.size });
    }

    // Standard units for the gridded copy and the statistics.
    const converted = new Map<LasCurve, Float64Array>();
    for (const p of plans) {
      if (p.kind !== 'number') continue;
      const values = p.curve.data as Float64Array;
      converted.set(p.curve, p.convert ? values.map(p.convert) : values);
    }
    let gridded: { sha256: string; size: number } | null = null;
    let gridDepths: Float64Array | null = null;
    if (depthIndexed && factor !== null) {
      const depthCurve = log.curves[0];
      const numeric = plans.filter((p) => p.kind === 'number' && !p.isIndex);
      const run = resampleRun(depthCurve.data as Float64Array, numeric.map((p) => converted.get(p.curve)!), match.grid, opts.method ?? 'linear', factor);
      gridDepths = run.depths;
      const columns: ParquetColumn[] = [{ name: 'DEPTH', values: run.depths }, ...numeric.map((p, i) => ({ name: p.curve.mnemonic, values: run.curves[i] }))];
      const tmp = ws.blobs.tempPath('parquet');
      temps.push(tmp);
      await writeParquet(tmp, columns, run.depths.length, { ...kv, dataset: log.name, grid: `${match.grid.step} ${match.grid.unit} from ${match.grid.origin}` });
      gridded = await ws.blobs.putFile(tmp, 'parquet', (sha, p) => session.stage(sha, p));
    }

    const stamp = nowIso();
    const depthInGrid = depthIndexed && factor !== null ? (log.curves[0].data as Float64Array).map((d) => d * factor) : null;
    session.commit(() => {
      const putBlob = ws.db.prepare('INSERT OR IGNORE INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, ?, ?, ?, ?)');
      putBlob.run(source.sha256, csv ? 'csv' : 'las', source.size, 'source', stamp);
      for (const n of natives) putBlob.run(n.sha256, 'parquet', n.size, 'native', stamp);
      if (gridded) putBlob.run(gridded.sha256, 'parquet', gridded.size, 'gridded', stamp);
      if (match.created) {
        ws.db.prepare(`INSERT INTO wells (id, name, uwi, api, field, operator, country, state, county, location, grid_unit, grid_step, grid_origin, created_at, created_by, updated_at, updated_by)
          VALUES (@id, @name, @uwi, @api, @field, @operator, @country, @state, @county, @location, @grid_unit, @grid_step, @grid_origin, @at, @by, @at, @by)`).run({
          ...match.insert, grid_unit: match.grid.unit, grid_step: match.grid.step, grid_origin: match.grid.origin, at: stamp, by: ws.actor,
        });
        ws.audit('create', 'well', match.id, undefined, { name: match.name, ...match.insert, source: basename(path) });
      }
      ws.db.prepare(`INSERT INTO log_runs (id, well_id, source_name, source_sha256, source_size, source_format, las_version, encoding, depth_mnemonic, depth_unit,
          start_depth, stop_depth, step, row_count, service_company, acquired_at, imported_by, imported_at, gridded_sha256, problems_json, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        logRunId, match.id, basename(path), source.sha256, source.size, csv ? 'csv' : 'las', las.version, las.encoding,
        index?.mnemonic ?? null, index?.unit ?? null, index?.first ?? null, index?.last ?? null, index?.step ?? null, log.nRows,
        serviceCompany(las) ?? null, acquisitionDate(las) ?? null, ws.actor, stamp, gridded?.sha256 ?? null, JSON.stringify(las.problems), stamp, ws.actor,
      );
      const putSet = ws.db.prepare('INSERT INTO datasets (id, log_run_id, name, native_sha256, row_count, is_depth_indexed, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const putCurve = ws.db.prepare(`INSERT INTO curves (id, dataset_id, log_run_id, well_id, position, mnemonic, original_mnemonic, description, column_name, kind, is_index,
          property, property_confidence, property_source, original_unit, unit, min, max, mean, null_count, sample_count, coverage_json, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const n of natives) {
        const datasetId = randomUUID();
        const isLog = n.set === log;
        putSet.run(datasetId, logRunId, n.set.name, n.sha256, n.set.nRows, isLog && depthIndexed ? 1 : 0, stamp, ws.actor);
        n.set.curves.forEach((c, position) => {
          const plan = isLog ? plans.find((p) => p.curve === c) : undefined;
          const values = converted.get(c);
          const stats = c.kind === 'number' ? curveStats(values ?? (c.data as Float64Array)) : null;
          const coverage = isLog && depthInGrid && c.kind === 'number' && position > 0 ? curveCoverage(depthInGrid, values ?? (c.data as Float64Array)) : null;
          putCurve.run(
            randomUUID(), datasetId, logRunId, match.id, position, c.mnemonic, c.originalMnemonic, c.description, c.mnemonic, c.kind, isLog && position === 0 ? 1 : 0,
            plan?.property ?? null, plan?.confidence ?? null, plan?.source ?? null, c.unit, plan?.unit ?? c.unit,
            stats?.min ?? null, stats?.max ?? null, stats?.mean ?? null, stats?.nullCount ?? null, stats?.count ?? null,
            coverage ? JSON.stringify(coverage) : null, stamp, ws.actor,
          );
        });
      }
      ws.audit('ingest', 'log_run', logRunId, undefined, { well_id: match.id, source: basename(path), source_sha256: source.sha256, rows: log.nRows, curves: log.curves.length, grid_rows: gridDepths?.length ?? 0 });
    });
    result.logRunId = logRunId;
    return result;
  } catch (err) {
    session.abandon();
    if (err instanceof WorkspaceError) return { ...result, status: 'failed', error: err.message };
    throw err;
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}

function serviceCompany(las: LasFile): string | undefined {
  const v = las.well.find((w) => w.originalMnemonic.toUpperCase() === 'SRVC')?.value.trim();
  return v ? v : undefined;
}

function acquisitionDate(las: LasFile): string | undefined {
  const v = las.well.find((w) => w.originalMnemonic.toUpperCase() === 'DATE')?.value.trim();
  return v ? v : undefined;
}
