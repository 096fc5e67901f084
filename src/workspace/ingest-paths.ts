import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_DIR } from './layout.js';

const INGESTIBLE = /\.(las|csv)$/i;

/**
 * Files to ingest from paths that may be files or folders (walked recursively, in a stable
 * order). Hidden folders and the workspace's own folder are skipped; a file named
 * explicitly is always taken. Paths that do not exist are returned as missing.
 */
export function expandPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch { missing.push(dir); return; }
    for (const name of names) {
      const p = join(dir, name);
      let st;
      try { st = statSync(p); } catch { continue; }
      if (st.isDirectory()) { if (!name.startsWith('.') && name !== WORKSPACE_DIR) walk(p); }
      else if (st.isFile() && INGESTIBLE.test(name)) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { missing.push(p); continue; }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
}
