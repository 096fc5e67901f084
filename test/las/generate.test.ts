import { describe, expect, it } from 'vitest';
import { generateLas, generateLasChunks, type GenerateOptions } from '../../src/las/generate.js';
import type { LasFile } from '../../src/las/model.js';
import { writeLas } from '../../src/las/write.js';

function curve(las: LasFile, mnemonic: string): Float64Array {
  const c = las.sets[0].curves.find((k) => k.mnemonic === mnemonic);
  if (!c) throw new Error(`no curve ${mnemonic}`);
  return c.data as Float64Array;
}

function finite(values: Float64Array): number[] {
  return Array.from(values).filter((v) => !Number.isNaN(v));
}

/** Runs of consecutive NaN, as lengths. */
function nullRuns(values: Float64Array): number[] {
  const runs: number[] = [];
  let run = 0;
  for (const v of values) {
    if (Number.isNaN(v)) run++;
    else if (run) {
      runs.push(run);
      run = 0;
    }
  }
  if (run) runs.push(run);
  return runs;
}

const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

describe('generateLas', () => {
  it('is deterministic from the seed, and different seeds give different logs', () => {
    const o: GenerateOptions = { rows: 500, curves: 12, seed: 42 };
    expect(writeLas(generateLas(o))).toBe(writeLas(generateLas(o)));
    const a = curve(generateLas(o), 'GR');
    const b = curve(generateLas({ ...o, seed: 43 }), 'GR');
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('gives the requested rows and curves, DEPT first, then the usual log curves', () => {
    for (const curves of [1, 2, 8, 20, 32]) {
      const las = generateLas({ rows: 37, curves, seed: 1 });
      const log = las.sets[0];
      expect(log.nRows).toBe(37);
      expect(log.curves).toHaveLength(curves);
      for (const c of log.curves) expect(c.data).toHaveLength(37);
    }
    const names = generateLas({ rows: 1, seed: 1 }).sets[0].curves.map((c) => c.mnemonic);
    expect(names).toEqual(['DEPT', 'GR', 'RHOB', 'NPHI', 'DT', 'ILD', 'SP', 'CALI']);
    const units = Object.fromEntries(generateLas({ rows: 1, curves: 9, seed: 1 }).sets[0].curves.map((c) => [c.mnemonic, c.unit]));
    expect(units).toMatchObject({ DEPT: 'M', GR: 'GAPI', RHOB: 'G/C3', NPHI: 'V/V', DT: 'US/F', ILD: 'OHMM', SP: 'MV', CALI: 'IN', PEF: 'B/E' });
  });

  it('refuses impossible options', () => {
    expect(() => generateLas({ rows: -1 })).toThrow(RangeError);
    expect(() => generateLas({ rows: 10, curves: 0 })).toThrow(RangeError);
    expect(() => generateLas({ rows: 10, curves: 500 })).toThrow(RangeError);
    expect(() => generateLas({ rows: 10, step: 0 })).toThrow(RangeError);
    expect(() => generateLas({ rows: 10, version: '3.0', wrap: true })).toThrow(RangeError);
  });

  it('steps the depth regularly with the decimals of the step', () => {
    const m = generateLas({ rows: 1000, seed: 1 });
    const depth = curve(m, 'DEPT');
    expect(depth[0]).toBe(1000);
    expect(depth[999]).toBe(Number((1000 + 999 * 0.1524).toFixed(4)));
    const text = writeLas(m).split('\n');
    const data = text.slice(text.indexOf('~ASCII') + 1).filter((l) => l.trim());
    for (const l of data) expect(l.trim().split(/\s+/)[0]).toMatch(/^\d+\.\d{4}$/);
    const ft = generateLas({ rows: 5, seed: 1, depthUnit: 'FT', startDepth: 5000, step: -0.5 });
    expect(Array.from(curve(ft, 'DEPT'))).toEqual([5000, 4999.5, 4999, 4998.5, 4998]);
    expect(ft.sets[0].curves[0].unit).toBe('FT');
  });

  it('has NULL runs, about 0.5 % of the samples, several samples long', () => {
    const las = generateLas({ rows: 20000, curves: 9, seed: 5 });
    let nulls = 0;
    let samples = 0;
    const runs: number[] = [];
    for (const c of las.sets[0].curves.slice(1)) {
      const data = c.data as Float64Array;
      runs.push(...nullRuns(data));
      nulls += data.length - finite(data).length;
      samples += data.length;
    }
    expect(runs.length).toBeGreaterThan(5);
    expect(Math.min(...runs)).toBeGreaterThanOrEqual(5);
    expect(nulls / samples).toBeGreaterThan(0.001);
    expect(nulls / samples).toBeLessThan(0.02);
    expect(finite(curve(las, 'DEPT'))).toHaveLength(20000);
  });

  it('keeps every curve in a believable range', () => {
    const ranges: Record<string, [number, number]> = {
      GR: [0, 200], RHOB: [1.9, 3.0], NPHI: [-0.05, 0.6], DT: [40, 160], ILD: [0.2, 2000], SP: [-160, 40], CALI: [4, 20],
      PEF: [1, 7], DRHO: [-0.1, 0.3], DTS: [60, 350], POTA: [0, 6], THOR: [0, 40], URAN: [0, 25], VSH: [0, 1], SW: [0, 1],
    };
    for (const seed of [1, 2, 3]) {
      const las = generateLas({ rows: 8000, curves: 32, seed });
      for (const [m, [lo, hi]] of Object.entries(ranges)) {
        const v = finite(curve(las, m));
        expect(Math.min(...v), `${m} min, seed ${seed}`).toBeGreaterThanOrEqual(lo);
        expect(Math.max(...v), `${m} max, seed ${seed}`).toBeLessThanOrEqual(hi);
        // A curve that never moves is no log.
        expect(Math.max(...v) - Math.min(...v), `${m} spread`).toBeGreaterThan(0);
      }
    }
  });

  it('responds to lithology consistently: shales read high neutron and slow sonic, sands a stronger SP', () => {
    for (const seed of [1, 2, 3]) {
      const las = generateLas({ rows: 20000, curves: 9, seed });
      const [gr, nphi, dt, sp] = ['GR', 'NPHI', 'DT', 'SP'].map((m) => curve(las, m));
      const shale = { nphi: [] as number[], dt: [] as number[], sp: [] as number[] };
      const clean = { nphi: [] as number[], dt: [] as number[], sp: [] as number[] };
      for (let i = 0; i < gr.length; i++) {
        if ([gr[i], nphi[i], dt[i], sp[i]].some(Number.isNaN)) continue;
        const into = gr[i] > 100 ? shale : gr[i] < 50 ? clean : null;
        if (!into) continue;
        into.nphi.push(nphi[i]);
        into.dt.push(dt[i]);
        into.sp.push(sp[i]);
      }
      expect(shale.nphi.length).toBeGreaterThan(500);
      expect(clean.nphi.length).toBeGreaterThan(500);
      expect(mean(shale.nphi)).toBeGreaterThan(mean(clean.nphi) + 0.1);
      expect(mean(shale.dt)).toBeGreaterThan(mean(clean.dt) + 10);
      expect(median(shale.sp)).toBeGreaterThan(median(clean.sp));
    }
  });

  it('writes each curve with fixed decimals suited to it', () => {
    const las = generateLas({ rows: 50, curves: 9, seed: 3 });
    const lines = writeLas(las).split('\n');
    const data = lines.slice(lines.indexOf('~ASCII') + 1).filter((l) => l.trim());
    const decimals = [4, 2, 4, 4, 2, 4, 2, 3, 3]; // DEPT GR RHOB NPHI DT ILD SP CALI PEF
    for (const l of data) {
      l.trim().split(/\s+/).forEach((t, i) => {
        if (t === '-999.25' || /^-999\.25/.test(t)) return;
        expect(t.split('.')[1]?.length ?? 0, `column ${i} in ${l}`).toBe(decimals[i]);
      });
    }
  });

  it('has a realistic header', () => {
    const las = generateLas({ rows: 100, seed: 9, wellName: 'DATAFORGE 1-1' });
    const well = Object.fromEntries(las.well.map((w) => [w.mnemonic, w.value]));
    for (const m of ['STRT', 'STOP', 'STEP', 'NULL', 'COMP', 'WELL', 'FLD', 'LOC', 'UWI', 'SRVC', 'DATE']) expect(well[m], m).toBeTruthy();
    expect(well.WELL).toBe('DATAFORGE 1-1');
    expect(Number(well.NULL)).toBe(-999.25);
    const params = las.sets[0].parameters.map((p) => p.mnemonic);
    expect(params).toEqual(expect.arrayContaining(['BS', 'MUD', 'BHT', 'RMF']));
    expect(las.other).toMatch(/synthetic/i);
  });

  it('adds a Tops set of formations to LAS 3.0 logs only', () => {
    expect(generateLas({ rows: 100, seed: 1 }).sets.map((s) => s.name)).toEqual(['Log']);
    const las = generateLas({ rows: 30000, seed: 1, version: '3.0' });
    const tops = las.sets.find((s) => s.name === 'Tops')!;
    expect(tops.nRows).toBeGreaterThan(1);
    const [top, base] = [tops.curves[0].data as Float64Array, tops.curves[1].data as Float64Array];
    const depth = curve(las, 'DEPT');
    expect(top[0]).toBe(depth[0]);
    expect(base[tops.nRows - 1]).toBe(depth[depth.length - 1]);
    for (let i = 1; i < tops.nRows; i++) expect(top[i]).toBe(base[i - 1]);
    expect((tops.curves[2].data as string[]).every((n) => n.length > 0)).toBe(true);
  });
});

describe('generateLasChunks', () => {
  const joined = (o: GenerateOptions) => [...generateLasChunks(o)].join('');

  it('streams exactly the text writeLas gives for the generated model', () => {
    const cases: GenerateOptions[] = [
      { rows: 300, seed: 1 },
      { rows: 300, seed: 2, version: '1.2', wrap: true, curves: 25 },
      { rows: 300, seed: 3, version: '2.0', wrap: true, depthUnit: 'FT', step: -0.5, startDepth: 8000 },
      { rows: 3000, seed: 4, version: '3.0', curves: 32 },
      { rows: 0, seed: 5 },
      { rows: 1, seed: 6, version: '3.0', curves: 1 },
      { rows: 50, seed: 7, step: 0.1, startDepth: 0.05, wellName: 'A "QUOTED" WELL' },
    ];
    for (const o of cases) {
      expect(joined(o), JSON.stringify(o)).toBe(writeLas(generateLas(o), { version: o.version, wrap: o.wrap }));
    }
  });

  it('yields chunks of about 1 MB', () => {
    const chunks = [...generateLasChunks({ rows: 40000, curves: 10, seed: 1 })];
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(0, -1)) {
      expect(c.length).toBeGreaterThanOrEqual(1 << 20);
      expect(c.length).toBeLessThan((1 << 20) + 1000);
      expect(c.endsWith('\n')).toBe(true);
    }
  });
});
