/**
 * Behaviour every BlobStorage must have, run against the filesystem and the S3 adapter
 * (blobs-fs-storage.test.ts, blobs-s3-storage.test.ts). `storedCopies` lets each backend say
 * how many copies of a blob it holds, so "exactly one stored copy" is checked on the real
 * backing store rather than through the adapter under test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlobError, type BlobStorage } from '../../src/server/blobs/storage.js';

export interface ContractTarget {
  storage: () => BlobStorage;
  /** How many stored copies (final objects/files) of this blob exist in the backing store. */
  storedCopies: (sha256: string) => Promise<number>;
  /** Staged upload leftovers (part files / part objects) for this blob. */
  stagedLeftovers: (sha256: string) => Promise<number>;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

/** Yields `bytes` then fails like a connection cut mid-body. */
export async function* cutAfter(bytes: Uint8Array, chunk: number): AsyncGenerator<Uint8Array> {
  yield* chunksOf(bytes, chunk);
  throw new Error('socket hang up');
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}

export const TRAVERSALS = ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '..', 'ab/../../x', 'A'.repeat(64), `${'a'.repeat(63)}/`, `${'a'.repeat(64)}\0`, ''];

export function blobStorageContract(name: string, target: ContractTarget): void {
  describe(`${name}: BlobStorage contract`, () => {
    it('stores a blob uploaded in pieces with a cut in the middle: the retry resumes at the exact offset, one copy, same bytes', async () => {
      const s = target.storage();
      const blob = randomBytes(300_000);
      const sha = sha256Of(blob);
      expect(await s.has(sha)).toBe(false);
      expect(await s.uploadedSize(sha)).toBe(0);

      expect(await s.appendUpload(sha, 0, chunksOf(blob.subarray(0, 100_000), 16_384), 1 << 20)).toBe(100_000);
      // The connection drops after 70,001 more bytes arrived.
      const cut = s.appendUpload(sha, 100_000, cutAfter(blob.subarray(100_000, 170_001), 7_000), 1 << 20);
      await expect(cut).rejects.toMatchObject({ name: 'BlobError', code: 'body-interrupted' });
      const resumeAt = await s.uploadedSize(sha);
      expect(resumeAt).toBe(170_001);

      // A client that lost track and resends from an old offset is told where to continue.
      await expect(s.appendUpload(sha, 100_000, chunksOf(blob.subarray(100_000), 10_000), 1 << 20)).rejects.toMatchObject({ code: 'offset-mismatch' });
      expect(await s.uploadedSize(sha)).toBe(resumeAt);

      expect(await s.appendUpload(sha, resumeAt, chunksOf(blob.subarray(resumeAt), 50_000), 1 << 20)).toBe(blob.length);
      expect(await s.has(sha)).toBe(false); // not a blob until verified
      expect(await s.finishUpload(sha)).toBe('stored');
      expect(await s.has(sha)).toBe(true);
      expect(await target.storedCopies(sha)).toBe(1);
      expect(await target.stagedLeftovers(sha)).toBe(0);
      const read = await s.read(sha);
      expect(read?.size).toBe(blob.length);
      expect((await readAll(read!.body)).equals(blob)).toBe(true);
    });

    it('refuses bytes that do not hash to the name: nothing stored, staging discarded', async () => {
      const s = target.storage();
      const claimed = sha256Of(randomBytes(10));
      const other = randomBytes(5_000);
      await s.appendUpload(claimed, 0, chunksOf(other, 1000), 1 << 20);
      expect(await s.finishUpload(claimed)).toBe('hash-mismatch');
      expect(await s.has(claimed)).toBe(false);
      expect(await s.read(claimed)).toBeNull();
      expect(await target.storedCopies(claimed)).toBe(0);
      expect(await target.stagedLeftovers(claimed)).toBe(0);
      expect(await s.uploadedSize(claimed)).toBe(0);
      expect(await s.finishUpload(claimed)).toBe('no-upload');
    });

    it('refuses a request over its byte limit without moving the offset', async () => {
      const s = target.storage();
      const blob = randomBytes(50_000);
      const sha = sha256Of(blob);
      await s.appendUpload(sha, 0, chunksOf(blob.subarray(0, 10_000), 4096), 20_000);
      await expect(s.appendUpload(sha, 10_000, chunksOf(blob.subarray(10_000), 4096), 20_000)).rejects.toMatchObject({ code: 'too-large' });
      expect(await s.uploadedSize(sha)).toBe(10_000);
      await s.appendUpload(sha, 10_000, chunksOf(blob.subarray(10_000, 30_000), 4096), 20_000);
      await s.appendUpload(sha, 30_000, chunksOf(blob.subarray(30_000), 4096), 20_000);
      expect(await s.finishUpload(sha)).toBe('stored');
      expect((await readAll((await s.read(sha))!.body)).equals(blob)).toBe(true);
    });

    it('lets only one of two concurrent appends at the same offset through', async () => {
      const s = target.storage();
      const blob = randomBytes(40_000);
      const sha = sha256Of(blob);
      const results = await Promise.allSettled([
        s.appendUpload(sha, 0, chunksOf(blob, 8_000), 1 << 20),
        s.appendUpload(sha, 0, chunksOf(blob, 8_000), 1 << 20),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(BlobError);
      expect(refused.reason.code).toBe('offset-mismatch');
      expect(await s.finishUpload(sha)).toBe('stored');
      expect((await readAll((await s.read(sha))!.body)).equals(blob)).toBe(true);
    });

    it('reads byte ranges (end inclusive), reports the total size, and an empty body past the end', async () => {
      const s = target.storage();
      const blob = randomBytes(10_000);
      const sha = sha256Of(blob);
      await s.appendUpload(sha, 0, chunksOf(blob, 3000), 1 << 20);
      await s.finishUpload(sha);
      for (const [start, end] of [[0, 0], [0, 9_999], [1234, 5678], [9_999, 9_999], [5_000, 20_000]] as const) {
        const r = await s.read(sha, { start, end });
        expect(r?.size).toBe(10_000);
        expect((await readAll(r!.body)).equals(blob.subarray(start, Math.min(end, 9_999) + 1))).toBe(true);
      }
      const open = await s.read(sha, { start: 7_000 });
      expect((await readAll(open!.body)).equals(blob.subarray(7_000))).toBe(true);
      const past = await s.read(sha, { start: 10_000 });
      expect(past?.size).toBe(10_000);
      expect((await readAll(past!.body)).length).toBe(0);
      expect(await s.read(sha256Of(randomBytes(8)))).toBeNull();
    });

    it('stores the same bytes once: a second finished upload of a stored blob leaves one copy', async () => {
      const s = target.storage();
      const blob = randomBytes(2_000);
      const sha = sha256Of(blob);
      await s.appendUpload(sha, 0, chunksOf(blob, 500), 1 << 20);
      expect(await s.finishUpload(sha)).toBe('stored');
      await s.appendUpload(sha, 0, chunksOf(blob, 500), 1 << 20);
      expect(await s.finishUpload(sha)).toBe('stored');
      expect(await target.storedCopies(sha)).toBe(1);
      expect(await target.stagedLeftovers(sha)).toBe(0);
    });

    it('refuses every hash that is not 64 lower-case hex digits before touching storage', async () => {
      const s = target.storage();
      for (const bad of TRAVERSALS) {
        const calls: Promise<unknown>[] = [
          s.has(bad), s.uploadedSize(bad), s.appendUpload(bad, 0, chunksOf(Buffer.from('x'), 1), 10), s.finishUpload(bad),
          s.read(bad), s.presignGet(bad, 60), s.presignPut(bad, 60),
        ];
        for (const call of calls) await expect(call).rejects.toMatchObject({ name: 'BlobError', code: 'bad-hash' });
      }
    });
  });
}
