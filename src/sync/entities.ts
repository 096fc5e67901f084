/**
 * Workspace rows ↔ protocol entities, and the local side of sync: what is queued to push,
 * what a push confirmed, and how a pulled entity is applied (or becomes a conflict).
 */
import type Database from 'better-sqlite3';
import { nowIso, type Workspace } from '../workspace/workspace.js';
import type { Change, Entity, EntityType } from './protocol.js';

export const TABLE: Record<EntityType, string> = { well: 'wells', log_run: 'log_runs', dataset: 'datasets', curve: 'curves' };
/** Parents before children, so foreign keys hold while applying. */
export const ORDER: Record<EntityType, number> = { well: 0, log_run: 1, dataset: 2, curve: 3 };
/** The parents a row of this entity names (its foreign keys), as type and id: what must be in before it. */
export function parentsOf(e: Pick<Entity, 'type' | 'data'>): { type: EntityType; id: string }[] {
  const ref = (type: EntityType, v: unknown) => (typeof v === 'string' && v ? [{ type, id: v }] : []);
  if (e.type === 'log_run') return ref('well', e.data.well_id);
  if (e.type === 'dataset') return ref('log_run', e.data.log_run_id);
  if (e.type === 'curve') return [...ref('dataset', e.data.dataset_id), ...ref('log_run', e.data.log_run_id), ...ref('well', e.data.well_id)];
  return [];
}

const SYNC_COLUMNS = new Set(['id', 'version', 'updated_at', 'updated_by', 'deleted', 'synced_version']);

type Row = Record<string, unknown>;

/**
 * Prepared statements per connection, by SQL text. A pull applies thousands of entities, and
 * preparing the same few statements again for each (and `PRAGMA table_info` per row) was most
 * of its SQLite time. Statements die with their connection (WeakMap).
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  return s;
}

/** Column names per table and connection (the schema does not change while a workspace is open). */
const columnsOf = new WeakMap<Database.Database, Map<string, Set<string>>>();

function tableColumns(db: Database.Database, table: string): Set<string> {
  let byTable = columnsOf.get(db);
  if (!byTable) columnsOf.set(db, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) byTable.set(table, (cols = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name))));
  return cols;
}

function blobsOf(type: EntityType, row: Row): string[] {
  // A tombstone needs no bytes (gc may already have collected them).
  if (Number(row.deleted) === 1) return [];
  const hashes = type === 'log_run' ? [row.source_sha256, row.gridded_sha256] : type === 'dataset' ? [row.native_sha256] : [];
  return hashes.filter((h): h is string => typeof h === 'string' && h.length === 64);
}

export function rowToEntity(type: EntityType, row: Row): Entity {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!SYNC_COLUMNS.has(k)) data[k] = v;
  return {
    type, id: String(row.id), version: Number(row.version), deleted: Number(row.deleted) === 1,
    updatedAt: String(row.updated_at), updatedBy: String(row.updated_by), data, blobs: blobsOf(type, row),
  };
}

export function readEntity(db: Database.Database, type: EntityType, id: string): (Entity & { syncedVersion: number }) | null {
  const row = stmt(db, `SELECT * FROM ${TABLE[type]} WHERE id = ?`).get(id) as Row | undefined;
  return row ? { ...rowToEntity(type, row), syncedVersion: Number(row.synced_version) } : null;
}

export function outboxSize(ws: Workspace): number {
  return (ws.db.prepare('SELECT count(*) n FROM sync_outbox').get() as { n: number }).n;
}

/** Connections inside `applying` now (the triggers are off already). */
const applyingNow = new WeakSet<Database.Database>();

/**
 * Runs `fn` with the outbox triggers off: changes that come from the remote are not queued
 * back. Inside another `applying` (a pull applies a whole page in one) it just runs `fn`:
 * the triggers are off and a transaction is open, and switching them per row was a good
 * part of applying a pulled row.
 */
