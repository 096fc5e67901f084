/** The human-readable summary of one read, and a validation verdict, as text lines. */
import { headerValue, logSet } from '../las/access.js';
import type { LasFile, LasProblem, Severity } from '../las/model.js';

export function problemLine(p: LasProblem): string {
  const where = p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : '';
  return `${where.padEnd(12)} ${p.severity.padEnd(7)} ${p.code}: ${p.message}`;
}

export function countBySeverity(problems: LasProblem[]): Record<Severity, number> {
  const n: Record<Severity, number> = { info: 0, warning: 0, error: 0 };
  for (const p of problems) n[p.severity]++;
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function depthLine(las: LasFile, rows: number): string {
  const ix = las.index;
  if (!ix || ix.first === null || ix.last === null) return `none (${plural(rows, 'row')})`;
  const unit = ix.unit || '(no unit)';
  const kind = ix.kind === 'time' ? 'time ' : ix.kind === 'other' ? `${ix.mnemonic} ` : '';
  const step = ix.regular && ix.step !== null ? `, step ${ix.step}` : ix.direction === 'constant' ? '' : ', irregular';
  return `${kind}${ix.first} to ${ix.last} ${unit} (${ix.direction}${step})`;
}

/** The summary of a read; `las` may come from a stream (curves without data, final row counts). */
export function summaryLines(file: string, las: LasFile): string[] {
  const set = logSet(las);
  const rows = set?.nRows ?? 0;
  const well = headerValue(las.well, 'WELL') ?? '';
  const uwi = headerValue(las.well, 'UWI') || headerValue(las.well, 'API') || '';
  const lines = [
    file,
    `  version   LAS ${las.version}${las.wrap ? ' (wrapped)' : ''}, encoding ${las.encoding}`,
    `  well      ${well || '(no WELL name)'}${uwi ? `  [${uwi}]` : ''}`,
    `  index     ${depthLine(las, rows)}`,
    `  rows      ${rows}`,
  ];
  const curves = set?.curves ?? [];
  lines.push(`  curves    ${curves.length}${set && set.name !== 'Log' ? ` (set ${set.name})` : ''}`);
  const w = Math.max(4, ...curves.map((c) => c.mnemonic.length));
  const u = Math.max(4, ...curves.map((c) => c.unit.length));
  for (const c of curves) {
    lines.push(`    ${c.mnemonic.padEnd(w)}  ${(c.unit || '-').padEnd(u)}  ${c.description}`.trimEnd());
  }
  const others = las.sets.filter((s) => s !== set && s.curves.length);
  if (others.length) lines.push(`  sets      ${others.map((s) => `${s.name} (${plural(s.curves.length, 'curve')}, ${plural(s.nRows, 'row')})`).join(', ')}`);
  lines.push(...problemSection(las.problems));
  return lines;
}

function problemSection(problems: LasProblem[]): string[] {
  if (!problems.length) return ['  problems  none'];
  const n = countBySeverity(problems);
  const parts = [n.error && plural(n.error, 'error'), n.warning && plural(n.warning, 'warning'), n.info && `${n.info} info`].filter(Boolean);
  return [`  problems  ${parts.join(', ')}`, ...problems.map((p) => `    ${problemLine(p)}`)];
}
