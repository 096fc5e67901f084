/**
 * Write → read gives the model back: header items, curves and every value (numbers compared
 * with Object.is, so -0 and NULL-as-NaN count), for hand-built models and, with fast-check,
 * for arbitrary ones (LAS 1.2 / 2.0 wrapped or not / 3.0 with extra sets and text columns).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HeaderItem, LasCurve, LasDataSet, LasFile } from '../../src/las/model.js';
import { writeLas, type WriteOptions } from '../../src/las/write.js';
import { generateLas, type GenerateOptions } from '../../src/las/generate.js';
import { dataSet, item, makeLas, numCurve, textCurve } from './las-builders.js';

const readerPath = fileURLToPath(new URL('../../src/las/read.ts', import.meta.url));
const hasReader = existsSync(readerPath);
if (!hasReader) console.warn('roundtrip.property.test: src/las/read.ts is not there yet; round trips skipped');

type ReadLas = (input: string) => LasFile;
const loadReader = async (): Promise<ReadLas> => (await import('../../src/las/read.js')).readLas as ReadLas;

const INDEX_ITEMS = ['STRT', 'STOP', 'STEP', 'NULL'];

function headerFields(it: HeaderItem, las3: boolean) {
  const out: Record<string, unknown> = {
    mnemonic: it.mnemonic,
    originalMnemonic: it.originalMnemonic,
    unit: it.unit,
    value: it.value,
    description: it.description,
  };
  if (las3) {
    out.format = it.format;
    out.associations = it.associations?.length ? it.associations : undefined;
  }
  return out;
}

/** LAS 3.0 definitions always carry a format: `{F}` / `{S}` when the model had none. */
function expectedFormat(c: LasCurve): string {
  return c.format ?? (c.data instanceof Float64Array ? 'F' : 'S');
}

function sameValues(got: LasCurve['data'], want: LasCurve['data'], where: string): void {
  expect(got.length, where).toBe(want.length);
  if (want instanceof Float64Array) {
    expect(got, `${where} kind`).toBeInstanceOf(Float64Array);
    for (let i = 0; i < want.length; i++) {
      if (!Object.is(got[i], want[i])) expect.fail(`${where} row ${i + 1}: read ${String(got[i])}, wrote ${String(want[i])}`);
    }
  } else {
    // LAS has no empty text: an empty field is NULL.
    expect(Array.from(got as ArrayLike<unknown>), where).toEqual(want.map((v) => (v === '' ? null : v)));
  }
}

function otherLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** Checks that `back` (read from `writeLas(las, options)`) holds the same model. */
function expectSameModel(back: LasFile, las: LasFile, options: WriteOptions, allowedProblems: string[] = []): void {
  const version = options.version ?? las.version;
  const las3 = version === '3.0';
  expect(back.version).toBe(version);
  expect(back.wrap).toBe(las3 ? false : (options.wrap ?? las.wrap));
  const problems = back.problems.filter((p) => p.severity !== 'info' && p.code !== 'no-rows' && !allowedProblems.includes(p.code));
  expect(problems).toEqual([]);
  const nullValue = options.nullValue ?? las.nullValue ?? -999.25;
  expect(back.nullValue).toBe(nullValue);

  const wantWell = las.well.filter((w) => !INDEX_ITEMS.includes(w.mnemonic.toUpperCase()));
  const gotWell = back.well.filter((w) => !INDEX_ITEMS.includes(w.mnemonic.toUpperCase()));
  expect(gotWell.map((w) => headerFields(w, las3))).toEqual(wantWell.map((w) => headerFields(w, las3)));

  const log = las.sets.find((s) => s.name.toUpperCase() === 'LOG');
  if (log && log.nRows > 0 && log.curves.length) {
    const index = log.curves[0].data as Float64Array;
    const strt = back.well.find((w) => w.mnemonic === 'STRT');
    const stop = back.well.find((w) => w.mnemonic === 'STOP');
    expect(Object.is(Number(strt?.value), index[0])).toBe(true);
    expect(Object.is(Number(stop?.value), index[index.length - 1])).toBe(true);
    expect(strt?.unit).toBe(log.curves[0].unit);
  }

  expect(otherLines(back.other)).toEqual(otherLines(las.other));

  const byName = (sets: LasDataSet[]) => new Map(sets.map((s) => [s.name.toUpperCase(), s]));
  const gotSets = byName(back.sets);
  expect([...gotSets.keys()].sort()).toEqual(las.sets.map((s) => s.name.toUpperCase()).sort());
  for (const want of las.sets) {
    const got = gotSets.get(want.name.toUpperCase())!;
    expect(got.nRows, `${want.name} rows`).toBe(want.nRows);
    expect(got.parameters.map((p) => headerFields(p, las3))).toEqual(want.parameters.map((p) => headerFields(p, las3)));
    expect(got.curves.length, `${want.name} curves`).toBe(want.curves.length);
    want.curves.forEach((c, i) => {
      const g = got.curves[i];
      const where = `${want.name}.${c.mnemonic}`;
      expect({ ...headerFields(g, false), format: las3 ? g.format : undefined }, where).toEqual({
        ...headerFields(c, false),
        format: las3 ? expectedFormat(c) : undefined,
      });
      sameValues(g.data, c.data, where);
    });
  }
}

