/**
 * Unit text as LAS files write it is messy: "(OHMM)", "[m]", "DEG C", "G/CM^3", "µs/ft", "°F".
 * These helpers turn it into the two forms the catalogue looks up: the cleaned text (for an exact,
 * case-sensitive symbol match) and an alias key (case- and space-insensitive).
 */

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Trims and removes brackets that enclose the whole text: "(OHMM)" → "OHMM", but "(m3/s)/(m3/s)" stays. */
export function cleanUnitText(text: string): string {
  let s = text.trim();
  while (s.length >= 2 && PAIRS[s[0]] === s[s.length - 1] && enclosesWhole(s)) s = s.slice(1, -1).trim();
  return s;
}

function enclosesWhole(s: string): boolean {
  const open = s[0];
  const close = PAIRS[open];
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close) {
      depth--;
      if (depth === 0 && i < s.length - 1) return false;
    }
  }
  return depth === 0;
}

/**
 * The case- and whitespace-insensitive key of a unit spelling. Micro signs become U, the degree
 * sign DEG, the ohm sign OHM, and "^", "_" and spaces disappear, so "deg C", "DEG_C" and "°C"
 * share the key "DEGC".
 */
export function aliasKey(text: string): string {
  return cleanUnitText(text)
    .normalize('NFKC')
    .replace(/[µμ]/g, 'u')
    .replace(/°/g, 'deg')
    .replace(/[ΩΩ]/g, 'ohm')
    .replace(/[·⋅]/g, '.')
    .replace(/[\s_^]+/g, '')
    .toUpperCase();
}

/** True when the text has letters and none of them is lower case, as LAS files usually write units. */
export function isUpperCaseText(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toUpperCase();
}
