/**
 * What to do with a conflict (a change made on a version that is no longer current), by the
 * remote's strategy: manual leaves it for the user; the others resolve it at once, through
 * the same `resolveConflict` a user would call, so both copies stay in `sync_conflicts`.
 */
import type { Workspace } from '../workspace/workspace.js';
import { markPushed, openConflicts, readEntity, recordConflict, resolveConflict, type ConflictRow, type Resolution } from './entities.js';
import { sameContent, type Entity } from './protocol.js';

export { sameContent };
import type { Strategy } from './remotes.js';

/** The resolution a strategy picks; undefined for manual (the user decides). */
export function decide(strategy: Strategy, c: Pick<ConflictRow, 'local' | 'remote'>): Resolution | undefined {
  switch (strategy) {
    case 'manual': return undefined;
    case 'prefer-local': return { take: 'local' };
    case 'prefer-remote': return { take: 'remote' };
    case 'last-write-wins': {
      // Ties go to the server's copy: it is the one every other client already has.
      const local = Date.parse(c.local.updatedAt);
      const remote = Date.parse(c.remote.updatedAt);
      return local > remote ? { take: 'local' } : { take: 'remote' };
    }
  }
}

export type ConflictOutcome = 'own-change' | 'recorded' | 'resolved-local' | 'resolved-remote';

/**
 * A conflict between our queued copy of an entity and the server's `remote` copy. When both
 * hold the same content, it is our own earlier push whose answer was lost: it counts as
 * pushed. Otherwise the conflict is recorded and the strategy applied.
 */
export function handleConflict(ws: Workspace, remote: Entity, strategy: Strategy): ConflictOutcome {
  const local = readEntity(ws.db, remote.type, remote.id);
  if (!local) return 'recorded';
  const { syncedVersion, ...localEntity } = local;
  if (sameContent(localEntity, remote)) {
    markPushed(ws, [{ baseVersion: syncedVersion, entity: localEntity }], [{ type: remote.type, id: remote.id, version: remote.version }]);
    return 'own-change';
  }
  recordConflict(ws, local, remote);
  return resolveByStrategy(ws, remote, strategy);
}

/** Applies the strategy to the open conflict on `entity` (recorded by whoever found it). */
export function resolveByStrategy(ws: Workspace, entity: Pick<Entity, 'type' | 'id'>, strategy: Strategy): ConflictOutcome {
  const open = openConflicts(ws).find((c) => c.entity === entity.type && c.entityId === entity.id);
  if (!open) return 'recorded';
  const how = decide(strategy, open);
  if (!how) return 'recorded';
  resolveConflict(ws, open.id, how);
  return how.take === 'remote' ? 'resolved-remote' : 'resolved-local';
}
