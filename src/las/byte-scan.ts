/**
 * Whole-buffer byte-class checks, four bytes at a time. Every file is probed this way before
 * it is parsed (is it ASCII? does it hold control bytes?), so on a corpus of small files the
 * probes cost as much as the parse unless they skip the common case in word-sized steps.
 */

/** The 32-bit words of `b` that lie wholly inside it and are 4-byte aligned, and where they start and end. */
function alignedWords(b: Uint8Array): { words: Uint32Array; from: number; to: number } {
  const from = Math.min(b.length, (4 - (b.byteOffset & 3)) & 3);
  const count = (b.length - from) >>> 2;
  return { words: new Uint32Array(b.buffer, b.byteOffset + from, count), from, to: from + count * 4 };
}

/** True when every byte is below 0x80. */
export function isAsciiBytes(b: Uint8Array): boolean {
  if (b.length < 64) {
    for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
    return true;
  }
  const { words, from, to } = alignedWords(b);
  for (let i = 0; i < from; i++) if (b[i] >= 0x80) return false;
  for (let i = 0; i < words.length; i++) if ((words[i] & 0x80808080) !== 0) return false;
  for (let i = to; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
}

/** Is `c` a control byte that no text file holds (tab, LF, FF, CR and Ctrl-Z are allowed)? */
const isStrayControl = (c: number): boolean => c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 26;

/** How many stray control bytes (see {@link isStrayControl}) lie in `b[0, end)`. */
export function countStrayControlBytes(b: Uint8Array, end = b.length): number {
  const head = b.subarray(0, end);
  let n = 0;
  if (head.length < 64) {
    for (let i = 0; i < head.length; i++) if (isStrayControl(head[i])) n++;
    return n;
  }
  const { words, from, to } = alignedWords(head);
  for (let i = 0; i < from; i++) if (isStrayControl(head[i])) n++;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // Some byte of w is below 0x20 (exact for thresholds up to 0x80): look at its bytes.
    if (((w - 0x20202020) & ~w & 0x80808080) !== 0) {
      const at = from + i * 4;
      for (let k = 0; k < 4; k++) if (isStrayControl(head[at + k])) n++;
    }
  }
  for (let i = to; i < head.length; i++) if (isStrayControl(head[i])) n++;
  return n;
}