export function applying<T>(ws: Workspace, fn: () => T): T {
  if (applyingNow.has(ws.db)) return fn();
  return ws.db.transaction(() => {
    stmt(ws.db, 'UPDATE sync_flags SET applying = 1').run();
    applyingNow.add(ws.db);
    try {
      return fn();
    } finally {
      applyingNow.delete(ws.db);
      stmt(ws.db, 'UPDATE sync_flags SET applying = 0').run();
    }
  })();
}

/**
 * Records what the server accepted: the entity now has the server's version and leaves the
 * outbox — unless it changed locally while the push was in flight (then it stays queued).
 */
export function markPushed(ws: Workspace, pushed: Change[], applied: { type: EntityType; id: string; version: number }[]): void {
  const sent = new Map(pushed.map((c) => [`${c.entity.type}:${c.entity.id}`, c.entity.version]));
  applying(ws, () => {
    for (const a of applied) {
      const table = TABLE[a.type];
      const row = stmt(ws.db, `SELECT version FROM ${table} WHERE id = ?`).get(a.id) as { version: number } | undefined;
      if (!row) continue;
      const unchanged = row.version === sent.get(`${a.type}:${a.id}`);
      if (unchanged) {
        stmt(ws.db, `UPDATE ${table} SET version = ?, synced_version = ? WHERE id = ?`).run(a.version, a.version, a.id);
        stmt(ws.db, 'DELETE FROM sync_outbox WHERE entity = ? AND entity_id = ?').run(a.type, a.id);
      } else {
        stmt(ws.db, `UPDATE ${table} SET synced_version = ? WHERE id = ?`).run(a.version, a.id);
      }
    }
  });
}

/**
 * Insert and update statements per connection, table and column list: a pull writes thousands of rows
 * with the same columns, and building the SQL and a named-parameter object for each was
 * most of a row's cost. `exists`, when the caller knows, spares the lookup.
 */
const rowWriters = new WeakMap<Database.Database, Map<string, { names: string[]; others: string[]; insert: Database.Statement; update: Database.Statement }>>();

