/**
 * NULL values: the ~W NULL item, the named policies (after lasio's null_policy) and
 * custom values and tokens. The depth index is never nulled, whatever the policy.
 */
import { describe, it, expect } from 'vitest';
import { readLas } from '../../src/las/read.js';
import { parseNullPolicySpec, resolveNullPolicy, type NullPolicyInput } from '../../src/las/null-policy.js';
import { curve, las2, lineOf, lines, problems, v2Header, values } from './read-helpers.js';

describe('the ~W NULL value', () => {
  it('reads data equal to NULL as NaN, however the number is written', () => {
    const text = las2(['DEPT.M', 'A.', 'B.'], ['1 -999.25 10', '2 -999.2500 -999.250', '3 -9.9925e2 -999.25000000'], { nullValue: '-999.2500' });
    const las = readLas(text);
    expect(las.nullValue).toBe(-999.25);
    expect(values(curve(las, 'A'))).toEqual([NaN, NaN, NaN]);
    expect(values(curve(las, 'B'))).toEqual([10, NaN, NaN]);
  });

  it('does not null values that only look alike', () => {
    const las = readLas(las2(['DEPT.M', 'A.'], ['1 -999.2', '2 -999.251', '3 999.25', '4 -999'], { nullValue: '-999.25' }));
    expect(values(curve(las, 'A'))).toEqual([-999.2, -999.251, 999.25, -999]);
  });

  it('honours any NULL number the file declares (-9999, 0)', () => {
    expect(values(curve(readLas(las2(['DEPT.M', 'A.'], ['1 -9999', '2 -999.25'], { nullValue: '-9999' })), 'A'))).toEqual([NaN, -999.25]);
    expect(values(curve(readLas(las2(['DEPT.M', 'A.'], ['1 0', '2 0.5'], { nullValue: '0.0' })), 'A'))).toEqual([NaN, 0.5]);
  });

  it('applies NULL in wrapped data and in text columns', () => {
    const wrapped = readLas(las2(['DEPT.M', 'A.', 'B.'], ['1', '-999.25 2', '2', '3 -999.25'], { wrap: true }));
    expect(values(curve(wrapped, 'A'))).toEqual([NaN, 3]);
    expect(values(curve(wrapped, 'B'))).toEqual([2, NaN]);
    const text = readLas(las2(['DEPT.M', 'LITH.'], ['1 SAND', '2 -999.25']));
    expect(values(curve(text, 'LITH'))).toEqual(['SAND', null]);
  });

  it('never nulls the depth index', () => {
    const las = readLas(las2(['DEPT.M', 'A.'], ['-999.25 1', '-999.2500 -999.25', '0 2']));
    expect(values(curve(las, 'DEPT'))).toEqual([-999.25, -999.25, 0]);
    expect(values(curve(las, 'A'))).toEqual([1, NaN, 2]);
    expect(las.index?.first).toBe(-999.25);
  });

  it('reports a NULL that is not a number, with its line, and nulls nothing', () => {
    const text = las2(['DEPT.M', 'A.'], ['1 -999.25'], { nullValue: 'NONE' });
    const las = readLas(text);
    expect(las.nullValue).toBeNull();
    expect(values(curve(las, 'A'))).toEqual([-999.25]);
    expect(problems(las, 'null-not-number')[0]).toMatchObject({ severity: 'warning', line: lineOf(text, 'NULL.') });
  });

  it('with no NULL item, nulls nothing under the default policy', () => {
    const text = lines('~V', ' VERS. 2.0 :', ' WRAP. NO :', '~W', ' WELL. X : well', '~C', ' DEPT.M :', ' A. :', '~A', '1 -999.25');
    const las = readLas(text);
    expect(las.nullValue).toBeNull();
    expect(values(curve(las, 'A'))).toEqual([-999.25]);
  });
});

