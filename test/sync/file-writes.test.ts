/** The hashing writer: bytes land at their offsets and the worker's digest is the bytes' sha256. */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HashingFileWriter } from '../../src/sync/file-writes.js';
import { HASH_BUFFER_BYTES } from '../../src/sync/hash-worker.js';
import { cleanupAll, tempDir } from './helpers.js';

afterEach(cleanupAll);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('HashingFileWriter', () => {
  it('writes chunks of any size across its buffers, and hashes exactly what it wrote', async () => {
    const bytes = randomBytes(3 * HASH_BUFFER_BYTES + 12_345);
    const file = join(tempDir(), 'out');
    const fh = await open(file, 'w+');
    const w = new HashingFileWriter(fh, 0);
    // Chunk sizes that straddle the buffer boundaries, and one bigger than a buffer.
    const sizes = [1, 65_536, HASH_BUFFER_BYTES + 7, 333, 2 * HASH_BUFFER_BYTES];
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const n = Math.min(sizes[i % sizes.length], bytes.length - at);
      await w.add(bytes.subarray(at, at + n));
      at += n;
    }
    await w.flush();
    await fh.close();
    expect(w.written).toBe(bytes.length);
    expect(await w.hash.digest()).toBe(sha(bytes));
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('continues a running hash at an offset (a resumed upload), and discards what it was not told to write', async () => {
    const head = randomBytes(100_000);
    const tail = randomBytes(200_000);
    const file = join(tempDir(), 'out');
    const fh = await open(file, 'w+');
    const first = new HashingFileWriter(fh, 0);
    await first.add(head);
    await first.flush();
    const second = new HashingFileWriter(fh, head.length, first.hash);
    await second.add(randomBytes(5000));
    await second.discard();
    await second.add(tail);
    await second.flush();
    await fh.close();
    expect(second.written).toBe(tail.length);
    expect(await second.hash.digest()).toBe(sha(Buffer.concat([head, tail])));
    expect(readFileSync(file).equals(Buffer.concat([head, tail]))).toBe(true);
  });

  it('writes behind the caller when asked (the server\'s uploads): same bytes, same hash, in order', async () => {
    const bytes = randomBytes(5 * HASH_BUFFER_BYTES + 777);
    const file = join(tempDir(), 'out');
    const fh = await open(file, 'w+');
    const w = new HashingFileWriter(fh, 0, undefined, 2);
    for (let at = 0; at < bytes.length; at += 65_536) await w.add(bytes.subarray(at, Math.min(at + 65_536, bytes.length)));
    await w.flush();
    await fh.close();
    expect(w.written).toBe(bytes.length);
    expect(w.pending).toBe(0);
    expect(await w.hash.digest()).toBe(sha(bytes));
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a write that fails behind the caller fails the next add or flush, and nothing after it is written or hashed', async () => {
    const bytes = randomBytes(4 * HASH_BUFFER_BYTES);
    const file = join(tempDir(), 'out');
    const real = await open(file, 'w+');
    let writes = 0;
    // A disk that fails its second write (a fault the test cannot cause on a real disk).
    const failing = {
      write: (b: Uint8Array, o: number, l: number, p: number) => (++writes === 2 ? Promise.reject(new Error('EIO: the disk failed')) : real.write(b, o, l, p)),
      read: real.read.bind(real), sync: real.sync.bind(real), truncate: real.truncate.bind(real), stat: real.stat.bind(real), close: real.close.bind(real),
    };
    const w = new HashingFileWriter(failing, 0, undefined, 2);
    await expect((async () => {
      for (let at = 0; at < bytes.length; at += 65_536) await w.add(bytes.subarray(at, at + 65_536));
      await w.flush();
    })()).rejects.toThrow('EIO');
    await real.close();
    expect(w.written).toBe(HASH_BUFFER_BYTES);
    expect(await w.hash.digest()).toBe(sha(bytes.subarray(0, HASH_BUFFER_BYTES)));
  });
});
