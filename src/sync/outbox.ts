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
import { entityKey, idsByType, ORDER, parentsOf, readEntities, stmt, TABLE } from './entities.js';
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

/**
 * `queued` (in the order queued) in family order. Should an entity's parent come after it
 * that way (rows that disagree about their well), the plain parents-first order by type is
 * used instead: it always holds.
 */
export function familyOrder(db: Database.Database, queued: QueuedEntity[]): QueuedEntity[] {
  const lineage = lineageOf(db, queued);
  const keyOf = (q: QueuedEntity) => entityKey(q.entity, q.entity_id);
  const familyOf = (q: QueuedEntity) => lineage.get(keyOf(q))?.family ?? keyOf(q);
  const familyRank = new Map<string, number>();
  for (const q of queued) if (!familyRank.has(familyOf(q))) familyRank.set(familyOf(q), familyRank.size);
  const ordered = queued.map((q, i) => ({ q, i, rank: familyRank.get(familyOf(q))! }))
    .sort((a, b) => a.rank - b.rank || ORDER[a.q.entity] - ORDER[b.q.entity] || a.i - b.i)
    .map((x) => x.q);
  const position = new Map(ordered.map((q, i) => [keyOf(q), i]));
  const parentsFirst = ordered.every((q, i) => (lineage.get(keyOf(q))?.parents ?? []).every((p) => (position.get(p) ?? -1) < i));
  return parentsFirst ? ordered : [...queued].sort((a, b) => ORDER[a.entity] - ORDER[b.entity]);
}

/** Each queued entity's well (its family) and the parents its rows name, read a table at a time. */
function lineageOf(db: Database.Database, queued: QueuedEntity[]): Map<string, Lineage> {
  const ids = idsByType(queued.map((q) => ({ type: q.entity, id: q.entity_id })));
  const out = new Map<string, Lineage>();
  // Each row holds its parent columns (a data set's well through its log run): parentsOf reads them.
  const each = (type: EntityType, sql: string, familyOf: (row: Record<string, string | null>) => string) => {
    const list = ids.get(type);
    if (!list?.length) return;
    for (const row of stmt(db, sql).all(JSON.stringify(list)) as Record<string, string | null>[]) {
      out.set(entityKey(type, row.id!), { family: familyOf(row), parents: parentsOf({ type, data: row }).map((p) => entityKey(p.type, p.id)) });
    }
  };
  const inList = 'IN (SELECT value FROM json_each(?))';
  for (const id of ids.get('well') ?? []) out.set(entityKey('well', id), { family: id, parents: [] });
  each('log_run', `SELECT id, well_id FROM ${TABLE.log_run} WHERE id ${inList}`, (r) => r.well_id!);
  each('dataset', `SELECT d.id, d.log_run_id, r.well_id AS run_well_id FROM ${TABLE.dataset} d LEFT JOIN ${TABLE.log_run} r ON r.id = d.log_run_id WHERE d.id ${inList}`,
    (r) => r.run_well_id ?? entityKey('log_run', r.log_run_id!));
  each('curve', `SELECT id, dataset_id, log_run_id, well_id FROM ${TABLE.curve} WHERE id ${inList}`, (r) => r.well_id!);
  return out;
}
