/**
 * The receiving end of the bench's raw loopback copy (bench/sync.mjs), in its own process like
 * the sync server it is compared with: every PUT body is written to a file under the folder
 * given (no fsync) and answered 204; a body to `/discard/...` is thrown away (the network
 * alone). Prints {"port":N} once listening; SIGTERM stops it.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const toDir = process.argv[2];
if (!toDir) throw new Error('usage: node bench/raw-peer.mjs DIR');
mkdirSync(toDir, { recursive: true });
const peer = createServer((req, res) => {
  const done = () => { res.writeHead(204); res.end(); };
  if (req.url.startsWith('/discard/')) {
    req.on('data', () => {});
    req.on('end', done);
    return;
  }
  pipeline(req, createWriteStream(join(toDir, req.url.replace(/\W/g, '_')))).then(done, (e) => { res.writeHead(500); res.end(String(e)); });
});
peer.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: peer.address().port })}\n`));
process.on('SIGTERM', () => peer.close(() => process.exit(0)));
