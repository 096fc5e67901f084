/**
 * Linear resampling in two steps: where each grid point falls among the native depths (the
 * bracketing samples and the fraction between them) is the same for every curve of a run,
 * so it is planned once; each curve then only reads two values and interpolates. The
 * arithmetic is the one-step method's, operation for operation, so the values are identical.
 */

export interface LinearPlan {
  /** Per grid point: the row of the sample at or just above it, or -1 when the result is NULL whatever the values. */
  lo: Int32Array;
  /** The row of the sample below it, or -1 when the grid point coincides with `lo`'s depth. */
  hi: Int32Array;
  /** (g − d0) / (d1 − d0) where interpolating. */
  t: Float64Array;
}

/**
 * `depths` strictly ascending (grid units); `rows[i]` is the value row of depths[i] (null:
 * the values will be in depth order already). Grid points may run either way; NaN ones give
 * NULL. A grid point within `tol` of a sample is that sample; no extrapolation; two samples
 * more than `maxGap` apart are not bridged.
 */
export function planLinear(depths: Float64Array, rows: Int32Array | null, grid: Float64Array, ascending: boolean, tol: number, maxGap: number): LinearPlan {
  const D = depths;
  const n = D.length;
  const m = grid.length;
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  const t = new Float64Array(m);
  const row = (i: number) => (rows === null ? i : rows[i]);
  let j = -1; // last native depth <= g + tol
  for (let q = 0; q < m; q++) {
    const k = ascending ? q : m - 1 - q;
    const g = grid[k];
    lo[k] = -1;
    hi[k] = -1;
    if (Number.isNaN(g)) continue;
    while (j + 1 < n && D[j + 1] <= g + tol) j++;
    if (j >= 0 && g - D[j] <= tol) {
      lo[k] = row(j); // coinciding: the sample itself, no arithmetic
      continue;
    }
    if (j < 0 || j + 1 >= n) continue; // outside the native range: no extrapolation
    const d0 = D[j];
    const d1 = D[j + 1];
    if (d1 - d0 > maxGap) continue;
    lo[k] = row(j);
    hi[k] = row(j + 1);
    t[k] = (g - d0) / (d1 - d0);
  }
  return { lo, hi, t };
}

/** One curve through a plan; non-finite values are NULL. */
export function applyLinear(plan: LinearPlan, values: Float64Array): Float64Array {
  const { lo, hi, t } = plan;
  const m = lo.length;
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const a = lo[k];
    if (a < 0) {
      out[k] = NaN;
      continue;
    }
    const v0 = values[a];
    const b = hi[k];
    if (b < 0) {
      out[k] = Number.isFinite(v0) ? v0 : NaN;
      continue;
    }
    const v1 = values[b];
    if (!Number.isFinite(v0) || !Number.isFinite(v1)) {
      out[k] = NaN;
      continue;
    }
    const r = v0 + t[k] * (v1 - v0);
    // Rounding can land an ulp outside [v0, v1]; a resampled curve must never overshoot.
    out[k] = v0 < v1 ? Math.min(Math.max(r, v0), v1) : Math.min(Math.max(r, v1), v0);
  }
  return out;
}
