import type { JS } from '@duckdb/node-api';
import type { ResultColumn } from './session.js';

/**
 * Query results as text: an aligned table for people, CSV (RFC 4180) and JSON for programs.
 * CSV and JSON are produced a chunk of rows at a time so a large result never has to be
 * held as one string.
 */

export type OutputFormat = 'table' | 'csv' | 'json';

/** A value JSON can carry: integers beyond 2^53 stay exact as strings, dates become ISO text. */
export function jsonValue(v: JS): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}

/** A value as one cell of text; null for NULL. */
export function textValue(v: JS): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid date' : v.toISOString();
  return JSON.stringify(jsonValue(v));
}

function csvField(s: string | null): string {
  if (s === null) return '';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line break; NULL is empty. */
export function csvHeader(columns: ResultColumn[]): string {
  return `${columns.map((c) => csvField(c.name)).join(',')}\r\n`;
}

export function csvRows(rows: JS[][]): string {
  let out = '';
  for (const r of rows) out += `${r.map((v) => csvField(textValue(v))).join(',')}\r\n`;
  return out;
}

/** JSON rows, one object per line inside the array; `first` says whether a comma is needed before. */
export function jsonRows(columns: ResultColumn[], rows: JS[][], first: boolean): string {
  let out = '';
  rows.forEach((r, i) => {
    const obj: Record<string, unknown> = {};
    columns.forEach((c, k) => { obj[c.key] = jsonValue(r[k]); });
    out += `${first && i === 0 ? '' : ',\n'}${JSON.stringify(obj)}`;
  });
  return out;
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** Columns padded to their widest cell, numbers right-aligned; NULL shows as NULL. */
export function table(columns: ResultColumn[], rows: JS[][]): string {
  const cells = rows.map((r) => r.map((v) => textValue(v) ?? 'NULL'));
  const widths = columns.map((c, k) => cells.reduce((w, r) => Math.max(w, width(r[k])), width(c.name)));
  const right = columns.map((c) => NUMERIC_TYPE.test(c.type));
  const line = (r: string[]) => r.map((s, k) => pad(s.replace(/\r?\n/g, '↵'), widths[k], right[k])).join('  ').trimEnd();
  const out = [line(columns.map((c) => c.name)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  return `${out.join('\n')}\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`;
}

function width(s: string): number {
  return [...s.replace(/\r?\n/g, '↵')].length;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - [...s].length));
  return right ? fill + s : s + fill;
}
