/**
 * Number to text for LAS data and header values.
 *
 * The default is the shortest text that reads back to the very same double, so writing a
 * file never changes a value. Fixed decimals are offered because real files carry them
 * (RHOB with 4 decimals, depth with the step's decimals) and people compare files by eye.
 */

/** Plain decimals inside this magnitude range; exponent form outside it when shorter. */
const PLAIN_MIN = 1e-5;
const PLAIN_MAX = 1e15;

/**
 * `x` as text: shortest round-trip form by default (`Number(formatNumber(x)) === x`, -0 kept),
 * or exactly `fixedDecimals` decimals when asked (rounded, so possibly lossy).
 * Infinities are written `Infinity` / `-Infinity`, which `Number()` reads back.
 */
export function formatNumber(x: number, fixedDecimals?: number): string {
  return fixedDecimals === undefined ? formatShortest(x) : formatFixed(x, fixedDecimals);
}

/**
 * Fixed decimals when they keep the value exact, else the shortest round-trip form: a
 * column's format is a display preference and must never cost precision.
 */
export function formatNumberPreferFixed(x: number, decimals: number): string {
  // Fast path for the usual log value: when x is exactly the double nearest k / 10^d, its
  // d-decimal text is the digits of k, and that text reads back to x.
  if (decimals <= 15 && x !== 0) {
    const scale = POW10[decimals];
    const k = Math.round(x * scale);
    if (Number.isSafeInteger(k) && k / scale === x) return digitsOf(k, decimals, scale);
  }
  const fixed = formatFixed(x, decimals);
  return Object.is(Number(fixed), x) ? fixed : formatShortest(x);
}

/** `E` format (`1.2346E+03`) when it keeps the value exact, else the shortest round-trip form. */
export function formatNumberPreferExponent(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return formatShortest(x);
  checkDecimals(decimals);
  const text = withSign(x, x.toExponential(decimals).toUpperCase());
  return Object.is(Number(text), x) ? text : formatShortest(x);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The integer k written as k / 10^decimals, e.g. (-12345, 4) → `-1.2345`. */
function digitsOf(k: number, decimals: number, scale: number): string {
  const abs = k < 0 ? -k : k;
  const sign = k < 0 ? '-' : '';
  if (decimals === 0) return sign + String(abs);
  const whole = Math.floor(abs / scale);
  const frac = String(abs - whole * scale);
  return `${sign}${whole}.${frac.length < decimals ? '0'.repeat(decimals - frac.length) + frac : frac}`;
}

function formatShortest(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const abs = Math.abs(x);
  const plain = String(x);
  if (abs >= PLAIN_MIN && abs < PLAIN_MAX) return plain;
  // Both forms are shortest round-trip digit strings; take the shorter spelling.
  const exponent = x.toExponential().toUpperCase();
  return !plain.includes('e') && plain.length <= exponent.length ? plain : exponent;
}

function formatFixed(x: number, decimals: number): string {
  checkDecimals(decimals);
  // toFixed switches to exponent form itself from 1e21 on.
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return formatShortest(x);
  return withSign(x, x.toFixed(decimals));
}

/** toFixed / toExponential drop the sign of -0. */
function withSign(x: number, text: string): string {
  return Object.is(x, -0) ? `-${text}` : text;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new RangeError(`decimals must be an integer from 0 to 100, got ${decimals}`);
  }
}
