import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import {
  createDecoder,
  decodeLasBytes,
  detectEncoding,
  isAsciiCompatible,
  normalizeEncodingName,
} from '../../src/las/encoding.js';
import { LasError } from '../../src/las/errors.js';

// ---------------------------------------------------------------------------------------
// Byte builders. Unicode forms are built by hand from code points; code pages by inverting
// TextDecoder's table, checked below against bytes taken from the published tables.

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean, bom = false): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
}

function utf32(text: string, littleEndian: boolean, bom = false): Uint8Array {
  const cps = [...((bom ? '\ufeff' : '') + text)].map((ch) => ch.codePointAt(0) ?? 0);
  const out = new Uint8Array(cps.length * 4);
  const view = new DataView(out.buffer);
  cps.forEach((cp, i) => view.setUint32(4 * i, cp, littleEndian));
  return out;
}

/** Python's cp1252 for 0x80-0x9F (Node 20's TextDecoder gets these wrong; U+FFFD where unassigned). */
const CP1252_C1 = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

/** The 128 characters of a code page's upper half, from the platform (cp1252 from the table above). */
function upperHalf(encoding: string): string {
  if (encoding === 'windows-1252') return CP1252_C1 + new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i));
  return new TextDecoder(encoding).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
}

function codePage(encoding: string, text: string): Uint8Array {
  const high = upperHalf(encoding);
  return Uint8Array.from([...text], (ch) => {
    if (ch < '\u0080') return ch.charCodeAt(0);
    const i = high.indexOf(ch);
    if (i < 0 || ch === '\ufffd') throw new Error(`${ch} is not in ${encoding}`);
    return 0x80 + i;
  });
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const decodeWith = (encoding: string, bytes: Uint8Array): string => createDecoder(encoding).decode(bytes);

const LAS_HEADER = [
  '~Version information',
  ' VERS.   2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0',
  ' WRAP.   NO  : One line per depth step',
  '~Well information',
  ' STRT.M      1000.0 : START DEPTH',
  ' STOP.M      1100.0 : STOP DEPTH',
  ' NULL.       -999.25 : NULL VALUE',
  ' WELL.  Скважина 12 : WELL',
  ' FLD .  Самотлорское : FIELD',
  ' COMP.  ОАО Нефтегазгеофизика : COMPANY',
  '~Curve information',
  ' DEPT.M        : Глубина',
  ' PS  .мВ       : Потенциал самопроизвольной поляризации',
  ' PZ  .Ом.м     : Кажущееся сопротивление',
  ' GK  .мкР/ч    : Гамма-каротаж',
  '~A',
  ' 1000.0  12.5  4.1  7.7',
  '',
].join('\r\n');

// ---------------------------------------------------------------------------------------

describe('normalizeEncodingName', () => {
  it.each([
    ['cp1251', 'windows-1251'],
    ['CP-1251', 'windows-1251'],
    ['windows-1251', 'windows-1251'],
    ['WIN1251', 'windows-1251'],
    ['latin-1', 'iso-8859-1'],
    ['latin1', 'iso-8859-1'],
    ['ISO-8859-1', 'iso-8859-1'],
    ['iso_8859_1', 'iso-8859-1'],
    ['cp866', 'ibm866'],
    ['IBM866', 'ibm866'],
    ['koi8r', 'koi8-r'],
    ['KOI8-R', 'koi8-r'],
    ['utf8', 'utf-8'],
    ['UTF-8', 'utf-8'],
    ['utf-8-sig', 'utf-8'],
    ['ascii', 'utf-8'],
    ['UTF-16', 'utf-16le'],
    ['utf16le', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
    ['UTF-32', 'utf-32le'],
    ['utf_32_be', 'utf-32be'],
    ['cp1252', 'windows-1252'],
    ['Windows-1253', 'windows-1253'],
    ['ISO-8859-8', 'iso-8859-8'],
    ['gbk', 'gb18030'],
  ])('%s -> %s', (name, canonical) => {
    expect(normalizeEncodingName(name)).toBe(canonical);
  });

  it('rejects an unknown name with a LasError that lists the supported names', () => {
    let error: unknown;
    try {
      normalizeEncodingName('klingon-8');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LasError);
    expect((error as LasError).code).toBe('encoding-unknown');
    expect((error as LasError).message).toContain('klingon-8');
    for (const name of ['utf-8', 'windows-1251', 'ibm866', 'koi8-r', 'utf-32be']) {
      expect((error as LasError).message).toContain(name);
    }
  });

  it('every canonical name is accepted as itself and can be decoded', () => {
    let message = '';
    try {
      normalizeEncodingName('?');
    } catch (e) {
      message = (e as Error).message;
    }
    const names = message.slice(message.indexOf('supported: ') + 'supported: '.length).split(', ');
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      expect(normalizeEncodingName(name)).toBe(name);
      expect(() => createDecoder(name), name).not.toThrow();
      if (isAsciiCompatible(name)) expect(decodeWith(name, utf8('~VERSION')), name).toBe('~VERSION');
    }
  });
});

describe('isAsciiCompatible', () => {
  it('is true for UTF-8 and single-byte code pages', () => {
    for (const name of ['utf-8', 'ascii', 'windows-1251', 'cp866', 'koi8-r', 'latin1', 'windows-1252', 'iso-8859-8']) {
      expect(isAsciiCompatible(name), name).toBe(true);
    }
  });
  it('is false where a byte below 0x80 can be part of another character', () => {
    for (const name of ['utf-16le', 'utf-16be', 'UTF-32', 'utf-32be', 'gbk', 'shift_jis']) {
      expect(isAsciiCompatible(name), name).toBe(false);
    }
  });
});

describe('code-page byte builders (checked against the published tables)', () => {
  it('spells Скважина as the tables do', () => {
    expect([...codePage('windows-1251', 'Скважина')]).toEqual([0xd1, 0xea, 0xe2, 0xe0, 0xe6, 0xe8, 0xed, 0xe0]);
    expect([...codePage('ibm866', 'Скважина')]).toEqual([0x91, 0xaa, 0xa2, 0xa0, 0xa6, 0xa8, 0xad, 0xa0]);
    expect([...codePage('koi8-r', 'Скважина')]).toEqual([0xf3, 0xcb, 0xd7, 0xc1, 0xd6, 0xc9, 0xce, 0xc1]);
  });
});

describe('detectEncoding: byte-order marks', () => {
  const text = '~VERSION\r\n WELL.  Скважина 12 : WELL\r\n';
  it.each([
    ['utf-8', concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(text)), 3],
    ['utf-16le', utf16(text, true, true), 2],
    ['utf-16be', utf16(text, false, true), 2],
    ['utf-32le', utf32(text, true, true), 4],
    ['utf-32be', utf32(text, false, true), 4],
  ])('%s', (encoding, bytes, bomLength) => {
    const detected = detectEncoding(bytes);
    expect(detected).toEqual({ encoding, bomLength, how: 'bom' });
    expect(decodeWith(detected.encoding, bytes.subarray(detected.bomLength))).toBe(text);
  });

  it('reads FF FE 00 00 as a UTF-32LE mark, not as UTF-16LE', () => {
    // Decoding this as UTF-16LE would give `\0~\0V...`.
    const bytes = utf32('~V', true, true);
    expect(detectEncoding(bytes).encoding).toBe('utf-32le');
  });
});

