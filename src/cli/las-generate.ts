/** `dataforge las generate OUT`: a synthetic, seed-deterministic well log streamed to a file. */
import { generateLasChunks, type GenerateOptions } from '../las/generate.js';
import { CliError, EXIT_OK } from './errors.js';
import { writeFileAtomic } from './files.js';
import { out, stderrIsTty } from './io.js';
import type { LasVersionChoice } from './options.js';
import { createProgress } from './progress.js';

export interface GenerateFlags {
  rows: number;
  curves?: number;
  seed?: number;
  wrap?: boolean;
  version?: LasVersionChoice;
  depthUnit?: 'M' | 'FT';
  json?: boolean;
}

/** Below this many rows a file is written before a bar could be read. */
const PROGRESS_ROWS = 200_000;

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export async function runGenerate(output: string, flags: GenerateFlags): Promise<number> {
  if (flags.version === '3.0' && flags.wrap) throw new CliError('LAS 3.0 does not allow wrapped data: drop --wrap or use --version 2.0');
  const opts: GenerateOptions = { rows: flags.rows, curves: flags.curves, seed: flags.seed, wrap: flags.wrap, version: flags.version, depthUnit: flags.depthUnit };
  // Unwrapped, a row is a line, so counting lines tracks rows; wrapped files show bytes only.
  const bar = createProgress({
    label: 'generating',
    total: flags.wrap ? undefined : flags.rows,
    enabled: !flags.json && stderrIsTty() && flags.rows >= PROGRESS_ROWS,
  });
  let lines = 0;
  let bytes = 0;
  function* chunks(): Generator<string> {
    for (const c of generateLasChunks(opts)) {
      if (!flags.wrap) lines += countLines(c);
      yield c;
    }
  }
  try {
    bytes = await writeFileAtomic(output, chunks(), (b) => bar.update(lines, b));
  } catch (e) {
    // The generator checks its options lazily; their RangeErrors are bad arguments.
    if (e instanceof RangeError) throw new CliError(e.message);
    throw e;
  } finally {
    bar.finish();
  }
  const report = { output, rows: flags.rows, curves: flags.curves ?? 8, seed: flags.seed ?? 1, version: flags.version ?? '2.0', wrap: !!flags.wrap, bytes };
  if (flags.json) await out(`${JSON.stringify(report)}\n`);
  else await out(`wrote ${output}: LAS ${report.version}${report.wrap ? ' (wrapped)' : ''}, ${report.curves} curves, ${report.rows} rows, ${(bytes / 1e6).toFixed(2)} MB (seed ${report.seed})\n`);
  return EXIT_OK;
}
