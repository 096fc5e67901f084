/**
 * Whole files in every encoding LAS files come in, read through readLas: the encoding is
 * detected (or forced) and names, units and values come back right.
 */
import { describe, it, expect } from 'vitest';
import { headerItem } from '../../src/las/access.js';
import { readLas } from '../../src/las/read.js';
import { curve, values } from './read-helpers.js';

const RUSSIAN = [
  '~Version information',
  ' VERS.   2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0',
  ' WRAP.   NO  : Одна строка на шаг',
  '~Well information',
  ' STRT.M      1000.0 : Начальная глубина',
  ' STOP.M      1000.5 : Конечная глубина',
  ' STEP.M      0.5 : Шаг',
  ' NULL.       -999.25 : Пустое значение',
  ' WELL.  Скважина 12-Сплошная : Скважина',
  ' FLD .  Самотлорское : Месторождение',
  ' COMP.  ОАО "Нефтегазгеофизика" : Компания',
  '~Curve information',
  ' DEPT.M        : Глубина',
  ' ПС  .мВ       : Потенциал самопроизвольной поляризации',
  ' ГК  .мкР/ч    : Гамма-каротаж',
  '~A',
  ' 1000.0  12.5  4.1',
  ' 1000.5  -999.25  7.7',
  '',
].join('\r\n');

const WESTERN = [
  '~Version information',
  ' VERS.   2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0',
  ' WRAP.   NO  : One line per depth step',
  '~Well information',
  ' NULL.       -999.25 : NULL VALUE',
  ' COMP.  Société Générale – Forage : Compañía',
  ' LOC .  Nordsee 4° 12’ : Lage',
  ' FEE .€ 1200 : coût',
  '~Curve information',
  ' DEPT.M     : Tiefe',
  ' TEMP.°C    : Température',
  '~A',
  ' 1000.0  85.5',
  ' 1000.5  86.0',
  '',
].join('\n');

// ---------------------------------------------------------------- byte builders

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const s = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(s.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < s.length; i++) view.setUint16(2 * i, s.charCodeAt(i), littleEndian);
  return out;
}

function utf32(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const cps = [...((bom ? '\ufeff' : '') + text)].map((ch) => ch.codePointAt(0)!);
  const out = new Uint8Array(cps.length * 4);
  const view = new DataView(out.buffer);
  cps.forEach((cp, i) => view.setUint32(4 * i, cp, littleEndian));
  return out;
}

function utf8(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  return bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
}

/** cp1252's 0x80-0x9F characters we use (Node's TextDecoder maps these wrongly; see text-decoders.ts). */
const CP1252_HIGH: Record<string, number> = { '€': 0x80, '–': 0x96, '’': 0x92, '«': 0xab, '»': 0xbb };

function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
    const b = CP1252_HIGH[ch];
    if (b === undefined) throw new Error(`${ch} not in the test's cp1252 table`);
    return b;
  });
}

/** A Cyrillic code page by inverting the platform decoder's upper half (right for these three). */
function codePage(encoding: 'windows-1251' | 'ibm866' | 'koi8-r', text: string): Uint8Array {
  const high = new TextDecoder(encoding).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
  return Uint8Array.from([...text], (ch) => {
    if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
    const i = high.indexOf(ch);
    if (i < 0) throw new Error(`${ch} is not in ${encoding}`);
    return 0x80 + i;
  });
}

// ---------------------------------------------------------------- checks

function expectRussian(las: ReturnType<typeof readLas>): void {
  expect(headerItem(las.well, 'WELL')?.value).toBe('Скважина 12-Сплошная');
  expect(headerItem(las.well, 'FLD')?.value).toBe('Самотлорское');
  expect(headerItem(las.well, 'STRT')?.description).toBe('Начальная глубина');
  expect(las.sets[0].curves.map((c) => [c.mnemonic, c.unit])).toEqual([['DEPT', 'M'], ['ПС', 'мВ'], ['ГК', 'мкР/ч']]);
  expect(values(curve(las, 'ПС'))).toEqual([12.5, NaN]);
  expect(values(curve(las, 'ГК'))).toEqual([4.1, 7.7]);
  expect(las.index).toMatchObject({ first: 1000, last: 1000.5 });
  expect(las.problems.filter((p) => p.severity !== 'info')).toEqual([]);
}