describe('detectEncoding: UTF-16/32 without BOM', () => {
  it.each([
    ['utf-16le', utf16(LAS_HEADER, true)],
    ['utf-16be', utf16(LAS_HEADER, false)],
    ['utf-32le', utf32(LAS_HEADER, true)],
    ['utf-32be', utf32(LAS_HEADER, false)],
  ])('%s by its NUL pattern, Cyrillic included', (encoding, bytes) => {
    expect(detectEncoding(bytes)).toEqual({ encoding, bomLength: 0, how: 'utf-16/32-pattern' });
    expect(decodeWith(encoding, bytes)).toBe(LAS_HEADER);
  });

  it('recognises a file that is nothing but Cyrillic in UTF-16LE (no NUL bytes in ASCII range)', () => {
    const bytes = utf16('~W\nСкважина Самотлорская Нефтегазгеофизика\n', true);
    expect(detectEncoding(bytes).encoding).toBe('utf-16le');
  });
});

describe('detectEncoding: ASCII and UTF-8', () => {
  it('calls pure ASCII utf-8', () => {
    expect(detectEncoding(utf8('~VERSION\n VERS. 2.0 :\n'))).toEqual({ encoding: 'utf-8', bomLength: 0, how: 'ascii' });
  });
  it('calls an empty head utf-8', () => {
    expect(detectEncoding(new Uint8Array(0)).encoding).toBe('utf-8');
  });
  it('recognises valid UTF-8', () => {
    const bytes = utf8(LAS_HEADER);
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 0, how: 'utf-8' });
  });
  it('still says UTF-8 when the 64 KiB head cuts a character in two', () => {
    const bytes = utf8('DEPT.M  : Глубина');
    const cut = bytes.subarray(0, bytes.length - 1); // last byte of `а` missing
    expect(detectEncoding(cut).encoding).toBe('utf-8');
  });
  it('prefers UTF-8 to Latin-1 for µ written as C2 B5 (lasio/chardet read it as `Âµ`)', () => {
    const bytes = utf8("~Curve\n 3'TRA .µS   : 3 Foot Transit Time\n");
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
  });
});

