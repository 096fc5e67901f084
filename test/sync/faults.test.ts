import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBlob, uploadBlob } from '../../src/sync/blobs-transfer.js';
import { apiFor, pull, push, status, sync } from '../../src/sync/client.js';
import type { CredentialStore } from '../../src/sync/credentials.js';
import { outboxSize } from '../../src/sync/entities.js';
import { pendingChanges } from '../../src/sync/outbox.js';
import { SyncHttpError } from '../../src/sync/errors.js';
import type { HttpClient } from '../../src/sync/http.js';
import { addRemote, getRemote } from '../../src/sync/remotes.js';
import { setWell } from '../../src/workspace/edit.js';
import { cleanupAll, credentialStore, ingestGenerated, newWorkspace, rows, tempDir, wellId, wellRow } from './helpers.js';
import { readdirSync, readFileSync } from 'node:fs';
import { cuttingProxy, type CuttingProxy } from './proxy.js';
import { accountWithWorkspace, startSyncServer, type SyncTestServer } from './server.js';

const WS = 'faults';

describe('faults: cut connections, lost answers, a dead server', () => {
  let server: SyncTestServer;
  let proxy: CuttingProxy;
  let creds: CredentialStore;
  let owner: HttpClient;

  beforeAll(async () => {
    server = await startSyncServer();
    proxy = await cuttingProxy(server.port);
    creds = credentialStore();
    owner = (await accountWithWorkspace(server, creds, WS)).http;
    // The same login, for requests that go through the proxy.
    creds.set(proxy.url, creds.get(server.url)!);
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
    cleanupAll();
  });

  const randomBlob = (size: number) => {
    const bytes = randomBytes(size);
    const path = join(tempDir(), 'blob.bin');
    writeFileSync(path, bytes);
    return { bytes, path, sha: createHash('sha256').update(bytes).digest('hex') };
  };

  async function serverCopy(sha: string): Promise<Buffer> {
    const got = await server.services().blobs.read(sha);
    if (!got) throw new Error(`server lacks ${sha}`);
    return Buffer.from(await new Response(got.body).arrayBuffer());
  }

  it('a blob upload cut mid-body resumes from the server\'s offset: nothing sent twice, bytes identical', async () => {
    const { bytes, path, sha } = randomBlob(1_500_000);
    const api = apiFor({ server: proxy.url, workspace: WS }, { credentials: creds, retry: { attempts: 5, baseDelayMs: 100 } });
    const start = proxy.bytesUp();
    proxy.cutAfter(700_000);
    const r = await uploadBlob(api, sha, path, { chunkBytes: 256 * 1024 });
    expect(proxy.cut()).toBe(true);
    // Request lines and headers are small; a resent chunk would add up to 256 KiB.
    expect(proxy.bytesUp() - start).toBeLessThan(bytes.length + 20_000);
    expect(r.sent).toBeLessThan(bytes.length);
    expect((await serverCopy(sha)).equals(bytes)).toBe(true);
  });

  it('a push sends each missing blob in one PATCH (Upload-Complete): no HEAD or finish per blob', async () => {
    await owner.json('POST', '/workspaces', z.unknown(), { json: { name: 'one-patch' } });
    const a = newWorkspace('alice');
    await ingestGenerated(a, 2, { seed: 71 });
    addRemote(a, 'origin', `${server.url}/one-patch`);
    const seen: string[] = [];
    const counting: typeof fetch = (input, init) => {
      seen.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname.replace(/[0-9a-f]{64}/, 'SHA')}`);
      return fetch(input, init);
    };
    const r = await push(a, undefined, { credentials: creds, fetch: counting });
    expect(r.blobsUploaded).toBeGreaterThan(0);
    const blobRequests = seen.filter((x) => x.includes('/blobs/SHA'));
    expect(blobRequests.filter((x) => x.startsWith('PATCH'))).toHaveLength(r.blobsUploaded);
    expect(blobRequests).toHaveLength(r.blobsUploaded);
  });

  it('an upload that gave up is resumed by the next run from where the server got to', async () => {
    const { bytes, path, sha } = randomBlob(900_000);
    const api = apiFor({ server: proxy.url, workspace: WS }, { credentials: creds, retry: { attempts: 1 } });
    proxy.cutAfter(400_000);
    await expect(uploadBlob(api, sha, path, { chunkBytes: 128 * 1024 })).rejects.toMatchObject({ code: 'unreachable' });
    await new Promise((r) => setTimeout(r, 100));
    const again = await uploadBlob(api, sha, path, { chunkBytes: 128 * 1024 });
    expect(again.resumedFrom).toBeGreaterThan(0);
    expect(again.sent).toBe(bytes.length - again.resumedFrom);
    expect((await serverCopy(sha)).equals(bytes)).toBe(true);
  });

  it('a download cut mid-body resumes with a Range request: nothing fetched twice, stored only whole', async () => {
    const { bytes, path, sha } = randomBlob(1_200_000);
    await uploadBlob(apiFor({ server: server.url, workspace: WS }, { credentials: creds }), sha, path);
    const ws = newWorkspace('dora');
    const api = apiFor({ server: proxy.url, workspace: WS }, { credentials: creds, retry: { attempts: 4, baseDelayMs: 50 } });
    const start = proxy.bytesDown();
    proxy.cutDownAfter(500_000);
    const r = await downloadBlob(api, sha, 'bin', ws.blobs);
    expect(proxy.cut()).toBe(true);
    expect(r.resumes).toBe(1);
    expect(proxy.bytesDown() - start).toBeLessThan(bytes.length + 20_000);
    expect(readFileSync(ws.blobs.pathOf(sha, 'bin')).equals(bytes)).toBe(true);
    expect(readdirSync(ws.layout.tmp)).toEqual([]);
  });

  it('a download whose bytes do not match the hash is refused and leaves nothing behind', async () => {
    const { path, sha } = randomBlob(10_000);
    await uploadBlob(apiFor({ server: server.url, workspace: WS }, { credentials: creds }), sha, path);
    const ws = newWorkspace('dora');
    const lying: typeof fetch = async (input, init) => (String(input).endsWith(`/blobs/${sha}`) ? new Response(randomBytes(10_000)) : fetch(input, init));
    const api = apiFor({ server: server.url, workspace: WS }, { credentials: creds, fetch: lying });
    await expect(downloadBlob(api, sha, 'bin', ws.blobs)).rejects.toMatchObject({ code: 'blob-hash-mismatch' });
    expect(ws.blobs.has(sha, 'bin')).toBe(false);
    expect(readdirSync(ws.layout.tmp)).toEqual([]);
  });

  it('a pull that dies mid-way keeps the pages it finished and the next pull carries on', async () => {
    await owner.json('POST', '/workspaces', z.unknown(), { json: { name: 'pages' } });
    const a = newWorkspace('alice');
    await ingestGenerated(a, 2, { seed: 61 });
    addRemote(a, 'origin', `${server.url}/pages`);
    const total = (await push(a, undefined, { credentials: creds })).pushed;

    const b = newWorkspace('bob');
    addRemote(b, 'origin', `${server.url}/pages`);
    let pages = 0;
    const dying: typeof fetch = (input, init) => {
      if (String(input).includes('/sync/pull') && ++pages === 3) return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));
      return fetch(input, init);
    };
    await expect(pull(b, undefined, { credentials: creds, fetch: dying, pageSize: 5, retry: { attempts: 1 } })).rejects.toMatchObject({ code: 'unreachable' });
    const have = ['wells', 'log_runs', 'datasets', 'curves'].reduce((n, t) => n + rows(b, t as 'wells').length, 0);
    expect(have).toBe(10);
    expect(getRemote(b).pullCursor).toBeGreaterThan(0);
    const rest = await pull(b, undefined, { credentials: creds, pageSize: 5 });
    expect(rest.applied).toBe(total - 10);
    for (const t of ['wells', 'log_runs', 'datasets', 'curves'] as const) expect(rows(b, t)).toEqual(rows(a, t));
  });

  it('a replayed push returns the first answer and applies nothing again', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 7 });
    addRemote(a, 'origin', `${server.url}/${WS}`);
    const api = apiFor(getRemote(a), { credentials: creds });
    const changes = pendingChanges(a);
    const wells = changes.filter((c) => c.entity.type === 'well');
    // Blobs first, through the client; then the same well batch twice.
    const req = { idempotencyKey: 'replay-test-key-1', changes: wells };
    const headBefore = await api.head();
    const first = await api.push(req);
    const second = await api.push(req);
    expect(second).toEqual(first);
    expect(first.applied).toHaveLength(wells.length);
    expect(await api.head()).toBe(headBefore + wells.length);
  });

  it('a push whose answer is lost is retried with the same key: applied once, no false conflict', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 2, { seed: 11 });
    addRemote(a, 'origin', `${server.url}/${WS}`);
    const queued = outboxSize(a);
    let lost = 0;
    const losing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/sync/push') && lost === 0) {
        lost++;
        await res.arrayBuffer(); // the server applied the batch; its answer never arrives
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return res;
    };
    const api = apiFor(getRemote(a), { credentials: creds });
    const headBefore = await api.head();
    const r = await push(a, undefined, { credentials: creds, fetch: losing, retry: { attempts: 3, baseDelayMs: 10 } });
    expect(lost).toBe(1);
    expect(r.pushed).toBe(queued);
    expect(r.conflicts).toEqual({ recorded: 0, resolvedLocal: 0, resolvedRemote: 0, ownChanges: 0 });
    expect(outboxSize(a)).toBe(0);
    expect(await api.head()).toBe(headBefore + queued);
  });

  it('a push that gave up after its answer was lost is settled by the next sync, not doubled', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 21 });
    addRemote(a, 'origin', `${server.url}/${WS}`);
    await pull(a, undefined, { credentials: creds });
    const queued = outboxSize(a);
    const losing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/sync/push')) {
        await res.arrayBuffer();
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return res;
    };
    const api = apiFor(getRemote(a), { credentials: creds });
    const headBefore = await api.head();
    await expect(push(a, undefined, { credentials: creds, fetch: losing, retry: { attempts: 1 } })).rejects.toBeInstanceOf(SyncHttpError);
    expect(outboxSize(a)).toBe(queued);
    expect(getRemote(a).lastError).toMatch(/cannot reach/);

    // The pull brings our own changes back: recognised as ours, so they count as pushed.
    const r = await sync(a, undefined, { credentials: creds });
    expect(r.pull.conflicts.ownChanges).toBe(queued);
    expect(r.pull.conflicts.recorded).toBe(0);
    expect(r.push.pushed).toBe(0);
    expect(outboxSize(a)).toBe(0);
    expect(await api.head()).toBe(headBefore + queued);
  });

  it('a push cut in the middle of its body is retried and applied exactly once', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 2, { seed: 31 });
    addRemote(a, 'origin', `${proxy.url}/${WS}`);
    const queued = outboxSize(a);
    const arming: typeof fetch = (input, init) => {
      if (String(input).endsWith('/sync/push') && !proxy.cut()) proxy.cutAfter(3_000);
      return fetch(input, init);
    };
    const api = apiFor(getRemote(a), { credentials: creds });
    const headBefore = await api.head();
    const r = await push(a, undefined, { credentials: creds, fetch: arming, retry: { attempts: 4, baseDelayMs: 50 } });
    expect(proxy.cut()).toBe(true);
    expect(r.pushed).toBe(queued);
    expect(await api.head()).toBe(headBefore + queued);
  });

  it('edits made offline wait in the queue; the push says the server is unreachable; later they go out', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 41 });
    addRemote(a, 'origin', `${server.url}/${WS}`);
    await push(a, undefined, { credentials: creds });
    const well = wellId(a);

    await server.kill();
    try {
      await setWell(a, well, { operator: 'Offline Oil' });
      expect(outboxSize(a)).toBe(1);
      const err = await push(a, undefined, { credentials: creds, retry: { attempts: 2, baseDelayMs: 10 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SyncHttpError);
      expect(err).toMatchObject({ code: 'unreachable', status: 0 });
      expect(outboxSize(a)).toBe(1);
      const st = await status(a, undefined, { credentials: creds });
      expect(st).toMatchObject({ reachable: false, ahead: 1, behind: null });
      expect(st.lastError).toMatch(/cannot reach/);
      expect(wellRow(a, well).operator).toBe('Offline Oil');
    } finally {
      await server.restart();
    }
    const r = await push(a, undefined, { credentials: creds });
    expect(r.pushed).toBe(1);
    expect(outboxSize(a)).toBe(0);
    expect(getRemote(a).lastError).toBeNull();
  });

  it('a server killed as a push arrives and restarted: the retry completes, nothing lost or doubled', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 2, { seed: 51 });
    addRemote(a, 'origin', `${server.url}/${WS}`);
    const queued = outboxSize(a);
    const api = apiFor(getRemote(a), { credentials: creds });
    const headBefore = await api.head();
    let killed = false;
    const killing: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/sync/push') && !killed) {
        killed = true;
        await server.kill();
        setTimeout(() => void server.restart(), 300);
      }
      return fetch(input, init);
    };
    const r = await push(a, undefined, { credentials: creds, fetch: killing, retry: { attempts: 8, baseDelayMs: 100 } });
    expect(killed).toBe(true);
    expect(r.pushed).toBe(queued);
    expect(outboxSize(a)).toBe(0);
    expect(await api.head()).toBe(headBefore + queued);
  });
});
