/**
 * streamLas must give exactly what readLas gives — header, problems and every value —
 * however the bytes are cut into chunks, and must read a large file in bounded memory.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { CurveValues, LasFile } from '../../src/las/model.js';
import { readLas } from '../../src/las/read.js';
import { streamLas, type StreamOptions } from '../../src/las/stream.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/las/${name}`, import.meta.url)));
const enc = new TextEncoder();

function utf16le(text: string): Uint8Array {
  const s = `\ufeff${text}`;
  const out = new Uint8Array(s.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < s.length; i++) view.setUint16(2 * i, s.charCodeAt(i), true);
  return out;
}

const SAMPLE = fixture('reader-sample-2.0.las');
const WRAPPED = fixture('reader-wrapped-1.2.las');
const SETS = fixture('reader-sets-3.0.las');
const SAMPLE_TEXT = new TextDecoder().decode(SAMPLE);

/** A file larger than the 64 KiB encoding probe, with multi-byte UTF-8 only after it. */
const LONG_UTF8 = enc.encode(
  SAMPLE_TEXT.replace(/~A[^\n]*\n[\s\S]*$/, '') +
    '~A\n' +
    Array.from({ length: 3000 }, (_, i) => `${(1500 + i * 0.25).toFixed(4)} ${(40 + (i % 50) * 0.125).toFixed(3)} ${(2.3 + (i % 7) * 0.01).toFixed(4)} 0.2 SAND ${(i % 13) - 6}`).join('\n') +
    '\n',
);
const LONG_WITH_TAIL = (() => {
  // Non-ASCII after the first 64 KiB (in ~Other, placed before ~A so the file stays valid).
  const text = new TextDecoder().decode(LONG_UTF8).replace('~Other\n', `~Other\n${'x'.repeat(70000)}\nSkæringsdybde målt — Glubina «Скважина» 𝔊\n`);
  return enc.encode(text);
})();

/** All-numeric comma rows (the fast path): empty fields, spaces and tabs around commas, exponents, a blank and a comment line. */
const COMMA_NUMERIC_TEXT = [
  '~Version', 'VERS. 3.0 :', 'WRAP. NO :', 'DLM . COMMA :', '~Well', 'NULL. -999.25 :', '~Curve', 'DEPT.M :', 'GR.GAPI :', 'RHOB.G/C3 :', 'DT.US/F :',
  '~Ascii',
  ...Array.from({ length: 400 }, (_, i) => {
    const d = (1000 + i * 0.5).toFixed(1);
    if (i % 37 === 5) return `${d},, 2.${i % 10}5 ,	88.125`;
    if (i % 41 === 7) return `${d}, -999.25,1.5E+00, 1.25e2`;
    if (i % 53 === 9) return `${d},${(40 + i).toFixed(3)},2.45,`;
    if (i === 200) return `
# a comment in the data
${d}, 1, 2, 3`;
    return `${d}, ${(40 + (i % 60) * 0.125).toFixed(4)}, ${(2.3 + (i % 7) * 0.01).toFixed(3)}, ${(80 + (i % 11)).toFixed(2)}`;
  }),
  '',
].join('\n');

/** Wrapped all-numeric data (the fast path): 8 values per row over lines of 5 and 3, so rows end mid-line too. */
const WRAPPED_NUMERIC_TEXT = (() => {
  const head = new TextDecoder().decode(WRAPPED).replace(/~A[^\n]*\n[\s\S]*$/, '~A\n');
  const values = Array.from({ length: 8 * 300 }, (_, i) =>
    i % 8 === 0 ? (910 - (i / 8) * 0.25).toFixed(3) : i % 29 === 3 ? '-999.2500' : i % 31 === 4 ? '1.25E+02' : (i * 0.0625 - 40).toFixed(4));
  const lines: string[] = [];
  for (let at = 0, n = 0; at < values.length; n++) {
    const take = n % 2 === 0 ? 5 : 3;
    lines.push(` ${values.slice(at, at + take).join('   ')}`);
    at += take;
    if (n === 40) lines.push('# a comment between wrapped lines');
    if (n === 77) lines.push('   ');
  }
  return `${head}${lines.join('\n')}\n`;
})();

