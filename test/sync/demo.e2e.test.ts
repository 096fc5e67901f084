/**
 * The demo of issue 4, end to end, as users run it: the built `dataforge` CLI in child
 * processes against `dataforge serve` in another, reached through a loopback proxy that can
 * hold back an answer while the server is SIGKILLed.
 *
 * Alice (workspace A) ingests LAS files offline, then syncs; Bob clones (B) and has the same
 * wells, curves, byte-identical blobs and team settings; both edit the same entities and
 * Bob's push meets conflicts, settled under each strategy; the server is killed in the middle
 * of a push and restarted, and the retry completes with nothing lost or doubled; with the
 * server stopped, a bundle carries Alice's later work to a third workspace (C).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceApi } from '../../src/sync/api.js';
import { CredentialStore } from '../../src/sync/credentials.js';
import { HttpClient } from '../../src/sync/http.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { blobBytes, cleanupAll, rows, runNode, SYNCED_TABLES as TABLES, tempDir, type ChildResult } from './helpers.js';
import { cuttingProxy, type CuttingProxy } from './proxy.js';
import { cliServer, type ServerProcess } from './server-process.js';

const BIN = fileURLToPath(new URL('../../bin/dataforge.js', import.meta.url));
const PASSPHRASE = 'carried by hand';

interface User { name: string; configDir: string }
type Result = ChildResult;

/** One `dataforge` command, as the user runs it (async: the proxy lives in this process). */
function df(user: User, args: string[], opts: { cwd?: string; input?: string } = {}): Promise<Result> {
  return runNode(BIN, args, { ...opts, env: { DATAFORGE_CONFIG_DIR: user.configDir, DATAFORGE_USER: user.name, DATAFORGE_WORKSPACE: '', DATAFORGE_SYNC_ATTEMPTS: '5', DATAFORGE_BUNDLE_PASSPHRASE: '' } });
}

