/**
 * Damaged files: lenient mode recovers and reports each recovery with severity and line;
 * strict mode refuses each one with a located LasError. Files that are not LAS at all are
 * refused in both modes, and nothing but LasError ever leaves the reader.
 */
import { describe, it, expect } from 'vitest';
import { LasError } from '../../src/las/errors.js';
import type { LasProblem } from '../../src/las/model.js';
import { readLas } from '../../src/las/read.js';
import { curve, las2, lasErrorOf, lineOf, lines, problems, v2Header, values } from './read-helpers.js';

interface DamageCase {
  name: string;
  text: string;
  code: string;
  /** The line the problem is about. */
  line: (text: string) => number;
  /** 1-based column, where the problem has one. */
  column?: number;
  check: (las: ReturnType<typeof readLas>) => void;
}

const CURVES = ['DEPT.M', 'A.', 'B.'];

const CASES: DamageCase[] = [
  {
    name: 'truncated last row (unwrapped)',
    text: las2(CURVES, ['100 1 2', '101 3 4', '102 5']),
    code: 'row-short',
    line: (t) => lineOf(t, '102 5'),
    column: '102 5'.length + 1,
    check: (las) => {
      expect(las.sets[0].nRows).toBe(3);
      expect(values(curve(las, 'A'))).toEqual([1, 3, 5]);
      expect(values(curve(las, 'B'))).toEqual([2, 4, NaN]);
    },
  },
  {
    name: 'truncated last row (wrapped)',
    text: las2(['DEPT.M', 'A.', 'B.', 'C.'], ['100', '1 2 3', '101', '4'], { wrap: true }),
    code: 'row-truncated',
    line: (t) => lineOf(t, '101'),
    check: (las) => {
      expect(las.sets[0].nRows).toBe(2);
      expect(values(curve(las, 'A'))).toEqual([1, 4]);
      expect(values(curve(las, 'C'))).toEqual([3, NaN]);
    },
  },
  {
    name: 'a row with a missing column',
    text: las2(CURVES, ['100 1 2', '101 3', '102 5 6']),
    code: 'row-short',
    line: (t) => lineOf(t, '101 3'),
    column: '101 3'.length + 1,
    check: (las) => {
      expect(values(curve(las, 'B'))).toEqual([2, NaN, 6]);
      expect(values(curve(las, 'DEPT'))).toEqual([100, 101, 102]);
    },
  },
  {
    name: 'a row with an extra column',
    text: las2(CURVES, ['100 1 2', '101 3 4 99', '102 5 6']),
    code: 'row-long',
    line: (t) => lineOf(t, '101 3 4 99'),
    column: '101 3 4 '.length + 1,
    check: (las) => {
      expect(las.sets[0].curves).toHaveLength(3);
      expect(values(curve(las, 'B'))).toEqual([2, 4, 6]);
    },
  },
  {
    name: 'missing ~C: names from the ~A title',
    text: lines(v2Header(), '~A  DEPTH  GR  RHOB', '100 1 2', '101 3 4'),
    code: 'missing-definition',
    line: (t) => lineOf(t, '~A') + 1,
    check: (las) => {
      expect(las.sets[0].curves.map((c) => c.mnemonic)).toEqual(['DEPTH', 'GR', 'RHOB']);
      expect(values(curve(las, 'RHOB'))).toEqual([2, 4]);
      expect(las.index?.mnemonic).toBe('DEPTH');
    },
  },
  {
    name: 'missing ~C and no names in the ~A title',
    text: lines(v2Header(), '~A', '100 1 2', '101 3 4'),
    code: 'missing-definition',
    line: (t) => lineOf(t, '~A') + 1,
    check: (las) => {
      expect(las.sets[0].curves).toHaveLength(3);
      expect(las.sets[0].nRows).toBe(2);
      expect(values(las.sets[0].curves[2])).toEqual([2, 4]);
    },
  },
  {
    name: 'header defines more curves than the data has columns',
    text: las2(['DEPT.M', 'A.', 'B.', 'C.'], ['100 1 2', '101 3 4', '102 5 6']),
    code: 'curves-without-data',
    line: (t) => lineOf(t, '~ASCII') + 1,
    check: (las) => {
      expect(las.sets[0].nRows).toBe(3);
      expect(values(curve(las, 'B'))).toEqual([2, 4, 6]);
      expect(values(curve(las, 'C'))).toEqual([NaN, NaN, NaN]);
    },
  },
  {
    name: 'data has more columns than the header defines',
    text: las2(['DEPT.M', 'A.'], ['100 1 2', '101 3 4', '102 5 6']),
    code: 'extra-columns',
    line: (t) => lineOf(t, '~ASCII') + 1,
    check: (las) => {
      expect(las.sets[0].curves).toHaveLength(3);
      expect(values(curve(las, 'A'))).toEqual([1, 3, 5]);
      expect(values(las.sets[0].curves[2])).toEqual([2, 4, 6]);
    },
  },
  {
    name: 'header STRT disagrees with the data',
    text: las2(CURVES, ['100 1 2', '101 3 4'], { well: [' STRT.M 50 : START', ' STOP.M 101 : STOP', ' STEP.M 1 : STEP'] }),
    code: 'strt-mismatch',
    line: (t) => lineOf(t, 'STRT.'),
    check: (las) => expect(las.index?.first).toBe(100),
  },
  {
    name: 'text before the first section',
    text: `garbage header from a mail client\n${las2(CURVES, ['100 1 2'])}`,
    code: 'text-before-section',
    line: () => 1,
    column: 1,
    check: (las) => expect(values(curve(las, 'A'))).toEqual([1]),
  },
];

