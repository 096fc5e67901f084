/** Small pieces shared by the edit, fsck and export commands. */
import { Command, InvalidArgumentError } from 'commander';
import { Workspace } from '../workspace/workspace.js';

/** The named sub-command group (`well`, `curve`), made if another registrar has not made it yet. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

/** Opens the workspace for the command and always closes it. */
export async function withWorkspace<T>(explicit: string | undefined, fn: (ws: Workspace) => Promise<T> | T, opts: { readonly?: boolean } = {}): Promise<T> {
  const ws = Workspace.find(explicit, opts);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}

/** What an option parser returns to clear a field (commander turns a parser's null into ''). */
export const CLEAR = 'none';

/** A number, or `none` / '' to clear the field. */
export function parseNumberOrNone(value: string): number | typeof CLEAR {
  const v = value.trim();
  if (v === '' || v.toLowerCase() === 'none') return CLEAR;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`expected a number (or 'none' to clear), got '${value}'`);
  return n;
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got '${value}'`);
  return n;
}

export function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got '${value}'`);
  return n;
}

/** `1000:2000` → [1000, 2000]. */
export function parseDepthWindow(value: string): [number, number] {
  const m = /^\s*([-+]?[\d.eE+-]+)\s*:\s*([-+]?[\d.eE+-]+)\s*$/.exec(value);
  const top = m ? Number(m[1]) : NaN;
  const base = m ? Number(m[2]) : NaN;
  if (!Number.isFinite(top) || !Number.isFinite(base) || top > base) throw new InvalidArgumentError(`expected TOP:BASE with TOP <= BASE, e.g. 1000:2000, got '${value}'`);
  return [top, base];
}

export function parseList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  return typeof v === 'string' ? `'${v}'` : String(v);
}

export function showBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(2)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}
