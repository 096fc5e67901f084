import { CurveDataError } from './curve-data-error.js';

/**
 * A log run's depth column put in order once, so every curve of the run can be resampled
 * or scanned for coverage with a single forward pass.
 */
export interface NativeDepths {
  /** Distinct finite depths, strictly ascending, multiplied by the depth factor. */
  depths: Float64Array;
  /** For each depth, the source row it came from: the first row (in file order) at that depth. */
  rows: Int32Array;
  /** Median spacing of `depths`; NaN when there are fewer than two distinct depths. */
  medianStep: number;
}

/**
 * Orders a depth column that may run down or up the hole, be irregular, hold NaN depths
 * (those rows are skipped: they have no position) and repeat depths (the first row wins, so a
 * repeated-section splice never silently replaces the main pass). Monotonic columns, the
 * normal case, are ordered in O(n); anything else falls back to a sort.
 */
export function orderNativeDepths(depths: Float64Array, depthFactor = 1): NativeDepths {
  checkDepthFactor(depthFactor);
  const n = depths.length;
  const scaled = new Float64Array(n);
  let finite = 0;
  let ascending = true;
  let descending = true;
  let previous = NaN;
  for (let i = 0; i < n; i++) {
    const d = depths[i] * depthFactor;
    scaled[i] = d;
    if (!Number.isFinite(d)) continue;
    if (finite > 0) {
      if (d < previous) ascending = false;
      else if (d > previous) descending = false;
    }
    previous = d;
    finite++;
  }

  const outDepths = new Float64Array(finite);
  const outRows = new Int32Array(finite);
  let m = 0;
  if (ascending) {
    for (let i = 0; i < n; i++) {
      const d = scaled[i];
      if (!Number.isFinite(d)) continue;
      if (m > 0 && d === outDepths[m - 1]) continue; // later repeat: the first row stays
      outDepths[m] = d;
      outRows[m] = i;
      m++;
    }
  } else if (descending) {
    for (let i = n - 1; i >= 0; i--) {
      const d = scaled[i];
      if (!Number.isFinite(d)) continue;
      if (m > 0 && d === outDepths[m - 1]) {
        outRows[m - 1] = i; // walking backwards, so this repeat is earlier in the file
        continue;
      }
      outDepths[m] = d;
      outRows[m] = i;
      m++;
    }
  } else {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(scaled[i])) order.push(i);
    order.sort((a, b) => scaled[a] - scaled[b] || a - b);
    for (const i of order) {
      const d = scaled[i];
      if (m > 0 && d === outDepths[m - 1]) continue;
      outDepths[m] = d;
      outRows[m] = i;
      m++;
    }
  }

  const sortedDepths = outDepths.subarray(0, m);
  return { depths: sortedDepths, rows: outRows.subarray(0, m), medianStep: medianSpacing(sortedDepths) };
}

export function checkDepthFactor(depthFactor: number): void {
  if (!(Number.isFinite(depthFactor) && depthFactor > 0)) {
    throw new CurveDataError('bad-depth-factor', `depth factor must be a positive finite number, got ${depthFactor}`, {
      argument: 'depthFactor',
    });
  }
}

/** Median of the steps of a strictly ascending array; NaN with fewer than two values. */
export function medianSpacing(ascending: Float64Array): number {
  const count = ascending.length - 1;
  if (count < 1) return NaN;
  const steps = new Float64Array(count);
  for (let i = 0; i < count; i++) steps[i] = ascending[i + 1] - ascending[i];
  return median(steps);
}

/**
 * Median by quickselect, O(n) on average; the even case averages the two middle values.
 * Reorders `scratch`. Hoare partitioning keeps a regular log (all steps equal) linear.
 */
export function median(scratch: Float64Array): number {
  const n = scratch.length;
  if (n === 0) return NaN;
  const upper = select(scratch, n >> 1);
  if (n % 2 === 1) return upper;
  // After selecting index n/2, everything left of it is <= it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (scratch[i] > lower) lower = scratch[i];
  return lower + (upper - lower) / 2;
}

function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    const pivot = medianOfThree(a[lo], a[mid], a[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