// ------------------------------------------------------------------ hand-built models

function handLog(): LasFile {
  return makeLas({
    well: [
      item('STRT', 'M', '0', 'START DEPTH'),
      item('STOP', 'M', '0', 'STOP DEPTH'),
      item('STEP', 'M', '0', 'STEP'),
      item('NULL', '', '-999.25', 'NULL VALUE'),
      item('COMP', '', 'ANY OIL COMPANY INC.', 'COMPANY'),
      item('WELL', '', 'ANY ET AL 12-34-12-34', 'WELL'),
      item('DATE', '', '13/12/1986 10:30', 'LOG DATE: local time'),
      item('UWI', '', '100123401234W500', 'UNIQUE WELL ID'),
    ],
    other: 'The logging tools became stuck at 625 metres.\nData between 625 and 615 m are invalid.',
    sets: [
      dataSet(
        'Log',
        [
          numCurve('DEPT', 'M', [1670, 1669.875, 1669.75, 1669.625]),
          numCurve('GR', 'GAPI', [45.25, NaN, -0, 1e-7]),
          numCurve('GR:2', 'GAPI', [46, 47, NaN, 1.7976931348623157e308]),
          numCurve('RHOB', 'G/C3', [2.45, 2.5, 2.55, 0.1 + 0.2], { format: 'F10.4' }),
          numCurve('DT', 'US/F', [5e-324, -1234567.5, 88, 90], { description: 'SONIC: compressional' }),
        ],
        [item('BS', 'IN', '8.5', 'BIT SIZE'), item('TIML', 'hh:mm', '23:15', 'TIME LOGGER AT BOTTOM'), item('RUN', '', '1', 'RUN: first')],
      ),
    ],
  });
}

/**
 * LAS 1.2 ~Well writes the description before the colon and the value after it, so a
 * description there cannot hold `: ` (it would end at that colon).
 */
function handLog12(): LasFile {
  const las = handLog();
  las.well = las.well.map((w) => (w.mnemonic === 'DATE' ? { ...w, description: 'LOG DATE' } : w));
  return las;
}

