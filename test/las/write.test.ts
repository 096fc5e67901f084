import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LasError } from '../../src/las/errors.js';
import { formatNumber, formatNumberPreferFixed } from '../../src/las/format-number.js';
import { writeLas, writeLasChunks } from '../../src/las/write.js';
import { dataSet, item, makeLas, numCurve, textCurve } from './las-builders.js';

/** Lines of one section, without its title; comments and blank lines dropped. */
function section(text: string, title: RegExp): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => title.test(l));
  if (start === -1) throw new Error(`no section ${title} in:\n${text}`);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('~')) break;
    if (l.trim() !== '' && !l.trimStart().startsWith('#')) out.push(l);
  }
  return out;
}

function titles(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('~'));
}

/** `MNEM.UNIT VALUE : DESC` → the value, by the LAS 2.0 rule (first period, first space after it, last colon). */
function headerValue(lines: string[], mnemonic: string): string {
  const line = lines.find((l) => l.trim().split('.')[0].trim() === mnemonic);
  if (!line) throw new Error(`no ${mnemonic} in ${lines.join('\n')}`);
  const afterDot = line.slice(line.indexOf('.') + 1);
  const afterUnit = afterDot.slice(afterDot.search(/\s|$/));
  return afterUnit.slice(0, afterUnit.lastIndexOf(':')).trim();
}

function expectLasError(fn: () => unknown, code: string): LasError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LasError);
    expect((e as LasError).code).toBe(code);
    return e as LasError;
  }
  throw new Error(`expected a LasError ${code}`);
}

const threeRowLog = () =>
  makeLas({
    sets: [
      dataSet(
        'Log',
        [numCurve('DEPT', 'M', [1500, 1500.25, 1500.5]), numCurve('GR', 'GAPI', [45.5, NaN, 120]), numCurve('RHOB', 'G/C3', [2.45, 2.5, NaN])],
        [item('BS', 'IN', '8.5', 'BIT SIZE')],
      ),
    ],
  });

describe('formatNumber', () => {
  it('reads back to the same double for every finite double, -0 and extremes included', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number(formatNumber(x)), x)).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const x of [-0, 0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -1074, 1e-7, 0.1 + 0.2, 2 ** 53 + 2]) {
      expect(Object.is(Number(formatNumber(x)), x)).toBe(true);
    }
  });

  it('writes ordinary log magnitudes as plain decimals, not exponents', () => {
    expect(formatNumber(2.3456)).toBe('2.3456');
    expect(formatNumber(-999.25)).toBe('-999.25');
    expect(formatNumber(0.00012)).toBe('0.00012');
    expect(formatNumber(123456789.5)).toBe('123456789.5');
    expect(formatNumber(-0)).toBe('-0');
    fc.assert(
      fc.property(fc.double({ min: 1e-5, max: 1e14, noNaN: true }), (x) => {
        expect(formatNumber(x)).not.toMatch(/e/i);
      }),
    );
  });

  it('gives exactly the asked decimals, keeping the sign of -0', () => {
    expect(formatNumber(2.45, 4)).toBe('2.4500');
    expect(formatNumber(1500, 2)).toBe('1500.00');
    expect(formatNumber(-0, 2)).toBe('-0.00');
    expect(formatNumber(0.125, 0)).toBe('0');
    expect(() => formatNumber(1, -1)).toThrow(RangeError);
  });
});

describe('formatNumberPreferFixed', () => {
  it('gives the fixed-decimal text when it reads back exactly, else the shortest exact text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 })).map(([k, d]) => k / 10 ** d),
        ),
        fc.integer({ min: 0, max: 8 }),
        (x, d) => {
          const text = formatNumberPreferFixed(x, d);
          expect(Object.is(Number(text), x)).toBe(true);
          const fixed = (Object.is(x, -0) ? '-' : '') + x.toFixed(d);
          if (Math.abs(x) < 1e21 && Object.is(Number(fixed), x)) expect(text).toBe(fixed);
          else expect(text).toBe(formatNumber(x));
        },
      ),
      { numRuns: 5000 },
    );
    expect(formatNumberPreferFixed(-999.25, 4)).toBe('-999.2500');
    expect(formatNumberPreferFixed(-999.25, 1)).toBe('-999.25');
    expect(formatNumberPreferFixed(-0.5, 3)).toBe('-0.500');
  });
});

