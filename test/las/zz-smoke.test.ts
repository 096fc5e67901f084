import { it } from 'vitest';
import { writeLas } from '../../src/las/write.js';
import { readLas } from '../../src/las/read.js';
import { makeLas, dataSet, numCurve, textCurve, item } from './las-builders.js';
it('smoke', () => {
  const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [100, 100.5, 101]), numCurve('GR', 'GAPI', [10.5, NaN, -0]), numCurve('GR:2', 'GAPI', [1e-7, 1e300, 0.1 + 0.2])], [item('BS', 'IN', '8.5', 'Bit size'), item('TIME', '', '10:30', 'Time: logged')])] });
  for (const v of ['2.0', '3.0', '1.2'] as const) {
    const text = writeLas(las, { version: v, wrap: v === '1.2' });
    console.log(text);
    const back = readLas(text);
    console.log(JSON.stringify({ well: back.well, sets: back.sets.map((s) => ({ ...s, curves: s.curves.map((c) => ({ ...c, data: Array.from(c.data as ArrayLike<unknown>) })) })), problems: back.problems }, null, 1).slice(0, 3000));
  }
});