function handLas3(): LasFile {
  const las = handLog();
  las.version = '3.0';
  const log = las.sets[0];
  log.curves.push(
    numCurve('NMR[1]', 'ms', [1, 2, 3, 4], { arrayName: 'NMR', arrayIndex: 1, format: 'F' }),
    numCurve('NMR[2]', 'ms', [5, 6, NaN, 8], { arrayName: 'NMR', arrayIndex: 2, format: 'F' }),
    textCurve('CDES', '', ['DOLOMITE WI/VUGS', 'LIMESTONE', null, 'LOST, INTERVAL']),
  );
  log.parameters.push(item('RUN_DATE', '', '12/09/1998', 'Run 1 date', { format: 'DD/MM/YYYY', associations: ['RUN[1]'] }));
  las.sets.push(
    dataSet('Core', [numCurve('CORET', 'M', [545.5, 551.2]), numCurve('COREB', 'M', [550.6, 554.9]), textCurve('CDES', '', ['Long cylindrical hunk of rock', 'Debris only'])]),
    dataSet('Tops', [numCurve('TOPT', 'M', [545.5, 602, 615]), numCurve('TOPB', 'M', [602, 615, 655]), textCurve('TOPN', '', ['Viking', 'Colony', 'Basal Quartz'])]),
  );
  return las;
}

describe.skipIf(!hasReader)('round trip of hand-built models', () => {
  const cases: [string, () => LasFile, WriteOptions][] = [
    ['LAS 2.0', handLog, { version: '2.0' }],
    ['LAS 2.0 wrapped', handLog, { version: '2.0', wrap: true }],
    ['LAS 1.2 wrapped', handLog12, { version: '1.2', wrap: true }],
    ['LAS 2.0 with another NULL and CRLF', handLog, { version: '2.0', nullValue: -9999, lineEnding: '\r\n' }],
    ['LAS 3.0 with Core and Tops sets and text columns', handLas3, { version: '3.0' }],
  ];
  for (const [name, build, options] of cases) {
    it(name, async () => {
      const readLas = await loadReader();
      const las = build();
      expectSameModel(readLas(writeLas(las, options)), las, options);
    });
  }

  it('LAS 2.0 with a text column (quoted where it holds spaces)', async () => {
    const readLas = await loadReader();
    const las = makeLas({
      sets: [dataSet('Log', [numCurve('DEPT', 'M', [1, 2, 3, 4]), textCurve('LITH', '', ['SAND', 'SHALY SAND', null, "LIME 'X'"], { format: undefined })])],
    });
    // LAS 2.0 has no text columns by the standard: the reader rightly warns, and keeps the text.
    for (const wrap of [false, true]) {
      expectSameModel(readLas(writeLas(las, { version: '2.0', wrap })), las, { version: '2.0', wrap }, ['text-in-numeric-curve']);
    }
  });

  // KNOWN READER LIMITATION: in LAS 2.0 (no {S} format) a column is numeric until its first
  // text token; numbers read before that are turned back into text with String(), so `1.50`
  // comes back as `1.5`. Minimal input: ~A rows `1 1.50` / `2 abc`.
  it('LAS 2.0 text column starting with number-like text keeps its exact spelling', async () => {
    const readLas = await loadReader();
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1, 2]), textCurve('CODE', '', ['1.50', 'abc'], { format: undefined })])] });
    expectSameModel(readLas(writeLas(las, { version: '2.0' })), las, { version: '2.0' }, ['text-in-numeric-curve']);
  });

  it('LAS 3.0 without text spaces (space delimited) and a quoted text holding quotes', async () => {
    const readLas = await loadReader();
    const las = handLas3();
    las.sets = las.sets.filter((s) => s.name === 'Log');
    las.sets[0].curves[las.sets[0].curves.length - 1].data = ['SAND', '#2', 'A"B', "~odd'"];
    const text = writeLas(las, { version: '3.0' });
    expect(text).toMatch(/DLM\s*\.\s+SPACE/);
    expectSameModel(readLas(text), las, { version: '3.0' });
  });

  it('rewrites a file it wrote unchanged (LAS 3.0 keeps formats; LAS 2.0 has none, so from the second write on)', async () => {
    const readLas = await loadReader();
    const once = writeLas(handLas3());
    expect(writeLas(readLas(once))).toBe(once);
    const twice = writeLas(readLas(writeLas(handLog())));
    expect(writeLas(readLas(twice))).toBe(twice);
  });

  it('a unit starting with a period (.1IN) and a curve mnemonic ending in one (COND.)', async () => {
    const readLas = await loadReader();
    for (const version of ['2.0', '3.0'] as const) {
      const las = makeLas({
        version,
        sets: [dataSet('Log', [numCurve('DEPT', '.1IN', [12000, 12005]), numCurve('COND.', 'MS/M', [3, 4]), numCurve('C.', '', [5, 6])])],
      });
      expectSameModel(readLas(writeLas(las)), las, {});
    }
  });

  // KNOWN READER BUG: in ~Curve / ~X_Definition the reader looks for `..` anywhere before the
  // colon (for mnemonics ending in '.', `COND..MS/M`), so a value such as `a..b` moves the
  // mnemonic/unit split into the value: ` DEPT.M  a..b :` reads as mnemonic `DEPT.M  a.`.
  it('a curve value holding two periods', async () => {
    const readLas = await loadReader();
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1, 2], { value: 'a..b' })])] });
    expectSameModel(readLas(writeLas(las)), las, {});
  });

  // The reader splits the mnemonic at the first period (LAS 2.0 rule), so a mnemonic holding a
  // period cannot come back. Flip to `it` once the reader takes `A.B .UNIT` (space before the unit's period).
  it.fails('a mnemonic holding a period (known reader limitation)', async () => {
    const readLas = await loadReader();
    const las = makeLas({ sets: [dataSet('Log', [numCurve('DEPT', 'M', [1, 2]), numCurve('GR.CORR', 'GAPI', [3, 4])])] });
    expectSameModel(readLas(writeLas(las)), las, {});
  });
});

