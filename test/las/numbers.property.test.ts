/**
 * The reader's number scanners against the definition they must meet: a decimal token's
 * value is exactly Number(token), and the scan ends where the token ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineNumber, numberToken, parsed, scanned } from '../../src/las/numbers.js';

const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Decimal tokens of every shape the fast paths and their fallbacks split on. */
const decimalArb = fc.record({
  sign: fc.constantFrom('', '-', '+'),
  int: digits(0, 20),
  point: fc.boolean(),
  frac: digits(0, 20),
  pad: fc.nat({ max: 8 }), // exporters' trailing zeros ("1128.674417262100")
  exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3)), { nil: undefined }),
}).map(({ sign, int, point, frac, pad, exp }) => {
  const fraction = point ? `.${frac}${'0'.repeat(pad)}` : '';
  return `${sign}${int}${fraction}${exp ? exp.join('') : ''}`;
}).filter((t) => /^[+-]?(\d|\.\d)/.test(t)); // a mantissa digit: "e5" is not a number

const HARD = ['0', '-0', '+0', '5.', '.5', '-.5', '-999.25', '1128.674417262100', '0.1000000000000000000001', '123456789012345', '1234567890123456',
  '9007199254740993', '0.12345678901234567', '1e308', '1e-400', '2.2250738585072011e-308', '00000000000000000001.5', '1.0000000000000002', '4.9e-324'];

describe('lineNumber (the row loops\' scanner)', () => {
  it('gives exactly Number(token) and stops at the token\'s end, for every decimal shape', () => {
    fc.assert(fc.property(fc.oneof(decimalArb, fc.constantFrom(...HARD)), fc.constantFrom(' ', '\t', '\r', ''), (token, after) => {
      const b = latin1(`${token}${after}\n`);
      const end = lineNumber(b, 0, b.length);
      expect(end).toBe(token.length);
      expect(Object.is(parsed[0], Number(token))).toBe(true);
    }), { numRuns: 3000 });
  });

  it('refuses what is not a decimal number, without reading past the line', () => {
    for (const token of ['-', '+', '.', '1.0D+02', '0x1F', 'nan', '12abc', '1e', '1e+', '--1', '1.2.3', '1,5']) {
      const b = latin1(`${token} 7\n`);
      expect(lineNumber(b, 0, b.length), token).toBe(-1);
    }
  });

  it('agrees with the bounded scanner used by the other row paths', () => {
    fc.assert(fc.property(decimalArb, (token) => {
      const b = latin1(`${token} \n`);
      const end = lineNumber(b, 0, b.length);
      const v = numberToken(b, 0, token.length);
      expect(end).toBe(token.length);
      expect(scanned.end).toBe(token.length);
      expect(Object.is(v, parsed[0])).toBe(true);
    }), { numRuns: 1000 });
  });
});
