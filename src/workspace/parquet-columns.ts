/**
 * Reads a Parquet blob back into columns (numbers as Float64Array with NaN for NULL, text
 * as arrays with null), through the same in-process DuckDB that wrote it.
 */
import { DuckDBTypeId } from '@duckdb/node-api';
import type { CurveValues } from '../las/model.js';
import { parquetConnection, quoteString } from './duckdb.js';
import { WorkspaceError } from './errors.js';

export interface ParquetTable {
  names: string[];
  rows: number;
  columns: CurveValues[];
}

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.DOUBLE, DuckDBTypeId.FLOAT, DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT, DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT, DuckDBTypeId.DECIMAL,
]);

/** Every column of a Parquet file, in file order. A file DuckDB cannot read is a WorkspaceError naming it. */
export async function readParquetTable(path: string): Promise<ParquetTable> {
  const con = await parquetConnection();
  let result;
  try {
    result = await con.run(`SELECT * FROM read_parquet(${quoteString(path)})`);
  } catch (err) {
    throw new WorkspaceError('parquet-unreadable', `cannot read the Parquet file: ${(err as Error).message}`, path);
  }
  const names = result.columnNames();
  const numeric = result.columnTypes().map((t) => NUMERIC.has(t.typeId));
  const parts: unknown[][][] = names.map(() => []);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    rows += chunk.rowCount;
    for (let c = 0; c < names.length; c++) parts[c].push(chunk.getColumnValues(c));
  }
  const columns: CurveValues[] = names.map((_, c) => {
    if (numeric[c]) {
      const out = new Float64Array(rows);
      let i = 0;
      for (const part of parts[c]) for (const v of part) out[i++] = v === null ? NaN : Number(v);
      return out;
    }
    const out: (string | null)[] = [];
    for (const part of parts[c]) for (const v of part) out.push(v === null ? null : String(v));
    return out;
  });
  return { names, rows, columns };
}

/** Column names and row count from the footer, without reading the data. */
export async function parquetShape(path: string): Promise<{ names: string[]; rows: number }> {
  const con = await parquetConnection();
  try {
    const cols = await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteString(path)})`);
    const names = cols.getRowObjectsJS().map((r) => String(r.column_name));
    const count = await con.runAndReadAll(`SELECT sum(num_rows)::BIGINT AS n FROM parquet_file_metadata(${quoteString(path)})`);
    const n = count.getRowObjectsJS()[0]?.n;
    return { names, rows: Number(n ?? 0) };
  } catch (err) {
    throw new WorkspaceError('parquet-unreadable', `cannot read the Parquet file: ${(err as Error).message}`, path);
  }
}

export function columnOf(table: ParquetTable, name: string): CurveValues | undefined {
  const i = table.names.indexOf(name);
  return i < 0 ? undefined : table.columns[i];
}
