/**
 * Read → write → read on every corpus file that reads: the same header items and the
 * same values (numbers bit for bit, NULLs as NULLs, text as text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LasError } from '../../src/las/errors.js';
import type { HeaderItem, LasFile } from '../../src/las/model.js';
import { readLas } from '../../src/las/read.js';
import { writeLas } from '../../src/las/write.js';
import { corpusFiles, HAVE_CORPUS, LAS_DIR } from './corpus.js';

if (!HAVE_CORPUS) console.warn('SKIPPED: corpus round trip — ../shared/corpus is absent');

const item = (i: HeaderItem) => `${i.mnemonic}|${i.unit}|${i.value}|${i.description}`;
/** STRT/STOP/STEP/NULL are recomputed from the data and the chosen NULL by the writer. */
const RECOMPUTED = new Set(['STRT', 'STOP', 'STEP', 'NULL']);

function difference(a: LasFile, b: LasFile): string | null {
  const well = (l: LasFile) => l.well.filter((w) => !RECOMPUTED.has(w.originalMnemonic.toUpperCase())).map(item);
  const wa = well(a);
  const wb = well(b);
  for (let i = 0; i < Math.max(wa.length, wb.length); i++) if (wa[i] !== wb[i]) return `well item ${i}: ${wa[i]} vs ${wb[i]}`;
  const setsA = a.sets.filter((s) => s.curves.length);
  const setsB = b.sets.filter((s) => s.curves.length);
  if (setsA.length !== setsB.length) return `sets: ${setsA.map((s) => s.name)} vs ${setsB.map((s) => s.name)}`;
  for (let k = 0; k < setsA.length; k++) {
    const sa = setsA[k];
    const sb = setsB[k];
    const pa = sa.parameters.map(item);
    const pb = sb.parameters.map(item);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return `${sa.name} parameter ${i}: ${pa[i]} vs ${pb[i]}`;
    if (sa.nRows !== sb.nRows) return `${sa.name} rows ${sa.nRows} vs ${sb.nRows}`;
    if (sa.curves.length !== sb.curves.length) return `${sa.name} curves ${sa.curves.length} vs ${sb.curves.length}`;
    for (let c = 0; c < sa.curves.length; c++) {
      const ca = sa.curves[c];
      const cb = sb.curves[c];
      if (ca.mnemonic !== cb.mnemonic || ca.unit !== cb.unit) return `${sa.name} curve ${c}: ${ca.mnemonic}.${ca.unit} vs ${cb.mnemonic}.${cb.unit}`;
      for (let r = 0; r < sa.nRows; r++) {
        const x = ca.data[r];
        const y = cb.data[r];
        const same = typeof x === 'number' && typeof y === 'number' ? Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)) : x === y;
        if (!same) return `${sa.name}.${ca.mnemonic} row ${r}: ${String(x)} vs ${String(y)}`;
      }
    }
  }
  return null;
}

describe.skipIf(!HAVE_CORPUS)('corpus read → write → read', () => {
  const results: { file: string; diff: string | null; skipped?: string }[] = [];
  if (HAVE_CORPUS) {
    for (const rel of corpusFiles()) {
      let first: LasFile;
      try {
        first = readLas(readFileSync(join(LAS_DIR, rel)), { fileName: rel });
      } catch (err) {
        if (err instanceof LasError) continue; // files that do not read are covered by the conformance test
        throw err;
      }
      const version = first.version.startsWith('3') ? '3.0' : '2.0';
      const text = writeLas(first, { version });
      const again = readLas(text, { fileName: `${rel} (rewritten)` });
      results.push({ file: rel, diff: difference(first, again) });
    }
    const bad = results.filter((r) => r.diff);
    console.log(`\ncorpus round trip: ${results.length - bad.length} of ${results.length} files identical after read → write → read`);
    for (const r of bad) console.log(`  ${r.file}: ${r.diff}`);
  }

  it('every file that reads comes back with the same header items and values', () => {
    expect(results.length).toBeGreaterThan(300);
    expect(results.filter((r) => r.diff).map((r) => `${r.file}: ${r.diff}`)).toEqual([]);
  });
});
