/**
 * The S3 adapter against s3rver on loopback (port 0, a temp directory). s3rver enforces
 * presigned expiry but checks no signatures, so the signature of a presigned URL is verified
 * here independently (a plain SigV4 query-signature check written from the AWS spec).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStorage, type S3BlobStorageOptions } from '../../src/server/blobs/s3-storage.js';
import { blobStorageContract, chunksOf, readAll, sha256Of } from './blobs-contract.js';

interface S3rverInstance { run(): Promise<{ port: number }>; close(): Promise<void> }
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverCtor;

const BUCKET = 'dataforge-blobs';
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const dir = mkdtempSync(join(tmpdir(), 'df-blobs-s3-'));
let server: S3rverInstance;
let options: S3BlobStorageOptions;
let raw: S3Client;

beforeAll(async () => {
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // Small pieces, so uploads here span several staged objects and exercise the assembly.
  options = { bucket: BUCKET, endpoint, region: 'eu-west-1', ...KEYS, forcePathStyle: true, prefix: 'df-test', partBytes: 64 * 1024 };
  raw = new S3Client({ endpoint, region: 'eu-west-1', forcePathStyle: true, credentials: KEYS });
});

afterAll(async () => {
  raw?.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function keys(prefix: string): Promise<string[]> {
  const out = await raw.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

blobStorageContract('s3', {
  storage: () => new S3BlobStorage(options),
  storedCopies: async (sha) => (await keys('')).filter((k) => !k.includes('/uploads/') && k.endsWith(sha)).length,
  stagedLeftovers: async (sha) => (await keys(`df-test/uploads/${sha}/`)).length,
});

/** Recomputes an AWS SigV4 query signature (UNSIGNED-PAYLOAD, host header only). */
function sigV4QuerySignature(method: string, url: URL, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...url.searchParams.entries()].filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [enc(k), enc(v)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
  const canonical = [method, url.pathname, query, `host:${url.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const amzDate = url.searchParams.get('X-Amz-Date')!;
  const scope = url.searchParams.get('X-Amz-Credential')!.split('/').slice(1).join('/');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const [date, region, service, term] = scope.split('/');
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, term]) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('S3BlobStorage layout and presigned URLs', () => {
  it('keeps blobs at <prefix>blobs/<sha256> and writes nothing outside its prefix', async () => {
    const s = new S3BlobStorage(options);
    const blob = randomBytes(150_000);
    const sha = sha256Of(blob);
    await s.appendUpload(sha, 0, chunksOf(blob, 10_000), 1 << 20);
    expect((await keys(`df-test/uploads/${sha}/`)).length).toBeGreaterThan(1);
    expect(await s.finishUpload(sha)).toBe('stored');
    expect(await keys(`df-test/blobs/${sha}`)).toEqual([`df-test/blobs/${sha}`]);
    expect((await keys('')).every((k) => k.startsWith('df-test/'))).toBe(true);
  });

  it('presigns GET and PUT with the requested expiry and a valid SigV4 signature for the configured key', async () => {
    const s = new S3BlobStorage(options);
    const sha = sha256Of(Buffer.from('presign'));
    for (const [method, url, key, ttl] of [
      ['GET', new URL(await s.presignGet(sha, 321)), `/${BUCKET}/df-test/blobs/${sha}`, 321],
      ['PUT', new URL(await s.presignPut(sha, 45)), `/${BUCKET}/df-test/uploads/${sha}/put`, 45],
    ] as const) {
      expect(url.pathname).toBe(key);
      expect(url.searchParams.get('X-Amz-Expires')).toBe(String(ttl));
      expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
      expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
      // No checksum parameters: S3-compatible servers that do not know them would refuse the URL.
      expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
      expect(url.searchParams.get('X-Amz-Signature')).toBe(sigV4QuerySignature(method, url, KEYS.secretAccessKey));
      expect(url.searchParams.get('X-Amz-Signature')).not.toBe(sigV4QuerySignature(method, url, 'another-secret'));
    }
  });

  it('signs presigned URLs for the public endpoint when one is configured', async () => {
    const s = new S3BlobStorage({ ...options, presignEndpoint: 'https://files.example.com' });
    const url = new URL(await s.presignGet(sha256Of(Buffer.from('p')), 60));
    expect(url.origin).toBe('https://files.example.com');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(sigV4QuerySignature('GET', url, KEYS.secretAccessKey));
  });

  it('presigned PUT, confirm, presigned GET: a round trip through the object store', async () => {
    const s = new S3BlobStorage(options);
    const blob = randomBytes(70_000);
    const sha = sha256Of(blob);
    const put = await fetch(await s.presignPut(sha, 60), { method: 'PUT', body: blob });
    expect(put.status).toBe(200);
    expect(await s.has(sha)).toBe(false);
    expect(await s.finishUpload(sha)).toBe('stored');
    expect(await keys(`df-test/uploads/${sha}/`)).toEqual([]);
    const get = await fetch(await s.presignGet(sha, 60));
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(blob)).toBe(true);
    expect((await readAll((await s.read(sha, { start: 100, end: 199 }))!.body)).equals(blob.subarray(100, 200))).toBe(true);
  });

  it('a presigned PUT of the wrong bytes is discarded by the confirm', async () => {
    const s = new S3BlobStorage(options);
    const claimed = sha256Of(Buffer.from('what the client promised'));
    await fetch(await s.presignPut(claimed, 60), { method: 'PUT', body: Buffer.from('something else') });
    expect(await s.finishUpload(claimed)).toBe('hash-mismatch');
    expect(await s.has(claimed)).toBe(false);
    expect(await keys(`df-test/uploads/${claimed}/`)).toEqual([]);
  });

  it('an expired presigned GET is refused by the object store', async () => {
    const s = new S3BlobStorage(options);
    const blob = randomBytes(100);
    const sha = sha256Of(blob);
    await s.appendUpload(sha, 0, chunksOf(blob, 100), 1000);
    await s.finishUpload(sha);
    const url = await s.presignGet(sha, 1);
    await new Promise((r) => setTimeout(r, 2_100));
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/expired/i);
  });
});
