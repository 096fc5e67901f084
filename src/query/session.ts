import { join } from 'node:path';
import { DuckDBInstance, JSDuckDBValueConverter, type DuckDBConnection, type DuckDBMaterializedResult, type JS } from '@duckdb/node-api';
import { quoteString } from '../workspace/duckdb.js';
import type { Workspace } from '../workspace/workspace.js';
import { curveRows, datasetRows, deadColumns, runRows, wellRows } from './catalog.js';
import { duckdbMessage, QueryError } from './errors.js';
import { isNumericType, resultToFloat64, copyNumbers } from './float-columns.js';
import { bindError, prepareReadOnly } from './guard.js';
import { loadMetadataTables } from './metadata-tables.js';
import { createNativeSamplesView, createSamplesView, type FileColumn } from './views.js';

/**
 * A DuckDB in memory over one workspace: tables `wells`, `log_runs`, `curves` copied from
 * the metadata database (live rows only) and views `samples` and `native_samples` over the
 * Parquet blobs; see README.md. It is confined before anything is loaded: it may read only
 * the blobs folder, external access is off and the configuration is locked, so no later
 * statement can widen it. User SQL goes through the read-only gate (guard.ts) as well.
 *
 * The tables are a copy, so the session watches the metadata database: when anything has
 * committed since the last build (another process included), the next call rebuilds them,
 * in one DuckDB transaction so a concurrent query sees either the old or the new state.
 */

export interface ResultColumn {
  name: string;
  /** `name`, made unique (`x`, `x_1`) for row objects. */
  key: string;
  /** DuckDB type, e.g. DOUBLE, VARCHAR, BIGINT. */
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: JS[][];
}

export interface ColumnarResult {
  columns: (ResultColumn & { values: Float64Array | JS[] })[];
  rowCount: number;
}

/** A result held by DuckDB, read out one chunk (≤ 2,048 rows) at a time. */
export interface QueryCursor {
  columns: ResultColumn[];
  rowCount: number;
  chunks(): Iterable<JS[][]>;
}

export class QuerySession {
  private builtFingerprint: string | null = null;
  /** Blobs never change, so a file's schema is read once per session. */
  private readonly schemas = new Map<string, FileColumn[]>();
  /** Data files the views had to leave out because they could not be read (see fsck). */
  unreadable: string[] = [];
  private building: Promise<void> | null = null;
  private closed = false;

  private constructor(
    readonly ws: Workspace,
    private readonly instance: DuckDBInstance,
    /** Builds the tables and views. */
    private readonly builder: DuckDBConnection,
    /** Runs user SQL, after the gate. */
    private readonly user: DuckDBConnection,
    /** Runs the API's own reads (SQL written here, never user text). */
    readonly reader: DuckDBConnection,
  ) {}

