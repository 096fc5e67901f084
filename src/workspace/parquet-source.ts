/**
 * A DuckDB table function that reads columns straight out of JS memory, so `COPY (SELECT ...
 * FROM df_columns(id)) TO 'x.parquet'` encodes typed arrays without first appending them to a
 * DuckDB table (which copied every value twice and did the appending on the JS thread).
 *
 * DuckDB calls the scan from one of its threads; the bindings run it on the JS thread and the
 * DuckDB thread waits for its turn there. So the scan hands over whole batches, not DuckDB's
 * 2,048-row vectors: each call returns one row of lists, a list per column holding up to
 * BATCH_ROWS values, and the query unnests them back into rows inside DuckDB (see
 * {@link sourceSelect}). A 20,000-row log is one call instead of ten, and a COPY no longer
 * waits on a busy JS thread between every vector (measured: ~15% less time per COPY while the
 * JS thread is half busy, the same Parquet bytes).
 */
import duckdb from '@duckdb/node-bindings';
import type { CurveValues } from '../las/model.js';
import { quoteIdent } from './duckdb.js';

export interface SourceTable {
  names: string[];
  columns: CurveValues[];
  rows: number;
}

/** Tables waiting to be scanned, by the id their COPY names. */
const tables = new Map<number, SourceTable>();
let nextId = 0;

export const SOURCE_FUNCTION = 'df_columns';

/** Rows per scan call: a few MB of columns, so a huge log still goes over in bounded pieces. */
export const BATCH_ROWS = 1 << 16;

const utf8 = new TextEncoder();

/** Registers a table for one scan; the returned id goes in the SQL, `release` forgets it. */
export function offerTable(table: SourceTable): { id: number; release: () => void } {
  const id = ++nextId;
  tables.set(id, table);
  return { id, release: () => tables.delete(id) };
}

/** The SELECT that turns an offered table back into rows: one unnest per column, zipped in order. */
export function sourceSelect(id: number, names: string[]): string {
  return `SELECT ${names.map((n) => `unnest(${quoteIdent(n)}) AS ${quoteIdent(n)}`).join(', ')} FROM ${SOURCE_FUNCTION}(${id})`;
}

interface ScanState { table: SourceTable; next: number }

/** Registers `df_columns(id BIGINT)` on a connection. */
export function registerSource(connection: duckdb.Connection): void {
  const fn = duckdb.create_table_function();
  duckdb.table_function_set_name(fn, SOURCE_FUNCTION);
  duckdb.table_function_add_parameter(fn, duckdb.create_logical_type(duckdb.Type.BIGINT));
  const doubleList = duckdb.create_list_type(duckdb.create_logical_type(duckdb.Type.DOUBLE));
  const varcharList = duckdb.create_list_type(duckdb.create_logical_type(duckdb.Type.VARCHAR));
  duckdb.table_function_set_bind(fn, (info) => {
    const id = Number(duckdb.get_int64(duckdb.bind_get_parameter(info, 0)));
    const table = tables.get(id);
    if (!table) {
      duckdb.bind_set_error(info, `${SOURCE_FUNCTION}: no table ${id} on offer`);
      return;
    }
    table.columns.forEach((c, i) => duckdb.bind_add_result_column(info, table.names[i], c instanceof Float64Array ? doubleList : varcharList));
    duckdb.bind_set_cardinality(info, Math.ceil(table.rows / BATCH_ROWS), true);
    duckdb.bind_set_bind_data(info, { table });
  });
  duckdb.table_function_set_init(fn, (info) => {
    const bind = duckdb.init_get_bind_data(info) as { table: SourceTable };
    // One scanner: rows must come out in order.
    duckdb.init_set_max_threads(info, 1);
    duckdb.init_set_init_data(info, { table: bind.table, next: 0 } satisfies ScanState);
  });
  duckdb.table_function_set_function(fn, (info, output) => {
    const state = duckdb.function_get_init_data(info) as ScanState;
    const { table } = state;
    const start = state.next;
    const n = Math.min(BATCH_ROWS, table.rows - start);
    if (n <= 0) {
      duckdb.data_chunk_set_size(output, 0);
      return;
    }
    entry[1] = BigInt(n);
    for (let c = 0; c < table.columns.length; c++) {
      const list = duckdb.data_chunk_get_vector(output, c);
      duckdb.copy_data_to_vector(list, 0, entry.buffer, 0, entry.byteLength);
      duckdb.list_vector_reserve(list, n);
      duckdb.list_vector_set_size(list, n);
      // After the reserve: growing the list may have replaced its child vector.
      const child = duckdb.list_vector_get_child(list);
      const values = table.columns[c];
      if (values instanceof Float64Array) fillDoubles(child, values, start, n);
      else fillStrings(child, values, start, n);
    }
    duckdb.data_chunk_set_size(output, 1);
    state.next = start + n;
  });
  duckdb.register_table_function(connection, fn);
}

/** The one list entry a scan call returns per column: offset 0, length n (set per call). */
const entry = new BigUint64Array(2);

/** A validity mask per batch (one bit a row, set = valid), reused: the bindings copy it out. */
const mask = new Uint8Array(BATCH_ROWS / 8);

function markNull(i: number, first: boolean): void {
  if (first) mask.fill(0xff);
  mask[i >> 3] &= ~(1 << (i & 7));
}

function flushMask(vec: duckdb.Vector, n: number): void {
  duckdb.vector_ensure_validity_writable(vec);
  duckdb.copy_data_to_vector_validity(vec, 0, mask.buffer, 0, Math.ceil(n / 64) * 8);
}

/**
 * One copy from the column into the vector's memory (the bindings hand out copies of vector
 * memory, not views, so the copy goes in through them); NaN, a curve's NULL, clears the
 * row's validity bit.
 */
function fillDoubles(vec: duckdb.Vector, values: Float64Array, start: number, n: number): void {
  duckdb.copy_data_to_vector(vec, 0, values.buffer as ArrayBuffer, values.byteOffset + start * 8, n * 8);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const x = values[start + i];
    if (x !== x) markNull(i, nulls++ === 0);
  }
  if (nulls) flushMask(vec, n);
}

function fillStrings(vec: duckdb.Vector, values: (string | null)[], start: number, n: number): void {
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    // By length: a NUL inside the text must not cut it short.
    if (v !== null && v !== undefined) duckdb.vector_assign_string_element_len(vec, i, utf8.encode(v));
    else markNull(i, nulls++ === 0);
  }
  if (nulls) flushMask(vec, n);
}
