/**
 * Min/max decimation for display: rows are split into ⌊maxPoints/2⌋ buckets of consecutive
 * rows, and each bucket becomes two rows, at the depths of its first and last sample. For each
 * curve those two rows hold the bucket's minimum and maximum, in the order they occur with
 * depth, so a one-sample spike still reaches its full value on screen and every curve keeps
 * its global minimum and maximum. NaN (NULL) is ignored; a bucket with no value gives NaN.
 */
export function decimateMinMax(depth: Float64Array, curves: Float64Array[], maxPoints: number): { depth: Float64Array; curves: Float64Array[] } {
  const n = depth.length;
  if (!(maxPoints >= 2)) throw new RangeError(`maxPoints must be at least 2, got ${maxPoints}`);
  if (n <= maxPoints) return { depth, curves };
  const buckets = Math.floor(maxPoints / 2);
  const outDepth = new Float64Array(buckets * 2);
  const outCurves = curves.map(() => new Float64Array(buckets * 2));
  for (let b = 0; b < buckets; b++) {
    // n > maxPoints >= 2·buckets, so every bucket has at least two rows.
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    outDepth[2 * b] = depth[start];
    outDepth[2 * b + 1] = depth[end - 1];
    for (let c = 0; c < curves.length; c++) {
      const v = curves[c];
      let min = NaN, max = NaN, iMin = -1, iMax = -1;
      for (let i = start; i < end; i++) {
        const x = v[i];
        if (x !== x) continue;
        if (iMin < 0 || x < min) { min = x; iMin = i; }
        if (iMax < 0 || x > max) { max = x; iMax = i; }
      }
      const out = outCurves[c];
      if (iMin <= iMax) { out[2 * b] = min; out[2 * b + 1] = max; } else { out[2 * b] = max; out[2 * b + 1] = min; }
    }
  }
  return { depth: outDepth, curves: outCurves };
}