function writeRow(db: Database.Database, e: Entity, exists?: boolean): void {
  const table = TABLE[e.type];
  const cols: Record<string, unknown> = {
    ...e.data, id: e.id, version: e.version, synced_version: e.version, deleted: e.deleted ? 1 : 0, updated_at: e.updatedAt, updated_by: e.updatedBy,
  };
  const known = tableColumns(db, table);
  const keys = Object.keys(cols);
  const signature = `${table}:${keys.join(',')}`;
  let byShape = rowWriters.get(db);
  if (!byShape) rowWriters.set(db, (byShape = new Map()));
  let w = byShape.get(signature);
  if (!w) {
    const names = keys.filter((k) => known.has(k));
    const others = names.filter((n) => n !== 'id');
    w = {
      names,
      others,
      insert: db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`),
      // The same values in the same order, id last (it is the WHERE).
      update: db.prepare(`UPDATE ${table} SET ${others.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`),
    };
    byShape.set(signature, w);
  }
  const value = (n: string) => { const v = cols[n]; return typeof v === 'boolean' ? (v ? 1 : 0) : v; };
  const present = exists ?? stmt(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(e.id) !== undefined;
  if (present) w.update.run(...w.others.map(value), e.id);
  else w.insert.run(...w.names.map(value));
}

/** Registers the blobs a pulled entity names (their files are in the store), so fsck knows them. */
export function registerBlobs(db: Database.Database, e: Entity): void {
  if (e.deleted) return;
  const put = stmt(db, 'INSERT OR IGNORE INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, ?, ?, ?, ?)');
  const at = nowIso();
  if (e.type === 'log_run') {
    if (e.data.source_sha256) put.run(e.data.source_sha256, e.data.source_format === 'csv' ? 'csv' : 'las', Number(e.data.source_size ?? 0), 'source', at);
    if (e.data.gridded_sha256) put.run(e.data.gridded_sha256, 'parquet', 0, 'gridded', at);
  }
  if (e.type === 'dataset' && e.data.native_sha256) put.run(e.data.native_sha256, 'parquet', 0, 'native', at);
}

/** Foreign keys checked at commit (parents may arrive later in the same page); a prepared pragma, as it runs per entity. */
function deferForeignKeys(db: Database.Database): void {
  stmt(db, 'PRAGMA defer_foreign_keys = ON').run();
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'conflict';

/**
 * Applies one entity pulled from the server. A local entity with no unpushed change takes
 * the remote state; one with an unpushed change made on an older version becomes a
 * conflict (both copies kept), never a silent overwrite.
 */
export function applyRemoteEntity(ws: Workspace, remote: Entity, known?: LocalState): ApplyOutcome {
  const { local, queued } = known ?? localState(ws, remote);
  if (local && local.syncedVersion >= remote.version) return 'unchanged';
  if (local && queued) {
    recordConflict(ws, local, remote);
    return 'conflict';
  }
  applying(ws, () => {
    deferForeignKeys(ws.db);
    registerBlobs(ws.db, remote);
    writeRow(ws.db, remote, local !== null);
  });
  return 'applied';
}

/** Our copy of an entity, and whether a change of it waits in the outbox. */
export interface LocalState { local: (Entity & { syncedVersion: number }) | null; queued: boolean }

/**
 * Our copies of these entities (those we have), read with one query per table rather than a
 * lookup per entity; keyed by {@link entityKey}.
 */
export function readEntities(db: Database.Database, entities: Pick<Entity, 'type' | 'id'>[]): Map<string, Entity & { syncedVersion: number }> {
  const found = new Map<string, Entity & { syncedVersion: number }>();
  for (const [type, ids] of idsByType(entities)) {
    for (const row of stmt(db, `SELECT * FROM ${TABLE[type]} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]) {
      const entity = rowToEntity(type, row) as Entity & { syncedVersion: number };
      entity.syncedVersion = Number(row.synced_version);
      found.set(entityKey(type, entity.id), entity);
    }
  }
  return found;
}

/**
 * Our copies of a page of entities and whether each waits in the outbox, read a table at a
 * time: two lookups per entity were a third of applying a pulled page. Read inside the
 * transaction that applies them.
 */
export function localStates(ws: Workspace, entities: Pick<Entity, 'type' | 'id'>[]): Map<string, LocalState> {
  const local = readEntities(ws.db, entities);
  const states = new Map<string, LocalState>();
  for (const e of entities) states.set(entityKey(e.type, e.id), { local: local.get(entityKey(e.type, e.id)) ?? null, queued: false });
  for (const [type, ids] of idsByType(entities)) {
    for (const row of stmt(ws.db, 'SELECT entity_id FROM sync_outbox WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?))').all(type, JSON.stringify(ids)) as { entity_id: string }[]) {
      states.get(entityKey(type, row.entity_id))!.queued = true;
    }
  }
  return states;
}

/** The distinct ids of these entities, by type (for one `IN (json_each(?))` query a table). */
export function idsByType(entities: Pick<Entity, 'type' | 'id'>[]): Map<EntityType, string[]> {
  const byType = new Map<EntityType, Set<string>>();
  for (const e of entities) {
    let ids = byType.get(e.type);
    if (!ids) byType.set(e.type, (ids = new Set()));
    ids.add(e.id);
  }
  return new Map([...byType].map(([type, ids]) => [type, [...ids]]));
}

export function entityKey(type: EntityType, id: string): string {
  return `${type}:${id}`;
}

export function localState(ws: Workspace, e: Pick<Entity, 'type' | 'id'>): LocalState {
  return {
    local: readEntity(ws.db, e.type, e.id),
    queued: stmt(ws.db, 'SELECT 1 FROM sync_outbox WHERE entity = ? AND entity_id = ?').get(e.type, e.id) !== undefined,
  };
}

