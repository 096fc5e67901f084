/**
 * Header lines `MNEM.UNIT  VALUE : DESCRIPTION` as real files write them: colons in
 * values, missing periods, odd units, LAS 1.2's value-in-description, comments anywhere.
 */
import { describe, it, expect } from 'vitest';
import { getCurve, headerItem, headerNumber } from '../../src/las/access.js';
import { readLas } from '../../src/las/read.js';
import { curve, las2, lineOf, lines, problems, v2Header, values } from './read-helpers.js';

/** A LAS 2.0 file whose ~Well holds the given lines, plus one tiny curve. */
function wellOnly(...well: string[]): string {
  return lines(v2Header({ well }), '~Curve', ' DEPT.M : depth', '~A', '1', '2');
}

function wellItem(text: string, mnemonic: string) {
  const item = headerItem(readLas(text).well, mnemonic);
  expect(item, `~W item ${mnemonic}`).toBeDefined();
  return item!;
}

describe('colons inside values', () => {
  it('keeps a date and time with colons whole as the value', () => {
    const it_ = wellItem(wellOnly(' DATE.   13/12/1986 10:30:00 : LOG DATE'), 'DATE');
    expect(it_).toMatchObject({ unit: '', value: '13/12/1986 10:30:00', description: 'LOG DATE' });
  });

  it('reads a unit with a colon (HH:MM) and a time value', () => {
    const it_ = wellItem(wellOnly(' TIME.HH:MM 10:30 : TIME OF LOG'), 'TIME');
    expect(it_).toMatchObject({ unit: 'HH:MM', value: '10:30', description: 'TIME OF LOG' });
  });

  it('splits on the delimiting colon when the description has its own colon', () => {
    const it_ = wellItem(wellOnly(' COMP.  ACME DRILLING : Company: operator of record'), 'COMP');
    expect(it_).toMatchObject({ value: 'ACME DRILLING', description: 'Company: operator of record' });
  });

  it('keeps a URL in the value', () => {
    const it_ = wellItem(wellOnly(' LINK.  http://example.org/well/12 : where the log lives'), 'LINK');
    expect(it_).toMatchObject({ value: 'http://example.org/well/12', description: 'where the log lives' });
  });

  it('keeps colons with no spaces around them inside the value (1:200, TX:Texas)', () => {
    const las = readLas(wellOnly(' SCAL.  1:200 : plot scale', ' STAT.  TX:Texas : state', ' TIME.  10:30:00:'));
    expect(headerItem(las.well, 'SCAL')).toMatchObject({ value: '1:200', description: 'plot scale' });
    expect(headerItem(las.well, 'STAT')).toMatchObject({ value: 'TX:Texas', description: 'state' });
    expect(headerItem(las.well, 'TIME')).toMatchObject({ value: '10:30:00', description: '' });
  });

  it('keeps periods inside the value (Co. Ltd.)', () => {
    expect(wellItem(wellOnly(' SRVC.  ANY LOGGING CO. LTD. : service company'), 'SRVC')).toMatchObject({ unit: '', value: 'ANY LOGGING CO. LTD.', description: 'service company' });
  });

  it('reads tab-separated fields and a line with no colon', () => {
    const las = readLas(wellOnly('NULL\t.\t-999.25\t:\tnull value', ' WELL.  ABC DEF'));
    expect(headerItem(las.well, 'NULL')).toMatchObject({ unit: '', value: '-999.25', description: 'null value' });
    expect(las.nullValue).toBe(-999.25);
    expect(headerItem(las.well, 'WELL')).toMatchObject({ value: 'ABC DEF', description: '' });
  });

  it('accepts a colon straight after the value or the unit', () => {
    const text = wellOnly(' STRT.M 1670.0: START', ' STOP.M:', ' BHT.DEGC 35.5:');
    const las = readLas(text);
    expect(headerItem(las.well, 'STRT')).toMatchObject({ unit: 'M', value: '1670.0', description: 'START' });
    expect(headerItem(las.well, 'STOP')).toMatchObject({ unit: 'M', value: '', description: '' });
    expect(headerNumber(las.well, 'BHT')).toBe(35.5);
  });
});

