import { CurveDataError } from './curve-data-error.js';
import { gridPointsBetween, type DepthGrid } from './depth-grid.js';
import { orderNativeDepths, type NativeDepths } from './native-depths.js';
import { applyLinear, planLinear } from './resample-linear.js';

export type { DepthGrid } from './depth-grid.js';

/**
 * - linear: between the two native samples bracketing the grid point, if both are non-NULL
 *   and no more than maxGap apart; a NULL neighbour or a wider gap gives NULL.
 * - nearest: the nearest non-NULL native sample within maxGap/2 (a tie goes to the shallower).
 * - step: the last native sample at or above (depth <= grid depth), within maxGap; that
 *   sample's value, NULL included (a step curve holds each value down to the next sample).
 */
export type ResampleMethod = 'linear' | 'nearest' | 'step';

export interface ResampleOptions {
  /** Widest native gap bridged, in grid units; default 2.5 × the native median step. */
  maxGap?: number;
  /** Multiply a native depth by this to get grid units (0.3048 for feet onto metres). */
  depthFactor?: number;
}

/** Multiple of the native median step bridged when the caller does not say. */
const DEFAULT_GAP_STEPS = 2.5;

/**
 * A grid point within this fraction of a step of a native depth is that depth: after a
 * ft→m conversion, 1000.5 ft × 0.3048 and the 304.9524 m grid point differ in the last bit,
 * and the user still expects the sample's own value there, not an interpolation 1e-16 away.
 */
const COINCIDENCE_TOLERANCE = 1e-9;

/**
 * Values of one curve at the given grid depths (NaN = NULL; non-finite values count as
 * NULL). Grid depths may run either way but must be monotonic; NaN grid depths give NULL.
 * Values at a grid point that coincides with a native depth are that sample's value exactly.
 * O(n + m) after ordering the native depths (O(n) when they are monotonic).
 */
export function resampleCurve(
  depths: Float64Array,
  values: Float64Array,
  gridDepths: Float64Array,
  method: ResampleMethod,
  opts: ResampleOptions = {},
): Float64Array {
  checkSameLength(depths, values);
  const native = orderNativeDepths(depths, opts.depthFactor ?? 1);
  return resampleOrdered(native, values, gridDepths, method, { maxGap: opts.maxGap });
}

/**
 * Resamples every curve of a log run onto the grid points covering the run's depth range
 * (see gridPointsFor). The depth column is ordered once for all curves. `method` is one for
 * all curves or one per curve.
 */
export function resampleRun(
  depths: Float64Array,
  curves: Float64Array[],
  grid: DepthGrid,
  method: ResampleMethod | ResampleMethod[],
  depthFactor = 1,
): { depths: Float64Array; curves: Float64Array[] } {
  if (Array.isArray(method) && method.length !== curves.length) {
    throw new CurveDataError('length-mismatch', `${method.length} methods for ${curves.length} curves`, {
      argument: 'method',
    });
  }
  curves.forEach((values, c) => checkSameLength(depths, values, c));
  return resampleOrderedRun(orderNativeDepths(depths, depthFactor), curves, grid, method);
}

/**
 * {@link resampleRun} for a caller that ordered the depth column itself (ingest orders it
 * once for resampling and coverage alike). `curves` are in file row order, as in resampleRun.
 */
export function resampleOrderedRun(
  native: NativeDepths,
  curves: Float64Array[],
  grid: DepthGrid,
  method: ResampleMethod | ResampleMethod[],
): { depths: Float64Array; curves: Float64Array[] } {
  const n = native.depths.length;
  const gridDepths = n === 0 ? new Float64Array(0) : gridPointsBetween(grid, native.depths[0], native.depths[n - 1]);
  if (method === 'linear' && curves.length > 0) {
    // The usual case: one linear plan for every curve, reading values in file row order.
    const plan = planLinear(native.depths, native.rows, gridDepths, true, coincidenceTolerance(native, grid.step), defaultGap(native));
    return { depths: gridDepths, curves: curves.map((values) => applyLinear(plan, values)) };
  }
  const out = curves.map((values, c) =>
    // gridPointsBetween's points ascend: no need to check the direction once per curve.
    resampleOrdered(native, values, gridDepths, Array.isArray(method) ? method[c] : method, { gridStep: grid.step, curve: c, ascending: true }),
  );
  return { depths: gridDepths, curves: out };
}

/**
 * The core, for callers that ordered the native depths themselves. `ascending` is for a
 * caller that made the grid and knows its direction (the check is a pass over the grid).
 */
export function resampleOrdered(
  native: NativeDepths,
  values: Float64Array,
  gridDepths: Float64Array,
  method: ResampleMethod,
  opts: { maxGap?: number; gridStep?: number; curve?: number; ascending?: boolean } = {},
): Float64Array {
  const { maxGap, curve } = opts;
  const gap = maxGap ?? defaultGap(native);
  if (!(gap >= 0)) {
    throw new CurveDataError('bad-max-gap', `maxGap must be a number >= 0, got ${maxGap}`, { argument: 'maxGap', curve });
  }
  const ascending = opts.ascending ?? gridDirection(gridDepths, curve);
  const tolerance = coincidenceTolerance(native, opts.gridStep ?? gridSpacing(gridDepths));

  const ordered = orderedValues(native.rows, values);
  const scan: Scan = { depths: native.depths, values: ordered, grid: gridDepths, ascending, out: new Float64Array(gridDepths.length), tolerance };
  switch (method) {
    case 'linear':
      linear(scan, gap);
      break;
    case 'nearest':
      nearest(scan, gap / 2);
      break;
    case 'step':
      step(scan, gap);
      break;
    default:
      throw new CurveDataError('bad-method', `unknown resample method '${String(method)}'`, { argument: 'method', curve });
  }
  return scan.out;
}

