/**
 * The server process is SIGKILLed while a push (or a blob upload) is in flight and started
 * again on the same data: the client's retry completes with nothing lost and nothing doubled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadBlob } from '../../src/sync/blobs-transfer.js';
import { apiFor, pull, push } from '../../src/sync/client.js';
import type { CredentialStore } from '../../src/sync/credentials.js';
import { outboxSize } from '../../src/sync/entities.js';
import { HttpClient } from '../../src/sync/http.js';
import { addRemote } from '../../src/sync/remotes.js';
import { cleanupAll, credentialStore, ingestGenerated, newWorkspace, rows, tempDir } from './helpers.js';
import { childServer } from './server-process.js';

const TABLES = ['wells', 'log_runs', 'datasets', 'curves'] as const;

describe('the server is killed mid-push and restarted', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'df-kill-server-'));
  const server = childServer(dataDir);
  let creds: CredentialStore;

  beforeAll(async () => {
    await server.start();
    creds = credentialStore();
    const http = new HttpClient({ server: server.url, credentials: creds });
    await http.register(`killer-${process.pid}@example.com`, 'a-long-enough-password');
    await http.json('POST', '/workspaces', z.unknown(), { json: { name: 'crash' } });
  });
  afterAll(async () => {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
    cleanupAll();
  });

  const restartSoon = async () => {
    await server.kill();
    await new Promise((r) => setTimeout(r, 300));
    await server.start();
  };

  type Moment = 'before it arrives' | 'in the middle of its body' | 'after it was applied, before the answer is read';

  /** A fetch that kills (and restarts) the server at `moment` of the first request whose `METHOD URL` matches `what`. */
  function killAt(what: RegExp, moment: Moment): { fetch: typeof fetch; restarted: () => Promise<void> } {
    let fired = false;
    let restarted: Promise<void> = Promise.resolve();
    return {
      fetch: async (input, init) => {
        if (fired || !what.test(`${init?.method ?? 'GET'} ${String(input)}`)) return fetch(input, init);
        fired = true;
        if (moment === 'before it arrives') {
          restarted = restartSoon();
          await new Promise((r) => setTimeout(r, 20));
          return fetch(input, init);
        }
        if (moment === 'in the middle of its body') {
          const body = init?.body instanceof Uint8Array ? Buffer.from(init.body) : Buffer.from(String(init?.body));
          const half = Math.floor(body.length / 2);
          const stream = new ReadableStream<Uint8Array>({
            start(c) { c.enqueue(body.subarray(0, half)); },
            // The second half never comes: the server dies while waiting for it.
            async pull() { restarted = restartSoon(); await restarted; },
          });
          return fetch(input, { ...init, body: stream, duplex: 'half' } as RequestInit);
        }
        const res = await fetch(input, init);
        restarted = restartSoon();
        await restarted;
        void res.body?.cancel();
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
      restarted: () => restarted,
    };
  }

  /** Enough tries to outlast a restart on a busy machine (~8 s of backoff in all). */
  const RETRY = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };

  const moments: Moment[] = ['before it arrives', 'in the middle of its body', 'after it was applied, before the answer is read'];
  moments.forEach((moment, i) => {
    it(`push: killed ${moment}; after the restart the retry applies every change exactly once`, async () => {
      const a = newWorkspace('alice');
      await ingestGenerated(a, 3, { seed: 200 + 10 * i });
      addRemote(a, 'origin', `${server.url}/crash`);
      const head0 = await apiFor({ server: server.url, workspace: 'crash' }, { credentials: creds }).head();
      const k = killAt(/^POST .*\/sync\/push$/, moment);
      const queued = outboxSize(a);
      let retries = 0;
      const r = await push(a, undefined, { credentials: creds, fetch: k.fetch, retry: RETRY, onRetry: () => retries++ });
      await k.restarted();
      expect(retries).toBeGreaterThan(0);
      expect(r.pushed).toBe(queued);
      expect(r.conflicts).toEqual({ recorded: 0, resolvedLocal: 0, resolvedRemote: 0, ownChanges: 0 });
      expect(outboxSize(a)).toBe(0);
      expect(await apiFor({ server: server.url, workspace: 'crash' }, { credentials: creds }).head()).toBe(head0 + queued);

      // A fresh client sees exactly A's work, each entity once, at version 1.
      const b = newWorkspace('bob');
      addRemote(b, 'origin', `${server.url}/crash`);
      await pull(b, undefined, { credentials: creds });
      for (const t of TABLES) {
        const mine = rows(a, t);
        const theirs = rows(b, t).filter((row) => mine.some((m) => m.id === row.id));
        expect(theirs, t).toEqual(mine);
        expect(theirs.every((row) => row.version === 1), t).toBe(true);
      }
    });
  });

  it('blob upload: killed mid-body, resumed after the restart from the offset the server kept', async () => {
    const bytes = randomBytes(3_000_000);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const path = join(tempDir(), 'big.bin');
    writeFileSync(path, bytes);
    const k = killAt(/^PATCH .*\/blobs\/[0-9a-f]{64}$/, 'in the middle of its body');
    const api = apiFor({ server: server.url, workspace: 'crash' }, { credentials: creds, fetch: k.fetch, retry: RETRY });
    const r = await uploadBlob(api, sha, path, { chunkBytes: 256 * 1024 });
    await k.restarted();
    expect(r.retries).toBeGreaterThan(0);
    expect(r.sent).toBeLessThanOrEqual(bytes.length);
    const res = await apiFor({ server: server.url, workspace: 'crash' }, { credentials: creds }).download(sha, 0);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
