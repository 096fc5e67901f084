// The built `dataforge` CLI with the sync commands, for test/sync/cli.test.ts, until
// src/cli/main.ts registers them (then this is the plain CLI). Mirrors main()'s exit codes.
import { CommanderError } from 'commander';
import { buildProgram } from '../../dist/cli/main.js';
import { errorLine, isBadInput } from '../../dist/cli/errors.js';
import { syncCommands } from '../../dist/cli/sync.js';

const state = { exitCode: 0 };
const program = buildProgram(state);
for (const cmd of syncCommands(state)) {
  if (program.commands.some((c) => c.name() === cmd.name())) continue;
  const visit = (c) => { c.exitOverride().showHelpAfterError('(run with --help for usage)'); c.commands.forEach(visit); };
  visit(cmd);
  program.addCommand(cmd);
}
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
  process.exitCode = state.exitCode;
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 1;
  else if (isBadInput(e)) { process.stderr.write(`dataforge: ${errorLine(e)}\n`); process.exitCode = 1; }
  else { process.stderr.write(`internal error: ${e?.stack ?? e}\n`); process.exitCode = 2; }
}
