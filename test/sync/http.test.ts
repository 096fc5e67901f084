import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceApi } from '../../src/sync/api.js';
import { CredentialStore } from '../../src/sync/credentials.js';
import { SyncHttpError } from '../../src/sync/errors.js';
import { HttpClient } from '../../src/sync/http.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../src/sync/retry.js';
import { cleanupAll, credentialStore } from './helpers.js';
import { accountWithWorkspace, startSyncServer, type SyncTestServer } from './server.js';

describe('tokens: stored per server, refreshed with rotation, cleared when dead', () => {
  let server: SyncTestServer;

  beforeAll(async () => {
    // Access tokens that live 2 s: long enough for a request, short enough to watch expire.
    server = await startSyncServer({ accessTtlSeconds: 2 });
  });
  afterAll(async () => {
    await server.close();
    cleanupAll();
  });

  it('keeps the tokens in a file only the user can read', async () => {
    const creds = credentialStore();
    await accountWithWorkspace(server, creds, 'tokens-a');
    expect(statSync(creds.path).mode & 0o777).toBe(0o600);
    expect(creds.get(server.url)?.refreshToken).toBeTruthy();
    expect(creds.get(`${server.url}/`)).toEqual(creds.get(server.url));
  });

  it('refreshes an expired access token before the request and stores the rotated refresh token', async () => {
    const creds = credentialStore();
    await accountWithWorkspace(server, creds, 'tokens-b');
    const before = creds.get(server.url)!;
    await new Promise((r) => setTimeout(r, 2100));
    const api = new WorkspaceApi(new HttpClient({ server: server.url, credentials: creds }), 'tokens-b');
    expect(await api.head()).toBe(0);
    const after = creds.get(server.url)!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The old refresh token is spent: using it again is refused (the server's reuse detection).
    const reuse = await fetch(`${server.url}/api/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: before.refreshToken }) });
    expect(reuse.status).toBe(401);
  });

  it('on a 401 refreshes once and repeats the request; parallel requests share one refresh', async () => {
    const creds = credentialStore();
    await accountWithWorkspace(server, creds, 'tokens-c');
    const stored = creds.get(server.url)!;
    // A token the server refuses, though it looks fresh here.
    creds.set(server.url, { ...stored, accessToken: `${stored.accessToken.slice(0, -4)}AAAA`, accessExpiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const api = new WorkspaceApi(new HttpClient({ server: server.url, credentials: creds }), 'tokens-c');
    // Two refreshes with one refresh token would end the session (reuse = theft): all five must pass.
    const heads = await Promise.all(Array.from({ length: 5 }, () => api.head()));
    expect(heads).toEqual([0, 0, 0, 0, 0]);
    expect(creds.get(server.url)!.refreshToken).not.toBe(stored.refreshToken);
  });

  it('a revoked session means "log in again", and the dead tokens are forgotten', async () => {
    const creds = credentialStore();
    const { http } = await accountWithWorkspace(server, creds, 'tokens-d');
    await http.json('POST', '/auth/logout-all', z.unknown());
    const api = new WorkspaceApi(new HttpClient({ server: server.url, credentials: creds }), 'tokens-d');
    const e = await api.head().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SyncHttpError);
    expect(e).toMatchObject({ status: 401, code: 'login-required' });
    expect(creds.get(server.url)).toBeUndefined();
  });

  it('logout ends the session on the server and clears the tokens here', async () => {
    const creds = credentialStore();
    const { http } = await accountWithWorkspace(server, creds, '');
    const refresh = creds.get(server.url)!.refreshToken;
    expect(await http.logout()).toEqual({ wasLoggedIn: true, serverSaid: true });
    expect(creds.get(server.url)).toBeUndefined();
    const again = await fetch(`${server.url}/api/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: refresh }) });
    expect(again.status).toBe(401);
  });

  it('without a login, says so instead of a raw 401', async () => {
    const api = new WorkspaceApi(new HttpClient({ server: server.url, credentials: new CredentialStore(`${credentialStore().path}`) }), 'tokens-a');
    await expect(api.head()).rejects.toMatchObject({ status: 401, code: 'login-required', message: expect.stringMatching(/dataforge login/) });
  });
});

describe('retry with backoff', () => {
  let flaky: Server;
  let base: string;
  /** Per path: the statuses to answer in turn (then 200). */
  const script = new Map<string, { statuses: number[]; retryAfter?: string; hits: number }>();

  beforeAll(async () => {
    flaky = createServer((req, res) => {
      const s = script.get(req.url ?? '');
      if (!s) { res.writeHead(404).end(); return; }
      const status = s.statuses[s.hits++] ?? 200;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (status !== 200 && s.retryAfter) headers['retry-after'] = s.retryAfter;
      res.writeHead(status, headers).end(status === 200 ? '{"cursor":7}' : '{"error":{"code":"busy","message":"try later"}}');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => flaky.close(() => r())));

  const client = (attempts: number, delays: number[]) => new HttpClient({
    server: base, credentials: null, retry: { attempts, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 1500 },
    retryHooks: { onRetry: (_e, _a, d) => delays.push(d) },
  });

  it('retries 5xx and 429 until an answer comes, honouring Retry-After', async () => {
    script.set('/api/v1/workspaces/x/sync/head', { statuses: [503, 502, 429], retryAfter: '1', hits: 0 });
    const delays: number[] = [];
    const api = new WorkspaceApi(client(5, delays), 'x');
    expect(await api.head()).toBe(7);
    expect(script.get('/api/v1/workspaces/x/sync/head')!.hits).toBe(4);
    expect(delays).toHaveLength(3);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(1000);
  });

  it('gives up after the bounded number of tries with the last error', async () => {
    script.set('/api/v1/workspaces/y/sync/head', { statuses: [500, 500, 500, 500, 500], hits: 0 });
    const delays: number[] = [];
    const e = await new WorkspaceApi(client(3, delays), 'y').head().catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 500, code: 'busy', message: 'try later' });
    expect(script.get('/api/v1/workspaces/y/sync/head')!.hits).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('does not retry a refusal that will not pass (4xx)', async () => {
    script.set('/api/v1/workspaces/z/sync/head', { statuses: [403], hits: 0 });
    await expect(new WorkspaceApi(client(5, []), 'z').head()).rejects.toMatchObject({ status: 403 });
    expect(script.get('/api/v1/workspaces/z/sync/head')!.hits).toBe(1);
  });

  it('an unreachable server is reported as such after the tries', async () => {
    const dead = new HttpClient({ server: 'http://127.0.0.1:1', credentials: null, retry: { attempts: 2, baseDelayMs: 1 } });
    await expect(new WorkspaceApi(dead, 'w').head()).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });

  it('backoff grows exponentially, is jittered, and is capped', () => {
    const opts = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, opts, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, opts, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, opts, undefined, () => 1)).toBe(400);
    expect(backoffDelay(10, opts, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(1, opts, 5000, () => 0)).toBe(5000);
    expect(backoffDelay(1, opts, 10 * 60_000, () => 0)).toBe(opts.maxRetryAfterMs);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
