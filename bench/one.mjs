/**
 * One bench measurement in a fresh process, so its peak RSS is its own.
 *
 *   node bench/one.mjs <reader> <file>            → one JSON line: {reader, file, bytes, ms, parseMs, rows, maxRssMB, ok, error}
 *   node bench/one.mjs corpus <reader> <list> <i> → one JSON line per file of the list from index i (best of 3 reads, and the first)
 *                                                   (a `start` line first, so the parent can tell a hang)
 *
 * Readers: readLas (DataForge, whole file in memory), stream (DataForge streamLas from
 * fs.createReadStream), las-js (the npm package, the way its README uses it).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import lasjs from 'las-js';
import { readLas } from '../dist/las/read.js';
import { streamLas } from '../dist/las/stream.js';
import { logSet } from '../dist/las/access.js';

const { Las } = lasjs;
const gc = globalThis.gc ?? (() => {});

async function measure(reader, file, collect = true) {
  const bytes = statSync(file).size;
  // A forced full GC between many small files would also throw away compiled code: big files only.
  if (collect) gc();
  const t0 = performance.now();
  let parseMs = null;
  let rows = 0;
  let cols = 0;
  if (reader === 'readLas') {
    const data = readFileSync(file);
    const t1 = performance.now();
    const las = readLas(data, { fileName: file });
    parseMs = performance.now() - t1;
    rows = logSet(las)?.nRows ?? 0;
    cols = logSet(las)?.curves.length ?? 0;
  } else if (reader === 'stream') {
    for await (const ev of streamLas(createReadStream(file, { highWaterMark: 1 << 20 }), { fileName: file })) {
      if (ev.type === 'end') rows = logSet(ev.las)?.nRows ?? 0;
    }
  } else if (reader === 'las-js') {
    // As its README does: construct from a path, then ask for the header, curves, well and data.
    const las = new Las(file);
    await las.header();
    await las.curveParams().catch(() => null);
    await las.wellParams().catch(() => null);
    const data = await las.data();
    rows = data.length;
    cols = data[0]?.length ?? 0;
  } else {
    throw new Error(`unknown reader ${reader}`);
  }
  const ms = performance.now() - t0;
  return { reader, file, bytes, ms, parseMs, rows, cols };
}

function rssMB() {
  return process.resourceUsage().maxRSS / 1024;
}

async function single(reader, file) {
  try {
    // Steady state, for every reader alike: one untimed read first so the timed one runs
    // compiled code (a 1 GB read warms up on its own within the first few MB).
    if (statSync(file).size < 200e6) await measure(reader, file);
    const r = await measure(reader, file);
    console.log(JSON.stringify({ ...r, maxRssMB: rssMB(), ok: true, error: null }));
  } catch (e) {
    console.log(JSON.stringify({ reader, file, ok: false, error: String(e?.message ?? e).slice(0, 300), maxRssMB: rssMB() }));
  }
}

/** Timed reads of each corpus file (after the warm-up pass); the best one counts. */
const TIMED_READS = 3;

async function corpus(reader, listFile, start) {
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  // One untimed pass first, for every reader alike: the timed pass measures compiled code,
  // not the JIT warming up on 354 small files.
  if (start === 0) {
    for (const f of files) { console.log(JSON.stringify({ warm: true })); try { await measure(reader, f, false); } catch { /* timed pass records it */ } }
  }
  for (let i = start; i < files.length; i++) {
    console.log(JSON.stringify({ start: i }));
    try {
      // Best of TIMED_READS, for every reader alike (a single read of a small file is mostly
      // noise: a GC or a timer tick); the first timed read is reported beside it.
      let r = await measure(reader, files[i], false);
      const firstMs = r.ms;
      for (let k = 1; k < TIMED_READS; k++) {
        const again = await measure(reader, files[i], false);
        if (again.ms < r.ms) r = again;
      }
      console.log(JSON.stringify({ i, ok: true, bytes: r.bytes, ms: r.ms, firstMs, rows: r.rows, cols: r.cols }));
    } catch (e) {
      console.log(JSON.stringify({ i, ok: false, bytes: statSync(files[i]).size, error: String(e?.message ?? e).slice(0, 200) }));
    }
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'corpus') await corpus(args[0], args[1], Number(args[2] ?? 0));
else await single(mode, args[0]);
