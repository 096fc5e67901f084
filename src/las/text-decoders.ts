/**
 * Decoders the platform's TextDecoder does not provide, or gets wrong:
 * - UTF-32 (WHATWG dropped it);
 * - single-byte code pages through a 256-entry table. Node's own are unreliable: since
 *   20.18.3 / 22.13 `windows-1252` decodes as Latin-1, turning `–` `’` `€` into C1 controls
 *   (nodejs/node#56542, #60888), and ICU's `ibm866` swaps 0x1A / 0x1C / 0x7F (IBM control
 *   rotation), so a DOS end-of-file Ctrl-Z would not come out as U+001A. The table takes
 *   bytes < 0x80 as ASCII, windows-1252's 0x80-0x9F from the WHATWG index, and the upper
 *   half of every other code page from TextDecoder, where it is right.
 * ISO-8859-1 is Latin-1 proper (0x80-0x9F are C1 controls, as in Python and so lasio),
 * not WHATWG's alias for windows-1252.
 */

/** The slice of TextDecoder the LAS reader needs; a real TextDecoder satisfies it. */
export interface TextDecoderLike {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

const REPLACEMENT = 0xfffd;

// UTF-8 and UTF-16 need no ICU data, so these exist on every runtime.
const ascii = new TextDecoder('utf-8');
/** Reads a Uint16Array's memory as UTF-16 in the machine's byte order. */
const nativeUtf16 = new TextDecoder(new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', {
  ignoreBOM: true,
});

/** UTF-16 code units to a string, natively (far faster than String.fromCharCode in a loop). */
function unitsToString(units: Uint16Array, length: number): string {
  return nativeUtf16.decode(new Uint8Array(units.buffer, units.byteOffset, length * 2));
}

/**
 * UTF-32 with streaming: a code point split across chunks is held back until its
 * remaining bytes arrive. Invalid code points (surrogates, > U+10FFFF) and a truncated
 * final code point become U+FFFD, as TextDecoder does for UTF-8/16.
 */
export class Utf32Decoder implements TextDecoderLike {
  private readonly pending = new Uint8Array(4);
  private nPending = 0;

  constructor(private readonly littleEndian: boolean) {}

  get encoding(): string {
    return this.littleEndian ? 'utf-32le' : 'utf-32be';
  }

  decode(bytes: Uint8Array, options?: { stream?: boolean }): string {
    const stream = options?.stream ?? false;
    let input = bytes;
    if (this.nPending > 0) {
      const joined = new Uint8Array(this.nPending + bytes.length);
      joined.set(this.pending.subarray(0, this.nPending));
      joined.set(bytes, this.nPending);
      input = joined;
      this.nPending = 0;
    }
    const whole = input.length - (input.length % 4);
    // At most two UTF-16 units per code point, plus one for a truncated tail.
    const units = new Uint16Array((whole / 4) * 2 + 1);
    let n = 0;
    for (let i = 0; i < whole; i += 4) {
      const cp = this.littleEndian
        ? (input[i] | (input[i + 1] << 8) | (input[i + 2] << 16) | (input[i + 3] << 24)) >>> 0
        : ((input[i] << 24) | (input[i + 1] << 16) | (input[i + 2] << 8) | input[i + 3]) >>> 0;
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        units[n++] = REPLACEMENT;
      } else if (cp > 0xffff) {
        const v = cp - 0x10000;
        units[n++] = 0xd800 + (v >> 10);
        units[n++] = 0xdc00 + (v & 0x3ff);
      } else {
        units[n++] = cp;
      }
    }
    const tail = input.length - whole;
    if (tail > 0) {
      if (stream) {
        this.pending.set(input.subarray(whole));
        this.nPending = tail;
      } else {
        units[n++] = REPLACEMENT;
      }
    }
    return unitsToString(units, n);
  }
}

/** windows-1252 bytes 0x80-0x9F (WHATWG index; the five unassigned bytes stay C1 controls). */
const WINDOWS_1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const tables = new Map<string, Uint16Array>();

function tableFor(encoding: string): Uint16Array {
  let table = tables.get(encoding);
  if (table) return table;
  table = new Uint16Array(256);
  for (let b = 0; b < 256; b++) table[b] = b;
  if (encoding === 'windows-1252') {
    table.set(WINDOWS_1252_C1, 0x80);
  } else if (encoding !== 'iso-8859-1') {
    const high = new TextDecoder(encoding).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
    // Every single-byte code page maps a byte to one BMP character (or U+FFFD).
    if (high.length !== 128) throw new Error(`${encoding} is not a single-byte encoding`);
    for (let i = 0; i < 128; i++) table[0x80 + i] = high.charCodeAt(i);
  }
  tables.set(encoding, table);
  return table;
}

/** A single-byte code page by table lookup. Stateless, so streaming needs no care. */
export class SingleByteDecoder implements TextDecoderLike {
  private readonly table: Uint16Array;

  /** Throws (from TextDecoder) when the runtime does not know the code page. */
  constructor(readonly encoding: string) {
    this.table = tableFor(encoding);
  }

  decode(bytes: Uint8Array): string {
    // Data lines are ASCII: let the native decoder do them.
    let i = 0;
    while (i < bytes.length && bytes[i] < 0x80) i++;
    if (i === bytes.length) return ascii.decode(bytes);
    const units = new Uint16Array(bytes.length);
    for (let j = 0; j < bytes.length; j++) units[j] = this.table[bytes[j]];
    return unitsToString(units, units.length);
  }
}
