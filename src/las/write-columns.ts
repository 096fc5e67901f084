/**
 * Data cells and rows for the LAS writer: how each curve's values become text, how wide
 * each column is, and how a row is laid out (space / comma delimited, wrapped at 80 chars).
 * Shared by `writeLas` and the streaming generator so both produce the same text.
 */
import { LasError } from './errors.js';
import { formatNumber, formatNumberPreferExponent, formatNumberPreferFixed } from './format-number.js';
import type { Delimiter, LasCurve } from './model.js';

export type Cell = number | string | null;

/** What a LAS 3.0 format specifier (`F10.4`, `E0.00E+00`, `I`, `S20`) says about layout. */
export interface FormatLayout {
  /** Minimum column width. */
  width?: number;
  /** Decimals for `F` / `I` (0) / `E`. */
  decimals?: number;
  exponent?: boolean;
}

export function parseFormatSpec(format: string | undefined): FormatLayout {
  if (!format) return {};
  const f = format.trim().toUpperCase();
  let m = /^F(\d*)(?:\.(\d+))?$/.exec(f);
  if (m) return { width: num(m[1]), decimals: num(m[2]) };
  m = /^I(\d*)$/.exec(f);
  if (m) return { width: num(m[1]), decimals: 0 };
  // `E10.3`, or the picture form `E0.00E+00` (decimals counted from the zeros).
  m = /^E(\d*)\.(\d+)$/.exec(f);
  if (m) return { width: num(m[1]), decimals: num(m[2]), exponent: true };
  m = /^E\d*\.(0+)E[+-]?0+$/.exec(f);
  if (m) return { decimals: m[1].length, exponent: true };
  m = /^S(\d+)$/.exec(f);
  if (m) return { width: num(m[1]) };
  return {};
}

function num(s: string | undefined): number | undefined {
  return s ? Number(s) : undefined;
}

export interface ColumnContext {
  nullValue: number;
  /** Fixed decimals for every number column, asked by the user (may round). */
  decimals?: number;
  delimiter: Delimiter;
  setName: string;
}

/** One curve's column: how its cells read and how wide it must be at least. */
export interface ColumnPlan {
  curve: LasCurve;
  text: boolean;
  /** Width from the curve's format specifier (0 when none). */
  minWidth: number;
  /** Text of a value; throws `null-collision` when a real value would read back as NULL. */
  cell(value: Cell, row: number): string;
}

export function planColumn(curve: LasCurve, ctx: ColumnContext, checkCollision: boolean): ColumnPlan {
  const layout = parseFormatSpec(curve.format);
  const text = !(curve.data instanceof Float64Array);
  const number = numberFormatter(layout, ctx.decimals);
  // The NULL text takes the column's decimals only when that keeps it exact (-999.2500, not -999.3).
  const numberNull =
    ctx.decimals !== undefined ? formatNumberPreferFixed(ctx.nullValue, ctx.decimals) : numberFormatter(layout, undefined)(ctx.nullValue);
  const textNull = formatNumber(ctx.nullValue);
  const lossy = ctx.decimals !== undefined;
  const collision = (row: number, shown: string): never => {
    throw new LasError(
      'null-collision',
      `set ${ctx.setName}, curve ${curve.mnemonic}, row ${row + 1}: the value ${shown} would read back as the NULL value ` +
        `${textNull}; choose another nullValue`,
    );
  };
  return {
    curve,
    text,
    minWidth: layout.width ?? 0,
    cell(value, row) {
      if (value === null || (typeof value === 'number' && Number.isNaN(value))) return text ? textNull : numberNull;
      if (typeof value === 'number') {
        const shown = number(value);
        if (checkCollision && (lossy ? Number(shown) === ctx.nullValue : value === ctx.nullValue)) collision(row, shown);
        return shown;
      }
      const trimmed = value.trim();
      if (checkCollision && trimmed !== '' && Number(trimmed) === ctx.nullValue) collision(row, JSON.stringify(value));
      const quoted = quoteText(value, ctx.delimiter);
      if (quoted === null) {
        throw new LasError(
          'write-unsupported',
          `set ${ctx.setName}, curve ${curve.mnemonic}, row ${row + 1}: the text ${JSON.stringify(value)} needs quoting ` +
            'but holds the quote characters, which LAS cannot escape',
        );
      }
      return quoted;
    },
  };
}

function numberFormatter(layout: FormatLayout, decimals: number | undefined): (x: number) => string {
  if (decimals !== undefined) return (x) => formatNumber(x, decimals);
  const d = layout.decimals;
  if (d === undefined) return (x) => formatNumber(x);
  return layout.exponent ? (x) => formatNumberPreferExponent(x, d) : (x) => formatNumberPreferFixed(x, d);
}

/**
 * Quotes a text value only when the reader could not otherwise get it back whole: it holds
 * the delimiter, has edge spaces, is empty, or starts like a quote, comment or section.
 * LAS has no escape inside quotes, so the quote character must not occur in the value:
 * double quotes, else (space-delimited data only) single quotes; null when neither works.
 */
export function quoteText(value: string, delimiter: Delimiter): string | null {
  const needs =
    value === '' ||
    value !== value.trim() ||
    /^["'#~]/.test(value) ||
    (delimiter === 'COMMA' ? value.includes(',') : delimiter === 'TAB' ? value.includes('\t') : /\s/.test(value));
  if (!needs) return value;
  if (!value.includes('"')) return `"${value}"`;
  if (delimiter === 'SPACE' && !value.includes("'")) return `'${value}'`;
  return null;
}

/** True when any text cell holds a space: LAS 3.0 then delimits with commas. */
export function hasSpacedText(curves: LasCurve[]): boolean {
  for (const c of curves) {
    if (c.data instanceof Float64Array) continue;
    for (const v of c.data) if (v !== null && /\s/.test(v)) return true;
  }
  return false;
}

export interface RowLayout {
  widths: number[];
  /** Text columns align left, numbers right. */
  leftAligned: boolean[];
  delimiter: Delimiter;
  /** LAS 2.0 wrapped mode: index alone on the first line, the rest packed to 80 chars. */
  wrap: boolean;
}

export const WRAP_WIDTH = 80;

const SPACES = ' '.repeat(64);
const spaces = (n: number): string => (n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n));

/** Lays out one row's cells as one or more lines (several only in wrapped mode). */
export function layoutRow(cells: string[], layout: RowLayout, out: string[]): void {
  const n = cells.length;
  const padded = (i: number): string => {
    const c = cells[i];
    const gap = layout.widths[i] - c.length;
    if (gap <= 0) return c;
    if (!layout.leftAligned[i]) return spaces(gap) + c;
    return i === n - 1 ? c : c + spaces(gap);
  };
  if (!layout.wrap) {
    const sep = layout.delimiter === 'COMMA' ? ', ' : layout.delimiter === 'TAB' ? '\t' : ' ';
    let line = n > 0 ? padded(0) : '';
    for (let i = 1; i < n; i++) line += sep + padded(i);
    out.push(line);
    return;
  }
  out.push(n > 0 ? padded(0) : '');
  let line = '';
  for (let i = 1; i < n; i++) {
    const c = padded(i);
    if (line === '') line = c;
    else if (line.length + 1 + c.length <= WRAP_WIDTH) line += ' ' + c;
    else {
      out.push(line);
      line = c;
    }
  }
  if (line !== '') out.push(line);
}
