/**
 * Decoders the platform's TextDecoder does not provide: UTF-32 (WHATWG dropped it) and
 * true ISO-8859-1 (WHATWG's `iso-8859-1` label silently decodes as windows-1252, which
 * differs for bytes 0x80-0x9F; Python, and so lasio, decode them as C1 controls).
 */

/** The slice of TextDecoder the LAS reader needs; a real TextDecoder satisfies it. */
export interface TextDecoderLike {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

const REPLACEMENT = 0xfffd;
/** Code units per String.fromCharCode call: large enough to be fast, small enough for the call stack. */
const CHUNK = 8192;

function unitsToString(units: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode(...units.subarray(i, Math.min(length, i + CHUNK)));
  }
  return out;
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

/** ISO-8859-1 proper: every byte is the code point of the same value. Stateless. */
export class Latin1Decoder implements TextDecoderLike {
  readonly encoding = 'iso-8859-1';

  decode(bytes: Uint8Array): string {
    return unitsToString(Uint16Array.from(bytes), bytes.length);
  }
}