describe('detectEncoding: Cyrillic code pages', () => {
  it.each(['windows-1251', 'ibm866', 'koi8-r'])('a Russian LAS header in %s', (encoding) => {
    const bytes = codePage(encoding, LAS_HEADER);
    const detected = detectEncoding(bytes);
    expect(detected).toEqual({ encoding, bomLength: 0, how: 'detected' });
    expect(decodeWith(detected.encoding, bytes)).toBe(LAS_HEADER);
  });

  it.each(['windows-1251', 'ibm866', 'koi8-r'])('a single line `WELL.  Скважина 12 : WELL` in %s', (encoding) => {
    const bytes = codePage(encoding, '~W\r\n WELL.  Скважина 12 : WELL\r\n STRT.M  1000 :\r\n');
    expect(detectEncoding(bytes).encoding).toBe(encoding);
  });

  it.each(['windows-1251', 'ibm866', 'koi8-r'])('an all-capitals well name in %s', (encoding) => {
    const bytes = codePage(encoding, ' WELL.  СКВАЖИНА 12 : WELL\n FLD .  САМОТЛОР : FIELD\n');
    expect(detectEncoding(bytes).encoding).toBe(encoding);
  });

  it('three letters are enough: `Скв #12` in ibm866 (chardet says windows-1252)', () => {
    const bytes = concat(utf8(' WELL.    '), Uint8Array.of(0x91, 0xaa, 0xa2), utf8(' #12     :WELL\n'));
    expect(detectEncoding(bytes).encoding).toBe('ibm866');
  });

  it('units with mixed case (`МПа`, `мВ`) do not count against windows-1251', () => {
    const bytes = codePage('windows-1251', ' PRES.МПа  12.5 : Давление\n PS  .мВ   : ПС\n');
    expect(detectEncoding(bytes).encoding).toBe('windows-1251');
  });
});

