/**
 * Conformance on 354 real LAS files against the reference reader lasio
 * (see ../shared/corpus/README.md for the bar). Prints a summary table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSet, logSet } from '../../src/las/access.js';
import { LasError } from '../../src/las/errors.js';
import type { LasCurve, LasFile } from '../../src/las/model.js';
import { readLas } from '../../src/las/read.js';
import { corpusFiles, expectedFor, HAVE_CORPUS, LAS_DIR, lasioEncoding, versionOf, type ExpectedRead } from './corpus.js';
import { LASIO_WRONG } from './lasio-wrong.js';

if (!HAVE_CORPUS) console.warn('SKIPPED: LAS conformance — ../shared/corpus is absent (a fresh clone has no ../shared)');

/** First difference between our read and lasio's, or null when they agree. */
export function firstDifference(las: LasFile, exp: ExpectedRead): string | null {
  // lasio's curves are the Log set's (~Curve / ~Log_Definition), even when it has none.
  const set = getSet(las, 'Log') ?? logSet(las);
  const curves = set?.curves ?? [];
  if (curves.length !== exp.curves.length) {
    return `curves: ${curves.length} [${curves.map((c) => c.originalMnemonic).join(' ')}] vs lasio ${exp.curves.length} [${exp.curves.map((c) => c.original_mnemonic).join(' ')}]`;
  }
  for (let i = 0; i < curves.length; i++) {
    const c = curves[i];
    const e = exp.curves[i];
    const mine = c.originalMnemonic === '' ? 'UNKNOWN' : c.originalMnemonic;
    const theirs = e.original_mnemonic === '' ? 'UNKNOWN' : e.original_mnemonic;
    if (mine.toUpperCase() !== theirs.toUpperCase()) return `curve ${i}: mnemonic '${c.originalMnemonic}' vs '${e.original_mnemonic}'`;
    if (c.unit !== e.unit) return `curve ${c.mnemonic}: unit '${c.unit}' vs '${e.unit}'`;
  }
  const rows = set?.nRows ?? 0;
  if (rows !== exp.n_rows) return `rows: ${rows} vs ${exp.n_rows}`;
  for (let i = 0; i < curves.length; i++) {
    const d = valueDifference(curves[i], exp.data[i] ?? [], rows);
    if (d) return d;
  }
  return null;
}

function valueDifference(c: LasCurve, exp: unknown[], rows: number): string | null {
  for (let r = 0; r < rows; r++) {
    const mine = c.data[r];
    const theirs = exp[r];
    if (!sameValue(mine, theirs)) return `curve ${c.mnemonic} row ${r}: ${fmt(mine)} vs lasio ${JSON.stringify(theirs)}`;
  }
  return null;
}

