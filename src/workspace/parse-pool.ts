/**
 * Parses source files in a worker thread when running from the built code (the worker is
 * compiled JS; under a TypeScript test runner the file next to this one is .ts and the parse
 * runs on the JS thread instead, with the same result). One worker: parsing is one of three
 * streams of work an ingest keeps busy (parse, the JS thread's derive and commit, DuckDB's
 * encoding), and a two-core machine has no room for a second.
 */
import { Worker } from 'node:worker_threads';
import { prepareFile, type ParseOptions, type ParseReply, type PreparedFile } from './source-parse.js';

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);
const CAN_USE_WORKER = import.meta.url.endsWith('.js');

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (p: PreparedFile) => void; reject: (e: Error) => void }>();

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_URL);
  w.on('message', (reply: ParseReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.prep) p.resolve(reply.prep);
    else p.reject(new Error(`the parse worker failed: ${reply.failure}`));
    if (pending.size === 0) w.unref();
  });
  w.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = null;
  });
  worker = w;
  return w;
}

/** Reads, hashes and parses a file off the JS thread where it can. */
export function prepareInWorker(path: string, opts: ParseOptions): Promise<PreparedFile> {
  if (!CAN_USE_WORKER) return prepareFile(path, opts);
  const w = theWorker();
  const id = ++nextId;
  return new Promise<PreparedFile>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, path, opts: { map: opts.map, nullPolicy: opts.nullPolicy, encoding: opts.encoding } });
  });
}
