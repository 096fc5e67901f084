/**
 * forEachChunk (src/server/blobs/body-chunks.ts): how the server takes an upload body. A Node
 * request is read through its 'data' events, paused while the writer waits; whatever the
 * body, the bytes arrive whole and in order, a body that fails or stops short is a
 * 'body-interrupted' BlobError, and the writer's own failure passes as it is.
 */
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forEachChunk } from '../../src/server/blobs/body-chunks.js';

const pieces = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
const later = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('forEachChunk', () => {
  it('takes every byte in order, from a Node stream and from a web stream, waiting when the taker waits', async () => {
    const bytes = randomBytes(300_000);
    for (const make of [() => Readable.from(pieces(bytes, 7_000)), () => Readable.toWeb(Readable.from(pieces(bytes, 7_000))) as unknown as ReadableStream<Uint8Array>]) {
      const got: Buffer[] = [];
      let busy = false;
      let n = 0;
      await forEachChunk(make(), (chunk) => {
        // A chunk never arrives while the taker still waits for the one before.
        expect(busy).toBe(false);
        got.push(Buffer.from(chunk));
        if (++n % 5) return undefined;
        busy = true;
        return later(2).then(() => { busy = false; });
      });
      expect(Buffer.concat(got).equals(bytes)).toBe(true);
    }
  });

  it('waits for the last wait before it resolves', async () => {
    let finished = false;
    await forEachChunk(Readable.from([Buffer.from('a'), Buffer.from('b')]), () => later(20).then(() => { finished = true; }));
    expect(finished).toBe(true);
  });

  it('a body that fails is body-interrupted', async () => {
    const body = new PassThrough();
    const taking = forEachChunk(body, () => undefined);
    body.write(Buffer.alloc(10));
    body.destroy(new Error('socket hang up'));
    await expect(taking).rejects.toMatchObject({ name: 'BlobError', code: 'body-interrupted' });
  });

  it('a body that closes before its end, with no error, is body-interrupted too', async () => {
    const body = new PassThrough();
    const taking = forEachChunk(body, () => undefined);
    body.write(Buffer.alloc(10));
    body.destroy();
    await expect(taking).rejects.toMatchObject({ code: 'body-interrupted' });
  });

  it("the taker's own failure passes as it is, thrown or rejected", async () => {
    const disk = new Error('ENOSPC: no space left on device');
    await expect(forEachChunk(Readable.from([Buffer.alloc(5)]), () => { throw disk; })).rejects.toBe(disk);
    await expect(forEachChunk(Readable.from([Buffer.alloc(5), Buffer.alloc(5)]), () => Promise.reject(disk))).rejects.toBe(disk);
  });
});