describe('writeLas, LAS 2.0', () => {
  it('writes the sections in order with ~ASCII last, VERS 2.0 and WRAP NO', () => {
    const text = writeLas(threeRowLog(), { version: '2.0' });
    const t = titles(text).map((l) => l.slice(0, 2).toUpperCase());
    expect(t).toEqual(['~V', '~W', '~C', '~P', '~A']);
    const v = section(text, /^~V/);
    expect(headerValue(v, 'VERS')).toBe('2.0');
    expect(headerValue(v, 'WRAP')).toBe('NO');
  });

  it('recomputes STRT/STOP/STEP from the data and NULL from the choice, keeping other well items', () => {
    const w = section(writeLas(threeRowLog(), { nullValue: -9999 }), /^~W/);
    expect(Number(headerValue(w, 'STRT'))).toBe(1500);
    expect(Number(headerValue(w, 'STOP'))).toBe(1500.5);
    expect(Number(headerValue(w, 'STEP'))).toBe(0.25);
    expect(Number(headerValue(w, 'NULL'))).toBe(-9999);
    expect(headerValue(w, 'WELL')).toBe('TEST 1');
  });

  it('writes STEP 0 for an irregular index and a negative step for a log recorded upwards', () => {
    const irregular = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [10, 11, 13])])] });
    expect(Number(headerValue(section(writeLas(irregular), /^~W/), 'STEP'))).toBe(0);
    const up = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'FT', [1670, 1669.875, 1669.75])])] });
    const w = section(writeLas(up), /^~W/);
    expect(Number(headerValue(w, 'STEP'))).toBe(-0.125);
    expect(Number(headerValue(w, 'STRT'))).toBe(1670);
    expect(w.find((l) => l.includes('STRT'))).toMatch(/STRT\s*\.FT/);
  });

  it('inserts STRT/STOP/STEP/NULL when the model has no such well items', () => {
    const las = { ...threeRowLog(), well: [item('COMP', '', 'ACME', 'COMPANY')] };
    const w = section(writeLas(las), /^~W/);
    expect(w.map((l) => l.trim().split(/[\s.]/)[0])).toEqual(['STRT', 'STOP', 'STEP', 'NULL', 'COMP']);
  });

  it('writes NULL values as the chosen NULL: option, else the model NULL, else -999.25', () => {
    const las = threeRowLog();
    const rows = (text: string) => section(text, /^~A/).map((l) => l.trim().split(/\s+/));
    expect(rows(writeLas(las))[1][1]).toBe('-999.25');
    expect(rows(writeLas(las, { nullValue: -9999 }))[1][1]).toBe('-9999');
    expect(rows(writeLas({ ...las, nullValue: 9999.25 }))[2][2]).toBe('9999.25');
    expect(rows(writeLas({ ...las, nullValue: null }))[2][2]).toBe('-999.25');
  });

  it('aligns header fields and data columns', () => {
    const text = writeLas(threeRowLog());
    for (const name of [/^~W/, /^~C/]) {
      const lines = section(text, name);
      expect(new Set(lines.map((l) => l.indexOf('.'))).size).toBe(1);
      expect(new Set(lines.map((l) => l.indexOf(' : '))).size).toBe(1);
    }
    const data = section(text, /^~A/);
    expect(new Set(data.map((l) => l.length)).size).toBe(1);
  });

  it('wraps at 80 characters with the depth alone on the first line of each row', () => {
    const curves = [numCurve('DEPT', 'M', [100, 100.5])];
    for (let c = 1; c <= 20; c++) curves.push(numCurve(`C${c}`, '', [c + 0.123456, -c * 1000.5]));
    const las = makeLas({ sets: [dataSet('Log', curves)] });
    const text = writeLas(las, { wrap: true });
    expect(headerValue(section(text, /^~V/), 'WRAP')).toBe('YES');
    const lines = section(text, /^~A/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    const perRow = lines.length / 2;
    expect(Number.isInteger(perRow)).toBe(true);
    expect(perRow).toBeGreaterThan(2);
    for (let r = 0; r < 2; r++) {
      const rowLines = lines.slice(r * perRow, (r + 1) * perRow);
      expect(rowLines[0].trim().split(/\s+/)).toEqual([String(curves[0].data[r])]);
      const values = rowLines.slice(1).join(' ').trim().split(/\s+/).map(Number);
      expect(values).toEqual(curves.slice(1).map((c) => c.data[r]));
    }
  });

  it('refuses sets other than Log, naming the set and pointing to LAS 3.0', () => {
    const las = threeRowLog();
    las.sets.push(dataSet('Core', [numCurve('CORET', 'M', [1501])]));
    const err = expectLasError(() => writeLas(las, { version: '2.0' }), 'write-unsupported');
    expect(err.message).toContain('Core');
    expect(err.message).toContain('3.0');
  });

  it('quotes text values holding spaces, and writes text NULLs as the NULL value', () => {
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1, 2, 3]), textCurve('LITH', '', ['SAND', 'SHALY SAND', null])])] });
    const data = section(writeLas(las, { version: '2.0' }), /^~A/).map((l) => l.trim());
    expect(data[0]).toMatch(/^1\s+SAND$/);
    expect(data[1]).toMatch(/^2\s+"SHALY SAND"$/);
    expect(data[2]).toMatch(/^3\s+-999\.25$/);
  });

  it('writes duplicate curves under their original mnemonic', () => {
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1]), numCurve('GR', 'GAPI', [10]), numCurve('GR:2', 'GAPI', [20])])] });
    const c = section(writeLas(las), /^~C/).map((l) => l.trim().split(/\s*\./)[0]);
    expect(c).toEqual(['DEPT', 'GR', 'GR']);
  });

  it('keeps a time value as the value: the delimiting colon is the last one', () => {
    const las = threeRowLog();
    las.sets[0].parameters.push(item('TIME', '', '10:30', 'TIME LOGGER ON BOTTOM'));
    const p = section(writeLas(las), /^~P/);
    expect(headerValue(p, 'TIME')).toBe('10:30');
  });

  it('writes LAS 1.2 with the ~Well value after the colon, as LAS 1.2 does', () => {
    const text = writeLas(threeRowLog(), { version: '1.2' });
    expect(headerValue(section(text, /^~V/), 'VERS')).toBe('1.2');
    const w = section(text, /^~W/);
    expect(w.find((l) => l.includes('WELL'))).toMatch(/WELL\s*\.\s+WELL\s+:\s+TEST 1$/);
    expect(Number(headerValue(w, 'STRT'))).toBe(1500);
  });
});