describe('detectEncoding: Western and other single-byte files', () => {
  it('degree signs and µ in a Western file are windows-1252, not Cyrillic', () => {
    const bytes = codePage('windows-1252', [
      '~Well',
      " LATI .DEG     37° 13' 5.029\" N : LATITUDE",
      ' BHT1.DEGF     111ºF : MAXIMUM RECORDED TEMPERATURE',
      ' SP_COND.µS/CM       : SP COND',
      '',
    ].join('\r\n'));
    const detected = detectEncoding(bytes);
    expect(detected).toEqual({ encoding: 'windows-1252', bomLength: 0, how: 'detected' });
    expect(decodeWith(detected.encoding, bytes)).toContain('37° 13');
  });

  it('an en dash (0x96) decodes as windows-1252 does', () => {
    const bytes = concat(utf8(' R3 .  INDUCTION LOG '), Uint8Array.of(0x96), utf8(' DESCENT #1 : Remarks\n'));
    const detected = detectEncoding(bytes);
    expect(decodeWith(detected.encoding, bytes)).toContain('INDUCTION LOG – DESCENT');
  });

  it('accented Latin words are not mistaken for Cyrillic', () => {
    const bytes = codePage('windows-1252', ' COMP.  Société Générale de Géophysique : COMPANY\n FLD .  Müller Feld : FIELD\n');
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
  });

  it('falls back to windows-1252 for a stray high byte that nothing explains', () => {
    const bytes = concat(utf8(' WELL.  A'), Uint8Array.of(0xff), utf8(' : WELL\n'));
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
  });
});

describe('detectEncoding: other scripts chardet knows', () => {
  it.each(['windows-1250', 'iso-8859-2'])('a Polish header in %s', (encoding) => {
    const text = [
      ' COMP.  Przedsiębiorstwo Poszukiwań Naftowych : COMPANY',
      ' FLD .  Zielona Góra : FIELD',
      ' LOC .  Łódź, województwo łódzkie : LOCATION',
      ' SRVC.  Geofizyka Kraków : SERVICE',
      '~Curve',
      ' GR  .API : Naturalne promieniowanie gamma',
      '',
    ].join('\r\n');
    const bytes = codePage(encoding, text);
    expect(detectEncoding(bytes).encoding).toBe(encoding);
    expect(decodeWith(encoding, bytes)).toBe(text);
  });

  it('a Chinese header in GBK', () => {
    const gbk = new TextDecoder('gbk');
    const table = new Map<string, number[]>();
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const ch = gbk.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    const text = [
      '~Well Information',
      ' STRT.M   1000.0 : 起始深度',
      ' STOP.M   2000.0 : 终止深度',
      ' NULL.    -9999 : 空值',
      ' COMP.    大庆油田测井公司 : 公司名称',
      ' WELL.    杏12-3-45 : 井号',
      '~Curve Information',
      ' DEPT.M   : 深度',
      ' GR  .API : 自然伽马',
      ' SP  .MV  : 自然电位',
      ' AC  .US/M : 声波时差',
      '',
    ].join('\n');
    const bytes = Uint8Array.from([...text].flatMap((ch) => (ch < '\u0080' ? [ch.charCodeAt(0)] : (table.get(ch) ?? []))));
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(decodeWith('gb18030', bytes)).toBe(text);
  });

  it('looks at the first 64 KiB only', () => {
    const ascii = utf8(' 1000.0  12.5\n'.repeat(5000)); // 70 000 bytes
    const bytes = concat(ascii, codePage('windows-1251', ' Скважина Самотлорская\n'));
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 0, how: 'ascii' });
    expect(detectEncoding(bytes.subarray(ascii.length - 1000)).encoding).toBe('windows-1251');
  });
});

