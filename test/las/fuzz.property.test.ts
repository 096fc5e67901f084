/**
 * The reader's contract under hostile input: for any bytes, readLas returns a model or
 * throws a LasError that has a line ('empty-file' / 'not-las' at line 1), never anything
 * else, and finishes in bounded time. Random mutations of fixtures and real files, plus
 * hand-made nasty inputs run in child processes so a hang is caught rather than suffered.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadOptions } from '../../src/las/read.js';
import { corpusFiles, HAVE_CORPUS, LAS_DIR } from './corpus.js';
import { judge, NASTY, type Verdict } from './fuzz-nasty.js';

/** Per-input bound on the CPU time readLas may take. */
const BOUND_MS = 2000;

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/las/${name}`, import.meta.url)));

function expectKept(v: Verdict, what: string): void {
  if (v.kind === 'bad') throw new Error(`${what}: ${v.detail}`);
  if (v.ms > BOUND_MS) throw new Error(`${what}: took ${v.ms.toFixed(0)} ms (bound ${BOUND_MS} ms)`);
}

// ---------------------------------------------------------------- mutations

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number; to: number }
  | { op: 'truncate'; at: number };

/** Bytes that mean something to a LAS parser, so insertions hit the interesting paths. */
const MEANINGFUL = [0x7e, 0x0a, 0x0d, 0x20, 0x09, 0x2e, 0x3a, 0x22, 0x27, 0x23, 0x2c, 0x7c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2d, 0x2b, 0x65, 0x30, 0x39, 0x00, 0x1a, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0xd0, 0xc3];
const byteArb = fc.oneof(fc.constantFrom(...MEANINGFUL), fc.integer({ min: 0, max: 255 }));

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: byteArb }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(byteArb, { minLength: 1, maxLength: 24 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 2000 }), to: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(src: Uint8Array, ops: Mutation[]): Uint8Array {
  let b = src;
  for (const m of ops) {
    const n = b.length;
    const at = n ? m.at % (n + 1) : 0;
    switch (m.op) {
      case 'flip': if (n) { b = b.slice(); b[at % n] ^= 1 << m.bit; } break;
      case 'set': if (n) { b = b.slice(); b[at % n] = m.byte; } break;
      case 'insert': b = concat(b.subarray(0, at), Uint8Array.from(m.bytes), b.subarray(at)); break;
      case 'delete': b = concat(b.subarray(0, at), b.subarray(Math.min(n, at + m.len))); break;
      case 'duplicate': {
        const piece = b.slice(at, Math.min(n, at + m.len));
        const to = n ? m.to % (n + 1) : 0;
        b = concat(b.subarray(0, to), piece, b.subarray(to));
        break;
      }
      case 'truncate': b = b.slice(0, at); break;
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const optionsArb: fc.Arbitrary<ReadOptions> = fc.record(
  {
    strict: fc.boolean(),
    nullPolicy: fc.constantFrom('none', 'strict', 'common', 'aggressive'),
    encoding: fc.constantFrom('utf-16le', 'cp1251', 'utf-32be', 'cp866'),
  },
  { requiredKeys: ['strict'] },
);

function fuzz(name: string, bytes: Uint8Array, numRuns: number): void {
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 8 }), optionsArb, (ops, options) => {
      expectKept(judge(mutate(bytes, ops), options), `${name} mutated by ${JSON.stringify(ops)} with ${JSON.stringify(options)}`);
    }),
    { numRuns, seed: 20240613 ^ name.length, endOnFailure: true },
  );
}

describe('random byte mutations of fixtures', () => {
  const sample = fixture('reader-sample-2.0.las');
  const fixtures: [string, Uint8Array][] = [
    ['reader-sample-2.0.las', sample],
    ['reader-wrapped-1.2.las', fixture('reader-wrapped-1.2.las')],
    ['reader-sets-3.0.las', fixture('reader-sets-3.0.las')],
    ['reader-sample-2.0.las as UTF-16LE', (() => {
      const text = `\ufeff${new TextDecoder().decode(sample)}`;
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) { out[2 * i] = text.charCodeAt(i) & 0xff; out[2 * i + 1] = text.charCodeAt(i) >> 8; }
      return out;
    })()],
  ];
  for (const [name, bytes] of fixtures) {
    it(name, () => {
      expectKept(judge(bytes), `${name} unmutated`);
      fuzz(name, bytes, 150);
    });
  }
});

/** ~30 real files spread evenly over the sorted corpus (small enough to mutate quickly). */
function corpusPicks(): string[] {
  const small = corpusFiles().filter((f) => {
    const size = statSync(join(LAS_DIR, f)).size;
    return size > 0 && size <= 200 * 1024;
  });
  const want = 30;
  const step = Math.max(1, Math.floor(small.length / want));
  return small.filter((_, i) => i % step === 0).slice(0, want);
}

if (!HAVE_CORPUS) console.warn('SKIPPED: fuzzing real LAS files — ../shared/corpus is absent (a fresh clone has no ../shared)');

describe.skipIf(!HAVE_CORPUS)('random byte mutations of real corpus files', () => {
  const picks = HAVE_CORPUS ? corpusPicks() : [];
  it('picks about 30 files', () => {
    expect(picks.length).toBeGreaterThanOrEqual(25);
  });
  for (const rel of picks) {
    it(rel, () => {
      const bytes = new Uint8Array(readFileSync(join(LAS_DIR, rel)));
      expectKept(judge(bytes), `${rel} unmutated`);
      fuzz(rel, bytes, 12);
    });
  }
});

describe('hand-made nasty inputs', () => {
  for (const [name, make] of Object.entries(NASTY)) {
    it(name, () => expectKept(judge(make()), name));
  }
});