/**
 * Writes a change made elsewhere as if it had been made here on its base version: the row
 * takes its content, `synced_version` its base, and it waits in the outbox. The next push
 * sends that base, so the server applies it only if nobody changed the entity since.
 */
export function writeQueued(ws: Workspace, change: Change): void {
  const { entity, baseVersion } = change;
  applying(ws, () => {
    ws.db.pragma('defer_foreign_keys = ON');
    registerBlobs(ws.db, entity);
    writeRow(ws.db, { ...entity, version: baseVersion + 1 });
    ws.db.prepare(`UPDATE ${TABLE[entity.type]} SET synced_version = ? WHERE id = ?`).run(baseVersion, entity.id);
  });
  ws.db.prepare("INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))").run(entity.type, entity.id);
}

export function recordConflict(ws: Workspace, local: Entity & { syncedVersion: number }, remote: Entity): void {
  const { syncedVersion, ...localEntity } = local;
  ws.db.prepare(`INSERT INTO sync_conflicts (entity, entity_id, base_version, remote_version, local_json, remote_json, detected_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (entity, entity_id) WHERE resolved_at IS NULL DO UPDATE SET remote_version = excluded.remote_version, remote_json = excluded.remote_json`)
    .run(remote.type, remote.id, syncedVersion, remote.version, JSON.stringify(localEntity), JSON.stringify(remote), nowIso());
}

export interface ConflictRow {
  id: number;
  entity: EntityType;
  entityId: string;
  baseVersion: number;
  remoteVersion: number;
  local: Entity;
  remote: Entity;
  detectedAt: string;
}

export function openConflicts(ws: Workspace): ConflictRow[] {
  const rows = ws.db.prepare('SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id').all() as Row[];
  return rows.map((r) => ({
    id: Number(r.id), entity: r.entity as EntityType, entityId: String(r.entity_id), baseVersion: Number(r.base_version), remoteVersion: Number(r.remote_version),
    local: JSON.parse(String(r.local_json)) as Entity, remote: JSON.parse(String(r.remote_json)) as Entity, detectedAt: String(r.detected_at),
  }));
}

export type Resolution = { take: 'local' } | { take: 'remote' } | { take: 'merged'; data: Record<string, unknown> };

/**
 * Resolves a conflict. `remote`: the server's copy replaces ours. `local` / `merged`: our
 * (or the merged) state is queued again on top of the remote version, so the next push
 * wins over exactly the copy the user saw — a newer remote change makes a new conflict.
 */
export function resolveConflict(ws: Workspace, id: number, how: Resolution): void {
  const c = openConflicts(ws).find((x) => x.id === id);
  if (!c) throw new Error(`no open conflict ${id}`);
  ws.db.transaction(() => {
    const table = TABLE[c.entity];
    if (how.take === 'remote') {
      applying(ws, () => {
        ws.db.pragma('defer_foreign_keys = ON');
        registerBlobs(ws.db, c.remote);
        writeRow(ws.db, c.remote);
      });
      ws.db.prepare('DELETE FROM sync_outbox WHERE entity = ? AND entity_id = ?').run(c.entity, c.entityId);
    } else {
      const state: Entity = how.take === 'local' ? c.local : { ...c.local, data: { ...c.local.data, ...how.data } };
      applying(ws, () => writeRow(ws.db, { ...state, version: c.remoteVersion + 1 }));
      ws.db.prepare(`UPDATE ${table} SET synced_version = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(c.remoteVersion, nowIso(), ws.actor, c.entityId);
      ws.db.prepare("INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))").run(c.entity, c.entityId);
    }
    ws.db.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(nowIso(), how.take, id);
    ws.audit('resolve-conflict', c.entity, c.entityId, c.local.data, how.take === 'remote' ? c.remote.data : how.take === 'merged' ? how.data : c.local.data);
  })();
}
