import type Database from 'better-sqlite3';
import { wellRowById, wellRowsByName, type WellRow } from './catalog.js';
import { QueryError } from './errors.js';

/** A live well by id, else by name (case-insensitive); a name two live wells share is refused. */
export function findWell(db: Database.Database, idOrName: string): WellRow | null {
  const byId = wellRowById(db, idOrName);
  if (byId) return byId;
  const byName = wellRowsByName(db, idOrName);
  if (byName.length > 1) {
    throw new QueryError('ambiguous', `${byName.length} wells are named '${idOrName}': use a well id (${byName.map((w) => w.id).join(', ')})`, { subject: idOrName });
  }
  return byName[0] ?? null;
}

export function resolveWell(db: Database.Database, idOrName: string): WellRow {
  const well = findWell(db, idOrName);
  if (!well) throw new QueryError('not-found', `no well '${idOrName}' in the workspace`, { subject: idOrName });
  return well;
}
