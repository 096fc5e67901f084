/**
 * Numbered, forward-only schema migrations for both dialects. Each module registers its own
 * list under a name (`core` for users and workspaces; e.g. `sync`, `blobs` later); the
 * `schema_migrations` table records every (name, version) applied. Order: `core` first (others
 * reference its tables), then the other names alphabetically, each in version order.
 * Never edit a released migration: add the next version.
 */
import type { SqlDatabase } from './sql.js';
import { StoreError } from './sql.js';

export interface Migration {
  /** 1, 2, 3... with no gaps. */
  version: number;
  description?: string;
  sqlite: string;
  postgres: string;
}

const registry = new Map<string, readonly Migration[]>();

/** Call at module load, before the store opens. Registering the same list twice is harmless. */
export function registerMigrations(name: string, migrations: readonly Migration[]): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(name)) throw new StoreError('bad-migration', `migration set name '${name}' must be lowercase letters, digits, _ or -`);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new StoreError('bad-migration', `migration set '${name}': versions must be 1, 2, 3... in order (found ${m.version} at position ${i + 1})`);
  });
  const known = registry.get(name);
  if (known) {
    const same = known.length === migrations.length && known.every((m, i) => m.sqlite === migrations[i].sqlite && m.postgres === migrations[i].postgres);
    if (!same) throw new StoreError('bad-migration', `migration set '${name}' is registered twice with different contents`);
    return;
  }
  registry.set(name, [...migrations]);
}

export function registeredMigrations(): Map<string, readonly Migration[]> {
  return new Map(registry);
}

function ordered(sets: Map<string, readonly Migration[]>): { name: string; migration: Migration }[] {
  const names = [...sets.keys()].sort((a, b) => (a === 'core' ? -1 : b === 'core' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return names.flatMap((name) => sets.get(name)!.map((migration) => ({ name, migration })));
}

const LOCK = `SELECT pg_advisory_xact_lock(hashtext('dataforge-migrations'))`;

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  description TEXT,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (name, version)
)`;

/**
 * Applies every registered migration not yet applied, each in its own transaction. Refuses a
 * database that a newer server has migrated further (its schema may mean something this one does
 * not know). Safe with several servers starting at once on PostgreSQL (an advisory lock).
 */
export async function migrate(db: SqlDatabase, sets: Map<string, readonly Migration[]> = registeredMigrations()): Promise<string[]> {
  await db.tx(async (t) => {
    // Two servers creating the table at once can collide in PostgreSQL's catalog even with IF NOT EXISTS.
    if (t.dialect === 'postgres') await t.get(LOCK);
    await t.exec(TABLE);
  });
  const done = await db.all<{ name: string; version: number }>('SELECT name, version FROM schema_migrations');
  for (const [name, list] of sets) {
    const newest = Math.max(0, ...done.filter((d) => d.name === name).map((d) => Number(d.version)));
    if (newest > list.length) {
      throw new StoreError('schema-too-new', `the database's '${name}' schema is at version ${newest} but this server knows versions up to ${list.length}: run a newer server`);
    }
  }
  const applied: string[] = [];
  for (const { name, migration } of ordered(sets)) {
    if (done.some((d) => d.name === name && Number(d.version) === migration.version)) continue;
    const ran = await db.tx(async (t) => {
      if (t.dialect === 'postgres') await t.get(LOCK);
      // Another server may have applied it while we waited for the lock (SQLite: BEGIN IMMEDIATE).
      if (await t.get('SELECT 1 AS x FROM schema_migrations WHERE name = ? AND version = ?', [name, migration.version])) return false;
      await t.exec(t.dialect === 'postgres' ? migration.postgres : migration.sqlite);
      await t.run('INSERT INTO schema_migrations (name, version, description, applied_at) VALUES (?, ?, ?, ?)', [name, migration.version, migration.description ?? null, Date.now()]);
      return true;
    }).catch((e: unknown) => {
      throw new StoreError('migration-failed', `migration ${name} v${migration.version} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    if (ran) applied.push(`${name}@${migration.version}`);
  }
  return applied;
}
