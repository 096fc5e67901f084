import { UnitError } from './errors.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads one Energistics conversion factor. Besides plain decimals ("0.3048", "1E-6", "1.E-6")
 * the dictionary writes multiples of pi as "PI", "2*PI" or "4*PI"; products and quotients of
 * numbers and PI are accepted so that e.g. "PI/180" also works.
 */
export function parseFactor(text: string | number, where?: string): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) throw new UnitError('BAD_FACTOR', `conversion factor ${text} is not finite`, { where });
    return text;
  }
  const s = text.trim();
  if (s === '') throw new UnitError('BAD_FACTOR', 'conversion factor is empty', { where });
  const tokens = s.split(/([*/])/).map((t) => t.trim());
  let value = term(tokens[0], s, where);
  for (let i = 1; i < tokens.length; i += 2) {
    const next = term(tokens[i + 1] ?? '', s, where);
    value = tokens[i] === '*' ? value * next : value / next;
  }
  if (!Number.isFinite(value)) throw new UnitError('BAD_FACTOR', `conversion factor "${s}" is not finite`, { where });
  return value;
}

function term(t: string, whole: string, where?: string): number {
  if (t.toUpperCase() === 'PI') return Math.PI;
  if (NUMBER.test(t)) return Number(t);
  throw new UnitError('BAD_FACTOR', `cannot read conversion factor "${whole}"`, { where });
}
