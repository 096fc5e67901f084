/**
 * Hand-made hostile inputs for the reader, and the judge of what readLas may do with any
 * input: return a model, or throw a located LasError. Run directly
 * (`node --import tsx test/las/fuzz-nasty.ts NAME`) it reads one named input in a process
 * of its own and prints the verdict as JSON, so a test can kill a reader that hangs.
 */
import { pathToFileURL } from 'node:url';
import { LasError } from '../../src/las/errors.js';
import type { LasFile } from '../../src/las/model.js';
import { readLas, type ReadOptions } from '../../src/las/read.js';

/** `ms` is CPU time spent in readLas (user + system), so a busy machine does not fail the bound. */
export type Verdict =
  | { kind: 'model'; ms: number }
  | { kind: 'las-error'; code: string; line?: number; ms: number }
  | { kind: 'bad'; detail: string; ms: number };

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

const SEVERITIES = new Set(['info', 'warning', 'error']);

/** What is wrong with a returned model, or null: shapes must agree and lines be real lines. */
function modelFault(las: LasFile): string | null {
  for (const set of las.sets) {
    if (!Number.isInteger(set.nRows) || set.nRows < 0) return `set ${set.name}: nRows ${set.nRows}`;
    for (const c of set.curves) {
      if (c.data.length !== set.nRows) return `set ${set.name} curve ${c.mnemonic}: ${c.data.length} values for ${set.nRows} rows`;
    }
  }
  for (const p of las.problems) {
    if (!SEVERITIES.has(p.severity)) return `problem with severity ${p.severity}`;
    if (p.line !== undefined && !(Number.isInteger(p.line) && p.line >= 1)) return `problem ${p.code} at line ${p.line}`;
    if (p.column !== undefined && !(Number.isInteger(p.column) && p.column >= 1)) return `problem ${p.code} at column ${p.column}`;
  }
  return null;
}

/** Reads `input` and says whether the reader kept its contract. */
export function judge(input: Uint8Array | string, options: ReadOptions = {}): Verdict {
  const t0 = process.cpuUsage();
  let las: LasFile;
  try {
    las = readLas(input, options);
  } catch (e) {
    const ms = cpuMsSince(t0);
    if (!(e instanceof LasError)) return { kind: 'bad', detail: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, ms };
    if ((e.code === 'empty-file' || e.code === 'not-las') && e.line !== 1) return { kind: 'bad', detail: `${e.code} at line ${e.line}, not 1`, ms };
    if (!(Number.isInteger(e.line) && e.line! >= 1)) return { kind: 'bad', detail: `LasError ${e.code} without a line: ${e.message}`, ms };
    return { kind: 'las-error', code: e.code, line: e.line, ms };
  }
  const ms = cpuMsSince(t0);
  const fault = modelFault(las);
  return fault ? { kind: 'bad', detail: fault, ms } : { kind: 'model', ms };
}

const MB = 1 << 20;
const HEAD = '~Version\n VERS. 2.0 :\n WRAP. NO :\n~Well\n NULL. -999.25 :\n~Curve\n DEPT.M :\n GR.GAPI :\n~A\n';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Inputs that have hung, exploded or crashed LAS readers. Built lazily: some are large. */
export const NASTY: Record<string, () => Uint8Array | string> = {
  '5 MB line, no newline, no sections': () => 'x'.repeat(5 * MB),
  '5 MB header line, no newline': () => `~Version\n VERS. 2.0 :\n~Well\n WELL.${'w'.repeat(5 * MB)}`,
  '5 MB data line of values, no newline': () => HEAD + '1.5 '.repeat((5 * MB) / 4),
  '5 MB wrapped data, one line': () => HEAD.replace('WRAP. NO', 'WRAP. YES') + '1 '.repeat((5 * MB) / 2),
  '1 MB single number': () => `${HEAD}1 ${'9'.repeat(MB)}.5\n`,
  '1 MB run-on token': () => `${HEAD}1 ${'1-'.repeat(MB / 2)}1\n`,
  '1 MB of periods in a data token': () => `${HEAD}1 ${'1.'.repeat(MB / 2)}\n`,
  '2 MB header line of colons and periods': () => `~Version\n VERS. 2.0 :\n~Curve\n X${'.:'.repeat(MB)}\n~A\n1\n`,
  '100k ~ lines': () => '~\n'.repeat(100_000),
  '100k ~A lines': () => '~A\n'.repeat(100_000),
  '100k ~Log_Data lines': () => '~Version\n VERS. 3.0 :\n' + '~Log_Data\n'.repeat(100_000),
  '100k ~Well sections': () => '~Version\n VERS. 2.0 :\n' + '~Well\n NULL. -999.25 :\n'.repeat(100_000),
  '20k copies of a whole LAS file': () => `${HEAD}1 2\n`.repeat(20_000),
  '10k ~Curve sections': () => '~Version\n VERS. 2.0 :\n' + '~Curve\n DEPT.M :\n'.repeat(10_000) + '~A\n1 2\n',
  '50k one-row ~A sections': () => HEAD + '~A\n1 2\n'.repeat(50_000),
  '50k LAS 3.0 section sets': () => '~Version\n VERS. 3.0 :\n' + Array.from({ length: 50_000 }, (_, i) => `~S${i}_Definition\n X. :\n~S${i}_Data\n1\n`).join(''),
  '20k columns': () => '~Version\n VERS. 2.0 :\n~Curve\n' + Array.from({ length: 20_000 }, (_, i) => ` C${i}. :`).join('\n') + '\n~A\n' + `${'1 '.repeat(20_000)}\n`.repeat(20),
  '100k lines with an unclosed quote': () => HEAD + '1 "\n'.repeat(100_000),
  'a quote that never closes over 2 MB': () => `${HEAD}1 "${'x '.repeat(MB)}\n2 3\n`,
  '5 MB of NUL bytes': () => new Uint8Array(5 * MB),
  'NUL bytes after the data': () => { const t = enc(HEAD + '1 2\n'.repeat(1000)); const o = new Uint8Array(t.length + MB); o.set(t); return o; },
  'NUL bytes inside lines': () => enc(HEAD.replace(/ /g, '\0 ') + '1\0 2\0\n3 \0 4\n'),
  'NUL after every byte (UTF-16 look-alike, odd length)': () => { const t = enc(HEAD + '1 2\n'.repeat(5000)); const o = new Uint8Array(t.length * 2 + 1); t.forEach((b, i) => { o[2 * i] = b; }); return o; },
  'lone CR only, 5 MB': () => '\r'.repeat(5 * MB),
  'tilde every other byte, 4 MB': () => { const o = new Uint8Array(4 * MB); for (let i = 0; i < o.length; i += 2) o[i] = 0x7e; return o; },
};

// Run as a program: read one named input and print the verdict.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const name = process.argv[2] ?? '';
  const make = NASTY[name];
  if (!make) {
    console.error(`unknown input '${name}'`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(judge(make()))}\n`);
}
