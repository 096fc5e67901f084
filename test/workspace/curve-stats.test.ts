import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CurveDataError } from '../../src/workspace/curve-data-error.js';
import {
  curveCoverage,
  curveStats,
  statsConsistent,
  type Coverage,
  type CurveStats,
} from '../../src/workspace/curve-stats.js';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const range = (n: number, from = 0, step = 1): number[] => Array.from({ length: n }, (_, i) => from + i * step);

/** Two passes, the textbook way: sum for the mean, then squared deviations from it. */
function twoPass(xs: number[]): { count: number; mean: number; stdDev: number } {
  const finite = xs.filter(Number.isFinite);
  const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
  const variance = finite.reduce((s, x) => s + (x - mean) ** 2, 0) / finite.length;
  return { count: finite.length, mean, stdDev: Math.sqrt(variance) };
}

describe('curveStats', () => {
  it('hand case: count, nulls, min, max, mean, population std dev', () => {
    const s = curveStats(f64([1, NaN, 2, 3, Infinity, 4, -Infinity]));
    expect(s).toMatchObject({ count: 4, nullCount: 3, min: 1, max: 4, mean: 2.5 });
    expect(s.stdDev).toBeCloseTo(Math.sqrt(1.25), 15);
  });

  it('an empty or all-NULL curve has counts and nothing else', () => {
    expect(curveStats(f64([]))).toEqual({ count: 0, nullCount: 0, min: null, max: null, mean: null, stdDev: null });
    expect(curveStats(f64([NaN, NaN]))).toEqual({ count: 0, nullCount: 2, min: null, max: null, mean: null, stdDev: null });
    expect(curveStats(f64([7]))).toEqual({ count: 1, nullCount: 0, min: 7, max: 7, mean: 7, stdDev: 0 });
    expect(curveStats(f64([2.65, 2.65, 2.65])).stdDev).toBe(0);
  });

  it('stays accurate with a large offset, where the naive sum of squares cancels', () => {
    const xs = [4, 7, 13, 16].map((x) => 1e9 + x);
    const s = curveStats(f64(xs));
    expect(s.mean).toBe(1e9 + 10);
    expect(s.stdDev).toBeCloseTo(Math.sqrt(22.5), 6);
    // The one-pass sum-of-squares formula gets this badly wrong: the test above can fail.
    const n = xs.length;
    const naive = Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / n - (xs.reduce((a, x) => a + x, 0) / n) ** 2);
    expect(Math.abs(naive - Math.sqrt(22.5)) > 1e-3 || Number.isNaN(naive)).toBe(true);
  });

  it('equals a two-pass computation within 1e-12 of the data magnitude', () => {
    const value = fc.oneof(
      // Tiny magnitudes are flushed to 0: their squares underflow to subnormals, where neither
      // method (nor any float code) is accurate, and no log records 1e-161.
      { weight: 6, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((x) => (Math.abs(x) < 1e-100 ? 0 : x)) },
      { weight: 3, arbitrary: fc.double({ min: 2.0, max: 3.0, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity) },
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 2000 }), (xs) => {
        const s = curveStats(f64(xs));
        const ref = twoPass(xs);
        expect(s.count).toBe(ref.count);
        expect(s.nullCount).toBe(xs.length - ref.count);
        if (ref.count === 0) {
          expect(s.mean).toBeNull();
          return;
        }
        const finite = xs.filter(Number.isFinite);
        const scale = Math.max(...finite.map(Math.abs), Number.MIN_VALUE);
        // + 0 turns -0 into 0: which zero is the minimum is not a property of the curve.
        expect(s.min! + 0).toBe(Math.min(...finite) + 0);
        expect(s.max! + 0).toBe(Math.max(...finite) + 0);
        expect(Math.abs(s.mean! - ref.mean)).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(s.stdDev! - ref.stdDev)).toBeLessThanOrEqual(1e-12 * scale);
      }),
      { numRuns: 300 },
    );
  });
});

