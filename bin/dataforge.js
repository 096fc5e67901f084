#!/usr/bin/env -S node --initial-old-space-size=64
// A larger first old-generation budget: an ingest keeps a few files' columns alive at once,
// and V8's small default made it run ~60 full collections on 100 files (~1 s of a ~5 s
// ingest). V8 only takes this flag at start-up and refuses it in NODE_OPTIONS, so it rides
// on the shebang: `node bin/dataforge.js` (the tests) runs without it, correct but slower.
//
// CommonJS (bin/package.json), so that the thread pool is sized before anything starts it.
'use strict';

require('./thread-pool.cjs').sizeThreadPool();

import('../dist/cli/main.js')
  .then(({ main }) => main(process.argv.slice(2)))
  .then(
    (code) => { process.exitCode = code; },
    (err) => { console.error(err?.stack ?? String(err)); process.exitCode = 2; },
  );
