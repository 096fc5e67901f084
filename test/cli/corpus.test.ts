/**
 * `las read --json` against the reference reader lasio on a few real files: the CLI's JSON
 * must compare directly with ../shared/corpus/lasio-expected (curves, row count, every value).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedFor, HAVE_CORPUS, LAS_DIR, lasioEncoding } from '../las/corpus.js';
import { runCli } from './run-cli.js';

if (!HAVE_CORPUS) console.warn('SKIPPED: CLI --json against lasio — ../shared/corpus is absent (a fresh clone has no ../shared)');

/** A spread of what real files do: 1.2 and 2.0, wrapped, UTF-16, text in data, NULLs, a big one. */
const FILES = [
  'kinverarity1__lasio/tests/examples/1.2/sample.las',
  'kinverarity1__lasio/tests/examples/1.2/sample_wrapped.las',
  'kinverarity1__lasio/tests/examples/1.2/sample_big.las',
  'kinverarity1__lasio/tests/examples/2.0/sample_2.0.las',
  'kinverarity1__lasio/tests/examples/encodings_utf16lebom.las',
  'kinverarity1__lasio/tests/examples/sample_str_in_data.las',
  'kinverarity1__lasio/tests/examples/null_policy_-999.25.las',
  'emblixt__blixt_rp/test_data/L-30.las',
];

interface Json { ok: boolean; curves: { original_mnemonic: string; unit: string }[]; n_rows: number; data: unknown[][] }

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Numbers compare as numbers (exactly), text as trimmed text, NULL only with NULL. */
function sameCell(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x === y;
  return String(a).trim() === String(b).trim();
}

describe.skipIf(!HAVE_CORPUS)('las read --json equals lasio on real files', () => {
  for (const rel of FILES) {
    it(rel, () => {
      const exp = expectedFor(rel)!;
      expect(exp.ok).toBe(true);
      const enc = lasioEncoding(exp);
      const r = runCli(['las', 'read', '--json', ...(enc ? ['--encoding', enc] : []), join(LAS_DIR, rel)]);
      expect(r.code).toBe(0);
      const mine = JSON.parse(r.stdout) as Json;
      expect(mine.ok).toBe(true);
      expect(mine.curves.map((c) => [c.original_mnemonic.toUpperCase(), c.unit])).toEqual(exp.curves.map((c) => [c.original_mnemonic.toUpperCase(), c.unit]));
      expect(mine.n_rows).toBe(exp.n_rows);
      const diffs: string[] = [];
      exp.data.forEach((col, c) => col.forEach((v, row) => {
        if (!sameCell(mine.data[c][row], v) && diffs.length < 5) diffs.push(`curve ${c} row ${row}: ${JSON.stringify(mine.data[c][row])} vs lasio ${JSON.stringify(v)}`);
      }));
      expect(diffs).toEqual([]);
    });
  }
});