/**
 * The values in native depth order, non-finite ones as NaN. A function of its own: as a loop
 * inside resampleOrdered it was compiled on the fly mid-loop (OSR) before the code after it
 * had run, and thrown away again on every call.
 */
function orderedValues(rows: Int32Array, values: Float64Array): Float64Array {
  const n = rows.length;
  const ordered = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[rows[i]];
    ordered[i] = Number.isFinite(v) ? v : NaN;
  }
  return ordered;
}

interface Scan {
  /** Native depths, strictly ascending, grid units. */
  depths: Float64Array;
  /** Native values in the same order, NaN = NULL. */
  values: Float64Array;
  grid: Float64Array;
  ascending: boolean;
  out: Float64Array;
  tolerance: number;
}

function linear(s: Scan, maxGap: number): void {
  s.out.set(applyLinear(planLinear(s.depths, null, s.grid, s.ascending, s.tolerance, maxGap), s.values));
}

function nearest(s: Scan, reach: number): void {
  const { depths: D, values: V, grid, out, tolerance: tol } = s;
  // Only non-NULL samples are candidates, so compact them first.
  let c = 0;
  const ND = new Float64Array(D.length);
  const NV = new Float64Array(D.length);
  for (let i = 0; i < D.length; i++) {
    if (Number.isNaN(V[i])) continue;
    ND[c] = D[i];
    NV[c] = V[i];
    c++;
  }
  const m = grid.length;
  let p = -1; // last candidate depth <= g
  for (let q = 0; q < m; q++) {
    const k = s.ascending ? q : m - 1 - q;
    const g = grid[k];
    if (Number.isNaN(g)) {
      out[k] = NaN;
      continue;
    }
    while (p + 1 < c && ND[p + 1] <= g) p++;
    const above = p >= 0 ? g - ND[p] : Infinity;
    const below = p + 1 < c ? ND[p + 1] - g : Infinity;
    // Ties go to the shallower sample, as in step; a tie spoilt by rounding (the two
    // distances a few ulps apart) is still a tie.
    if (above <= below || above - below <= tol) out[k] = above <= reach + tol && p >= 0 ? NV[p] : NaN;
    else out[k] = below <= reach + tol ? NV[p + 1] : NaN;
  }
}

function step(s: Scan, maxGap: number): void {
  const { depths: D, values: V, grid, out, tolerance: tol } = s;
  const n = D.length;
  const m = grid.length;
  let j = -1; // last native depth <= g + tol
  for (let q = 0; q < m; q++) {
    const k = s.ascending ? q : m - 1 - q;
    const g = grid[k];
    if (Number.isNaN(g)) {
      out[k] = NaN;
      continue;
    }
    while (j + 1 < n && D[j + 1] <= g + tol) j++;
    out[k] = j >= 0 && g - D[j] <= maxGap + tol ? V[j] : NaN;
  }
}

function defaultGap(native: NativeDepths): number {
  return Number.isFinite(native.medianStep) ? DEFAULT_GAP_STEPS * native.medianStep : 0;
}

function checkSameLength(depths: Float64Array, values: Float64Array, curve?: number): void {
  if (values.length !== depths.length) {
    throw new CurveDataError('length-mismatch', `${values.length} values for ${depths.length} depths`, {
      argument: 'values',
      curve,
    });
  }
}

/** True when ascending (or fewer than two points); throws when the grid turns back. */
function gridDirection(grid: Float64Array, curve?: number): boolean {
  let ascending = true;
  let descending = true;
  let previous = NaN;
  for (let i = 0; i < grid.length; i++) {
    const g = grid[i];
    if (Number.isNaN(g)) continue;
    if (g < previous) ascending = false;
    else if (g > previous) descending = false;
    if (!ascending && !descending) {
      throw new CurveDataError('grid-not-monotonic', 'grid depths must be monotonic', {
        argument: 'gridDepths',
        curve,
        index: i,
      });
    }
    previous = g;
  }
  return ascending;
}

/** Average spacing of a monotonic grid (0 for fewer than two finite points). */
function gridSpacing(grid: Float64Array): number {
  let first = NaN;
  let last = NaN;
  let count = 0;
  for (let i = 0; i < grid.length; i++) {
    if (Number.isNaN(grid[i])) continue;
    if (count === 0) first = grid[i];
    last = grid[i];
    count++;
  }
  return count < 2 ? 0 : Math.abs(last - first) / (count - 1);
}

/**
 * Scaled to the coarser of the native and grid spacings. With neither (one native sample, at
 * most one grid point) it falls back to a few ulps of the depth, enough to absorb a unit
 * conversion's last-bit difference.
 */
function coincidenceTolerance(native: NativeDepths, gridStep: number): number {
  const scale = Math.max(Number.isFinite(native.medianStep) ? native.medianStep : 0, Number.isFinite(gridStep) ? gridStep : 0);
  if (scale > 0) return COINCIDENCE_TOLERANCE * scale;
  const n = native.depths.length;
  return n === 0 ? 0 : 4 * Number.EPSILON * Math.max(Math.abs(native.depths[0]), Math.abs(native.depths[n - 1]));
}
