import { describe, expect, it } from 'vitest';
import {
  canConvert,
  convert,
  converter,
  findUnit,
  getUnit,
  LAS_UNIT_ALIASES,
  listQuantityClasses,
  listUnits,
  quantityClassOf,
  quantityClassesOf,
  UnitError,
} from '../../src/units/index.js';

describe('known conversions', () => {
  it('1 ft is exactly 0.3048 m and back', () => {
    expect(convert(1, 'ft', 'm')).toBe(0.3048);
    expect(convert(0.3048, 'm', 'ft')).toBe(1);
    expect(convert(1000, 'FT', 'M')).toBe(304.8);
  });

  it('100 degF is 37.777… degC, and temperatures round-trip', () => {
    expect(convert(100, 'degF', 'degC')).toBeCloseTo(37.77777777777778, 12);
    expect(convert(32, 'DEGF', 'DEGC')).toBeCloseTo(0, 12);
    expect(convert(-40, 'degC', 'degF')).toBeCloseTo(-40, 12);
    expect(convert(0, 'degC', 'K')).toBeCloseTo(273.15, 12);
    expect(convert(491.67, 'degR', 'degC')).toBeCloseTo(0, 10);
    expect(convert(convert(212.5, 'degF', 'K'), 'K', 'degF')).toBeCloseTo(212.5, 10);
  });

  it('densities, slowness, ratios and pressure', () => {
    expect(convert(1, 'g/cm3', 'kg/m3')).toBe(1000);
    expect(convert(2650, 'K/M3', 'G/C3')).toBeCloseTo(2.65, 12);
    expect(convert(1, 'us/ft', 'us/m')).toBeCloseTo(3.28084, 5);
    expect(convert(100, 'US/F', 'US/M')).toBeCloseTo(328.084, 3);
    expect(convert(50, '%', 'v/v')).toBe(0.5);
    expect(convert(0.25, 'V/V', 'PU')).toBe(25);
    expect(convert(1, 'psi', 'Pa')).toBeCloseTo(6894.757293168361, 8);
    expect(convert(1, 'bar', 'kPa')).toBe(100);
    expect(convert(1, 'ppk', 'ppm')).toBeCloseTo(1000, 9);
  });

  it('drilling units: rates, weight on bit, torque, flow, dogleg, speed', () => {
    expect(convert(1, 'm/h', 'ft/h')).toBeCloseTo(1 / 0.3048, 12);
    expect(convert(10, 'KLBF', 'KN')).toBeCloseTo(44.482216152605, 9);
    expect(convert(1, 'kN.m', 'lbf.ft')).toBeCloseTo(1000 / 1.3558179483314, 8);
    expect(convert(1, 'GPM', 'L/MIN')).toBeCloseTo(3.785411784, 9);
    expect(convert(1, 'BBL', 'M3')).toBeCloseTo(0.158987294928, 12);
    expect(convert(3, 'DEG/100FT', 'DEG/30M')).toBeCloseTo((3 * 30) / 30.48, 9);
    expect(convert(60, 'RPM', 'rad/s')).toBeCloseTo(2 * Math.PI, 12);
    expect(convert(180, 'DEG', 'rad')).toBeCloseTo(Math.PI, 12);
    expect(convert(1, 'PPG', 'g/cm3')).toBeCloseTo(0.119826427, 8);
  });

  it('conductivity, capture units, potentials', () => {
    expect(convert(1000, 'MMHO/M', 'S/m')).toBe(1);
    expect(convert(10, 'CU', '1/m')).toBeCloseTo(1, 12);
    expect(convert(1, 'V', 'MV')).toBe(1000);
  });

  it('a converter maps whole arrays and keeps identity cheap', () => {
    const toMetres = converter('FT', 'm');
    expect([0, 1, 10, -5].map(toMetres)).toEqual([0, 0.3048, 3.048, -1.524]);
    const same = converter('OHMM', 'ohm.m');
    expect(same(12.5)).toBe(12.5);
    expect(Number.isNaN(converter('degF', 'degC')(Number.NaN))).toBe(true);
  });
});

