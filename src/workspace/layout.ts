import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where a workspace keeps its files, like `.git`: the metadata database, blobs, caches and temp files. */
export const WORKSPACE_DIR = '.dataforge';

export interface WorkspaceLayout {
  root: string;
  dir: string;
  db: string;
  blobs: string;
  cache: string;
  tmp: string;
}

export function layoutOf(root: string): WorkspaceLayout {
  const r = resolve(root);
  const dir = join(r, WORKSPACE_DIR);
  return { root: r, dir, db: join(dir, 'workspace.db'), blobs: join(dir, 'blobs'), cache: join(dir, 'cache'), tmp: join(dir, 'tmp') };
}

/**
 * The workspace that holds `start`: `--workspace DIR`, then `DATAFORGE_WORKSPACE`, then
 * the nearest folder upward that has a `.dataforge/workspace.db`.
 */
export function findWorkspaceRoot(start: string = process.cwd(), explicit?: string): string | null {
  const given = explicit ?? process.env.DATAFORGE_WORKSPACE;
  if (given) return existsSync(layoutOf(given).db) ? resolve(given) : null;
  let dir = resolve(start);
  while (true) {
    if (existsSync(layoutOf(dir).db)) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
