/**
 * The ~A section: wrapped and unwrapped rows, exact decimal conversion, the spellings of
 * NaN and infinity real writers produce, run-on and comma-decimal numbers, text columns.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { LasFile } from '../../src/las/model.js';
import { readLas } from '../../src/las/read.js';
import { curve, las2, lineOf, lines, problems, v2Header, values } from './read-helpers.js';

/** Every curve's values by key, for comparing two reads of the same data. */
function table(las: LasFile): Record<string, (number | string | null)[]> {
  return Object.fromEntries(las.sets[0].curves.map((c) => [c.mnemonic, Array.from(c.data as ArrayLike<number | string | null>)]));
}

const CURVES5 = ['DEPT.M', 'GR.GAPI', 'RHOB.G/C3', 'NPHI.V/V', 'DT.US/F'];
const ROWS5 = [
  [1000, 45.5, 2.31, 0.25, 88.1],
  [1000.5, 47.25, 2.35, 0.245, 89.9],
  [1001, -999.25, 2.4, 0.2, 90.05],
  [1001.5, 52, 2.45, 0.19, 91.5],
];

describe('wrapped and unwrapped data', () => {
  const unwrapped = las2(CURVES5, ROWS5.map((r) => r.join(' ')));
  // LAS 2.0 wrapping: the index alone on the first line, the rest split over lines.
  const wrapped = las2(CURVES5, ROWS5.flatMap((r) => [String(r[0]), r.slice(1, 3).join(' '), r.slice(3).join(' ')]), { wrap: true });

  it('reads unwrapped rows, one line per depth', () => {
    const las = readLas(unwrapped);
    expect(las.wrap).toBe(false);
    expect(las.sets[0].nRows).toBe(4);
    expect(values(curve(las, 'DEPT'))).toEqual([1000, 1000.5, 1001, 1001.5]);
    expect(values(curve(las, 'GR'))).toEqual([45.5, 47.25, NaN, 52]);
    expect(values(curve(las, 'DT'))).toEqual([88.1, 89.9, 90.05, 91.5]);
  });

  it('reads WRAP YES data into the same table as the unwrapped file', () => {
    const las = readLas(wrapped);
    expect(las.wrap).toBe(true);
    expect(table(las)).toEqual(table(readLas(unwrapped)));
    expect(las.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('reads WRAP YES data with a different number of values on each line', () => {
    const flat = ROWS5.flat().map(String);
    const ragged: string[] = [];
    for (let i = 0, k = 1; i < flat.length; i += k, k = (k % 3) + 1) ragged.push(flat.slice(i, i + k).join(' '));
    expect(table(readLas(las2(CURVES5, ragged, { wrap: true })))).toEqual(table(readLas(unwrapped)));
  });

  it('reads WRAP YES with every row on one line', () => {
    expect(table(readLas(las2(CURVES5, ROWS5.map((r) => r.join(' ')), { wrap: true })))).toEqual(table(readLas(unwrapped)));
  });

  it('reads wrapped data under WRAP NO and says so with the line', () => {
    const text = wrapped.replace('WRAP.   YES', 'WRAP.   NO');
    const las = readLas(text);
    expect(table(las)).toEqual(table(readLas(unwrapped)));
    const p = problems(las, 'wrap-mismatch');
    expect(p).toHaveLength(1);
    expect(p[0].severity).toBe('warning');
    expect(p[0].line).toBe(lineOf(text, '~ASCII') + 1);
  });

  it('reads a long wrapped file (more rows than the layout sample)', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [1000 + i * 0.5, i, i * 2, i * 3, i * 4]);
    const w = readLas(las2(CURVES5, rows.flatMap((r) => [String(r[0]), r.slice(1).join(' ')]), { wrap: true }));
    const u = readLas(las2(CURVES5, rows.map((r) => r.join(' '))));
    expect(w.sets[0].nRows).toBe(200);
    expect(table(w)).toEqual(table(u));
  });
});

// ---------------------------------------------------------------- exact decimals

/** Reads `tokens` as the second column of a file, laid out in one of the reader's paths. */
function readColumn(tokens: string[], layout: 'rows' | 'wrapped' | 'with-text' | 'comma'): number[] {
  const depth = (i: number) => String(i + 1);
  let text: string;
  if (layout === 'rows') text = las2(['DEPT.M', 'X.'], tokens.map((t, i) => `${depth(i)} ${t}`));
  else if (layout === 'wrapped') text = las2(['DEPT.M', 'X.', 'Y.'], tokens.flatMap((t, i) => [depth(i), `${t} 0`]), { wrap: true });
  else if (layout === 'with-text') text = las2(['DEPT.M', 'X.', 'LITH.'], tokens.map((t, i) => `${depth(i)} ${t} SAND`));
  else {
    text = lines(
      '~Version', ' VERS. 3.0 : CWLS', ' WRAP. NO :', ' DLM. COMMA :',
      '~Well', ' NULL. -999.25 :',
      '~Log_Definition', ' DEPT.M : depth', ' X. : x',
      '~Log_Data', ...tokens.map((t, i) => `${depth(i)},${t}`),
    );
  }
  const las = readLas(text, { nullPolicy: 'none' });
  return values(curve(las, 'X')) as number[];
}

/** Decimal text as logging software writes it: sign, 1-20 digits, a point anywhere, an exponent. */
const decimalText = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    digits: fc.stringMatching(/^[0-9]{1,20}$/),
    point: fc.nat(),
    exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 330 })), { nil: undefined }),
    // Exporters pad fractions to a fixed width with zeros ("1128.674417262100").
    zeros: fc.integer({ min: 0, max: 12 }),
  })
  .map(({ sign, digits, point, exponent, zeros }) => {
    const at = point % (digits.length + 2);
    const mant = at > digits.length ? digits : `${digits.slice(0, at)}.${digits.slice(at)}${'0'.repeat(zeros)}`;
    return `${sign}${mant}${exponent ? `${exponent[0]}${exponent[1]}${exponent[2]}` : ''}`;
  })
  .filter((t) => /\d/.test(t.replace(/[eE].*$/, '')));

