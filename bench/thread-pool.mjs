/**
 * The bench runs the sync client in its own process, so it sizes libuv's thread pool as the
 * `dataforge` command does (bin/thread-pool.cjs). The pool started while this ES module was
 * loading, so the only way is to run again with the setting in the environment.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const { sizeThreadPool } = createRequire(import.meta.url)('../bin/thread-pool.cjs');

/** Runs this script again with the CLI's thread pool size (then exits with its code), unless the pool is already sized. */
export function runWithCliThreadPool() {
  if (process.env.UV_THREADPOOL_SIZE !== undefined) return;
  const env = { ...process.env };
  sizeThreadPool(env);
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}
