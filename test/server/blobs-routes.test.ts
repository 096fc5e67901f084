/**
 * The blob endpoints through the real server (test/server/harness.ts: loopback HTTP, SQLite
 * and PostgreSQL), once with filesystem blobs and once with S3 blobs on s3rver.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FsBlobStorage } from '../../src/server/blobs/fs-storage.js';
import type { S3Config } from '../../src/server/config.js';
import { sha256Of } from './blobs-contract.js';
import { call, describeStores, register, startTestServer, type Account, type TestServer } from './harness.js';

interface S3rverInstance { run(): Promise<{ port: number }>; close(): Promise<void> }
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverCtor;

const UPLOAD_LIMIT = 256 * 1024;
const BUCKET = 'dataforge-route-blobs';

type BlobKind = 'fs' | 's3';

/** Raw HTTP, so paths reach the server exactly as written (fetch would normalise `..`). */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function errorOf(r: Response): Promise<{ code: string; message: string }> {
  return ((await r.json()) as { error: { code: string; message: string } }).error;
}

/** Sends the head of a PATCH body, then kills the connection mid-body, as a network cut would. */
function cutPatch(url: string, token: string, offset: number, declared: number, sent: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'upload-offset': String(offset), 'content-length': String(declared) } });
    req.on('error', () => resolve());
    req.on('response', (res) => { res.resume(); resolve(); });
    req.write(sent, () => setTimeout(() => { req.destroy(); resolve(); }, 150));
  });
}