/** Inputs that break naive parsers: round-to-even halfway cases, long mantissas, the edges of the double range. */
const HARD_DECIMALS = [
  '-0', '-0.0', '+0', '0.000', '1e-300', '-1e-300', '1e308', '1.7976931348623157e308', '1.7976931348623159e308',
  '4.9406564584124654e-324', '5e-324', '2.4703282292062327e-324', '2.4703282292062328e-324', '2.2250738585072011e-308',
  '2.2250738585072012e-308', '9007199254740993', '9007199254740992.5', '9007199254740993.0000000001',
  '0.1', '0.2', '0.3', '0.30000000000000004', '123456789012345678901234567890', '0.000000000000000000000000000001234567890123456789',
  '3.14159265358979323846264338327950288', '1.00000000000000011102230246251565404', '1.000000000000000111022302462515654042',
  '7.038531e-26', '2.2250738585072014e-308', '1e23', '8.41e21', '5.5e22', '1e22', '9.999999999999999e22', '.5', '5.', '-.25e2', '1E+2', '1e-0',
  '0.0000000000000000000000000000000000000000000000000000000001', '1e400', '-1e400', '1e-400',
  // Zero-padded fractions: exact once the padding is dropped, or not (16+ significant digits).
  '1128.674417262100', '-1128.6744172621000000', '0.100000000000000000', '123456789012345.000', '1234567890123456.0',
  '12345678901234.560', '999999999999999.9000', '0.000000000000001000', '-0.000000000000000000',
];

describe('decimal text becomes exactly Number(text)', () => {
  for (const layout of ['rows', 'wrapped', 'with-text', 'comma'] as const) {
    it(`hard cases (${layout})`, () => {
      const got = readColumn(HARD_DECIMALS, layout);
      HARD_DECIMALS.forEach((t, i) => expect(Object.is(got[i], Number(t)), `${t}: got ${got[i]}, Number() gives ${Number(t)}`).toBe(true));
    });

    it(`random decimal strings (${layout})`, () => {
      fc.assert(
        fc.property(fc.array(decimalText, { minLength: 1, maxLength: 40 }), (tokens) => {
          const got = readColumn(tokens, layout);
          tokens.forEach((t, i) => {
            if (!Object.is(got[i], Number(t))) throw new Error(`${layout}: '${t}' read as ${got[i]}, Number() gives ${Number(t)}`);
          });
        }),
        { numRuns: 150 },
      );
    });
  }

  it('keeps -0 in the index column and in data', () => {
    const las = readLas(las2(['DEPT.M', 'X.'], ['-0 -0.0', '1 2']));
    expect(Object.is(values(curve(las, 'DEPT'))[0], -0)).toBe(true);
    expect(Object.is(values(curve(las, 'X'))[0], -0)).toBe(true);
  });
});