describe('lenient recoveries, each reported', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const las = readLas(c.text);
      const found = problems(las, c.code);
      expect(found.length, `a '${c.code}' problem; got ${JSON.stringify(las.problems)}`).toBeGreaterThan(0);
      const p: LasProblem = found[0];
      expect(['warning', 'error']).toContain(p.severity);
      expect(p.line).toBe(c.line(c.text));
      if (c.column !== undefined) expect(p.column).toBe(c.column);
      expect(p.message.length).toBeGreaterThan(10);
      c.check(las);
    });
  }
});

describe('strict mode refuses each recovery with a located LasError', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const err = lasErrorOf(() => readLas(c.text, { strict: true, fileName: 'damaged.las' }));
      expect(err.code).toBe(c.code);
      expect(err.line).toBe(c.line(c.text));
      if (c.column !== undefined) expect(err.column).toBe(c.column);
      expect(err.file).toBe('damaged.las');
      expect(err.message).toContain('damaged.las');
      expect(err.message).toContain(`line ${err.line}`);
      expect(err.problems.at(-1)?.code).toBe(c.code);
    });
  }

  it('reads a clean file in strict mode', () => {
    const las = readLas(las2(CURVES, ['100 1 2', '101 3 4'], { well: [' STRT.M 100 : START', ' STOP.M 101 : STOP', ' STEP.M 1 : STEP'] }), { strict: true });
    expect(las.sets[0].nRows).toBe(2);
  });
});

describe('trailing garbage after the data', () => {
  const text = las2(CURVES, ['100 1 2', '101 3 4', 'end of file here']);

  // BUG (reported to the lead): a text line after the last row is read as a row, turning
  // the depth index and every curve into text columns.
  it('keeps the rows before it as numbers and reports the garbage with its line', () => {
    const las = readLas(text);
    expect(las.sets[0].nRows).toBe(2);
    expect(curve(las, 'DEPT').kind).toBe('number');
    expect(values(curve(las, 'DEPT'))).toEqual([100, 101]);
    expect(values(curve(las, 'A'))).toEqual([1, 3]);
    expect(las.problems.some((p) => p.line === lineOf(text, 'end of file') && p.severity !== 'info')).toBe(true);
  });

  it('strict mode refuses it at its line', () => {
    const err = lasErrorOf(() => readLas(text, { strict: true }));
    expect(err.line).toBe(lineOf(text, 'end of file'));
  });

  it('ignores DOS end-of-file marks and NUL padding after the data', () => {
    for (const tail of ['\x1a', '\x1a\x1a\x1a\n', '\0\0\0\0\0\0\n']) {
      const las = readLas(las2(CURVES, ['100 1 2', '101 3 4']) + tail);
      expect(values(curve(las, 'DEPT'))).toEqual([100, 101]);
      expect(values(curve(las, 'B'))).toEqual([2, 4]);
    }
  });
});

describe('files that are not LAS', () => {
  it('empty file: empty-file at line 1', () => {
    for (const input of [new Uint8Array(0), '']) {
      const err = lasErrorOf(() => readLas(input, { fileName: 'empty.las' }));
      expect(err.code).toBe('empty-file');
      expect(err.line).toBe(1);
      expect(err.file).toBe('empty.las');
    }
  });

  it('text with no ~ sections: not-las at line 1', () => {
    for (const input of ['   \n\n', 'DEPTH GR\n100 1\n101 2\n', '<html><body>404 Not Found</body></html>\n']) {
      const err = lasErrorOf(() => readLas(input));
      expect(err.code).toBe('not-las');
      expect(err.line).toBe(1);
    }
  });

  it('binary with no ~ at the start of any line: not-las', () => {
    const nul = lasErrorOf(() => readLas(new Uint8Array(4096)));
    expect(nul.code).toBe('not-las');
    const bytes = Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256).map((b) => (b === 0x7e ? 0x7d : b));
    expect(lasErrorOf(() => readLas(bytes)).line).toBe(1);
  });

  // BUG (reported to the lead): binary data that happens to hold "\n~V" / "\n~A" is read as a
  // LAS file (80 garbage curves) instead of being refused.
  it('binary garbage that happens to contain ~ lines is refused', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 255;
    const bytes = Uint8Array.from({ length: 20000 }, rnd);
    bytes.set([0x0a, 0x7e, 0x56, 0x0a], 500); // "\n~V\n"
    bytes.set([0x0a, 0x7e, 0x41, 0x0a], 9000); // "\n~A\n"
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...bytes]);
    for (const input of [bytes, png]) {
      const err = lasErrorOf(() => readLas(input));
      expect(err.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('a header with no data section is read with a warning', () => {
    const las = readLas(lines(v2Header(), '~Curve', ' DEPT.M :'));
    expect(problems(las, 'no-data-section')).toHaveLength(1);
    expect(lasErrorOf(() => readLas(lines(v2Header(), '~Curve', ' DEPT.M :'), { strict: true })).code).toBe('no-data-section');
  });
});

describe('only LasError leaves the reader', () => {
  it('an unknown forced encoding is a LasError', () => {
    const err = lasErrorOf(() => readLas(new TextEncoder().encode(las2(CURVES, ['1 2 3'])), { encoding: 'klingon-8' }));
    expect(err.code).toBe('encoding-unknown');
  });

  it('an unknown null policy name is a LasError', () => {
    const err = lasErrorOf(() => readLas(las2(CURVES, ['1 2 3']), { nullPolicy: 'bogus' as never }));
    expect(err).toBeInstanceOf(LasError);
    expect(err.message).toContain('bogus');
  });
});
