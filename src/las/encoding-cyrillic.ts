/**
 * Which Cyrillic code page, if any, a LAS header is written in.
 *
 * Russian-speaking LAS files come in three code pages (windows-1251, DOS ibm866, koi8-r)
 * and usually hold only a handful of Cyrillic words (a well name, a field, a unit such as
 * `МПа`). That is far too little for general-purpose detectors: chardet answers
 * ISO-8859-1 or windows-1252 for all of them, and Python's chardet picked Greek or Hebrew
 * code pages for some. So this decodes the bytes with each candidate and asks whether the
 * result reads as Russian: real words of one script, sane letter case, common letters,
 * and no box-drawing or stray symbols that a wrong code page scatters over the text.
 */

import type { highByteLines } from './byte-scan.js';
import { SingleByteDecoder } from './text-decoders.js';

/** A file head's lines that hold bytes >= 0x80 (see {@link highByteLines}). */
export type HighByteLines = ReturnType<typeof highByteLines>;

export const CYRILLIC_CODE_PAGES = ['windows-1251', 'ibm866', 'koi8-r'] as const;
export type CyrillicCodePage = (typeof CYRILLIC_CODE_PAGES)[number];

export interface CyrillicVerdict {
  encoding: CyrillicCodePage;
  /** Higher is more Russian-looking; negative means mostly noise. */
  score: number;
  /** Cyrillic letters in plausible words of two or more letters. */
  goodLetters: number;
  /** Bytes >= 0x80 in the sample, the most letters there could be. */
  highBytes: number;
}

/** Russian letter frequencies, per mille; a wrong code page yields rare letters (Ъ, Ю, Щ, Ф). */
const FREQUENCY: Record<string, number> = {
  о: 110, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30,
  п: 28, у: 26, я: 20, ы: 19, ь: 17, г: 17, з: 16, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7,
  ю: 6, ц: 5, щ: 4, э: 3, ф: 3, ъ: 1, ё: 1,
  // Ukrainian / Belarusian letters of windows-1251.
  і: 20, ї: 3, є: 3, ґ: 1, ў: 1,
};
const OTHER_CYRILLIC_FREQUENCY = 0.5;

/** Symbols Russian headers do use, so their presence is no evidence against a code page. */
const NEUTRAL_SYMBOLS = new Set(['№', '«', '»', '°', '±', '·', '–', '—', '“', '”', '„', '…', '²', '³']);

const PENALTY_BAD_LETTER = 50;
const PENALTY_SYMBOL = 40;
const PENALTY_BOX_DRAWING = 80;
/** Units such as `МПа`, `мВ`, `кПа` mix case legitimately; longer words do not. */
const MAX_FREE_CASE_LENGTH = 3;

const isCyrillic = (ch: string): boolean => ch >= '\u0400' && ch <= '\u04ff';
const isUpper = (ch: string): boolean => ch !== ch.toLowerCase();
const isLower = (ch: string): boolean => ch !== ch.toUpperCase();

function hasIrregularCase(word: string): boolean {
  if (word.length <= MAX_FREE_CASE_LENGTH) return false;
  for (let i = 1; i < word.length; i++) {
    if (isLower(word[i - 1]) && isUpper(word[i])) return true;
  }
  return false;
}

function scoreText(text: string): { score: number; goodLetters: number } {
  let score = 0;
  let goodLetters = 0;
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const word = match[0];
    let cyrillic = 0;
    let frequency = 0;
    for (const ch of word) {
      if (isCyrillic(ch)) {
        cyrillic++;
        frequency += FREQUENCY[ch.toLowerCase()] ?? OTHER_CYRILLIC_FREQUENCY;
      }
    }
    if (cyrillic === 0) continue;
    if (cyrillic < word.length || hasIrregularCase(word)) {
      // Cyrillic glued to Latin letters (`Mьller` from windows-1252 `Müller`) or case
      // flipping mid-word (`оПХЛЕПМЮЪ`) is what a wrong code page produces.
      score -= PENALTY_BAD_LETTER * cyrillic;
    } else {
      score += frequency;
      if (cyrillic >= 2) goodLetters += cyrillic;
    }
  }
  for (const ch of text) {
    if (ch < '\u0080' || /\p{L}/u.test(ch) || NEUTRAL_SYMBOLS.has(ch)) continue;
    score -= ch >= '\u2500' && ch <= '\u259f' ? PENALTY_BOX_DRAWING : PENALTY_SYMBOL;
  }
  return { score, goodLetters };
}

/** Scores every Cyrillic code page for these lines, best first. */
export function rankCyrillicCodePages(lines: HighByteLines): CyrillicVerdict[] {
  const { sample, highBytes } = lines;
  const verdicts: CyrillicVerdict[] = [];
  for (const encoding of CYRILLIC_CODE_PAGES) {
    let text: string;
    try {
      text = new SingleByteDecoder(encoding).decode(sample);
    } catch {
      continue; // a runtime without full ICU: that code page cannot be detected
    }
    verdicts.push({ encoding, ...scoreText(text), highBytes });
  }
  return verdicts.sort((a, b) => b.score - a.score);
}

/** Enough plausible Russian words to beat a Western reading of the same bytes. */
const MIN_GOOD_LETTERS = 3;
const MIN_GOOD_SHARE = 0.5;

/**
 * The Cyrillic code page these bytes are in, or null when they do not read as Cyrillic
 * text in any of them (e.g. a Western file whose only high bytes are `°` and `µ`).
 */
export function detectCyrillic(lines: HighByteLines): CyrillicVerdict | null {
  const best = rankCyrillicCodePages(lines)[0];
  if (!best || best.highBytes === 0 || best.score <= 0) return null;
  if (best.goodLetters < MIN_GOOD_LETTERS || best.goodLetters < MIN_GOOD_SHARE * best.highBytes) return null;
  return best;
}
