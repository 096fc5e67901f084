/**
 * A DuckDB table function that reads columns straight out of JS memory, so `COPY (SELECT *
 * FROM df_columns(id)) TO 'x.parquet'` encodes typed arrays without first appending them to a
 * DuckDB table (which copied every value twice and did the appending on the JS thread).
 *
 * DuckDB calls the scan from one of its threads; the bindings run it on the JS thread and the
 * DuckDB thread waits. Each call fills one vector (2,048 rows) with a memcpy per number column,
 * so the JS thread is held for microseconds; callers that run long synchronous work (parsing)
 * should yield now and then so a COPY in flight is not starved.
 */
import duckdb from '@duckdb/node-bindings';
import type { CurveValues } from '../las/model.js';

export interface SourceTable {
  names: string[];
  columns: CurveValues[];
  rows: number;
}

/** Tables waiting to be scanned, by the id their COPY names. */
const tables = new Map<number, SourceTable>();
let nextId = 0;

export const SOURCE_FUNCTION = 'df_columns';

const VECTOR = duckdb.vector_size();
const utf8 = new TextEncoder();

/** Registers a table for one scan; the returned id goes in the SQL, `release` forgets it. */
export function offerTable(table: SourceTable): { id: number; release: () => void } {
  const id = ++nextId;
  tables.set(id, table);
  return { id, release: () => tables.delete(id) };
}

interface ScanState { table: SourceTable; next: number }

/** Registers `df_columns(id BIGINT)` on a connection. */
export function registerSource(connection: duckdb.Connection): void {
  const fn = duckdb.create_table_function();
  duckdb.table_function_set_name(fn, SOURCE_FUNCTION);
  duckdb.table_function_add_parameter(fn, duckdb.create_logical_type(duckdb.Type.BIGINT));
  const doubleType = duckdb.create_logical_type(duckdb.Type.DOUBLE);
  const varcharType = duckdb.create_logical_type(duckdb.Type.VARCHAR);
  duckdb.table_function_set_bind(fn, (info) => {
    const id = Number(duckdb.get_int64(duckdb.bind_get_parameter(info, 0)));
    const table = tables.get(id);
    if (!table) {
      duckdb.bind_set_error(info, `${SOURCE_FUNCTION}: no table ${id} on offer`);
      return;
    }
    table.columns.forEach((c, i) => duckdb.bind_add_result_column(info, table.names[i], c instanceof Float64Array ? doubleType : varcharType));
    duckdb.bind_set_cardinality(info, table.rows, true);
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
    const n = Math.min(VECTOR, table.rows - start);
    if (n <= 0) {
      duckdb.data_chunk_set_size(output, 0);
      return;
    }
    for (let c = 0; c < table.columns.length; c++) {
      const vec = duckdb.data_chunk_get_vector(output, c);
      const values = table.columns[c];
      if (values instanceof Float64Array) fillDoubles(vec, values, start, n);
      else fillStrings(vec, values, start, n);
    }
    duckdb.data_chunk_set_size(output, n);
    state.next = start + n;
  });
  duckdb.register_table_function(connection, fn);
}

/** A validity mask per vector (one bit a row, set = valid), reused: the bindings copy it out. */
const mask = new Uint8Array(Math.ceil(VECTOR / 64) * 8);

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
