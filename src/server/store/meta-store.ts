/**
 * The server's metadata store: SQLite (one file, `server.db` in the data dir) by default,
 * PostgreSQL when a database URL is given, with the same behaviour on both. Other modules
 * reach their own tables through `store.db` (register their migrations in migrations.ts first).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LoginAttempts } from './login-attempts.js';
import { Members } from './members.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import { RefreshTokens } from './refresh-tokens.js';
import './schema.js';
import type { Dialect, Sql, SqlDatabase } from './sql.js';
import { openSqlite } from './sqlite.js';
import { Users } from './users.js';
import { Workspaces } from './workspaces.js';

/** The repositories over one handle: the store itself, or a transaction. */
export class Repositories {
  readonly users: Users;
  readonly refreshTokens: RefreshTokens;
  readonly workspaces: Workspaces;
  readonly members: Members;
  readonly loginAttempts: LoginAttempts;

  constructor(readonly sql: Sql) {
    this.users = new Users(sql);
    this.refreshTokens = new RefreshTokens(sql);
    this.workspaces = new Workspaces(sql);
    this.members = new Members(sql);
    this.loginAttempts = new LoginAttempts(sql);
  }
}

export class MetaStore extends Repositories {
  readonly kind: Dialect;

  constructor(readonly db: SqlDatabase) {
    super(db);
    this.kind = db.dialect;
  }

  /** Runs `fn` in one transaction; use only the repositories it receives. */
  tx<T>(fn: (t: Repositories) => Promise<T>): Promise<T> {
    return this.db.tx((sql) => fn(new Repositories(sql)));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export interface StoreOptions {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

export const SQLITE_FILE = 'server.db';

/** Opens the store and brings its schema up to date (every registered migration). */
export async function openMetaStore(options: StoreOptions): Promise<MetaStore> {
  let db: SqlDatabase;
  if (options.databaseUrl) {
    db = openPostgres(options.databaseUrl, { schema: options.databaseSchema });
    if (options.databaseSchema) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${options.databaseSchema}`);
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    db = openSqlite(join(options.dataDir, SQLITE_FILE));
  }
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return new MetaStore(db);
}