const FIXTURES: [string, Uint8Array][] = [
  ['LAS 3.0 all-numeric COMMA rows', enc.encode(COMMA_NUMERIC_TEXT)],
  ['LAS 3.0 all-numeric COMMA rows, CRLF', enc.encode(COMMA_NUMERIC_TEXT.replace(/\n/g, '\r\n'))],
  ['LAS 2.0 numeric rows, no final line end', enc.encode(SAMPLE_TEXT.replace(/~A[^\n]*\n[\s\S]*$/, '') + '~A\n' + Array.from({ length: 500 }, (_, i) => `${1500 + i * 0.25}  ${(40 + (i % 50) * 0.125).toFixed(3)}   -999.25 ${i % 3 ? '2.5' : '1.0E-3'}  7  8`).join('\n'))],
  ['LAS 2.0 with text column and duplicate GR', SAMPLE],
  ['LAS 2.0 with CRLF line ends', enc.encode(SAMPLE_TEXT.replace(/\n/g, '\r\n'))],
  ['LAS 2.0 with lone CR line ends', enc.encode(SAMPLE_TEXT.replace(/\n/g, '\r'))],
  ['LAS 1.2 wrapped', WRAPPED],
  ['LAS 1.2 wrapped, rows ending mid-line, CRLF, a comment and a blank line, exponents', enc.encode(WRAPPED_NUMERIC_TEXT.replace(/\n/g, '\r\n'))],
  ['LAS 1.2 wrapped, no final line end', enc.encode(WRAPPED_NUMERIC_TEXT.trimEnd())],
  ['LAS 3.0 sets, COMMA', SETS],
  ['UTF-16LE with BOM, Russian and an astral character', utf16le(`${SAMPLE_TEXT.replace('TEST FIELD', 'Самотлорское 𝔊').replace(/\n/g, '\r\n')}`)],
  ['3000 rows, non-ASCII after the 64 KiB probe', LONG_WITH_TAIL],
];

// ---------------------------------------------------------------- collecting a stream

interface Streamed {
  las: LasFile;
  /** Values per set name, per curve. */
  data: Map<string, (number | string | null)[][]>;
}

function* cut(bytes: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length];
    // Fresh copies: a reader must not depend on the caller keeping a chunk unchanged.
    yield bytes.slice(at, at + n);
    at += n;
  }
}

async function collect(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, options: StreamOptions = {}): Promise<Streamed> {
  const data = new Map<string, (number | string | null)[][]>();
  let las: LasFile | undefined;
  for await (const ev of streamLas(source, options)) {
    if (ev.type === 'set') {
      expect(data.has(ev.set.name), `set ${ev.set.name} announced twice`).toBe(false);
      data.set(ev.set.name, ev.set.curves.map(() => []));
    } else if (ev.type === 'chunk') {
      const cols = data.get(ev.set.name);
      expect(cols, `chunk for unannounced set ${ev.set.name}`).toBeDefined();
      expect(ev.firstRow).toBe(cols![0]?.length ?? 0);
      expect(ev.columns).toHaveLength(cols!.length);
      ev.columns.forEach((c, i) => {
        expect(c.length).toBe(ev.rows);
        cols![i].push(...Array.from(c as ArrayLike<number | string | null>));
      });
    } else {
      las = ev.las;
    }
  }
  expect(las, 'an end event').toBeDefined();
  return { las: las!, data };
}

/** A column as a text column shows it: numbers a stream sent before the column met text become strings. */
function normalise(vals: ArrayLike<number | string | null>, kind: string): (number | string | null)[] {
  return Array.from(vals, (v) => (kind !== 'number' && typeof v === 'number' ? (Number.isNaN(v) ? null : String(v)) : v));
}

/** The model without curve data, for comparing headers and problems. */
function header(las: LasFile): unknown {
  return { ...las, sets: las.sets.map((s) => ({ ...s, curves: s.curves.map((c) => ({ ...c, data: undefined })) })) };
}

function expectSameAsRead(streamed: Streamed, bytes: Uint8Array, options: StreamOptions = {}): void {
  const whole = readLas(bytes, options);
  expect(header(streamed.las)).toEqual(header(whole));
  for (const set of whole.sets) {
    const got = streamed.data.get(set.name) ?? set.curves.map(() => []);
    set.curves.forEach((c, i) => {
      const expected = normalise(c.data as CurveValues & ArrayLike<number | string | null>, c.kind);
      // A curve with no rows streams nothing; readLas gives it an empty column.
      expect(normalise(got[i] ?? [], c.kind), `${set.name}.${c.mnemonic}`).toEqual(expected);
    });
  }
}

// ---------------------------------------------------------------- the tests

