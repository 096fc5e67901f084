/**
 * LAS 3.0 corpus files that lasio reads wrong: every data section set with its shape and
 * values, checked by eye against the text of each file (the values below are quoted from it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSet } from '../../src/las/access.js';
import type { LasFile } from '../../src/las/model.js';
import { readLas } from '../../src/las/read.js';
import { HAVE_CORPUS, LAS_DIR } from './corpus.js';

if (!HAVE_CORPUS) console.warn('SKIPPED: LAS 3.0 set checks — ../shared/corpus is absent');

function read(rel: string): LasFile {
  return readLas(readFileSync(join(LAS_DIR, rel)), { fileName: rel });
}

/** [set, rows, curves] in file order of data sections. */
type Shape = [string, number, number];

function shapes(las: LasFile): Shape[] {
  return las.sets.filter((s) => s.dataLine !== undefined).map((s) => [s.name, s.nRows, s.curves.length]);
}

function col(las: LasFile, set: string, mnemonic: string): unknown[] {
  const s = getSet(las, set);
  const c = s?.curves.find((x) => x.mnemonic === mnemonic);
  if (!c) throw new Error(`no curve ${set}.${mnemonic}`);
  return Array.from(c.data as ArrayLike<unknown>, (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v));
}

describe.skipIf(!HAVE_CORPUS)('LAS 3.0 files lasio reads wrong', () => {
  it('Wellington KGS (DLM COMMA, Test[1..4] runs): every set, shape and values', () => {
    const las = read('agilescientific__welly/tutorial/data/Wellington_KGS-1-32-wDST2_LASv3.las');
    expect(shapes(las)).toEqual([
      ['Log', 9341, 38], ['IQ_Brine', 4, 27], ['Tops', 17, 16], ['Test[1]', 81, 10], ['Test[2]', 80, 10],
      ['Test[3]', 262, 10], ['Test[4]', 253, 10], ['IQ_Control', 7, 3], ['IQ_Geo_Report', 449, 4],
    ]);
    const dept = col(las, 'Log', 'DEPT');
    expect([dept[0], dept[dept.length - 1]]).toEqual([580, 5247.5]);
    expect(col(las, 'IQ_Brine', 'Na').slice(0, 3)).toEqual([58000, 31500, 17400]);
    // ` "Recovery","-999.25",-999.25,...,55.0,0.27,"MCW 40%m 60%w"`
    expect(col(las, 'Test[1]', '_T_TYPE')[0]).toBe('Recovery');
    expect(col(las, 'Test[1]', '_T_ID')[0]).toBeNull();
    expect(col(las, 'Test[1]', '_T_LEN')[0]).toBe(55);
    expect(col(las, 'Test[1]', '_T_VOL')[0]).toBe(0.27);
    expect(col(las, 'Test[1]', '_T_DESC')[0]).toBe('MCW 40%m 60%w');
  });

  it('LASinfections ex12 (DLM COMMA): Log 7585 x 55 and the Tops / IQ sets', () => {
    const las = read('agilescientific__LASinfections/examples/ex12_1046114346.las');
    expect(shapes(las)).toEqual([['Log', 7585, 55], ['Tops', 17, 15], ['IQ_Control', 16, 3], ['IQ_Geo_Report', 468, 4]]);
    expect(col(las, 'Log', 'DEPT')[0]).toBe(79);
    expect(col(las, 'Log', 'RT90')[0]).toBe(207.4832);
    expect(col(las, 'Tops', 'TOPT')[0]).toBe(140);
    expect(col(las, 'IQ_Geo_Report', 'GEODES')[0]).toBe('146; Wellington Shale ');
  });

  it('striplog P-129 cuttings: the Lithology set with quoted descriptions holding commas', () => {
    const las = read('agilescientific__striplog/docs/tutorial/P-129_striplog_from_cuttings.las');
    expect(shapes(las)).toEqual([['Lithology', 155, 3]]);
    // `  280.000,  282.000,  "Red, siltstone, very fine"`
    expect(col(las, 'Lithology', 'LITHT')[0]).toBe(280);
    expect(col(las, 'Lithology', 'LITHB')[0]).toBe(282);
    expect(col(las, 'Lithology', 'LITHD')[0]).toBe('Red, siltstone, very fine');
    expect(getSet(las, 'Lithology')!.curves[2].kind).toBe('string');
  });

  it('Curve-Param Error #8 and #11: the ~LOG_DEFINITION curves and every ~LOG_DATA row', () => {
    const e8 = read('kinverarity1__lasio/tests/examples/3.0/Curve-Param Error #8 (SS).las');
    expect(shapes(e8)).toEqual([['Log', 201, 10]]);
    // `1450.0            6142.8340         3.5468            5894.6120 ...`
    expect(getSet(e8, 'Log')!.curves.map((c) => c.data[0]).slice(0, 4)).toEqual([1450, 6142.834, 3.5468, 5894.612]);
    const e11 = read('kinverarity1__lasio/tests/examples/3.0/Curve-Param Error #11 (SS).las');
    expect(shapes(e11)).toEqual([['Log', 96, 31]]);
    const d = col(e11, 'Log', 'DEPT');
    expect([d[0], d[95]]).toEqual([1480, 1575]);
  });

  it('Curve-Param Unknown #1 and #2: the ~Drilling_Definition names', () => {
    const u1 = read('kinverarity1__lasio/tests/examples/3.0/Curve-Param Unknown #1(SS).las');
    expect(shapes(u1)).toEqual([['Drilling', 101, 16]]);
    // `ETIM .S : 1 ELAPSED TIME`, `Weight_On_Hook .klbm`, first row ` 0.00	 0.85	 141.8 ...`
    expect(getSet(u1, 'Drilling')!.curves.slice(0, 3).map((c) => [c.mnemonic, c.unit, c.data[0]])).toEqual([
      ['ETIM', 'S', 0], ['Weight_On_Hook', 'klbm', 0.85], ['Hook_Height', 'ft', 141.8],
    ]);
    const u2 = read('kinverarity1__lasio/tests/examples/3.0/Curve-Param Unknown #2 (SS).LAS');
    expect(shapes(u2)).toEqual([['Drilling', 71, 45]]);
  });

  it.each(['las-30a-revised-2010.las', 'sample_3.0_tab_dlm.las'])('%s: every section set of the LAS 3.0 specimen', (name) => {
    const las = read(`kinverarity1__lasio/tests/examples/3.0/${name}`);
    expect(shapes(las)).toEqual([
      ['Drilling', 2, 12], ['Core[1]', 3, 3], ['Core[2]', 3, 3], ['Inclinometry', 7, 4], ['Test', 3, 6], ['TOPS', 3, 3],
      ['Perforations', 3, 4], ['Log', 3, 15],
    ].sort((a, b) => (a[0] === 'Log' ? -1 : b[0] === 'Log' ? 1 : 0)) as Shape[]);
    // `~Core_Data[2]`: ` 655.50,660.60,Long cylindrical hunk of rock`
    expect(getSet(las, 'Core[2]')!.curves.map((c) => c.data[0])).toEqual([655.5, 660.6, 'Long cylindrical hunk of rock']);
    // `1670.000,123.450,...,1.45E+12,DOLOMITE WI/VUGS,10,12,14,18,13`
    const log = getSet(las, 'Log')!;
    expect(log.curves.find((c) => c.mnemonic === 'YME')!.data[0]).toBe(1.45e12);
    expect(log.curves.find((c) => c.mnemonic === 'CDES')!.data[0]).toBe('DOLOMITE WI/VUGS');
    const nmr = log.curves.filter((c) => c.arrayName === 'NMR');
    expect(nmr.map((c) => [c.arrayIndex, c.data[0]])).toEqual([[1, 10], [2, 12], [3, 14], [4, 18], [5, 13]]);
    expect(log.curves.find((c) => c.mnemonic === 'DT')!.format).toBe('F');
    expect(getSet(las, 'Test')!.curves.find((c) => c.mnemonic === 'DDES')!.data).toEqual(['TSTM', 'Oil to surface', 'Packer Failure']);
    expect(getSet(las, 'TOPS')!.curves.find((c) => c.mnemonic === 'TOPN')!.data).toEqual(['Viking', 'Colony', 'Basal Quartz']);
  });
});
