/**
 * The text-encoding layer of the LAS reader: name the encoding of a file's bytes and
 * decode them. Pure TypeScript (TextDecoder plus the decoders in text-decoders.ts), so it
 * runs in the browser too.
 *
 * Detection order, first match wins:
 *   1. a BOM (UTF-8; UTF-32 LE/BE before UTF-16 LE/BE, since `FF FE 00 00` starts with `FF FE`);
 *   2. UTF-32 / UTF-16 without BOM, by where the NUL bytes fall (LAS is ASCII-heavy, so
 *      UTF-16LE looks like `~\0V\0`);
 *   3. only ASCII bytes: 'utf-8';
 *   4. valid UTF-8;
 *   5. a Cyrillic code page, when the high bytes read as Russian words (see encoding-cyrillic.ts);
 *   6. what chardet says, kept only when it is a plausible answer for a LAS file;
 *   7. windows-1252.
 */
import { analyse } from 'chardet';
import { highByteLines, isAsciiBytes } from './byte-scan.js';
import { LasError } from './errors.js';
import { detectCyrillic } from './encoding-cyrillic.js';
import { SingleByteDecoder, Utf32Decoder, type TextDecoderLike } from './text-decoders.js';

export type { TextDecoderLike } from './text-decoders.js';

export interface DetectedEncoding {
  /** Canonical label, as {@link normalizeEncodingName} returns it. */
  encoding: string;
  /** Bytes of byte-order mark to skip before decoding. */
  bomLength: number;
  how: 'bom' | 'ascii' | 'utf-8' | 'detected' | 'forced' | 'utf-16/32-pattern';
}

/** Detection looks at this many bytes from the start of the file; callers pass no more. */
export const DETECTION_HEAD_BYTES = 64 * 1024;

type EncodingKind = 'unicode' | 'single-byte' | 'multi-byte';

/** Canonical label -> what kind of encoding it is. */
const ENCODINGS: Record<string, EncodingKind> = {
  'utf-8': 'unicode',
  'utf-16le': 'unicode',
  'utf-16be': 'unicode',
  'utf-32le': 'unicode',
  'utf-32be': 'unicode',
  'windows-1250': 'single-byte',
  'windows-1251': 'single-byte',
  'windows-1252': 'single-byte',
  'windows-1253': 'single-byte',
  'windows-1254': 'single-byte',
  'windows-1255': 'single-byte',
  'windows-1256': 'single-byte',
  'windows-1257': 'single-byte',
  'windows-1258': 'single-byte',
  'windows-874': 'single-byte',
  'iso-8859-1': 'single-byte',
  'iso-8859-2': 'single-byte',
  'iso-8859-3': 'single-byte',
  'iso-8859-4': 'single-byte',
  'iso-8859-5': 'single-byte',
  'iso-8859-6': 'single-byte',
  'iso-8859-7': 'single-byte',
  'iso-8859-8': 'single-byte',
  'iso-8859-10': 'single-byte',
  'iso-8859-13': 'single-byte',
  'iso-8859-14': 'single-byte',
  'iso-8859-15': 'single-byte',
  ibm866: 'single-byte',
  'koi8-r': 'single-byte',
  'koi8-u': 'single-byte',
  'x-mac-cyrillic': 'single-byte',
  macintosh: 'single-byte',
  gb18030: 'multi-byte',
  big5: 'multi-byte',
  shift_jis: 'multi-byte',
  'euc-jp': 'multi-byte',
  'euc-kr': 'multi-byte',
};

/** Aliases, keyed by the name lower-cased with everything but letters and digits removed. */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  utf8sig: 'utf-8',
  unicode11utf8: 'utf-8',
  // ASCII files are valid UTF-8, and UTF-8 turns stray high bytes into U+FFFD as Python's
  // `ascii` codec with errors='replace' does (WHATWG would decode them as windows-1252).
  ascii: 'utf-8',
  usascii: 'utf-8',
  // Without an order mark to say otherwise, UTF-16 and UTF-32 mean little-endian (WHATWG, Windows).
  utf16: 'utf-16le',
  utf16le: 'utf-16le',
  ucs2: 'utf-16le',
  unicode: 'utf-16le',
  utf16be: 'utf-16be',
  unicodefffe: 'utf-16be',
  utf32: 'utf-32le',
  utf32le: 'utf-32le',
  ucs4: 'utf-32le',
  utf32be: 'utf-32be',
  // ISO-8859-1 proper (bytes 0x80-0x9F are C1 controls), not WHATWG's alias for windows-1252.
  latin1: 'iso-8859-1',
  l1: 'iso-8859-1',
  cp819: 'iso-8859-1',
  ibm819: 'iso-8859-1',
  iso88591: 'iso-8859-1',
  iso885911987: 'iso-8859-1',
  latin2: 'iso-8859-2',
  l2: 'iso-8859-2',
  cyrillic: 'iso-8859-5',
  greek: 'iso-8859-7',
  hebrew: 'iso-8859-8',
  // WHATWG decodes ISO-8859-9 and -11 with their Windows supersets.
  iso88599: 'windows-1254',
  latin5: 'windows-1254',
  iso885911: 'windows-874',
  tis620: 'windows-874',
  cp866: 'ibm866',
  ibm866: 'ibm866',
  '866': 'ibm866',
  csibm866: 'ibm866',
  dos866: 'ibm866',
  koi8: 'koi8-r',
  koi8r: 'koi8-r',
  koi8u: 'koi8-u',
  maccyrillic: 'x-mac-cyrillic',
  xmaccyrillic: 'x-mac-cyrillic',
  mac: 'macintosh',
  macroman: 'macintosh',
  macintosh: 'macintosh',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
  big5: 'big5',
  cp950: 'big5',
  shiftjis: 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  eucjp: 'euc-jp',
  euckr: 'euc-kr',
  cp949: 'euc-kr',
};
for (const n of [1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258]) {
  for (const prefix of ['windows', 'cp', 'win', 'ms', 'x-cp']) ALIASES[`${prefix}${n}`.replace(/-/g, '')] = `windows-${n}`;
}
ALIASES.windows874 = 'windows-874';
ALIASES.cp874 = 'windows-874';
for (const n of [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15]) ALIASES[`iso8859${n}`] = `iso-8859-${n}`;

const aliasKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Accepts the usual spellings (`cp1251`, `CP-1251`, `latin-1`, `IBM866`, `utf-8-sig`, `UTF-16`, ...). */
export function normalizeEncodingName(name: string): string {
  const canonical = ALIASES[aliasKey(name)];
  if (canonical === undefined) {
    throw new LasError(
      'encoding-unknown',
      `Unknown text encoding "${name}"; supported: ${Object.keys(ENCODINGS).join(', ')}`,
    );
  }
  return canonical;
}

/** True when every byte below 0x80 is that ASCII character, so lines can be split on bytes. */
export function isAsciiCompatible(encoding: string): boolean {
  const canonical = normalizeEncodingName(encoding);
  return canonical === 'utf-8' || ENCODINGS[canonical] === 'single-byte';
}

/**
 * A decoder for one file. BOMs are NOT stripped here (callers skip `bomLength` bytes, so a
 * BOM is handled in exactly one place); pass `{ stream: true }` for every chunk but the last.
 */
export function createDecoder(encoding: string): TextDecoderLike {
  const canonical = normalizeEncodingName(encoding);
  if (canonical === 'utf-32le' || canonical === 'utf-32be') return new Utf32Decoder(canonical === 'utf-32le');
  try {
    if (ENCODINGS[canonical] === 'single-byte') return new SingleByteDecoder(canonical);
    return new TextDecoder(canonical, { ignoreBOM: true });
  } catch (e) {
    // A runtime built without full ICU knows only UTF-8/16.
    throw new LasError('encoding-unsupported', `This runtime cannot decode ${canonical}: ${(e as Error).message}`);
  }
}

