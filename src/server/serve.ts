/**
 * Runs the server: opens the store, listens, and shuts down gracefully (stop accepting, let
 * requests in flight finish up to a timeout, then close the store).
 */
import { createAdaptorServer } from '@hono/node-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { assertStartable, ConfigError, publicUrlOf, type ServerConfig } from './config.js';
import type { ServerServices } from './context.js';
import { createLogger, errorFields, type JsonLogger } from './logger.js';
import { createAuth, createBlobStorage, openStore, packageVersion, redactUrl, serverKeys } from './services.js';

export interface RunningServer {
  /** Where clients reach it (the public URL when configured). */
  url: string;
  port: number;
  services: ServerServices;
  /** Graceful: resolves once in-flight requests are done (or the timeout cut them) and the store is closed. Safe to call twice. */
  close(): Promise<void>;
}

/** Idle sockets are dropped after this; a stalled upload must not hold a connection for ever. */
const SOCKET_IDLE_MS = 120_000;

export async function startServer(config: ServerConfig, options: { logger?: JsonLogger } = {}): Promise<RunningServer> {
  assertStartable(config);
  const log = options.logger ?? createLogger({ level: config.logLevel });
  const keys = serverKeys(config);
  const store = await openStore(config);
  let services: ServerServices;
  let handler: ((req: Request, env: unknown) => Response | Promise<Response>) | undefined;
  let server: Server;
  try {
    const auth = await createAuth(config, store, keys.jwt);
    server = createAdaptorServer({
      fetch: (req, env) => handler ? handler(req, env) : new Response('starting', { status: 503 }),
    }) as Server;
    // No overall request deadline (a big blob upload takes as long as it takes), but idle sockets die.
    server.requestTimeout = 0;
    server.setTimeout(SOCKET_IDLE_MS);
    await listen(server, config);
    const port = (server.address() as AddressInfo).port;
    const url = publicUrlOf(config, port);
    services = { config, store, auth, log, version: packageVersion(), blobs: createBlobStorage(config, keys.presign, url) };
    handler = createApp(services, log).fetch;
    log.info('listening', {
      url, host: config.host, port, store: store.kind, database: config.databaseUrl ? redactUrl(config.databaseUrl) : `${config.dataDir}/server.db`,
      blobs: services.blobs.kind, auth: config.noAuth ? 'disabled (loopback only)' : 'enabled', jwtSecret: keys.source,
    });
    return { url, port, services, close: graceful(server, services, log) };
  } catch (e) {
    await store.close();
    throw e;
  }
}

function listen(server: Server, config: ServerConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') reject(new ConfigError('--port', `port ${config.port} on ${config.host} is already in use: stop the other server or choose another port`));
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') reject(new ConfigError('--host', `cannot listen on '${config.host}': no such address on this machine`));
      else if (e.code === 'EACCES') reject(new ConfigError('--port', `not allowed to listen on port ${config.port} (ports below 1024 need privileges)`));
      else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(config.port, config.host);
  });
}

/** Tracks requests in flight so close() can wait for them, and stops keep-alive once closing. */
function graceful(server: Server, services: ServerServices, log: JsonLogger): () => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  let drained: (() => void) | undefined;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    if (closing) res.shouldKeepAlive = false;
    res.once('close', () => {
      inFlight.delete(res);
      if (closing && inFlight.size === 0) drained?.();
    });
  });

  return () => {
    closing ??= (async () => {
      const timeoutMs = services.config.shutdownTimeoutMs;
      log.info('shutting down', { inFlight: inFlight.size, timeoutMs });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Responses still to be written tell their clients the connection ends with them.
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      server.closeIdleConnections();
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          new Promise<boolean>((resolve) => (drained = () => resolve(true))),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (!finished) log.warn('shutdown timeout: cutting requests still in flight', { inFlight: inFlight.size });
      }
      server.closeAllConnections();
      await closed;
      try {
        await services.store.close();
      } catch (e) {
        log.error('closing the store failed', errorFields(e));
      }
      log.info('stopped');
    })();
    return closing;
  };
}

/**
 * For the CLI: the first SIGINT/SIGTERM shuts down gracefully (resolves when done); a second one
 * calls `onForce` (the CLI exits at once).
 */
export function closeOnSignals(server: RunningServer, log: JsonLogger, onForce: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      count++;
      if (count > 1) {
        log.warn('second signal: stopping now', { signal });
        onForce();
        return;
      }
      log.info('signal received', { signal });
      server.close().then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      }, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