function expectWestern(las: ReturnType<typeof readLas>): void {
  expect(headerItem(las.well, 'COMP')).toMatchObject({ value: 'Société Générale – Forage', description: 'Compañía' });
  expect(headerItem(las.well, 'LOC')?.value).toBe('Nordsee 4° 12’');
  expect(headerItem(las.well, 'FEE')).toMatchObject({ unit: '€', value: '1200', description: 'coût' });
  expect(curve(las, 'TEMP').unit).toBe('°C');
  expect(values(curve(las, 'TEMP'))).toEqual([85.5, 86]);
}

describe('Unicode encodings, detected', () => {
  it.each([
    ['utf-8', false, utf8(RUSSIAN, false)],
    ['utf-8', true, utf8(RUSSIAN, true)],
    ['utf-16le', false, utf16(RUSSIAN, true, false)],
    ['utf-16le', true, utf16(RUSSIAN, true, true)],
    ['utf-16be', false, utf16(RUSSIAN, false, false)],
    ['utf-16be', true, utf16(RUSSIAN, false, true)],
    ['utf-32le', false, utf32(RUSSIAN, true, false)],
    ['utf-32le', true, utf32(RUSSIAN, true, true)],
    ['utf-32be', false, utf32(RUSSIAN, false, false)],
    ['utf-32be', true, utf32(RUSSIAN, false, true)],
  ] as const)('%s (BOM: %s)', (encoding, _bom, bytes) => {
    const las = readLas(bytes);
    expect(las.encoding).toBe(encoding);
    expectRussian(las);
    // The BOM is not part of the first section title or any value.
    expect(las.versionItems[0].mnemonic).toBe('VERS');
  });

  it('reads a Western UTF-8 file', () => {
    const las = readLas(utf8(WESTERN, false));
    expect(las.encoding).toBe('utf-8');
    expectWestern(las);
  });
});

describe('single-byte code pages, detected', () => {
  it.each(['windows-1251', 'ibm866', 'koi8-r'] as const)('%s: a Russian well name comes back right', (encoding) => {
    const las = readLas(codePage(encoding, RUSSIAN));
    expect(las.encoding).toBe(encoding);
    expectRussian(las);
  });

  it('windows-1252: accents, en dash, euro sign and curly quote', () => {
    const las = readLas(cp1252(WESTERN));
    expect(['windows-1252', 'iso-8859-1']).toContain(las.encoding);
    // Only windows-1252 has – ’ € at 0x80-0x9F, so those prove the right table.
    expect(las.encoding).toBe('windows-1252');
    expectWestern(las);
  });
});

describe('forced with the encoding option', () => {
  it.each([
    ['cp1251', 'windows-1251'], ['CP866', 'ibm866'], ['koi8-r', 'koi8-r'],
  ] as const)('%s', (name, canonical) => {
    const las = readLas(codePage(canonical, RUSSIAN), { encoding: name });
    expect(las.encoding).toBe(canonical);
    expectRussian(las);
  });

  it('cp1252', () => {
    const las = readLas(cp1252(WESTERN), { encoding: 'cp1252' });
    expect(las.encoding).toBe('windows-1252');
    expectWestern(las);
  });

  it('UTF-16 without a BOM, forced by byte order', () => {
    expectRussian(readLas(utf16(RUSSIAN, true, false), { encoding: 'utf-16le' }));
    expectRussian(readLas(utf16(RUSSIAN, false, false), { encoding: 'utf-16be' }));
  });

  it('UTF-8 with BOM, forced as utf-8: the BOM is skipped', () => {
    const las = readLas(utf8(RUSSIAN, true), { encoding: 'utf-8' });
    expect(las.versionItems[0].mnemonic).toBe('VERS');
    expectRussian(las);
  });

  it('forcing overrides detection: cp1251 bytes forced as koi8-r give koi8-r text', () => {
    const bytes = codePage('windows-1251', RUSSIAN);
    const las = readLas(bytes, { encoding: 'koi8-r' });
    expect(las.encoding).toBe('koi8-r');
    const well = headerItem(las.well, 'WELL')?.value;
    expect(well).not.toBe('Скважина 12-Сплошная');
    // Same bytes, decoded with the forced table, so the numbers are untouched.
    expect(values(las.sets[0].curves[2])).toEqual([4.1, 7.7]);
  });

  it('a string input is taken as already-decoded text whatever encoding is asked', () => {
    const las = readLas(RUSSIAN, { encoding: 'koi8-r' });
    expectRussian(las);
  });
});
