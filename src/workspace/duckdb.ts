import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let shared: Promise<DuckDBConnection> | null = null;

/**
 * One in-memory DuckDB per process for writing Parquet. It never opens a database file,
 * so it holds no workspace state; it only turns columns into Parquet files.
 */
export function parquetConnection(): Promise<DuckDBConnection> {
  shared ??= (async () => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    return instance.connect();
  })();
  return shared;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
