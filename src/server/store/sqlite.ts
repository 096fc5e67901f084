/**
 * SQLite through better-sqlite3 (synchronous, one connection). Transactions are async
 * functions, so while one is open every other caller waits: otherwise a statement from
 * another request would run inside it and be committed or rolled back with it.
 */
import Database from 'better-sqlite3';
import type { Row, RunResult, Sql, SqlDatabase, SqlValue, TxOptions } from './sql.js';

type Statement = Database.Statement<unknown[], unknown>;

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export function openSqlite(file: string): SqlDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a push the server has answered must survive a power cut, as it does on PostgreSQL
  // (synchronous_commit on); with NORMAL, WAL commits since the last checkpoint could be lost
  // while the client has already marked its changes as pushed.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Statement>();
  let active: Promise<void> | null = null;
  let closed = false;

  const prepare = (sql: string): Statement => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const all = <T>(sql: string, params: readonly SqlValue[] = []): T[] => {
    const s = prepare(sql);
    if (!s.reader) {
      s.run(...bind(params));
      return [];
    }
    return s.all(...bind(params)) as T[];
  };
  const run = (sql: string, params: readonly SqlValue[] = []): RunResult => {
    const s = prepare(sql);
    if (s.reader) return { changes: s.all(...bind(params)).length }; // RETURNING without reading
    return { changes: s.run(...bind(params)).changes };
  };

  /** The handle a transaction's body uses: runs at once, never waits for itself. */
  const inner: Sql = {
    dialect: 'sqlite',
    all: async <T = Row>(sql: string, params?: readonly SqlValue[]) => all<T>(sql, params),
    get: async <T = Row>(sql: string, params?: readonly SqlValue[]) => all<T>(sql, params)[0],
    run: async (sql, params) => run(sql, params),
    exec: async (sql) => void db.exec(sql),
    tx: (fn) => fn(inner),
  };

  return {
    dialect: 'sqlite',
    // Each waits in its own loop and runs in the same tick the loop ends: a shared async
    // `idle()` helper would return a tick later, after another caller could have started a transaction.
    all: async <T = Row>(sql: string, params?: readonly SqlValue[]) => {
      while (active) await active;
      return all<T>(sql, params);
    },
    get: async <T = Row>(sql: string, params?: readonly SqlValue[]) => {
      while (active) await active;
      return all<T>(sql, params)[0];
    },
    run: async (sql, params) => {
      while (active) await active;
      return run(sql, params);
    },
    exec: async (sql) => {
      while (active) await active;
      db.exec(sql);
    },
    tx: async <T>(fn: (sql: Sql) => Promise<T>, opts: TxOptions = {}): Promise<T> => {
      while (active) await active;
      let release!: () => void;
      active = new Promise<void>((r) => (release = r));
      // The pragma holds for the connection: set for this transaction only, restored below.
      // (Prepared once: `db.pragma` and `db.exec` parse their SQL on every call, which was
      // a good part of a blob upload's grant.)
      const relaxed = opts.durable === false;
      if (relaxed) prepare('PRAGMA synchronous = NORMAL').run();
      try {
        // IMMEDIATE: take the write lock now, so a read-then-write body cannot fail half-way.
        prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await fn(inner);
          prepare('COMMIT').run();
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      } finally {
        if (relaxed) prepare('PRAGMA synchronous = FULL').run();
        active = null;
        release();
      }
    },
    close: async () => {
      while (active) await active;
      if (closed) return;
      closed = true;
      statements.clear();
      db.close();
    },
  };
}
