import type { CurveKind, CurveValues } from './model.js';

/**
 * Growable storage for one curve's values. Numbers live in a Float64Array (NaN = NULL);
 * a numeric column that meets text it cannot read as a number turns into a text column,
 * keeping what it had, so nothing the file says is lost or silently altered.
 */
export class ColumnBuilder {
  /** Exposed for the reader's hot loop; use the methods elsewhere. */
  nums: Float64Array;
  strs: (string | null)[] | null;
  length = 0;
  /** First text found in a numeric column, for the problem report. */
  firstText: { text: string; line: number; column: number } | null = null;

  constructor(public kind: CurveKind, capacity = 1024) {
    this.nums = new Float64Array(kind === 'number' ? capacity : 0);
    this.strs = kind === 'number' ? null : [];
  }

  get isText(): boolean {
    return this.strs !== null;
  }

  pushNumber(x: number): void {
    if (this.strs) { this.strs.push(Number.isNaN(x) ? null : String(x)); this.length++; return; }
    if (this.length === this.nums.length) this.grow();
    this.nums[this.length++] = x;
  }

  pushText(s: string | null): void {
    if (!this.strs) this.toText();
    this.strs!.push(s);
    this.length++;
  }

  grow(): void {
    const next = new Float64Array(Math.max(64, this.nums.length * 2));
    next.set(this.nums);
    this.nums = next;
  }

  private toText(): void {
    const strs: (string | null)[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) strs[i] = Number.isNaN(this.nums[i]) ? null : String(this.nums[i]);
    this.strs = strs;
    this.nums = new Float64Array(0);
    if (this.kind === 'number') this.kind = 'string';
  }

  /**
   * The values so far; the builder is emptied (text columns stay text). `last` says no more
   * values follow, so no fresh buffer is allocated for them.
   */
  take(last = false): CurveValues {
    let out: CurveValues;
    if (this.strs) { out = this.strs; this.strs = []; }
    else {
      // A well-sized buffer is handed over as is: copying a large column costs as much as parsing it.
      out = this.length >= this.nums.length * 0.9 ? this.nums.subarray(0, this.length) : this.nums.slice(0, this.length);
      this.nums = new Float64Array(last ? 0 : Math.max(1024, Math.min(this.length, 1 << 20)));
    }
    this.length = 0;
    return out;
  }
}
