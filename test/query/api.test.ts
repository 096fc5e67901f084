import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curveCoverage, curveStats, getWell, listCurves, listRuns, listWells, queryColumns, readDepthWindow } from '../../src/query/api.js';
import { columnCache } from '../../src/query/column-cache.js';
import { closeQuerySession } from '../../src/query/session.js';
import { buildFixture, closeTo, readLasCurves, sameValue, type QueryFixture } from './fixtures.js';

let fx: QueryFixture;
beforeAll(async () => { fx = await buildFixture(); }, 60_000);
afterAll(() => { closeQuerySession(fx.ws); fx.cleanup(); });

const finiteMinMax = (v: Float64Array) => {
  let min = Infinity, max = -Infinity;
  for (const x of v) if (x === x) { if (x < min) min = x; if (x > max) max = x; }
  return { min, max };
};

describe('wells, runs and curves', () => {
  it('lists live wells by name and finds one by name or id', async () => {
    const wells = await listWells(fx.ws);
    expect(wells.map((w) => w.name)).toEqual(['ALPHA 1', 'BRAVO 2', 'CHARLIE 3']);
    expect(wells[0].runCount).toBe(2);
    expect(wells[0].grid).toEqual({ unit: 'm', step: 0.1524, origin: 0 });
    expect((await getWell(fx.ws, 'bravo 2'))?.id).toBe(fx.ids.bravo);
    expect((await getWell(fx.ws, fx.ids.charlie))?.uwi).toBe('100000000000W000');
    expect(await getWell(fx.ws, 'NO SUCH WELL')).toBeNull();
  });

  it('lists the runs of a well with their data sets', async () => {
    const runs = await listRuns(fx.ws, fx.ids.alpha);
    expect(runs.map((r) => [r.sourceName, r.rows, r.hasGridded])).toEqual([['alpha.las', 3000, true], ['alpha-deep.las', 1500, true]]);
    expect(runs[0].datasets).toEqual([expect.objectContaining({ name: 'Log', rows: 3000, depthIndexed: true })]);
    await expect(listRuns(fx.ws, 'nope')).rejects.toThrow(/no well 'nope'/);
  });

  it('lists curves by well or run, with units and statistics that match the file', async () => {
    const curves = await listCurves(fx.ws, { runId: fx.ids.charlieRun });
    expect(curves.map((c) => [c.mnemonic, c.originalUnit, c.unit, c.isIndex, c.inGridded])).toEqual([
      ['DEPT', 'FT', 'FT', true, false], ['NPHI', 'PU', 'm3/m3', false, true], ['DT', 'US/M', 'us/ft', false, true],
    ]);
    expect((await listCurves(fx.ws, { wellId: 'ALPHA 1' })).length).toBe(8 + 6);
    const las = readLasCurves(fx.files.charlie);
    const nphi = curves[1];
    const stats = await curveStats(fx.ws, nphi.id);
    const pu = finiteMinMax(las.curves.get('NPHI')!);
    // Statistics are in the standard unit: PU / 100.
    expect(stats!.unit).toBe('m3/m3');
    expect(closeTo(stats!.min!, pu.min / 100)).toBe(true);
    expect(closeTo(stats!.max!, pu.max / 100)).toBe(true);
    expect(stats!.nullCount).toBe(1);
    expect(stats!.sampleCount).toBe(las.depth.length - 1);
  });

  it('gives coverage in the grid unit, with the NULL sample as a gap', async () => {
    const nphi = (await listCurves(fx.ws, { runId: fx.ids.charlieRun })).find((c) => c.mnemonic === 'NPHI')!;
    const cov = (await curveCoverage(fx.ws, nphi.id))!;
    expect(cov.unit).toBe('m');
    expect(closeTo(cov.top!, 1000 * 0.3048)).toBe(true);
    expect(closeTo(cov.base!, 1004 * 0.3048)).toBe(true);
    expect(cov.gaps.length).toBe(1);
    expect(cov.gaps[0].kind).toBe('null');
    await expect(curveStats(fx.ws, 'no-such-curve')).rejects.toThrow(/no curve/);
  });
});

