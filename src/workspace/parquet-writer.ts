import { DOUBLE, DuckDBDataChunk, VARCHAR, type DuckDBDoubleVector } from '@duckdb/node-api';
import type { CurveValues } from '../las/model.js';
import { parquetInstance, quoteIdent, quoteString } from './duckdb.js';

export interface ParquetColumn {
  name: string;
  values: CurveValues;
}

/** Rows per Parquet row group: small enough that a depth-window read touches little more than it needs. */
export const ROW_GROUP_ROWS = 4096;
const CHUNK_ROWS = 2048;

let tableSeq = 0;

/**
 * Writes columns to a zstd Parquet file with key-value footer metadata. Numbers are
 * nullable DOUBLE (NaN becomes NULL); text columns are VARCHAR.
 */
export async function writeParquet(path: string, columns: ParquetColumn[], rows: number, kv: Record<string, string>): Promise<void> {
  // Its own connection, so two files can be written at once.
  const con = await (await parquetInstance()).connect();
  const table = `w_${process.pid}_${++tableSeq}`;
  const types = columns.map((c) => (c.values instanceof Float64Array ? DOUBLE : VARCHAR));
  await con.run(`CREATE TABLE ${table} (${columns.map((c) => `${quoteIdent(c.name)} ${c.values instanceof Float64Array ? 'DOUBLE' : 'VARCHAR'}`).join(', ')})`);
  try {
    const app = await con.createAppender(table);
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - start);
      const chunk = DuckDBDataChunk.create(types, n);
      for (let c = 0; c < columns.length; c++) {
        const values = columns[c].values;
        if (values instanceof Float64Array) {
          // Write into the chunk's vector and flush once; NaN marks NULL.
          const vec = chunk.getColumnVector(c) as DuckDBDoubleVector;
          const slice = values.subarray(start, start + n);
          const items = (vec as unknown as { items?: unknown }).items;
          if (items instanceof Float64Array && items.length >= n) {
            // The vector's own buffer: one copy instead of a call per value (the library keeps
            // it as a plain field; if that ever changes we take the per-value path below).
            items.set(slice);
            for (let i = 0; i < n; i++) if (Number.isNaN(slice[i])) vec.setItem(i, null);
          } else {
            for (let i = 0; i < n; i++) vec.setItem(i, Number.isNaN(slice[i]) ? null : slice[i]);
          }
          vec.flush();
        } else {
          chunk.setColumnValues(c, values.slice(start, start + n));
        }
      }
      app.appendDataChunk(chunk);
    }
    app.flushSync();
    app.closeSync();
    const meta = Object.entries(kv).map(([k, v]) => `${quoteIdent(k)}: ${quoteString(v)}`).join(', ');
    await con.run(`COPY ${table} TO ${quoteString(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_ROWS}${meta ? `, KV_METADATA {${meta}}` : ''})`);
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${table}`);
    con.closeSync();
  }
}
