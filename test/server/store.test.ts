/** The MetaStore contract: the same behaviour on SQLite and PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate, registeredMigrations, registerMigrations, type Migration } from '../../src/server/store/migrations.js';
import { openMetaStore, type MetaStore } from '../../src/server/store/meta-store.js';
import { toPostgresPlaceholders } from '../../src/server/store/sql.js';
import { createSchema, describeStores, PG_URL, type StoreKind } from './harness.js';

describe('placeholders', () => {
  it('numbers ? outside quotes and comments', () => {
    expect(toPostgresPlaceholders("SELECT * FROM t WHERE a = ? AND b = '?' AND \"c?\" = ? -- ?\n AND d = ?"))
      .toBe("SELECT * FROM t WHERE a = $1 AND b = '?' AND \"c?\" = $2 -- ?\n AND d = $3");
  });
});

describeStores('MetaStore', (kind: StoreKind) => {
  let dataDir: string;
  let dropSchema: (() => Promise<void>) | undefined;
  let schema: string | undefined;
  let store: MetaStore;
  const open = () => openMetaStore({ dataDir, databaseUrl: kind === 'postgres' ? PG_URL : undefined, databaseSchema: schema });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'df-store-'));
    if (kind === 'postgres') {
      const s = await createSchema();
      schema = s.schema;
      dropSchema = s.drop;
    }
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('commits durably: an answered push survives a power cut on either database', async () => {
    if (kind === 'postgres') {
      const r = await store.sql.get<{ synchronous_commit: string }>('SHOW synchronous_commit');
      expect(r?.synchronous_commit).not.toBe('off');
    } else {
      // 2 = FULL: WAL commits are fsynced (NORMAL, 1, may lose the last ones).
      const r = await store.sql.get<{ synchronous: number }>('PRAGMA synchronous');
      expect(r?.synchronous).toBe(2);
    }
  });

  it('records the core migration once; reopening applies nothing', async () => {
    const rows = await store.db.all<{ name: string; version: number }>("SELECT name, version FROM schema_migrations WHERE name = 'core'");
    expect(rows).toEqual([{ name: 'core', version: 1 }]);
    expect(await migrate(store.db)).toEqual([]);
  });

  it('applies migrations registered by other modules, core first, each version once, in order', async () => {
    const set = (table: string): Migration[] => [
      // References users: only works when core ran first.
      { version: 1, sqlite: `CREATE TABLE ${table} (id TEXT PRIMARY KEY, user_id TEXT REFERENCES users(id))`, postgres: `CREATE TABLE ${table} (id TEXT PRIMARY KEY, user_id TEXT REFERENCES users(id))` },
      { version: 2, sqlite: `ALTER TABLE ${table} ADD COLUMN note TEXT`, postgres: `ALTER TABLE ${table} ADD COLUMN note TEXT` },
    ];
    const sets = new Map(registeredMigrations());
    sets.set('zz_test', set('zz_things'));
    sets.set('aa_test', set('aa_things'));
    expect(await migrate(store.db, sets)).toEqual(['aa_test@1', 'aa_test@2', 'zz_test@1', 'zz_test@2']);
    expect(await migrate(store.db, sets)).toEqual([]);
    await store.db.run('INSERT INTO zz_things (id, note) VALUES (?, ?)', ['x', 'from v2']);
    expect(await store.db.get('SELECT note FROM zz_things WHERE id = ?', ['x'])).toEqual({ note: 'from v2' });
    // A server that knows fewer versions refuses the database rather than misread it.
    const older = new Map(sets);
    older.set('zz_test', set('zz_things').slice(0, 1));
    await expect(migrate(store.db, older)).rejects.toThrow(/'zz_test' schema is at version 2 but this server knows versions up to 1/);
  });

  it('rolls a failed migration back and names it', async () => {
    const sets = new Map(registeredMigrations());
    sets.set('broken', [{ version: 1, sqlite: 'CREATE TABLE half_done (a TEXT); SELECT * FROM no_such_table', postgres: 'CREATE TABLE half_done (a TEXT); SELECT * FROM no_such_table' }]);
    await expect(migrate(store.db, sets)).rejects.toThrow(/migration broken v1 failed/);
    const tables = kind === 'sqlite'
      ? await store.db.all("SELECT name FROM sqlite_master WHERE name = 'half_done'")
      : await store.db.all("SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done' AND table_schema = current_schema()");
    expect(tables).toEqual([]);
  });

  // PostgreSQL only: several server processes share one database. A SQLite file belongs to one server
  // process (and in one process, a second connection would busy-wait on the event loop's thread).
  if (kind === 'postgres') it('lets several servers open one fresh database at once, migrating it exactly once', async () => {
    const fresh = kind === 'postgres' ? await createSchema() : undefined;
    const dir = mkdtempSync(join(tmpdir(), 'df-store-'));
    try {
      const opts = { dataDir: dir, databaseUrl: kind === 'postgres' ? PG_URL : undefined, databaseSchema: fresh?.schema };
      const stores = await Promise.all([0, 1, 2].map(() => openMetaStore(opts)));
      const rows = await stores[0].db.all("SELECT version FROM schema_migrations WHERE name = 'core'");
      expect(rows).toEqual([{ version: 1 }]);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await fresh?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad migration lists', () => {
    expect(() => registerMigrations('gappy', [{ version: 2, sqlite: '', postgres: '' }])).toThrow(/versions must be 1, 2, 3/);
    expect(() => registerMigrations('core', [])).toThrow(/registered twice with different contents/);
  });

  it('runs a relaxed transaction (durable: false) like any other, and only it skips the disk wait', async () => {
    const setting = async (sql: typeof store.sql) => kind === 'postgres'
      ? (await sql.get<{ synchronous_commit: string }>('SHOW synchronous_commit'))?.synchronous_commit
      : String((await sql.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous);
    await store.sql.exec('CREATE TABLE relaxed_probe (x INTEGER NOT NULL)');
    const inside = await store.sql.tx(async (t) => {
      await t.run('INSERT INTO relaxed_probe (x) VALUES (?)', [1]);
      return setting(t);
    }, { durable: false });
    expect(inside).toBe(kind === 'postgres' ? 'off' : '1');
    await expect(store.sql.tx(async (t) => {
      await t.run('INSERT INTO relaxed_probe (x) VALUES (?)', [2]);
      throw new Error('boom');
    }, { durable: false })).rejects.toThrow('boom');
    expect(await store.sql.all('SELECT x FROM relaxed_probe')).toEqual([{ x: 1 }]);
    // Afterwards every connection commits durably again (on PostgreSQL, ask several pooled ones at once).
    const after = await Promise.all(Array.from({ length: 6 }, () => setting(store.sql)));
    for (const a of after) expect(a).toBe(kind === 'postgres' ? 'on' : '2');
    expect(await store.sql.tx(async (t) => setting(t))).toBe(kind === 'postgres' ? 'on' : '2');
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await store.tx(async (t) => { await t.users.create('tx-ok@example.com', 'h'); });
    await expect(store.tx(async (t) => {
      await t.users.create('tx-bad@example.com', 'h');
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.users.byEmail('tx-ok@example.com')).toBeDefined();
    expect(await store.users.byEmail('tx-bad@example.com')).toBeUndefined();
  });

  it('keeps statements from outside a transaction out of it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = store.tx(async (t) => {
      await t.users.create('inside@example.com', 'h');
      await gate;
      throw new Error('rolled back');
    });
    // Issued while the transaction is open; must not be rolled back with it.
    const outside = store.users.create('outside@example.com', 'h');
    release();
    await expect(inside).rejects.toThrow('rolled back');
    await outside;
    expect(await store.users.byEmail('outside@example.com')).toBeDefined();
    expect(await store.users.byEmail('inside@example.com')).toBeUndefined();
  });

  it('users: unique email, token versions as numbers', async () => {
    const u = await store.users.create('unique@example.com', 'hash');
    expect(u).not.toBeNull();
    expect(await store.users.create('unique@example.com', 'other')).toBeNull();
    const read = await store.users.byId(u!.id);
    expect(read).toEqual({ id: u!.id, email: 'unique@example.com', passwordHash: 'hash', tokenVersion: 0, createdAt: u!.createdAt });
    expect(typeof read!.createdAt).toBe('number');
    expect(await store.users.bumpTokenVersion(u!.id)).toBe(1);
    expect(await store.users.bumpTokenVersion(u!.id)).toBe(2);
    const local = await store.users.ensure('local@localhost');
    expect((await store.users.ensure('local@localhost')).id).toBe(local.id);
  });

  it('workspaces and members: creator owns, names unique, delete cascades', async () => {
    const a = (await store.users.create('ws-a@example.com', 'h'))!;
    const b = (await store.users.create('ws-b@example.com', 'h'))!;
    const ws = (await store.workspaces.create('store-ws', a.id))!;
    expect(await store.workspaces.create('store-ws', b.id)).toBeNull();
    expect(await store.members.role(ws.id, a.id)).toBe('owner');
    expect(await store.members.add(ws.id, b.id, 'viewer', a.id)).toBe(true);
    expect(await store.members.add(ws.id, b.id, 'admin', a.id)).toBe(false);
    expect(await store.members.role(ws.id, b.id)).toBe('viewer');
    expect(await store.members.countOwners(ws.id)).toBe(1);
    expect(await store.members.setRole(ws.id, b.id, 'owner')).toBe(true);
    expect(await store.members.countOwners(ws.id)).toBe(2);
    expect((await store.members.list(ws.id)).map((m) => [m.email, m.role])).toEqual([['ws-a@example.com', 'owner'], ['ws-b@example.com', 'owner']]);
    expect((await store.workspaces.listForUser(b.id)).map((w) => [w.name, w.role])).toEqual([['store-ws', 'owner']]);
    await expect(store.db.run("UPDATE members SET role = 'god' WHERE user_id = ?", [b.id])).rejects.toThrow();
    expect(await store.workspaces.delete(ws.id)).toBe(true);
    expect(await store.members.list(ws.id)).toEqual([]);
    expect(await store.workspaces.byName('store-ws')).toBeUndefined();
  });

  it('refresh tokens: used once, revoked by family or user', async () => {
    const u = (await store.users.create('rt@example.com', 'h'))!;
    const now = Date.now();
    await store.refreshTokens.insert({ id: 'r1', userId: u.id, familyId: 'f1', tokenHash: 'h1', expiresAt: now + 1000 });
    await store.refreshTokens.insert({ id: 'r2', userId: u.id, familyId: 'f1', tokenHash: 'h2', expiresAt: now + 1000 });
    await store.refreshTokens.insert({ id: 'r3', userId: u.id, familyId: 'f2', tokenHash: 'h3', expiresAt: now - 1 });
    expect(await store.refreshTokens.markUsed('r1')).toBe(true);
    expect(await store.refreshTokens.markUsed('r1')).toBe(false);
    expect(await store.refreshTokens.revokeFamily('f1')).toBe(2);
    expect(await store.refreshTokens.markUsed('r2')).toBe(false);
    expect((await store.refreshTokens.byHash('h2'))!.revokedAt).toEqual(expect.any(Number));
    expect(await store.refreshTokens.revokeAllForUser(u.id)).toBe(1);
    expect(await store.refreshTokens.prune(now)).toBe(1);
    expect(await store.refreshTokens.byHash('h3')).toBeUndefined();
  });

  it('login attempts: counted per key within the window', async () => {
    const t0 = 1_000_000;
    for (const at of [t0, t0 + 10, t0 + 20]) await store.loginAttempts.recordFailure('k1', at);
    await store.loginAttempts.recordFailure('k2', t0);
    expect(await store.loginAttempts.failuresSince('k1', t0 + 5)).toEqual({ count: 2, oldest: t0 + 10 });
    expect(await store.loginAttempts.failuresSince('k3', 0)).toEqual({ count: 0, oldest: null });
    await store.loginAttempts.clear('k1');
    expect((await store.loginAttempts.failuresSince('k1', 0)).count).toBe(0);
    expect(await store.loginAttempts.prune(t0 + 1)).toBe(1);
  });

  it('serialises concurrent read-then-write transactions (no lost update)', async () => {
    await store.db.exec('CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await store.db.run('INSERT INTO counter (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
    const lockClause = kind === 'postgres' ? ' FOR UPDATE' : '';
    await Promise.all(Array.from({ length: 20 }, () => store.db.tx(async (t) => {
      const row = await t.get<{ n: number }>(`SELECT n FROM counter WHERE id = 1${lockClause}`);
      await t.run('UPDATE counter SET n = ? WHERE id = 1', [Number(row!.n) + 1]);
    })));
    expect(await store.db.get('SELECT n FROM counter WHERE id = 1')).toEqual({ n: 20 });
  });
});

describe('MetaStore on SQLite', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps everything in one file, server.db, that survives a reopen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'df-store-'));
    dirs.push(dataDir);
    const a = await openMetaStore({ dataDir });
    await a.users.create('persist@example.com', 'h');
    await a.close();
    const b = await openMetaStore({ dataDir });
    expect(await b.users.byEmail('persist@example.com')).toBeDefined();
    await b.close();
  });
});
