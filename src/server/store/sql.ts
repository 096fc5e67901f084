/**
 * A thin async SQL layer with one behaviour on SQLite and PostgreSQL. Write SQL both accept:
 * `?` placeholders (translated to $n for PostgreSQL), `INSERT ... ON CONFLICT`, `RETURNING`,
 * integers for booleans and epoch milliseconds for times (BIGINT in PostgreSQL, read back as
 * numbers). An error inside a PostgreSQL transaction aborts it, so never catch a constraint
 * error and carry on: use `ON CONFLICT DO NOTHING` and look at `changes`.
 */
export type Dialect = 'sqlite' | 'postgres';
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;
export type Row = Record<string, unknown>;

export interface RunResult { changes: number }

export interface Sql {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction, committed when it resolves and rolled back when it throws.
   * Inside, use only the handle `fn` receives (the outer one waits for the transaction to end);
   * a nested `tx` on that handle joins the outer transaction.
   */
  tx<T>(fn: (sql: Sql) => Promise<T>, opts?: TxOptions): Promise<T>;
}

export interface TxOptions {
  /**
   * false: the commit does not wait for the disk (SQLite synchronous = NORMAL, PostgreSQL
   * synchronous_commit = off). A crash may lose it, never half of it, and the next durable
   * commit makes it durable too (both logs are written in order). Only for writes that
   * something later repeats durably anyway.
   */
  durable?: boolean;
}

export interface SqlDatabase extends Sql {
  close(): Promise<void>;
}

/** A failure of the database itself (not of the caller's input). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `?` → `$1, $2...`, leaving quoted strings, quoted identifiers and comments alone. */
export function toPostgresPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}
