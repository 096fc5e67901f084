/**
 * What share of real curves the built-in dictionary maps: every curve of every lasio read in
 * ../shared/corpus, resolved from its mnemonic, unit and description. Prints the shares; the
 * floors sit a little under what was measured so that a regression in the table shows up.
 */
import { describe, expect, it } from 'vitest';
import { CurveDictionary, parsePwlsCurvesCsv, parsePwlsPropertiesCsv, resolveMnemonic } from '../../src/dictionary/index.js';
import { corpusCurves, HAVE_EXPECTED } from './corpus-curves.js';
import { HAVE_PWLS, readPwlsCurves, readPwlsProperties } from './pwls-reference.js';

/** Measured when the table was written: 75.1% of all curves, 72.8% without the index curves. */
const FLOOR_ALL = 0.72;
const FLOOR_WITHOUT_INDEX = 0.7;

if (!HAVE_EXPECTED) console.warn('SKIPPED: dictionary coverage — ../shared/corpus is absent (a fresh clone has no ../shared)');

describe.skipIf(!HAVE_EXPECTED)('coverage of the corpus curves', () => {
  it('maps most curves to a property', () => {
    const curves = corpusCurves();
    expect(curves.length).toBeGreaterThan(3000);
    let mapped = 0;
    let confident = 0;
    let indexCurves = 0;
    let indexMapped = 0;
    const byProperty = new Map<string, number>();
    const unmapped = new Map<string, number>();
    for (const c of curves) {
      const r = resolveMnemonic(c.mnemonic, { unit: c.unit, description: c.descr });
      if (c.position === 0) {
        indexCurves++;
        if (r) indexMapped++;
      }
      if (!r) {
        const key = c.mnemonic.trim().toUpperCase() || '(blank)';
        unmapped.set(key, (unmapped.get(key) ?? 0) + 1);
        continue;
      }
      mapped++;
      if (r.confidence >= 0.5) confident++;
      byProperty.set(r.property.id, (byProperty.get(r.property.id) ?? 0) + 1);
    }
    const all = mapped / curves.length;
    const withoutIndex = (mapped - indexMapped) / (curves.length - indexCurves);
    const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
    const top = (m: Map<string, number>, n: number): string =>
      [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(
      [
        `dictionary coverage over ${curves.length} corpus curves:`,
        `  mapped ${mapped} = ${pct(all)} (confidence >= 0.5: ${pct(confident / curves.length)})`,
        `  without the ${indexCurves} index curves: ${pct(withoutIndex)}; index curves mapped: ${pct(indexMapped / indexCurves)}`,
        `  properties used: ${byProperty.size}; most common: ${top(byProperty, 12)}`,
        `  most common unmapped: ${top(unmapped, 15)}`,
      ].join('\n'),
    );
    expect(all).toBeGreaterThanOrEqual(FLOOR_ALL);
    expect(withoutIndex).toBeGreaterThanOrEqual(FLOOR_WITHOUT_INDEX);
    expect(indexMapped / indexCurves).toBeGreaterThanOrEqual(0.9);
  });
});

describe.skipIf(!HAVE_EXPECTED || !HAVE_PWLS)('coverage with the PWLS curves sheet loaded', () => {
  it('maps at least as many curves as the built-in table alone', () => {
    const curves = corpusCurves();
    const withPwls = new CurveDictionary().withPwls(parsePwlsCurvesCsv(readPwlsCurves()), parsePwlsPropertiesCsv(readPwlsProperties()));
    const share = (resolve: (m: string, o: { unit: string; description: string }) => unknown): number =>
      curves.filter((c) => resolve(c.mnemonic, { unit: c.unit, description: c.descr }) !== null).length / curves.length;
    const builtin = share((m, o) => resolveMnemonic(m, o));
    const loaded = share((m, o) => withPwls.resolveMnemonic(m, o));
    console.log(`dictionary coverage with PWLS loaded: ${(100 * loaded).toFixed(1)}% (built-in alone ${(100 * builtin).toFixed(1)}%)`);
    expect(loaded).toBeGreaterThanOrEqual(builtin);
  });
});