describe('unusual mnemonic / unit layouts', () => {
  it('reads a line with no period as NAME : VALUE and reports it with its line', () => {
    const text = wellOnly(' UWI    : 100123401234W500');
    const las = readLas(text);
    expect(headerItem(las.well, 'UWI')).toMatchObject({ unit: '', value: '100123401234W500' });
    const p = problems(las, 'header-no-period');
    expect(p).toHaveLength(1);
    expect(p[0].line).toBe(lineOf(text, 'UWI'));
    expect(['info', 'warning']).toContain(p[0].severity);
  });

  it('takes a quantity written as a unit (1000 LBF) whole', () => {
    const it_ = wellItem(wellOnly(' WT  .1000 LBF      25.0 : HOOK WEIGHT'), 'WT');
    expect(it_).toMatchObject({ unit: '1000 LBF', value: '25.0', description: 'HOOK WEIGHT' });
  });

  it('reads empty units, with or without a space before the period', () => {
    const las = readLas(wellOnly(' WELL.  ANY ET AL 12 : WELL', ' FLD  .  EDAM : FIELD'));
    expect(headerItem(las.well, 'WELL')).toMatchObject({ unit: '', value: 'ANY ET AL 12', description: 'WELL' });
    expect(headerItem(las.well, 'FLD')).toMatchObject({ unit: '', value: 'EDAM', description: 'FIELD' });
    expect(headerItem(las.well, 'NULL')).toMatchObject({ unit: '', value: '-999.25' });
  });

  it('strips the brackets of a bracketed unit [m]', () => {
    const text = lines(v2Header({ well: [' STRT.[m]  100 : START', ' BS  .[mm]  200 : BIT'] }), '~Curve', ' DEPT.[M] : depth', ' DT  .[US/M] : sonic', '~A', '100 1');
    const las = readLas(text);
    expect(headerItem(las.well, 'STRT')?.unit).toBe('m');
    expect(headerItem(las.well, 'BS')).toMatchObject({ unit: 'mm', value: '200' });
    expect(curve(las, 'DEPT').unit).toBe('M');
    expect(curve(las, 'DT').unit).toBe('US/M');
    expect(las.index?.canonicalUnit).toBe('m');
  });

  it('keeps mnemonics that end in a period next to the unit period (Cond..MS/M)', () => {
    const text = lines(v2Header(), '~Curve', ' DEPT.M : depth', ' Cond..MS/M : conductivity', ' I. Res..OHM-M : resistivity', '~ASCII', '10 1.5 2.5');
    const las = readLas(text);
    const c = las.sets[0].curves;
    expect(c.map((x) => x.originalMnemonic)).toEqual(['DEPT', 'Cond.', 'I. Res.']);
    expect(c.map((x) => x.unit)).toEqual(['M', 'MS/M', 'OHM-M']);
    expect(values(getCurve(las, 'Cond.'))).toEqual([1.5]);
    expect(values(getCurve(las, 'I. Res.'))).toEqual([2.5]);
  });

  it('drops a stray leading period before a mnemonic (.ILM .OHMM)', () => {
    const text = lines(v2Header(), '~Curve', ' DEPT.M : depth', ' .ILM .OHMM : medium resistivity', ' ILD .OHMM : deep', '~A', '10 1 2');
    const las = readLas(text);
    expect(las.sets[0].curves.map((c) => [c.originalMnemonic, c.unit])).toEqual([['DEPT', 'M'], ['ILM', 'OHMM'], ['ILD', 'OHMM']]);
    expect(values(curve(las, 'ILM'))).toEqual([1]);
  });
});

describe('LAS 1.2 ~W items with the value in the description position', () => {
  const las12 = lines(
    '~VERSION INFORMATION',
    ' VERS.                  1.2:   CWLS LOG ASCII STANDARD -VERSION 1.2',
    ' WRAP.                  NO:   ONE LINE PER DEPTH STEP',
    '~WELL INFORMATION BLOCK',
    ' STRT.M        1670.000000:',
    ' STOP.M        1669.750000:',
    ' STEP.M            -0.1250:',
    ' NULL.           -999.2500:',
    ' COMP.  COMPANY: ANY OIL',
    ' WELL.                WELL:   ANY ET AL OIL WELL #12',
    ' DATE.            LOG DATE:   25-DEC-1988',
    '~CURVE INFORMATION',
    ' DEPT.M                      :  1  DEPTH',
    ' GR  .GAPI                   :  2  GAMMA',
    '~A',
    '1670.000 10',
    '1669.875 20',
    '1669.750 30',
  );

  it('reads the text after the colon as the value', () => {
    const las = readLas(las12);
    expect(las.version).toBe('1.2');
    expect(headerItem(las.well, 'COMP')).toMatchObject({ value: 'ANY OIL', description: 'COMPANY' });
    expect(headerItem(las.well, 'WELL')).toMatchObject({ value: 'ANY ET AL OIL WELL #12', description: 'WELL' });
    expect(headerItem(las.well, 'DATE')).toMatchObject({ value: '25-DEC-1988', description: 'LOG DATE' });
  });

  it('keeps STRT/STOP/STEP/NULL values where they are', () => {
    const las = readLas(las12);
    expect(headerNumber(las.well, 'STRT')).toBe(1670);
    expect(headerNumber(las.well, 'STOP')).toBe(1669.75);
    expect(headerNumber(las.well, 'STEP')).toBe(-0.125);
    expect(las.nullValue).toBe(-999.25);
  });

  it('does not swap value and description in a LAS 2.0 file', () => {
    const it_ = wellItem(wellOnly(' COMP.  ANY OIL : COMPANY'), 'COMP');
    expect(it_).toMatchObject({ value: 'ANY OIL', description: 'COMPANY' });
  });
});

