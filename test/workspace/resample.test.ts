import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CurveDataError } from '../../src/workspace/curve-data-error.js';
import {
  gridDepthAt,
  gridPointsBetween,
  gridPointsFor,
  MAX_GRID_POINTS,
  type DepthGrid,
} from '../../src/workspace/depth-grid.js';
import { median } from '../../src/workspace/native-depths.js';
import { resampleCurve, resampleRun, type ResampleMethod } from '../../src/workspace/resample.js';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const list = (xs: Float64Array): number[] => Array.from(xs);
const metres = (step: number, origin = 0): DepthGrid => ({ unit: 'm', step, origin });

/** The decimal text of n / 10^places, built from digits so it shares no arithmetic with the code. */
function decimal(n: number, places: number): number {
  const digits = String(Math.abs(n)).padStart(places + 1, '0');
  const text = `${n < 0 ? '-' : ''}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
  return Number(text);
}

function expectCurveError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CurveDataError);
    expect((e as CurveDataError).code).toBe(code);
    return;
  }
  throw new Error(`expected CurveDataError ${code}`);
}

describe('grid points', () => {
  it('0.1524 m grid points do not drift over 100k points', () => {
    const grid = metres(0.1524);
    const points = gridPointsBetween(grid, 0, 15239.8476);
    expect(points.length).toBe(100_000);
    for (let k = 0; k < points.length; k++) {
      if (points[k] !== decimal(k * 1524, 4)) throw new Error(`point ${k} is ${points[k]}, not ${decimal(k * 1524, 4)}`);
    }
    expect(points[99_999]).toBe(15239.8476);
    // Guard that the check above can fail: summing the step drifts visibly.
    let summed = 0;
    for (let k = 0; k < 99_999; k++) summed += 0.1524;
    expect(summed).not.toBe(15239.8476);
  });

  it('an offset origin and a feet grid stay exact decimals too', () => {
    const grid: DepthGrid = { unit: 'm', step: 0.1524, origin: 1234.5 };
    for (const k of [0, 1, 3, 7, 1000, 65_537, 99_999, -5]) {
      expect(gridDepthAt(grid, k)).toBe(decimal(12_345_000 + k * 1524, 4));
    }
    const feet: DepthGrid = { unit: 'ft', step: 0.25, origin: 3.3 };
    expect(gridDepthAt(feet, 3)).toBe(4.05);
    expect(gridDepthAt(metres(0.1), 3)).toBe(0.3); // 3 * 0.1 is 0.30000000000000004
  });

  it('a step with no short decimal form still does not accumulate error', () => {
    const grid = metres(1 / 3);
    expect(gridDepthAt(grid, 300_000)).toBeCloseTo(100_000, 9);
  });

  it('covers the finite native range and nothing outside it', () => {
    expect(list(gridPointsFor(f64([1000.3, NaN, 1001.2]), metres(0.5)))).toEqual([1000.5, 1001]);
    expect(list(gridPointsFor(f64([1001.2, 1000.3]), metres(0.5)))).toEqual([1000.5, 1001]);
    expect(list(gridPointsFor(f64([1000, 1001]), metres(0.5)))).toEqual([1000, 1000.5, 1001]);
    expect(gridPointsFor(f64([NaN, NaN]), metres(0.5)).length).toBe(0);
    expect(gridPointsFor(f64([]), metres(0.5)).length).toBe(0);
    expect(gridPointsFor(f64([1000.1, 1000.2]), metres(0.5)).length).toBe(0);
  });

  it('a feet log converted to metres keeps its end points despite rounding', () => {
    const points = gridPointsFor(f64([1000, 1005, 1010]), metres(0.1524), 0.3048);
    expect(points.length).toBe(21);
    expect(points[0]).toBe(304.8);
    expect(points[20]).toBe(307.848);
  });

  it('rejects bad grids, factors and absurd sizes with a typed error', () => {
    expectCurveError(() => gridPointsFor(f64([0, 1]), metres(0)), 'bad-grid');
    expectCurveError(() => gridPointsFor(f64([0, 1]), metres(NaN)), 'bad-grid');
    expectCurveError(() => gridPointsFor(f64([0, 1]), { unit: 'm', step: 1, origin: Infinity }), 'bad-grid');
    expectCurveError(() => gridPointsFor(f64([0, 1]), { unit: 'yd' as 'm', step: 1, origin: 0 }), 'bad-grid');
    expectCurveError(() => gridPointsFor(f64([0, 1]), metres(1), 0), 'bad-depth-factor');
    expectCurveError(() => gridPointsFor(f64([0, 1e9]), metres(0.01)), 'grid-too-large');
    expect(MAX_GRID_POINTS).toBeGreaterThan(1e6);
  });
});

describe('linear', () => {
  it('interpolates the midpoint', () => {
    expect(list(resampleCurve(f64([0, 1, 2]), f64([10, 20, 40]), f64([0.5, 1.25, 1.5]), 'linear'))).toEqual([15, 25, 30]);
  });

  it('gives a coinciding sample exactly, left or right neighbour', () => {
    const depths = f64([0, 0.1524, 0.3048, 0.4572]);
    const values = f64([0.1, 0.7, 0.30000000000000004, 2.675]);
    const out = resampleCurve(depths, values, depths, 'linear');
    expect(list(out)).toEqual(list(values));
    // 0.1 + 1 * (0.7 - 0.1) is 0.7999999999999999: arithmetic at t = 1 would not be exact.
    expect(list(resampleCurve(f64([0, 1]), f64([0.1, 0.7]), f64([1]), 'linear'))).toEqual([0.7]);
  });

  it('a NULL neighbour makes NULL, but a coinciding non-NULL sample still counts', () => {
    const out = resampleCurve(f64([0, 1, 2]), f64([10, NaN, 30]), f64([0, 0.5, 1, 1.5, 2]), 'linear');
    expect(list(out)).toEqual([10, NaN, NaN, NaN, 30]);
  });

  it('does not bridge a gap wider than maxGap (default 2.5 median steps), nor extrapolate', () => {
    const depths = f64([0, 1, 2, 10, 11]);
    const values = f64([0, 1, 2, 10, 11]);
    const grid = f64([-0.5, 1.5, 2.5, 5, 10.5, 11.5]);
    expect(list(resampleCurve(depths, values, grid, 'linear'))).toEqual([NaN, 1.5, NaN, NaN, 10.5, NaN]);
    expect(list(resampleCurve(depths, values, grid, 'linear', { maxGap: 8 }))).toEqual([NaN, 1.5, 2.5, 5, 10.5, NaN]);
    expect(list(resampleCurve(depths, values, grid, 'linear', { maxGap: 7.9 }))).toEqual([NaN, 1.5, NaN, NaN, 10.5, NaN]);
  });

  it('decreasing depths give the same answer as increasing ones', () => {
    const up = resampleCurve(f64([0, 1, 2, 3]), f64([10, 20, NaN, 40]), f64([0.25, 1.5, 2.5, 3]), 'linear');
    const down = resampleCurve(f64([3, 2, 1, 0]), f64([40, NaN, 20, 10]), f64([0.25, 1.5, 2.5, 3]), 'linear');
    expect(list(down)).toEqual(list(up));
    expect(list(up)).toEqual([12.5, NaN, NaN, 40]);
  });

  it('a decreasing grid gets the same values in its own order', () => {
    const out = resampleCurve(f64([0, 1, 2]), f64([10, 20, 40]), f64([1.5, 1, 0.5]), 'linear');
    expect(list(out)).toEqual([30, 20, 15]);
  });

  it('skips NaN depth rows and uses the first of repeated depths', () => {
    expect(list(resampleCurve(f64([0, NaN, 1]), f64([0, 999, 10]), f64([0.5]), 'linear'))).toEqual([5]);
    expect(list(resampleCurve(f64([0, 1, 1, 2]), f64([0, 10, 99, 20]), f64([0.5, 1, 1.5]), 'linear'))).toEqual([5, 10, 15]);
    expect(list(resampleCurve(f64([2, 1, 1, 0]), f64([20, 10, 99, 0]), f64([0.5, 1, 1.5]), 'linear'))).toEqual([5, 10, 15]);
  });

  it('orders a spliced (non-monotonic) depth column', () => {
    const out = resampleCurve(f64([0, 1, 2, 1.5, 1]), f64([0, 10, 20, 15, 99]), f64([1, 1.25, 1.75]), 'linear');
    expect(list(out)).toEqual([10, 12.5, 17.5]);
  });

  it('converts feet to metres with depthFactor 0.3048', () => {
    const feet = f64([1000, 1000.5, 1001, 1001.5, 1002]);
    const values = f64([1, 2, 3, 4, 5]);
    // 1000 ft and 1000.5 ft are the 304.8 m and 304.9524 m grid points: exact values there.
    const run = resampleRun(feet, [values], metres(0.1524), 'linear', 0.3048);
    expect(list(run.depths)).toEqual([304.8, 304.9524, 305.1048, 305.2572, 305.4096]);
    expect(list(run.curves[0])).toEqual([1, 2, 3, 4, 5]);
    // On a 0.1 m grid, a curve linear in depth stays linear: value = 2 * depth in ft - 1999.
    const tenth = resampleRun(feet, [f64([1, 2, 3, 4, 5])], metres(0.1), 'linear', 0.3048);
    expect(list(tenth.depths)).toEqual([304.8, 304.9, 305, 305.1, 305.2, 305.3, 305.4]);
    tenth.depths.forEach((d, k) => expect(tenth.curves[0][k]).toBeCloseTo(2 * (d / 0.3048) - 1999, 9));
  });

  it('treats infinite values as NULL', () => {
    expect(list(resampleCurve(f64([0, 1, 2]), f64([1, Infinity, 3]), f64([0.5, 1, 2]), 'linear'))).toEqual([NaN, NaN, 3]);
  });
});

describe('nearest', () => {
  const depths = f64([0, 1, 2]);
  const values = f64([1, NaN, 3]);

  it('takes the nearest non-NULL sample; ties go to the shallower', () => {
    expect(list(resampleCurve(depths, values, f64([0.4, 0.5, 1, 1.6, 2]), 'nearest'))).toEqual([1, 1, 1, 3, 3]);
    expect(list(resampleCurve(f64([0, 1]), f64([5, 7]), f64([0.5]), 'nearest'))).toEqual([5]);
  });

  it('reaches at most maxGap / 2', () => {
    // maxGap 1.5: reach 0.75, so the grid point 1 m from either sample gets nothing.
    expect(list(resampleCurve(depths, values, f64([0.7, 1, 1.3]), 'nearest', { maxGap: 1.5 }))).toEqual([1, NaN, 3]);
    // Default maxGap 2.5 steps: reach 1.25 beyond the ends as well.
    expect(list(resampleCurve(depths, values, f64([-1.3, -1.25, 3.2, 3.3]), 'nearest'))).toEqual([NaN, 1, 3, NaN]);
  });
});

describe('step', () => {
  it('holds the last sample at or above the grid point, within maxGap', () => {
    const out = resampleCurve(f64([0, 1, 2]), f64([1, 2, 3]), f64([-0.5, 0, 0.5, 0.99, 1, 1.5, 2, 2.4, 4.5, 4.6]), 'step');
    expect(list(out)).toEqual([NaN, 1, 1, 1, 2, 2, 3, 3, 3, NaN]);
  });

  it('a NULL sample holds NULL down to the next sample', () => {
    expect(list(resampleCurve(f64([0, 1, 2]), f64([1, NaN, 3]), f64([0.5, 1.5, 2]), 'step'))).toEqual([1, NaN, 3]);
  });

  it('works the same on decreasing depths', () => {
    expect(list(resampleCurve(f64([2, 1, 0]), f64([3, 2, 1]), f64([0.5, 1.5, 2.5]), 'step'))).toEqual([1, 2, 3]);
  });
});

describe('resampleRun', () => {
  it('applies one method per curve', () => {
    const depths = f64([0, 1, 2]);
    const run = resampleRun(depths, [f64([0, 10, 20]), f64([0, 10, 20]), f64([0, 10, 20])], metres(0.5), ['linear', 'nearest', 'step']);
    expect(list(run.depths)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(run.curves.map(list)).toEqual([
      [0, 5, 10, 15, 20],
      [0, 0, 10, 10, 20],
      [0, 0, 10, 10, 20],
    ]);
  });

  it('gives per curve exactly what the per-curve path gives (linear is planned once per run)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 900, max: 1100, noNaN: false }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3 }), fc.constant(NaN), fc.constant(Infinity)), { minLength: 60, maxLength: 60 }),
        fc.constantFrom(0.1524, 0.5, 1 / 3),
        fc.constantFrom(1, 0.3048),
        (depthList, valueList, step, factor) => {
          const depths = f64(depthList);
          const curves = [f64(valueList.slice(0, depths.length)), f64(valueList.slice(0, depths.length).reverse())];
          const run = resampleRun(depths, curves, metres(step), 'linear', factor);
          // A list of methods takes the per-curve path, with the same grid (and so the same
          // coincidence tolerance, from the grid's step).
          const perCurve = resampleRun(depths, curves, metres(step), ['linear', 'linear'], factor);
          expect(list(run.depths)).toEqual(list(perCurve.depths));
          curves.forEach((_, c) => expect(list(run.curves[c])).toEqual(list(perCurve.curves[c])));
        },
      ),
    );
  });

  it('rejects mismatched inputs with a typed error naming the curve', () => {
    expectCurveError(() => resampleRun(f64([0, 1]), [f64([0, 1]), f64([0])], metres(1), 'linear'), 'length-mismatch');
    try {
      resampleRun(f64([0, 1]), [f64([0, 1]), f64([0])], metres(1), 'linear');
    } catch (e) {
      expect((e as CurveDataError).curve).toBe(1);
    }
    expectCurveError(() => resampleRun(f64([0, 1]), [f64([0, 1])], metres(1), ['linear', 'step']), 'length-mismatch');
    expectCurveError(() => resampleCurve(f64([0, 1]), f64([0, 1]), f64([0, 1, 0.5]), 'linear'), 'grid-not-monotonic');
    expectCurveError(() => resampleCurve(f64([0, 1]), f64([0, 1]), f64([0.5]), 'linear', { maxGap: -1 }), 'bad-max-gap');
    expectCurveError(() => resampleCurve(f64([0, 1]), f64([0, 1]), f64([0.5]), 'cubic' as ResampleMethod), 'bad-method');
  });

  it('resamples 20k rows x 12 curves in milliseconds (linear time)', () => {
    const n = 20_000;
    const depths = new Float64Array(n);
    for (let i = 0; i < n; i++) depths[i] = 1000 + i * 0.5 + (i % 7) * 0.01; // feet, slightly irregular
    const curves = Array.from({ length: 12 }, (_, c) => depths.map((d, i) => (i % 97 === c ? NaN : Math.sin(d / 10 + c))));
    const times: number[] = [];
    // Warm the JIT first: the cold first calls run several times slower than steady state.
    let run = resampleRun(depths, curves, metres(0.1524), 'linear', 0.3048);
    for (let r = 0; r < 10; r++) run = resampleRun(depths, curves, metres(0.1524), r % 2 ? 'step' : 'linear', 0.3048);
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      run = resampleRun(depths, curves, metres(0.1524), r % 2 ? 'step' : 'linear', 0.3048);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.info(`resampleRun 20k x 12: median ${times[3].toFixed(2)} ms`);
    expect(run.curves).toHaveLength(12);
    expect(run.depths.length).toBeGreaterThan(19_000);
    // Steady state is ~2-3 ms; a quadratic scan would take seconds. The bound is generous so a
    // busy shared machine does not fail it.
    expect(times[3]).toBeLessThan(40);
  });
});

// ---------- properties ----------

const steps = [0.1, 0.125, 0.1524, 0.25, 0.5, 1, 0.3048];
const valueArb = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

/** Brute-force reference: for each grid point, search all native samples (O(n·m)). */
function reference(depths: number[], values: number[], grid: number[], method: ResampleMethod, maxGap: number): number[] {
  const rows = depths.map((d, i) => ({ d, v: values[i] })).sort((a, b) => a.d - b.d);
  return grid.map((g) => {
    const same = rows.find((r) => r.d === g);
    if (method === 'linear') {
      if (same) return same.v;
      const above = rows.filter((r) => r.d < g).pop();
      const below = rows.find((r) => r.d > g);
      if (!above || !below || below.d - above.d > maxGap || Number.isNaN(above.v) || Number.isNaN(below.v)) return NaN;
      return above.v + ((g - above.d) / (below.d - above.d)) * (below.v - above.v);
    }
    if (method === 'step') {
      const above = rows.filter((r) => r.d <= g).pop();
      return above && g - above.d <= maxGap ? above.v : NaN;
    }
    let best: { d: number; v: number } | undefined;
    for (const r of rows) {
      if (Number.isNaN(r.v)) continue;
      if (!best || Math.abs(r.d - g) < Math.abs(best.d - g)) best = r;
    }
    return best && Math.abs(best.d - g) <= maxGap / 2 ? best.v : NaN;
  });
}

describe('resampling properties', () => {
  it('resampling a regular log onto its own grid is the identity (linear and step; nearest without NULLs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...steps),
        fc.integer({ min: -1000, max: 60_000 }),
        fc.array(valueArb, { minLength: 1, maxLength: 300 }),
        fc.boolean(),
        fc.boolean(),
        (step, k0, values, decreasing, naiveDepths) => {
          const grid = metres(step);
          // Depths either computed by the grid rule or naively as k·step (an ulp off the grid).
          const depths = values.map((_, i) => (naiveDepths ? (k0 + i) * step : gridDepthAt(grid, k0 + i)));
          if (decreasing) {
            depths.reverse();
            values = [...values].reverse();
          }
          const byDepth = depths.map((d, i) => [d, values[i]] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
          for (const method of ['linear', 'step'] as const) {
            const run = resampleRun(f64(depths), [f64(values)], grid, method);
            expect(run.depths.length).toBe(values.length);
            expect(list(run.curves[0])).toEqual(byDepth);
          }
          const filled = values.map((v) => (Number.isNaN(v) ? 1 : v));
          const byDepthFilled = depths.map((d, i) => [d, filled[i]] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
          expect(list(resampleRun(f64(depths), [f64(filled)], grid, 'nearest').curves[0])).toEqual(byDepthFilled);
        },
      ),
      { numRuns: 300 },
    );
  });

  const irregular = fc
    .uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 2, maxLength: 80 })
    .map((ks) => ks.map((k) => k / 8));

  it('matches a brute-force reference on irregular logs, and linear results lie between their neighbours', () => {
    fc.assert(
      fc.property(
        irregular.chain((depths) =>
          fc.tuple(
            fc.constant(depths),
            fc.array(valueArb, { minLength: depths.length, maxLength: depths.length }),
            fc.array(fc.oneof(fc.double({ min: -10, max: 640, noNaN: true }), fc.constantFrom(...depths)), { maxLength: 60 }),
            fc.constantFrom<ResampleMethod>('linear', 'nearest', 'step'),
            fc.double({ min: 0, max: 200, noNaN: true }),
            fc.boolean(),
          ),
        ),
        ([depths, values, gridPoints, method, maxGap, reversed]) => {
          // A grid point a hair off a native depth counts as on it (by design); the brute-force
          // reference does not model that tolerance, so keep points either on or clearly off.
          const grid = gridPoints
            .filter((g) => depths.includes(g) || depths.every((d) => Math.abs(d - g) > 1e-6))
            .sort((a, b) => a - b);
          const native = reversed ? [...depths].reverse() : depths;
          const nativeValues = reversed ? [...values].reverse() : values;
          const out = list(resampleCurve(f64(native), f64(nativeValues), f64(grid), method, { maxGap }));
          const expected = reference(depths, values, grid, method, maxGap);
          out.forEach((v, k) => {
            if (Number.isNaN(expected[k])) expect(v).toBeNaN();
            else expect(v).toBeCloseTo(expected[k], 6);
          });
          if (method !== 'linear') return;
          const sorted = depths.map((d, i) => ({ d, v: values[i] })).sort((a, b) => a.d - b.d);
          out.forEach((v, k) => {
            if (Number.isNaN(v)) return;
            const g = grid[k];
            const above = sorted.filter((r) => r.d <= g).pop()!;
            const below = sorted.find((r) => r.d >= g)!;
            expect(v).toBeGreaterThanOrEqual(Math.min(above.v, below.v));
            expect(v).toBeLessThanOrEqual(Math.max(above.v, below.v));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('median (quickselect) equals the sorted middle', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 200 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const n = sorted.length;
        const want = n % 2 ? sorted[n >> 1] : sorted[n / 2 - 1] + (sorted[n / 2] - sorted[n / 2 - 1]) / 2;
        expect(median(f64(xs)) + 0).toBe(want + 0); // + 0: -0 and 0 are the same median
      }),
      { numRuns: 500 },
    );
  });
});