// ---------------------------------------------------------------- unusual tokens

describe('NaN and infinity spellings', () => {
  const text = las2(['DEPT.M', 'A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.'], [
    '1 nan NaN inf -inf INF -INF 5',
    '2 -1.#IND 1.#INF -1.#INF 1.#QNAN -nan +inf 6',
  ]);

  it('reads nan/inf and the MSVC forms as numbers, not text', () => {
    const las = readLas(text);
    const row = (i: number) => ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((k) => values(curve(las, k))[i]);
    expect(row(0)).toEqual([NaN, NaN, Infinity, -Infinity, Infinity, -Infinity, 5]);
    expect(row(1)).toEqual([NaN, Infinity, -Infinity, NaN, NaN, Infinity, 6]);
    for (const c of las.sets[0].curves) expect(c.kind, c.mnemonic).toBe('number');
    expect(problems(las, 'text-in-numeric-curve')).toEqual([]);
  });
});

describe('run-on numbers', () => {
  const text = las2(['DEPT.M', 'A.', 'B.', 'C.'], [
    '7686.0 9.207  4648.011 10.609',
    '7685.5 7.020101130.188 10.560',
    '7685.0 7.330-19508.961 10.424',
  ]);

  it('splits values run together at a minus sign, and reports each with line and column', () => {
    const las = readLas(text);
    expect(values(curve(las, 'A'))).toEqual([9.207, NaN, 7.33]);
    expect(values(curve(las, 'B'))).toEqual([4648.011, NaN, -19508.961]);
    expect(values(curve(las, 'C'))).toEqual([10.609, 10.56, 10.424]);
    const runOn = problems(las, 'run-on');
    expect(runOn.map((p) => p.line)).toContain(lineOf(text, '7.330-19508.961'));
    const p = runOn.find((q) => q.line === lineOf(text, '7.330-19508.961'))!;
    expect(p.severity).toBe('warning');
    expect(p.column).toBe('7685.0 '.length + 1);
  });

  it('refuses run-on values in strict mode', () => {
    expect(() => readLas(text, { strict: true })).toThrow(/line/);
  });

  it('does not split a date such as 2020-01-15', () => {
    const las = readLas(las2(['DEPT.M', 'DAY.'], ['1 2020-01-15', '2 2020-01-16']));
    expect(values(curve(las, 'DAY'))).toEqual(['2020-01-15', '2020-01-16']);
  });
});

describe('comma decimal marks', () => {
  it('reads 123,42 as 123.42 in space-delimited data and warns with the place', () => {
    const text = las2(['DEPT.M', 'A.', 'B.'], ['1670.000 123.450 2550.000', '1669.875 123,420 2550.000']);
    const las = readLas(text);
    expect(values(curve(las, 'A'))).toEqual([123.45, 123.42]);
    const p = problems(las, 'comma-decimal');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', line: lineOf(text, '123,420'), column: '1669.875 '.length + 1 });
  });
});

