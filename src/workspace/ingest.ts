import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { LasError } from '../las/errors.js';
import { logSet } from '../las/access.js';
import type { LasCurve, LasDataSet, LasFile } from '../las/model.js';
import type { NullPolicyInput } from '../las/null-policy.js';
import { readLas } from '../las/read.js';
import { sha256Hex, type PreparedBlob } from './blob-store.js';
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

/** A file read and parsed, before anything touches the workspace (pure CPU: can run ahead). */
export interface PreparedFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
  csv: boolean;
  las?: LasFile;
  /** Why the file cannot be ingested (unreadable, not LAS...). */
  error?: string;
}

export function prepareFile(path: string, opts: IngestOptions = {}): PreparedFile {
  let bytes: Buffer;
  const csv = isCsvPath(path);
  try {
    if (statSync(path).isDirectory()) return { path, bytes: new Uint8Array(0), sha256: '', csv, error: `${path}: is a folder, not a file` };
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied (check the file permissions)' : (err as Error).message;
    return { path, bytes: new Uint8Array(0), sha256: '', csv, error: `${path}: ${why}` };
  }
  const prep: PreparedFile = { path, bytes, sha256: sha256Hex(bytes), csv };
  try {
    prep.las = csv ? csvToLas(bytes, { fileName: path, map: opts.map }) : readLas(bytes, { fileName: path, nullPolicy: opts.nullPolicy, encoding: opts.encoding });
  } catch (err) {
    if (err instanceof LasError || err instanceof WorkspaceError) prep.error = err.message;
    else throw err;
  }
  return prep;
}

/** Ingests one file, all or nothing: a failure or a kill leaves the workspace as it was. */
export async function ingestFile(ws: Workspace, path: string, opts: IngestOptions = {}): Promise<IngestResult> {
  return ingestPrepared(ws, prepareFile(path, opts), opts);
}

/** Files that may name the same well are never ingested side by side (both could create it). */
function wellKey(prep: PreparedFile, override: string | undefined): string {
  if (override) return `override:${override.toLowerCase()}`;
  if (!prep.las) return `file:${prep.sha256}`;
  const v = (m: string) => prep.las!.well.find((w) => w.originalMnemonic.toUpperCase() === m)?.value.trim().toUpperCase() ?? '';
  return `${v('UWI') || v('API') || v('WELL') || prep.path}`;
}

/**
 * Ingests files, two at a time when they belong to different wells: while DuckDB writes
 * one file's Parquet on its threads, the next file is read, parsed and resampled.
 * Results come out in the order of `paths`.
 */
export async function* ingestFiles(ws: Workspace, paths: string[], opts: IngestOptions = {}, concurrency = 2): AsyncGenerator<IngestResult> {
  const results: Promise<IngestResult>[] = [];
  const inflight = new Map<Promise<IngestResult>, string>();
  let yielded = 0;
  for (const path of paths) {
    const prep = prepareFile(path, opts);
    const key = wellKey(prep, opts.well);
    while (inflight.size >= concurrency || [...inflight.values()].includes(key)) await Promise.race(inflight.keys());
    const p = ingestPrepared(ws, prep, opts);
    inflight.set(p, key);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
    results.push(p);
    while (yielded < results.length && !inflight.has(results[yielded])) yield await results[yielded++];
  }
  while (yielded < results.length) yield await results[yielded++];
}

const presentRun = (ws: Workspace, sha: string) =>
  ws.db.prepare(`SELECT r.id, w.id AS well_id, w.name FROM log_runs r JOIN wells w ON w.id = r.well_id WHERE r.source_sha256 = ? AND r.deleted = 0 AND w.deleted = 0`).get(sha) as { id: string; well_id: string; name: string } | undefined;

class AlreadyPresent extends Error {}

