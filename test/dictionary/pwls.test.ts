import { describe, expect, it } from 'vitest';
import {
  CurveDictionary,
  DictionaryError,
  listProperties,
  normaliseMnemonic,
  parseCsv,
  parsePwlsCurvesCsv,
  parsePwlsPropertiesCsv,
  pwlsAncestry,
  resolveMnemonic,
  type PwlsCurveMapping,
} from '../../src/dictionary/index.js';
import { parseEnergisticsDictionary } from '../../src/units/index.js';
import { HAVE_ENERGISTICS, readReference } from '../units/reference.js';
import { HAVE_PWLS, readPwlsCurves, readPwlsProperties } from './pwls-reference.js';

describe('RFC 4180 CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line1\nline2",\r\n\r\n3,,last';
    const rows = parseCsv(text);
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'line1\nline2', ''],
      ['3', '', 'last'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('reports an unclosed quote and text after a closing quote with the line', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/line 2: quoted field is not closed/);
    expect(() => parseCsv('a,b\n1,"x"y')).toThrow(DictionaryError);
  });
});

describe('parsePwlsCurvesCsv', () => {
  const sample = [
    'Company Code,Curve Mnemonic,PWLS v3 Property,Curve Unit Quantity Class,LIS Curve Mnemonic,Curve Description',
    '440,ABC1,bulk density,mass per volume,ABC1,"Density, compensated ""ABC"" tool"',
    '440,XYZ9,Deep Laterolog Resistivity,electrical resistivity,XYZ9,Deep',
    '15,XYZ9,ratio,dimensionless,XYZ9,"Some ratio"',
    ',,,,,',
  ].join('\n');

  it('reads rows, lower-cases property names and skips empty rows', () => {
    const rows = parsePwlsCurvesCsv(sample);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      company: '440', mnemonic: 'ABC1', pwlsProperty: 'bulk density', quantityClass: 'mass per volume', lisMnemonic: 'ABC1',
      description: 'Density, compensated "ABC" tool',
    } satisfies PwlsCurveMapping);
    expect(rows[1].pwlsProperty).toBe('deep laterolog resistivity');
  });

  it('needs the mnemonic and property columns', () => {
    expect(() => parsePwlsCurvesCsv('Mnemonic,Property\nGR,gamma ray')).toThrow(/no "Company Code" column/);
  });

  it('adds mappings the built-in table lacks, scoped by company when it is known', () => {
    expect(resolveMnemonic('ABC1')).toBeNull();
    const tree = parsePwlsPropertiesCsv(
      'Hierarchy Sort Order,PWLS 3 property,Parent PWLS 3 Property,Abstract?,Primary QuantityClass\n' +
        '1,property,N/A,true,unitless\n2,resistivity,property,false,electrical resistivity\n' +
        '3,deep resistivity,resistivity,false,electrical resistivity\n4,deep laterolog resistivity,deep resistivity,false,electrical resistivity\n',
    );
    const d = new CurveDictionary().withPwls(parsePwlsCurvesCsv(sample), tree);
    const abc = d.resolveMnemonic('ABC1', { unit: 'G/C3' });
    expect(abc?.property.id).toBe('bulk_density');
    expect(abc?.reason).toMatch(/PWLS/);
    // "deep laterolog resistivity" reaches deep_resistivity through the hierarchy
    expect(d.resolveMnemonic('XYZ9', { company: 'Schlumberger' })?.property.id).toBe('deep_resistivity');
    expect(d.resolveMnemonic('XYZ9', { company: 'Schlumberger' })?.confidence).toBeGreaterThanOrEqual(0.85);
    // company 15 says XYZ9 is a ratio, which no DataForge property is
    expect(d.resolveMnemonic('XYZ9', { company: '15' })).toBeNull();
  });
});

if (!HAVE_PWLS) console.warn('SKIPPED: curve dictionary vs PWLS v3.0 — ../shared/reference is absent (a fresh clone has no ../shared)');

/**
 * Aliases where PWLS (for every company that lists them) names a property that is neither ours nor
 * an ancestor or descendant of ours, with the reason we keep them.
 */
