/**
 * File ranges written as HTTP bodies from pooled buffers (src/sync/file-range-body.ts), over
 * real loopback HTTP: the client's uploads and the server's downloads both go through it, so
 * bytes that mix between bodies, a buffer reused before the socket took it, or a descriptor
 * left open after a cut would corrupt or leak on both sides.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, planReply, sendBlobFile } from '../../src/server/blobs/http-range.js';
import { FileRangeReadError, writeFileRange } from '../../src/sync/file-range-body.js';
import { FdFile } from '../../src/workspace/fd-file.js';

const MiB = 1 << 20;
let dir: string;
let server: Server;
let base: string;
/** Each request's handler, by path. */
const handlers = new Map<string, (res: ServerResponse, range: string | undefined) => void>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'df-file-range-'));
  server = createServer((req, res) => {
    const handle = handlers.get(req.url ?? '');
    if (!handle) { res.writeHead(404); res.end(); return; }
    handle(res, req.headers.range);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function fileOf(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Descriptors of this process open on `path`. */
function openOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try { return readlinkSync(`/proc/self/fd/${fd}`) === path; } catch { return false; }
  }).length;
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('writeFileRange', () => {
  it('sends the exact range across buffer boundaries, with many bodies at once sharing the pool', async () => {
    // Bodies of several megabytes each, six at once: a buffer handed back before the socket
    // took it would be refilled by another body and its bytes would show up in the wrong one.
    const files = Array.from({ length: 6 }, (_, i) => {
      const bytes = randomBytes(3 * MiB + 12_345 + i);
      const path = fileOf(`body-${i}`, bytes);
      const start = 1000 * i + 7;
      const length = bytes.length - start - 3;
      handlers.set(`/body-${i}`, (res) => {
        const fh = FdFile.open(path, 'r');
        res.writeHead(200, { 'content-length': String(length) });
        writeFileRange(res, fh, start, length).then(() => res.end(), () => res.destroy()).finally(() => fh.close());
      });
      return { expected: bytes.subarray(start, start + length) };
    });
    const got = await Promise.all(files.map((_, i) => get(`/body-${i}`)));
    got.forEach((g, i) => {
      expect(g.status).toBe(200);
      expect(g.body.length).toBe(files[i].expected.length);
      expect(g.body.equals(files[i].expected)).toBe(true);
    });
  });

  it('refuses a range past the end of the file with a typed error, having sent only the bytes that exist', async () => {
    const path = fileOf('short', randomBytes(MiB + 10));
    let failure: unknown;
    handlers.set('/short', (res) => {
      const fh = FdFile.open(path, 'r');
      res.writeHead(200, { 'content-length': String(3 * MiB) });
      writeFileRange(res, fh, 0, 3 * MiB).then(() => res.end(), (e: unknown) => { failure = e; res.destroy(); }).finally(() => fh.close());
    });
    await expect(get('/short')).rejects.toThrow();
    await until(() => failure !== undefined);
    expect(failure).toBeInstanceOf(FileRangeReadError);
    expect((failure as FileRangeReadError).reason).toBe('short');
    expect((failure as Error).message).toMatch(/ended at byte 1048586/);
  });

  it('ends when the reader goes away mid-body, rather than waiting on the dead connection', async () => {
    const path = fileOf('big', randomBytes(64 * MiB));
    let outcome: 'pending' | 'resolved' | 'rejected' = 'pending';
    handlers.set('/big', (res) => {
      const fh = FdFile.open(path, 'r');
      res.writeHead(200, { 'content-length': String(64 * MiB) });
      writeFileRange(res, fh, 0, 64 * MiB).then(() => { outcome = 'resolved'; res.end(); }, () => { outcome = 'rejected'; }).finally(() => fh.close());
    });
    await new Promise<void>((resolve) => {
      const req = request(`${base}/big`, (res) => {
        // Take a little, then hang up: the server's socket fills and its writes stall.
        res.once('data', () => { req.destroy(); resolve(); });
      });
      req.on('error', () => undefined);
      req.end();
    });
    await until(() => outcome !== 'pending');
    expect(outcome).toBe('rejected');
  });
});

describe("the server's blob download (sendBlobFile)", () => {
  const serve = (path: string, size: number) => (res: ServerResponse, range: string | undefined) => {
    const fd = openSync(path, 'r');
    sendBlobFile(res, { fd, size }, planReply('a'.repeat(64), parseRange(range), size), {});
  };

  it('sends whole blobs and ranges that span buffers, then closes the file', async () => {
    const bytes = randomBytes(5 * MiB + 3);
    const path = fileOf('blob', bytes);
    handlers.set('/blob', serve(path, bytes.length));
    const whole = await get('/blob');
    expect(whole.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
    const tail = await get('/blob', { range: `bytes=${MiB - 5}-` });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(bytes.subarray(MiB - 5))).toBe(true);
    await until(() => openOn(path) === 0);
  });

  it('closes the file when the client hangs up mid-download', async () => {
    // Bigger than the socket buffers take: the server is still sending when the client goes.
    const path = fileOf('blob-cut', randomBytes(64 * MiB));
    handlers.set('/blob-cut', serve(path, 64 * MiB));
    await new Promise<void>((resolve) => {
      const req = request(`${base}/blob-cut`, (res) => { res.once('data', () => { req.destroy(); resolve(); }); });
      req.on('error', () => undefined);
      req.end();
    });
    await until(() => openOn(path) === 0);
  });
});
