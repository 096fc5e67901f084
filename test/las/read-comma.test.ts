/** Comma-delimited LAS 3.0 data: every spacing around the commas, empty fields, NULLs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLas } from '../../src/las/read.js';

function las3(rows: string[], curves = ['DEPT.M', 'GR.GAPI', 'RHOB.G/C3']): string {
  return [
    '~Version', ' VERS. 3.0 :', ' WRAP. NO :', ' DLM . COMMA :', '~Well', ' NULL. -999.25 :',
    '~Log_Definition', ...curves.map((c) => ` ${c} : {F}`), '~Log_Data | Log_Definition', ...rows, '',
  ].join('\n');
}

const values = (text: string) => readLas(text).sets[0].curves.map((c) => Array.from(c.data as Float64Array));

describe('comma-delimited rows', () => {
  it('reads spaces around commas, empty fields and the NULL value as the same table', () => {
    const got = values(las3(['100,1.5,2.25', ' 101 , 2.5 ,2.35 ', '102,,-999.25', '103,\t4.5\t,', '104.5,5e2,-0']));
    expect(got[0]).toEqual([100, 101, 102, 103, 104.5]);
    expect(got[1]).toEqual([1.5, 2.5, NaN, 4.5, 500]);
    expect(got[2].map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual([2.25, 2.35, NaN, NaN, '-0']);
  });

  it('gives exactly Number() of each field, whatever the spacing (fast-check)', () => {
    const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.constant(NaN));
    const pad = fc.constantFrom('', ' ', '  ', '\t');
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100000 }), cell, cell, pad, pad), { minLength: 1, maxLength: 30 }), (rows) => {
      const show = (x: number) => (Number.isNaN(x) ? '' : Object.is(x, -0) ? '-0' : String(x));
      const text = rows.map(([d, a, b, p, q]) => `${d}${p},${q}${show(a)}${p},${show(b)}${q}`);
      const got = values(las3(text));
      rows.forEach(([d, a, b], r) => {
        expect(got[0][r]).toBe(d);
        expect(Object.is(got[1][r], a === -999.25 ? NaN : a) || (Number.isNaN(got[1][r]) && Number.isNaN(a))).toBe(true);
        expect(Object.is(got[2][r], b === -999.25 ? NaN : b) || (Number.isNaN(got[2][r]) && Number.isNaN(b))).toBe(true);
      });
    }), { numRuns: 200 });
  });

  it('sends a quoted or text field to the general path, which reads it right', () => {
    const got = readLas(las3(['100,"1.5",2', '101,abc,3'])).sets[0].curves;
    expect(Array.from(got[0].data as Float64Array)).toEqual([100, 101]);
    expect(got[1].kind).toBe('string');
  });
});
