import { describe, expect, it } from 'vitest';
import {
  builtinCatalogue,
  EXTENSION_UNITS,
  parseEnergisticsDictionary,
  UnitError,
  type Unit,
} from '../../src/units/index.js';
import { HAVE_ENERGISTICS, readReference, refToBase, type RefUnit } from './reference.js';

if (!HAVE_ENERGISTICS) console.warn('SKIPPED: units vs Energistics dictionary — ../shared/reference is absent (a fresh clone has no ../shared)');

describe.skipIf(!HAVE_ENERGISTICS)('built-in units against the Energistics UoM dictionary', () => {
  const { text, dict } = HAVE_ENERGISTICS ? readReference() : { text: '', dict: { UnitSet: { Unit: [] }, QuantityClassSet: { QuantityClass: [] } } };
  const refUnits = new Map(dict.UnitSet.Unit.map((u) => [u.Symbol, u]));
  const refClasses = new Map(dict.QuantityClassSet.QuantityClass.map((q) => [q.Name, q]));
  const catalogue = builtinCatalogue();
  const ours = catalogue.listUnits().filter((u) => !u.extension);
  const exact = (s: string): Unit => catalogue.getUnit(s, { symbolsFirst: true });

  it('carries a useful subset', () => {
    expect(ours.length).toBeGreaterThanOrEqual(200);
  });

  it('only extensions are missing from the dictionary', () => {
    const missing = catalogue.listUnits().filter((u) => !refUnits.has(u.symbol)).map((u) => u.symbol);
    expect(missing).toEqual(EXTENSION_UNITS.map((u) => u.symbol));
  });

  it.each(ours.map((u) => [u.symbol]))('%s has the name, dimension, base unit and A, B, C, D of the dictionary', (symbol) => {
    const u = exact(symbol);
    const ref = refUnits.get(symbol) as RefUnit;
    expect(ref, `${symbol} is not in the dictionary`).toBeDefined();
    expect(u.name).toBe(ref.Name);
    expect(u.dimension).toBe(ref.Dimension);
    expect(u.isBase).toBe(ref.IsBase === true);
    if (ref.IsBase) {
      expect(u.baseUnit).toBe(symbol);
    } else {
      expect(u.baseUnit).toBe(ref.BaseUnit);
      expect(u.factors).toEqual({ A: ref.A, B: ref.B, C: ref.C, D: ref.D });
    }
  });

  it.each(ours.map((u) => [u.symbol]))('%s converts to its base as the dictionary says, and back', (symbol) => {
    const u = exact(symbol);
    const ref = refUnits.get(symbol) as RefUnit;
    const base = exact(u.baseUnit);
    for (const x of [0, 1, 2.5, -17.25, 3048, 1e-3]) {
      const expected = refToBase(ref, x);
      const got = catalogue.convert(x, u, base);
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      const back = catalogue.convert(got, base, u);
      expect(Math.abs(back - x)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)));
    }
  });

  it('each quantity class matches the dictionary class of that name, and lists only its members', () => {
    for (const qc of catalogue.listQuantityClasses().filter((q) => !q.extension)) {
      const ref = refClasses.get(qc.name);
      expect(ref, qc.name).toBeDefined();
      expect(qc.dimension, qc.name).toBe(ref?.Dimension);
      expect(qc.baseForConversion, qc.name).toBe(ref?.BaseForConversion);
      expect(qc.alternativeBase, qc.name).toBe(ref?.AlternativeBase);
      for (const m of qc.members) expect(ref?.MemberUnit, `${qc.name} lists ${m}`).toContain(m);
    }
  });

  it('converting between two units of a class agrees with going through the dictionary bases', () => {
    for (const qc of catalogue.listQuantityClasses().filter((q) => !q.extension)) {
      for (const from of qc.members) {
        for (const to of qc.members) {
          const f = refUnits.get(from) as RefUnit;
          const t = refUnits.get(to) as RefUnit;
          const x = 12.34;
          const y = refToBase(f, x);
          // invert the target's conversion numerically: x' = (A − C y) / (D y − B)
          const expected = refFromBaseByBisection(t, y);
          const got = catalogue.convert(x, exact(from), exact(to));
          expect(Math.abs(got - expected), `${from} → ${to}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        }
      }
    }
  });

  describe('the full dictionary imported with parseEnergisticsDictionary', () => {
    const full = HAVE_ENERGISTICS ? parseEnergisticsDictionary(text) : builtinCatalogue();

    it('holds every unit and class of the file, plus the extensions', () => {
      expect(full.size).toBe(dict.UnitSet.Unit.length + EXTENSION_UNITS.length);
      expect(full.listQuantityClasses().length).toBe(dict.QuantityClassSet.QuantityClass.length + 1);
      expect(full.info.version).toBeDefined();
    });

    it('converts every unit of the file to its base as the dictionary says', () => {
      for (const ref of dict.UnitSet.Unit) {
        const u = full.getUnit(ref.Symbol, { symbolsFirst: true });
        expect(u.symbol).toBe(ref.Symbol);
        const got = full.convert(7.5, u, full.getUnit(u.baseUnit, { symbolsFirst: true }));
        const expected = refToBase(ref, 7.5);
        expect(Math.abs(got - expected), ref.Symbol).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      }
    });

    it('agrees with the built-in catalogue on every built-in unit, aliases included', () => {
      for (const u of builtinCatalogue().listUnits()) {
        const v = full.getUnit(u.symbol, { symbolsFirst: true });
        expect(v.factors).toEqual(u.factors);
        for (const alias of builtinCatalogue().aliasesOf(u.symbol)) expect(full.findUnit(alias)?.symbol, alias).toBe(u.symbol);
      }
      expect(full.convert(1, '1000 ft', 'KM')).toBeCloseTo(0.3048, 12);
      expect(full.convert(90, 'DEG', 'gon')).toBeCloseTo(100, 12);
    });

    it('reads LAS upper-case spellings as LAS means them even where Energistics has a clashing symbol', () => {
      expect(full.findUnit('F')?.symbol).toBe('ft');
      expect(full.findUnit('F', { symbolsFirst: true })?.symbol).toBe('F');
      expect(full.findUnit('MV')?.symbol).toBe('mV');
      expect(full.findUnit('MS')?.symbol).toBe('ms');
      expect(full.findUnit('W/W')?.symbol).toBe('kg/kg');
    });
  });
});

describe('parseEnergisticsDictionary on small hand-written dictionaries', () => {
  const minimal = {
    Title: 'test',
    Version: '0',
    UnitSet: {
      Unit: [
        { Symbol: 'rad', Name: 'radian', Dimension: 'A', IsBase: true },
        { Symbol: 'dega', Name: 'angular degree', Dimension: 'A', BaseUnit: 'rad', A: '0', B: 'PI', C: '180', D: '0' },
        { Symbol: 'rev', Name: 'revolution', Dimension: 'A', BaseUnit: 'rad', A: '0', B: '2*PI', C: '1', D: '0' },
      ],
    },
    QuantityClassSet: { QuantityClass: [{ Name: 'plane angle', Dimension: 'A', BaseForConversion: 'rad', MemberUnit: ['rad', 'dega', 'rev'] }] },
  };

  it('expands PI and 2*PI and keeps the LAS spellings of the units it has', () => {
    const c = parseEnergisticsDictionary(JSON.stringify(minimal));
    expect(c.convert(1, 'rev', 'dega')).toBeCloseTo(360, 12);
    expect(c.convert(Math.PI, 'rad', 'DEGREES')).toBeCloseTo(180, 12);
    expect(c.findUnit('FT')).toBeUndefined();
    expect(c.info.title).toBe('test');
    expect(parseEnergisticsDictionary(JSON.stringify(minimal), { lasAliases: false }).findUnit('DEGREES')).toBeUndefined();
  });

  it('reports broken input with the path of the entry', () => {
    const bad = (mutate: (d: typeof minimal) => unknown): UnitError => {
      const copy = structuredClone(minimal);
      const text = JSON.stringify(mutate(copy) ?? copy);
      try {
        parseEnergisticsDictionary(text);
      } catch (e) {
        expect(e).toBeInstanceOf(UnitError);
        return e as UnitError;
      }
      throw new Error('accepted');
    };
    expect(() => parseEnergisticsDictionary('{not json')).toThrow(/not valid JSON/);
    expect(bad(() => ({ hello: 1 })).message).toMatch(/UnitSet\.Unit/);
    const factor = bad((d) => {
      (d.UnitSet.Unit[1] as { B: string }).B = 'TAU';
    });
    expect(factor.code).toBe('BAD_FACTOR');
    expect(factor.message).toContain('UnitSet.Unit[1] (dega)');
    expect(bad((d) => {
      (d.UnitSet.Unit[2] as { BaseUnit: string }).BaseUnit = 'grad';
    }).message).toMatch(/"grad", which is not defined/);
    expect(bad((d) => {
      d.QuantityClassSet.QuantityClass[0].MemberUnit.push('mil');
    }).message).toMatch(/lists "mil"/);
    expect(bad((d) => {
      d.UnitSet.Unit.push(d.UnitSet.Unit[0]);
    }).message).toMatch(/defined twice/);
  });
});

/** Solves refToBase(t, x) = y for x without using the inverse formula the code uses. */
function refFromBaseByBisection(t: RefUnit, y: number): number {
  const f = (x: number): number => refToBase(t, x) - y;
  let lo = -1e30;
  let hi = 1e30;
  const rising = f(hi) > f(lo);
  for (let i = 0; i < 400; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0 === rising) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe.skipIf(!HAVE_ENERGISTICS)('loadEnergisticsDictionaryFile', () => {
  it('loads the reference file and names a missing file in its error', async () => {
    const { loadEnergisticsDictionaryFile } = await import('../../src/units/energistics-file.js');
    const { ENERGISTICS_JSON } = await import('./reference.js');
    const c = await loadEnergisticsDictionaryFile(ENERGISTICS_JSON);
    expect(c.findUnit('ft')?.b).toBe(0.3048);
    await expect(loadEnergisticsDictionaryFile('/no/such/uom.json')).rejects.toThrow(/\/no\/such\/uom\.json: cannot read: ENOENT/);
  });
});
