import { describe, expect, it } from 'vitest';
import { csvHeader, csvRows, jsonRows, jsonValue, table } from '../../src/query/format.js';

const col = (name: string, type = 'VARCHAR', key = name) => ({ name, key, type });

describe('result formatting', () => {
  it('turns DuckDB values into JSON a program can use', () => {
    expect(jsonValue(42n)).toBe(42);
    expect(jsonValue(-(2n ** 60n))).toBe('-1152921504606846976');
    expect(jsonValue(new Date(Date.UTC(2024, 7, 22)))).toBe('2024-08-22T00:00:00.000Z');
    expect(jsonValue([1n, { a: 2n }])).toEqual([1, { a: 2 }]);
    expect(jsonValue(new Uint8Array([1, 2, 3]))).toBe('AQID');
  });

  it('keys JSON rows by the de-duplicated column names', () => {
    const text = jsonRows([col('x', 'INTEGER', 'x'), col('x', 'INTEGER', 'x_1')], [[1, 2], [3, 4]], true);
    expect(JSON.parse(`[${text}]`)).toEqual([{ x: 1, x_1: 2 }, { x: 3, x_1: 4 }]);
  });

  it('quotes CSV fields only when RFC 4180 needs it', () => {
    expect(csvHeader([col('plain'), col('has space'), col('a"b')])).toBe('plain,has space,"a""b"\r\n');
    expect(csvRows([['x\r\ny', null, true]])).toBe('"x\r\ny",,true\r\n');
  });

  it('aligns a table (numbers and their heading to the right), shows NULL, and keeps a multi-line value on one line', () => {
    const t = table([col('name'), col('n', 'DOUBLE')], [['a\nb', 1.25], [null, 10]]);
    expect(t).toBe(['name     n', '----  ----', 'a↵b   1.25', 'NULL    10', '(2 rows)', ''].join('\n'));
  });
});
