/** The sync commands as a user runs them: the built CLI in a child process, a real server on loopback. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore } from '../../src/sync/credentials.js';
import { HttpClient } from '../../src/sync/http.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { cleanupAll, ingestGenerated, runNode, tempDir, type ChildResult } from './helpers.js';
import { startSyncServer, type SyncTestServer } from './server.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.mjs', import.meta.url));

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Async: the server runs in this process and must keep answering while the CLI waits on it. */
function cli(args: string[], opts: { cwd?: string; input?: string; configDir: string; user?: string; env?: Record<string, string> }): Promise<ChildResult> {
  return runNode(ENTRY, args, { cwd: opts.cwd, input: opts.input, env: { DATAFORGE_CONFIG_DIR: opts.configDir, DATAFORGE_USER: opts.user ?? 'tester', DATAFORGE_SYNC_ATTEMPTS: '2', DATAFORGE_WORKSPACE: '', ...opts.env } });
}

describe('dataforge remote / login / push / clone / conflicts / bundle', () => {
  let server: SyncTestServer;
  const root = tempDir('df-cli-sync-');
  const alice = { configDir: join(root, 'alice-config'), user: 'alice' };
  const bob = { configDir: join(root, 'bob-config'), user: 'bob' };
  const wsA = join(root, 'a');
  const wsB = join(root, 'b');
  let url: string;

  beforeAll(async () => {
    server = await startSyncServer();
    url = `${server.url}/survey`;
  });
  afterAll(async () => {
    await server.close();
    cleanupAll();
  });

  it('registers and logs in with the password on stdin, keeping tokens in a 0600 file', async () => {
    const r = await cli(['login', server.url, '--email', 'alice@example.com', '--register', '--password-stdin', '--json'], { ...alice, input: 'alice-password-1\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ email: 'alice@example.com' });
    const file = join(alice.configDir, 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('alice-password-1');
    // The account's client creates the server workspace and adds Bob.
    const http = new HttpClient({ server: server.url, credentials: new CredentialStore(file) });
    await http.json('POST', '/workspaces', z.unknown(), { json: { name: 'survey' } });
    const b = await cli(['login', server.url, '--email', 'bob@example.com', '--register', '--password-stdin'], { ...bob, input: 'bob-password-12' });
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/logged in .* as bob@example.com/);
    await http.json('POST', '/workspaces/survey/members', z.unknown(), { json: { email: 'bob@example.com', role: 'member' } });

    const wrong = await cli(['login', server.url, '--email', 'alice@example.com', '--password-stdin'], { ...alice, input: 'not-her-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/dataforge: /);
  });

  it('adds a remote, ingests offline, pushes; Bob clones and sees the same', async () => {
    expect((await cli(['init', wsA], alice)).code).toBe(0);
    // Ingested in this process (the ingest command is tested elsewhere): offline work waiting to go out.
    const a = Workspace.open(wsA, { actor: 'alice' });
    try {
      await ingestGenerated(a, 2, { seed: 3, rows: 200 });
    } finally {
      a.close();
    }
    const add = await cli(['remote', 'add', 'origin', url, '--workspace', wsA, '--json'], alice);
    expect(JSON.parse(add.stdout)).toMatchObject({ name: 'origin', url, strategy: 'manual' });
    const list = await cli(['remote', 'list'], { ...alice, cwd: wsA });
    expect(list.stdout).toContain(`origin\t${url}\tmanual`);

    const before = JSON.parse((await cli(['status', '--json'], { ...alice, cwd: wsA })).stdout);
    expect(before.ahead).toBeGreaterThan(0);
    const push = await cli(['push', '--json'], { ...alice, cwd: wsA });
    expect(push.code).toBe(0);
    const report = JSON.parse(push.stdout);
    expect(report.pushed).toBe(before.ahead);
    expect(report.blobsUploaded).toBeGreaterThan(0);

    const clone = await cli(['clone', url, wsB], bob);
    expect(clone.code).toBe(0);
    expect(clone.stdout).toMatch(/cloned .* entities/);
    const st = JSON.parse((await cli(['status', '--json', '--workspace', wsB], bob)).stdout);
    expect(st).toMatchObject({ reachable: true, ahead: 0, behind: 0, conflicts: 0, loggedInAs: 'bob@example.com' });
  });

  it("remote settings: the team's beside this workspace's; --publish needs an admin; --adopt takes the team's", async () => {
    const wsD = join(root, 'd');
    expect((await cli(['init', wsD, '--depth-unit', 'ft'], bob)).code).toBe(0);
    expect((await cli(['remote', 'add', 'origin', url, '--strategy', 'prefer-local'], { ...bob, cwd: wsD })).code).toBe(0);
    const show = JSON.parse((await cli(['remote', 'settings', '--json'], { ...bob, cwd: wsD })).stdout);
    // Alice's first push recorded hers (defaults: m, manual).
    expect(show).toMatchObject({ team: { version: 1, updatedBy: 'alice@example.com', settings: { depthUnit: 'm', conflictStrategy: 'manual' } }, local: { depthUnit: 'ft', conflictStrategy: 'prefer-local' } });
    expect(show.differences.map((d: { field: string }) => d.field).sort()).toEqual(['conflictStrategy', 'defaultStep', 'depthUnit']);

    const publish = await cli(['remote', 'settings', '--publish'], { ...bob, cwd: wsD });
    expect(publish.code).toBe(1);
    expect(publish.stderr).toMatch(/needs the admin role .* you are a member/);

    const adopt = await cli(['remote', 'settings', '--adopt'], { ...bob, cwd: wsD });
    expect(adopt.code).toBe(0);
    expect(adopt.stdout).toMatch(/this workspace: depth unit m, default step 0\.1524, conflict strategy manual\n$/);
    expect((await cli(['remote', 'list'], { ...bob, cwd: wsD })).stdout).toContain(`origin\t${url}\tmanual`);
  });

  it('a conflicting edit: push exits 1 and says so; list, show, resolve with a merged FILE, push again', async () => {
    expect(JSON.parse((await cli(['conflicts', 'list', '--json'], { ...alice, cwd: wsA })).stdout)).toEqual([]);
    const names = await wellNames(wsA);
    expect((await cli(['well', 'set', names[0], '--operator', 'Alpha Ops'], { ...alice, cwd: wsA })).code).toBe(0);
    expect((await cli(['push'], { ...alice, cwd: wsA })).code).toBe(0);
    expect((await cli(['well', 'set', names[0], '--operator', 'Bravo Ops'], { ...bob, cwd: wsB })).code).toBe(0);

    const push = await cli(['push'], { ...bob, cwd: wsB });
    expect(push.code).toBe(1);
    expect(push.stdout).toMatch(/1 conflict to resolve/);
    const list = JSON.parse((await cli(['conflicts', 'list', '--json'], { ...bob, cwd: wsB })).stdout);
    expect(list).toHaveLength(1);
    const show = await cli(['conflicts', 'show', String(list[0].id)], { ...bob, cwd: wsB });
    expect(show.stdout).toMatch(/operator:\n\s+ours:\s+'Bravo Ops'\n\s+theirs: 'Alpha Ops'/);

    const typo = join(root, 'typo.json');
    writeFileSync(typo, JSON.stringify({ operater: 'Alpha+Bravo Ops' }));
    const refused = await cli(['conflicts', 'resolve', String(list[0].id), '--take', 'merged', typo], { ...bob, cwd: wsB });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no field 'operater'/);
    const merged = join(root, 'merged.json');
    writeFileSync(merged, JSON.stringify({ operator: 'Alpha+Bravo Ops' }));
    const resolve = await cli(['conflicts', 'resolve', String(list[0].id), '--take', 'merged', merged], { ...bob, cwd: wsB });
    expect(resolve.code).toBe(0);
    expect((await cli(['push'], { ...bob, cwd: wsB })).code).toBe(0);
    const pull = await cli(['pull', '--json'], { ...alice, cwd: wsA });
    expect(JSON.parse(pull.stdout).applied).toBe(1);
    const st = JSON.parse((await cli(['status', '--json'], { ...alice, cwd: wsA })).stdout);
    expect(st).toMatchObject({ ahead: 0, behind: 0, conflicts: 0 });
  });

  it('push to an unreachable server exits 1, says the changes stay queued, and keeps them', async () => {
    const port = await closedPort();
    expect((await cli(['remote', 'add', 'dead', `http://127.0.0.1:${port}/survey`], { ...alice, cwd: wsA })).code).toBe(0);
    const names = await wellNames(wsA);
    expect((await cli(['well', 'set', names[0], '--field', 'Offline Field'], { ...alice, cwd: wsA })).code).toBe(0);
    const r = await cli(['push', 'dead'], { ...alice, cwd: wsA });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED): 1 change stays queued and goes out with the next push`);
    const st = JSON.parse((await cli(['status', 'dead', '--json'], { ...alice, cwd: wsA })).stdout);
    expect(st).toMatchObject({ reachable: false, ahead: 1 });
    expect((await cli(['push'], { ...alice, cwd: wsA })).code).toBe(0);
  });

  it('bundle create/apply with a passphrase from stdin; a wrong one is refused', async () => {
    const out = join(root, 'a.dfb');
    const c = await cli(['bundle', 'create', out, '--passphrase-stdin', '--json'], { ...alice, cwd: wsA, input: 'usb stick secret' });
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ encrypted: true });
    const wsC = join(root, 'c');
    expect((await cli(['init', wsC], bob)).code).toBe(0);
    const wrong = await cli(['bundle', 'apply', out, '--passphrase-stdin'], { ...bob, cwd: wsC, input: 'guess' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    const none = await cli(['bundle', 'apply', out], { ...bob, cwd: wsC });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/encrypted/);
    const ok = await cli(['bundle', 'apply', out, '--passphrase-stdin', '--json'], { ...bob, cwd: wsC, input: 'usb stick secret' });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).applied).toBeGreaterThan(0);
  });

  it('bundle apply --remote: applies to the server; a conflict is listed field by field with the way out, exit 1', async () => {
    const names = await wellNames(wsA);
    expect((await cli(['well', 'set', names[0], '--operator', 'Charlie Ops'], { ...alice, cwd: wsA })).code).toBe(0);
    const file = join(root, 'offline.dfb');
    expect((await cli(['bundle', 'create', file], { ...alice, cwd: wsA })).code).toBe(0);
    expect((await cli(['pull'], { ...bob, cwd: wsB })).code).toBe(0);
    expect((await cli(['well', 'set', names[0], '--operator', 'Delta Ops'], { ...bob, cwd: wsB })).code).toBe(0);
    expect((await cli(['push'], { ...bob, cwd: wsB })).code).toBe(0);

    const r = await cli(['bundle', 'apply', file, '--remote', url], alice);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0 applied, \d+ already there/);
    expect(r.stdout).toMatch(/1 conflict: the server's copy changed after the bundle's change was made; nothing was overwritten/);
    expect(r.stdout).toContain(`well `);
    expect(r.stdout).toMatch(/operator: bundle 'Charlie Ops', server 'Delta Ops'/);
    expect(r.stdout).toContain(`dataforge bundle apply ${file} --queue`);
    const refused = await cli(['bundle', 'apply', file, '--remote', url, '--strategy', 'prefer-local'], alice);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--strategy is for a workspace/);
  });

  it('logout ends the session and forgets the tokens', async () => {
    const r = await cli(['logout', server.url], alice);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/logged out/);
    expect(new CredentialStore(join(alice.configDir, 'credentials.json')).get(server.url)).toBeUndefined();
    const push = await cli(['pull'], { ...alice, cwd: wsA });
    expect(push.code).toBe(1);
    expect(push.stderr).toMatch(/not logged in/);
  });

  async function wellNames(ws: string): Promise<string[]> {
    const w = Workspace.open(ws, { readonly: true });
    try {
      return (w.db.prepare('SELECT name FROM wells ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    } finally {
      w.close();
    }
  }
});
