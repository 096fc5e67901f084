/**
 * Pulled entities whose parent has not arrived yet. A server sends each entity at its latest
 * change, in the order changes were made, so a well edited after its import comes after its
 * own log runs, data sets and curves, possibly pages later. Applying such a child first would
 * break the workspace's foreign keys. It waits in `sync_parked` instead, written in the same
 * transaction as its page and the pull's cursor, filed under the parent it waits for, and
 * goes into its table in the page that brings that parent. A child found by its parent is all
 * that is read back, so a bulk edit of every well (every child waiting till the last pages)
 * costs one indexed lookup per page, not a reread of everything waiting.
 */
import type { Workspace } from '../workspace/workspace.js';
import { entityKey, idsByType, parentsOf, registerBlobs, stmt, TABLE } from './entities.js';
import { Entity, type EntityType } from './protocol.js';

export interface ParkedEntity { entity: Entity; seq: number }

/**
 * Which of `candidates` must wait, and for which parent (by {@link entityKey}): a parent that
 * is neither in the workspace nor among the candidates, or a candidate that waits itself.
 */
export function mustWait(ws: Workspace, candidates: Pick<Entity, 'type' | 'id' | 'data'>[]): Map<string, string> {
  const offered = new Set(candidates.map((c) => entityKey(c.type, c.id)));
  const parents = new Map(candidates.map((c) => [entityKey(c.type, c.id), parentsOf(c).map((p) => entityKey(p.type, p.id))]));
  const present = presentRows(ws, candidates.flatMap(parentsOf));
  const waiting = new Map<string, string>();
  // One round per level of the family (well, log run, data set, curve) at most.
  for (let changed = true; changed;) {
    changed = false;
    for (const [key, ps] of parents) {
      if (waiting.has(key)) continue;
      const missing = ps.find((p) => !present.has(p) && (!offered.has(p) || waiting.has(p)));
      if (missing !== undefined) {
        waiting.set(key, missing);
        changed = true;
      }
    }
  }
  return waiting;
}

/** Keys of the rows of these entities that the workspace holds. */
function presentRows(ws: Workspace, refs: { type: EntityType; id: string }[]): Set<string> {
  const present = new Set<string>();
  for (const [type, ids] of idsByType(refs)) {
    for (const row of stmt(ws.db, `SELECT id FROM ${TABLE[type]} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as { id: string }[]) {
      present.add(entityKey(type, row.id));
    }
  }
  return present;
}

/**
 * Files `p` to wait for `parent`, replacing an older copy of it that waits. Its blobs (here
 * already) are registered now, so fsck knows them and gc keeps them.
 */
export function park(ws: Workspace, remote: string, p: ParkedEntity, parent: string): void {
  stmt(ws.db, `INSERT INTO sync_parked (entity, entity_id, remote, seq, entity_json, waits_for, parked_at) VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (entity, entity_id) DO UPDATE SET remote = excluded.remote, seq = excluded.seq, entity_json = excluded.entity_json, waits_for = excluded.waits_for, parked_at = excluded.parked_at`)
    .run(p.entity.type, p.entity.id, remote, p.seq, JSON.stringify(p.entity), parent);
  registerBlobs(ws.db, p.entity);
}

/** The entities waiting for any of these (now present) parents, oldest change first. */
export function waitingFor(ws: Workspace, parents: string[]): ParkedEntity[] {
  const rows = stmt(ws.db, 'SELECT seq, entity_json FROM sync_parked WHERE waits_for IN (SELECT value FROM json_each(?)) ORDER BY seq').all(JSON.stringify(parents)) as { seq: number; entity_json: string }[];
  return rows.map((r) => ({ seq: r.seq, entity: Entity.parse(JSON.parse(r.entity_json)) }));
}

/** Drops the waiting copies of these entities (they went in, or a newer copy did). */
export function unpark(ws: Workspace, entities: Pick<Entity, 'type' | 'id'>[]): void {
  for (const [type, ids] of idsByType(entities)) {
    stmt(ws.db, 'DELETE FROM sync_parked WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?))').run(type, JSON.stringify(ids));
  }
}

export function parkedCount(ws: Workspace): number {
  return (stmt(ws.db, 'SELECT count(*) AS n FROM sync_parked').get() as { n: number }).n;
}
