import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countStrayControlBytes, isAsciiBytes } from '../../src/las/byte-scan.js';

/** The plain byte-by-byte answers the word-at-a-time checks must agree with. */
const asciiByBytes = (b: Uint8Array): boolean => b.every((c) => c < 0x80);
const strayByBytes = (b: Uint8Array): number =>
  b.filter((c) => c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 26).length;

/** A view at an unaligned offset, so the head and tail bytes around the aligned words are covered. */
function at(offset: number, bytes: Uint8Array): Uint8Array {
  const buf = new Uint8Array(bytes.length + offset);
  buf.set(bytes, offset);
  return buf.subarray(offset);
}

describe('byte-class checks (encoding detection and binary probe)', () => {
  it('agree with a byte-by-byte scan at every alignment and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 7 }), (bytes, offset) => {
        const view = at(offset, bytes);
        expect(isAsciiBytes(view)).toBe(asciiByBytes(bytes));
        expect(countStrayControlBytes(view)).toBe(strayByBytes(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds one high or control byte anywhere in a long ASCII text', () => {
    const text = new TextEncoder().encode(' 1000.5  -999.25  12.0\r\n'.repeat(200));
    for (const pos of [0, 1, 2, 3, 4, 1001, text.length - 2, text.length - 1]) {
      const hi = text.slice(); hi[pos] = 0xe9;
      expect(isAsciiBytes(hi)).toBe(false);
      const ctl = text.slice(); ctl[pos] = 0x01;
      expect(countStrayControlBytes(ctl)).toBe(1);
    }
    expect(isAsciiBytes(text)).toBe(true);
    expect(countStrayControlBytes(text)).toBe(0);
  });

  it('counts only up to the end it is given', () => {
    const b = new Uint8Array(100).fill(65);
    b[90] = 0;
    expect(countStrayControlBytes(b, 80)).toBe(0);
    expect(countStrayControlBytes(b)).toBe(1);
  });
});
