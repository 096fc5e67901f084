/**
 * A worker thread that reads, hashes and parses source files, so the JS thread is free for
 * the rest of an ingest (resampling, statistics, feeding DuckDB, SQLite). The model comes
 * back with its number columns and the file's bytes transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { readSourceFile, parseSourceBytes, type ParseRequest, type ParseReply } from './source-parse.js';

parentPort!.on('message', (req: ParseRequest) => {
  void (async () => {
    let reply: ParseReply;
    const transfer: ArrayBuffer[] = [];
    try {
      const prep = await parseSourceBytes(await readSourceFile(req.path), req.opts, async () => {});
      // Own buffers only: a small file's bytes may sit in Node's shared Buffer pool.
      if (prep.bytes.byteLength !== prep.bytes.buffer.byteLength) prep.bytes = new Uint8Array(prep.bytes);
      transfer.push(prep.bytes.buffer as ArrayBuffer);
      for (const set of prep.las?.sets ?? []) {
        for (const c of set.curves) {
          if (c.data instanceof Float64Array && !transfer.includes(c.data.buffer as ArrayBuffer)) transfer.push(c.data.buffer as ArrayBuffer);
        }
      }
      reply = { id: req.id, prep };
    } catch (err) {
      reply = { id: req.id, failure: err instanceof Error ? err.stack ?? err.message : String(err) };
      transfer.length = 0;
    }
    parentPort!.postMessage(reply, transfer);
  })();
});
