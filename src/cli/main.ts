/**
 * The `dataforge` command line. Exit codes: 0 ok, 1 bad input (a file that is not usable
 * LAS, a bad argument or path), 2 an internal error (a bug: please report it).
 */
import { Command, CommanderError } from 'commander';
import { DATAFORGE_VERSION } from '../version.js';
import { errorLine, EXIT_BAD_INPUT, EXIT_INTERNAL, isBadInput } from './errors.js';
import { err, guardStdout, OutputClosed } from './io.js';
import { lasCommand, type RunState } from './las.js';
import { dictionaryCommand, unitsCommand } from './reference.js';
import { ingestCommand, initCommand } from './workspace.js';
import { serveCommand } from './serve.js';
import { accountsCommand } from './accounts.js';
import { syncCommands } from './sync.js';
import { register as registerEdit } from './edit.js';
import { register as registerExport } from './export.js';
import { register as registerFsck } from './fsck.js';
import { register as registerQuery } from './query.js';

export function buildProgram(state: RunState): Command {
  const program = new Command('dataforge')
    .description('DataForge: an offline-first workspace for well-log (LAS) data')
    .version(DATAFORGE_VERSION, '-V, --version', 'print the version')
    // Sub-commands have their own --version (the LAS version to write): keep options positional.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addCommand(lasCommand(state));
  program.addCommand(initCommand(state));
  program.addCommand(ingestCommand(state));
  program.addCommand(unitsCommand(state));
  program.addCommand(dictionaryCommand(state));
  program.addCommand(serveCommand(state));
  program.addCommand(accountsCommand(state));
  for (const cmd of syncCommands(state)) program.addCommand(cmd);
  registerEdit(program);
  registerFsck(program);
  registerExport(program);
  registerQuery(program, state);
  // addCommand does not pass on exitOverride / help-after-error: set them on every command.
  const visit = (cmd: Command) => {
    cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
    cmd.commands.forEach(visit);
  };
  program.commands.forEach(visit);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const state: RunState = { exitCode: 0 };
  const program = buildProgram(state);
  const unguard = guardStdout(() => state.exitCode);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (e) {
    if (e instanceof OutputClosed) return state.exitCode;
    // Commander has already printed its message (or the help / version).
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    if (isBadInput(e)) {
      err(errorLine(e));
      return EXIT_BAD_INPUT;
    }
    err(`internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT_INTERNAL;
  } finally {
    unguard();
  }
}
