import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsBlobStorage } from '../../src/server/blobs/fs-storage.js';
import { presignSignature } from '../../src/server/blobs/presign-hmac.js';
import { blobStorageContract, chunksOf, cutAfter, readAll, sha256Of } from './blobs-contract.js';

const root = mkdtempSync(join(tmpdir(), 'df-blobs-fs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
let current: { dir: string; storage: FsBlobStorage } | undefined;
const fresh = (): FsBlobStorage => {
  const dir = join(root, `store-${++n}`, 'blobs');
  current = { dir, storage: new FsBlobStorage(dir, { presignSecret: 'test-secret', publicUrl: 'http://127.0.0.1:9/' }) };
  return current.storage;
};

/** Every regular file under `dir`, relative. */
function filesUnder(dir: string, rel = ''): string[] {
  if (!existsSync(join(dir, rel))) return [];
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(rel, e.name)) : [join(rel, e.name)]);
}

blobStorageContract('fs', {
  storage: fresh,
  storedCopies: async (sha) => filesUnder(current!.dir).filter((f) => !f.startsWith('uploads') && f.endsWith(sha)).length,
  stagedLeftovers: async (sha) => filesUnder(join(current!.dir, 'uploads')).filter((f) => f.includes(sha)).length,
});

describe('FsBlobStorage layout and durability', () => {
  it('keeps blobs at <dir>/ab/cd/<sha256> and partial uploads at <dir>/uploads/<sha256>.part', async () => {
    const s = fresh();
    const blob = randomBytes(5_000);
    const sha = sha256Of(blob);
    await expect(s.appendUpload(sha, 0, cutAfter(blob.subarray(0, 1_234), 1_000), 1 << 20)).rejects.toMatchObject({ code: 'body-interrupted' });
    const part = join(current!.dir, 'uploads', `${sha}.part`);
    expect(statSync(part).size).toBe(1_234);
    await s.appendUpload(sha, 1_234, chunksOf(blob.subarray(1_234), 999), 1 << 20);
    expect(await s.finishUpload(sha)).toBe('stored');
    const path = join(current!.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
    expect(statSync(path).size).toBe(5_000);
    expect(existsSync(part)).toBe(false);
    expect(s.blobPath(sha)).toBe(path);
  });

  it('an upload survives a new storage object on the same directory (a server restart)', async () => {
    const s = fresh();
    const blob = randomBytes(20_000);
    const sha = sha256Of(blob);
    await s.appendUpload(sha, 0, chunksOf(blob.subarray(0, 8_000), 1_000), 1 << 20);
    const restarted = new FsBlobStorage(current!.dir, { presignSecret: 'test-secret', publicUrl: 'http://127.0.0.1:9' });
    expect(await restarted.uploadedSize(sha)).toBe(8_000);
    await restarted.appendUpload(sha, 8_000, chunksOf(blob.subarray(8_000), 3_000), 1 << 20);
    expect(await restarted.finishUpload(sha)).toBe('stored');
    expect((await readAll((await restarted.read(sha))!.body)).equals(blob)).toBe(true);
  });

  it('never creates anything outside its directory for traversal-looking hashes', async () => {
    const s = fresh();
    const before = filesUnder(root).sort();
    for (const bad of ['../../escape', '../store-1/x', `..${'/'.repeat(3)}a`]) {
      await expect(s.appendUpload(bad, 0, chunksOf(Buffer.from('evil'), 4), 100)).rejects.toMatchObject({ code: 'bad-hash' });
      await expect(s.putPresigned(bad, chunksOf(Buffer.from('evil'), 4), 100)).rejects.toMatchObject({ code: 'bad-hash' });
    }
    expect(filesUnder(root).sort()).toEqual(before);
  });
});

describe('FsBlobStorage presigned URLs', () => {
  const url = (u: string) => new URL(u);

  it('signs get and put URLs under /api/v1/presigned with the requested expiry', async () => {
    const s = fresh();
    const sha = sha256Of(Buffer.from('x'));
    const before = Math.floor(Date.now() / 1000);
    const get = url(await s.presignGet(sha, 300));
    expect(get.origin + get.pathname).toBe(`http://127.0.0.1:9/api/v1/presigned/get/${sha}`);
    const expires = Number(get.searchParams.get('expires'));
    expect(expires).toBeGreaterThanOrEqual(before + 300);
    expect(expires).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 300);
    // The signature is an HMAC-SHA256 of the operation, blob and expiry under the server's secret.
    expect(get.searchParams.get('sig')).toBe(presignSignature('test-secret', 'get', sha, expires));
    const put = url(await s.presignPut(sha, 60));
    expect(put.pathname).toBe(`/api/v1/presigned/put/${sha}`);
  });

  it('accepts its own URL, refuses expired, tampered and re-targeted ones', async () => {
    const s = fresh();
    const sha = sha256Of(Buffer.from('y'));
    const other = sha256Of(Buffer.from('z'));
    const u = url(await s.presignPut(sha, 60));
    const expires = u.searchParams.get('expires')!;
    const sig = u.searchParams.get('sig')!;
    expect(s.verifyPresigned('put', sha, expires, sig)).toBe('ok');
    expect(s.verifyPresigned('put', sha, expires, sig, (Number(expires) + 1) * 1000)).toBe('expired');
    expect(s.verifyPresigned('get', sha, expires, sig)).toBe('bad-signature');
    expect(s.verifyPresigned('put', other, expires, sig)).toBe('bad-signature');
    expect(s.verifyPresigned('put', sha, String(Number(expires) + 3600), sig)).toBe('bad-signature');
    const flipped = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
    expect(s.verifyPresigned('put', sha, expires, flipped)).toBe('bad-signature');
    expect(s.verifyPresigned('put', sha, expires, sig.slice(0, 40))).toBe('bad-signature');
    expect(s.verifyPresigned('put', sha, undefined, sig)).toBe('bad-signature');
    expect(s.verifyPresigned('put', sha, expires, undefined)).toBe('bad-signature');
    const otherServer = new FsBlobStorage(current!.dir, { presignSecret: 'another-secret', publicUrl: 'http://127.0.0.1:9' });
    expect(otherServer.verifyPresigned('put', sha, expires, sig)).toBe('bad-signature');
  });

  it('a presigned PUT is staged, and becomes a blob only when its confirm re-hashes it', async () => {
    const s = fresh();
    const blob = randomBytes(30_000);
    const sha = sha256Of(blob);
    expect(await s.putPresigned(sha, chunksOf(blob, 4_096), 1 << 20)).toBe(30_000);
    expect(await s.has(sha)).toBe(false);
    expect(await s.finishUpload(sha)).toBe('stored');
    expect((await readAll((await s.read(sha))!.body)).equals(blob)).toBe(true);

    const liar = sha256Of(randomBytes(4));
    await s.putPresigned(liar, chunksOf(blob, 4_096), 1 << 20);
    expect(await s.finishUpload(liar)).toBe('hash-mismatch');
    expect(await s.has(liar)).toBe(false);
    expect(filesUnder(join(current!.dir, 'uploads'))).toEqual([]);
  });

  it('a cut or oversized presigned PUT leaves nothing staged', async () => {
    const s = fresh();
    const blob = randomBytes(10_000);
    const sha = sha256Of(blob);
    await expect(s.putPresigned(sha, cutAfter(blob.subarray(0, 5_000), 1_000), 1 << 20)).rejects.toMatchObject({ code: 'body-interrupted' });
    await expect(s.putPresigned(sha, chunksOf(blob, 1_000), 9_999)).rejects.toMatchObject({ code: 'too-large' });
    expect(filesUnder(join(current!.dir, 'uploads'))).toEqual([]);
    expect(await s.finishUpload(sha)).toBe('no-upload');
  });
});