describe('statsConsistent', () => {
  const stored = curveStats(f64([2.1, 2.3, NaN, 2.65, 2.4]));

  it('accepts a recomputation in another order, rejects a changed curve', () => {
    expect(statsConsistent(stored, curveStats(f64([2.4, 2.65, NaN, 2.3, 2.1])))).toBe(true);
    expect(statsConsistent(stored, curveStats(f64([2.1, 2.3, 2.65, 2.4])))).toBe(false); // a NULL lost
    expect(statsConsistent(stored, curveStats(f64([2.1, 2.3, NaN, 2.65, 2.41])))).toBe(false);
  });

  it('compares mean and std dev relative to the magnitude; null only equals null', () => {
    const bump = (s: CurveStats, k: keyof CurveStats, by: number): CurveStats => ({ ...s, [k]: (s[k] as number) + by });
    expect(statsConsistent(stored, bump(stored, 'mean', 1e-12))).toBe(true);
    expect(statsConsistent(stored, bump(stored, 'mean', 1e-6))).toBe(false);
    expect(statsConsistent(stored, bump(stored, 'stdDev', 1e-6))).toBe(false);
    expect(statsConsistent(stored, bump(stored, 'mean', 1e-6), 1e-3)).toBe(true);
    const centred = curveStats(f64([-1, 1]));
    expect(statsConsistent(centred, { ...centred, mean: 1e-15 })).toBe(true);
    const empty = curveStats(f64([NaN]));
    expect(statsConsistent(empty, { ...empty, min: 0 })).toBe(false);
    expect(statsConsistent(stored, { ...stored, mean: NaN })).toBe(false);
  });
});

describe('curveCoverage', () => {
  it('a log with no gaps is one interval', () => {
    expect(curveCoverage(f64(range(10)), f64(range(10)))).toEqual({ intervals: [{ top: 0, base: 9, rows: 10 }], gaps: [] });
  });

  it('a NULL run is a null gap from the last value to the next', () => {
    const values = range(10).map((v) => (v === 3 || v === 4 ? NaN : v));
    expect(curveCoverage(f64(range(10)), f64(values))).toEqual({
      intervals: [
        { top: 0, base: 2, rows: 3 },
        { top: 5, base: 9, rows: 5 },
      ],
      gaps: [{ top: 2, base: 5, kind: 'null' }],
    });
  });

  it('a jump in depth is missing depth', () => {
    const depths = [0, 1, 2, 3, 10, 11, 12];
    expect(curveCoverage(f64(depths), f64(depths))).toEqual({
      intervals: [
        { top: 0, base: 3, rows: 4 },
        { top: 10, base: 12, rows: 3 },
      ],
      gaps: [{ top: 3, base: 10, kind: 'missing-depth' }],
    });
  });

  it('decreasing depths give the same coverage, top < base', () => {
    const depths = [0, 1, 2, 3, 10, 11, 12];
    const values = [1, NaN, 1, 1, 1, NaN, NaN];
    const up = curveCoverage(f64(depths), f64(values));
    expect(curveCoverage(f64([...depths].reverse()), f64([...values].reverse()))).toEqual(up);
    expect(up).toEqual({
      intervals: [
        { top: 0, base: 0, rows: 1 },
        { top: 2, base: 3, rows: 2 },
        { top: 10, base: 10, rows: 1 },
      ],
      gaps: [
        { top: 0, base: 2, kind: 'null' },
        { top: 3, base: 10, kind: 'missing-depth' },
        { top: 10, base: 12, kind: 'null' },
      ],
    });
  });

  it('leading and trailing NULLs are gaps to the ends of the log; a lone value splits two gaps', () => {
    expect(curveCoverage(f64(range(5)), f64([NaN, NaN, 5, NaN, NaN]))).toEqual({
      intervals: [{ top: 2, base: 2, rows: 1 }],
      gaps: [
        { top: 0, base: 2, kind: 'null' },
        { top: 2, base: 4, kind: 'null' },
      ],
    });
    expect(curveCoverage(f64(range(4)), f64([NaN, NaN, NaN, NaN]))).toEqual({
      intervals: [],
      gaps: [{ top: 0, base: 3, kind: 'null' }],
    });
  });

  it('the jump threshold is gapFactor × the median step', () => {
    const depths = [0, 1, 2, 3.4, 4.4, 6.4, 7.4];
    const cov = curveCoverage(f64(depths), f64(depths.map(() => 1)));
    expect(cov.gaps).toEqual([{ top: 4.4, base: 6.4, kind: 'missing-depth' }]);
    expect(curveCoverage(f64(depths), f64(depths.map(() => 1)), { gapFactor: 1.3 }).gaps).toEqual([
      { top: 2, base: 3.4, kind: 'missing-depth' },
      { top: 4.4, base: 6.4, kind: 'missing-depth' },
    ]);
    expect(curveCoverage(f64(depths), f64(depths.map(() => 1)), { gapFactor: 2.5 }).gaps).toEqual([]);
  });

  it('skips NaN depths, counts a repeated depth once (first row), and handles tiny inputs', () => {
    expect(curveCoverage(f64([0, NaN, 1, 1, 2]), f64([1, 1, NaN, 1, 1]))).toEqual({
      intervals: [
        { top: 0, base: 0, rows: 1 },
        { top: 2, base: 2, rows: 1 },
      ],
      gaps: [{ top: 0, base: 2, kind: 'null' }],
    });
    expect(curveCoverage(f64([]), f64([]))).toEqual({ intervals: [], gaps: [] });
    expect(curveCoverage(f64([5]), f64([1]))).toEqual({ intervals: [{ top: 5, base: 5, rows: 1 }], gaps: [] });
  });

  it('rejects a bad gapFactor and mismatched lengths', () => {
    expect(() => curveCoverage(f64([0, 1]), f64([0, 1]), { gapFactor: 0 })).toThrow(CurveDataError);
    expect(() => curveCoverage(f64([0, 1]), f64([0]))).toThrow(CurveDataError);
  });

  it('intervals and gaps tile the depth range without overlap', () => {
    const log = fc
      .array(
        fc.record({
          step: fc.oneof({ weight: 8, arbitrary: fc.constant(0.5) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((k) => k / 4) }),
          value: fc.oneof({ weight: 3, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(NaN) }),
        }),
        { minLength: 1, maxLength: 200 },
      )
      .chain((rows) => fc.tuple(fc.constant(rows), fc.boolean(), fc.double({ min: 1.01, max: 4, noNaN: true })));
    fc.assert(
      fc.property(log, ([rows, decreasing, gapFactor]) => {
        let depth = 1000;
        const samples = rows.map((r) => ({ d: (depth += r.step), v: r.value }));
        const ordered = decreasing ? [...samples].reverse() : samples;
        const cov = curveCoverage(f64(ordered.map((s) => s.d)), f64(ordered.map((s) => s.v)), { gapFactor });
        checkTiling(cov, samples);
      }),
      { numRuns: 500 },
    );
  });
});

