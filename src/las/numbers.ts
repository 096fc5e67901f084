/**
 * Decimal text → double, exactly as `Number(text)` would give, straight from bytes.
 *
 * Most log values have ≤ 15 significant digits and a small exponent; for those a single
 * IEEE multiply or divide of two exact doubles is correctly rounded (Clinger's fast path),
 * so the result equals Number(text) without building a string. Anything else falls back
 * to Number() on the token's text.
 */

/** Exact doubles 1e0..1e22: products and quotients with them are correctly rounded. */
export const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Returned when the bytes are not a plain decimal number. */
export const NOT_A_NUMBER = Symbol('not-a-number');

/**
 * Parses `bytes[start, end)` as a decimal number (`[+-]digits[.digits][(e|E)[+-]digits]`).
 * Returns NaN-free doubles; returns undefined when the token is not a decimal number
 * (text, `nan`, `1.0D+02`, hex, run-on values...).
 */
export function parseDecimalBytes(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  if (i >= end) return undefined;
  const c = b[i];
  let neg = false;
  if (c === 45 /* - */) { neg = true; i++; } else if (c === 43 /* + */) i++;
  let mant = 0;
  let sig = 0; // significant digits taken into mant
  let digits = 0; // mantissa digits seen
  let exp10 = 0;
  let exact = true;
  for (; i < end; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (sig < 15) { if (mant !== 0 || d !== 0) { mant = mant * 10 + d; if (mant !== 0) sig++; } }
    else { exact = false; exp10++; }
  }
  if (i < end && b[i] === 46 /* . */) {
    i++;
    for (; i < end; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      digits++;
      if (sig < 15) { if (mant !== 0 || d !== 0) { mant = mant * 10 + d; if (mant !== 0) sig++; } exp10--; }
      else if (d !== 0) exact = false;
    }
  }
  if (digits === 0) return undefined;
  if (i < end && (b[i] === 101 || b[i] === 69) /* e E */) {
    i++;
    let eneg = false;
    if (i < end && (b[i] === 45 || b[i] === 43)) { eneg = b[i] === 45; i++; }
    let e = 0;
    let edigits = 0;
    for (; i < end; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      if (e < 100000) e = e * 10 + d;
      edigits++;
    }
    if (edigits === 0) return undefined;
    exp10 += eneg ? -e : e;
  }
  if (i !== end) return undefined;
  if (exact) {
    let v: number | undefined;
    if (mant === 0) v = 0;
    else if (exp10 === 0) v = mant;
    else if (exp10 > 0 && exp10 <= 22) v = mant * POW10[exp10];
    else if (exp10 < 0 && exp10 >= -22) v = mant / POW10[-exp10];
    if (v !== undefined) return neg ? -v : v;
  }
  return Number(latin1(b, start, end));
}

export function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}

const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text → number with the same rules as {@link parseDecimalBytes}; undefined when not a decimal. */
export function parseDecimalText(text: string): number | undefined {
  const t = text.trim();
  return DECIMAL_RE.test(t) ? Number(t) : undefined;
}

/**
 * The common case first: up to 15 digits with an optional point and no exponent, which
 * covers nearly every value in real logs. Everything else goes to {@link parseDecimalBytes}.
 */
export function parseNumberToken(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let neg = false;
  const c0 = b[i];
  if (c0 === 45) { neg = true; i++; } else if (c0 === 43) i++;
  let mant = 0;
  let nd = 0;
  let frac = 0;
  let d = 0;
  while (i < end && (d = b[i] - 48) >= 0 && d <= 9) { mant = mant * 10 + d; nd++; i++; }
  if (i < end && b[i] === 46) {
    i++;
    while (i < end && (d = b[i] - 48) >= 0 && d <= 9) { mant = mant * 10 + d; nd++; frac++; i++; }
  }
  if (i !== end || nd === 0 || nd > 15) return parseDecimalBytes(b, start, end);
  const v = frac === 0 ? mant : mant / POW10[frac];
  return neg ? -v : v;
}

/**
 * Digits `b[i0, end)` with the point at `f0 - 1`, too many for the one-pass parse. Exporters pad
 * fractions to a fixed width ("1128.674417262100"): trailing zeros are not significant, and
 * without them the digits may still fit an exact double. NaN when they do not.
 */
function paddedFraction(b: Uint8Array, i0: number, f0: number, end: number, neg: boolean): number {
  let f1 = end;
  while (f1 > f0 && b[f1 - 1] === 48) f1--;
  if ((f0 - 1 - i0) + (f1 - f0) > 15) return NaN;
  let mant = 0;
  for (let k = i0; k < f1; k++) if (k !== f0 - 1) mant = mant * 10 + (b[k] - 48);
  const v = f1 === f0 ? mant : mant / POW10[f1 - f0];
  return neg ? -v : v;
}

