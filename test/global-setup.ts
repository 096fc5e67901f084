/**
 * Builds src → dist once before the suite: the CLI tests run the built `bin/dataforge.js`
 * as a user would, so they must never run against a stale build.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    // tsc still emits on type errors; `npm test` runs the type check first, so a broken
    // build fails there. Here a warning keeps unrelated tests usable mid-change.
    const out = (e as { stdout?: Buffer }).stdout?.toString() ?? '';
    console.warn(`WARNING: the build reported errors (tsc -p tsconfig.build.json); CLI tests run the emitted code:\n${out}`);
  }
}
