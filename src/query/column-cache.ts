/**
 * Decoded curve columns, by blob and column. Blobs are content-addressed and never change,
 * so an entry can never go stale: it is only evicted, least recently used first, when the
 * cache holds more than its byte budget. Shared by every workspace in the process (the same
 * hash is the same content wherever it is stored).
 */
export class ColumnCache {
  private readonly entries = new Map<string, Float64Array>();
  private bytes = 0;

  constructor(private budget: number) {}

  static key(sha256: string, column: string): string {
    return `${sha256}/${column}`;
  }

  get(key: string): Float64Array | undefined {
    const v = this.entries.get(key);
    if (v) {
      // Re-insert: a Map iterates in insertion order, so the first entry is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, values: Float64Array): void {
    const old = this.entries.get(key);
    if (old) { this.bytes -= old.byteLength; this.entries.delete(key); }
    this.entries.set(key, values);
    this.bytes += values.byteLength;
    this.evict();
  }

  /** Bytes held now. */
  get size(): number {
    return this.bytes;
  }

  setBudget(bytes: number): void {
    this.budget = bytes;
    this.evict();
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private evict(): void {
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(k);
      this.bytes -= v.byteLength;
    }
  }
}

/** 256 MB: a few hundred wells of display curves. */
export const columnCache = new ColumnCache(256 * 1024 * 1024);