describe('detectEncoding: forced', () => {
  const cp866 = codePage('ibm866', LAS_HEADER);

  it('uses the forced encoding even when detection would say otherwise', () => {
    expect(detectEncoding(cp866, 'cp1251')).toEqual({ encoding: 'windows-1251', bomLength: 0, how: 'forced' });
  });
  it('skips a BOM that matches the forced encoding', () => {
    const bytes = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('~V\n'));
    expect(detectEncoding(bytes, 'utf-8-sig')).toEqual({ encoding: 'utf-8', bomLength: 3, how: 'forced' });
    expect(detectEncoding(bytes, 'UTF8')).toEqual({ encoding: 'utf-8', bomLength: 3, how: 'forced' });
  });
  it('keeps bytes that look like another encoding’s BOM', () => {
    const bytes = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('~V\n'));
    const detected = detectEncoding(bytes, 'windows-1251');
    expect(detected.bomLength).toBe(0);
    expect(decodeWith(detected.encoding, bytes)).toBe('п»ї~V\n');
    expect(detectEncoding(utf16('~V', false, true), 'utf-16le').bomLength).toBe(0);
  });
  it('lets the BOM or NUL pattern choose the byte order for plain `UTF-16` / `UTF-32`', () => {
    expect(detectEncoding(utf16('~V\n', false, true), 'UTF-16')).toEqual({ encoding: 'utf-16be', bomLength: 2, how: 'forced' });
    expect(detectEncoding(utf16(LAS_HEADER, false), 'UTF-16')).toEqual({ encoding: 'utf-16be', bomLength: 0, how: 'forced' });
    expect(detectEncoding(utf16('~V\n', true, true), 'utf16')).toEqual({ encoding: 'utf-16le', bomLength: 2, how: 'forced' });
    expect(detectEncoding(utf32('~V\n', false, true), 'UTF-32')).toEqual({ encoding: 'utf-32be', bomLength: 4, how: 'forced' });
    expect(detectEncoding(utf8('~V\n'), 'UTF-32')).toEqual({ encoding: 'utf-32le', bomLength: 0, how: 'forced' });
  });
  it('but not for an explicit byte order', () => {
    expect(detectEncoding(utf16(LAS_HEADER, false), 'utf-16le').encoding).toBe('utf-16le');
  });
  it('rejects an unknown forced name', () => {
    expect(() => detectEncoding(cp866, 'cp-9999')).toThrow(LasError);
  });
});

describe('createDecoder', () => {
  /** Feeds the bytes in two chunks split at `at`, streaming, then flushes. */
  function decodeSplit(encoding: string, bytes: Uint8Array, at: number): string {
    const decoder = createDecoder(encoding);
    return (
      decoder.decode(bytes.subarray(0, at), { stream: true }) +
      decoder.decode(bytes.subarray(at), { stream: true }) +
      decoder.decode(new Uint8Array(0))
    );
  }

  const sample = 'GK .мкР/ч : € 😀 ~A';
  it.each([
    ['utf-8', utf8(sample)],
    ['utf-16le', utf16(sample, true)],
    ['utf-16be', utf16(sample, false)],
    ['utf-32le', utf32(sample, true)],
    ['utf-32be', utf32(sample, false)],
  ])('%s decodes across every chunk boundary, multi-byte characters split included', (encoding, bytes) => {
    for (let at = 0; at <= bytes.length; at++) {
      expect(decodeSplit(encoding, bytes, at), `split at ${at}`).toBe(sample);
    }
  });

  it('UTF-32 streams byte by byte', () => {
    const bytes = utf32(sample, false);
    const decoder = createDecoder('utf-32be');
    let text = '';
    for (let i = 0; i < bytes.length; i++) text += decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    expect(text + decoder.decode(new Uint8Array(0))).toBe(sample);
  });

  it('UTF-32 turns a truncated final character and invalid code points into U+FFFD', () => {
    expect(decodeWith('utf-32le', concat(utf32('A', true), Uint8Array.of(0x42, 0x00)))).toBe('A\ufffd');
    expect(decodeWith('utf-32le', Uint8Array.of(0x00, 0xd8, 0x00, 0x00, 0x41, 0, 0, 0))).toBe('\ufffdA');
    expect(decodeWith('utf-32be', Uint8Array.of(0x00, 0x11, 0x00, 0x00))).toBe('\ufffd');
  });

  it('UTF-32 decoder is reusable after a final (non-streaming) call', () => {
    const decoder = createDecoder('utf-32le');
    expect(decoder.decode(Uint8Array.of(0x41, 0, 0), { stream: true })).toBe('');
    expect(decoder.decode(new Uint8Array(0))).toBe('\ufffd');
    expect(decoder.decode(utf32('B', true))).toBe('B');
  });

  it('ISO-8859-1 is Latin-1 proper: 0x80-0x9F are C1 controls, unlike windows-1252', () => {
    const bytes = Uint8Array.of(0x80, 0x96, 0xb0, 0xe9, 0xff);
    expect(decodeWith('latin1', bytes)).toBe('\u0080\u0096°éÿ');
    expect(decodeWith('windows-1252', bytes)).toBe('€–°éÿ');
  });

  it('windows-1252 decodes 0x80-0x9F as the published table says (Node 20’s TextDecoder does not)', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const python = CP1252_C1.replace(/\ufffd/g, '');
    expect(decodeWith('cp1252', bytes).replace(/[\u0081\u008d\u008f\u0090\u009d]/g, '')).toBe(python);
  });

  it('ibm866 keeps ASCII control bytes as they are (ICU rotates 0x1A, 0x1C, 0x7F)', () => {
    // DOS files often end with Ctrl-Z (0x1A); it must come out as U+001A to be recognised.
    expect(decodeWith('cp866', Uint8Array.of(0x41, 0x1a, 0x1c, 0x7f))).toBe('A\u001a\u001c\u007f');
  });

  it('decodes the Cyrillic code pages with the standard tables', () => {
    expect(decodeWith('cp1251', Uint8Array.of(0xd1, 0xea, 0xe2))).toBe('Скв');
    expect(decodeWith('cp866', Uint8Array.of(0x91, 0xaa, 0xa2))).toBe('Скв');
    expect(decodeWith('koi8-r', Uint8Array.of(0xf3, 0xcb, 0xd7))).toBe('Скв');
  });

  it('does not strip a BOM itself (the caller skips bomLength bytes)', () => {
    expect(decodeWith('utf-8', concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('A')))).toBe('\ufeffA');
    expect(decodeWith('utf-16le', utf16('A', true, true))).toBe('\ufeffA');
  });
});