// ------------------------------------------------------------------ arbitrary models

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const mnemonicArb = fc
  .tuple(fc.constantFrom(...UPPER), fc.array(fc.constantFrom(...UPPER, ...'0123456789_'), { maxLength: 6 }))
  .map(([a, rest]) => a + rest.join(''));
const unitArb = fc.constantFrom('', 'M', 'FT', 'GAPI', 'G/C3', 'V/V', 'OHMM', 'US/F', 'DEGC', '.1IN', 'KG/M3', 'hh:mm', '%');
/** Header words: no edge spaces, no colon next to a space (that would be the delimiter), no `{}|`. */
const wordArb = fc.oneof(
  fc.array(fc.constantFrom(...'abcXYZ0189/-.,&#()\'"'), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
);
const phraseArb = fc.array(wordArb, { maxLength: 4 }).map((w) => w.join(' '));
/** Descriptions may hold `: ` too: the delimiter is the first spaced colon, written before them. */
const descriptionArb = fc.oneof(phraseArb, fc.tuple(phraseArb, phraseArb).map(([a, b]) => `${a}: ${b}`.trim()));
const formatArb = fc.option(fc.constantFrom('F', 'S', 'F10.4', 'DD/MM/YYYY', 'E'), { nil: undefined });
const associationsArb = fc.option(fc.array(mnemonicArb, { minLength: 1, maxLength: 2 }), { nil: undefined });

const NULLS = [-999.25, -9999, 999.25, -1e30, 0] as const;

/** Gives repeated mnemonics the keys a reader gives them (`GR`, `GR:2`), as the model requires. */
function withKeys<T extends HeaderItem>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((it) => {
    const key = it.originalMnemonic.toUpperCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { ...it, mnemonic: n === 1 ? it.originalMnemonic : `${it.originalMnemonic}:${n}` };
  });
}

function headerItemArb(opts: { las3: boolean; las12Well?: boolean; exclude?: string[] }) {
  const value = opts.las12Well ? phraseArb.filter((v) => v !== '') : phraseArb;
  // LAS 1.2 ~Well writes the description where the value goes, so it obeys the value's rules.
  const description = opts.las12Well ? phraseArb : descriptionArb;
  return fc
    .record({
      originalMnemonic: mnemonicArb.filter((m) => !(opts.exclude ?? []).includes(m)),
      unit: unitArb,
      value,
      description,
      format: opts.las3 ? formatArb : fc.constant(undefined),
      associations: opts.las3 ? associationsArb : fc.constant(undefined),
    })
    .map((r) => {
      const it: HeaderItem = { mnemonic: r.originalMnemonic, originalMnemonic: r.originalMnemonic, unit: r.unit, value: r.value, description: r.description };
      if (r.format) it.format = r.format;
      if (r.associations) it.associations = r.associations;
      return it;
    });
}