describe('writeLas, numbers', () => {
  it('writes exact values by default, -0 and extremes included', () => {
    const values = [0.1 + 0.2, -0, 5e-324, 1.7976931348623157e308, -123.456e-20];
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1, 2, 3, 4, 5]), numCurve('X', '', values)])] });
    const data = section(writeLas(las), /^~A/).map((l) => l.trim().split(/\s+/)[1]);
    data.forEach((t, i) => expect(Object.is(Number(t), values[i])).toBe(true));
  });

  it('writes every number with the asked decimals', () => {
    const data = section(writeLas(threeRowLog(), { decimals: 3 }), /^~A/);
    for (const l of data) for (const t of l.trim().split(/\s+/)) expect(t).toMatch(/^-?\d+\.\d{3}$/);
  });

  it("uses a curve's format decimals when they are exact, and never loses precision for them", () => {
    const las = makeLas({
      sets: [dataSet('Log', [numCurve('DEPT', 'M', [1, 2]), numCurve('RHOB', 'G/C3', [2.45, 2.123456], { format: 'F10.4' })])],
    });
    const data = section(writeLas(las), /^~A/).map((l) => l.trim().split(/\s+/)[1]);
    expect(data).toEqual(['2.4500', '2.123456']);
  });

  it('ends lines as asked', () => {
    const text = writeLas(threeRowLog(), { lineEnding: '\r\n' });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('writeLas, NULL collisions', () => {
  it('refuses a real value equal to the NULL value, naming the curve and row', () => {
    const las = threeRowLog();
    (las.sets[0].curves[1].data as Float64Array)[2] = -999.25;
    const err = expectLasError(() => writeLas(las), 'null-collision');
    expect(err.message).toContain('GR');
    expect(err.message).toContain('row 3');
    expect(() => writeLas(las, { nullValue: -9999 })).not.toThrow();
  });

  it('refuses a value that rounds to the NULL value with fixed decimals', () => {
    const las = threeRowLog();
    (las.sets[0].curves[2].data as Float64Array)[0] = -999.2500001;
    expect(() => writeLas(las)).not.toThrow();
    expect(expectLasError(() => writeLas(las, { decimals: 2 }), 'null-collision').message).toContain('RHOB');
  });

  it('refuses a text value that reads as the NULL value', () => {
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1]), textCurve('NOTE', '', [' -999.25'])])] });
    expect(expectLasError(() => writeLas(las), 'null-collision').message).toContain('NOTE');
  });

  it('does not treat an index value equal to NULL as a collision (the index is never nulled)', () => {
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [-999.25, -999]), numCurve('GR', '', [1, 2])])] });
    expect(() => writeLas(las)).not.toThrow();
  });
});

