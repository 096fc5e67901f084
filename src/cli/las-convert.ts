/** `dataforge las convert IN OUT`: read, then write as LAS 1.2 / 2.0 / 3.0, atomically. */
import { resolve } from 'node:path';
import { logSet } from '../las/access.js';
import { readLas } from '../las/read.js';
import { writeLasChunks } from '../las/write.js';
import { CliError, EXIT_OK } from './errors.js';
import { readBytes, sameFile, writeFileAtomic } from './files.js';
import { out } from './io.js';
import type { LasVersionChoice, ReadFlags } from './options.js';
import { countBySeverity } from './summary.js';

export interface ConvertFlags extends ReadFlags {
  version?: LasVersionChoice;
  wrap?: boolean;
  nullValue?: number;
  decimals?: number;
}

/** The version the writer chose (it defaults from the model), read back from its VERS line. */
function writtenVersion(text: string): string | null {
  return /^\s*VERS\s*\.\s*([\d.]+)/m.exec(text.slice(0, 2000))?.[1] ?? null;
}

export async function runConvert(input: string, output: string, flags: ConvertFlags): Promise<number> {
  if (resolve(input) === resolve(output) || sameFile(input, output)) {
    throw new CliError(`${output}: refusing to overwrite the input file ${input}; name a different OUT`, output);
  }
  if (flags.version === '3.0' && flags.wrap) {
    throw new CliError('LAS 3.0 does not allow wrapped data: drop --wrap or use --version 2.0');
  }
  const bytes = await readBytes(input);
  const las = readLas(bytes, { fileName: input, encoding: flags.encoding, strict: flags.strict, nullPolicy: flags.nullPolicy });
  // Written in chunks: the output may be larger than any one string can be.
  const options = { version: flags.version, wrap: flags.wrap, nullValue: flags.nullValue, decimals: flags.decimals };
  let head = '';
  const chunks = (function* () {
    for (const chunk of writeLasChunks(las, options)) {
      if (!head) head = chunk.slice(0, 2000);
      yield chunk;
    }
  })();
  const written = await writeFileAtomic(output, chunks);
  const set = logSet(las);
  const report = {
    input,
    output,
    version: writtenVersion(head),
    bytes: written,
    curves: set?.curves.length ?? 0,
    rows: set?.nRows ?? 0,
    sets: las.sets.length,
    readProblems: countBySeverity(las.problems),
  };
  if (flags.json) {
    await out(`${JSON.stringify(report)}\n`);
  } else {
    const p = report.readProblems;
    const noted = p.warning + p.error ? `; reading it recovered from ${p.warning + p.error} problem(s): see dataforge las validate ${input}` : '';
    await out(`wrote ${output}: LAS ${report.version}, ${report.curves} curves, ${report.rows} rows, ${(written / 1e6).toFixed(2)} MB${noted}\n`);
  }
  return EXIT_OK;
}