describe('decodeLasBytes', () => {
  it('detects, skips the BOM and decodes', () => {
    const { text, detected } = decodeLasBytes(utf16(LAS_HEADER, false, true));
    expect(detected).toEqual({ encoding: 'utf-16be', bomLength: 2, how: 'bom' });
    expect(text).toBe(LAS_HEADER);
  });
  it('honours a forced encoding', () => {
    const bytes = codePage('koi8-r', LAS_HEADER);
    expect(decodeLasBytes(bytes, 'koi8r').text).toBe(LAS_HEADER);
    expect(decodeLasBytes(bytes, 'cp1251').text).not.toBe(LAS_HEADER);
  });
});

// ---------------------------------------------------------------------------------------
// Corpus: our detection against what lasio (Python chardet) chose, judged by the decoded
// header text, which is what a user sees.

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const LAS_DIR = join(CORPUS, 'las');
const EXPECTED_DIR = join(CORPUS, 'lasio-expected');
const HEADER_LINES = 200;
/** Enough bytes for 200 header lines in any of the corpus encodings. */
const HEADER_BYTES = 1 << 20;

if (!existsSync(EXPECTED_DIR)) {
  console.warn(`encoding.test: corpus not found at ${CORPUS}; skipping the corpus comparison`);
}

/** Where Python chardet is plainly wrong; we differ on purpose. `bytes` occur in the file and read as `reads` in ours. */
const LASIO_WRONG: Record<string, { lasio: string; ours: string; bytes: number[]; reads: string; why: string }> = {
  'softlandia__glasio/data/expand_points_01.las': {
    lasio: 'Windows-1253', ours: 'ibm866', bytes: [0x91, 0xaf, 0xab, 0xae, 0xe8, 0xad, 0xa0, 0xef], reads: 'Сплошная',
    why: 'a Russian well name in DOS cp866; as Greek it reads ‘―«®θ­ ο',
  },
  'softlandia__glasio/examples/lasin/ex01.las': {
    lasio: 'Windows-1253', ours: 'ibm866', bytes: [0x91, 0xaf, 0xab, 0xae, 0xe8, 0xad, 0xa0, 0xef], reads: 'Сплошная',
    why: 'same header as expand_points_01.las',
  },
  'softlandia__glasio/examples/simple/ex01+.las': {
    lasio: 'ISO-8859-8', ours: 'windows-1251', bytes: [0xd1, 0xef, 0xeb, 0xee, 0xf8, 0xed, 0xe0, 0xff], reads: 'Сплошная',
    why: 'the same well name in cp1251; as Hebrew it is mostly undefined bytes',
  },
  'softlandia__glasio/test_files/warning-test-files/01-STOP-02.las': {
    lasio: 'Windows-1252', ours: 'ibm866', bytes: [0x91, 0xaa, 0xa2], reads: 'Скв',
    why: '`Скв #12` (well #12) in cp866; as windows-1252 it reads ‘ª¢',
  },
  'kinverarity1__lasio/tests/examples/issue79.las': {
    lasio: 'ISO-8859-1', ours: 'utf-8', bytes: [0x2e, 0xc2, 0xb5, 0x53], reads: '.µS',
    why: 'valid UTF-8 `µS` (the file\'s only high bytes); Latin-1 turns it into `Âµ`',
  },
  'agilescientific__LASinfections/examples/ex4_1044782786.las': {
    lasio: 'ascii', ours: 'windows-1252', bytes: [0xb0, 0x2f, 0x31, 0x30, 0x30], reads: '°/100',
    why: 'dog-leg severity unit °/100\'; lasio\'s ascii decoding replaced ° with U+FFFD',
  },
  'thumatiramesh__wellrecordarchiver-softsuave/files-to-index/Dips/Raw/1AA063409108W400_FMI_SONIC_REPEAT.las': {
    lasio: 'ascii', ours: 'windows-1252', bytes: [0x47, 0x20, 0x96, 0x20, 0x44], reads: 'G – D',
    why: 'a windows-1252 en dash in `INDUCTION LOG – DESCENT`; lasio\'s ascii decoding replaced it',
  },
};

