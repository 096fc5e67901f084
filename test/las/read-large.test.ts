/**
 * Files of many megabytes, read whole: the row loops take such a buffer in windows of whole
 * lines, and every value on either side of every window's edge must come out as written.
 */
import { describe, expect, it } from 'vitest';
import { generateLas } from '../../src/las/generate.js';
import { readLas } from '../../src/las/read.js';
import { writeLas } from '../../src/las/write.js';

describe('reading a multi-megabyte log whole', () => {
  for (const [name, wrap] of [['rows', false], ['wrapped rows', true]] as const) {
    it(`gives back every value of ${name} exactly as the model that was written`, () => {
      const model = generateLas({ rows: 40_000, curves: 12, seed: 11, wrap });
      const text = writeLas(model, { wrap });
      expect(text.length).toBeGreaterThan(3_000_000); // several windows of 256 KiB
      const read = readLas(new TextEncoder().encode(text));
      const [want, got] = [model.sets[0], read.sets[0]];
      expect(got.nRows).toBe(want.nRows);
      expect(read.problems.filter((p) => p.severity !== 'info')).toEqual([]);
      want.curves.forEach((c, k) => {
        const a = c.data as Float64Array;
        const b = got.curves[k].data as Float64Array;
        let first = -1;
        for (let r = 0; r < a.length && first < 0; r++) if (!Object.is(a[r], b[r]) && !(Number.isNaN(a[r]) && Number.isNaN(b[r]))) first = r;
        expect(first, `${c.mnemonic}: first differing row`).toBe(-1);
      });
    });
  }
});
