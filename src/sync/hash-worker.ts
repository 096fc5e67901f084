/**
 * SHA-256 of blob bytes on a worker thread. Both ends hash every byte they move, which on the
 * JS thread cost about an eighth of a push or pull (as much as writing the bytes); the worker
 * does it on another core while the event loop serves sockets and files.
 *
 * Bytes travel in 1 MiB buffers that are transferred to the worker (not copied) and back, so
 * they are reused; a writer waits for one when too many are out (the worker falls behind).
 * If the worker dies, every running hash answers `null`: the caller hashes the file instead.
 */
import { Worker } from 'node:worker_threads';
import { BufferPool } from '../workspace/buffer-pool.js';

/** Plain CommonJS evaluated as the worker, so it runs from the built package and the TypeScript sources alike. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const states = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'update') {
    let h = states.get(m.id);
    if (!h) { h = createHash('sha256'); states.set(m.id, h); }
    h.update(new Uint8Array(m.buf, 0, m.len));
    parentPort.postMessage({ op: 'back', buf: m.buf }, [m.buf]);
  } else if (m.op === 'digest') {
    const h = states.get(m.id) ?? createHash('sha256');
    states.delete(m.id);
    parentPort.postMessage({ op: 'digest', id: m.id, hex: h.digest('hex') });
  } else if (m.op === 'drop') {
    states.delete(m.id);
  }
});`;

export const HASH_BUFFER_BYTES = 1 << 20;
/** Buffers out at the worker before writers wait: bounds the memory a slow worker can hold. */
const MAX_OUT = 32;

type WorkerMessage = { op: 'back'; buf: ArrayBuffer } | { op: 'digest'; id: number; hex: string };

class HashThread {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  private readonly pool = new BufferPool(HASH_BUFFER_BYTES, MAX_OUT);
  private out = 0;
  private readonly waiting: ((b: Buffer) => void)[] = [];
  private readonly digests = new Map<number, (hex: string | null) => void>();

  /** A buffer to fill (from the pool, new, or the next one the worker gives back). */
  acquire(): Promise<Buffer> | Buffer {
    const b = this.pool.takeFree();
    if (b) return b;
    if (this.broken || this.out + this.waiting.length < MAX_OUT) return Buffer.allocUnsafeSlow(HASH_BUFFER_BYTES);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A buffer that will not go to the worker after all. */
  release(buf: Buffer): void {
    const w = this.waiting.shift();
    if (w) w(buf);
    else this.pool.release(buf);
  }

  newId(): number {
    return this.nextId++;
  }

  /** Hands the first `len` bytes of `buf` to hash `id`; `buf` is unusable afterwards (transferred). */
  update(id: number, buf: Buffer, len: number): boolean {
    const w = this.started();
    if (!w) { this.release(buf); return false; }
    this.out++;
    this.busy();
    const ab = buf.buffer as ArrayBuffer;
    w.postMessage({ op: 'update', id, buf: ab, len }, [ab]);
    return true;
  }

  digest(id: number): Promise<string | null> {
    const w = this.started();
    if (!w) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.digests.set(id, resolve);
      this.busy();
      w.postMessage({ op: 'digest', id });
    });
  }

  drop(id: number): void {
    this.worker?.postMessage({ op: 'drop', id });
  }

  private started(): Worker | null {
    if (this.broken) return null;
    if (this.worker) return this.worker;
    try {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.on('message', (m: WorkerMessage) => this.answer(m));
      w.on('error', () => this.fail());
      w.on('exit', () => this.fail());
      w.unref();
      this.worker = w;
      return w;
    } catch {
      this.broken = true;
      return null;
    }
  }

  private answer(m: WorkerMessage): void {
    if (m.op === 'back') {
      this.out--;
      this.release(Buffer.from(m.buf));
    } else {
      this.digests.get(m.id)?.(m.hex);
      this.digests.delete(m.id);
    }
    this.idleIfDone();
  }

  private fail(): void {
    this.broken = true;
    this.worker = null;
    for (const resolve of this.digests.values()) resolve(null);
    this.digests.clear();
    this.out = 0;
    for (const w of this.waiting.splice(0)) w(Buffer.allocUnsafeSlow(HASH_BUFFER_BYTES));
  }

  // The worker keeps the process alive only while an answer is awaited: an idle one must not
  // hold a finished CLI command open, a busy one must not let it exit with a digest pending.
  private busy(): void {
    this.worker?.ref();
  }

  private idleIfDone(): void {
    if (this.out === 0 && this.digests.size === 0) this.worker?.unref();
  }
}

const thread = new HashThread();

/** One running SHA-256 whose bytes are hashed on the worker, in the order they are given. */
export class OffThreadHash {
  private readonly id = thread.newId();
  private lost = false;
  private done = false;

  acquire(): Promise<Buffer> | Buffer {
    return thread.acquire();
  }

  release(buf: Buffer): void {
    thread.release(buf);
  }

  /** Adds `buf`'s first `len` bytes; the buffer goes to the worker (do not touch it again). */
  update(buf: Buffer, len: number): void {
    if (!thread.update(this.id, buf, len)) this.lost = true;
  }

  /** The hex digest; null if the worker failed meanwhile (hash the bytes another way). */
  async digest(): Promise<string | null> {
    this.done = true;
    if (this.lost) { thread.drop(this.id); return null; }
    return thread.digest(this.id);
  }

  /** Forgets the state without a digest (an abandoned or inconsistent hash). */
  drop(): void {
    if (this.done) return;
    this.done = true;
    thread.drop(this.id);
  }
}
