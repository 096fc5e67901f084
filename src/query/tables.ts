import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../workspace/duckdb.js';

/** A DuckDB table filled from JS rows: column name, SQL type and how to get the value. */
export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN';
export type ColumnSpec<T> = [name: string, type: ColumnType, get: (row: T) => string | number | boolean | null];

function append(app: DuckDBAppender, type: ColumnType, v: string | number | boolean | null): void {
  if (v === null || v === undefined) return app.appendNull();
  switch (type) {
    case 'VARCHAR': return app.appendVarchar(String(v));
    case 'DOUBLE': return app.appendDouble(Number(v));
    case 'BIGINT': return app.appendBigInt(BigInt(Math.trunc(Number(v))));
    case 'BOOLEAN': return app.appendBoolean(Boolean(v));
  }
}

/** (Re)creates `table` with the given columns and rows; call inside the rebuild's transaction. */
export async function loadTable<T>(con: DuckDBConnection, table: string, columns: ColumnSpec<T>[], rows: readonly T[]): Promise<void> {
  await con.run(`CREATE OR REPLACE TABLE ${table} (${columns.map(([n, t]) => `${quoteIdent(n)} ${t}`).join(', ')})`);
  if (!rows.length) return;
  const parts = table.split('.');
  const app = await con.createAppender(parts[parts.length - 1], parts.length > 1 ? parts[0] : null);
  try {
    for (const row of rows) {
      for (const [, type, get] of columns) append(app, type, get(row));
      app.endRow();
    }
    app.flushSync();
  } finally {
    app.closeSync();
  }
}
