/**
 * Push and pull keep the connections busy across batches and pages: a push uploads the blobs
 * of its next batches while the server commits the current one, and a pull asks for its next
 * page (and queues that page's blobs) while this page's blobs still download. Each batch is
 * still committed only once its own blobs are on the server, each page applied only once its
 * blobs are in the workspace; a failure stops every transfer before the command returns.
 *
 * Watched through an HTTP proxy on loopback that logs each request's start and answer, and
 * can hold answers back.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpClient } from '../../src/sync/http.js';
import { clone, pull, push } from '../../src/sync/client.js';
import { outboxSize } from '../../src/sync/entities.js';
import { addRemote } from '../../src/sync/remotes.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { cleanupAll, credentialStore, expectSameWorkspaces, ingestGenerated, newWorkspace, tempDir } from './helpers.js';
import { startSyncServer, type SyncTestServer } from './server.js';

interface Logged { line: string; event: 'request' | 'answer' }

/** A recording HTTP proxy: `hold(line)` may return ms to keep an answer back, or a status to answer with instead. */
async function recordingProxy(targetPort: number) {
  const log: Logged[] = [];
  let open = 0;
  let hold: (line: string) => { delayMs?: number; status?: number } | undefined = () => undefined;
  const server: Server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    log.push({ line, event: 'request' });
    open++;
    const up = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, async (answer: IncomingMessage) => {
      const rule = hold(line);
      if (rule?.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      if (rule?.status) {
        answer.resume();
        res.writeHead(rule.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'test-refusal', message: 'refused by the test proxy' } }));
      } else {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
      res.on('close', () => { open--; log.push({ line, event: 'answer' }); });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    open: () => open,
    hold: (fn: typeof hold) => { hold = fn; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const isPush = (l: string) => /^POST .*\/sync\/push$/.test(l);
const isUpload = (l: string) => /^PATCH .*\/blobs\/[0-9a-f]{64}$/.test(l);
const isPage = (l: string) => /^GET .*\/sync\/pull\?/.test(l);
const isDownload = (l: string) => /^GET .*\/blobs\/[0-9a-f]{64}$/.test(l);
/**
 * Nothing under way once the command returned, and nothing asked after: every answer is out
 * (the proxy notes it a tick after the client has it) and no request comes in 200 ms.
 */
async function quiet(proxy: { open(): number; log: Logged[] }): Promise<void> {
  const seen = proxy.log.filter((e) => e.event === 'request').length;
  await new Promise((r) => setTimeout(r, 200));
  expect(proxy.open()).toBe(0);
  expect(proxy.log.filter((e) => e.event === 'request').length).toBe(seen);
}

/** Index in the log of the first entry matching. */
const at = (log: Logged[], f: (e: Logged) => boolean) => log.findIndex(f);

describe('push and pull pipelines', () => {
  let server: SyncTestServer;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  const creds = credentialStore();
  const fast = { retry: { attempts: 2, baseDelayMs: 5 } };

  beforeAll(async () => {
    server = await startSyncServer();
    proxy = await recordingProxy(server.port);
    // Logged in through the proxy: tokens are kept per server URL.
    const http = new HttpClient({ server: proxy.url, credentials: creds, retry: { attempts: 1 } });
    await http.register('pipes@example.com', 'a-long-enough-password');
    for (const name of ['pipes', 'failing', 'pulled']) await http.json('POST', '/workspaces', z.unknown(), { json: { name } });
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
    cleanupAll();
  });

  it('uploads later batches\' blobs while a batch is committed, commits each batch after its own blobs, and pulls the next page while blobs download', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 6, { seed: 40 });
    addRemote(a, 'origin', `${proxy.url}/pipes`);
    // The first commit is held back 400 ms: the uploads after it are the next batches'.
    let firstPush = true;
    proxy.hold((line) => (isPush(line) && firstPush ? ((firstPush = false), { delayMs: 400 }) : undefined));
    proxy.log.length = 0;
    const queued = outboxSize(a);
    const pushed = await push(a, undefined, { credentials: creds, batchSize: 4, concurrency: 1, ...fast });
    expect(outboxSize(a)).toBe(0);
    expect(pushed.requests).toBeGreaterThan(3);

    const log = proxy.log.map((e) => `${e.event} ${e.line}`);
    const firstCommitSent = at(proxy.log, (e) => e.event === 'request' && isPush(e.line));
    const firstCommitAnswered = at(proxy.log, (e) => e.event === 'answer' && isPush(e.line));
    const uploadsDuringCommit = proxy.log.slice(firstCommitSent, firstCommitAnswered).filter((e) => e.event === 'request' && isUpload(e.line));
    expect(uploadsDuringCommit.length, log.join('\n')).toBeGreaterThan(0);
    // No commit came before its blobs: the server never answered one with blobs it lacked
    // (which the client answers by uploading again and sending the batch a second time).
    const commits = proxy.log.filter((e) => e.event === 'request' && isPush(e.line)).length;
    expect(commits).toBe(Math.ceil(queued / 4));
    expect(pushed.requests).toBe(commits);

    // Pull: blob answers are held 300 ms; the second page is asked for meanwhile.
    proxy.hold((line) => (isDownload(line) ? { delayMs: 300 } : undefined));
    proxy.log.length = 0;
    const dir = join(tempDir(), 'b');
    const cloned = await clone(`${proxy.url}/pipes`, dir, { credentials: creds, actor: 'bob', pageSize: 5, concurrency: 2, ...fast });
    proxy.hold(() => undefined);
    const pages = proxy.log.filter((e) => e.event === 'request' && isPage(e.line)).length;
    expect(pages).toBeGreaterThan(2);
    const firstBlobAnswered = at(proxy.log, (e) => e.event === 'answer' && isDownload(e.line));
    const secondPageAsked = proxy.log.findIndex((e, i) => e.event === 'request' && isPage(e.line) && i > at(proxy.log, (x) => x.event === 'request' && isPage(x.line)));
    expect(secondPageAsked).toBeGreaterThan(-1);
    expect(secondPageAsked, proxy.log.map((e) => `${e.event} ${e.line}`).join('\n')).toBeLessThan(firstBlobAnswered);
    expect(cloned.pull.applied).toBeGreaterThan(0);
    const b = Workspace.open(dir);
    try {
      expectSameWorkspaces(a, b);
    } finally {
      b.close();
    }
    // Nothing left under way once the clone returned.
    await quiet(proxy);
  });

  it('a failed upload in a later batch stops the push: earlier batches stay committed, the rest stays queued, no transfer outlives the push', async () => {
    const a = newWorkspace('carol');
    await ingestGenerated(a, 4, { seed: 60 });
    addRemote(a, 'origin', `${proxy.url}/failing`);
    const before = outboxSize(a);
    // Every upload after the fourth is refused for good (a 400 is not retried).
    let uploads = 0;
    proxy.hold((line) => (isUpload(line) && ++uploads > 4 ? { status: 400 } : undefined));
    await expect(push(a, undefined, { credentials: creds, batchSize: 3, concurrency: 2, ...fast })).rejects.toThrow(/refused by the test proxy/);
    proxy.hold(() => undefined);
    const after = outboxSize(a);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    await quiet(proxy);

    // The next push sends the rest, and a clone matches.
    await push(a, undefined, { credentials: creds, ...fast });
    expect(outboxSize(a)).toBe(0);
    const dir = join(tempDir(), 'c');
    await clone(`${proxy.url}/failing`, dir, { credentials: creds, actor: 'dave', ...fast });
    const c = Workspace.open(dir);
    try {
      expectSameWorkspaces(a, c);
    } finally {
      c.close();
    }
  });

  it('a push that fails while later batches are still being asked about sends nothing more', async () => {
    const a = newWorkspace('gina');
    await ingestGenerated(a, 4, { seed: 90 });
    addRemote(a, 'origin', `${proxy.url}/failing`);
    const before = outboxSize(a);
    // The first upload is refused after 200 ms; every `missing` after the first is answered
    // late, so later batches are still asking when the push fails.
    let uploads = 0;
    let asked = 0;
    const isMissing = (l: string) => /^POST .*\/blobs\/missing$/.test(l);
    proxy.hold((line) => (isUpload(line) && ++uploads === 1 ? { delayMs: 200, status: 400 } : isMissing(line) && ++asked > 1 ? { delayMs: 300 } : undefined));
    proxy.log.length = 0;
    await expect(push(a, undefined, { credentials: creds, batchSize: 10, concurrency: 1, ...fast })).rejects.toThrow(/refused by the test proxy/);
    await quiet(proxy);
    proxy.hold(() => undefined);
    // The batches before the refused blob's went in (wells have no blobs); the rest waits.
    expect(outboxSize(a)).toBeGreaterThan(0);
    expect(outboxSize(a)).toBeLessThanOrEqual(before);
    expect(asked, proxy.log.map((e) => `${e.event} ${e.line}`).join("\n")).toBeGreaterThan(1);
  });

  it('a pull whose blob download fails applies no page past the failure and leaves nothing running', async () => {
    const a = newWorkspace('erin');
    await ingestGenerated(a, 3, { seed: 80 });
    addRemote(a, 'origin', `${proxy.url}/pulled`);
    await push(a, undefined, { credentials: creds, ...fast });
    const b = Workspace.init(join(tempDir(), 'f'), { actor: 'frank' });
    try {
      addRemote(b, 'origin', `${proxy.url}/pulled`);
      let downloads = 0;
      proxy.hold((line) => (isDownload(line) && ++downloads > 2 ? { status: 400 } : undefined));
      await expect(pull(b, undefined, { credentials: creds, pageSize: 4, concurrency: 2, ...fast })).rejects.toThrow(/refused by the test proxy/);
      proxy.hold(() => undefined);
      await quiet(proxy);
      // Every row applied has its blobs (a page is applied only with all of its blobs).
      const refs = b.db.prepare(`SELECT source_sha256 AS sha, 'las' AS ext FROM log_runs UNION SELECT native_sha256, 'parquet' FROM datasets`).all() as { sha: string; ext: string }[];
      for (const r of refs) expect(b.blobs.has(r.sha, r.ext), r.sha).toBe(true);
      // Pulling again finishes the job.
      await pull(b, undefined, { credentials: creds, ...fast });
      expectSameWorkspaces(a, b);
    } finally {
      b.close();
    }
  });

  it('a pull asks for a small first page (its blobs start sooner), then for full pages', async () => {
    const a = newWorkspace('gina');
    await ingestGenerated(a, 3, { seed: 90 });
    addRemote(a, 'origin', `${proxy.url}/paged`);
    const http = new HttpClient({ server: proxy.url, credentials: creds, retry: { attempts: 1 } });
    await http.json('POST', '/workspaces', z.unknown(), { json: { name: 'paged' } });
    await push(a, undefined, { credentials: creds, ...fast });
    const limits = () => proxy.log.filter((e) => e.event === 'request' && isPage(e.line)).map((e) => Number(/[?&]limit=(\d+)/.exec(e.line)?.[1]));

    proxy.log.length = 0;
    await clone(`${proxy.url}/paged`, join(tempDir(), 'g1'), { credentials: creds, actor: 'hal', ...fast });
    expect(limits()[0]).toBe(200);

    // A page size below the first page's is kept throughout.
    proxy.log.length = 0;
    const cloned = await clone(`${proxy.url}/paged`, join(tempDir(), 'g2'), { credentials: creds, actor: 'ida', pageSize: 3, ...fast });
    const asked = limits();
    expect(asked.length).toBeGreaterThan(2);
    expect(new Set(asked)).toEqual(new Set([3]));
    const b = Workspace.open(cloned.root);
    try {
      expectSameWorkspaces(a, b);
    } finally {
      b.close();
    }
  });
});
