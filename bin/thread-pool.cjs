'use strict';
/**
 * Threads in libuv's pool for a `dataforge` process. Blob transfers fsync every blob while
 * others are still being written: with libuv's default of 4 threads, four fsyncs (several ms
 * each) held every thread, and the next file write, open or mkdir queued behind them,
 * stalling the transfers (a clone ran ~10% slower). An idle pool thread costs only its
 * stack's address space.
 *
 * libuv reads UV_THREADPOOL_SIZE once, when its pool first starts, so this must run before any
 * file work, and before any ES module is loaded (their source is read through the pool).
 * A user's own setting stands.
 */
const THREAD_POOL_SIZE = 16;

function sizeThreadPool(env = process.env) {
  if (env.UV_THREADPOOL_SIZE === undefined) env.UV_THREADPOOL_SIZE = String(THREAD_POOL_SIZE);
}

module.exports = { THREAD_POOL_SIZE, sizeThreadPool };
