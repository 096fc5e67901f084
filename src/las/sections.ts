/** Section titles → what they hold. LAS 2's ~P/~C/~A are the LAS 3.0 set "Log". */
export type SectionRole =
  | { kind: 'version' }
  | { kind: 'well' }
  | { kind: 'other' }
  | { kind: 'parameter'; set: string }
  | { kind: 'definition'; set: string }
  | { kind: 'data'; set: string; definition: string }
  | { kind: 'unknown' };

/** Title text after the tilde, up to `|` or the end, trimmed. */
export function sectionName(title: string): string {
  const t = title.replace(/^~/, '');
  const bar = t.indexOf('|');
  return (bar === -1 ? t : t.slice(0, bar)).trim();
}

// `~Core_Data[2]` is the second run of core data, described by ~Core_Definition.
const SUFFIXES: [RegExp, 'parameter' | 'definition' | 'data'][] = [
  [/^(.*)_PARAMETERS?(\[\d+\])?$/i, 'parameter'],
  [/^(.*)_DEFINITIONS?(\[\d+\])?$/i, 'definition'],
  [/^(.*)_DATA(\[\d+\])?$/i, 'data'],
];

/** Normalises a set name so `LOG`, `log` and `Log` are one set. */
export function canonicalSetName(name: string): string {
  if (!name) return 'Log';
  if (name.toUpperCase() === 'LOG') return 'Log';
  return name;
}

export function classifySection(title: string): SectionRole {
  const name = sectionName(title);
  const firstWord = name.split(/\s+/)[0] ?? '';
  for (const [re, kind] of SUFFIXES) {
    const m = re.exec(firstWord);
    if (m && m[1]) {
      const set = canonicalSetName(m[1]) + (m[2] ?? '');
      if (kind === 'data') {
        const assoc = title.includes('|') ? title.slice(title.indexOf('|') + 1).trim() : '';
        const dm = /^(.*?)_DEFINITIONS?\b/i.exec(assoc);
        return { kind, set, definition: dm ? canonicalSetName(dm[1].trim()) : canonicalSetName(m[1]) };
      }
      return { kind, set };
    }
  }
  const c = name[0]?.toUpperCase();
  switch (c) {
    case 'V': return { kind: 'version' };
    case 'W': return { kind: 'well' };
    case 'C': return { kind: 'definition', set: 'Log' };
    case 'P': return { kind: 'parameter', set: 'Log' };
    case 'O': return { kind: 'other' };
    case 'A': return { kind: 'data', set: 'Log', definition: 'Log' };
    default: return { kind: 'unknown' };
  }
}
