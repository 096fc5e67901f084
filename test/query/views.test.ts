import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/query/api.js';
import { closeQuerySession } from '../../src/query/session.js';
import { buildFixture, closeTo, readLasCurves, sameValue, type QueryFixture } from './fixtures.js';

let fx: QueryFixture;
beforeAll(async () => { fx = await buildFixture(); }, 60_000);
afterAll(() => { closeQuerySession(fx.ws); fx.cleanup(); });

const rowsOf = async (sql: string) => {
  const r = await query(fx.ws, sql);
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.key, row[i]])));
};
const num = (v: unknown) => (v === null ? null : Number(v));

describe('samples: gridded data, one row per well and depth', () => {
  it('answers the one-line window query with the values the LAS file holds', async () => {
    const las = readLasCurves(fx.files.bravo);
    const top = 1050, base = 1100;
    const rows = await rowsOf(`SELECT DEPTH, GR, RHOB FROM samples WHERE well = 'BRAVO 2' AND DEPTH BETWEEN ${top} AND ${base} ORDER BY DEPTH`);
    const expected = [...las.depth.keys()].filter((i) => las.depth[i] >= top && las.depth[i] <= base);
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBeGreaterThan(300);
    rows.forEach((r, k) => {
      const i = expected[k];
      expect(closeTo(num(r.DEPTH)!, las.depth[i])).toBe(true);
      expect(sameValue(num(r.GR), las.curves.get('GR')![i])).toBe(true);
      expect(sameValue(num(r.RHOB), las.curves.get('RHOB')![i])).toBe(true);
    });
  });

  it('has a column per property beside the mnemonic columns', async () => {
    const rows = await rowsOf(`SELECT GR, gamma_ray, RHOB, bulk_density FROM samples WHERE well = 'BRAVO 2'`);
    expect(rows.length).toBe(2000);
    for (const r of rows) {
      expect(sameValue(num(r.gamma_ray), num(r.GR))).toBe(true);
      expect(sameValue(num(r.bulk_density), num(r.RHOB))).toBe(true);
    }
  });

  it('answers a query across wells in one line', async () => {
    const rows = await rowsOf(`SELECT well, count(*) AS n, max(gamma_ray) AS gr_max FROM samples WHERE DEPTH BETWEEN 1000 AND 1300 GROUP BY well ORDER BY well`);
    const expectFor = (files: string[]) => {
      const depths = new Map<number, number>();
      let max = -Infinity;
      for (const f of files) {
        const las = readLasCurves(f);
        las.depth.forEach((d, i) => {
          if (d < 1000 || d > 1300) return;
          depths.set(d, 1);
          const gr = las.curves.get('GR')![i];
          if (gr === gr && gr > max) max = gr;
        });
      }
      return { n: depths.size, max };
    };
    const alpha = expectFor([fx.files.alpha, fx.files.alphaDeep]);
    const bravo = expectFor([fx.files.bravo]);
    // CHARLIE 3 is at ~305 m: outside the window, so not in the result.
    expect(rows.map((r) => r.well)).toEqual(['ALPHA 1', 'BRAVO 2']);
    expect(num(rows[0].n)).toBe(alpha.n);
    expect(num(rows[1].n)).toBe(bravo.n);
    expect(num(rows[0].gr_max)).toBe(alpha.max);
    expect(num(rows[1].gr_max)).toBe(bravo.max);
  });

  it('merges the runs of one well on its grid: one row per depth, the newest run winning where they overlap', async () => {
    const old = readLasCurves(fx.files.alpha);
    const deep = readLasCurves(fx.files.alphaDeep);
    const rows = await rowsOf(`SELECT DEPTH, GR, SP FROM samples WHERE well = 'ALPHA 1' ORDER BY DEPTH`);
    const depths = new Set([...old.depth, ...deep.depth]);
    expect(rows.length).toBe(depths.size);
    expect(new Set(rows.map((r) => num(r.DEPTH))).size).toBe(rows.length);
    const oldAt = new Map([...old.depth].map((d, i) => [d, i]));
    const deepAt = new Map([...deep.depth].map((d, i) => [d, i]));
    let overlap = 0;
    for (const r of rows) {
      const d = num(r.DEPTH)!;
      const iDeep = deepAt.get(d);
      const iOld = oldAt.get(d);
      const deepGr = iDeep === undefined ? NaN : deep.curves.get('GR')![iDeep];
      const oldGr = iOld === undefined ? NaN : old.curves.get('GR')![iOld];
      if (iDeep !== undefined && iOld !== undefined) overlap++;
      expect(sameValue(num(r.GR), Number.isNaN(deepGr) ? oldGr : deepGr)).toBe(true);
      // SP is only in the older run.
      expect(sameValue(num(r.SP), iOld === undefined ? NaN : old.curves.get('SP')![iOld])).toBe(true);
    }
    expect(overlap).toBe(500);
  });

  it('keeps standard units on the grid and original units in native_samples', async () => {
    const las = readLasCurves(fx.files.charlie);
    const grid = await rowsOf(`SELECT DEPTH, depth_unit, NPHI, neutron_porosity, DT FROM samples WHERE well = 'CHARLIE 3' ORDER BY DEPTH`);
    const native = await rowsOf(`SELECT DEPT, depth, depth_unit, NPHI, DT FROM native_samples WHERE well = 'CHARLIE 3' ORDER BY DEPT`);
    expect(native.length).toBe(las.depth.length);
    expect(grid.length).toBe(las.depth.length);
    las.depth.forEach((ft, i) => {
      expect(num(native[i].DEPT)).toBe(ft);
      expect(num(native[i].depth)).toBe(ft);
      expect(native[i].depth_unit).toBe('FT');
      expect(sameValue(num(native[i].NPHI), las.curves.get('NPHI')![i])).toBe(true);
      // ft → m, PU → m3/m3, µs/m → µs/ft.
      expect(grid[i].depth_unit).toBe('m');
      expect(closeTo(num(grid[i].DEPTH)!, ft * 0.3048)).toBe(true);
      const pu = las.curves.get('NPHI')![i];
      if (Number.isNaN(pu)) expect(grid[i].NPHI).toBeNull();
      else expect(closeTo(num(grid[i].NPHI)!, pu / 100)).toBe(true);
      expect(sameValue(num(grid[i].neutron_porosity), num(grid[i].NPHI))).toBe(true);
      expect(closeTo(num(grid[i].DT)!, las.curves.get('DT')![i] * 0.3048)).toBe(true);
    });
  });

  it('serves the issue example on native data: DEPT between two depths', async () => {
    const las = readLasCurves(fx.files.bravo);
    const rows = await rowsOf(`SELECT DEPT, GR, RHOB FROM native_samples WHERE well = 'BRAVO 2' AND DEPT BETWEEN 1100 AND 1150 ORDER BY DEPT`);
    const expected = [...las.depth].filter((d) => d >= 1100 && d <= 1150);
    expect(rows.map((r) => num(r.DEPT))).toEqual(expected);
  });
});

describe('metadata tables', () => {
  it('lists wells, log runs and curves with friendly columns', async () => {
    const wells = await rowsOf('SELECT well, uwi, grid_unit, runs FROM wells ORDER BY well');
    expect(wells.map((w) => [w.well, num(w.runs), w.grid_unit])).toEqual([['ALPHA 1', 2, 'm'], ['BRAVO 2', 1, 'm'], ['CHARLIE 3', 1, 'm']]);
    const runs = await rowsOf(`SELECT source_name, rows, depth_unit FROM log_runs WHERE well = 'ALPHA 1' ORDER BY source_name`);
    expect(runs.map((r) => [r.source_name, num(r.rows)])).toEqual([['alpha-deep.las', 1500], ['alpha.las', 3000]]);
    const curves = await rowsOf(`SELECT mnemonic, property, unit, original_unit, in_gridded FROM curves WHERE well = 'CHARLIE 3' ORDER BY position`);
    expect(curves.map((c) => [c.mnemonic, c.original_unit, c.in_gridded])).toEqual([['DEPT', 'FT', false], ['NPHI', 'PU', true], ['DT', 'US/M', true]]);
    expect(curves[1].property).toBe('neutron_porosity');
  });
});
