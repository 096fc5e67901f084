/** `dataforge las validate`: a verdict per file (ok / warnings / errors) and its problems. */
import { LasError } from '../las/errors.js';
import type { LasProblem } from '../las/model.js';
import { CliError, errorLine, EXIT_BAD_INPUT, EXIT_OK } from './errors.js';
import { err, out } from './io.js';
import { progressFor, streamSummary } from './las-read.js';
import type { ReadFlags } from './options.js';
import { problemLine } from './summary.js';

export type Verdict = 'ok' | 'warnings' | 'errors';

export interface Validation {
  file: string;
  verdict: Verdict;
  version: string | null;
  problems: LasProblem[];
  /** Why the file could not be read at all. */
  error: { type: 'LasError' | 'FileError'; message: string } | null;
}

/** Info never spoils a verdict; strict makes warnings count as errors. */
export function verdictOf(problems: LasProblem[], strict: boolean): Verdict {
  if (problems.some((p) => p.severity === 'error' || (strict && p.severity === 'warning'))) return 'errors';
  return problems.some((p) => p.severity === 'warning') ? 'warnings' : 'ok';
}

/**
 * Reads leniently even under --strict, so every problem is listed rather than only the first;
 * --strict then grades the warnings as errors.
 */
export async function validateFile(file: string, flags: ReadFlags, onBytes?: (b: number) => void): Promise<Validation> {
  try {
    const las = await streamSummary(file, { ...flags, strict: false }, onBytes);
    return { file, verdict: verdictOf(las.problems, !!flags.strict), version: las.version, problems: las.problems, error: null };
  } catch (e) {
    if (e instanceof LasError) return { file, verdict: 'errors', version: null, problems: e.problems, error: { type: 'LasError', message: e.message } };
    if (e instanceof CliError) return { file, verdict: 'errors', version: null, problems: [], error: { type: 'FileError', message: e.message } };
    throw e;
  }
}

function humanLines(v: Validation, strict: boolean): string[] {
  const n = v.problems.filter((p) => p.severity !== 'info').length;
  const head = `${v.file}: ${v.verdict}${v.verdict === 'ok' ? '' : ` (${n} problem${n === 1 ? '' : 's'}${strict ? ', warnings count as errors' : ''})`}`;
  // A LasError's last problem is the error itself; list it once.
  const listed = v.problems.map((p) => `    ${problemLine(p)}`);
  if (v.error && !v.problems.length) listed.push(`    ${v.error.message}`);
  return [head, ...listed];
}

export async function runValidate(files: string[], flags: ReadFlags): Promise<number> {
  const { bar, sizes } = await progressFor(files, 'validating', flags.json);
  const tally: Record<Verdict, number> = { ok: 0, warnings: 0, errors: 0 };
  let before = 0;
  for (let i = 0; i < files.length; i++) {
    const v = await validateFile(files[i], flags, (b) => bar.update(before + b, before + b));
    before += sizes[i];
    tally[v.verdict]++;
    bar.clear();
    if (flags.json) {
      await out(`${JSON.stringify(v)}\n`);
    } else {
      if (v.error?.type === 'FileError') err(errorLine(new CliError(v.error.message)));
      else await out(`${humanLines(v, !!flags.strict).join('\n')}\n`);
    }
  }
  bar.finish();
  if (!flags.json && files.length > 1) {
    await out(`${files.length} files: ${tally.ok} ok, ${tally.warnings} with warnings, ${tally.errors} with errors\n`);
  }
  return tally.errors ? EXIT_BAD_INPUT : EXIT_OK;
}
