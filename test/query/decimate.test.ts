import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimateMinMax } from '../../src/query/decimate.js';

const minMax = (v: Float64Array) => {
  let min = NaN, max = NaN;
  for (const x of v) if (!Number.isNaN(x)) { if (!(x >= min)) min = x; if (!(x <= max)) max = x; }
  return [min, max];
};

const series = fc.integer({ min: 0, max: 3000 }).chain((n) => fc.tuple(
  fc.constant(n),
  fc.array(fc.float64Array({ minLength: n, maxLength: n, noDefaultInfinity: true }), { minLength: 1, maxLength: 4 }),
  fc.integer({ min: 2, max: 4000 }),
));

describe('min/max decimation', () => {
  it('never returns more than maxPoints rows and keeps each curve\'s extremes and depth order', () => {
    fc.assert(fc.property(series, ([n, curves, maxPoints]) => {
      const depth = Float64Array.from({ length: n }, (_, i) => 1000 + i * 0.1524);
      const d = decimateMinMax(depth, curves, maxPoints);
      expect(d.depth.length).toBeLessThanOrEqual(Math.max(maxPoints, 0));
      expect(d.depth.length).toBe(n <= maxPoints ? n : 2 * Math.floor(maxPoints / 2));
      for (let i = 1; i < d.depth.length; i++) expect(d.depth[i]).toBeGreaterThanOrEqual(d.depth[i - 1]);
      curves.forEach((c, k) => expect(minMax(d.curves[k])).toEqual(minMax(c)));
    }), { numRuns: 100 });
  });

  it('puts a bucket\'s minimum and maximum in the order they occur', () => {
    const depth = Float64Array.from({ length: 8 }, (_, i) => i);
    const v = Float64Array.from([5, 9, 5, 5, 5, 5, 1, 5]);
    const d = decimateMinMax(depth, [v], 4);
    // Two buckets of four rows. [5,9,5,5]: the minimum (row 0) comes before the maximum (row 1);
    // [5,5,1,5]: the maximum (row 4, its first occurrence) before the minimum (row 6).
    expect([...d.depth]).toEqual([0, 3, 4, 7]);
    expect([...d.curves[0]]).toEqual([5, 9, 5, 1]);
    const falling = decimateMinMax(depth, [Float64Array.from([9, 1, 9, 9, 9, 9, 9, 1])], 4);
    expect([...falling.curves[0]]).toEqual([9, 1, 9, 1]);
  });

  it('gives NaN for a bucket with no value and refuses fewer than two points', () => {
    const d = decimateMinMax(Float64Array.from([0, 1, 2, 3, 4, 5]), [Float64Array.from([NaN, NaN, NaN, 1, 2, 3])], 4);
    expect(Number.isNaN(d.curves[0][0]) && Number.isNaN(d.curves[0][1])).toBe(true);
    expect([...d.curves[0].subarray(2)]).toEqual([1, 3]);
    expect(() => decimateMinMax(new Float64Array(5), [], 1)).toThrow(/at least 2/);
  });
});
