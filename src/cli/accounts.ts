/**
 * `dataforge accounts add|list|password`: the sync server's accounts, managed on the server's
 * machine against its database (the one `dataforge serve` would use: --data, DATABASE_URL).
 * This is how accounts are made when self-registration is closed. It works whether or not the
 * server is running.
 */
import { Command } from 'commander';
import { AccountAdminError, addAccount, listAccounts, setAccountPassword, type AccountSummary } from '../server/auth/accounts-admin.js';
import { ConfigError, DEFAULTS, loadConfig } from '../server/config.js';
import { openStore } from '../server/services.js';
import type { MetaStore } from '../server/store/meta-store.js';
import { CliError, EXIT_OK } from './errors.js';
import { out } from './io.js';
import type { RunState } from './las.js';
import { promptHidden, secretFrom } from './secret-input.js';

interface StoreFlags { data?: string; json?: boolean }
interface PasswordFlags extends StoreFlags { passwordStdin?: boolean }

const dataOption = ['--data <dir>', `the server's data folder, as given to \`dataforge serve\` (env DATAFORGE_DATA, default ./${DEFAULTS.dataDir}); DATABASE_URL selects PostgreSQL as it does for serve`] as const;
const passwordOption = ['--password-stdin', 'read the new password from stdin (otherwise DATAFORGE_PASSWORD, or a prompt asked twice)'] as const;
const json = (v: unknown) => out(`${JSON.stringify(v)}\n`);

async function withStore<T>(flags: StoreFlags, fn: (store: MetaStore) => Promise<T>): Promise<T> {
  let store: MetaStore;
  try {
    store = await openStore(loadConfig({ data: flags.data }));
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
  try {
    return await fn(store);
  } catch (e) {
    if (e instanceof AccountAdminError) throw new CliError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}

/** A typed password is asked twice: a typo would lock the account's owner out. */
async function newPassword(flags: PasswordFlags, email: string): Promise<string> {
  if (flags.passwordStdin || process.env.DATAFORGE_PASSWORD || !process.stdin.isTTY) {
    return (await secretFrom({ fromStdin: flags.passwordStdin, envVar: 'DATAFORGE_PASSWORD', what: 'password', required: true }))!;
  }
  const first = await promptHidden(`new password for ${email}: `);
  const again = await promptHidden('the same password again: ');
  if (first !== again) throw new CliError('the two passwords differ: nothing was changed');
  return first;
}

const accountLine = (a: AccountSummary) => `${a.email}  created ${a.createdAt}  id ${a.id}${a.canLogIn ? '' : '  (no password: the no-auth local user)'}`;

export function accountsCommand(state: RunState): Command {
  const accounts = new Command('accounts')
    .description('the sync server\'s accounts, managed on the server\'s machine (how accounts are made when registration is closed)')
    .addHelpText('after', '\nRun these where the server\'s data is, as the user the server runs as. The server may be running.');

  accounts.command('add')
    .description('create an account')
    .argument('<email>', 'the account\'s email address')
    .option(...dataOption).option(...passwordOption).option('--json', 'print the result as JSON')
    .action(async (email: string, o: PasswordFlags) => {
      const password = await newPassword(o, email);
      const a = await withStore(o, (store) => addAccount(store, email, password));
      await (o.json ? json(a) : out(`account ${a.email} created (id ${a.id}); its owner logs in with 'dataforge login --email ${a.email}'\n`));
      state.exitCode = EXIT_OK;
    });

  accounts.command('list')
    .description('every account, oldest first')
    .option(...dataOption).option('--json', 'print one JSON object per account per line')
    .action(async (o: StoreFlags) => {
      const all = await withStore(o, (store) => listAccounts(store));
      if (o.json) for (const a of all) await json(a);
      else await out(all.length ? `${all.map(accountLine).join('\n')}\n` : 'no accounts\n');
      state.exitCode = EXIT_OK;
    });

  accounts.command('password')
    .description('set a new password for an account and end all its sessions (every device logs in again)')
    .argument('<email>', 'the account\'s email address')
    .option(...dataOption).option(...passwordOption).option('--json', 'print the result as JSON')
    .action(async (email: string, o: PasswordFlags) => {
      const password = await newPassword(o, email);
      const a = await withStore(o, (store) => setAccountPassword(store, email, password));
      await (o.json ? json(a) : out(`new password set for ${a.email}; all its sessions are ended\n`));
      state.exitCode = EXIT_OK;
    });

  return accounts;
}