const JUSTIFIED: Record<string, string> = {
  GAMMA: 'LAS files use GAMMA for the gamma ray log (the corpus has GAMMA in CPS described "Gamma"); the PWLS rows are Pason and SLB internals',
  'NEU@neutron_porosity': 'shared with count_rate: corpus files write NEU in m3/m3 for neutron porosity; the unit decides',
  NEUT: 'corpus NEUT curves are raw neutron counts in CPS; PWLS lists it as API neutron',
  RESM: 'generic LAS name for medium resistivity ("6 Resistivity -Medium" in the corpus); SLB uses it for a resistance gradient',
  CLL3: 'Halliburton DIL shallow conductivity (corpus: "DIL Shallow Conductivity", MMHO/M); SLB reuses it for a count rate',
  BITSIZE: 'bit size is the bit’s outside diameter; PWLS files it under "outside diameter" instead of "nom borehole diameter"',
  BSIZ: 'as BITSIZE',
  TORQ: 'PWLS describes SLB TORQ as "Pipe Torque" but files it under "rotation gradient" (angle per length), which cannot hold a torque',
  TORQUE: 'Pason lists the torque motor current under this name; the mnemonic itself names torque',
  'SPP@standpipe_pressure': 'shared with spontaneous_potential: in drilling data SPP is standpipe pressure; the unit decides',
  MDOA: 'PWLS maps it to the abstract "mass per volume"; the description is mud density out',
  MDIA: 'PWLS maps it to the abstract "mass per volume"; the description is mud density in',
  TG: 'mud-logging total gas; PWLS has only the generic "amount"',
  TOTAL_GAS: 'PWLS (Pason) has only the generic "dimensionless"',
  GAS: 'PWLS (Halliburton) has only the generic "amount"',
  INCLINATION: 'PWLS keeps "inclination" and "hole deviation" as siblings for the same measurement',
  MBVI: 'MRIL bound volume irreducible: PWLS calls it irreducible water volume fraction, a sibling of bound water volume fraction',
  AMP3FT: 'cement-bond amplitude in mV; PWLS files the voltage under "electric potential"',
};

/** PWLS groups resistivities by tool type; DataForge groups them by depth of investigation. */
const TOOL_TYPE_RESISTIVITY = new Set(['array induction resistivity', 'array laterolog resistivity', 'phase shift resistivity', 'attenuation resistivity']);
const BY_DEPTH = new Set(['deep_resistivity', 'medium_resistivity', 'shallow_resistivity']);

/** Our quantity class differs from PWLS's primary class, with the reason. */
const CLASS_DIFFERENCES: Record<string, string> = {
  photoelectric_factor: 'PWLS: dimensionless; DataForge keeps b/elec as its own class so PEF never converts to a ratio',
  neutron_capture_cross_section: 'PWLS: area (microscopic); logs give the macroscopic sigma in capture units, area per volume',
  torque: 'PWLS: energy; torque units (kN.m, lbf.ft) are in the Energistics class "moment of force"',
  acoustic_amplitude: 'PWLS: unitless; cement-bond amplitudes are logged in mV',
  casing_collar_locator: 'PWLS: unitless; CCL is logged as a voltage',
  nmr_free_fluid: 'PWLS: unitless ("free fluid index"); the free fluid index is a volume fraction',
  volumetric_photoelectric_factor: 'PWLS: dimensionless; U = PEF x electron density is logged in barns per cm3 (area per volume)',
};