describe('readDepthWindow', () => {
  it('reads gridded curves by mnemonic or property, cut to the window, equal to the file', async () => {
    const las = readLasCurves(fx.files.bravo);
    const w = await readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: ['GR', 'bulk_density'], top: 1100, base: 1150, grid: 'gridded' });
    const rows = [...las.depth.keys()].filter((i) => las.depth[i] >= 1100 && las.depth[i] <= 1150);
    expect(w.unit).toBe('m');
    expect(w.decimated).toBe(false);
    expect(w.depth.length).toBe(rows.length);
    expect(w.curves.map((c) => [c.name, c.mnemonic, c.property, c.unit])).toEqual([['GR', 'GR', 'gamma_ray', 'gAPI'], ['bulk_density', 'RHOB', 'bulk_density', 'g/cm3']]);
    rows.forEach((i, k) => {
      expect(closeTo(w.depth[k], las.depth[i])).toBe(true);
      expect(sameValue(w.curves[0].values[k], las.curves.get('GR')![i])).toBe(true);
      expect(sameValue(w.curves[1].values[k], las.curves.get('RHOB')![i])).toBe(true);
    });
  });

  it('decimates to at most maxPoints rows and keeps every curve\'s minimum and maximum', async () => {
    const names = ['GR', 'RHOB', 'NPHI', 'DT', 'ILD', 'SP', 'CALI'];
    const full = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: names, grid: 'gridded' });
    for (const maxPoints of [2, 3, 101, 500, 2000]) {
      const d = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: names, grid: 'gridded', maxPoints });
      expect(d.decimated).toBe(true);
      expect(d.sourceRows).toBe(full.depth.length);
      expect(d.depth.length).toBeLessThanOrEqual(maxPoints);
      expect(d.depth.length).toBeGreaterThanOrEqual(maxPoints - 1);
      expect(d.depth[0]).toBe(full.depth[0]);
      expect(d.depth[d.depth.length - 1]).toBe(full.depth[full.depth.length - 1]);
      for (let i = 1; i < d.depth.length; i++) expect(d.depth[i]).toBeGreaterThanOrEqual(d.depth[i - 1]);
      d.curves.forEach((c, k) => expect(finiteMinMax(c.values)).toEqual(finiteMinMax(full.curves[k].values)));
    }
    // Fewer rows than maxPoints: nothing to decimate.
    const small = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR'], top: 1100, base: 1110, grid: 'gridded', maxPoints: 2000 });
    expect(small.decimated).toBe(false);
  });

  it('keeps a one-sample spike through decimation', async () => {
    // 8,000 rows into 50 points: the largest GR value, wherever it is, must still be drawn.
    const full = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR'], grid: 'gridded' });
    const { max } = finiteMinMax(full.curves[0].values);
    const d = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR'], grid: 'gridded', maxPoints: 50 });
    expect([...d.curves[0].values]).toContain(max);
  });

  it('merges the runs of a well on the grid, the newest run for a curve in both', async () => {
    const old = readLasCurves(fx.files.alpha);
    const deep = readLasCurves(fx.files.alphaDeep);
    // GR resolves to the newest run; SP exists only in the older one.
    const w = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR', 'SP'], grid: 'gridded' });
    expect(w.curves[0].runId).toBe(fx.ids.alphaDeepRun);
    expect(w.curves[1].runId).toBe(fx.ids.alphaRun);
    expect(w.depth.length).toBe(new Set([...old.depth, ...deep.depth]).size);
    const deepAt = new Map([...deep.depth].map((d, i) => [d, i]));
    const oldAt = new Map([...old.depth].map((d, i) => [d, i]));
    w.depth.forEach((d, k) => {
      const i = deepAt.get(d);
      expect(sameValue(w.curves[0].values[k], i === undefined ? NaN : deep.curves.get('GR')![i])).toBe(true);
      const j = oldAt.get(d);
      expect(sameValue(w.curves[1].values[k], j === undefined ? NaN : old.curves.get('SP')![j])).toBe(true);
    });
    // Asking for a run reads that run only.
    const older = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR'], grid: 'gridded', runId: fx.ids.alphaRun });
    expect(older.depth.length).toBe(old.depth.length);
  });

  it('reads native data in original units, the window given in the grid unit', async () => {
    const las = readLasCurves(fx.files.charlie);
    const nat = await readDepthWindow(fx.ws, { wellId: 'CHARLIE 3', curves: ['NPHI', 'DT'], grid: 'native', top: 1001 * 0.3048, base: 1003 * 0.3048 });
    const grid = await readDepthWindow(fx.ws, { wellId: 'CHARLIE 3', curves: ['NPHI', 'DT'], grid: 'gridded', top: 1001 * 0.3048, base: 1003 * 0.3048 });
    const rows = [...las.depth.keys()].filter((i) => las.depth[i] >= 1001 && las.depth[i] <= 1003);
    expect(nat.unit).toBe('FT');
    expect(grid.unit).toBe('m');
    expect(nat.curves.map((c) => c.unit)).toEqual(['PU', 'US/M']);
    expect(grid.curves.map((c) => c.unit)).toEqual(['m3/m3', 'us/ft']);
    expect([...nat.depth]).toEqual(rows.map((i) => las.depth[i]));
    expect(grid.depth.length).toBe(rows.length);
    rows.forEach((i, k) => {
      expect(sameValue(nat.curves[0].values[k], las.curves.get('NPHI')![i])).toBe(true);
      expect(nat.curves[1].values[k]).toBe(las.curves.get('DT')![i]);
      expect(closeTo(grid.depth[k], las.depth[i] * 0.3048)).toBe(true);
      const pu = las.curves.get('NPHI')![i];
      expect(Number.isNaN(pu) ? Number.isNaN(grid.curves[0].values[k]) : closeTo(grid.curves[0].values[k], pu / 100)).toBe(true);
      expect(closeTo(grid.curves[1].values[k], las.curves.get('DT')![i] * 0.3048)).toBe(true);
    });
  });

  it('refuses what it cannot answer, saying why', async () => {
    await expect(readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: ['NOPE'], grid: 'gridded' })).rejects.toThrow(/no curve 'NOPE'.*it has: .*GR/);
    await expect(readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: ['GR'], grid: 'gridded', maxPoints: 1 })).rejects.toThrow(/maxPoints/);
    await expect(readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: ['GR'], grid: 'gridded', top: 2000, base: 1000 })).rejects.toThrow(/top/);
    await expect(readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: [], grid: 'gridded' })).rejects.toThrow(/at least one curve/);
    // SP is only in the older run, so the newer run alone cannot give it.
    await expect(readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['SP', 'GR'], grid: 'native', runId: fx.ids.alphaDeepRun })).rejects.toThrow(/no curve 'SP'/);
  });

  it('picks one run for native data: the newest that has every curve asked for', async () => {
    const w = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR', 'SP'], grid: 'native' });
    expect(new Set(w.curves.map((c) => c.runId))).toEqual(new Set([fx.ids.alphaRun]));
    const newest = await readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR'], grid: 'native' });
    expect(newest.curves[0].runId).toBe(fx.ids.alphaDeepRun);
  });

  it('serves a repeat read from decoded columns without going back to the file', async () => {
    await readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: ['ILD'], grid: 'gridded' });
    const before = columnCache.size;
    const again = await readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: ['ILD'], top: 1100, base: 1200, grid: 'gridded', maxPoints: 100 });
    expect(columnCache.size).toBe(before);
    expect(again.depth.length).toBeLessThanOrEqual(100);
  });
});

describe('queryColumns', () => {
  it('returns numeric columns as Float64Array with NULL as NaN', async () => {
    const las = readLasCurves(fx.files.charlie);
    const r = await queryColumns(fx.ws, `SELECT well, DEPTH, NPHI FROM samples WHERE well = 'CHARLIE 3' ORDER BY DEPTH`);
    expect(r.rowCount).toBe(las.depth.length);
    expect(r.columns.map((c) => c.name)).toEqual(['well', 'DEPTH', 'NPHI']);
    expect(r.columns[0].values).toEqual(new Array(las.depth.length).fill('CHARLIE 3'));
    expect(r.columns[1].values).toBeInstanceOf(Float64Array);
    const nphi = r.columns[2].values as Float64Array;
    las.curves.get('NPHI')!.forEach((pu, i) => expect(Number.isNaN(pu) ? Number.isNaN(nphi[i]) : closeTo(nphi[i], pu / 100)).toBe(true));
  });
});