/** Where {@link scanPlainNumber} stopped: the first byte it did not take. */
export const scanned = { end: 0 };

/**
 * The reader's hot loop: parses a plain number (`[+-]digits[.digits]`, at most 15 digits)
 * starting at `i` and stops at the first byte that cannot continue it, leaving that position
 * in `scanned.end`. Returns NaN when the bytes there are not such a number (no digits, too many
 * digits); the caller then finds the token's end and takes the exact path. One pass over the
 * bytes instead of two (find the end, then parse).
 */
export function scanPlainNumber(b: Uint8Array, i: number, e: number): number {
  let neg = false;
  const c = b[i];
  if (c === 45) { neg = true; i++; } else if (c === 43) i++;
  const i0 = i;
  let mant = 0;
  while (i < e) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
    i++;
  }
  let nd = i - i0;
  let frac = 0;
  if (i < e && b[i] === 46) {
    const f0 = ++i;
    while (i < e) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      i++;
    }
    frac = i - f0;
    nd += frac;
    if (nd > 15) { scanned.end = i; return paddedFraction(b, i0, f0, i, neg); }
  }
  scanned.end = i;
  if (nd === 0 || nd > 15) return NaN;
  const v = frac === 0 ? mant : mant / POW10[frac];
  return neg ? -v : v;
}

/**
 * The whitespace-delimited number token at `i`, up to `e` at the most: exactly Number(token),
 * or undefined when the token is not a decimal number. Its end is left in `scanned.end`.
 */
export function numberToken(b: Uint8Array, i: number, e: number): number | undefined {
  return tokenAfterScan(b, i, e, scanPlainNumber(b, i, e));
}

/** The one-pass scan's answer `v` for the token at `i`, or, when that was not the whole token, the exact path's. */
function tokenAfterScan(b: Uint8Array, i: number, e: number, v: number): number | undefined {
  let j = scanned.end;
  if (v === v && (j >= e || b[j] <= 32)) return v;
  // Exponents, long mantissas, run-on or text: the exact path reads the whole token.
  while (j < e && b[j] > 32) j++;
  scanned.end = j;
  return parseNumberToken(b, i, j);
}

/** Where {@link lineNumber} leaves its value: a double in a typed array is never boxed. */
export const parsed = new Float64Array(1);

/**
 * The reader's hot loop: the whitespace-delimited number token at `i` in bytes that hold a
 * line end (LF) before `n`. Its value goes to `parsed[0]` and its end is returned (-1 when
 * the token is not a decimal number). It returns a small integer, not the double: a call V8
 * does not inline would box a returned double, an allocation per value.
 */
export function lineNumber(b: Uint8Array, i: number, n: number): number {
  const t0 = i;
  let neg = false;
  const c = b[i];
  if (c === 45) { neg = true; i++; } else if (c === 43) i++;
  const d0 = i;
  let m = 0;
  let d = 0;
  // b[n - 1] is a line end: every scan stops there at the latest.
  while ((d = b[i] - 48) >= 0 && d <= 9) { m = m * 10 + d; i++; }
  let nd = i - d0;
  let frac = 0;
  if (b[i] === 46) {
    const f0 = ++i;
    while ((d = b[i] - 48) >= 0 && d <= 9) { m = m * 10 + d; i++; }
    frac = i - f0;
    nd += frac;
  }
  if (nd !== 0 && nd <= 15 && b[i] <= 32) {
    const v = frac === 0 ? m : m / POW10[frac];
    parsed[0] = neg ? -v : v;
    return i;
  }
  return otherLineNumber(b, t0, d0, frac, i, n, neg);
}

/**
 * {@link lineNumber}'s rare cases, kept out of it so that it stays small enough to inline: the
 * token at `t0` whose plain scan (digits from `d0`, `frac` of them after a point) stopped at
 * `i`. Padded fractions ("1128.674417262100", common in some exporters' files) need no second
 * scan; exponents, long mantissas and text take the exact path.
 */
function otherLineNumber(b: Uint8Array, t0: number, d0: number, frac: number, i: number, n: number, neg: boolean): number {
  scanned.end = i;
  const x = tokenAfterScan(b, t0, n, frac !== 0 ? paddedFraction(b, d0, i - frac, i, neg) : NaN);
  if (x === undefined) return -1;
  parsed[0] = x;
  return scanned.end;
}
