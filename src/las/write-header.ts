/**
 * Header lines for the LAS writer: `MNEM.UNIT  VALUE : DESCRIPTION {FORMAT} | ASSOCIATIONS`,
 * aligned in columns within each section.
 *
 * Nothing is escaped (LAS has no escapes). Layout choices keep odd text readable back:
 * the delimiting colon is always written as ` : ` and is the last colon of the line when
 * the description has none (LAS 2.0: "the last colon in the line"), so a value such as
 * `10:30` stays the value; a mnemonic holding a period gets a space before the unit's period.
 */
import type { HeaderItem } from './model.js';

/** Values longer than this do not push every other line's description to the right. */
const MAX_VALUE_ALIGN = 32;
const MAX_DESCRIPTION_ALIGN = 40;

export interface HeaderLineStyle {
  /** LAS 3.0: write `{format}` and `| associations`. */
  las3: boolean;
  /** ~Curve / ~X_Definition: a mnemonic ending in a period is written `COND..MS/M`, the convention readers know there. */
  curves?: boolean;
}

/** The mnemonic as it goes in the file: duplicates (`GR:2`) are written as their original `GR`. */
export function writtenMnemonic(item: HeaderItem & { arrayName?: string; arrayIndex?: number }): string {
  // A mnemonic the file left empty stays empty (its key `UNKNOWN:2` is ours, not the file's).
  const m = item.originalMnemonic.trim() === '' && /^UNKNOWN(:\d+)?$/.test(item.mnemonic) ? '' : item.originalMnemonic || item.mnemonic;
  if (item.arrayName && item.arrayIndex !== undefined && !m.includes('[')) return `${item.arrayName}[${item.arrayIndex}]`;
  return m;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

export function renderHeaderItems(items: HeaderItem[], style: HeaderLineStyle): string[] {
  const rows: Row[] = items.map((it) => ({
    mnemonic: oneLine(writtenMnemonic(it)),
    unit: oneLine(it.unit),
    value: oneLine(it.value),
    description: oneLine(it.description),
    // LAS 2 has no format field, but files put `{S}` at the end of a curve's description; keep it there.
    tail: style.las3 ? las3Tail(it) : it.format && style.curves ? `{${oneLine(it.format)}}` : '',
  }));
  // A period inside the mnemonic, or one starting the unit (`.1IN`), must not touch the
  // delimiting period: `GR.X .GAPI`, `DEPT ..1IN`. In curve sections a mnemonic ending in a
  // period touches it on purpose (`COND..MS/M`).
  const tight = (r: Row) => !!style.curves && r.mnemonic.endsWith('.') && r.mnemonic.length > 1;
  const spaced = (r: Row) => r.mnemonic.includes('.') || r.unit.startsWith('.');
  const loose = rows.filter((r) => !tight(r));
  const mw = Math.max(0, ...loose.map((r) => r.mnemonic.length + (spaced(r) ? 1 : 0)));
  const uw = Math.max(0, ...rows.map((r) => r.unit.length));
  const vw = Math.min(MAX_VALUE_ALIGN, Math.max(0, ...rows.map((r) => r.value.length)));
  const dw = Math.min(MAX_DESCRIPTION_ALIGN, Math.max(0, ...rows.filter((r) => r.tail).map((r) => r.description.length)));
  return rows.map((r) => {
    const name = tight(r) ? `${r.mnemonic}.${r.unit}`.padEnd(mw + 1 + uw) : `${r.mnemonic.padEnd(mw)}.${r.unit.padEnd(uw)}`;
    // Two spaces after the unit: `10 M` with one space would read as the unit `10 M`.
    const head = ` ${name}  ${r.value.padEnd(vw)} : `;
    const line = r.tail ? `${head}${r.description.padEnd(dw)} ${r.tail}` : head + r.description;
    return line.trimEnd();
  });
}

interface Row {
  mnemonic: string;
  unit: string;
  value: string;
  description: string;
  tail: string;
}

function las3Tail(it: HeaderItem): string {
  const parts: string[] = [];
  if (it.format) parts.push(`{${oneLine(it.format)}}`);
  if (it.associations?.length) parts.push(`| ${it.associations.map(oneLine).join(',')}`);
  return parts.join(' ');
}