function listExpected(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.json(\.gz)?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** lasio's encoding from the start of its JSON (the key comes first; the big files are gzipped). */
function lasioEncoding(jsonPath: string): string | null {
  const raw = readFileSync(jsonPath);
  const head = jsonPath.endsWith('.gz')
    ? gunzipSync(raw.subarray(0, 4096), { finishFlush: zlibConstants.Z_SYNC_FLUSH })
    : raw.subarray(0, 4096);
  const m = /"encoding":\s*(null|"([^"]*)")/.exec(head.toString('utf8'));
  if (!m) throw new Error(`no encoding key in ${jsonPath}`);
  return m[2] ?? null;
}

function firstLines(text: string, n: number): string {
  return text.split('\n').slice(0, n).join('\n');
}

function fromCodes(codes: number[]): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

/** Decodes as Python's codec of that name does with errors='replace' (written independently of src/). */
function decodeLikePython(codec: string, bytes: Uint8Array): string {
  const startsWith = (...b: number[]): boolean => b.every((x, i) => bytes[i] === x);
  const text = (encoding: string, from = 0): string =>
    new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(from), { stream: true });
  switch (codec.toLowerCase()) {
    case 'ascii':
      return fromCodes(Array.from(bytes, (b) => (b < 0x80 ? b : 0xfffd)));
    case 'iso-8859-1':
      return fromCodes(Array.from(bytes));
    case 'utf-8-sig':
      return text('utf-8', startsWith(0xef, 0xbb, 0xbf) ? 3 : 0);
    case 'utf-16':
      return startsWith(0xfe, 0xff) ? text('utf-16be', 2) : text('utf-16le', startsWith(0xff, 0xfe) ? 2 : 0);
    case 'utf-32': {
      const be = startsWith(0, 0, 0xfe, 0xff);
      const from = be || startsWith(0xff, 0xfe, 0, 0) ? 4 : 0;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let out = '';
      for (let i = from; i + 4 <= bytes.length; i += 4) out += String.fromCodePoint(view.getUint32(i, !be));
      return out;
    }
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be':
      return text(codec.toLowerCase());
    default: {
      // A single-byte code page: ASCII below 0x80, the code page's table above.
      const high = upperHalf(codec.toLowerCase());
      return fromCodes(Array.from(bytes, (b) => (b < 0x80 ? b : high.charCodeAt(b - 0x80))));
    }
  }
}

