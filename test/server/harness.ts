/**
 * Test servers over real loopback HTTP, on SQLite or PostgreSQL. PostgreSQL comes from
 * DATAFORGE_TEST_DATABASE_URL; every server gets a fresh schema (dropped on close), so test
 * files running in parallel never see each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { loadConfig, type ServerConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';

export const PG_URL = process.env.DATAFORGE_TEST_DATABASE_URL;
export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const API = '/api/v1';

let warned = false;
/** describe.each over both stores; the PostgreSQL run is skipped, visibly, without a database. */
export function describeStores(name: string, body: (kind: StoreKind) => void): void {
  if (!PG_URL && !warned) {
    warned = true;
    console.warn('DATAFORGE_TEST_DATABASE_URL is not set: the PostgreSQL variants of the server tests are SKIPPED');
  }
  for (const kind of STORE_KINDS) {
    describe.skipIf(kind === 'postgres' && !PG_URL)(`${name} [${kind}]`, () => body(kind));
  }
}

export async function createSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

export interface TestServer {
  server: RunningServer;
  config: ServerConfig;
  /** Base URL of the API, e.g. http://127.0.0.1:PORT/api/v1 */
  api: string;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  close(): Promise<void>;
}

export async function startTestServer(kind: StoreKind, overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'df-server-'));
  const schema = kind === 'postgres' ? await createSchema() : undefined;
  const config: ServerConfig = {
    ...loadConfig({ port: 0, data: dataDir }, {}),
    jwtSecret: TEST_JWT_SECRET,
    // Suites register many accounts from 127.0.0.1; the per-address limit has tests of its own.
    registration: { open: true, domains: [], perAddressPerHour: 10_000 },
    ...(schema ? { databaseUrl: PG_URL, databaseSchema: schema.schema } : {}),
    ...overrides,
  };
  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => { rawLogs.push(line); logs.push(JSON.parse(line) as Record<string, unknown>); } });
  const server = await startServer(config, { logger });
  let closed = false;
  return {
    server, config, logs, rawLogs, api: server.url + API,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply { status: number; body: Json; text: string; headers: Headers }

export async function call(api: string, method: string, path: string, opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(api + path, { method, headers, body });
  const text = await res.text();
  let parsed: Json = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

export interface Account { id: string; email: string; password: string; token: string; refresh: string }

let counter = 0;
export async function register(api: string, name: string): Promise<Account> {
  const email = `${name}-${process.pid}-${++counter}@example.com`;
  const password = `pw-${name}-long-enough`;
  const r = await call(api, 'POST', '/auth/register', { body: { email, password } });
  if (r.status !== 201) throw new Error(`register ${email}: ${r.status} ${r.text}`);
  return { id: r.body.user.id, email, password, token: r.body.accessToken, refresh: r.body.refreshToken };
}
