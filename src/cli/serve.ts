/** `dataforge serve`: the team sync server in this process, until SIGINT/SIGTERM. */
import { Command } from 'commander';
import { ConfigError, DEFAULTS, loadConfig, type ServeFlags } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { closeOnSignals, startServer } from '../server/serve.js';
import { CliError } from './errors.js';
import type { RunState } from './las.js';

export function serveCommand(state: RunState): Command {
  return new Command('serve')
    .description('run the DataForge sync server (HTTP API under /api/v1; docs at /api/v1/docs)')
    .option('--host <host>', `address to listen on (env DATAFORGE_HOST, default ${DEFAULTS.host})`)
    .option('--port <port>', `port to listen on, 0 for any free port (env DATAFORGE_PORT, default ${DEFAULTS.port})`)
    .option('--data <dir>', `folder for server.db, blobs and the JWT secret (env DATAFORGE_DATA, default ./${DEFAULTS.dataDir})`)
    .option('--public-url <url>', 'URL clients reach the server at, for presigned links (env DATAFORGE_PUBLIC_URL)')
    .option('--no-auth', 'no logins: every request acts as a local owner; only on a loopback host (env DATAFORGE_NO_AUTH=1)')
    .addHelpText('after', '\nMore settings (PostgreSQL, S3, token lifetimes, limits) are environment variables: see the README.')
    .action(async (flags: ServeFlags) => {
      let config;
      try {
        config = loadConfig(flags);
      } catch (e) {
        if (e instanceof ConfigError) throw new CliError(e.message);
        throw e;
      }
      const log = createLogger({ level: config.logLevel });
      let server;
      try {
        server = await startServer(config, { logger: log });
      } catch (e) {
        if (e instanceof ConfigError) throw new CliError(e.message);
        throw e;
      }
      process.stderr.write(`DataForge server on ${server.url} (API ${server.url}/api/v1, docs ${server.url}/api/v1/docs); Ctrl-C stops it\n`);
      await closeOnSignals(server, log, () => process.exit(130));
      state.exitCode = 0;
    });
}
