import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { logSet } from '../las/access.js';
import type { LasFile } from '../las/model.js';
import type { NullPolicyInput } from '../las/null-policy.js';
import type { PreparedBlob } from './blob-store.js';
import { prepareInWorker } from './parse-pool.js';
import { prepareFile, type PreparedFile } from './source-parse.js';
import { WorkspaceError } from './errors.js';
import { planCurves, type CurvePlan } from './curve-plan.js';
import { matchWell, type WellMatch } from './well-match.js';
import { GRIDDED_COMPRESSION, writeParquet, type ParquetColumn, type ParquetCompression } from './parquet-writer.js';
import type { ResampleMethod } from './resample.js';
import { deriveRun } from './ingest-derive.js';
import { KeyedQueue, TurnQueue } from './ingest-gates.js';
import { ingestStatements } from './ingest-statements.js';
import { depthFactor } from './depth-units.js';
import { workspaceDictionary, workspaceUnits } from './reference-data.js';
import { WriteSession } from './sessions.js';
import { nowIso, type Workspace } from './workspace.js';
import { DATAFORGE_VERSION } from './version.js';

export { prepareFile, type PreparedFile } from './source-parse.js';

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
  return ingestPrepared(ws, await prepareFile(path, opts), opts);
}

/** Files that may name the same well are never ingested side by side (both could create it). */
function wellKey(prep: PreparedFile, override: string | undefined): string {
  if (override) return `override:${override.toLowerCase()}`;
  if (!prep.las) return `file:${prep.sha256}`;
  const v = (m: string) => prep.las!.well.find((w) => w.originalMnemonic.toUpperCase() === m)?.value.trim().toUpperCase() ?? '';
  return `${v('UWI') || v('API') || v('WELL') || prep.path}`;
}

/** Files in flight at once: enough that a parse always overlaps the Parquet writes of earlier files. */
const IN_FLIGHT = 5;
/** Source bytes in flight at most (a single larger file still goes, alone). */
const IN_FLIGHT_BYTES = 256 * 1024 * 1024;

function sizeOf(path: string): number {
  try { return statSync(path).size; } catch { return 0; }
}

/**
 * Ingests files as a pipeline: while DuckDB writes the Parquet of earlier files on its
 * threads and the JS thread resamples and commits, the next files are read, hashed and
 * parsed in the parse worker. Files that may belong to one well go one after another.
 * Results come out in the order of `paths`.
 */
export async function* ingestFiles(ws: Workspace, paths: string[], opts: IngestOptions = {}, concurrency = IN_FLIGHT): AsyncGenerator<IngestResult> {
  const parsing = new TurnQueue();
  const wells = new KeyedQueue();
  const tasks: Promise<IngestResult>[] = [];
  const settled: boolean[] = [];
  const running = new Set<Promise<unknown>>();
  let bytes = 0;
  let next = 0;
  let yielded = 0;
  const start = (i: number, size: number): void => {
    // The worker takes files in the order given and keeps parsing while earlier ones finish here.
    const parsed = prepareInWorker(paths[i], opts);
    parsed.catch(() => undefined); // awaited below, in its turn
    const task = (async () => {
      const { prep, turn } = await parsing.run(async () => {
        const prep = await parsed;
        // Queued in path order (parsing takes turns), so a well's files keep their order.
        return { prep, turn: wells.enqueue(wellKey(prep, opts.well)) };
      });
      try {
        await turn.ready;
        return await ingestPrepared(ws, prep, opts);
      } finally {
        turn.done();
      }
    })();
    const tracked = task.then(() => undefined, () => undefined).finally(() => { running.delete(tracked); bytes -= size; settled[i] = true; });
    running.add(tracked);
    bytes += size;
    tasks.push(task);
  };
  try {
    while (yielded < paths.length) {
      while (next < paths.length && running.size < Math.max(1, concurrency)) {
        const size = sizeOf(paths[next]);
        if (running.size > 0 && bytes + size > IN_FLIGHT_BYTES) break;
        start(next++, size);
      }
      if (settled[yielded]) yield await tasks[yielded++];
      else await Promise.race(running);
    }
  } finally {
    // A consumer that stops early (or a failure) still waits for writes in flight to end.
    await Promise.allSettled(running);
  }
}