describe('all-numeric comma rows (the fast path) read as written', () => {
  it('reads empty fields and trailing commas as NULL, exponents exactly, and skips blank and comment lines', () => {
    const las = readLas(enc.encode(COMMA_NUMERIC_TEXT));
    const [dept, gr, rhob, dt] = las.sets[0].curves.map((c) => c.data as Float64Array);
    expect(dept.length).toBe(400);
    expect(las.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect([gr[5], rhob[5], dt[5]]).toEqual([NaN, 2.55, 88.125]);
    expect([gr[7], rhob[7], dt[7]]).toEqual([NaN, 1.5, 125]);
    expect([gr[9], rhob[9], dt[9]]).toEqual([49, 2.45, NaN]);
    expect([dept[200], gr[200], rhob[200], dt[200]]).toEqual([1100, 1, 2, 3]);
    expect(gr[10]).toBe(Number((40 + 10 * 0.125).toFixed(4)));
  });
});

describe('all-numeric wrapped rows (the fast path) read as written', () => {
  it('continues rows across lines, nulls the NULL value, reads exponents, skips comment and blank lines', () => {
    const las = readLas(enc.encode(WRAPPED_NUMERIC_TEXT.replace(/\n/g, '\r\n')));
    const cols = las.sets[0].curves.map((c) => c.data as Float64Array);
    expect(cols.length).toBe(8);
    expect(cols[0].length).toBe(300);
    // The header's STOP is the short fixture's; the data goes on further.
    expect(las.problems.filter((p) => p.severity !== 'info').map((p) => p.code)).toEqual(['stop-mismatch']);
    // Value i of the flat sequence lands in row i / 8, column i % 8 (see WRAPPED_NUMERIC_TEXT).
    const at = (i: number): number => cols[i % 8][Math.floor(i / 8)];
    expect(at(8 * 137)).toBe(Number((910 - 137 * 0.25).toFixed(3)));
    expect(at(3)).toBeNaN(); // -999.2500, the ~W NULL
    expect(at(4)).toBe(125); // 1.25E+02
    expect(at(8 * 299 + 7)).toBe(Number(((8 * 299 + 7) * 0.0625 - 40).toFixed(4)));
  });
});

describe('streamLas gives what readLas gives', () => {
  const SIZES = [...Array.from({ length: 64 }, (_, i) => i + 1), 97, 127, 128, 255, 256, 1000, 1021, 4096, 8191, 16384, 65535, 65536];

  for (const [name, bytes] of FIXTURES) {
    it(`${name}: fixed chunk sizes 1..64 and up to 64 KiB`, async () => {
      for (const size of SIZES) {
        if (size > bytes.length * 2 && size !== 65536) continue;
        expectSameAsRead(await collect(cut(bytes, [size])), bytes);
      }
    });

    it(`${name}: random chunkings`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }), async (sizes) => {
          expectSameAsRead(await collect(cut(bytes, sizes)), bytes);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('splits CRLF between chunks without inventing blank lines or shifting line numbers', async () => {
    const bytes = enc.encode(SAMPLE_TEXT.replace(/\n/g, '\r\n').replace('1500.2500  47.250', '1500.2500  47.25O'));
    const crAt = [...bytes.keys()].filter((i) => bytes[i] === 13);
    for (const at of crAt.slice(0, 40)) {
      const s = await collect([bytes.slice(0, at + 1), bytes.slice(at + 1)]);
      expectSameAsRead(s, bytes);
    }
    // The problem about the bad value names the same line as in the LF file.
    const whole = readLas(bytes);
    const bad = whole.problems.find((p) => p.code === 'text-in-numeric-curve' && p.message.includes('47.25O'));
    expect(bad?.line).toBe(SAMPLE_TEXT.split('\n').findIndex((l) => l.startsWith('1500.2500')) + 1);
  });

  it('splits UTF-16 in the middle of a code unit and of a surrogate pair', async () => {
    const bytes = FIXTURES.find(([n]) => n.startsWith('UTF-16'))![1];
    const text = new TextDecoder('utf-16le').decode(bytes);
    const astral = text.indexOf('𝔊');
    expect(astral).toBeGreaterThan(0);
    for (const at of [1, 3, 2 * astral + 1, 2 * astral + 2, 2 * astral + 3, bytes.length - 1]) {
      const s = await collect([bytes.slice(0, at), bytes.slice(at)]);
      expectSameAsRead(s, bytes);
      expect(s.las.well.find((w) => w.mnemonic === 'FLD')?.value).toBe('Самотлорское 𝔊');
    }
  });

  it('honours chunkRows, reads from an async source, and passes options through', async () => {
    async function* slowly(): AsyncGenerator<Uint8Array> {
      for (const c of cut(LONG_UTF8, [777])) {
        await Promise.resolve();
        yield c;
      }
    }
    const events: number[] = [];
    for await (const ev of streamLas(slowly(), { chunkRows: 100, nullPolicy: 'common', fileName: 'long.las' })) {
      if (ev.type === 'chunk') events.push(ev.rows);
    }
    expect(events.every((r) => r <= 100)).toBe(true);
    expect(events.reduce((a, b) => a + b, 0)).toBe(3000);
    expectSameAsRead(await collect(slowly(), { chunkRows: 100, nullPolicy: 'common' }), LONG_UTF8, { nullPolicy: 'common' });
  });

  it('throws a located LasError for a file that is not LAS, as readLas does', async () => {
    const bytes = enc.encode('just some text\nno sections here\n');
    await expect(collect(cut(bytes, [5]), { fileName: 'x.txt' })).rejects.toMatchObject({ name: 'LasError', code: 'not-las', line: 1, file: 'x.txt' });
  });

  it('refuses in strict mode with the same located error as readLas', async () => {
    const bytes = enc.encode(SAMPLE_TEXT.replace('1500.2500  47.250  2.3500', '1500.2500  47.250'));
    let whole: { code?: string; line?: number; column?: number } = {};
    try { readLas(bytes, { strict: true }); } catch (e) { whole = e as typeof whole; }
    expect(whole.line).toBeGreaterThan(0);
    for (const size of [1, 7, 64, 4096]) {
      await expect(collect(cut(bytes, [size]), { strict: true })).rejects.toMatchObject({ name: 'LasError', code: whole.code, line: whole.line, column: whole.column });
    }
  });
});

// ---------------------------------------------------------------- bounded memory

const MB = 1024 * 1024;
const CURVES = ['DEPT.M', 'GR.GAPI', 'RHOB.G/C3', 'NPHI.V/V', 'DT.US/F', 'RT.OHMM', 'SP.MV', 'CALI.IN'];

/** A large LAS file generated on the fly, chunk by chunk: never held in memory whole. */
async function* bigLas(targetBytes: number, stats: { bytes: number; rows: number; grSum: number }): AsyncGenerator<Uint8Array> {
  const head = [
    '~Version', ' VERS. 2.0 : CWLS', ' WRAP. NO :', '~Well', ' STRT.M 1000 :', ' NULL. -999.25 :',
    '~Curve', ...CURVES.map((c) => ` ${c} :`), '~A', '',
  ].join('\n');
  let chunk = enc.encode(head);
  stats.bytes += chunk.length;
  yield chunk;
  let row = 0;
  while (stats.bytes < targetBytes) {
    const out: string[] = [];
    for (let k = 0; k < 2000; k++, row++) {
      const gr = (row % 1000) * 0.125;
      stats.grSum += gr;
      out.push(`${(1000 + row * 0.125).toFixed(3)} ${gr.toFixed(3)} 2.${row % 1000} 0.${row % 97} ${80 + (row % 40)} ${(row % 200) / 10} -${row % 50} 8.5`);
    }
    chunk = enc.encode(`${out.join('\n')}\n`);
    stats.bytes += chunk.length;
    stats.rows = row;
    yield chunk;
  }
}

describe('bounded memory', () => {
  it('streams a ~150 MB file with RSS growth bounded (under 64 MB, whatever the file size)', async () => {
    const stats = { bytes: 0, rows: 0, grSum: 0 };
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let rows = 0;
    let grSum = 0;
    let end: LasFile | undefined;
    for await (const ev of streamLas(bigLas(150 * MB, stats))) {
      if (ev.type === 'chunk') {
        rows += ev.rows;
        const gr = ev.columns[1] as Float64Array;
        for (let i = 0; i < gr.length; i++) grSum += gr[i];
        peak = Math.max(peak, process.memoryUsage().rss);
      } else if (ev.type === 'end') end = ev.las;
    }
    const growth = peak - before;
    console.log(`streamed ${(stats.bytes / MB).toFixed(1)} MB, ${rows} rows; RSS growth ${(growth / MB).toFixed(1)} MB`);
    expect(stats.bytes).toBeGreaterThanOrEqual(150 * MB);
    expect(rows).toBe(stats.rows);
    expect(end?.sets[0].nRows).toBe(stats.rows);
    expect(grSum).toBeCloseTo(stats.grSum, 3);
    expect(end?.index).toMatchObject({ first: 1000, regular: true, step: 0.125 });
    // GC timing moves RSS by tens of MB; a reader that kept the data would grow by far more than 150 MB.
    expect(growth).toBeLessThan(64 * MB);
  }, 120_000);
});