const numberArb = (nullValue: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 3, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }).map((x) => Math.round(x * 1e4) / 1e4) },
    { weight: 1, arbitrary: fc.constantFrom(-0, 0, Number.MIN_VALUE, -Number.MAX_VALUE, 1e-7, 0.1 + 0.2, NaN, Infinity, -Infinity) },
  ).filter((x) => x !== nullValue);

const textValueArb = (nullValue: number) =>
  fc
    .oneof(
      { weight: 8, arbitrary: fc.array(wordArb, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')) },
      { weight: 1, arbitrary: fc.constant(null) },
    )
    // A double quote cannot be escaped inside a quoted value (the writer refuses such text; hand tests cover it).
    .filter((v) => v === null || (Number(v.trim()) !== nullValue && !v.includes('"')));

/**
 * A depth index: never NULL (readers never null it) and monotonic, up or down; regular
 * (a decimal step) or any sorted doubles.
 */
function indexArb(rows: number): fc.Arbitrary<Float64Array> {
  const regular = fc
    .tuple(fc.integer({ min: -100000, max: 100000 }), fc.constantFrom(0.1, 0.125, 0.1524, 0.5, 1, -0.25, -1), fc.integer({ min: 0, max: 4 }))
    .map(([start, step, d]) => Float64Array.from({ length: rows }, (_, i) => Number((start / 10 ** d + i * step).toFixed(d + 4))));
  const sorted = fc
    .uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: rows, maxLength: rows, comparator: (a, b) => a === b })
    .chain((values) => fc.boolean().map((down) => Float64Array.from(values.sort((a, b) => (down ? b - a : a - b)))));
  return fc.oneof(regular, sorted);
}

interface CurveSpec {
  head: HeaderItem;
  text: boolean;
}

function curvesArb(rows: number, nullValue: number, specs: CurveSpec[], indexFirst: boolean): fc.Arbitrary<LasCurve[]> {
  return fc.tuple(
    ...specs.map((s, i) => {
      if (s.text) return fc.array(textValueArb(nullValue), { minLength: rows, maxLength: rows }).map((d): LasCurve => ({ ...s.head, kind: 'string', data: d }));
      if (indexFirst && i === 0) return indexArb(rows).map((d): LasCurve => ({ ...s.head, kind: 'number', data: d }));
      return fc.array(numberArb(nullValue), { minLength: rows, maxLength: rows }).map((d): LasCurve => ({ ...s.head, kind: 'number', data: Float64Array.from(d) }));
    }),
  );
}

function setArb(name: string, las3: boolean, nullValue: number, isLog: boolean): fc.Arbitrary<LasDataSet> {
  // A curve's format must agree with its values: `{S}` (or none) for text, F / E / none for numbers.
  const specArb = fc
    .record({
      head: headerItemArb({ las3 }),
      text: las3 ? fc.boolean() : fc.constant(false),
      format: fc.option(fc.constantFrom('F', 'F10.4', 'E', 'I', 'S'), { nil: undefined }),
    })
    .map(({ head, text, format }) => {
      const { format: _drop, ...rest } = head;
      const fits = format === undefined || (format === 'S') === text;
      const out: HeaderItem = las3 && fits && format ? { ...rest, format } : rest;
      return { head: out, text };
    });
  return fc
    .record({
      rows: fc.integer({ min: isLog ? 1 : 0, max: 12 }),
      specs: fc.array(specArb, { minLength: 1, maxLength: 7 }),
      dupes: fc.boolean(),
      parameters: fc.array(headerItemArb({ las3 }), { maxLength: 4 }),
    })
    .chain(({ rows, specs, dupes, parameters }) => {
      if (isLog) specs[0] = { head: { ...specs[0].head, originalMnemonic: 'DEPT', mnemonic: 'DEPT', format: specs[0].text ? undefined : specs[0].head.format }, text: false };
      // Repeat a mnemonic on purpose: the reader must give back GR, GR:2.
      if (dupes && specs.length > 2) specs[2] = { ...specs[2], head: { ...specs[2].head, originalMnemonic: specs[1].head.originalMnemonic } };
      const heads = withKeys(specs.map((s) => s.head));
      const keyed = specs.map((s, i) => ({ ...s, head: heads[i] }));
      return curvesArb(rows, nullValue, keyed, isLog).map((curves): LasDataSet => ({
        name,
        parameters: withKeys(parameters),
        curves,
        nRows: rows,
        delimiter: 'SPACE',
      }));
    });
}

