/**
 * The one way edits change a synced row: set the columns, bump `version`, stamp
 * updated_at/by, and only if nobody changed the row since it was read (optimistic
 * concurrency: another process may edit the same workspace).
 */
import { WorkspaceError } from './errors.js';
import type { Workspace } from './workspace.js';

export type SyncedTable = 'wells' | 'log_runs' | 'datasets' | 'curves';

const ENTITY: Record<SyncedTable, string> = { wells: 'well', log_runs: 'log run', datasets: 'data set', curves: 'curve' };

/** Call inside a transaction. Throws `conflict` when the row is not at `expectedVersion` any more. */
export function updateVersioned(ws: Workspace, table: SyncedTable, id: string, expectedVersion: number, set: Record<string, unknown>, stamp: string): void {
  const cols = Object.keys(set);
  for (const c of cols) if (!/^[a-z][a-z0-9_]*$/.test(c)) throw new Error(`bad column name ${c}`);
  const assignments = [...cols.map((c) => `${c} = @${c}`), 'version = version + 1', 'updated_at = @__at', 'updated_by = @__by'].join(', ');
  const r = ws.db.prepare(`UPDATE ${table} SET ${assignments} WHERE id = @__id AND version = @__version`)
    .run({ ...set, __at: stamp, __by: ws.actor, __id: id, __version: expectedVersion });
  if (r.changes !== 1) {
    throw new WorkspaceError('conflict', `${ENTITY[table]} ${id} was changed by someone else while this edit was being made: nothing was changed, try again`);
  }
}

/** The fields that differ, as { before, after } pairs (for the result and the audit log). */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

export function beforeAfter(changed: Record<string, FieldChange>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changed)) { before[k] = v.before; after[k] = v.after; }
  return { before, after };
}
