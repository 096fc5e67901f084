import { describe, expect, it } from 'vitest';
import { getProperty, listProperties, resolveMnemonic, CurveDictionary, type Resolution } from '../../src/dictionary/index.js';
import { builtinCatalogue } from '../../src/units/index.js';

const idOf = (r: Resolution | null): string | undefined => r?.property.id;

describe('well-known mnemonics', () => {
  const cases: [string, string, string][] = [
    ['GR', 'GAPI', 'gamma_ray'], ['SGR', 'GAPI', 'gamma_ray'], ['CGR', 'GAPI', 'gamma_ray_uranium_free'],
    ['RHOB', 'G/CC', 'bulk_density'], ['RHOZ', 'G/C3', 'bulk_density'], ['DRHO', 'G/C3', 'density_correction'],
    ['NPHI', 'V/V', 'neutron_porosity'], ['TNPH', 'CFCF', 'neutron_porosity'], ['DPHI', 'V/V', 'density_porosity'],
    ['DT', 'US/F', 'compressional_slowness'], ['DTC', 'US/FT', 'compressional_slowness'], ['DTCO', 'US/F', 'compressional_slowness'],
    ['DTS', 'US/F', 'shear_slowness'], ['DTSM', 'US/F', 'shear_slowness'],
    ['ILD', 'OHMM', 'deep_resistivity'], ['LLD', 'OHMM', 'deep_resistivity'], ['AT90', 'OHMM', 'deep_resistivity'],
    ['ILM', 'OHMM', 'medium_resistivity'], ['SFLU', 'OHMM', 'shallow_resistivity'], ['MSFL', 'OHMM', 'micro_resistivity'],
    ['RXOZ', 'OHMM', 'flushed_zone_resistivity'], ['RT', 'OHMM', 'formation_resistivity'],
    ['SP', 'MV', 'spontaneous_potential'], ['CALI', 'IN', 'caliper'], ['HCAL', 'IN', 'caliper'], ['BS', 'IN', 'bit_size'],
    ['PEF', 'B/E', 'photoelectric_factor'], ['PE', '', 'photoelectric_factor'],
    ['DEPT', 'M', 'depth'], ['DEPTH', 'FT', 'depth'], ['MD', 'M', 'measured_depth'], ['TVD', 'M', 'true_vertical_depth'],
    ['TENS', 'LBF', 'tension'], ['TEMP', 'DEGC', 'temperature'], ['ROP', 'M/HR', 'rate_of_penetration'], ['WOB', 'KLBF', 'weight_on_bit'],
    ['HKLD', 'KLBF', 'hook_load'], ['TORQ', 'KN.M', 'torque'], ['RPM', 'RPM', 'rotary_speed'], ['DEVI', 'DEG', 'inclination'],
    ['HAZI', 'DEG', 'azimuth'], ['SW', 'V/V', 'water_saturation'], ['PHIE', 'V/V', 'effective_porosity'], ['VSH', 'V/V', 'shale_volume'],
    ['TCMR', 'V/V', 'nmr_porosity'], ['T2LM', 'MS', 't2_log_mean'], ['SIGM', 'CU', 'neutron_capture_cross_section'],
    ['POTA', '%', 'potassium'], ['THOR', 'PPM', 'thorium'], ['URAN', 'PPM', 'uranium'], ['DPAZ', 'DEG', 'dip_azimuth'],
  ];
  it.each(cases)('%s [%s] → %s, with high confidence', (mnemonic, unit, id) => {
    const r = resolveMnemonic(mnemonic, { unit });
    expect(idOf(r)).toBe(id);
    expect(r?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(r?.reason).toContain('listed mnemonic');
  });

  it('ignores case, lasio duplicate suffixes and array indices', () => {
    expect(idOf(resolveMnemonic('rhob'))).toBe('bulk_density');
    expect(idOf(resolveMnemonic('GR:2', { unit: 'GAPI' }))).toBe('gamma_ray');
    expect(idOf(resolveMnemonic(' nphi '))).toBe('neutron_porosity');
    expect(idOf(resolveMnemonic('GR[3]'))).toBe('gamma_ray');
  });
});

describe('confidence', () => {
  it('rises when the unit agrees and falls when it contradicts', () => {
    const agree = resolveMnemonic('RHOB', { unit: 'K/M3' });
    const none = resolveMnemonic('RHOB');
    const against = resolveMnemonic('RHOB', { unit: 'OHMM' });
    expect(agree?.confidence).toBeGreaterThan(none?.confidence ?? 1);
    expect(none?.confidence).toBeGreaterThan(against?.confidence ?? 1);
    expect(against?.reason).toMatch(/ohm\.m .* is not mass per volume/);
  });

  it('ranks exact > pattern > description', () => {
    const exact = resolveMnemonic('DTCO', { unit: 'US/F' });
    const pattern = resolveMnemonic('DTQX', { unit: 'US/F' });
    const described = resolveMnemonic('XYZ1', { unit: 'US/F', description: 'Sonic interval transit time' });
    expect(idOf(pattern)).toBe('compressional_slowness');
    expect(pattern?.reason).toMatch(/pattern/);
    expect(idOf(described)).toBe('compressional_slowness');
    expect(described?.reason).toMatch(/description/);
    expect(exact?.confidence ?? 0).toBeGreaterThan(pattern?.confidence ?? 1);
    expect(pattern?.confidence ?? 0).toBeGreaterThan(described?.confidence ?? 1);
    expect(described?.confidence).toBeLessThanOrEqual(0.5);
  });

  it('matches vendor prefixes with medium confidence', () => {
    for (const [m, unit, id] of [
      ['GRXYZ', 'GAPI', 'gamma_ray'], ['RHOB_X', '', 'bulk_density'], ['AHT90X', 'OHMM', 'deep_resistivity'],
      ['IDPHQ', 'OHMM', 'deep_resistivity'], ['NPHIQ', 'V/V', 'neutron_porosity'], ['CALXX', 'IN', 'caliper'],
    ] as const) {
      const r = resolveMnemonic(m, { unit });
      expect(idOf(r), m).toBe(id);
      expect(r?.confidence, m).toBeGreaterThanOrEqual(0.5);
      expect(r?.confidence, m).toBeLessThan(0.9);
    }
  });

  it('drops guesses that the unit contradicts, and lets the unit pick between vendor meanings', () => {
    expect(resolveMnemonic('RHOQ', { unit: 'OHMM' })).toBeNull();
    expect(idOf(resolveMnemonic('SPP', { unit: 'KPA' }))).toBe('standpipe_pressure');
    expect(idOf(resolveMnemonic('SPP', { unit: 'MV' }))).toBe('spontaneous_potential');
  });

  it('reads the unit in the property’s class: F is degF on a temperature curve', () => {
    const r = resolveMnemonic('TEMP', { unit: 'F' });
    expect(idOf(r)).toBe('temperature');
    expect(r?.reason).toMatch(/degF is thermodynamic temperature/);
  });

  it('uses descriptions, but not for flags, ratios and quality curves', () => {
    expect(idOf(resolveMnemonic('XX1', { description: '8  DEEP RESISTIVITY', unit: 'OHMM' }))).toBe('deep_resistivity');
    expect(resolveMnemonic('XX2', { description: 'Gamma ray quality flag' })).toBeNull();
    expect(resolveMnemonic('QWERTY')).toBeNull();
    expect(resolveMnemonic('')).toBeNull();
  });
});

describe('the property table', () => {
  const props = listProperties();
  const catalogue = builtinCatalogue();

  it('has 40+ properties with unique ids', () => {
    expect(props.length).toBeGreaterThanOrEqual(40);
    expect(new Set(props.map((p) => p.id)).size).toBe(props.length);
    expect(getProperty('bulk_density')?.name).toBe('Bulk density');
    expect(getProperty('nope')).toBeUndefined();
  });

  it.each(props.map((p) => [p.id, p] as const))('%s: standard unit in the catalogue and of its class; sane ranges', (_id, p) => {
    const unit = catalogue.findUnit(p.standardUnit, { symbolsFirst: true });
    expect(unit?.symbol, p.standardUnit).toBe(p.standardUnit);
    expect(catalogue.quantityClassesOf(unit!)).toContain(p.quantityClass);
    expect(catalogue.getQuantityClass(p.quantityClass)).toBeDefined();
    expect(p.validRange.min).toBeLessThan(p.validRange.max);
    for (const v of [p.displayRange.left, p.displayRange.right]) {
      expect(v).toBeGreaterThanOrEqual(p.validRange.min);
      expect(v).toBeLessThanOrEqual(p.validRange.max);
    }
    if (p.displayScale === 'log') expect(Math.min(p.displayRange.left, p.displayRange.right)).toBeGreaterThan(0);
    expect(p.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(p.mnemonics.length).toBeGreaterThan(0);
    for (const m of p.mnemonics) expect(m).toBe(m.trim().toUpperCase());
    expect(new Set(p.mnemonics).size).toBe(p.mnemonics.length);
  });

  it('conventional display scales: neutron 0.45 → -0.15, resistivity logarithmic', () => {
    expect(getProperty('neutron_porosity')?.displayRange).toEqual({ left: 0.45, right: -0.15 });
    expect(getProperty('deep_resistivity')?.displayScale).toBe('log');
    expect(getProperty('gamma_ray')?.displayScale).toBe('linear');
  });

  it('every listed mnemonic resolves to its property, except the few that two properties share', () => {
    const dictionary = new CurveDictionary();
    const shared = dictionary.ambiguousMnemonics();
    expect([...shared.keys()].sort()).toEqual(['NEU', 'SPP']);
    for (const p of props) {
      for (const m of p.mnemonics) {
        if (shared.has(m)) continue;
        expect(idOf(resolveMnemonic(m, { unit: p.standardUnit })), m).toBe(p.id);
      }
    }
  });
});
