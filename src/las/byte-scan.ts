/**
 * Whole-buffer byte-class checks, four bytes at a time. Every file is probed this way before
 * it is parsed (is it ASCII? does it hold control bytes?), so on a corpus of small files the
 * probes cost as much as the parse unless they skip the common case in word-sized steps.
 */

/** The 32-bit words of `b` that lie wholly inside it and are 4-byte aligned, and where they start and end. */
function alignedWords(b: Uint8Array): { words: Uint32Array; from: number; to: number } {
  const from = (4 - (b.byteOffset & 3)) & 3;
  const count = b.length > from ? (b.length - from) >>> 2 : 0;
  // No whole word (a few bytes): every byte is a head byte.
  if (count === 0) return { words: NO_WORDS, from: b.length, to: b.length };
  return { words: new Uint32Array(b.buffer, b.byteOffset + from, count), from, to: from + count * 4 };
}

const NO_WORDS = new Uint32Array(0);

/** True when every byte is below 0x80. */
export function isAsciiBytes(b: Uint8Array): boolean {
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

/** The first byte >= 0x80 at or after `from`, or -1; whole words without one are skipped. */
function nextHighByte(b: Uint8Array, words: Uint32Array, wordsFrom: number, wordsTo: number, from: number): number {
  let i = from;
  while (i < b.length && (i < wordsFrom || i >= wordsTo || ((i - wordsFrom) & 3) !== 0)) {
    if (b[i] >= 0x80) return i;
    i++;
  }
  if (i >= b.length) return -1;
  let w = (i - wordsFrom) >>> 2;
  while (w < words.length && (words[w] & 0x80808080) === 0) w++;
  for (i = wordsFrom + w * 4; i < b.length; i++) if (b[i] >= 0x80) return i;
  return -1;
}

/**
 * The lines that hold bytes >= 0x80, each followed by LF, how many such bytes they hold,
 * and whether the last of them runs to the end of `b` (so its LF is not the file's): all the
 * evidence an encoding detector can use (a LAS head is mostly ASCII digits).
 * LF never occurs inside a UTF-8 sequence, so these lines are valid UTF-8 exactly when the
 * whole text is.
 */
export function highByteLines(b: Uint8Array): { sample: Uint8Array; highBytes: number; lastLineOpen: boolean } {
  const { words, from, to } = alignedWords(b);
  const lines: number[] = [];
  let highBytes = 0;
  let size = 0;
  let i = 0;
  while (i < b.length) {
    const j = nextHighByte(b, words, from, to, i);
    if (j === -1) break;
    const start = b.lastIndexOf(10, j) + 1;
    let end = b.indexOf(10, j);
    if (end === -1) end = b.length;
    for (let k = j; k < end; k++) if (b[k] >= 0x80) highBytes++;
    lines.push(start, end);
    size += end - start + 1;
    i = end + 1;
  }
  const sample = new Uint8Array(size);
  let at = 0;
  for (let k = 0; k < lines.length; k += 2) {
    sample.set(b.subarray(lines[k], lines[k + 1]), at);
    at += lines[k + 1] - lines[k];
    sample[at++] = 10;
  }
  // The head may end inside a line (and inside a character): the LF after it is ours.
  const lastLineOpen = lines.length > 0 && lines[lines.length - 1] === b.length;
  return { sample, highBytes, lastLineOpen };
}