describe.skipIf(!existsSync(EXPECTED_DIR))('corpus: detection equivalent to lasio where the header text is concerned', () => {
  // A skipped describe still runs its body to collect tests: list nothing when the corpus is absent.
  const rows = (existsSync(EXPECTED_DIR) ? listExpected(EXPECTED_DIR) : []).map((jsonPath) => {
    const file = relative(EXPECTED_DIR, jsonPath).replace(/\.json(\.gz)?$/, '');
    return { file, lasio: lasioEncoding(jsonPath) };
  });

  it('finds the corpus', () => {
    expect(rows.length).toBeGreaterThan(300);
  });

  it('never throws on any corpus file, empty and non-LAS ones included', () => {
    for (const { file } of rows) {
      const bytes = new Uint8Array(readFileSync(join(LAS_DIR, file)));
      expect(() => decodeLasBytes(bytes), file).not.toThrow();
    }
  });

  it('decodes the first 200 lines of every file exactly as lasio’s encoding does, except where lasio is wrong', () => {
    const results = rows
      .filter((r): r is { file: string; lasio: string } => r.lasio !== null)
      .map(({ file, lasio }) => {
        const all = new Uint8Array(readFileSync(join(LAS_DIR, file)));
        const bytes = all.subarray(0, HEADER_BYTES);
        const detected = detectEncoding(all.subarray(0, 64 * 1024));
        const ours = firstLines(
          createDecoder(detected.encoding).decode(bytes.subarray(detected.bomLength), { stream: true }),
          HEADER_LINES,
        );
        const theirs = firstLines(decodeLikePython(lasio, bytes), HEADER_LINES);
        return { file, lasio, ours: detected.encoding, how: detected.how, same: ours === theirs, text: ours, theirs, all };
      });

    const table = new Map<string, { agree: number; differ: number }>();
    for (const r of results) {
      const key = `${r.lasio} -> ${r.ours}`;
      const t = table.get(key) ?? { agree: 0, differ: 0 };
      if (r.same) t.agree++;
      else t.differ++;
      table.set(key, t);
    }
    const agreeing = results.filter((r) => r.same).length;
    console.log(
      [
        `encoding: ${agreeing}/${results.length} corpus files decode to the same header text as lasio`,
        '  lasio (Python chardet) -> ours        agree differ',
        ...[...table].sort().map(([k, t]) => `  ${k.padEnd(36)} ${String(t.agree).padStart(5)} ${String(t.differ).padStart(6)}`),
        ...results.filter((r) => !r.same).map((r) => `  differs: ${r.file} (${r.lasio} vs ${r.ours}): ${LASIO_WRONG[r.file]?.why ?? 'UNEXPLAINED'}`),
      ].join('\n'),
    );

    const unexplained = results.filter((r) => !r.same && !LASIO_WRONG[r.file]).map((r) => `${r.file}: lasio ${r.lasio}, ours ${r.ours}`);
    expect(unexplained).toEqual([]);

    for (const [file, wrong] of Object.entries(LASIO_WRONG)) {
      const r = results.find((x) => x.file === file);
      expect(r, `${file} is in the corpus with a lasio encoding`).toBeDefined();
      if (!r) continue;
      expect(r.lasio).toBe(wrong.lasio);
      expect(r.ours, file).toBe(wrong.ours);
      const at = r.all.findIndex((_, i) => wrong.bytes.every((b, j) => r.all[i + j] === b));
      expect(at, `${file} holds the evidence bytes`).toBeGreaterThanOrEqual(0);
      expect(decodeWith(wrong.ours, Uint8Array.from(wrong.bytes))).toBe(wrong.reads);
      expect(r.text).toContain(wrong.reads);
      expect(r.theirs).not.toContain(wrong.reads);
    }
  });
});