describe('writeLas, LAS 3.0', () => {
  const las3 = (lith: (string | null)[] = ['SAND', 'SHALE']) => {
    const las = makeLas({
      version: '3.0',
      sets: [
        dataSet(
          'Log',
          [
            numCurve('DEPT', 'M', [1000, 1000.5], { format: 'F10.3' }),
            numCurve('GR', 'GAPI', [50, 60]),
            numCurve('NMR[1]', 'ms', [1, 2], { arrayName: 'NMR', arrayIndex: 1, format: 'F' }),
            numCurve('NMR[2]', 'ms', [3, 4], { arrayName: 'NMR', arrayIndex: 2, format: 'F' }),
            textCurve('LITH', '', lith),
          ],
          [item('RUN_DATE', '', '12/09/1998', 'RUN 1 DATE', { format: 'DD/MM/YYYY', associations: ['RUN[1]'] })],
        ),
        dataSet('Core', [numCurve('CORET', 'M', [1000.2]), numCurve('COREB', 'M', [1000.4]), textCurve('CDES', '', ['Long cylindrical hunk of rock'])]),
        dataSet('Tops', [numCurve('TOPT', 'M', [995]), textCurve('TOPN', '', ['Viking'])]),
      ],
    });
    return las;
  };

  it('writes version, well, then parameter/definition/data per set', () => {
    const text = writeLas(las3(), { version: '3.0' });
    expect(titles(text)).toEqual([
      '~Version',
      '~Well',
      '~Log_Parameter',
      '~Log_Definition',
      '~Log_Data | Log_Definition',
      '~Core_Definition',
      '~Core_Data | Core_Definition',
      '~Tops_Definition',
      '~Tops_Data | Tops_Definition',
    ]);
    expect(headerValue(section(text, /^~Version/), 'WRAP')).toBe('NO');
  });

  it('picks DLM COMMA when a text value holds a space, else SPACE', () => {
    const comma = writeLas(las3(), { version: '3.0' });
    expect(headerValue(section(comma, /^~Version/), 'DLM')).toBe('COMMA');
    expect(section(comma, /^~Core_Data/)[0].split(',').map((s) => s.trim())).toEqual(['1000.2', '1000.4', 'Long cylindrical hunk of rock']);
    const las = las3();
    las.sets = las.sets.filter((s) => s.name !== 'Core');
    const space = writeLas(las, { version: '3.0' });
    expect(headerValue(section(space, /^~Version/), 'DLM')).toBe('SPACE');
    expect(section(space, /^~Log_Data/)[1].trim().split(/\s+/)).toEqual(['1000.500', '60', '2', '4', 'SHALE']);
  });

  it('quotes text holding the comma delimiter', () => {
    const text = writeLas(las3(['SAND, FINE', 'SHALE']), { version: '3.0' });
    expect(section(text, /^~Log_Data/)[0]).toMatch(/, "SAND, FINE"$/);
  });

  it('writes format specifiers, array curves and associations', () => {
    const text = writeLas(las3(), { version: '3.0' });
    const def = section(text, /^~Log_Definition/);
    expect(def[0]).toMatch(/^ DEPT\s*\.M .*: .*\{F10\.3\}$/);
    expect(def[1]).toMatch(/\{F\}$/);
    expect(def[2]).toMatch(/^ NMR\[1\]\.ms /);
    expect(def[4]).toMatch(/^ LITH\s*\..*\{S\}$/);
    expect(section(text, /^~Log_Parameter/)[0]).toMatch(/12\/09\/1998 : RUN 1 DATE \{DD\/MM\/YYYY\} \| RUN\[1\]$/);
  });

  it('refuses wrapped LAS 3.0', () => {
    expectLasError(() => writeLas(las3(), { version: '3.0', wrap: true }), 'write-unsupported');
  });

  it('defaults to the version of the model', () => {
    expect(titles(writeLas(las3()))[0]).toBe('~Version');
    expect(headerValue(section(writeLas(las3()), /^~Version/), 'VERS')).toBe('3.0');
  });

  it('refuses text it cannot quote: holding both quote characters and the delimiter', () => {
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1]), textCurve('NOTE', '', [`it's "odd" here`])])] });
    expect(() => writeLas(las, { version: '2.0' })).toThrow(LasError);
    las.sets[0].curves[1].data = [`say "hi"`];
    expect(section(writeLas(las, { version: '2.0' }), /^~A/)[0]).toMatch(/'say "hi"'$/);
  });
});

describe('writeLasChunks (files larger than one string can hold)', () => {
  const rows = 60_000;
  const depth = Array.from({ length: rows }, (_, i) => 1000 + i * 0.125);
  const big = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', depth), numCurve('GR', 'GAPI', depth.map((d) => (d * 7.3) % 150))])] });

  it('gives exactly the text of writeLas, in chunks of whole lines of about 1 MB', () => {
    for (const options of [{}, { version: '3.0' as const }, { wrap: true }, { lineEnding: '\r\n' as const }]) {
      const chunks = [...writeLasChunks(big, options)];
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('')).toBe(writeLas(big, options));
      for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
      for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThan(900_000);
      for (const c of chunks) expect(c.length).toBeLessThan(1_200_000);
    }
  });
});