describe('blank and comment lines anywhere', () => {
  const text = lines(
    '# written by a test, before any section',
    '',
    '~Version information',
    '# comment in ~V',
    ' VERS.   2.0 : CWLS',
    '',
    ' WRAP.   NO  : one line',
    '~Well information',
    '#MNEM.UNIT   DATA    DESCRIPTION',
    '#----.----   ----    -----------',
    ' STRT.M  100 : START',
    '',
    ' STOP.M  101 : STOP',
    '   # indented comment',
    ' STEP.M  1 : STEP',
    ' NULL.   -999.25 : NULL',
    '~Curve information',
    '# comment in ~C',
    ' DEPT.M : depth',
    '',
    ' GR.GAPI : gamma',
    '~Parameter information',
    '# comment in ~P',
    ' BHT .DEGC   35.5 : BHT',
    '~ASCII',
    '# comment in data',
    '100 10',
    '',
    '   # indented comment in data',
    '101 11',
    '',
  );

  it('ignores them and reads every item and row', () => {
    const las = readLas(text);
    expect(las.versionItems.map((i) => i.mnemonic)).toEqual(['VERS', 'WRAP']);
    expect(las.well.map((i) => i.mnemonic)).toEqual(['STRT', 'STOP', 'STEP', 'NULL']);
    expect(las.sets[0].curves.map((c) => c.mnemonic)).toEqual(['DEPT', 'GR']);
    expect(las.sets[0].parameters.map((p) => p.mnemonic)).toEqual(['BHT']);
    expect(values(curve(las, 'DEPT'))).toEqual([100, 101]);
    expect(values(curve(las, 'GR'))).toEqual([10, 11]);
    expect(las.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('keeps the real line numbers of items', () => {
    const las = readLas(text);
    expect(headerItem(las.well, 'STEP')?.line).toBe(lineOf(text, 'STEP.M'));
    expect(curve(las, 'GR').line).toBe(lineOf(text, 'GR.GAPI'));
    expect(las.sets[0].dataLine).toBe(lineOf(text, '~ASCII'));
  });
});

describe('section titles', () => {
  it('accepts lower-case and abbreviated titles', () => {
    const text = lines(
      '~version', ' VERS. 2.0 :', ' WRAP. NO :',
      '~well', ' NULL. -999.25 :', ' WELL. W-1 : well',
      '~curve', ' DEPT.M :', ' GR.GAPI :',
      '~parameter', ' BS.MM 200 : bit',
      '~other', 'free text',
      '~ascii', '1 2', '2 3',
    );
    const las = readLas(text);
    expect(las.version).toBe('2.0');
    expect(headerItem(las.well, 'WELL')?.value).toBe('W-1');
    expect(las.sets[0].parameters[0]).toMatchObject({ mnemonic: 'BS', value: '200' });
    expect(las.other).toBe('free text');
    expect(values(curve(las, 'GR'))).toEqual([2, 3]);
  });

  it('reads a ~A title that repeats the curve names', () => {
    const text = lines(v2Header(), '~Curve', ' DEPT.M :', ' GR.GAPI :', ' RHOB.G/C3 :', '~A  DEPT      GR     RHOB', '1 2 3', '2 4 6');
    const las = readLas(text);
    expect(las.sets[0].curves.map((c) => c.mnemonic)).toEqual(['DEPT', 'GR', 'RHOB']);
    expect(values(curve(las, 'RHOB'))).toEqual([3, 6]);
    expect(las.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });
});

describe('duplicate mnemonics', () => {
  const text = las2(['DEPT.M', 'GR.GAPI', 'GR.GAPI', 'RHOB.G/C3', 'GR.CPS'], ['100 1 2 3 4', '101 5 6 7 8']);

  it('keeps every curve and gives repeats keys GR, GR:2, GR:3', () => {
    const las = readLas(text);
    const c = las.sets[0].curves;
    expect(c.map((x) => x.mnemonic)).toEqual(['DEPT', 'GR', 'GR:2', 'RHOB', 'GR:3']);
    expect(c.map((x) => x.originalMnemonic)).toEqual(['DEPT', 'GR', 'GR', 'RHOB', 'GR']);
    expect(curve(las, 'GR:3').unit).toBe('CPS');
  });

  it('makes each addressable with getCurve, case-insensitively', () => {
    const las = readLas(text);
    expect(values(getCurve(las, 'GR'))).toEqual([1, 5]);
    expect(values(getCurve(las, 'GR:2'))).toEqual([2, 6]);
    expect(values(getCurve(las, 'gr:3'))).toEqual([4, 8]);
    expect(getCurve(las, 'GR:4')).toBeUndefined();
  });

  it('keeps repeated ~W and ~P items too', () => {
    const text2 = lines(
      v2Header({ well: [' DATE. 2001-01-01 : first run', ' DATE. 2002-02-02 : second run'] }),
      '~Curve', ' DEPT.M :', '~Parameter', ' RMF.OHMM 0.2 : a', ' RMF.OHMM 0.3 : b', '~A', '1',
    );
    const las = readLas(text2);
    expect(las.well.filter((i) => i.originalMnemonic === 'DATE').map((i) => [i.mnemonic, i.value])).toEqual([['DATE', '2001-01-01'], ['DATE:2', '2002-02-02']]);
    expect(las.sets[0].parameters.map((i) => [i.mnemonic, i.value])).toEqual([['RMF', '0.2'], ['RMF:2', '0.3']]);
  });
});