describe.each<BlobKind>(['fs', 's3'])('blob routes with %s storage', (blobKind) => {
  let s3: { server: S3rverInstance; dir: string; client: S3Client; config: S3Config } | undefined;

  beforeAll(async () => {
    if (blobKind !== 's3') return;
    const dir = mkdtempSync(join(tmpdir(), 'df-blob-routes-s3-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const creds = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    s3 = {
      server, dir,
      client: new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: creds }),
      config: { bucket: BUCKET, endpoint, region: 'us-east-1', ...creds, forcePathStyle: true },
    };
  });

  afterAll(async () => {
    if (!s3) return;
    s3.client.destroy();
    await s3.server.close();
    rmSync(s3.dir, { recursive: true, force: true });
  });

  describeStores(`blob routes (${blobKind})`, (storeKind) => {
    let t: TestServer;
    let alice: Account; // owner of wa
    let bob: Account; // owner of wb
    let carol: Account; // viewer in wa
    let prefix = '';

    beforeAll(async () => {
      // Each server gets its own key prefix so the shared s3rver bucket never mixes runs.
      prefix = `run-${randomBytes(4).toString('hex')}/`;
      t = await startTestServer(storeKind, { uploadLimitBytes: UPLOAD_LIMIT, ...(s3 ? { s3: { ...s3.config, prefix } } : {}) });
      [alice, bob, carol] = [await register(t.api, 'alice'), await register(t.api, 'bob'), await register(t.api, 'carol')];
      expect((await call(t.api, 'POST', '/workspaces', { token: alice.token, body: { name: 'wa' } })).status).toBe(201);
      expect((await call(t.api, 'POST', '/workspaces', { token: bob.token, body: { name: 'wb' } })).status).toBe(201);
      expect((await call(t.api, 'POST', '/workspaces/wa/members', { token: alice.token, body: { email: carol.email, role: 'viewer' } })).status).toBe(201);
    });
    afterAll(async () => { await t?.close(); });

    const blobUrl = (ws: string, sha: string, tail = '') => `${t.api}/workspaces/${ws}/blobs/${sha}${tail}`;
    const auth = (a: Account) => ({ authorization: `Bearer ${a.token}` });

    /** Stored copies of a blob and staged leftovers, counted on the backing store itself. */
    async function backend(sha: string): Promise<{ stored: number; staged: number }> {
      if (s3) {
        const out = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
        const keys = (out.Contents ?? []).map((o) => o.Key!).filter((k) => k.includes(sha));
        return { stored: keys.filter((k) => k === `${prefix}blobs/${sha}`).length, staged: keys.filter((k) => k.startsWith(`${prefix}uploads/`)).length };
      }
      const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : []);
      const all = files(join(t.config.dataDir, 'blobs')).filter((f) => f.includes(sha));
      return { stored: all.filter((f) => !f.includes(`${join('blobs', 'uploads')}`)).length, staged: all.filter((f) => f.includes(join('blobs', 'uploads'))).length };
    }

    async function headOffset(ws: string, sha: string, who: Account): Promise<number> {
      const r = await fetch(blobUrl(ws, sha), { method: 'HEAD', headers: auth(who) });
      expect(r.status).toBe(200);
      return Number(r.headers.get('upload-offset'));
    }

    async function patch(ws: string, sha: string, who: Account, offset: number, bytes: Uint8Array): Promise<Response> {
      return fetch(blobUrl(ws, sha), { method: 'PATCH', headers: { ...auth(who), 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, body: bytes });
    }

    /** What a client does: ask where the upload stands, send from there, repeat. Returns bytes sent. */
    async function uploadResuming(ws: string, sha: string, who: Account, bytes: Buffer, piece: number): Promise<number> {
      let sent = 0;
      for (let attempt = 0; attempt < 100; attempt++) {
        const offset = await headOffset(ws, sha, who);
        if (offset === bytes.length) return sent;
        const chunk = bytes.subarray(offset, offset + piece);
        const r = await patch(ws, sha, who, offset, chunk);
        if (r.status === 409) continue; // a cut request was still finishing: ask again
        expect(r.status).toBe(200);
        expect(Number(r.headers.get('upload-offset'))).toBe(offset + chunk.length);
        sent += chunk.length;
      }
      throw new Error('upload did not converge');
    }

    async function storeBlob(ws: string, who: Account, bytes: Buffer): Promise<string> {
      const sha = sha256Of(bytes);
      await uploadResuming(ws, sha, who, bytes, UPLOAD_LIMIT);
      expect((await call(t.api, 'POST', `/workspaces/${ws}/blobs/${sha}/finish`, { token: who.token })).status).toBe(201);
      return sha;
    }

    it('resumes an upload cut mid-body from where the server\'s copy stops: one stored copy, identical bytes', async () => {
      const blob = randomBytes(600_000);
      const sha = sha256Of(blob);
      expect((await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: [sha] } })).body).toEqual({ missing: [sha] });

      expect((await patch('wa', sha, alice, 0, blob.subarray(0, 50_000))).status).toBe(200);
      // The second request declares 200,000 bytes but the connection dies after 120,000.
      await cutPatch(blobUrl('wa', sha), alice.token, 50_000, 200_000, blob.subarray(50_000, 170_000));
      let kept = await headOffset('wa', sha, alice);
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const again = await headOffset('wa', sha, alice);
        if (again === kept && again > 50_000) break;
        kept = again;
      }
      // The server kept what arrived of the cut request (and nothing beyond what was sent).
      expect(kept).toBeGreaterThan(50_000);
      expect(kept).toBeLessThanOrEqual(170_000);

      // A stale offset is refused with the real one.
      const stale = await patch('wa', sha, alice, 50_000, blob.subarray(50_000, 60_000));
      expect(stale.status).toBe(409);
      expect((await errorOf(stale)).code).toBe('offset-mismatch');
      expect(Number(stale.headers.get('upload-offset'))).toBe(kept);

      const resent = await uploadResuming('wa', sha, alice, blob, 200_000);
      expect(resent).toBe(blob.length - kept); // nothing the server had was sent again
      const fin = await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/finish`, { token: alice.token });
      expect(fin.status).toBe(201);
      expect(fin.body).toMatchObject({ sha256: sha, stored: true });
      expect(await backend(sha)).toEqual({ stored: 1, staged: 0 });

      const got = await fetch(blobUrl('wa', sha), { headers: auth(carol) }); // a viewer reads
      expect(got.status).toBe(200);
      expect(got.headers.get('content-length')).toBe(String(blob.length));
      expect(Buffer.from(await got.arrayBuffer()).equals(blob)).toBe(true);
      expect((await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: [sha] } })).body).toEqual({ missing: [] });
      // A finish repeated after a lost response is still a success.
      expect((await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/finish`, { token: alice.token })).status).toBe(201);
    });

    it('refuses bytes that do not match their hash with 422 and stores nothing', async () => {
      const claimed = sha256Of(randomBytes(32));
      expect((await patch('wa', claimed, alice, 0, randomBytes(20_000))).status).toBe(200);
      const fin = await call(t.api, 'POST', `/workspaces/wa/blobs/${claimed}/finish`, { token: alice.token });
      expect(fin.status).toBe(422);
      expect(fin.body.error.code).toBe('hash-mismatch');
      expect(await backend(claimed)).toEqual({ stored: 0, staged: 0 });
      expect((await fetch(blobUrl('wa', claimed), { headers: auth(alice) })).status).toBe(404);
      expect(await headOffset('wa', claimed, alice)).toBe(0);
      expect((await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: [claimed] } })).body).toEqual({ missing: [claimed] });
      const nothing = await call(t.api, 'POST', `/workspaces/wa/blobs/${claimed}/finish`, { token: alice.token });
      expect(nothing.status).toBe(409);
      expect(nothing.body.error.code).toBe('no-upload');
    });

    async function patchComplete(ws: string, sha: string, who: Account, offset: number, bytes: Uint8Array, value = '?1'): Promise<Response> {
      return fetch(blobUrl(ws, sha), { method: 'PATCH', headers: { ...auth(who), 'upload-offset': String(offset), 'upload-complete': value, 'content-type': 'application/offset+octet-stream' }, body: bytes });
    }

    it('Upload-Complete: one PATCH stores, checks and records a blob; a cut upload\'s offset comes back from missing', async () => {
      const blob = randomBytes(200_000);
      const sha = sha256Of(blob);
      // A cut upload: missing says where it stands, so the client needs no HEAD.
      await cutPatch(blobUrl('wa', sha), alice.token, 0, 150_000, blob.subarray(0, 90_000));
      let kept = 0;
      for (let i = 0; i < 40 && kept === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        kept = await headOffset('wa', sha, alice);
      }
      expect(kept).toBeGreaterThan(0);
      const missing = await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: [sha] } });
      expect(missing.body).toEqual({ missing: [sha], offsets: { [sha]: kept } });

      // The rest, marked complete: stored in this request (201), no finish needed.
      const r = await patchComplete('wa', sha, alice, kept, blob.subarray(kept));
      expect(r.status).toBe(201);
      expect(await r.json()).toEqual({ sha256: sha, stored: true, offset: blob.length });
      expect(await backend(sha)).toEqual({ stored: 1, staged: 0 });
      const got = await fetch(blobUrl('wa', sha), { headers: auth(carol) });
      expect(Buffer.from(await got.arrayBuffer()).equals(blob)).toBe(true);
      expect((await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: [sha] } })).body).toEqual({ missing: [] });

      // Complete on a blob the server holds records it for another workspace, without its bytes being stored again.
      const again = await patchComplete('wb', sha, bob, 0, blob);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ stored: true });
      expect((await fetch(blobUrl('wb', sha), { headers: auth(bob) })).status).toBe(200);
      expect(await backend(sha)).toEqual({ stored: 1, staged: 0 });
    });

    it('Upload-Complete with bytes that do not match the hash: 422, nothing stored, the upload starts over', async () => {
      const claimed = sha256Of(randomBytes(32));
      const r = await patchComplete('wa', claimed, alice, 0, randomBytes(30_000));
      expect(r.status).toBe(422);
      expect((await errorOf(r)).code).toBe('hash-mismatch');
      expect(await backend(claimed)).toEqual({ stored: 0, staged: 0 });
      expect(await headOffset('wa', claimed, alice)).toBe(0);
      expect((await fetch(blobUrl('wa', claimed), { headers: auth(alice) })).status).toBe(404);
      const bad = await patchComplete('wa', claimed, alice, 0, randomBytes(10), 'yes');
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).code).toBe('bad-upload-complete');
    });

    it('answers 400 to traversal-looking and malformed hashes and touches nothing', async () => {
      const sentinelDir = mkdtempSync(join(tmpdir(), 'df-sentinel-'));
      const sentinel = join(sentinelDir, 'passwd');
      writeFileSync(sentinel, 'root:x:0:0');
      const before = JSON.stringify(await backendListing());
      const rel = `..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..${sentinel.replaceAll('/', '%2F')}`;
      const reachRoute = [
        rel, '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5c..%5cetc%5cpasswd', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(64)}%00`,
        `${'a'.repeat(64)}%2F..`, 'g'.repeat(64),
      ];
      for (const bad of reachRoute) {
        for (const [method, tail] of [['GET', ''], ['PATCH', ''], ['HEAD', ''], ['POST', '/finish'], ['POST', '/confirm'], ['POST', '/presign-put']] as const) {
          const r = await rawRequest(t.api, method, `/api/v1/workspaces/wa/blobs/${bad}${tail}`, { ...auth(alice), 'upload-offset': '0' }, method === 'PATCH' ? Buffer.from('evil') : undefined);
          expect(r.status, `${method} ${bad}${tail}`).toBe(400);
          if (method !== 'HEAD') expect(JSON.parse(r.text).error.code).toBe('bad-hash');
        }
        for (const op of ['get', 'put']) {
          const r = await rawRequest(t.api, op.toUpperCase(), `/api/v1/presigned/${op}/${bad}?expires=9999999999&sig=${'0'.repeat(64)}`, {}, op === 'put' ? Buffer.from('evil') : undefined);
          expect(r.status, `presigned ${op} ${bad}`).toBe(blobKind === 'fs' ? 400 : 404);
        }
      }
      // Literal dot segments are resolved away by URL parsing before routing: they never reach a blob route.
      for (const path of ['/api/v1/workspaces/wa/blobs/../../../../etc/passwd', '/api/v1/workspaces/wa/blobs/%2e%2e/%2e%2e/x', '/api/v1/presigned/get/../../../etc/passwd']) {
        const r = await rawRequest(t.api, 'GET', path, auth(alice));
        expect(r.status, path).toBeGreaterThanOrEqual(400);
        expect(r.status, path).toBeLessThan(500);
      }
      const missing = await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: [sha256Of(Buffer.from('ok')), '../../etc/passwd'] } });
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields).toEqual([{ path: 'hashes.1', message: expect.any(String) }]);
      expect(readFileSync(sentinel, 'utf8')).toBe('root:x:0:0');
      expect(readdirSync(sentinelDir)).toEqual(['passwd']);
      expect(JSON.stringify(await backendListing())).toBe(before);
      rmSync(sentinelDir, { recursive: true, force: true });
    });

    async function backendListing(): Promise<string[]> {
      if (s3) return ((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
      const dir = join(t.config.dataDir, 'blobs');
      return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : [];
    }

    it('serves byte ranges: 206 with Content-Range, suffix ranges, 416 past the end, 200 for several ranges', async () => {
      const blob = randomBytes(5_000);
      const sha = await storeBlob('wa', alice, blob);
      const get = (range: string) => fetch(blobUrl('wa', sha), { headers: { ...auth(carol), range } });
      let r = await get('bytes=100-199');
      expect(r.status).toBe(206);
      expect(r.headers.get('content-range')).toBe('bytes 100-199/5000');
      expect(Buffer.from(await r.arrayBuffer()).equals(blob.subarray(100, 200))).toBe(true);
      r = await get('bytes=0-0');
      expect(Buffer.from(await r.arrayBuffer()).equals(blob.subarray(0, 1))).toBe(true);
      r = await get('bytes=4990-');
      expect(r.headers.get('content-range')).toBe('bytes 4990-4999/5000');
      expect(Buffer.from(await r.arrayBuffer()).equals(blob.subarray(4990))).toBe(true);
      r = await get('bytes=-7');
      expect(r.status).toBe(206);
      expect(Buffer.from(await r.arrayBuffer()).equals(blob.subarray(4993))).toBe(true);
      r = await get('bytes=4000-9000');
      expect(r.headers.get('content-range')).toBe('bytes 4000-4999/5000');
      expect(Buffer.from(await r.arrayBuffer()).equals(blob.subarray(4000))).toBe(true);
      r = await get('bytes=5000-');
      expect(r.status).toBe(416);
      expect(r.headers.get('content-range')).toBe('bytes */5000');
      await r.body?.cancel();
      r = await get('bytes=0-1,5-6');
      expect(r.status).toBe(200);
      expect(Buffer.from(await r.arrayBuffer()).equals(blob)).toBe(true);
    });

    it('presigned PUT then confirm, and a presigned GET through ?redirect=1: the same bytes back', async () => {
      const blob = randomBytes(90_000);
      const sha = sha256Of(blob);
      const presign = await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/presign-put`, { token: alice.token });
      expect(presign.status).toBe(200);
      expect(presign.body).toMatchObject({ sha256: sha, stored: false, method: 'PUT' });
      const putUrl = new URL(presign.body.url);
      expect(putUrl.origin).toBe(blobKind === 'fs' ? new URL(t.api).origin : new URL(s3!.config.endpoint!).origin);
      expect((await fetch(putUrl, { method: 'PUT', body: blob })).status).toBe(200);
      expect(await backend(sha)).toMatchObject({ stored: 0 }); // not a blob before the confirm
      const confirm = await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/confirm`, { token: alice.token });
      expect(confirm.status).toBe(201);
      expect(await backend(sha)).toEqual({ stored: 1, staged: 0 });

      const redirect = await fetch(`${blobUrl('wa', sha)}?redirect=1`, { headers: auth(carol), redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const location = redirect.headers.get('location')!;
      expect(location).not.toContain(alice.token);
      const got = await fetch(location); // no credentials: the URL is the authority
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer()).equals(blob)).toBe(true);

      // Asking again for a stored blob needs no URL.
      expect((await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/presign-put`, { token: alice.token })).body).toEqual({ sha256: sha, stored: true });
    });

    it('a presigned PUT of the wrong bytes is refused at confirm', async () => {
      const claimed = sha256Of(randomBytes(16));
      const presign = await call(t.api, 'POST', `/workspaces/wa/blobs/${claimed}/presign-put`, { token: alice.token });
      expect((await fetch(presign.body.url, { method: 'PUT', body: randomBytes(1000) })).status).toBe(200);
      const confirm = await call(t.api, 'POST', `/workspaces/wa/blobs/${claimed}/confirm`, { token: alice.token });
      expect(confirm.status).toBe(422);
      expect(await backend(claimed)).toEqual({ stored: 0, staged: 0 });
    });

    it.runIf(blobKind === 'fs')('refuses tampered, re-targeted and expired filesystem presigned URLs with 403', async () => {
      const blob = randomBytes(3_000);
      const sha = await storeBlob('wa', alice, blob);
      const other = await storeBlob('wa', alice, randomBytes(3_000));
      const redirect = await fetch(`${blobUrl('wa', sha)}?redirect=1`, { headers: auth(alice), redirect: 'manual' });
      const good = new URL(redirect.headers.get('location')!);
      expect(good.pathname).toBe(`/api/v1/presigned/get/${sha}`);
      expect((await fetch(good)).status).toBe(200);

      const refused = async (url: URL | string, method = 'GET', body?: Buffer) => {
        const r = await fetch(url, { method, body });
        expect(r.status, String(url)).toBe(403);
        return errorOf(r);
      };
      const withParam = (name: string, value: string) => { const u = new URL(good); u.searchParams.set(name, value); return u; };
      const sig = good.searchParams.get('sig')!;
      expect((await refused(withParam('sig', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1)))).code).toBe('presigned-url-invalid');
      expect((await refused(withParam('expires', String(Number(good.searchParams.get('expires')) + 86_400)))).code).toBe('presigned-url-invalid');
      const noSig = new URL(good); noSig.searchParams.delete('sig');
      expect((await refused(noSig)).code).toBe('presigned-url-invalid');
      expect((await refused(good.href.replace(sha, other))).code).toBe('presigned-url-invalid');
      // A download URL cannot be turned into an upload one.
      expect((await refused(good.href.replace('/get/', '/put/'), 'PUT', Buffer.from('overwrite'))).code).toBe('presigned-url-invalid');
      const invalid = await refused(good.href.replace('/get/', '/put/'), 'PUT', Buffer.from('x'));
      expect(invalid.message).toMatch(/signature/);

      const fs = t.server.services.blobs as FsBlobStorage;
      const shortLived = await fs.presignGet(sha, 1);
      await new Promise((r) => setTimeout(r, 2_100));
      const expired = await refused(shortLived);
      expect(expired.code).toBe('presigned-url-expired');
      expect(expired.message).toMatch(/expired/);
      // The blob is untouched by all of it.
      const back = await fetch(`${blobUrl('wa', sha)}`, { headers: auth(alice) });
      expect(Buffer.from(await back.arrayBuffer()).equals(blob)).toBe(true);
    });

    it('shares bytes across workspaces without resending, but a workspace reads only blobs recorded for it', async () => {
      const blob = randomBytes(10_000);
      const sha = await storeBlob('wa', alice, blob);
      // bob's workspace has never heard of it: no reading by guessing the hash.
      expect((await fetch(blobUrl('wb', sha), { headers: auth(bob) })).status).toBe(404);
      expect((await fetch(`${blobUrl('wb', sha)}?redirect=1`, { headers: auth(bob), redirect: 'manual' })).status).toBe(404);
      // and bob cannot reach wa at all.
      expect((await fetch(blobUrl('wa', sha), { headers: auth(bob) })).status).toBe(404);
      // Asking `missing` says the server has it, and records it for wb: nothing is sent again.
      expect((await call(t.api, 'POST', '/workspaces/wb/blobs/missing', { token: bob.token, body: { hashes: [sha, sha] } })).body).toEqual({ missing: [] });
      const got = await fetch(blobUrl('wb', sha), { headers: auth(bob) });
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer()).equals(blob)).toBe(true);
      expect(await backend(sha)).toEqual({ stored: 1, staged: 0 });

      // Deleting a workspace drops its right to read, never the shared bytes another one uses.
      expect((await call(t.api, 'POST', '/workspaces', { token: bob.token, body: { name: 'wc' } })).status).toBe(201);
      expect((await call(t.api, 'POST', '/workspaces/wc/blobs/missing', { token: bob.token, body: { hashes: [sha] } })).body).toEqual({ missing: [] });
      expect((await call(t.api, 'DELETE', '/workspaces/wc', { token: bob.token })).status).toBe(204);
      const orphans = await t.server.services.store.db.all('SELECT sha256 FROM workspace_blobs WHERE workspace_id NOT IN (SELECT id FROM workspaces)');
      expect(orphans).toEqual([]);
      expect((await call(t.api, 'POST', '/workspaces', { token: bob.token, body: { name: 'wc' } })).status).toBe(201);
      expect((await fetch(blobUrl('wc', sha), { headers: auth(bob) })).status).toBe(404);
      expect((await fetch(blobUrl('wa', sha), { headers: auth(alice) })).status).toBe(200);
      expect(await backend(sha)).toEqual({ stored: 1, staged: 0 });
    });

    it('enforces roles: viewers read, members upload, strangers see nothing', async () => {
      const sha = sha256Of(randomBytes(64));
      const viewerPatch = await patch('wa', sha, carol, 0, Buffer.from('x'));
      expect(viewerPatch.status).toBe(403);
      expect((await fetch(blobUrl('wa', sha), { method: 'HEAD', headers: auth(carol) })).status).toBe(403);
      expect((await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: carol.token, body: { hashes: [sha] } })).status).toBe(403);
      expect((await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/finish`, { token: carol.token })).status).toBe(403);
      expect((await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/presign-put`, { token: carol.token })).status).toBe(403);
      expect((await fetch(blobUrl('wa', sha), { method: 'PATCH', headers: { 'upload-offset': '0' }, body: 'x' })).status).toBe(401);
      expect((await fetch(blobUrl('wa', sha))).status).toBe(401);
      expect((await patch('wb', sha, alice, 0, Buffer.from('x'))).status).toBe(404);
      expect(await backend(sha)).toEqual({ stored: 0, staged: 0 });
    });

    it('limits each upload request and reports a missing or malformed Upload-Offset', async () => {
      const blob = randomBytes(UPLOAD_LIMIT + 10_000);
      const sha = sha256Of(blob);
      const declared = await patch('wa', sha, alice, 0, blob);
      expect(declared.status).toBe(413);
      expect((await errorOf(declared)).code).toBe('upload-too-large');
      // Streamed without a length: refused once the limit is passed, and the offset does not move.
      const stream = new ReadableStream<Uint8Array>({
        start(c) { for (let i = 0; i < blob.length; i += 32_768) c.enqueue(blob.subarray(i, i + 32_768)); c.close(); },
      });
      const chunked = await fetch(blobUrl('wa', sha), { method: 'PATCH', headers: { ...auth(alice), 'upload-offset': '0' }, body: stream, duplex: 'half' } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(await headOffset('wa', sha, alice)).toBe(0);
      for (const bad of [undefined, '-1', 'abc', '1e3']) {
        const r = await fetch(blobUrl('wa', sha), { method: 'PATCH', headers: { ...auth(alice), ...(bad === undefined ? {} : { 'upload-offset': bad }) }, body: 'x' });
        expect(r.status, String(bad)).toBe(400);
        expect((await errorOf(r)).code).toBe('bad-upload-offset');
      }
      // In two requests under the limit, it goes through.
      expect(await uploadResuming('wa', sha, alice, blob, UPLOAD_LIMIT)).toBe(blob.length);
      expect((await call(t.api, 'POST', `/workspaces/wa/blobs/${sha}/finish`, { token: alice.token })).status).toBe(201);
    });

    it('answers missing for up to 10,000 hashes and refuses more', async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => sha256Of(Buffer.from(`blob ${i} ${prefix}`)));
      const stored = await storeBlob('wa', alice, Buffer.from(`blob 17 ${prefix}`));
      // Every unknown hash costs one lookup in the store: 10,000 S3 HEADs on s3rver take ~20 s, so S3 asks fewer.
      const asked = blobKind === 'fs' ? many : many.slice(0, 500);
      const r = await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: asked } });
      expect(r.status).toBe(200);
      expect(r.body.missing).toEqual(asked.filter((h) => h !== stored));
      const tooMany = await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, body: { hashes: [...many, many[0]] } });
      expect(tooMany.status).toBe(400);
      expect((await call(t.api, 'POST', '/workspaces/wa/blobs/missing', { token: alice.token, raw: '{"hashes": [' })).status).toBe(400);
    });

    it('logged no server error for any of it (cut connections and refusals are client problems)', () => {
      expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
      expect(t.logs.filter((l) => l.msg === 'request' && Number(l.status) >= 500)).toEqual([]);
    });
  });
});
