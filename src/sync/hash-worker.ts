/**
 * SHA-256 of a file, computed on a worker thread. Both ends of a blob transfer hash every byte
 * they keep (the server before an upload becomes a blob, the client before a download does);
 * on the event loop that was the largest single cost of a push or a pull, while the event
 * loop is what moves the bytes. The worker reads the file itself (just written, so from the
 * page cache): the event loop sends one message per blob and copies nothing.
 *
 * One worker per process, started on first use and never keeping the process alive when idle.
 * If it fails, the hash is computed on the event loop instead: slower, same answer.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** CommonJS source evaluated in place, so no separate file has to be found at run time (tsc output and vitest alike). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buf = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, path }) => {
  try {
    const h = createHash('sha256');
    const fd = openSync(path, 'r');
    try {
      for (let pos = 0; ; ) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) break;
        h.update(buf.subarray(0, n));
        pos += n;
      }
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ id, hex: h.digest('hex') });
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

type Answer = { id: number; hex?: string; error?: string };
type Pending = { resolve: (hex: string) => void; reject: (e: Error) => void };

class HashWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  hash(path: string): Promise<string> {
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Referenced only while an answer is awaited: an idle worker never keeps the process alive.
      if (this.pending.size === 1) w.ref();
      w.postMessage({ id, path });
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref();
    w.on('message', (m: Answer) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (!p) return;
      if (m.hex !== undefined) p.resolve(m.hex);
      else p.reject(new Error(m.error ?? 'the hash worker gave no answer'));
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the hash worker stopped (exit code ${code})`)));
    this.worker = w;
    return w;
  }
}

const shared = new HashWorker();

/** The file's sha256 (hex), hashed off the event loop; any failure there is retried on it (so a real read error is thrown from there). */
export async function sha256FileOffThread(path: string): Promise<string> {
  try {
    return await shared.hash(path);
  } catch {
    return sha256OnLoop(path);
  }
}

async function sha256OnLoop(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}
