/**
 * Reusable buffers of one size. Uploads read every blob byte into a buffer before the socket
 * takes it; allocating a fresh one per read made the garbage collector a large share of a
 * push. A buffer must only come back once nothing refers to its bytes any more.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(readonly size: number, private readonly keep: number) {}

  acquire(): Buffer {
    return this.takeFree() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** A pooled buffer, or undefined when none is free (the caller decides whether to allocate). */
  takeFree(): Buffer | undefined {
    return this.free.pop();
  }

  release(buf: Buffer): void {
    // Beyond `keep` the buffer is left to the collector: the pool never grows without bound.
    if (buf.length === this.size && this.free.length < this.keep) this.free.push(buf);
  }
}
