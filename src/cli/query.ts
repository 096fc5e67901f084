/** `dataforge query "SQL"`: read-only SQL over the workspace's wells, runs, curves and samples. */
import { Command } from 'commander';
import { QueryError } from '../query/errors.js';
import { csvHeader, csvRows, jsonRows, table, type OutputFormat } from '../query/format.js';
import { closeQuerySession, openQuerySession } from '../query/session.js';
import { Workspace } from '../workspace/workspace.js';
import { CliError, EXIT_OK } from './errors.js';
import { err, out } from './io.js';
import { parseChoice } from './options.js';
import type { RunState } from './las.js';
import { workspaceOption } from './workspace.js';

export const QUERY_HELP = `
Tables and views (standard units in samples; original units in native_samples):
  wells           well_id, well, uwi, api, field, operator, country, state, location,
                  grid_unit, grid_step, grid_origin, runs, curves, ...
  log_runs        run_id, well_id, well, source_name, las_version, depth_mnemonic,
                  depth_unit, start_depth, stop_depth, step, rows, has_gridded, ...
  curves          curve_id, well_id, well, run_id, mnemonic, property, unit,
                  original_unit, min, max, mean, null_count, top, base, in_gridded, ...
  samples         one row per well and grid depth: well_id, well, DEPTH, depth_unit,
                  one column per property (gamma_ray, bulk_density, ...) and one per
                  curve mnemonic (GR, RHOB, ...); runs of a well merged on its grid
  native_samples  each run's own samples: well_id, well, run_id, source_name, dataset,
                  depth, depth_unit, one column per mnemonic (DEPT, GR, ...)

Examples:
  dataforge query "SELECT DEPTH, GR, RHOB FROM samples WHERE well = 'ALPHA 1' AND DEPTH BETWEEN 1000 AND 2000 ORDER BY DEPTH"
  dataforge query "SELECT well, avg(gamma_ray) AS gr FROM samples WHERE DEPTH BETWEEN 1500 AND 1600 GROUP BY well ORDER BY well"
  dataforge query "SELECT DEPT, GR FROM native_samples WHERE well = 'ALPHA 1' AND DEPT BETWEEN 3000 AND 3100" --format csv
  dataforge query "DESCRIBE samples"

Queries are read-only: only SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN
and PRAGMA table_info run, one statement at a time, and they can read nothing outside the
workspace's data. Rows come in no particular order unless the query has ORDER BY.`;

interface QueryFlags {
  workspace?: string;
  format: OutputFormat;
}

export function queryCommand(state: RunState): Command {
  return new Command('query')
    .description('run a read-only SQL query (DuckDB) over the workspace: wells, log_runs, curves, samples, native_samples')
    .argument('<sql>', 'one SQL statement, quoted')
    .option(...workspaceOption)
    .option('--format <format>', 'table (aligned), csv (RFC 4180) or json (an array of row objects)', parseChoice(['table', 'csv', 'json'] as const), 'table' as OutputFormat)
    .addHelpText('after', QUERY_HELP)
    .action(async (sql: string, o: QueryFlags) => {
      const ws = Workspace.find(o.workspace, { readonly: true });
      try {
        const session = await openQuerySession(ws);
        if (session.unreadable.length) {
          err(`warning: ${session.unreadable.length} data file(s) could not be read and are left out (run 'dataforge fsck'): ${session.unreadable.slice(0, 3).join(', ')}`);
        }
        const cursor = await session.cursor(sql);
        if (o.format === 'table') {
          const rows = [...cursor.chunks()].flat();
          await out(table(cursor.columns, rows));
        } else if (o.format === 'csv') {
          await out(csvHeader(cursor.columns));
          for (const chunk of cursor.chunks()) await out(csvRows(chunk));
        } else {
          await out('[');
          let first = true;
          for (const chunk of cursor.chunks()) {
            if (!chunk.length) continue;
            await out(`${first ? '\n' : ''}${jsonRows(cursor.columns, chunk, first)}`);
            first = false;
          }
          await out(first ? ']\n' : '\n]\n');
        }
        state.exitCode = EXIT_OK;
      } catch (e) {
        if (e instanceof QueryError) throw new CliError(e.message);
        throw e;
      } finally {
        closeQuerySession(ws);
        ws.close();
      }
    });
}

/**
 * Adds `query` to the program, like the other workspace commands (main.ts:
 * `import { register as registerQuery } from './query.js'` and `registerQuery(program, state)`).
 * Failures throw (main.ts turns them into exit 1), so `state` only records success.
 */
export function register(program: Command, state: RunState = { exitCode: 0 }): void {
  program.addCommand(queryCommand(state));
}
