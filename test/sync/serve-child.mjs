// A sync server in its own process (the built one, as `dataforge serve` runs it), so a test can
// SIGKILL it mid-request. Usage: node serve-child.mjs DATA_DIR PORT; prints "listening PORT".
import { loadConfig } from '../../dist/server/config.js';
import { createLogger } from '../../dist/server/logger.js';
import { startServer } from '../../dist/server/serve.js';

const [dataDir, port] = process.argv.slice(2);
const config = { ...loadConfig({ port, data: dataDir }, {}), jwtSecret: 'sync-kill-tests-secret-of-at-least-32-chars', logLevel: 'silent' };
const server = await startServer(config, { logger: createLogger({ level: 'silent' }) });
process.stdout.write(`listening ${server.port}\n`);
