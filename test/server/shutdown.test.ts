/** Graceful shutdown: stop accepting, finish requests in flight (up to the timeout), close the store. */
import { request } from 'node:http';
import { expect, it } from 'vitest';
import { openMetaStore } from '../../src/server/store/meta-store.js';
import { call, describeStores, startTestServer, type StoreKind } from './harness.js';

interface SlowRequest { finish(): void; response: Promise<{ status: number; body: string; connection?: string }> }

/** A POST whose body arrives in two parts, so it is in flight for as long as the test wants. */
function slowPost(url: string, body: string): Promise<SlowRequest> {
  return new Promise((ready, fail) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const response = new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    response.catch(() => {}); // observed by the test when it matters
    req.on('error', fail);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    req.flushHeaders();
    // Give the server time to see the request start.
    setTimeout(() => ready({ finish: () => req.end(body.slice(half)), response }), 150);
  });
}

describeStores('graceful shutdown', (kind: StoreKind) => {
  it('finishes a request in flight, refuses new connections meanwhile, then closes the store', async () => {
    const t = await startTestServer(kind);
    try {
      const email = `inflight-${kind}@example.com`;
      const slow = await slowPost(`${t.api}/auth/register`, JSON.stringify({ email, password: 'a long enough password' }));
      let closed = false;
      const closing = t.server.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(closed).toBe(false); // waiting for the request in flight
      await expect(fetch(`${t.api}/health`)).rejects.toThrow();
      slow.finish();
      const res = await slow.response;
      expect(res.status).toBe(201);
      expect(res.connection).toBe('close');
      await closing;
      expect(t.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
      // What the request did was committed before the store closed.
      const store = await openMetaStore({ dataDir: t.config.dataDir, databaseUrl: t.config.databaseUrl, databaseSchema: t.config.databaseSchema });
      try {
        expect(await store.users.byEmail(email)).toBeDefined();
      } finally {
        await store.close();
      }
    } finally {
      await t.close();
    }
  });

  it('cuts a request still unfinished at the timeout', async () => {
    const t = await startTestServer(kind, { shutdownTimeoutMs: 300 });
    try {
      const stuck = await slowPost(`${t.api}/auth/register`, JSON.stringify({ email: 'stuck@example.com', password: 'a long enough password' }));
      const started = Date.now();
      await t.server.close();
      expect(Date.now() - started).toBeLessThan(3000);
      await expect(stuck.response).rejects.toThrow();
      expect(t.logs.some((l) => l.msg === 'shutdown timeout: cutting requests still in flight')).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('is not held up by idle keep-alive connections', async () => {
    const t = await startTestServer(kind, { shutdownTimeoutMs: 5000 });
    try {
      for (let i = 0; i < 3; i++) expect((await call(t.api, 'GET', '/health')).status).toBe(200);
      const started = Date.now();
      await t.server.close();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await t.close();
    }
  });
});