describe('named null policies', () => {
  // NULL is -999.25; the other values are what the broader policies also treat as missing.
  const text = las2(['DEPT.M', 'A.', 'B.', 'C.'], [
    '-999.25 -999.25 9999    (null)',
    '999.25  -9999   -999    -',
    '1       -999.25 999.25  N/A',
    '2       1       2       #N/A',
    '3       -9999.25 2147483647 NA',
  ]);
  const read = (policy: NullPolicyInput) => {
    const las = readLas(text, { nullPolicy: policy });
    return { las, a: values(curve(las, 'A')), b: values(curve(las, 'B')), c: values(curve(las, 'C')), dept: values(curve(las, 'DEPT')) };
  };
  const DEPT = [-999.25, 999.25, 1, 2, 3];

  it('none: nothing is NULL, not even the ~W NULL value', () => {
    const r = read('none');
    expect(r.las.nullValue).toBe(-999.25);
    expect(r.a).toEqual([-999.25, -9999, -999.25, 1, -9999.25]);
    expect(r.b).toEqual([9999, -999, 999.25, 2, 2147483647]);
    expect(r.c).toEqual(['(null)', '-', 'N/A', '#N/A', 'NA']);
    expect(r.dept).toEqual(DEPT);
  });

  it('strict (the default): only the ~W NULL value', () => {
    const r = read('strict');
    expect(r.a).toEqual([NaN, -9999, NaN, 1, -9999.25]);
    expect(r.b).toEqual([9999, -999, 999.25, 2, 2147483647]);
    expect(r.c).toEqual(['(null)', '-', 'N/A', '#N/A', 'NA']);
    expect(values(curve(readLas(text), 'A'))).toEqual(r.a);
    expect(r.dept).toEqual(DEPT);
  });

  it('common: also ±999.25, ±9999.25 and the usual text tokens', () => {
    const r = read('common');
    expect(r.a).toEqual([NaN, -9999, NaN, 1, NaN]);
    expect(r.b).toEqual([9999, -999, NaN, 2, 2147483647]);
    expect(r.c).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(curve(r.las, 'C').kind).toBe('number');
    expect(r.dept).toEqual(DEPT);
  });

  it('aggressive: also ±999, ±9999, integer limits', () => {
    const r = read('aggressive');
    expect(r.a).toEqual([NaN, NaN, NaN, 1, NaN]);
    expect(r.b).toEqual([NaN, NaN, NaN, 2, NaN]);
    expect(r.c).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(r.dept).toEqual(DEPT);
  });

  it('each policy nulls at least what the stricter one does', () => {
    const order = ['none', 'strict', 'common', 'aggressive'] as const;
    const nulls = order.map((p) => {
      const r = read(p);
      return [...r.a, ...r.b, ...r.c].map((v) => v === null || (typeof v === 'number' && Number.isNaN(v)));
    });
    for (let k = 1; k < order.length; k++) {
      nulls[k - 1].forEach((wasNull, i) => { if (wasNull) expect(nulls[k][i], `${order[k]} keeps value ${i} that ${order[k - 1]} nulled`).toBe(true); });
    }
  });
});

describe('custom null values and tokens', () => {
  it('parses a CLI spec: base policy, then numbers as values and the rest as tokens', () => {
    expect(parseNullPolicySpec('common,-9999,N/A')).toEqual({ base: 'common', values: [-9999], tokens: ['N/A'] });
    expect(parseNullPolicySpec('aggressive')).toBe('aggressive');
    expect(parseNullPolicySpec('-1, MISSING')).toEqual({ base: 'strict', values: [-1], tokens: ['MISSING'] });
    const resolved = resolveNullPolicy(parseNullPolicySpec('common,-9999,N/A'));
    expect(resolved.values).toContain(-9999);
    expect(resolved.values).toContain(-999.25);
    expect(resolved.tokens).toContain('N/A');
    expect(resolved.headerNull).toBe(true);
  });

  it('nulls the extra values and tokens, case-insensitively, on top of the base', () => {
    const text = las2(['DEPT.M', 'A.', 'B.'], ['-9999 -9999 MISSING', '2 9999.25 missing', '3 -1 4'], { nullValue: '-1' });
    const las = readLas(text, { nullPolicy: parseNullPolicySpec('common,-9999,MISSING') });
    expect(values(curve(las, 'DEPT'))).toEqual([-9999, 2, 3]);
    expect(values(curve(las, 'A'))).toEqual([NaN, NaN, NaN]);
    expect(values(curve(las, 'B'))).toEqual([NaN, NaN, 4]);
    expect(curve(las, 'B').kind).toBe('number');
  });

  it('accepts a full policy object without the header NULL', () => {
    const text = las2(['DEPT.M', 'A.'], ['1 -999.25', '2 -5', '3 x']);
    const las = readLas(text, { nullPolicy: { headerNull: false, values: [-5], tokens: ['X'] } });
    expect(values(curve(las, 'A'))).toEqual([-999.25, NaN, NaN]);
  });

  it('a custom value equal to the first depth does not null the index', () => {
    const las = readLas(lines(v2Header(), '~C', ' DEPT.M :', ' A. :', '~A', '0 0', '1 1'), { nullPolicy: { base: 'strict', values: [0] } });
    expect(values(curve(las, 'DEPT'))).toEqual([0, 1]);
    expect(values(curve(las, 'A'))).toEqual([NaN, 1]);
  });
});
