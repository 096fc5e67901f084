/**
 * LAS 3.0: parameter / definition / data section sets of any name, the three delimiters,
 * typed columns from format specifiers, array curves and `|` associations.
 */
import { describe, it, expect } from 'vitest';
import { getCurve, getSet, headerItem } from '../../src/las/access.js';
import { readLas } from '../../src/las/read.js';
import { curve, lines, values } from './read-helpers.js';

function v3(dlm: 'SPACE' | 'COMMA' | 'TAB' | null, ...body: string[]): string {
  return lines(
    '~Version',
    ' VERS. 3.0 : CWLS LOG ASCII STANDARD - VERSION 3.0',
    ' WRAP. NO  : One line per depth step',
    ...(dlm ? [` DLM . ${dlm} : delimiter`] : []),
    '~Well',
    ' STRT.M 1000.0 : start depth {F}',
    ' STOP.M 1001.0 : stop depth {F}',
    ' STEP.M 0.5 : step {F}',
    ' NULL.  -999.25 : null value',
    ' WELL.  Test 1 : well name {S}',
    ...body,
  );
}

const CORE_SET = lines(
  '~Core_Parameter',
  ' C_SRS.    CONVENTIONAL : core source {S}',
  '~Core_Definition',
  ' CORT.M    : core top depth {F}',
  ' CORB.M    : core bottom depth {F}',
  ' PERM.md   : permeability {F}',
  '~Core_Data | Core_Definition',
  '1000.1, 1000.3, 12.5',
  '1000.6, 1000.8, -999.25',
);

/** Every kind of set; the Core set comes before the Log set, as some writers put it. */
const SETS = v3(
  'COMMA',
  '~Core_Parameter',
  ' C_SRS.    CONVENTIONAL : core source {S}',
  '~Core_Definition',
  ' CORT.M    : core top depth {F}',
  ' CORB.M    : core bottom depth {F}',
  ' PERM.md   : permeability {F}',
  '~Core_Data | Core_Definition',
  '1000.1, 1000.3, 12.5',
  '1000.6, 1000.8, -999.25',
  '~Log_Parameter',
  ' BS .mm    200.0 : bit size {F10.4} | Run[1]',
  '~Log_Definition',
  ' DEPT.M    : depth {F10.4}',
  ' GR  .GAPI : gamma ray {F10.2}',
  '~Log_Data | Log_Definition',
  '1000.0, 45.5',
  '1000.5, 50.25',
  '1001.0, -999.25',
  '~Tops_Definition',
  ' TOPT.M : top depth {F}',
  ' TOPN.  : formation {S}',
  '~Tops_Data | Tops_Definition',
  '1000.2, "Upper Shale"',
  '1000.9, Lower Sand',
  '~Inclinometry_Definition',
  ' MD  .M   : measured depth {F}',
  ' INC .deg : inclination {F}',
  ' AZI .deg : azimuth {F}',
  '~Inclinometry_Data | Inclinometry_Definition',
  '0, 0, 0',
  '500, 1.5, 45.25',
  '~Drilling_Definition',
  ' DDEP.M   : depth {F}',
  ' ROP .m/h : rate of penetration {F}',
  '~Drilling_Data | Drilling_Definition',
  '1000, 12.5',
  '~Perforations_Definition',
  ' PERFT.M : perforation top {F}',
  ' PERFB.M : perforation bottom {F}',
  ' SHOTS.  : shots per metre {I}',
  '~Perforations_Data | Perforations_Definition',
  '1000.2, 1000.4, 20',
  '~Geochem_Samples_Definition',
  ' SDEP.M : sample depth {F}',
  ' TOC.%  : total organic carbon {F}',
  '~Geochem_Samples_Data | Geochem_Samples_Definition',
  '1000.5, 2.75',
  '1000.7, 3.5',
);