/** Runs a command that must succeed; its --json output parsed, or its text. */
async function ok(user: User, args: string[], opts: { cwd?: string; input?: string } = {}): Promise<Result & { json: () => Record<string, unknown> }> {
  const r = await df(user, args, opts);
  if (r.code !== 0) throw new Error(`dataforge ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return { ...r, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

function readWs<T>(dir: string, fn: (ws: Workspace) => T): T {
  const ws = Workspace.open(dir, { readonly: true });
  try {
    return fn(ws);
  } finally {
    ws.close();
  }
}

/** Every synced table and every blob of two workspaces are the same (sync bookkeeping aside). */
function expectSameWorkspaces(aDir: string, bDir: string): void {
  const [a, b] = [aDir, bDir].map((d) => readWs(d, (ws) => ({ rows: TABLES.map((t) => rows(ws, t)), blobs: blobBytes(ws) })));
  TABLES.forEach((t, i) => expect(b.rows[i], t).toEqual(a.rows[i]));
  expect([...b.blobs.keys()].sort()).toEqual([...a.blobs.keys()].sort());
  for (const [sha, bytes] of b.blobs) expect(bytes.equals(a.blobs.get(sha)!), sha).toBe(true);
}

describe('the demo: two engineers, one server, a crash and a USB stick', () => {
  const root = tempDir('df-demo-');
  const alice: User = { name: 'alice', configDir: join(root, 'alice-config') };
  const bob: User = { name: 'bob', configDir: join(root, 'bob-config') };
  const A = join(root, 'A');
  const B = join(root, 'B');
  const C = join(root, 'C');
  const las = (n: number) => join(root, 'las', `well-${n}.las`);
  let server: ServerProcess;
  let proxy: CuttingProxy;
  let url: string;
  /** The server as its API reports it, through Alice's login. */
  let api: WorkspaceApi;

  beforeAll(async () => {
    server = cliServer(join(root, 'server-data'), { DATAFORGE_JWT_SECRET: 'demo-secret-that-is-at-least-32-characters', DATAFORGE_LOG_LEVEL: 'warn' });
    await server.start();
    proxy = await cuttingProxy(server.port);
    url = `${proxy.url}/demo`;
    mkdirSync(join(root, 'las'));
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.kill();
    cleanupAll();
  });

  it('Alice ingests offline and syncs; Bob clones and has the same wells, curves, blobs and team settings', async () => {
    await Promise.all([
      ok(alice, ['login', proxy.url, '--email', 'alice@example.com', '--register', '--password-stdin'], { input: 'alice-password-1' }),
      ok(bob, ['login', proxy.url, '--email', 'bob@example.com', '--register', '--password-stdin'], { input: 'bob-password-12' }),
      ...[1, 2, 3, 4].map((n) => ok(alice, ['las', 'generate', las(n), '--seed', String(n * 7), '--rows', '400'])),
    ]);
    // The server workspace and Bob's membership, through the API (there is no CLI for server admin).
    const http = new HttpClient({ server: proxy.url, credentials: new CredentialStore(join(alice.configDir, 'credentials.json')) });
    await http.json('POST', '/workspaces', z.unknown(), { json: { name: 'demo' } });
    await http.json('POST', '/workspaces/demo/members', z.unknown(), { json: { email: 'bob@example.com', role: 'member' } });
    api = new WorkspaceApi(http, 'demo');

    // Offline first: a workspace gridded in feet, two files ingested, no remote yet.
    await ok(alice, ['init', A, '--depth-unit', 'ft']);
    await ok(alice, ['ingest', las(1), las(2)], { cwd: A });
    await ok(alice, ['remote', 'add', 'origin', url], { cwd: A });
    const synced = (await ok(alice, ['sync', '--json'], { cwd: A })).json() as { push: { pushed: number; blobsUploaded: number } };
    const entities = readWs(A, (ws) => TABLES.reduce((n, t) => n + rows(ws, t).length, 0));
    expect(synced.push.pushed).toBe(entities);
    expect(synced.push.blobsUploaded).toBe(readWs(A, (ws) => blobBytes(ws).size));
    expect(await api.head()).toBe(entities);

    const cloned = (await ok(bob, ['clone', url, B, '--json'])).json();
    expect(cloned.settings).toEqual({ depthUnit: 'ft', defaultStep: 0.5, conflictStrategy: 'manual' });
    expectSameWorkspaces(A, B);
    expect(readWs(B, (ws) => ws.settings.depthUnit)).toBe('ft');
  });

  it('both edit the same wells and curves: conflicts settled by last-write-wins, prefer-local, prefer-remote and by hand (local, remote, merged)', async () => {
    const [w1, w2] = readWs(A, (ws) => (ws.db.prepare('SELECT name FROM wells ORDER BY name').all() as { name: string }[]).map((r) => r.name));
    const [c1, c2, c3, c4] = readWs(A, (ws) => (ws.db.prepare('SELECT c.id FROM curves c JOIN wells w ON w.id = c.well_id WHERE w.name = ? AND c.is_index = 0 ORDER BY c.position LIMIT 4').all(w1) as { id: string }[]).map((r) => r.id));
    const quality = (dir: string, id: string) => readWs(dir, (ws) => (ws.db.prepare('SELECT quality FROM curves WHERE id = ?').get(id) as { quality: string }).quality);
    const operator = (dir: string, name: string) => readWs(dir, (ws) => (ws.db.prepare('SELECT operator FROM wells WHERE name = ?').get(name) as { operator: string | null }).operator);

    // Bob flags c2 first; Alice's edits of everything come later and reach the server first.
    await ok(bob, ['curve', 'set', c2, '--quality', 'bad'], { cwd: B });
    await new Promise((r) => setTimeout(r, 20));
    for (const w of [w1, w2]) await ok(alice, ['well', 'set', w, '--operator', 'Alpha Ops'], { cwd: A });
    for (const c of [c1, c2, c3, c4]) await ok(alice, ['curve', 'set', c, '--quality', 'good'], { cwd: A });
    await ok(alice, ['push'], { cwd: A });

    // last-write-wins: Alice's flag is the later one.
    await ok(bob, ['remote', 'strategy', 'origin', 'last-write-wins'], { cwd: B });
    expect((await ok(bob, ['push'], { cwd: B })).stdout).toMatch(/1 conflict settled by the strategy: the other copy taken/);
    expect(quality(B, c2)).toBe('good');

    // prefer-local: Bob's copy goes to the server over Alice's.
    await ok(bob, ['remote', 'strategy', 'origin', 'prefer-local'], { cwd: B });
    await ok(bob, ['curve', 'set', c3, '--quality', 'suspect'], { cwd: B });
    expect((await ok(bob, ['push'], { cwd: B })).stdout).toMatch(/1 conflict settled by the strategy: our copy kept/);

    // prefer-remote: Alice's copy replaces Bob's.
    await ok(bob, ['remote', 'strategy', 'origin', 'prefer-remote'], { cwd: B });
    await ok(bob, ['curve', 'set', c4, '--quality', 'bad'], { cwd: B });
    expect((await ok(bob, ['push'], { cwd: B })).stdout).toMatch(/1 conflict settled by the strategy: the other copy taken/);
    expect(quality(B, c4)).toBe('good');

    // manual: the push stops with three conflicts, both copies kept, until Bob chooses.
    await ok(bob, ['remote', 'strategy', 'origin', 'manual'], { cwd: B });
    for (const w of [w1, w2]) await ok(bob, ['well', 'set', w, '--operator', 'Bravo Ops'], { cwd: B });
    await ok(bob, ['curve', 'set', c1, '--quality', 'suspect'], { cwd: B });
    const blocked = await df(bob, ['push'], { cwd: B });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/3 conflicts to resolve/);
    const open = (await ok(bob, ['conflicts', 'list', '--json'], { cwd: B })).json() as unknown as { id: number; entity: string; local: { data: { name?: string } }; entityId: string }[];
    expect(open).toHaveLength(3);
    const idOf = (pred: (c: (typeof open)[number]) => boolean) => String(open.find(pred)!.id);
    const merged = join(root, 'merged.json');
    writeFileSync(merged, JSON.stringify({ operator: 'Alpha+Bravo Ops' }));
    await ok(bob, ['conflicts', 'resolve', idOf((c) => c.local.data.name === w1), '--take', 'merged', merged], { cwd: B });
    await ok(bob, ['conflicts', 'resolve', idOf((c) => c.local.data.name === w2), '--take', 'local'], { cwd: B });
    await ok(bob, ['conflicts', 'resolve', idOf((c) => c.entityId === c1), '--take', 'remote'], { cwd: B });
    await ok(bob, ['push'], { cwd: B });

    // Alice pulls: both workspaces hold the same, and it is what each choice said.
    await ok(alice, ['pull'], { cwd: A });
    expectSameWorkspaces(A, B);
    expect([operator(A, w1), operator(A, w2)]).toEqual(['Alpha+Bravo Ops', 'Bravo Ops']);
    expect([c1, c2, c3, c4].map((c) => quality(A, c))).toEqual(['good', 'good', 'suspect', 'good']);
  });

  it('the server is SIGKILLed in the middle of a push and restarted: the retry completes, nothing lost, nothing doubled', async () => {
    await ok(alice, ['ingest', las(3)], { cwd: A });
    const before = await api.head();
    const queued = (await ok(alice, ['status', '--json'], { cwd: A })).json().ahead as number;
    expect(queued).toBeGreaterThan(8);
    // The first push request reaches the server and is applied; its answer never comes back.
    proxy.dropAnswerTo(/^POST \/api\/v1\/workspaces\/demo\/sync\/push$/, async () => {
      await server.kill();
      await server.start();
    });
    const r = await ok(alice, ['push', '--batch', '4', '--json'], { cwd: A });
    expect(proxy.cut()).toBe(true);
    expect(r.stderr).toMatch(/trying again in/);
    expect(r.json()).toMatchObject({ pushed: queued, queued: 0, conflicts: { recorded: 0, resolvedLocal: 0, resolvedRemote: 0 } });

    // The server's counts: one sequence number per new entity, each entity once, at version 1.
    expect(await api.head()).toBe(before + queued);
    const page = await api.pull(before, 5000);
    expect(page.changes).toHaveLength(queued);
    expect(new Set(page.changes.map((e) => `${e.type}:${e.id}`)).size).toBe(queued);
    expect(page.changes.every((e) => e.version === 1)).toBe(true);

    await ok(bob, ['pull'], { cwd: B });
    expectSameWorkspaces(A, B);
  });

  it('with the server stopped, a bundle carries Alice\'s later work to a third workspace', async () => {
    const [, base] = await Promise.all([
      ok(bob, ['clone', url, C]),
      ok(alice, ['bundle', 'create', join(root, 'base.dfb'), '--json'], { cwd: A }),
    ]);
    const cursor = base.json().cursor as string;
    await server.stop();

    // Offline: a new file and an edit, then only what changed since the last bundle, encrypted.
    await ok(alice, ['ingest', las(4)], { cwd: A });
    await ok(alice, ['well', 'set', readWs(A, (ws) => (ws.db.prepare('SELECT name FROM wells ORDER BY name LIMIT 1').get() as { name: string }).name), '--field', 'Later Field'], { cwd: A });
    const later = join(root, 'later.dfb');
    const made = (await ok(alice, ['bundle', 'create', later, '--since', cursor, '--passphrase-stdin', '--json'], { cwd: A, input: PASSPHRASE })).json();
    expect(made).toMatchObject({ encrypted: true });

    const wrong = await df(bob, ['bundle', 'apply', later, '--passphrase-stdin'], { cwd: C, input: 'a guess' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    const applied = (await ok(bob, ['bundle', 'apply', later, '--passphrase-stdin', '--json'], { cwd: C, input: PASSPHRASE })).json();
    expect(applied).toMatchObject({ conflicts: { recorded: 0 } });
    expect(applied.applied).toBeGreaterThan(0);
    expectSameWorkspaces(A, C);
  });
});
