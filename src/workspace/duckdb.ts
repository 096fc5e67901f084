import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let instance: Promise<DuckDBInstance> | null = null;
let shared: Promise<DuckDBConnection> | null = null;

/**
 * One in-memory DuckDB per process for writing and reading Parquet. It never opens a
 * database file, so it holds no workspace state.
 */
export function parquetInstance(): Promise<DuckDBInstance> {
  instance ??= DuckDBInstance.create(':memory:', { threads: '2' });
  return instance;
}

/** A connection shared by quick reads; writers that may run side by side take their own. */
export function parquetConnection(): Promise<DuckDBConnection> {
  shared ??= parquetInstance().then((i) => i.connect());
  return shared;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
