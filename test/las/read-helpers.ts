/** Small builders and probes shared by the reader's feature tests. */
import { expect } from 'vitest';
import { getCurve } from '../../src/las/access.js';
import { LasError } from '../../src/las/errors.js';
import type { LasCurve, LasFile, LasProblem } from '../../src/las/model.js';

/** Lines joined with `\n` and a final newline, so fixtures read like the file they stand for. */
export const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

/** A LAS 2.0 header (version + well) with the given extra ~W lines. */
export function v2Header(opts: { wrap?: boolean; well?: string[]; nullValue?: string } = {}): string {
  return lines(
    '~Version information',
    ' VERS.   2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0',
    ` WRAP.   ${opts.wrap ? 'YES' : 'NO'} : wrap`,
    '~Well information',
    ...(opts.well ?? []),
    ` NULL.   ${opts.nullValue ?? '-999.25'} : NULL VALUE`,
  ).trimEnd();
}

/** A complete LAS 2.0 file: curves as `MNEM.UNIT` and data rows as text lines. */
export function las2(curves: string[], rows: string[], opts: { wrap?: boolean; well?: string[]; nullValue?: string } = {}): string {
  return lines(v2Header(opts), '~Curve information', ...curves.map((c) => ` ${c} : ${c.split('.')[0]}`), '~ASCII', ...rows);
}

/** A curve's values as a plain array (NaN stays NaN, text stays text). */
export function values(curve: LasCurve | undefined): (number | string | null)[] {
  expect(curve, 'curve should exist').toBeDefined();
  return Array.from(curve!.data as ArrayLike<number | string | null>);
}

/** The curve by key, failing the test when it is missing. */
export function curve(las: LasFile, key: string, set?: string): LasCurve {
  const c = getCurve(las, key, set);
  expect(c, `curve ${key} should exist`).toBeDefined();
  return c!;
}

export function problems(las: LasFile, code: string): LasProblem[] {
  return las.problems.filter((p) => p.code === code);
}

/** Runs `fn` and returns the LasError it throws; fails when it returns or throws anything else. */
export function lasErrorOf(fn: () => unknown): LasError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'expected a LasError to be thrown').toBeInstanceOf(LasError);
  return thrown as LasError;
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line containing '${needle}'`);
  return i + 1;
}