describe.skipIf(!HAVE_PWLS)('the property table against PWLS v3.0', () => {
  const curves = HAVE_PWLS ? parsePwlsCurvesCsv(readPwlsCurves()) : [];
  const tree = HAVE_PWLS ? parsePwlsPropertiesCsv(readPwlsProperties()) : new Map();

  it('reads the whole PWLS sheets', () => {
    expect(curves.length).toBe(42917);
    expect(tree.size).toBe(3661); // 3,662 rows; "spring stiffness" is listed twice
    expect(pwlsAncestry(tree, 'thermal neutron porosity')).toContain('neutron porosity');
  });

  it('every PWLS property we name exists in PWLS', () => {
    const missing = listProperties().filter((p) => !tree.has(p.pwlsProperty)).map((p) => `${p.id}: ${p.pwlsProperty}`);
    expect(missing).toEqual([]);
  });

  it('for each alias PWLS lists, PWLS names the same property or a parent or child of it (or the exception is justified)', () => {
    const byMnemonic = new Map<string, PwlsCurveMapping[]>();
    for (const r of curves) {
      const k = normaliseMnemonic(r.mnemonic);
      byMnemonic.set(k, [...(byMnemonic.get(k) ?? []), r]);
    }
    const related = (a: string, b: string): boolean => pwlsAncestry(tree, a).includes(b) || pwlsAncestry(tree, b).includes(a);
    let checked = 0;
    let agreeing = 0;
    const toolType: string[] = [];
    const excused: string[] = [];
    const unexplained: string[] = [];
    for (const p of listProperties()) {
      for (const m of p.mnemonics) {
        const rows = byMnemonic.get(m);
        if (!rows) continue;
        checked++;
        if (rows.some((r) => related(r.pwlsProperty, p.pwlsProperty))) {
          agreeing++;
          continue;
        }
        const why = JUSTIFIED[`${m}@${p.id}`] ?? JUSTIFIED[m];
        if (BY_DEPTH.has(p.id) && rows.some((r) => TOOL_TYPE_RESISTIVITY.has(r.pwlsProperty))) toolType.push(m);
        else if (why) excused.push(m);
        else unexplained.push(`${m} (${p.id}): PWLS says ${[...new Set(rows.map((r) => `${r.company}:${r.pwlsProperty}`))].join(', ')}`);
      }
    }
    console.log(
      `PWLS check: ${checked} of our aliases are in PWLS; ${agreeing} agree (same, parent or child property), ` +
        `${toolType.length} are tool-type resistivities (${toolType.join(' ')}), ${excused.length} justified exceptions (${excused.join(' ')})`,
    );
    expect(unexplained).toEqual([]);
    expect(agreeing / checked).toBeGreaterThan(0.8);
    // no stale exceptions: each still names a listed alias
    const listed = new Set(listProperties().flatMap((p) => p.mnemonics.map((m) => [m, `${m}@${p.id}`]).flat()));
    expect(Object.keys(JUSTIFIED).filter((k) => !listed.has(k))).toEqual([]);
  });

  it.skipIf(!HAVE_ENERGISTICS)('our quantity classes have the dimension of PWLS’s primary class, or the difference is justified', () => {
    const full = parseEnergisticsDictionary(readReference().text);
    const dimension = (name: string): string | undefined =>
      full.listQuantityClasses().find((q) => q.name.toLowerCase() === name.toLowerCase().replace(/^pwls:/, ''))?.dimension;
    const unexplained: string[] = [];
    for (const p of listProperties()) {
      const theirs = tree.get(p.pwlsProperty)?.quantityClass ?? '';
      if (theirs.toLowerCase() === p.quantityClass.toLowerCase()) continue;
      const same = dimension(theirs) !== undefined && dimension(theirs) === dimension(p.quantityClass);
      if (!same && !CLASS_DIFFERENCES[p.id]) unexplained.push(`${p.id}: PWLS ${theirs} (${dimension(theirs)}), ours ${p.quantityClass} (${dimension(p.quantityClass)})`);
    }
    expect(unexplained).toEqual([]);
  });

  it('with PWLS loaded, vendor mnemonics outside our table resolve, scoped by company', () => {
    const d = new CurveDictionary().withPwls(curves, tree);
    expect(resolveMnemonic('ABDC10M')).toBeNull();
    expect(d.resolveMnemonic('ABDC10M')?.property.id).toBe('bulk_density');
    expect(d.resolveMnemonic('LLD', { company: 'Schlumberger', unit: 'OHMM' })?.confidence).toBe(1);
    // Baker Hughes INTEQ's LLD is a ratio (low level discriminator), which lowers our alias's confidence
    const slb = d.resolveMnemonic('LLD', { company: 'Schlumberger' });
    const inteq = d.resolveMnemonic('LLD', { company: '15' });
    expect(inteq?.property.id).toBe('deep_resistivity');
    expect(inteq?.confidence ?? 1).toBeLessThanOrEqual((slb?.confidence ?? 0) - 0.2);
    expect(inteq?.reason).toMatch(/company 15/);
  });
});
