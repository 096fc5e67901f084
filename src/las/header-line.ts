/**
 * One header line `MNEM.UNIT  VALUE : DESCRIPTION {FORMAT} | ASSOCIATIONS` → its fields,
 * with the real-world edge cases: colons inside values and times, no period, spaces in
 * units written as `1000 LBF`, empty units, bracketed units `[m]`, and LAS 3.0 formats.
 */
export interface ParsedHeaderLine {
  mnemonic: string;
  unit: string;
  value: string;
  description: string;
  format?: string;
  associations?: string[];
  /** Set when the line had no period: the item was read as `NAME : VALUE`. */
  noPeriod?: boolean;
  /** Set when the line had no colon: there is no description. */
  noColon?: boolean;
}

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t';
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Picks the colon that separates value from description. Colons inside times (10:30:00)
 * never count. Writers pad the delimiter (`VALUE : DESCRIPTION`), while colons inside a
 * value (`SHL: 200' FSL`, URLs) or a description (`Company: operator`) have no space before
 * them, so the first colon with a space before it wins; failing that, the first colon
 * (`1670.0: START`). -1 when there is none.
 */
function delimiterColon(line: string, from: number): number {
  let first = -1;
  for (let i = line.indexOf(':', from); i !== -1; i = line.indexOf(':', i + 1)) {
    if (isDigit(line[i - 1]) && isDigit(line[i + 1])) continue;
    if (isSpace(line[i - 1])) return i;
    if (first === -1) first = i;
  }
  return first;
}

function stripBrackets(unit: string): string {
  const u = unit.trim();
  if (u.length >= 2 && ((u[0] === '[' && u[u.length - 1] === ']') || (u[0] === '(' && u[u.length - 1] === ')'))) return u.slice(1, -1).trim();
  return u;
}

/**
 * Parses a header line (already trimmed of leading whitespace and not a comment).
 * `las3` turns on `{format}` and `| associations` in the description part.
 */
export function parseHeaderLine(raw: string, las3: boolean, curveSection = false): ParsedHeaderLine {
  let line = raw.trim();
  const firstColon = line.indexOf(':');
  // `.ILM .OHMM : ...`: a stray period before the mnemonic.
  if (line[0] === '.' && line.indexOf('.', 1) !== -1 && (firstColon === -1 || line.indexOf('.', 1) < firstColon)) line = line.slice(1);
  let dot = line.indexOf('.');
  // `Cond..MS/M` and `I. Res..OHM-M`: a mnemonic that ends in a period, next to the unit's period.
  if (curveSection) {
    // Only the mnemonic-and-unit part counts: it ends at the first wide gap or tab,
    // so a value such as `a..b` cannot move the split.
    const colonAt = line.indexOf(':');
    let head = colonAt === -1 ? line : line.slice(0, colonAt);
    const gap = head.search(/ {2}|\t/);
    if (gap !== -1) head = head.slice(0, gap);
    const dd = head.lastIndexOf('..');
    if (dd > 0 && head[dd - 1] !== ' ') dot = dd + 1;
  }
  // No period before the first colon: `NAME : VALUE` (or `NAME VALUE` with no colon at all).
  const colon0 = line.indexOf(':');
  if (dot === -1 || (colon0 !== -1 && dot > colon0)) {
    if (colon0 === -1) {
      const m = /^(\S+)\s*(.*)$/.exec(line);
      return { mnemonic: m ? m[1] : line, unit: '', value: m ? m[2].trim() : '', description: '', noPeriod: true, noColon: true };
    }
    const colon = line.indexOf(':');
    return { mnemonic: line.slice(0, colon).trim(), unit: '', value: line.slice(colon + 1).trim(), description: '', noPeriod: true };
  }
  const mnemonic = line.slice(0, dot).trim();
  // The unit runs from just after the period to the first space. LAS files write
  // quantities such as `1000 LBF` as units, so digits-space-word is taken whole.
  let p = dot + 1;
  let unitEnd = p;
  while (unitEnd < line.length && !isSpace(line[unitEnd])) unitEnd++;
  const unitTail = /^([0-9]+) ([A-Za-z][^\s:]*)/.exec(line.slice(p));
  if (unitTail && unitTail[1].length === unitEnd - p) unitEnd = p + unitTail[0].length;
  // A colon straight after the period (`DEPT.:` or `DEPT.M:`) belongs to the delimiter, not the unit.
  let unitText = line.slice(p, unitEnd);
  const colonInUnit = unitText.indexOf(':');
  if (colonInUnit !== -1 && !(isDigit(unitText[colonInUnit - 1]) && isDigit(unitText[colonInUnit + 1])) && !/^[A-Za-z]{1,2}:[A-Za-z]{1,2}$/.test(unitText)) {
    unitText = unitText.slice(0, colonInUnit);
    unitEnd = p + colonInUnit;
  }
  p = unitEnd;
  let unit = unitText.replace(/\.+$/, '');
  unit = stripBrackets(unit);
  const colon = delimiterColon(line, p);
  let value: string;
  let description = '';
  let noColon = false;
  if (colon === -1) { value = line.slice(p).trim(); noColon = true; }
  else { value = line.slice(p, colon).trim(); description = line.slice(colon + 1).trim(); }
  const out: ParsedHeaderLine = { mnemonic, unit, value, description };
  if (noColon) out.noColon = true;
  if (las3) {
    const bar = out.description.indexOf('|');
    if (bar !== -1) {
      out.associations = out.description.slice(bar + 1).split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      out.description = out.description.slice(0, bar).trim();
    } else if (noColon) {
      const vbar = out.value.indexOf('|');
      if (vbar !== -1) {
        out.associations = out.value.slice(vbar + 1).split(',').map((s) => s.trim()).filter((s) => s.length > 0);
        out.value = out.value.slice(0, vbar).trim();
      }
    }
    const fm = /\{([^{}]*)\}\s*$/.exec(out.description);
    if (fm) { out.format = fm[1].trim(); out.description = out.description.slice(0, fm.index).trim(); }
    else {
      const vm = /\{([^{}]*)\}\s*$/.exec(out.value);
      if (vm && noColon) { out.format = vm[1].trim(); out.value = out.value.slice(0, vm.index).trim(); }
    }
  }
  return out;
}
