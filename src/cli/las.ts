/** The `las` command group: read, validate, convert, generate. Thin: options in, a runner out. */
import { Command } from 'commander';
import { MAX_CURVES } from '../las/generate-curves.js';
import { runConvert, type ConvertFlags } from './las-convert.js';
import { runGenerate, type GenerateFlags } from './las-generate.js';
import { runRead } from './las-read.js';
import { runValidate } from './las-validate.js';
import { LAS_VERSIONS, parseChoice, parseEncoding, parseFiniteNumber, parseNullPolicy, parseWholeNumber, type ReadFlags } from './options.js';

/** Where a command leaves its exit code for `main`. */
export interface RunState { exitCode: number }

function readingOptions(cmd: Command): Command {
  return cmd
    .option('--strict', 'refuse files that need a recovery instead of recovering and reporting')
    .option('--encoding <name>', 'force the text encoding (utf-8, utf-16le, cp1252, cp1251, cp866, koi8-r, ...); detected by default', parseEncoding)
    .option('--null-policy <policy>', "values read as NULL: strict (the ~W NULL only), common, aggressive, none, or a list like 'common,-9999,N/A'", parseNullPolicy)
    .option('--json', 'machine output on stdout: one JSON object per file per line');
}

export function lasCommand(state: RunState): Command {
  const las = new Command('las').description('read, validate, convert and generate LAS 1.2 / 2.0 / 3.0 well-log files');

  readingOptions(
    las.command('read')
      .description('summarise LAS files (version, well, curves, depth range, rows, problems); --json gives the full read in the layout of lasio')
      .argument('<file...>', 'LAS files to read'),
  ).action(async (files: string[], o: ReadFlags) => {
    state.exitCode = await runRead(files, o);
  });

  readingOptions(
    las.command('validate')
      .description('give each file a verdict (ok, warnings, errors) with its problems; exits 1 if any file has errors')
      .argument('<file...>', 'LAS files to check'),
  ).action(async (files: string[], o: ReadFlags) => {
    state.exitCode = await runValidate(files, o);
  }).addHelpText('after', '\nWith --strict, warnings count as errors (every problem is still listed).');

  readingOptions(
    las.command('convert')
      .description('read a LAS file and write it again, e.g. as another LAS version; never touches IN, never leaves a partial OUT')
      .argument('<in>', 'LAS file to read')
      .argument('<out>', 'file to write (replaced if it exists, but never the input)')
      .option('--version <v>', `LAS version to write: ${LAS_VERSIONS.join(', ')} (default: the input's)`, parseChoice(LAS_VERSIONS))
      .option('--wrap', 'wrap data lines (LAS 1.2 / 2.0 only)')
      .option('--no-wrap', 'one line per row')
      .option('--null-value <v>', "number to write for NULL (default: the input's NULL, else -999.25)", parseFiniteNumber)
      .option('--decimals <n>', 'write every number with n decimals (rounds; default: exact values)', parseWholeNumber(0, 20)),
  ).action(async (input: string, output: string, o: ConvertFlags) => {
    state.exitCode = await runConvert(input, output, o);
  });

  las.command('generate')
    .description('write a realistic synthetic well log (DEPT, GR, RHOB, NPHI, DT, ...), the same for the same seed')
    .argument('<out>', 'file to write')
    .requiredOption('--rows <n>', 'number of depth rows', parseWholeNumber(0))
    .option('--curves <k>', `number of curves, DEPT included (1 to ${MAX_CURVES}, default 8)`, parseWholeNumber(1, MAX_CURVES))
    .option('--seed <s>', 'random seed (default 1)', parseWholeNumber(0, 2 ** 32 - 1))
    .option('--wrap', 'wrap data lines (LAS 1.2 / 2.0 only)')
    .option('--version <v>', `LAS version: ${LAS_VERSIONS.join(', ')} (default 2.0; 3.0 adds a Tops set)`, parseChoice(LAS_VERSIONS))
    .option('--depth-unit <u>', 'depth unit: M or FT (default M)', parseChoice(['M', 'FT'] as const))
    .option('--json', 'print what was written as JSON')
    .action(async (output: string, o: GenerateFlags) => {
      state.exitCode = await runGenerate(output, o);
    });

  return las;
}
