/**
 * Pulled entities whose parent has not arrived yet. A server sends each entity at its latest
 * change, in the order changes were made, so a well edited after its import comes after its
 * own log runs, data sets and curves, possibly pages later. Applying such a child before its
 * parent would break the workspace's foreign keys. It waits in `sync_parked` instead, written
 * in the same transaction as the page and its cursor, and enters its table in the page that
 * brings its parent, or a later one.
 */
import type { Workspace } from '../workspace/workspace.js';
import { entityKey, stmt, TABLE } from './entities.js';
import { Entity, type EntityType } from './protocol.js';

export interface ParkedEntity { entity: Entity; seq: number }

/** The parents a row of this entity names (its foreign keys), as type and id. */
export function parentsOf(e: Pick<Entity, 'type' | 'data'>): { type: EntityType; id: string }[] {
  const ref = (type: EntityType, v: unknown) => (typeof v === 'string' && v ? [{ type, id: v }] : []);
  if (e.type === 'log_run') return ref('well', e.data.well_id);
  if (e.type === 'dataset') return ref('log_run', e.data.log_run_id);
  if (e.type === 'curve') return [...ref('dataset', e.data.dataset_id), ...ref('log_run', e.data.log_run_id), ...ref('well', e.data.well_id)];
  return [];
}

/**
 * Which of `candidates` must wait: those with a parent that is neither in the workspace nor
 * among the candidates that can go in (a child of a waiting parent waits too). Keys by
 * {@link entityKey}.
 */
export function mustWait(ws: Workspace, candidates: Pick<Entity, 'type' | 'id' | 'data'>[]): Set<string> {
  const offered = new Set(candidates.map((c) => entityKey(c.type, c.id)));
  const parents = new Map(candidates.map((c) => [entityKey(c.type, c.id), parentsOf(c).map((p) => entityKey(p.type, p.id))]));
  const present = presentRows(ws, candidates.flatMap(parentsOf));
  const waiting = new Set<string>();
  // At most one round per level of the family (well, log run, data set, curve) is needed.
  for (let changed = true; changed;) {
    changed = false;
    for (const [key, ps] of parents) {
      if (waiting.has(key)) continue;
      if (ps.some((p) => !present.has(p) && (!offered.has(p) || waiting.has(p)))) {
        waiting.add(key);
        changed = true;
      }
    }
  }
  return waiting;
}

/** Keys of the rows of these entities that the workspace holds. */
function presentRows(ws: Workspace, refs: { type: EntityType; id: string }[]): Set<string> {
  const byType = new Map<EntityType, Set<string>>();
  for (const r of refs) {
    let ids = byType.get(r.type);
    if (!ids) byType.set(r.type, (ids = new Set()));
    ids.add(r.id);
  }
  const present = new Set<string>();
  for (const [type, ids] of byType) {
    for (const row of stmt(ws.db, `SELECT id FROM ${TABLE[type]} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...ids])) as { id: string }[]) {
      present.add(entityKey(type, row.id));
    }
  }
  return present;
}

/** Everything waiting, oldest change first. */
export function parkedEntities(ws: Workspace): ParkedEntity[] {
  const rows = stmt(ws.db, 'SELECT seq, entity_json FROM sync_parked ORDER BY seq').all() as { seq: number; entity_json: string }[];
  return rows.map((r) => ({ seq: r.seq, entity: Entity.parse(JSON.parse(r.entity_json)) }));
}

export function park(ws: Workspace, remote: string, p: ParkedEntity): void {
  stmt(ws.db, `INSERT INTO sync_parked (entity, entity_id, remote, seq, entity_json, parked_at) VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (entity, entity_id) DO UPDATE SET remote = excluded.remote, seq = excluded.seq, entity_json = excluded.entity_json, parked_at = excluded.parked_at`)
    .run(p.entity.type, p.entity.id, remote, p.seq, JSON.stringify(p.entity));
}

export function unpark(ws: Workspace, e: Pick<Entity, 'type' | 'id'>): void {
  stmt(ws.db, 'DELETE FROM sync_parked WHERE entity = ? AND entity_id = ?').run(e.type, e.id);
}

export function parkedCount(ws: Workspace): number {
  return (stmt(ws.db, 'SELECT count(*) AS n FROM sync_parked').get() as { n: number }).n;
}