function isNull(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Equal, not close: numbers compare exactly; text compares as numbers when both sides are numbers. */
export function sameValue(mine: unknown, theirs: unknown): boolean {
  if (isNull(mine) || isNull(theirs)) return isNull(mine) && isNull(theirs);
  const a = asNumber(mine);
  const b = asNumber(theirs);
  if (a !== undefined && b !== undefined) return a === b;
  return String(mine).trim() === String(theirs).trim();
}

function fmt(v: unknown): string {
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

interface Outcome { file: string; group: string; status: 'match' | 'differ' | 'lasio-wrong' | 'error' | 'recovered' | 'clean'; detail: string; ms: number }

function group(exp: ExpectedRead | null): string {
  if (!exp) return 'no-reference';
  if (!exp.ok) return 'lasio-fails';
  const v = versionOf(exp);
  if (v && v.startsWith('3')) return 'las3';
  return 'las1.2-2.x';
}

function runAll(): Outcome[] {
  const out: Outcome[] = [];
  for (const rel of corpusFiles()) {
    const exp = expectedFor(rel);
    const g = group(exp);
    const bytes = readFileSync(join(LAS_DIR, rel));
    const t0 = performance.now();
    let las: LasFile | null = null;
    let error: unknown = null;
    try {
      las = readLas(bytes, { fileName: rel, encoding: exp ? lasioEncoding(exp) : undefined });
    } catch (err) {
      error = err;
    }
    const ms = performance.now() - t0;
    if (error) {
      if (!(error instanceof LasError)) throw new Error(`${rel}: threw ${String(error)} instead of a LasError`);
      out.push({ file: rel, group: g, status: 'error', detail: error.message, ms });
      continue;
    }
    if (g === 'lasio-fails' || g === 'no-reference' || !exp) {
      const warned = las!.problems.filter((p) => p.severity !== 'info').length;
      out.push({ file: rel, group: g, status: warned ? 'recovered' : 'clean', detail: las!.problems.map((p) => p.code).slice(0, 3).join(','), ms });
      continue;
    }
    const diff = firstDifference(las!, exp);
    if (!diff) out.push({ file: rel, group: g, status: 'match', detail: '', ms });
    else if (LASIO_WRONG[rel]) out.push({ file: rel, group: g, status: 'lasio-wrong', detail: diff, ms });
    else out.push({ file: rel, group: g, status: 'differ', detail: diff, ms });
  }
  return out;
}

function printSummary(outcomes: Outcome[]): void {
  const groups = [...new Set(outcomes.map((o) => o.group))].sort();
  const lines = ['', 'LAS conformance against lasio', 'group        files  matched  differ  lasio-wrong  errors  recovered  clean'];
  for (const g of groups) {
    const os = outcomes.filter((o) => o.group === g);
    const n = (s: Outcome['status']) => os.filter((o) => o.status === s).length;
    lines.push(`${g.padEnd(12)} ${String(os.length).padStart(5)} ${String(n('match')).padStart(8)} ${String(n('differ')).padStart(7)} ${String(n('lasio-wrong')).padStart(12)} ${String(n('error')).padStart(7)} ${String(n('recovered')).padStart(10)} ${String(n('clean')).padStart(6)}`);
  }
  for (const o of outcomes.filter((x) => x.status === 'differ' || x.status === 'lasio-wrong' || x.status === 'error')) {
    lines.push(`  [${o.status}] ${o.file}: ${o.detail.slice(0, 200)}`);
  }
  const slow = [...outcomes].sort((a, b) => b.ms - a.ms)[0];
  if (slow) lines.push(`slowest file: ${slow.file} ${slow.ms.toFixed(0)} ms`);
  console.log(lines.join('\n'));
}

describe.skipIf(!HAVE_CORPUS)('conformance on the real-file corpus', () => {
  const outcomes = HAVE_CORPUS ? runAll() : [];
  printSummary(outcomes);

  it('reads the whole corpus (354 files)', () => {
    expect(outcomes.length).toBe(354);
  });

  it('matches lasio on every LAS 1.2/2.0/2.1 file lasio reads (curves, units, rows, every value)', () => {
    const bad = outcomes.filter((o) => o.group === 'las1.2-2.x' && (o.status === 'differ' || o.status === 'error'));
    expect(bad.map((o) => `${o.file}: ${o.detail}`)).toEqual([]);
  });

  it('matches lasio on LAS 3.0 files where lasio is right; the others are listed and checked in las3-sets.test.ts', () => {
    const bad = outcomes.filter((o) => o.group === 'las3' && (o.status === 'differ' || o.status === 'error'));
    expect(bad.map((o) => `${o.file}: ${o.detail}`)).toEqual([]);
  });

  it('lists lasio as wrong only where it differs from us', () => {
    const listed = Object.keys(LASIO_WRONG);
    const stillDiffering = new Set(outcomes.filter((o) => o.status === 'lasio-wrong').map((o) => o.file));
    expect(listed.filter((f) => !stillDiffering.has(f))).toEqual([]);
  });

  it('never crashes or hangs on files lasio fails on: a located error or a recovered read', () => {
    const fails = outcomes.filter((o) => o.group === 'lasio-fails' || o.group === 'no-reference');
    expect(fails.length).toBeGreaterThanOrEqual(27);
    for (const o of fails) {
      expect(o.ms).toBeLessThan(5000);
      if (o.status === 'error') expect(o.detail).toMatch(/line \d+/);
    }
  });
});
