import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLas, type GenerateOptions } from '../../src/las/generate.js';
import { writeLas } from '../../src/las/write.js';
import { Workspace } from '../../src/workspace/workspace.js';

/** A fresh workspace in a temp folder; `cleanup` removes it. */
export function tempWorkspace(): { ws: Workspace; root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'df-ws-'));
  const ws = Workspace.init(root, { actor: 'tester' });
  return { ws, root, cleanup: () => { ws.close(); rmSync(root, { recursive: true, force: true }); } };
}

/** Writes a generated LAS file into `dir` and returns its path. */
export function writeGeneratedLas(dir: string, name: string, opts: Partial<GenerateOptions> = {}): string {
  const las = generateLas({ rows: 500, curves: 8, seed: 1, ...opts });
  const path = join(dir, name);
  writeFileSync(path, writeLas(las, { version: opts.version === '3.0' ? '3.0' : '2.0' }));
  return path;
}
