import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultDictionary, parsePwlsCurvesCsv, type CurveDictionary } from '../dictionary/index.js';
import { builtinCatalogue, parseEnergisticsDictionary, type Catalogue } from '../units/index.js';
import { WorkspaceError } from './errors.js';
import { nowIso, type Workspace } from './workspace.js';

type Kind = 'units' | 'pwls-curves';

function stored(ws: Workspace, kind: Kind): { text: string; updated: string } | undefined {
  const row = ws.db.prepare('SELECT text, imported_at FROM reference_data WHERE kind = ?').get(kind) as { text: string; imported_at: string } | undefined;
  return row ? { text: row.text, updated: row.imported_at } : undefined;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new WorkspaceError('read-failed', `cannot read the file: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, path);
  }
}

function save(ws: Workspace, kind: Kind, path: string, text: string, entries: number, what: string): void {
  ws.db.transaction(() => {
    const before = ws.db.prepare('SELECT source_name, entries FROM reference_data WHERE kind = ?').get(kind);
    ws.db.prepare('INSERT OR REPLACE INTO reference_data (kind, source_name, text, entries, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(kind, basename(path), text, entries, nowIso(), ws.actor);
    ws.audit('import', 'reference_data', kind, before, { source_name: basename(path), entries, what });
  })();
  cache.delete(`${ws.layout.db}:${kind}`);
}

/** Loads a full Energistics unit dictionary (JSON) into the workspace; it replaces any earlier one. */
export function importUnitDictionary(ws: Workspace, path: string): { units: number; quantityClasses: number } {
  const text = readText(path);
  let cat: Catalogue;
  try {
    cat = parseEnergisticsDictionary(text);
  } catch (err) {
    throw new WorkspaceError('bad-dictionary', `not an Energistics unit dictionary: ${(err as Error).message}`, path);
  }
  const out = { units: cat.listUnits().length, quantityClasses: cat.listQuantityClasses().length };
  save(ws, 'units', path, text, out.units, 'Energistics unit dictionary');
  return out;
}

/** Loads a PWLS curves sheet (CSV) so its company mnemonics resolve to properties. */
export function importPwlsCurves(ws: Workspace, path: string): { mappings: number } {
  const text = readText(path);
  let n: number;
  try {
    n = parsePwlsCurvesCsv(text).length;
  } catch (err) {
    throw new WorkspaceError('bad-pwls', `not a PWLS curves CSV: ${(err as Error).message}`, path);
  }
  save(ws, 'pwls-curves', path, text, n, 'PWLS curve mnemonics');
  return { mappings: n };
}

const cache = new Map<string, { updated: string; value: unknown }>();

function cached<T>(ws: Workspace, kind: Kind, build: (text: string) => T, fallback: () => T): T {
  const row = stored(ws, kind);
  if (!row) return fallback();
  const key = `${ws.layout.db}:${kind}`;
  const hit = cache.get(key);
  if (hit && hit.updated === row.updated) return hit.value as T;
  const value = build(row.text);
  cache.set(key, { updated: row.updated, value });
  return value;
}

/** The unit catalogue this workspace uses: an imported Energistics dictionary, else the built-in one. */
export function workspaceUnits(ws: Workspace): Catalogue {
  return cached(ws, 'units', (t) => parseEnergisticsDictionary(t), builtinCatalogue);
}

/** The curve dictionary this workspace uses: built-in, plus imported PWLS mappings. */
export function workspaceDictionary(ws: Workspace): CurveDictionary {
  return cached(ws, 'pwls-curves', (t) => defaultDictionary().withPwls(parsePwlsCurvesCsv(t)), defaultDictionary);
}
