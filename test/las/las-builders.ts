/** Small hand-built LAS models for writer and round-trip tests. */
import type { HeaderItem, LasCurve, LasDataSet, LasFile } from '../../src/las/model.js';

export function item(mnemonic: string, unit: string, value: string, description = '', extra: Partial<HeaderItem> = {}): HeaderItem {
  const base = mnemonic.replace(/:\d+$/, '');
  return { mnemonic, originalMnemonic: base, unit, value, description, ...extra };
}

export function numCurve(mnemonic: string, unit: string, values: number[], extra: Partial<LasCurve> = {}): LasCurve {
  return { ...item(mnemonic, unit, '', extra.description ?? ''), kind: 'number', data: Float64Array.from(values), ...extra };
}

export function textCurve(mnemonic: string, unit: string, values: (string | null)[], extra: Partial<LasCurve> = {}): LasCurve {
  return { ...item(mnemonic, unit, '', extra.description ?? ''), kind: 'string', data: [...values], format: 'S', ...extra };
}

export function dataSet(name: string, curves: LasCurve[], parameters: HeaderItem[] = []): LasDataSet {
  return { name, parameters, curves, nRows: curves[0]?.data.length ?? 0, delimiter: 'SPACE' };
}

export function makeLas(parts: Partial<LasFile> & { sets: LasDataSet[] }): LasFile {
  return {
    version: '2.0',
    wrap: false,
    versionItems: [],
    well: [
      item('STRT', 'M', '0', 'START DEPTH'),
      item('STOP', 'M', '0', 'STOP DEPTH'),
      item('STEP', 'M', '0', 'STEP'),
      item('NULL', '', '-999.25', 'NULL VALUE'),
      item('WELL', '', 'TEST 1', 'WELL'),
    ],
    other: '',
    extraSections: [],
    encoding: 'utf-8',
    nullValue: -999.25,
    index: null,
    problems: [],
    ...parts,
  };
}
