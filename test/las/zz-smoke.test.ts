import { it, expect } from 'vitest';
import { writeLas } from '../../src/las/write.js';
import { readLas } from '../../src/las/read.js';
import { generateLas, generateLasChunks } from '../../src/las/generate.js';
it('gen', () => {
  for (const version of ['2.0', '3.0', '1.2'] as const) {
    const o = { rows: 40, curves: 32, seed: 7, version, wrap: version === '1.2' };
    const las = generateLas(o);
    const text = writeLas(las, { version, wrap: o.wrap });
    const chunks = [...generateLasChunks(o)].join('');
    if (version === '3.0') console.log(text);
    expect(chunks).toBe(text);
    const back = readLas(text);
    console.log(version, back.problems);
  }
  const t0 = Date.now();
  let n = 0;
  for (const c of generateLasChunks({ rows: 200000, curves: 12, seed: 3 })) n += c.length;
  console.log('chars', n, 'ms', Date.now() - t0);
});