describe('text in data', () => {
  const text = las2(['DEPT.M', 'GR.GAPI', 'LITH.', 'RHOB.G/C3'], ['100 10 SAND 2.3', '101 -999.25 SHALE 2.4', '102 12 -999.25 2.5']);

  it('keeps a text column as text and the other columns as numbers', () => {
    const las = readLas(text);
    const lith = curve(las, 'LITH');
    expect(lith.kind).toBe('string');
    expect(values(lith)).toEqual(['SAND', 'SHALE', null]);
    expect(curve(las, 'GR').kind).toBe('number');
    expect(values(curve(las, 'GR'))).toEqual([10, NaN, 12]);
    expect(values(curve(las, 'RHOB'))).toEqual([2.3, 2.4, 2.5]);
    expect(curve(las, 'DEPT').kind).toBe('number');
  });

  it('reports the first text value of a LAS 2.0 column with its line and column', () => {
    const las = readLas(text);
    const p = problems(las, 'text-in-numeric-curve');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ line: lineOf(text, 'SAND'), column: '100 10 '.length + 1 });
  });

  it('reads a quoted string with spaces as one value', () => {
    const las = readLas(las2(['DEPT.M', 'NAME.', 'GR.GAPI'], ['100 "Upper Shale" 10', "101 'Lower Sand' 11", '102 Marl 12']));
    expect(values(curve(las, 'NAME'))).toEqual(['Upper Shale', 'Lower Sand', 'Marl']);
    expect(values(curve(las, 'GR'))).toEqual([10, 11, 12]);
    expect(las.sets[0].nRows).toBe(3);
  });

  it('a numeric column that meets text keeps its earlier and later numbers, as text', () => {
    const las = readLas(las2(['DEPT.M', 'X.'], ['1 1.5', '2 n/a', '3 0.1']));
    const x = values(curve(las, 'X'));
    expect(x[1]).toBe('n/a');
    expect(Number(x[0])).toBe(1.5);
    expect(Number(x[2])).toBe(0.1);
  });
});

describe('text columns past the layout sample (the mixed-row fast path)', () => {
  // Enough rows that most are read after the layout is decided, by the fast path.
  const N = 400;
  const lith = (i: number): string => ['SAND', 'SHALE', 'LIME', '-999.25', 'NA', '123', '"Upper Shale"', 'Marl'][i % 8];
  const rows = Array.from({ length: N }, (_, i) => {
    const gr = i % 13 === 4 ? '-999.25' : (20 + (i % 50) * 0.5).toFixed(1);
    if (i === 250) return `${1000 + i} ${gr}`; // short row: the general path warns
    return `${1000 + i}   ${gr}  ${lith(i)}   ${(2 + (i % 9) * 0.05).toFixed(2)}`;
  });
  const las = readLas(las2(['DEPT.M', 'GR.GAPI', 'LITH.', 'RHOB.G/C3'], rows, { nullValue: '-999.25' }), { nullPolicy: 'common' });

  it('reads every row: numbers as numbers, text as text, NULL tokens as null, quotes unquoted', () => {
    expect(las.sets[0].nRows).toBe(N);
    const want = (i: number): string | null => {
      const t = lith(i);
      return t === '-999.25' || t === 'NA' ? null : t.replace(/"/g, '');
    };
    const got = values(curve(las, 'LITH'));
    for (let i = 0; i < N; i++) if (i !== 250) expect(got[i], `row ${i}`).toBe(want(i));
    const gr = values(curve(las, 'GR'));
    expect(gr[4]).toBeNaN();
    expect(gr[5]).toBe(22.5);
    expect(values(curve(las, 'RHOB'))[399]).toBe(Number((2 + (399 % 9) * 0.05).toFixed(2)));
    expect(values(curve(las, 'DEPT'))[399]).toBe(1399);
  });

  it('still reports a short row, with its line', () => {
    const p = problems(las, 'row-short');
    expect(p).toHaveLength(1);
    expect(values(curve(las, 'LITH'))[250]).toBeNull();
    expect(values(curve(las, 'RHOB'))[250]).toBeNaN();
  });
});

describe('line ends and layout details', () => {
  it('reads CRLF and lone-CR line ends like LF', () => {
    const lf = las2(CURVES5, ROWS5.map((r) => r.join(' ')));
    const want = table(readLas(lf));
    expect(table(readLas(lf.replace(/\n/g, '\r\n')))).toEqual(want);
    expect(table(readLas(new TextEncoder().encode(lf.replace(/\n/g, '\r'))))).toEqual(want);
  });

  it('reads tab-separated values in a space-delimited file', () => {
    const las = readLas(lines(v2Header(), '~Curve', ' DEPT.M :', ' A. :', '~A', '1\t2.5', '2\t\t3.5'));
    expect(values(curve(las, 'A'))).toEqual([2.5, 3.5]);
  });

  it('reads a last row with no final newline', () => {
    const las = readLas(las2(['DEPT.M', 'A.'], ['1 2', '3 4']).trimEnd());
    expect(values(curve(las, 'A'))).toEqual([2, 4]);
  });
});