const modelArb: fc.Arbitrary<{ las: LasFile; options: WriteOptions }> = fc
  .record({
    version: fc.constantFrom('1.2' as const, '2.0' as const, '3.0' as const),
    wrap: fc.boolean(),
    nullValue: fc.constantFrom(...NULLS),
    nullInOptions: fc.boolean(),
  })
  .chain(({ version, wrap, nullValue, nullInOptions }) => {
    const las3 = version === '3.0';
    const extraSets = las3 ? fc.subarray(['Core', 'Tops', 'Inclinometry']) : fc.constant([] as string[]);
    return fc
      .record({
        well: fc.array(headerItemArb({ las3, las12Well: version === '1.2', exclude: INDEX_ITEMS }), { maxLength: 5 }),
        other: fc.array(phraseArb.filter((l) => l !== '' && !l.startsWith('~')), { maxLength: 3 }),
        log: setArb('Log', las3, nullValue, true),
        extra: extraSets.chain((names) => (names.length ? fc.tuple(...names.map((n) => setArb(n, las3, nullValue, false))) : fc.constant([] as LasDataSet[]))),
      })
      .map(({ well, other, log, extra }) => {
        const las = makeLas({
          version,
          wrap: wrap && !las3,
          well: withKeys(well),
          other: other.join('\n'),
          sets: [log, ...extra],
          nullValue: nullInOptions ? -999.25 : nullValue,
        });
        const options: WriteOptions = { version };
        if (nullInOptions) options.nullValue = nullValue;
        return { las, options };
      });
  });

describe.skipIf(!hasReader)('round trip of arbitrary models (fast-check)', () => {
  it('write → read gives the same header items, curves and values', async () => {
    const readLas = await loadReader();
    fc.assert(
      fc.property(modelArb, ({ las, options }) => {
        const text = writeLas(las, options);
        let back: LasFile;
        try {
          back = readLas(text);
        } catch (e) {
          throw new Error(`${String(e)}\n--- file ---\n${text}`);
        }
        try {
          expectSameModel(back, las, options);
        } catch (e) {
          throw new Error(`${(e as Error).message}\n--- file ---\n${text}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const generateOptionsArb: fc.Arbitrary<GenerateOptions> = fc
  .record({
    rows: fc.integer({ min: 1, max: 300 }),
    curves: fc.integer({ min: 1, max: 32 }),
    seed: fc.integer(),
    version: fc.constantFrom('1.2' as const, '2.0' as const, '3.0' as const),
    wrap: fc.boolean(),
    depthUnit: fc.constantFrom('M' as const, 'FT' as const),
    step: fc.constantFrom(0.1524, 0.5, 0.25, -0.125, 1),
    startDepth: fc.constantFrom(0, 1000, 2500.5, 9000),
  })
  .map((o) => ({ ...o, wrap: o.version !== '3.0' && o.wrap }));

describe.skipIf(!hasReader)('round trip of generated logs (fast-check)', () => {
  it('reads back a generated log exactly', async () => {
    const readLas = await loadReader();
    fc.assert(
      fc.property(generateOptionsArb, (o) => {
        const las = generateLas(o);
        expectSameModel(readLas(writeLas(las)), las, {});
      }),
      { numRuns: 40 },
    );
  });
});
