/** HTTP behaviour common to every route: errors, limits, request ids, health, the OpenAPI document. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { call, describeStores, register, startTestServer, type StoreKind, type TestServer } from './harness.js';

const LIMIT = 4096;

describeStores('http', (kind: StoreKind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, { bodyLimitBytes: LIMIT });
  });
  afterAll(() => t?.close());

  it('reports health: status, version, store and blob kinds', async () => {
    const r = await call(t.api, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', store: kind, blobs: 'fs', auth: 'enabled', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('refuses malformed JSON with a 400 that says what is wrong, and stores nothing', async () => {
    const email = `malformed-${kind}@example.com`;
    const truncated = await call(t.api, 'POST', '/auth/register', { raw: `{"email":"${email}","password":"long enough pw"`, headers: { 'content-type': 'application/json' } });
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe('malformed-json');
    expect(truncated.body.error.message).toMatch(/^the request body is not valid JSON: .+/);
    expect(await t.server.services.store.users.byEmail(email)).toBeUndefined();

    const empty = await call(t.api, 'POST', '/auth/register', { raw: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('missing-body');

    const array = await call(t.api, 'POST', '/auth/register', { body: [email] });
    expect(array.status).toBe(400);
    expect(array.body.error.code).toBe('invalid-request');
    expect(array.body.error.fields[0].path).toBe('(body)');

    const wrongTypes = await call(t.api, 'POST', '/auth/register', { body: { email: 42, password: ['x'] } });
    expect(wrongTypes.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'password']);

    // curl -d sends form-encoded by default: JSON is still read.
    const form = await call(t.api, 'POST', '/auth/register', { raw: JSON.stringify({ email, password: 'long enough pw' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(201);
  });

  it('refuses oversized JSON bodies with 413, declared or streamed, and stores nothing', async () => {
    const email = `big-${kind}@example.com`;
    const big = JSON.stringify({ email, password: 'p'.repeat(LIMIT) });
    const declared = await call(t.api, 'POST', '/auth/register', { raw: big, headers: { 'content-type': 'application/json' } });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('body-too-large');
    expect(declared.body.error.message).toContain(String(LIMIT));

    const chunks = [big.slice(0, 1000), big.slice(1000, 3000), big.slice(3000)];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    const res = await fetch(`${t.api}/auth/register`, { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body-too-large');
    expect(await t.server.services.store.users.byEmail(email)).toBeUndefined();

    // Just under the limit is fine.
    const fits = JSON.stringify({ email, password: 'p'.repeat(1000) });
    expect((await call(t.api, 'POST', '/auth/register', { raw: fits })).status).toBe(201);
  });

  it('does not apply the JSON limit to blob bytes (they have their own)', async () => {
    const a = await register(t.api, 'uploader');
    await call(t.api, 'POST', '/workspaces', { token: a.token, body: { name: 'uploads' } });
    const bytes = new Uint8Array(LIMIT * 3).fill(7);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const res = await fetch(`${t.api}/workspaces/uploads/blobs/${sha}`, {
      method: 'PATCH', body: bytes, headers: { authorization: `Bearer ${a.token}`, 'upload-offset': '0', 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { offset: number }).offset).toBe(bytes.length);
  });

  it('gives every response a request id, keeping a sane one from the client', async () => {
    const mine = await call(t.api, 'GET', '/health', { headers: { 'x-request-id': 'client-abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('client-abc-123');
    const odd = await call(t.api, 'GET', '/health', { headers: { 'x-request-id': 'has spaces and "quotes"' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await call(t.api, 'GET', '/me');
    expect(error.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = t.logs.find((l) => l.requestId === 'client-abc-123' && l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/api/v1/health', status: 200 });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const r = await call(t.api, 'GET', '/no/such/route?x=1');
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({ code: 'not-found', message: expect.stringContaining('GET /api/v1/no/such/route') });
  });

  it('keeps tokens out of caches', async () => {
    const r = await call(t.api, 'POST', '/auth/register', { body: { email: `cache-${kind}@example.com`, password: 'long enough pw' } });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('describes every route it serves in the OpenAPI document, and nothing else', async () => {
    const doc = (await call(t.api, 'GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const app = createApp(t.server.services, createLogger({ level: 'silent' }));
    const served = new Set(app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`));
    expect([...served].filter((r) => !documented.has(r)), 'served but not documented').toEqual([]);
    expect([...documented].filter((r) => !served.has(r)), 'documented but not served').toEqual([]);
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
  });

  it('serves a docs page that loads nothing from the network', async () => {
    const res = await fetch(`${t.api}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain("fetch('openapi.json')");
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
