/**
 * A real sync server on loopback for the client tests: the app of src/server/app.ts (the sync
 * routes are mounted here too if app.ts ever stops mounting them), SQLite and blob files in a
 * temp data dir. `kill()` drops it the hard way (every connection cut mid-request);
 * `restart()` brings it back on the same port and data.
 */
import { createAdaptorServer } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { API, createApp } from '../../src/server/app.js';
import { loadConfig, type ServerConfig } from '../../src/server/config.js';
import type { ServerServices } from '../../src/server/context.js';
import { createLogger } from '../../src/server/logger.js';
import { createAuth, createBlobStorage, openStore, serverKeys } from '../../src/server/services.js';
import { syncRoutes } from '../../src/server/sync/routes.js';
import { CredentialStore } from '../../src/sync/credentials.js';
import { HttpClient } from '../../src/sync/http.js';
import { createSchema, PG_URL, type StoreKind } from '../server/harness.js';

export const JWT_SECRET = 'sync-client-tests-secret-of-at-least-32-chars';

export interface SyncTestServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  services(): ServerServices;
  /** Cuts every connection at once and closes the store, like a crash between two requests' bytes. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function boot(config: ServerConfig): Promise<{ server: Server; services: ServerServices; port: number }> {
  const log = createLogger({ level: 'silent' });
  const keys = serverKeys(config);
  const store = await openStore(config);
  const auth = await createAuth(config, store, keys.jwt);
  const route: { handler?: (req: Request) => Response | Promise<Response> } = {};
  const server = createAdaptorServer({ fetch: (req: Request) => (route.handler ? route.handler(req) : new Response('starting', { status: 503 })) }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const services: ServerServices = { config, store, auth, log, version: 'test', blobs: createBlobStorage(config, keys.presign, `http://127.0.0.1:${port}`) };
  const app = createApp(services, log);
  if (!app.routes.some((r) => r.path.endsWith('/sync/push'))) app.route(`${API}/workspaces/:ws/sync`, syncRoutes());
  route.handler = app.fetch;
  return { server, services, port };
}

/** `store: 'postgres'` puts the metadata in a fresh schema of DATAFORGE_TEST_DATABASE_URL (dropped on close). */
export async function startSyncServer(overrides: Partial<ServerConfig> = {}, opts: { store?: StoreKind } = {}): Promise<SyncTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'df-sync-server-'));
  const schema = opts.store === 'postgres' ? await createSchema() : undefined;
  let config: ServerConfig = {
    ...loadConfig({ port: 0, data: dataDir }, {}), jwtSecret: JWT_SECRET, logLevel: 'silent',
    registration: { open: true, domains: [], perAddressPerHour: 10_000 },
    ...(schema ? { databaseUrl: PG_URL, databaseSchema: schema.schema } : {}), ...overrides,
  };
  let current = await boot(config);
  config = { ...config, port: current.port };
  const stop = async (hard: boolean) => {
    const { server, services } = current;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if (hard) server.closeAllConnections();
    else server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), hard ? 0 : 2000).unref();
    await closed;
    await services.store.close();
  };
  let running = true;
  return {
    get url() { return `http://127.0.0.1:${current.port}`; },
    get port() { return current.port; },
    dataDir,
    services: () => current.services,
    kill: async () => { if (running) { running = false; await stop(true); } },
    restart: async () => {
      if (running) await stop(true);
      current = await boot(config);
      running = true;
    },
    close: async () => {
      if (running) { running = false; await stop(false); }
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let n = 0;
/** Registers an account (tokens saved in `creds`), creates workspace `name`, and returns the account. */
export async function accountWithWorkspace(server: SyncTestServer, creds: CredentialStore, name: string): Promise<{ email: string; password: string; http: HttpClient }> {
  const email = `user${++n}-${process.pid}@example.com`;
  const password = 'a-long-enough-password';
  const http = new HttpClient({ server: server.url, credentials: creds, retry: { attempts: 1 } });
  await http.register(email, password);
  if (name) await http.json('POST', '/workspaces', z.unknown(), { json: { name } });
  return { email, password, http };
}

/** Adds an existing account as a member of a workspace (the owner's client does it). */
export async function addMember(owner: HttpClient, workspace: string, email: string, role: 'viewer' | 'member' | 'admin'): Promise<void> {
  await owner.json('POST', `/workspaces/${workspace}/members`, z.unknown(), { json: { email, role } });
}