describe('round trips through the base unit', () => {
  it.each(listUnits().map((u) => [u.symbol] as const))('%s → its base unit → back', (symbol) => {
    const u = getUnit(symbol, { symbolsFirst: true });
    const base = getUnit(u.baseUnit, { symbolsFirst: true });
    expect(base.symbol).toBe(u.baseUnit);
    for (const x of [0, 1, -3.5, 1234.5678, 1e-6]) {
      const back = convert(convert(x, u, base), base, u);
      expect(back).toBeCloseTo(x, Math.abs(x) > 100 ? 8 : 11);
    }
  });
});

describe('LAS spellings', () => {
  const cases: [string, string][] = [
    ['F', 'ft'], ['FT', 'ft'], ['FEET', 'ft'], ['FET', 'ft'], ['M', 'm'], ['METER', 'm'], ['METERS', 'm'], ['METRES', 'm'],
    ['.1IN', '0.1 in'], ['IN', 'in'], ['INCH', 'in'], ['INCHES', 'in'], ['MM', 'mm'], ['CM', 'cm'],
    ['S', 's'], ['SEC', 's'], ['MS', 'ms'], ['MSEC', 'ms'], ['US', 'us'], ['µs', 'us'],
    ['G/C3', 'g/cm3'], ['G/CC', 'g/cm3'], ['G/CM3', 'g/cm3'], ['GM/CC', 'g/cm3'], ['g/cm^3', 'g/cm3'], ['K/M3', 'kg/m3'], ['KG/M3', 'kg/m3'],
    ['GAPI', 'gAPI'], ['API', 'gAPI'], ['GAPI UNITS', 'gAPI'], ['gapi', 'gAPI'],
    ['US/F', 'us/ft'], ['USEC/FT', 'us/ft'], ['US/FT', 'us/ft'], ['µs/ft', 'us/ft'], ['US/M', 'us/m'], ['USEC/M', 'us/m'],
    ['OHMM', 'ohm.m'], ['OHM.M', 'ohm.m'], ['OHM-M', 'ohm.m'], ['OHMS', 'ohm.m'], ['Ohm-m', 'ohm.m'], ['ohm.m', 'ohm.m'],
    ['MMHO/M', 'mS/m'], ['MMHOS/M', 'mS/m'], ['MS/M', 'mS/m'], ['mS/m', 'mS/m'],
    ['V/V', 'm3/m3'], ['M3/M3', 'm3/m3'], ['FRAC', 'Euc'], ['DEC', 'Euc'], ['PU', '%'], ['P.U.', '%'], ['%', '%'], ['PERCENT', '%'],
    ['DEGF', 'degF'], ['DEG F', 'degF'], ['°F', 'degF'], ['DEG_F', 'degF'], ['DEGC', 'degC'], ['DEG C', 'degC'],
    ['DEG', 'dega'], ['DEGREES', 'dega'], ['DEGA', 'dega'], ['dega', 'dega'],
    ['MV', 'mV'], ['mV', 'mV'], ['B/E', 'b/elec'], ['CU', 'cu'], ['PPM', 'ppm'],
    ['PSI', 'psi'], ['PSIA', 'psi'], ['PSIG', 'psi'], ['KPA', 'kPa'], ['MPA', 'MPa'], ['BAR', 'bar'], ['ATM', 'atm'],
    ['LBF', 'lbf'], ['KLBF', 'klbf'], ['KN', 'kN'], ['RPM', 'rpm'], ['FT/HR', 'ft/h'], ['M/HR', 'm/h'], ['M/H', 'm/h'],
    ['GAL/MIN', 'gal[US]/min'], ['GPM', 'gal[US]/min'], ['L/MIN', 'L/min'], ['BBL', 'bbl'], ['M3', 'm3'],
    ['LB/GAL', 'lbm/gal[US]'], ['PPG', 'lbm/gal[US]'], ['G/L', 'g/L'], ['MG/L', 'mg/L'], ['DEG/30M', '1/30 dega/m'], ['DEG/100FT', '0.01 dega/ft'],
  ];
  it.each(cases)('%s → %s', (text, symbol) => {
    expect(findUnit(text)?.symbol).toBe(symbol);
  });

  it('ignores enclosing brackets and surrounding spaces, not inner ones', () => {
    expect(findUnit('(OHMM)')?.symbol).toBe('ohm.m');
    expect(findUnit('[m]')?.symbol).toBe('m');
    expect(findUnit('  [ G/C3 ]  ')?.symbol).toBe('g/cm3');
    expect(findUnit('deg   c')?.symbol).toBe('degC');
  });

  it('reads upper-case LAS spellings before clashing Energistics symbols, but keeps exact symbols', () => {
    expect(findUnit('MV')?.symbol).toBe('mV');
    expect(findUnit('MS')?.symbol).toBe('ms');
    expect(findUnit('mS')?.symbol).toBe('mS');
    expect(findUnit('D')?.symbol).toBe('d');
    expect(findUnit('K')?.symbol).toBe('K');
    expect(findUnit('S')?.symbol).toBe('s');
    expect(findUnit('S', { symbolsFirst: true })?.symbol).toBe('S');
  });

  it('returns undefined for unknown or empty units', () => {
    expect(findUnit('FURLONGS/FORTNIGHT')).toBeUndefined();
    expect(findUnit('')).toBeUndefined();
    expect(findUnit('()')).toBeUndefined();
  });
});