  static async open(ws: Workspace): Promise<QuerySession> {
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const builder = await instance.connect();
      await confine(builder, ws);
      return new QuerySession(ws, instance, builder, await instance.connect(), await instance.connect());
    } catch (err) {
      instance.closeSync();
      throw err;
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Rebuilds the tables and views if the workspace changed since they were built. */
  async refresh(): Promise<void> {
    this.assertOpen();
    while (true) {
      if (this.building) { await this.building; continue; }
      const fp = fingerprint(this.ws);
      if (fp === this.builtFingerprint) return;
      this.building = this.rebuild(fp).finally(() => { this.building = null; });
      await this.building;
      return;
    }
  }

  private async rebuild(fp: string): Promise<void> {
    const db = this.ws.db;
    // One read transaction: the copies are of a single consistent state.
    const snapshot = db.transaction(() => ({
      wells: wellRows(db), runs: runRows(db), datasets: datasetRows(db), curves: curveRows(db), dead: deadColumns(db),
    }))();
    const blobPath = (sha: string) => this.ws.blobs.pathOf(sha, 'parquet');
    const files = [
      ...snapshot.runs.flatMap((r) => (r.gridded_sha256 ? [blobPath(r.gridded_sha256)] : [])),
      ...snapshot.datasets.map((d) => blobPath(d.native_sha256)),
    ];
    this.unreadable = await this.readSchemas(files);
    const unreadable = new Set(this.unreadable);
    const readable = (sha: string) => !unreadable.has(blobPath(sha));
    const con = this.builder;
    await con.run('BEGIN TRANSACTION');
    try {
      await con.run('CREATE SCHEMA IF NOT EXISTS internal');
      await loadMetadataTables(con, snapshot.wells, snapshot.runs, snapshot.curves);
      const inputs = {
        ...snapshot,
        // An unreadable file is left out of the views rather than failing every query.
        runs: snapshot.runs.map((r) => (r.gridded_sha256 && !readable(r.gridded_sha256) ? { ...r, gridded_sha256: null } : r)),
        datasets: snapshot.datasets.filter((d) => readable(d.native_sha256)),
        blobPath,
        schemas: this.schemas,
        gridUnits: new Map(snapshot.wells.map((w) => [w.id, w.grid_unit])),
      };
      await createSamplesView(con, inputs);
      await createNativeSamplesView(con, inputs);
      await con.run('COMMIT');
    } catch (err) {
      await con.run('ROLLBACK').catch(() => undefined);
      if (err instanceof QueryError) throw err;
      throw new QueryError('unreadable-data', `cannot open the workspace's data for queries (run 'dataforge fsck'): ${duckdbMessage(err)}`);
    }
    this.builtFingerprint = fp;
  }

  /** Reads the schemas of files not seen yet; returns the files that could not be read. */
  private async readSchemas(files: string[]): Promise<string[]> {
    const todo = [...new Set(files)].filter((f) => !this.schemas.has(f));
    const failed: string[] = [];
    const read = async (batch: string[]) => {
      const reader = await this.builder.runAndReadAll(`SELECT file_name, name, type, num_children FROM parquet_schema([${batch.map(quoteString).join(', ')}])`);
      const found = new Map<string, FileColumn[]>(batch.map((f) => [f, []]));
      for (const row of reader.getRowObjectsJson()) {
        // The first row of each file is the schema's root (it has children); the rest are columns.
        if (row.num_children !== null && Number(row.num_children) > 0) continue;
        found.get(String(row.file_name))?.push({ name: String(row.name), type: String(row.type) });
      }
      for (const [f, cols] of found) this.schemas.set(f, cols);
    };
    if (!todo.length) return [];
    try {
      await read(todo);
    } catch {
      // One bad file fails the batch: find which, one at a time.
      for (const f of todo) {
        try { await read([f]); } catch { failed.push(f); }
      }
    }
    // Files read once keep their schema; only files never read can be unreadable here.
    return failed;
  }

  /** Runs one read-only statement; the whole result is returned. */
  async query(sql: string): Promise<QueryResult> {
    const cursor = await this.cursor(sql);
    const rows: JS[][] = [];
    for (const chunk of cursor.chunks()) for (const r of chunk) rows.push(r);
    return { columns: cursor.columns, rows };
  }

  /** Runs one read-only statement; rows are converted to JS a chunk at a time as they are read. */
  async cursor(sql: string): Promise<QueryCursor> {
    const result = await this.runUser(sql);
    const columns = describeColumns(result);
    return {
      columns,
      rowCount: result.rowCount,
      *chunks() {
        for (let k = 0; k < result.chunkCount; k++) yield result.getChunk(k).convertRows(JSDuckDBValueConverter) as JS[][];
      },
    };
  }

  /** Runs one read-only statement; numeric columns come back as Float64Array (NULL is NaN). */
  async queryColumns(sql: string): Promise<ColumnarResult> {
    const result = await this.runUser(sql);
    const columns = describeColumns(result);
    const rowCount = result.rowCount;
    const values = columns.map((_, c) => (isNumericType(result.columnTypeId(c)) ? new Float64Array(rowCount) : new Array<JS>(rowCount)));
    let offset = 0;
    for (let k = 0; k < result.chunkCount; k++) {
      const chunk = result.getChunk(k);
      const n = chunk.rowCount;
      values.forEach((out, c) => {
        if (out instanceof Float64Array) copyNumbers(chunk.getColumnVector(c), n, out, offset);
        else chunk.convertColumnValues(c, JSDuckDBValueConverter).forEach((v, i) => { out[offset + i] = v; });
      });
      offset += n;
    }
    return { columns: columns.map((c, i) => ({ ...c, values: values[i] })), rowCount };
  }

  /** Reads numeric columns with SQL written by this module (never user text): one Float64Array per column. */
  async readFloat64(sql: string): Promise<Float64Array[]> {
    this.assertOpen();
    try {
      return resultToFloat64(await this.reader.run(sql));
    } catch (err) {
      throw bindError(err, sql);
    }
  }

  private async runUser(sql: string): Promise<DuckDBMaterializedResult> {
    await this.refresh();
    const prepared = await prepareReadOnly(this.user, sql);
    try {
      return await prepared.run();
    } catch (err) {
      throw bindError(err, sql);
    } finally {
      prepared.destroySync();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (sessions.get(this.ws) === this) sessions.delete(this.ws);
    for (const con of [this.user, this.reader, this.builder]) con.closeSync();
    this.instance.closeSync();
  }

  private assertOpen(): void {
    if (this.closed) throw new QueryError('bad-argument', 'this query session is closed');
  }
}

function describeColumns(result: DuckDBMaterializedResult): ResultColumn[] {
  const names = result.columnNames();
  const keys = result.deduplicatedColumnNames();
  return names.map((name, i) => ({ name, key: keys[i], type: result.columnType(i).toString() }));
}

/** Changes when anything commits to the metadata database, in this process or another. */
function fingerprint(ws: Workspace): string {
  const dataVersion = ws.db.pragma('data_version', { simple: true }) as number;
  const ownChanges = ws.db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${dataVersion}:${ownChanges}`;
}

/**
 * Before any data is loaded: read only the blobs folder, no extensions, then lock the
 * configuration so no statement can undo it. Spill files go to the workspace's cache.
 */
async function confine(con: DuckDBConnection, ws: Workspace): Promise<void> {
  const blobs = ws.layout.blobs.endsWith('/') ? ws.layout.blobs : `${ws.layout.blobs}/`;
  for (const sql of [
    `SET temp_directory = ${quoteString(join(ws.layout.cache, 'duckdb-spill'))}`,
    'SET parquet_metadata_cache = true',
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    `SET allowed_directories = [${quoteString(blobs)}]`,
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ]) await con.run(sql);
}

const sessions = new WeakMap<Workspace, QuerySession>();
const opening = new WeakMap<Workspace, Promise<QuerySession>>();

/**
 * The query session of a workspace, opened on first use and kept: one DuckDB per open
 * workspace. Its tables and views are brought up to date before it is returned.
 */
export async function openQuerySession(ws: Workspace): Promise<QuerySession> {
  const session = await sessionFor(ws);
  await session.refresh();
  return session;
}

/** The session without refreshing its tables (the API's data reads do not use them). */
export async function sessionFor(ws: Workspace): Promise<QuerySession> {
  const existing = sessions.get(ws);
  if (existing) return existing;
  let pending = opening.get(ws);
  if (!pending) {
    pending = QuerySession.open(ws).finally(() => opening.delete(ws));
    opening.set(ws, pending);
  }
  const session = await pending;
  sessions.set(ws, session);
  return session;
}

/** Closes the workspace's query session, if one is open. Call before closing the workspace. */
export function closeQuerySession(ws: Workspace): void {
  sessions.get(ws)?.close();
}
