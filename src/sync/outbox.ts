/**
 * The outbox read for a push: the changes waiting to go out, in the order they go, which is
 * also the order every other member applies them in. That order is family by family: each
 * well, then its log runs, data sets and curves, the families in the order they were queued.
 *
 * Parents still precede children, as the workspace's foreign keys need, and each batch
 * carries the blobs of its own wells. Sorting by type alone put every blob-carrying entity
 * in the first batch: the first commit waited for all the uploads, and a pull could apply
 * nothing until all the downloads were in. In family order a push commits a batch while the
 * next batches' blobs upload, and a pull applies a page while the next pages' blobs download.
 */
import type Database from 'better-sqlite3';
import type { Workspace } from '../workspace/workspace.js';
import { entityKey, idsByType, ORDER, readEntities, stmt, TABLE } from './entities.js';
import type { Change, EntityType } from './protocol.js';

export interface QueuedEntity { entity: EntityType; entity_id: string }

/**
 * Up to `limit` queued changes, in family order; entities in an open conflict wait for its
 * resolution. A queued entity whose row is gone leaves the outbox.
 */
export function pendingChanges(ws: Workspace, limit = 1000): Change[] {
  const queued = stmt(ws.db, `SELECT o.entity, o.entity_id FROM sync_outbox o
    WHERE NOT EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.entity = o.entity AND c.entity_id = o.entity_id AND c.resolved_at IS NULL)
    ORDER BY o.rowid`).all() as QueuedEntity[];
  const next = familyOrder(ws.db, queued).slice(0, limit);
  const rows = readEntities(ws.db, next.map((q) => ({ type: q.entity, id: q.entity_id })));
  const out: Change[] = [];
  for (const q of next) {
    const local = rows.get(entityKey(q.entity, q.entity_id));
    if (!local) { stmt(ws.db, 'DELETE FROM sync_outbox WHERE entity = ? AND entity_id = ?').run(q.entity, q.entity_id); continue; }
    const { syncedVersion, ...entity } = local;
    out.push({ baseVersion: syncedVersion, entity });
  }
  return out;
}

interface Lineage { family: string; parents: string[] }

const key = (type: EntityType, id: string) => `${type}:${id}`;

/**
 * `queued` (in the order queued) in family order. Should an entity's parent come after it
 * that way (rows that disagree about their well), the plain parents-first order by type is
 * used instead: it always holds.
 */
export function familyOrder(db: Database.Database, queued: QueuedEntity[]): QueuedEntity[] {
  const byType = [...queued].sort((a, b) => ORDER[a.entity] - ORDER[b.entity]);
  const lineage = lineageOf(db, queued);
  const familyRank = new Map<string, number>();
  for (const q of queued) {
    const family = lineage.get(key(q.entity, q.entity_id))?.family ?? key(q.entity, q.entity_id);
    if (!familyRank.has(family)) familyRank.set(family, familyRank.size);
  }
  const rankOf = (q: QueuedEntity) => familyRank.get(lineage.get(key(q.entity, q.entity_id))?.family ?? key(q.entity, q.entity_id))!;
  const ordered = queued.map((q, i) => ({ q, i, rank: rankOf(q) }))
    .sort((a, b) => a.rank - b.rank || ORDER[a.q.entity] - ORDER[b.q.entity] || a.i - b.i)
    .map((x) => x.q);
  const position = new Map(ordered.map((q, i) => [key(q.entity, q.entity_id), i]));
  for (const [i, q] of ordered.entries()) {
    for (const parent of lineage.get(key(q.entity, q.entity_id))?.parents ?? []) {
      const at = position.get(parent);
      if (at !== undefined && at > i) return byType;
    }
  }
  return ordered;
}

/** Each queued entity's well (its family) and the parents its rows name, read a table at a time. */
function lineageOf(db: Database.Database, queued: QueuedEntity[]): Map<string, Lineage> {
  const ids = idsByType(queued.map((q) => ({ type: q.entity, id: q.entity_id })));
  const out = new Map<string, Lineage>();
  const each = <R>(type: EntityType, sql: string, fn: (row: R) => void) => {
    const list = ids.get(type);
    if (list?.length) for (const row of stmt(db, sql).all(JSON.stringify(list)) as R[]) fn(row);
  };
  const inList = 'IN (SELECT value FROM json_each(?))';
  for (const id of ids.get('well') ?? []) out.set(key('well', id), { family: id, parents: [] });
  each<{ id: string; well_id: string }>('log_run', `SELECT id, well_id FROM ${TABLE.log_run} WHERE id ${inList}`, (r) => {
    out.set(key('log_run', r.id), { family: r.well_id, parents: [key('well', r.well_id)] });
  });
  each<{ id: string; log_run_id: string; well_id: string | null }>('dataset', `SELECT d.id, d.log_run_id, r.well_id FROM ${TABLE.dataset} d LEFT JOIN ${TABLE.log_run} r ON r.id = d.log_run_id WHERE d.id ${inList}`, (r) => {
    out.set(key('dataset', r.id), { family: r.well_id ?? key('log_run', r.log_run_id), parents: [key('log_run', r.log_run_id)] });
  });
  each<{ id: string; dataset_id: string; log_run_id: string; well_id: string }>('curve', `SELECT id, dataset_id, log_run_id, well_id FROM ${TABLE.curve} WHERE id ${inList}`, (r) => {
    out.set(key('curve', r.id), { family: r.well_id, parents: [key('dataset', r.dataset_id), key('log_run', r.log_run_id), key('well', r.well_id)] });
  });
  return out;
}
