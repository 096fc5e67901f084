/** PostgreSQL through a pg pool; a transaction holds one pooled client from BEGIN to COMMIT. */
import pg from 'pg';
import { StoreError, toPostgresPlaceholders, type Row, type Sql, type SqlDatabase, type SqlValue, type TxOptions } from './sql.js';

const INT8_OID = 20;

/**
 * BIGINT (times in ms, counts) as JS numbers like SQLite gives them; values beyond 2^53 do not
 * occur in this schema. Set on this pool only, not on pg's global parsers.
 */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  /** Use this schema (search_path) instead of the URL's default. */
  schema?: string;
  maxConnections?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): SqlDatabase {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new StoreError('bad-schema', `schema '${options.schema}' must be a lowercase SQL identifier`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const translated = new Map<string, string>();
  const text = (sql: string) => {
    let t = translated.get(sql);
    if (t === undefined) {
      t = toPostgresPlaceholders(sql);
      translated.set(sql, t);
    }
    return t;
  };
  const handle = (q: pg.Pool | pg.PoolClient, tx: Sql['tx']): Sql => ({
    dialect: 'postgres',
    all: async <T = Row>(sql: string, params: readonly SqlValue[] = []) => (await q.query(text(sql), params as unknown[])).rows as T[],
    get: async <T = Row>(sql: string, params: readonly SqlValue[] = []) => (await q.query(text(sql), params as unknown[])).rows[0] as T | undefined,
    run: async (sql, params = []) => ({ changes: (await q.query(text(sql), params as unknown[])).rowCount ?? 0 }),
    exec: async (sql) => void (await q.query(sql)),
    tx,
  });

  const top = handle(pool, async <T>(fn: (sql: Sql) => Promise<T>, opts: TxOptions = {}): Promise<T> => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      // LOCAL: for this transaction only; the pooled connection keeps the server's default.
      if (opts.durable === false) await client.query('SET LOCAL synchronous_commit = off');
      const inner: Sql = handle(client, (f) => f(inner));
      try {
        const result = await fn(inner);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw e;
      }
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken);
    }
  });
  let closed = false;
  return {
    ...top,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
