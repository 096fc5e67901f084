/**
 * The ~Version and ~Well items a written file carries: VERS / WRAP / DLM as written, and
 * STRT / STOP / STEP / NULL as the data and the chosen NULL say; every other item is kept.
 */
import type { Delimiter, HeaderItem } from './model.js';

type Version = '1.2' | '2.0' | '3.0';

/** The index range as text, formatted like the index column. */
export interface IndexRange {
  unit: string;
  first: string;
  last: string;
  step: string;
}

const VERSION_DESCRIPTIONS: Record<Version, string> = {
  '1.2': 'CWLS LOG ASCII STANDARD - VERSION 1.2',
  '2.0': 'CWLS LOG ASCII STANDARD - VERSION 2.0',
  '3.0': 'CWLS LOG ASCII STANDARD - VERSION 3.0',
};

function item(mnemonic: string, unit: string, value: string, description: string): HeaderItem {
  return { mnemonic, originalMnemonic: mnemonic, unit, value, description };
}

const key = (it: HeaderItem) => (it.originalMnemonic || it.mnemonic).toUpperCase();

/** VERS, WRAP (and DLM for LAS 3.0) as written, then the model's other version items. */
export function versionItems(version: Version, wrap: boolean, delimiter: Delimiter, kept: HeaderItem[]): HeaderItem[] {
  const own = ['VERS', 'WRAP', 'DLM'];
  const items = [
    item('VERS', '', version, VERSION_DESCRIPTIONS[version]),
    item('WRAP', '', wrap ? 'YES' : 'NO', wrap ? 'MULTIPLE LINES PER DEPTH STEP' : 'ONE LINE PER DEPTH STEP'),
  ];
  if (version === '3.0') items.push(item('DLM', '', delimiter, 'DELIMITING CHARACTER BETWEEN DATA COLUMNS'));
  return [...items, ...kept.filter((i) => !own.includes(key(i)))];
}

const INDEX_ITEMS = ['STRT', 'STOP', 'STEP', 'NULL'] as const;
type IndexItem = (typeof INDEX_ITEMS)[number];
const INDEX_DESCRIPTIONS: Record<IndexItem, string> = {
  STRT: 'START DEPTH',
  STOP: 'STOP DEPTH',
  STEP: 'STEP',
  NULL: 'NULL VALUE',
};

/**
 * The ~Well items: STRT/STOP/STEP from `range` (kept as they were when there are no rows),
 * NULL as `nullText`, missing ones added first, the rest untouched. `las12` swaps value and
 * description of the other items: LAS 1.2 writes `COMP.  COMPANY : ANY OIL CO`.
 */
export function wellItems(well: HeaderItem[], nullText: string, range: IndexRange | null, las12: boolean): HeaderItem[] {
  const computed = new Map<string, { unit?: string; value: string }>([['NULL', { value: nullText }]]);
  if (range) {
    computed.set('STRT', { unit: range.unit, value: range.first });
    computed.set('STOP', { unit: range.unit, value: range.last });
    computed.set('STEP', { unit: range.unit, value: range.step });
  }
  const items = well.map((it) => {
    const c = computed.get(it.mnemonic.toUpperCase());
    if (c) return { ...it, unit: c.unit ?? it.unit, value: c.value };
    const isIndexItem = (INDEX_ITEMS as readonly string[]).includes(key(it));
    return las12 && !isIndexItem ? { ...it, value: it.description, description: it.value } : it;
  });
  const present = new Set(well.map((it) => it.mnemonic.toUpperCase()));
  const missing = INDEX_ITEMS.filter((m) => !present.has(m) && computed.has(m)).map((m) => {
    const c = computed.get(m)!;
    return item(m, c.unit ?? '', c.value, INDEX_DESCRIPTIONS[m]);
  });
  return [...missing, ...items];
}