export async function ingestPrepared(ws: Workspace, prep: PreparedFile, opts: IngestOptions = {}): Promise<IngestResult> {
  const path = prep.path;
  const bytes = prep.bytes;
  const csv = prep.csv;
  if (prep.error && !prep.sha256) return { file: path, status: 'failed', bytes: 0, warnings: [], error: prep.error };
  const existing = presentRun(ws, prep.sha256);
  if (existing) {
    return { file: path, status: 'already-present', bytes: bytes.length, logRunId: existing.id, wellId: existing.well_id, wellName: existing.name, warnings: [] };
  }
  if (prep.error || !prep.las) return { file: path, status: 'failed', bytes: bytes.length, warnings: [], error: prep.error };
  const las = prep.las;
  const sourceSha = prep.sha256;
  const warnings = las.problems.filter((p) => p.severity !== 'info').map((p) => `${p.line !== undefined ? `line ${p.line}: ` : ''}${p.message}`);
  const log = logSet(las);
  if (!log || !log.curves.length) {
    return { file: path, status: 'failed', bytes: bytes.length, warnings, error: `${path}: the file has no curves to ingest` };
  }

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
  // The well's grid decides (a user may have moved it to ft in an m workspace).
  const factor = depthIndexed ? depthFactor(index!.canonicalUnit, match.grid.unit) : null;
  if (depthIndexed && factor === null) warnings.push(`depth unit '${index!.unit}' is not known; the log is kept at native sampling only (no gridded copy)`);

  const result: IngestResult = {
    file: path, status: opts.dryRun ? 'dry-run' : 'ingested', bytes: bytes.length,
    wellId: match.id, wellName: match.name, wellCreated: match.created, rows: log.nRows, curves: plans, warnings,
  };
  if (opts.dryRun) return result;

  const logRunId = randomUUID();
  const temps: string[] = [];
  let session: WriteSession | null = null;
  try {
    // 1. Every blob is written to a temp file first.
    const sourceTmp = ws.blobs.writeTemp(bytes);
    temps.push(sourceTmp);
    const source = await ws.blobs.prepareFile(sourceTmp, csv ? 'csv' : 'las', sourceSha);
    const kv = {
      dataforge_version: DATAFORGE_VERSION, well_id: match.id, log_run_id: logRunId, source_file: basename(path),
      source_sha256: sourceSha, las_version: las.version, created_at: nowIso(), created_by: ws.actor,
    };
    const natives: { set: LasDataSet; blob: PreparedBlob }[] = [];
    for (const set of las.sets) {
      if (!set.curves.length) continue;
      const tmp = ws.blobs.tempPath('parquet');
      temps.push(tmp);
      await writeParquet(tmp, set.curves.map((c, i) => ({ name: columnName(c.mnemonic, i === 0), values: c.data })), set.nRows, { ...kv, dataset: set.name, grid: 'native' });
      natives.push({ set, blob: await ws.blobs.prepareFile(tmp, 'parquet') });
    }
    // Standard units for the gridded copy and the statistics.
    const converted = new Map<LasCurve, Float64Array>();
    for (const p of plans) {
      if (p.kind !== 'number') continue;
      const values = p.curve.data as Float64Array;
      converted.set(p.curve, p.convert ? values.map(p.convert) : values);
    }
    let gridded: PreparedBlob | null = null;
    let gridRows = 0;
    if (depthIndexed && factor !== null) {
      const depthCurve = log.curves[0];
      const numeric = plans.filter((p) => p.kind === 'number' && !p.isIndex);
      const run = resampleRun(depthCurve.data as Float64Array, numeric.map((p) => converted.get(p.curve)!), match.grid, opts.method ?? 'linear', factor);
      gridRows = run.depths.length;
      const columns: ParquetColumn[] = [{ name: 'DEPTH', values: run.depths }, ...numeric.map((p, i) => ({ name: columnName(p.curve.mnemonic, false), values: run.curves[i] }))];
      const tmp = ws.blobs.tempPath('parquet');
      temps.push(tmp);
      await writeParquet(tmp, columns, run.depths.length, { ...kv, dataset: log.name, grid: `${match.grid.step} ${match.grid.unit} from ${match.grid.origin}` });
      gridded = await ws.blobs.prepareFile(tmp, 'parquet');
    }
    // 2. Stage them all (one transaction), 3. move them into the store, 4. commit the metadata.
    const blobs = [source, ...natives.map((n) => n.blob), ...(gridded ? [gridded] : [])];
    session = new WriteSession(ws.db, `ingest ${path}`, blobs);
    for (const b of blobs) ws.blobs.moveInPrepared(b);

    const stamp = nowIso();
    const depths = log.curves[0].data as Float64Array;
    const depthInGrid = depthIndexed && factor !== null ? (factor === 1 ? depths : depths.map((d) => d * factor)) : null;
    session.commit(() => {
      // Another process may have ingested the same bytes meanwhile.
      if (presentRun(ws, sourceSha)) throw new AlreadyPresent();
      if (match.created) {
        const again = matchWell(ws, las, opts.well, basename(path));
        if (!again.created) throw new WorkspaceError('well-appeared', 'the well was created by another process during this ingest: run the ingest again', path);
      } else {
        const now = ws.db.prepare('SELECT grid_unit AS unit, grid_step AS step, grid_origin AS origin, deleted FROM wells WHERE id = ?').get(match.id) as { unit: string; step: number; origin: number; deleted: number } | undefined;
        if (!now || now.deleted) throw new WorkspaceError('well-removed', `well ${match.name} was removed during this ingest: run the ingest again`, path);
        if (now.unit !== match.grid.unit || now.step !== match.grid.step || now.origin !== match.grid.origin) {
          throw new WorkspaceError('grid-changed', `well ${match.name}'s depth grid changed during this ingest: run the ingest again`, path);
        }
      }
      const putBlob = ws.db.prepare('INSERT OR IGNORE INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, ?, ?, ?, ?)');
      putBlob.run(source.sha256, source.ext, source.size, 'source', stamp);
      for (const n of natives) putBlob.run(n.blob.sha256, 'parquet', n.blob.size, 'native', stamp);
      if (gridded) putBlob.run(gridded.sha256, 'parquet', gridded.size, 'gridded', stamp);
      if (match.created) {
        ws.db.prepare(`INSERT INTO wells (id, name, uwi, api, field, operator, country, state, county, location, grid_unit, grid_step, grid_origin, created_at, created_by, updated_at, updated_by)
          VALUES (@id, @name, @uwi, @api, @field, @operator, @country, @state, @county, @location, @grid_unit, @grid_step, @grid_origin, @at, @by, @at, @by)`).run({
          ...match.insert, grid_unit: match.grid.unit, grid_step: match.grid.step, grid_origin: match.grid.origin, at: stamp, by: ws.actor,
        });
        ws.audit('create', 'well', match.id, undefined, { name: match.name, ...match.insert, source: basename(path) });
      }
      ws.db.prepare(`INSERT INTO log_runs (id, well_id, source_name, source_sha256, source_size, source_format, las_version, encoding, depth_mnemonic, depth_unit,
          start_depth, stop_depth, step, row_count, service_company, acquired_at, imported_by, imported_at, gridded_sha256, resample_method, problems_json, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        logRunId, match.id, basename(path), source.sha256, source.size, csv ? 'csv' : 'las', las.version, las.encoding,
        index?.mnemonic ?? null, index?.unit ?? null, index?.first ?? null, index?.last ?? null, index?.step ?? null, log.nRows,
        serviceCompany(las) ?? null, acquisitionDate(las) ?? null, ws.actor, stamp, gridded?.sha256 ?? null, gridded ? (opts.method ?? 'linear') : null, JSON.stringify(las.problems), stamp, ws.actor,
      );
      const putSet = ws.db.prepare('INSERT INTO datasets (id, log_run_id, name, native_sha256, row_count, is_depth_indexed, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const putCurve = ws.db.prepare(`INSERT INTO curves (id, dataset_id, log_run_id, well_id, position, mnemonic, original_mnemonic, description, column_name, kind, is_index,
          property, property_confidence, property_source, original_unit, unit, min, max, mean, null_count, sample_count, coverage_json, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const n of natives) {
        const datasetId = randomUUID();
        const isLog = n.set === log;
        putSet.run(datasetId, logRunId, n.set.name, n.blob.sha256, n.set.nRows, isLog && depthIndexed ? 1 : 0, stamp, ws.actor);
        n.set.curves.forEach((c, position) => {
          const plan = isLog ? plans.find((p) => p.curve === c) : undefined;
          const values = converted.get(c);
          const stats = c.kind === 'number' ? curveStats(values ?? (c.data as Float64Array)) : null;
          const coverage = isLog && depthInGrid && c.kind === 'number' && position > 0 ? curveCoverage(depthInGrid, values ?? (c.data as Float64Array)) : null;
          putCurve.run(
            randomUUID(), datasetId, logRunId, match.id, position, c.mnemonic, c.originalMnemonic, c.description, columnName(c.mnemonic, position === 0), c.kind, isLog && position === 0 ? 1 : 0,
            plan?.property ?? null, plan?.confidence ?? null, plan?.source ?? null, c.unit, plan?.unit ?? c.unit,
            stats?.min ?? null, stats?.max ?? null, stats?.mean ?? null, stats?.nullCount ?? null, stats?.count ?? null,
            coverage ? JSON.stringify(coverage) : null, stamp, ws.actor,
          );
        });
      }
      ws.audit('ingest', 'log_run', logRunId, undefined, { well_id: match.id, source: basename(path), source_sha256: source.sha256, rows: log.nRows, curves: log.curves.length, grid_rows: gridRows });
    });
    result.logRunId = logRunId;
    return result;
  } catch (err) {
    session?.abandon();
    if (err instanceof AlreadyPresent) {
      const run = presentRun(ws, sourceSha)!;
      return { file: path, status: 'already-present', bytes: bytes.length, logRunId: run.id, wellId: run.well_id, wellName: run.name, warnings: [] };
    }
    if (err instanceof WorkspaceError) return { ...result, status: 'failed', error: err.message };
    throw err;
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}

/**
 * A curve's column in the Parquet copies: its mnemonic key, except that a curve other than
 * the index called DEPTH (e.g. TVD named DEPTH under an MD index) would collide with the
 * gridded copy's DEPTH column (DuckDB column names ignore case).
 */
function columnName(mnemonic: string, isIndex: boolean): string {
  return !isIndex && mnemonic.toUpperCase() === 'DEPTH' ? `${mnemonic}:curve` : mnemonic;
}

function serviceCompany(las: LasFile): string | undefined {
  const v = las.well.find((w) => w.originalMnemonic.toUpperCase() === 'SRVC')?.value.trim();
  return v ? v : undefined;
}

function acquisitionDate(las: LasFile): string | undefined {
  const v = las.well.find((w) => w.originalMnemonic.toUpperCase() === 'DATE')?.value.trim();
  return v ? v : undefined;
}