const BOMS: { encoding: string; bytes: number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-32le', bytes: [0xff, 0xfe, 0x00, 0x00] },
  { encoding: 'utf-32be', bytes: [0x00, 0x00, 0xfe, 0xff] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

const startsWith = (head: Uint8Array, bytes: number[]): boolean =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

function bomOf(head: Uint8Array): { encoding: string; length: number } | null {
  const bom = BOMS.find((b) => startsWith(head, b.bytes));
  return bom ? { encoding: bom.encoding, length: bom.bytes.length } : null;
}

/** How much of the head the NUL-pattern test reads: plenty for a LAS header line or two. */
const PATTERN_SAMPLE_BYTES = 4096;

/** Share of NUL bytes, and of the two commonest byte values, at one position of a code unit. */
function positionStats(head: Uint8Array, n: number, width: number, position: number): { nul: number; top2: number } {
  const counts = new Uint32Array(256);
  for (let i = position; i < n; i += width) counts[head[i]]++;
  const total = n / width;
  const sorted = [...counts].sort((a, b) => b - a);
  return { nul: counts[0] / total, top2: (sorted[0] + sorted[1]) / total };
}

/**
 * UTF-16/32 without BOM, from where the NUL bytes fall. Text in a single-byte or UTF-8
 * file has no NULs at all, so the bars can be low. A BMP character in UTF-32 always has
 * two NUL bytes; in UTF-16 the high byte is NUL for ASCII and one or two values (0x04 for
 * Cyrillic) for the rest, while the low byte varies.
 */
function unicodeByNulPattern(head: Uint8Array): string | null {
  // Single-byte and UTF-8 text has no NUL bytes: most files stop here.
  if (head.subarray(0, PATTERN_SAMPLE_BYTES).indexOf(0) === -1) return null;
  const n32 = Math.min(head.length, PATTERN_SAMPLE_BYTES) & ~3;
  if (n32 >= 8) {
    const at = [0, 1, 2, 3].map((p) => positionStats(head, n32, 4, p).nul);
    if (at[2] > 0.95 && at[3] > 0.95 && at[0] < 0.5) return 'utf-32le';
    if (at[0] > 0.95 && at[1] > 0.95 && at[3] < 0.5) return 'utf-32be';
  }
  const n16 = Math.min(head.length, PATTERN_SAMPLE_BYTES) & ~1;
  if (n16 >= 4) {
    const even = positionStats(head, n16, 2, 0);
    const odd = positionStats(head, n16, 2, 1);
    const isHighByte = (high: { nul: number; top2: number }, low: { nul: number }): boolean =>
      low.nul <= 0.05 && (high.nul >= 0.3 || (high.nul >= 0.02 && high.top2 >= 0.9));
    if (isHighByte(odd, even)) return 'utf-16le';
    if (isHighByte(even, odd)) return 'utf-16be';
  }
  return null;
}

function isUtf8(head: Uint8Array): boolean {
  try {
    // stream: a character cut at the end of the head is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * chardet's answers that make sense for a LAS file, in our labels. Its Cyrillic answers
 * are left out (encoding-cyrillic.ts decides those far better on short headers), and so
 * are Greek, Hebrew, Arabic, Baltic, Vietnamese, Thai, Japanese and Korean: in LAS files
 * they are mis-detections of Western or Cyrillic text.
 */
const CHARDET_ANSWERS: Record<string, string> = {
  'ISO-8859-1': 'windows-1252', // windows-1252 is its superset and what Windows wrote
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'ISO-8859-9': 'windows-1254',
  'windows-1254': 'windows-1254',
  GB18030: 'gb18030',
};
/** chardet's multi-byte recognisers report 10 for "a few valid pairs"; that is no evidence. */
const MIN_MULTI_BYTE_CONFIDENCE = 50;

/** chardet reads this much of the high-byte lines: plenty, and it is slow on more. */
const CHARDET_SAMPLE_BYTES = 8192;

function singleByteByChardet(sample: Uint8Array): string | null {
  // Whole lines, up to the first line end past the limit.
  const cut = sample.length <= CHARDET_SAMPLE_BYTES ? sample.length : sample.indexOf(10, CHARDET_SAMPLE_BYTES - 1) + 1 || sample.length;
  const best = analyse(sample.subarray(0, cut))[0];
  if (!best) return null;
  const answer = CHARDET_ANSWERS[best.name];
  if (!answer) return null;
  if (ENCODINGS[answer] === 'multi-byte' && best.confidence < MIN_MULTI_BYTE_CONFIDENCE) return null;
  return answer;
}

function detectForced(head: Uint8Array, forced: string): DetectedEncoding {
  let encoding = normalizeEncodingName(forced);
  // `UTF-16` / `UTF-32` name a family; the file's BOM or NUL pattern says which byte order.
  if (/^(utf16|utf32|ucs2|ucs4|unicode)$/.test(aliasKey(forced))) {
    const width = encoding.slice(0, 6); // 'utf-16' | 'utf-32'
    const fromFile = bomOf(head)?.encoding ?? unicodeByNulPattern(head);
    if (fromFile?.startsWith(width)) encoding = fromFile;
  }
  const ownBom = BOMS.find((b) => b.encoding === encoding);
  const bomLength = ownBom && startsWith(head, ownBom.bytes) ? ownBom.bytes.length : 0;
  return { encoding, bomLength, how: 'forced' };
}

/**
 * The encoding of a LAS file from its first bytes; only the first {@link DETECTION_HEAD_BYTES}
 * are looked at, so a file that is ASCII there is 'utf-8' whatever comes later. With `forced`, that encoding is used and only a BOM of that same encoding is skipped.
 */
export function detectEncoding(bytes: Uint8Array, forced?: string): DetectedEncoding {
  const head = bytes.subarray(0, DETECTION_HEAD_BYTES);
  if (forced !== undefined) return detectForced(head, forced);
  const bom = bomOf(head);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, how: 'bom' };
  const unicode = unicodeByNulPattern(head);
  if (unicode) return { encoding: unicode, bomLength: 0, how: 'utf-16/32-pattern' };
  if (isAsciiBytes(head)) return { encoding: 'utf-8', bomLength: 0, how: 'ascii' };
  // Only the lines with high bytes are evidence (and valid UTF-8 exactly when the head is).
  const lines = highByteLines(head);
  if (isUtf8(lines.lastLineOpen ? lines.sample.subarray(0, -1) : lines.sample)) return { encoding: 'utf-8', bomLength: 0, how: 'utf-8' };
  const cyrillic = detectCyrillic(lines);
  if (cyrillic) return { encoding: cyrillic.encoding, bomLength: 0, how: 'detected' };
  return { encoding: singleByteByChardet(lines.sample) ?? 'windows-1252', bomLength: 0, how: 'detected' };
}

/** Detects (or takes `forced`) and decodes a whole file held in memory. */
export function decodeLasBytes(bytes: Uint8Array, forced?: string): { text: string; detected: DetectedEncoding } {
  const detected = detectEncoding(bytes, forced);
  const text = createDecoder(detected.encoding).decode(bytes.subarray(detected.bomLength));
  return { text, detected };
}