describe('errors', () => {
  it('unknown units throw UnitError naming the unit', () => {
    expect(() => convert(1, 'XYZZY', 'm')).toThrow(UnitError);
    try {
      converter('m', 'XYZZY');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnitError);
      expect((e as UnitError).code).toBe('UNKNOWN_UNIT');
      expect((e as UnitError).message).toContain('XYZZY');
    }
  });

  it('units of different dimensions or classes do not convert', () => {
    const attempt = (from: string, to: string): UnitError => {
      try {
        convert(1, from, to);
      } catch (e) {
        return e as UnitError;
      }
      throw new Error(`${from} → ${to} converted`);
    };
    const e = attempt('ft', 's');
    expect(e.code).toBe('INCOMPATIBLE_UNITS');
    expect(e.message).toMatch(/different dimensions/);
    expect(attempt('GAPI', '%').code).toBe('INCOMPATIBLE_UNITS');
    expect(attempt('B/E', '%').code).toBe('INCOMPATIBLE_UNITS');
    expect(attempt('ppm', 'mg/L').message).toMatch(/different dimensions/);
    expect(attempt('N.m', 'kJ').message).toMatch(/different quantity classes|moment/);
    expect(canConvert('degF', 'degC')).toBe(true);
    expect(canConvert('degF', 'deltaC')).toBe(false);
    expect(() => listUnits('no such class')).toThrow(UnitError);
  });
});

describe('quantity classes', () => {
  it('names the class of common log units', () => {
    expect(quantityClassOf('GAPI')).toBe('API gamma ray');
    expect(quantityClassOf('OHMM')).toBe('electrical resistivity');
    expect(quantityClassOf('US/F')).toBe('time per length');
    expect(quantityClassOf('G/C3')).toBe('mass per volume');
    expect(quantityClassOf('DEGF')).toBe('thermodynamic temperature');
    expect(quantityClassesOf('%')).toContain('volume per volume');
    expect(quantityClassesOf('%')).toContain('mass per mass');
    expect(quantityClassOf('nonsense')).toBeUndefined();
  });

  it('lists classes and their members, every member resolving to a unit of that class', () => {
    const classes = listQuantityClasses();
    expect(classes.length).toBeGreaterThanOrEqual(40);
    for (const qc of classes) {
      const members = listUnits(qc.name);
      expect(members.length).toBeGreaterThan(0);
      for (const u of members) {
        expect(u.quantityClasses).toContain(qc.name);
        expect(u.dimension).toBe(qc.dimension);
      }
    }
  });
});

describe('the LAS spelling table', () => {
  it('every spelling resolves to its own target', () => {
    const wrong: string[] = [];
    for (const [target, spellings] of Object.entries(LAS_UNIT_ALIASES)) {
      for (const s of spellings) {
        for (const variant of [s, ` (${s}) `, s.toLowerCase()]) {
          const got = findUnit(variant)?.symbol;
          // a lower-case variant that is itself a symbol (e.g. "s") means that symbol
          const ownSymbol = variant === s.toLowerCase() && findUnit(variant, { symbolsFirst: true })?.symbol === variant;
          if (got !== target && !ownSymbol) wrong.push(`${JSON.stringify(variant)} → ${got} (want ${target})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