class AlreadyPresent extends Error {}

type PresentRun = { id: string; well_id: string; name: string } | undefined;

export async function ingestPrepared(ws: Workspace, prep: PreparedFile, opts: IngestOptions = {}): Promise<IngestResult> {
  const path = prep.path;
  const bytes = prep.bytes;
  const csv = prep.csv;
  const sql = ingestStatements(ws.db);
  const presentRun = (sha: string) => sql.presentRun.get(sha) as PresentRun;
  if (prep.error && !prep.sha256) return { file: path, status: 'failed', bytes: 0, warnings: [], error: prep.error };
  const existing = presentRun(prep.sha256);
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

  const method = opts.method ?? 'linear';
  const derived = deriveRun(las.sets, log, plans, match.grid, depthIndexed ? factor : null, method);
  const logRunId = randomUUID();
  const temps: string[] = [];
  let session: WriteSession | null = null;
  try {
    // 1. Every blob is written to a temp file first (all at once, off the JS thread), fsynced.
    const kv = {
      dataforge_version: DATAFORGE_VERSION, well_id: match.id, log_run_id: logRunId, source_file: basename(path),
      source_sha256: sourceSha, las_version: las.version, created_at: nowIso(), created_by: ws.actor,
    };
    const parquet = (columns: ParquetColumn[], rows: number, extra: Record<string, string>, compression?: ParquetCompression): Promise<PreparedBlob> => {
      const tmp = ws.blobs.tempPath('parquet');
      temps.push(tmp);
      return writeParquet(tmp, columns, rows, { ...kv, ...extra }, compression).then(() => ws.blobs.prepareFileAsync(tmp, 'parquet'));
    };
    const sets = las.sets.filter((set) => set.curves.length);
    const gridded = derived.gridded;
    const sourceTmp = ws.blobs.tempPath();
    temps.push(sourceTmp);
    const [source, gridBlob, ...nativeBlobs] = await settleAll([
      ws.blobs.writeTempAsync(bytes, csv ? 'csv' : 'las', sourceSha, sourceTmp),
      gridded
        ? parquet([{ name: 'DEPTH', values: gridded.depths }, ...gridded.numeric.map((p, i) => ({ name: columnName(p.curve.mnemonic, false), values: gridded.curves[i] }))],
          gridded.depths.length, { dataset: log.name, grid: `${match.grid.step} ${match.grid.unit} from ${match.grid.origin}` }, GRIDDED_COMPRESSION)
        : Promise.resolve(null),
      ...sets.map((set) => parquet(set.curves.map((c, i) => ({ name: columnName(c.mnemonic, i === 0), values: c.data })), set.nRows, { dataset: set.name, grid: 'native' })),
    ]);
    const natives = sets.map((set, i) => ({ set, blob: nativeBlobs[i]! }));
    // 2. Stage them all (one transaction), 3. move them into the store, 4. commit the metadata.
    const blobs = [source!, ...natives.map((n) => n.blob), ...(gridBlob ? [gridBlob] : [])];
    session = new WriteSession(ws.db, `ingest ${path}`, blobs);
    await settleAll(blobs.map((b) => ws.blobs.moveInPreparedAsync(b)));

    const stamp = nowIso();
    session.commit(() => {
      // Another process may have ingested the same bytes meanwhile.
      if (presentRun(sourceSha)) throw new AlreadyPresent();
      if (match.created) {
        const again = matchWell(ws, las, opts.well, basename(path));
        if (!again.created) throw new WorkspaceError('well-appeared', 'the well was created by another process during this ingest: run the ingest again', path);
      } else {
        const now = sql.wellGrid.get(match.id) as { unit: string; step: number; origin: number; deleted: number } | undefined;
        if (!now || now.deleted) throw new WorkspaceError('well-removed', `well ${match.name} was removed during this ingest: run the ingest again`, path);
        if (now.unit !== match.grid.unit || now.step !== match.grid.step || now.origin !== match.grid.origin) {
          throw new WorkspaceError('grid-changed', `well ${match.name}'s depth grid changed during this ingest: run the ingest again`, path);
        }
      }
      sql.putBlob.run(source!.sha256, source!.ext, source!.size, 'source', stamp);
      for (const n of natives) sql.putBlob.run(n.blob.sha256, 'parquet', n.blob.size, 'native', stamp);
      if (gridBlob) sql.putBlob.run(gridBlob.sha256, 'parquet', gridBlob.size, 'gridded', stamp);
      if (match.created) {
        sql.putWell.run({ ...match.insert, grid_unit: match.grid.unit, grid_step: match.grid.step, grid_origin: match.grid.origin, at: stamp, by: ws.actor });
        ws.audit('create', 'well', match.id, undefined, { name: match.name, ...match.insert, source: basename(path) });
      }
      sql.putRun.run(
        logRunId, match.id, basename(path), source!.sha256, source!.size, csv ? 'csv' : 'las', las.version, las.encoding,
        index?.mnemonic ?? null, index?.unit ?? null, index?.first ?? null, index?.last ?? null, index?.step ?? null, log.nRows,
        serviceCompany(las) ?? null, acquisitionDate(las) ?? null, ws.actor, stamp, gridBlob?.sha256 ?? null, gridBlob ? method : null, JSON.stringify(las.problems), stamp, ws.actor,
      );
      for (const n of natives) {
        const datasetId = randomUUID();
        const isLog = n.set === log;
        sql.putSet.run(datasetId, logRunId, n.set.name, n.blob.sha256, n.set.nRows, isLog && depthIndexed ? 1 : 0, stamp, ws.actor);
        n.set.curves.forEach((c, position) => {
          const plan = isLog ? plans.find((p) => p.curve === c) : undefined;
          const { stats, coverage } = derived.figures.get(c)!;
          sql.putCurve.run(
            randomUUID(), datasetId, logRunId, match.id, position, c.mnemonic, c.originalMnemonic, c.description, columnName(c.mnemonic, position === 0), c.kind, isLog && position === 0 ? 1 : 0,
            plan?.property ?? null, plan?.confidence ?? null, plan?.source ?? null, c.unit, plan?.unit ?? c.unit,
            stats?.min ?? null, stats?.max ?? null, stats?.mean ?? null, stats?.nullCount ?? null, stats?.count ?? null,
            coverage ? JSON.stringify(coverage) : null, stamp, ws.actor,
          );
        });
      }
      ws.audit('ingest', 'log_run', logRunId, undefined, { well_id: match.id, source: basename(path), source_sha256: source!.sha256, rows: log.nRows, curves: log.curves.length, grid_rows: gridded?.depths.length ?? 0 });
    });
    temps.length = 0; // all moved into the store
    result.logRunId = logRunId;
    return result;
  } catch (err) {
    session?.abandon();
    if (err instanceof AlreadyPresent) {
      const run = presentRun(sourceSha)!;
      return { file: path, status: 'already-present', bytes: bytes.length, logRunId: run.id, wellId: run.well_id, wellName: run.name, warnings: [] };
    }
    if (err instanceof WorkspaceError) return { ...result, status: 'failed', error: err.message };
    throw err;
  } finally {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
  }
}

/**
 * Waits for every promise, then fails with the first failure: nothing is left running (a
 * COPY still writing a temp file, a rename) when the caller cleans up after an error.
 */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const out = await Promise.allSettled(promises);
  const failed = out.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return out.map((r) => (r as PromiseFulfilledResult<T>).value);
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