describe('section sets', () => {
  it('reads every set, the Log set first', () => {
    const las = readLas(SETS);
    expect(las.version).toBe('3.0');
    expect(las.sets[0].name).toBe('Log');
    const shape = Object.fromEntries(las.sets.map((s) => [s.name, [s.curves.length, s.nRows]]));
    expect(shape).toEqual({
      Log: [2, 3], Core: [3, 2], Tops: [2, 2], Inclinometry: [3, 2], Drilling: [2, 1], Perforations: [3, 1], Geochem_Samples: [2, 2],
    });
  });

  it('reads the same sets with the Log set written first, with no problems', () => {
    const logFirst = readLas(SETS.replace(/~Core_Parameter[\s\S]*?(?=~Log_Parameter)/, '') + CORE_SET);
    expect(logFirst.sets.map((s) => s.name)).toEqual(['Log', 'Tops', 'Inclinometry', 'Drilling', 'Perforations', 'Geochem_Samples', 'Core']);
    expect(logFirst.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('gives each set its own values', () => {
    const las = readLas(SETS);
    expect(values(curve(las, 'GR'))).toEqual([45.5, 50.25, NaN]);
    expect(values(getCurve(las, 'PERM', 'Core'))).toEqual([12.5, NaN]);
    expect(values(getCurve(las, 'Core.CORT'))).toEqual([1000.1, 1000.6]);
    expect(values(getCurve(las, 'TOPN', 'Tops'))).toEqual(['Upper Shale', 'Lower Sand']);
    expect(values(getCurve(las, 'AZI', 'Inclinometry'))).toEqual([0, 45.25]);
    expect(values(getCurve(las, 'ROP', 'Drilling'))).toEqual([12.5]);
    expect(values(getCurve(las, 'SHOTS', 'Perforations'))).toEqual([20]);
    expect(values(getCurve(las, 'TOC', 'Geochem_Samples'))).toEqual([2.75, 3.5]);
  });

  it('keeps each set\'s parameters with it', () => {
    const las = readLas(SETS);
    expect(getSet(las, 'Core')?.parameters.map((p) => [p.mnemonic, p.value])).toEqual([['C_SRS', 'CONVENTIONAL']]);
    expect(getSet(las, 'Log')?.parameters.map((p) => [p.mnemonic, p.value])).toEqual([['BS', '200.0']]);
  });

  // BUG (reported to the lead): the first data section read becomes the index set, so a
  // ~Core_Data before ~Log_Data makes CORT the index, checks STRT/STOP against core depths,
  // and nulled the Log set's DEPT.
  it('takes the index from the Log set even when another set comes first', () => {
    const las = readLas(SETS);
    expect(las.index).toMatchObject({ mnemonic: 'DEPT', first: 1000, last: 1001, step: 0.5, canonicalUnit: 'm' });
    expect(las.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('never nulls the Log index when another set comes first', () => {
    const text = v3('SPACE', '~Core_Definition', ' CORT.M : t', '~Core_Data', '5', '~Log_Definition', ' DEPT.M : d', ' GR.GAPI : g', '~Log_Data', '-999.25 1', '100 2');
    expect(values(curve(readLas(text), 'DEPT'))).toEqual([-999.25, 100]);
  });

  it('never nulls the Log index but does null the first column of other sets', () => {
    const text = v3('COMMA', '~Log_Definition', ' DEPT.M : d {F}', ' GR.GAPI : g {F}', '~Log_Data', '-999.25, -999.25',
      '~Core_Definition', ' CORT.M : t {F}', ' X. : x {F}', '~Core_Data', '-999.25, 1');
    const las = readLas(text);
    expect(values(curve(las, 'DEPT'))).toEqual([-999.25]);
    expect(values(curve(las, 'GR'))).toEqual([NaN]);
    expect(values(getCurve(las, 'CORT', 'Core'))).toEqual([NaN]);
  });

  it('reads numbered data sections (Core_Data[1], [2]) against one definition', () => {
    const text = v3(
      'SPACE',
      '~Log_Definition', ' DEPT.M : depth {F}', '~Log_Data', '1000', '1000.5',
      '~Core_Definition', ' CORT.M : top {F}', ' LITH. : lithology {S}',
      '~Core_Data[1] | Core_Definition', '1000.1 sand', '1000.2 shale',
      '~Core_Data[2] | Core_Definition', '1000.7 lime',
    );
    const las = readLas(text);
    const first = getSet(las, 'Core[1]');
    const second = getSet(las, 'Core[2]');
    expect(first?.curves.map((c) => c.mnemonic)).toEqual(['CORT', 'LITH']);
    expect(second?.curves.map((c) => c.mnemonic)).toEqual(['CORT', 'LITH']);
    expect(values(getCurve(las, 'LITH', 'Core[1]'))).toEqual(['sand', 'shale']);
    expect(values(getCurve(las, 'CORT', 'Core[2]'))).toEqual([1000.7]);
  });
});

describe('delimiters', () => {
  const body = (sep: string) => [
    '~Log_Definition', ' DEPT.M : depth {F}', ' NAME. : name {S}', ' GR.GAPI : gamma {F}',
    '~Log_Data | Log_Definition',
    ['1000.0', '"Shale, grey"', '45.5'].join(sep),
    ['1000.5', 'Sand', '-999.25'].join(sep),
    ['1001.0', '"a b"', '50'].join(sep),
  ];
  const want = { DEPT: [1000, 1000.5, 1001], NAME: ['Shale, grey', 'Sand', 'a b'], GR: [45.5, NaN, 50] };

  it.each([
    ['SPACE', ' '], ['SPACE', '   '], ['COMMA', ','], ['COMMA', ', '], ['TAB', '\t'],
  ] as const)('DLM %s with separator %j', (dlm, sep) => {
    const las = readLas(v3(dlm, ...body(sep)));
    expect(las.sets[0].delimiter).toBe(dlm);
    expect({ DEPT: values(curve(las, 'DEPT')), NAME: values(curve(las, 'NAME')), GR: values(curve(las, 'GR')) }).toEqual(want);
  });

  it('defaults to SPACE with no DLM item', () => {
    const las = readLas(v3(null, ...body(' ')));
    expect(las.sets[0].delimiter).toBe('SPACE');
    expect(values(curve(las, 'NAME'))).toEqual(want.NAME);
  });

  it('keeps a quoted comma inside a COMMA field and a quoted tab inside a TAB field', () => {
    const c = readLas(v3('COMMA', '~Log_Definition', ' DEPT.M : d', ' NOTE. : n {S}', '~Log_Data', '1,"x, y, z"', '2,plain'));
    expect(values(curve(c, 'NOTE'))).toEqual(['x, y, z', 'plain']);
    const t = readLas(v3('TAB', '~Log_Definition', ' DEPT.M : d', ' NOTE. : n {S}', '~Log_Data', '1\t"x\ty"', '2\tplain words'));
    expect(values(curve(t, 'NOTE'))).toEqual(['x\ty', 'plain words']);
  });

  it('reads an empty COMMA field as NULL', () => {
    const las = readLas(v3('COMMA', '~Log_Definition', ' DEPT.M : d', ' A. : a', ' B. : b', '~Log_Data', '1,,3', '2,5,6'));
    expect(values(curve(las, 'A'))).toEqual([NaN, 5]);
    expect(values(curve(las, 'B'))).toEqual([3, 6]);
  });
});

describe('typed columns and format specifiers', () => {
  const text = v3(
    'COMMA',
    '~Log_Definition',
    ' DEPT.M    : depth {F10.4}',
    ' FORM.     : formation {S}',
    ' CNT .     : sample count {I}',
    ' DAY .     : sample date {DD/MM/YYYY}',
    ' STAMP.    : time stamp {YYYY-MM-DD hh:mm:ss}',
    ' GR  .GAPI : gamma {E12.4}',
    '~Log_Data | Log_Definition',
    '1000.0000, Shale, 3, 12/01/2020, 2020-01-12 10:30:00, 4.5500E+01',
    '1000.5000, "Sand, clean", 4, 13/01/2020, 2020-01-13 11:00:00, -999.25',
  );

  it('reads {S} as text, {I} and {F}/{E} as numbers, dates as date/time text', () => {
    const las = readLas(text);
    expect(curve(las, 'FORM').kind).toBe('string');
    expect(values(curve(las, 'FORM'))).toEqual(['Shale', 'Sand, clean']);
    expect(curve(las, 'CNT').kind).toBe('number');
    expect(values(curve(las, 'CNT'))).toEqual([3, 4]);
    expect(curve(las, 'DAY').kind).toBe('datetime');
    expect(values(curve(las, 'DAY'))).toEqual(['12/01/2020', '13/01/2020']);
    expect(curve(las, 'STAMP').kind).toBe('datetime');
    expect(values(curve(las, 'STAMP'))).toEqual(['2020-01-12 10:30:00', '2020-01-13 11:00:00']);
    expect(values(curve(las, 'GR'))).toEqual([45.5, NaN]);
  });

  it('keeps the specifier text without braces, out of the description', () => {
    const las = readLas(text);
    expect(curve(las, 'DEPT')).toMatchObject({ format: 'F10.4', description: 'depth' });
    expect(curve(las, 'DAY')).toMatchObject({ format: 'DD/MM/YYYY', description: 'sample date' });
    expect(curve(las, 'STAMP').format).toBe('YYYY-MM-DD hh:mm:ss');
    expect(headerItem(las.well, 'WELL')).toMatchObject({ value: 'Test 1', format: 'S', description: 'well name' });
  });

  it('reads a NULL in a text column as null', () => {
    const las = readLas(v3('COMMA', '~Log_Definition', ' DEPT.M : d', ' FORM. : f {S}', '~Log_Data', '1, -999.25', '2, Marl'));
    expect(values(curve(las, 'FORM'))).toEqual([null, 'Marl']);
  });
});

describe('array curves and associations', () => {
  const text = v3(
    'SPACE',
    '~Log_Parameter',
    ' BS   .mm  200.0 : bit size {F} | Run[1]',
    ' RUN[1].   1     : first run {I}',
    '~Log_Definition',
    ' DEPT  .M  : depth {F}',
    ...[1, 2, 3, 4, 5].map((k) => ` NMR[${k}].ms : T2 bin ${k} {F} | BS, RUN[1]`),
    '~Log_Data | Log_Definition',
    '1000 1 2 3 4 5',
    '1001 6 7 8 9 10',
  );

  it('gives NMR[1]..NMR[5] an array name and a 1-based index', () => {
    const las = readLas(text);
    const nmr = las.sets[0].curves.slice(1);
    expect(nmr.map((c) => c.mnemonic)).toEqual(['NMR[1]', 'NMR[2]', 'NMR[3]', 'NMR[4]', 'NMR[5]']);
    expect(nmr.map((c) => [c.arrayName, c.arrayIndex])).toEqual([1, 2, 3, 4, 5].map((k) => ['NMR', k]));
    expect(values(curve(las, 'NMR[3]'))).toEqual([3, 8]);
    expect(curve(las, 'DEPT').arrayName).toBeUndefined();
  });

  it('keeps | associations on curves and parameters, apart from the description and format', () => {
    const las = readLas(text);
    expect(curve(las, 'NMR[2]')).toMatchObject({ description: 'T2 bin 2', format: 'F', associations: ['BS', 'RUN[1]'] });
    expect(headerItem(las.sets[0].parameters, 'BS')).toMatchObject({ value: '200.0', description: 'bit size', format: 'F', associations: ['Run[1]'] });
  });
});
