/**
 * `dataforge export WELL OUT`: a well's logs as LAS 2.0 / 3.0, CSV or Parquet, native or on
 * the well's grid, in original or standard units; `--original RUN` gives the ingested file
 * byte for byte.
 */
import { extname } from 'node:path';
import type { Command } from 'commander';
import { findRun, findWell } from '../workspace/lookup.js';
import { EXPORT_FORMATS, exportOriginal, exportWell, type ExportFormat, type ExportResult } from '../workspace/export.js';
import { CliError } from './errors.js';
import { out } from './io.js';
import { parseChoice } from './options.js';
import { parseDepthWindow, parseList, shortId, showBytes, withWorkspace } from './workspace-edit-helpers.js';
import { workspaceOption } from './workspace.js';

interface ExportFlags {
  format?: ExportFormat;
  curves?: string[];
  depth?: [number, number];
  grid?: 'native' | 'gridded';
  units?: 'original' | 'standard';
  run?: string;
  original?: string;
  force?: boolean;
  workspace?: string;
  json?: boolean;
}

const BY_EXTENSION: Record<string, ExportFormat> = { '.las': 'las2', '.csv': 'csv', '.parquet': 'parquet', '.pq': 'parquet' };

const FORMAT_NAMES: Record<ExportFormat, string> = { las2: 'LAS 2.0', las3: 'LAS 3.0', csv: 'CSV', parquet: 'Parquet' };

function summary(r: ExportResult): string {
  const d = r.depth;
  const range = d.top === null ? 'no rows' : `${d.name} ${d.top}–${d.base} ${d.unit}`;
  const runs = r.runs.length === 1 ? `run ${shortId(r.runs[0].id)} (${r.runs[0].sourceName})` : `${r.runs.length} runs`;
  return `wrote ${r.out}: ${FORMAT_NAMES[r.format]}, ${r.rows} rows × ${r.curves.length} curves (${range}), well ${r.well.name}, ${runs}, ${r.grid === 'native' ? 'native sampling' : 'well grid'}, ${r.units} units, ${showBytes(r.bytes)}\n`;
}

export function register(program: Command): void {
  program.command('export')
    .description("write a well's logs to a file (LAS 2.0/3.0, CSV, Parquet), or with --original a log run's ingested file byte for byte")
    .argument('<well>', 'well name or id (with --original, may be left out)')
    .argument('[out]', 'file to write (never replaced unless --force)')
    .option('--format <f>', `${EXPORT_FORMATS.join(', ')} (default: from OUT's extension, .las → las2)`, parseChoice(EXPORT_FORMATS))
    .option('--curves <list>', 'curves to export, comma separated: mnemonics (GR, or GR:2 for the second GR of a gridded export) or property ids (gamma_ray); default all', parseList)
    .option('--depth <top:base>', 'depth window, inclusive, in the exported depth unit', parseDepthWindow)
    .option('--grid <g>', 'native (one log run at its own sampling) or gridded (every run on the well grid, side by side); default native', parseChoice(['native', 'gridded'] as const))
    .option('--units <u>', 'original (as in the files) or standard (the workspace units); default original', parseChoice(['original', 'standard'] as const))
    .option('--run <id>', 'native: this log run instead of the newest; gridded: only this run')
    .option('--original <run>', 'write the original file of this log run, byte for byte')
    .option('--force', 'replace OUT if it exists')
    .option(...workspaceOption)
    .option('--json', 'print the result as JSON')
    .action(async (wellArg: string, outArg: string | undefined, o: ExportFlags) => {
      if (o.original) {
        const target = outArg ?? wellArg;
        const r = await withWorkspace(o.workspace, (ws) => {
          if (outArg) {
            const well = findWell(ws, wellArg);
            const run = findRun(ws, o.original!, { includeDeleted: true });
            if (run.well_id !== well.id) throw new CliError(`log run ${o.original} is not a run of well '${well.name}'`);
          }
          return exportOriginal(ws, o.original!, target, { force: o.force });
        }, { readonly: true });
        await out(o.json ? `${JSON.stringify(r)}\n` : `wrote ${r.out}: the original ${r.sourceName} of run ${shortId(r.runId)}, ${showBytes(r.bytes)}, sha256 ${r.sha256}\n`);
        return;
      }
      if (!outArg) throw new CliError('name the file to write: dataforge export WELL OUT');
      const format = o.format ?? BY_EXTENSION[extname(outArg).toLowerCase()];
      if (!format) throw new CliError(`${outArg}: cannot tell the format from the extension: add --format ${EXPORT_FORMATS.join('|')}`);
      const r = await withWorkspace(o.workspace, (ws) => exportWell(ws, wellArg, {
        format, curves: o.curves, depth: o.depth, grid: o.grid ?? 'native', units: o.units ?? 'original', out: outArg, run: o.run, force: o.force,
      }), { readonly: true });
      await out(o.json ? `${JSON.stringify(r)}\n` : summary(r));
    });
}