/** `samples` ascending by depth, distinct depths. */
function checkTiling(cov: Coverage, samples: { d: number; v: number }[]): void {
  const pieces = [
    ...cov.intervals.map((p) => ({ ...p, kind: 'interval' as const })),
    ...cov.gaps.map((g) => ({ ...g, rows: 0 })),
  ].sort((a, b) => a.top - b.top || a.base - b.base);
  const top = samples[0].d;
  const base = samples[samples.length - 1].d;
  // A log of one NULL sample is a single point with nothing to report; anything longer is tiled.
  if (top === base && samples.every((s) => Number.isNaN(s.v))) {
    expect(pieces).toEqual([]);
    return;
  }
  expect(pieces[0].top).toBe(top);
  expect(pieces[pieces.length - 1].base).toBe(base);
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.kind === 'interval') expect(p.top).toBeLessThanOrEqual(p.base);
    else expect(p.top).toBeLessThan(p.base);
    if (i > 0) {
      expect(p.top).toBe(pieces[i - 1].base); // no hole, no overlap
      expect(p.kind === 'null' && pieces[i - 1].kind === 'null').toBe(false); // null runs merged
      expect(p.kind === 'interval' && pieces[i - 1].kind === 'interval').toBe(false);
    }
    const inside = samples.filter((s) => s.d > p.top && s.d < p.base);
    if (p.kind === 'missing-depth') expect(inside).toEqual([]);
    if (p.kind === 'null') expect(inside.every((s) => Number.isNaN(s.v))).toBe(true);
    if (p.kind === 'interval') {
      const all = samples.filter((s) => s.d >= p.top && s.d <= p.base);
      expect(all.every((s) => !Number.isNaN(s.v))).toBe(true);
      expect(all.length).toBe(p.rows);
    }
  }
  const valued = samples.filter((s) => !Number.isNaN(s.v)).length;
  expect(cov.intervals.reduce((n, p) => n + p.rows, 0)).toBe(valued);
}
