import { CurveDataError } from './curve-data-error.js';
import { orderNativeDepths, type NativeDepths } from './native-depths.js';

/**
 * Summary of one curve. NULL is NaN; ±Infinity is counted as NULL too (no log measures an
 * infinity, and one would poison mean and stdDev). count + nullCount = number of values.
 * stdDev is the population standard deviation (divides by count): it describes the curve
 * as logged, it does not estimate anything. Null when count is 0.
 */
export interface CurveStats {
  count: number;
  nullCount: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  stdDev: number | null;
}

/** A run of non-NULL samples: top and base are the first and last sample depths (top <= base). */
export interface CoverageInterval {
  top: number;
  base: number;
  /** Non-NULL samples in the interval (distinct depths). */
  rows: number;
}

/** Where there is no value, with top < base. */
export interface CoverageGap {
  top: number;
  base: number;
  /** `null`: samples exist but are NULL; `missing-depth`: the depth column jumps. */
  kind: 'null' | 'missing-depth';
}

/**
 * Intervals and gaps tile [shallowest, deepest] depth without overlap, ordered by depth.
 * An interval may have top = base (a single non-NULL sample between gaps); gaps never do.
 */
export interface Coverage {
  intervals: CoverageInterval[];
  gaps: CoverageGap[];
}

/**
 * Two passes: sums, then squared deviations from the mean, with the correction term of the
 * "corrected two-pass" algorithm (Chan, Golub & LeVeque), which is stable where the naive sum
 * of squares cancels (1e9 + small) and, unlike Welford's update, needs no division per value.
 */
export function curveStats(values: Float64Array): CurveStats {
  const acc = sums(values);
  const count = acc[0];
  const min = acc[2];
  const max = acc[3];
  if (count === 0) return { count, nullCount: values.length, min: null, max: null, mean: null, stdDev: null };
  // The mean can land an ulp outside [min, max]; a stored mean outside it would fail fsck.
  const mean = Math.min(Math.max(acc[1] / count, min), max);
  const m2 = squaredDeviations(values, mean, count);
  return { count, nullCount: values.length - count, min, max, mean, stdDev: Math.sqrt(Math.max(m2, 0) / count) };
}

/**
 * The loops of curveStats as functions of their own: V8 compiled a loop mid-call (OSR)
 * before the code after it had run and threw the code away again, call after call.
 * Returns [count, sum, min, max] of the finite values.
 */
function sums(values: Float64Array): Float64Array {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    count++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return Float64Array.of(count, sum, min, max);
}

/** Σ(x − mean)² over the finite values, less (Σ(x − mean))² / count, which cancels the mean's rounding. */
function squaredDeviations(values: Float64Array, mean: number, count: number): number {
  let sq = 0;
  let dev = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    const d = x - mean;
    sq += d * d;
    dev += d;
  }
  return sq - (dev * dev) / count;
}

/**
 * Stored statistics against recomputed ones (fsck). Counts must match exactly; min and max
 * exactly too unless relTol allows (they are copied values, not sums); mean and stdDev within
 * relTol of the curve's magnitude (max |min|, |max|), so a mean near zero is not held to a
 * tolerance relative to itself.
 */
export function statsConsistent(a: CurveStats, b: CurveStats, relTol = 1e-9): boolean {
  if (a.count !== b.count || a.nullCount !== b.nullCount) return false;
  const scale = Math.max(magnitude(a), magnitude(b));
  return (
    close(a.min, b.min, relTol, scale) &&
    close(a.max, b.max, relTol, scale) &&
    close(a.mean, b.mean, relTol, scale) &&
    close(a.stdDev, b.stdDev, relTol, scale)
  );
}

function magnitude(s: CurveStats): number {
  return Math.max(Math.abs(s.min ?? 0), Math.abs(s.max ?? 0));
}

function close(x: number | null, y: number | null, relTol: number, scale: number): boolean {
  if (x === null || y === null) return x === y;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return Math.abs(x - y) <= relTol * Math.max(Math.abs(x), Math.abs(y), scale);
}

/**
 * Where a curve has values. Depths may run either way and hold NaN (those rows are skipped)
 * or repeats (the first row wins); results are in the depth unit given, top < base.
 *
 * The depth axis is cut at every sample into steps. A step wider than gapFactor × the median
 * step is missing depth; a step between two non-NULL samples belongs to an interval; any other
 * step touches a NULL sample and belongs to a null gap. So an interval runs from its first to
 * its last non-NULL sample, and a null gap from the last value before it to the first value
 * after it (or to the end of the log, or to a jump). Consecutive null steps merge into one
 * gap; each depth jump is its own missing-depth gap.
 */
export function curveCoverage(depths: Float64Array, values: Float64Array, opts: { gapFactor?: number; ordered?: NativeDepths } = {}): Coverage {
  const gapFactor = opts.gapFactor ?? 1.5;
  if (!(Number.isFinite(gapFactor) && gapFactor > 0)) {
    throw new CurveDataError('bad-gap-factor', `gapFactor must be a positive finite number, got ${gapFactor}`, {
      argument: 'gapFactor',
    });
  }
  if (values.length !== depths.length) {
    throw new CurveDataError('length-mismatch', `${values.length} values for ${depths.length} depths`, {
      argument: 'values',
    });
  }
  // A caller scanning many curves of one run orders the depths once (`ordered` must be
  // orderNativeDepths(depths)); ordering is most of the cost for a short curve.
  const native = opts.ordered ?? orderNativeDepths(depths);
  const D = native.depths;
  const n = D.length;
  const widest = Number.isFinite(native.medianStep) ? gapFactor * native.medianStep : Infinity;
  const rows = native.rows;

  const intervals: CoverageInterval[] = [];
  const gaps: CoverageGap[] = [];
  // A null gap merges with the previous one unless an interval (maybe a single sample) lies
  // between. Missing-depth gaps never merge: each is one jump, and two in a row have a
  // (NULL) sample between them that a merged gap would hide.
  let intervalsAtLastGap = -1;
  const addGap = (top: number, base: number, kind: CoverageGap['kind']): void => {
    const last = gaps[gaps.length - 1];
    if (kind === 'null' && last?.kind === 'null' && last.base === top && intervals.length === intervalsAtLastGap) {
      last.base = base;
    } else {
      gaps.push({ top, base, kind });
    }
    intervalsAtLastGap = intervals.length;
  };

  // First sample of the current interval; every sample in an interval is non-NULL (a NULL
  // one ends it), so its rows are its length.
  let runStart = -1;
  // Each sample's NULL test is done once: a step's far end is the next step's near end.
  let valued = n > 0 && Number.isFinite(values[rows[0]]);
  for (let i = 0; i < n; i++) {
    if (valued && runStart < 0) runStart = i;
    if (i === n - 1) {
      if (runStart >= 0) intervals.push({ top: D[runStart], base: D[i], rows: i - runStart + 1 });
      break;
    }
    const next = i + 1;
    const wide = D[next] - D[i] > widest;
    const nextValued = Number.isFinite(values[rows[next]]);
    if (runStart >= 0 && (wide || !nextValued)) {
      intervals.push({ top: D[runStart], base: D[i], rows: i - runStart + 1 });
      runStart = -1;
    }
    if (wide) addGap(D[i], D[next], 'missing-depth');
    else if (!valued || !nextValued) addGap(D[i], D[next], 'null');
    valued = nextValued;
  }
  return { intervals, gaps };
}
