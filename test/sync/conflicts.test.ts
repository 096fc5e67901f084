import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pull, push, sync } from '../../src/sync/client.js';
import { openConflicts, outboxSize, resolveConflict } from '../../src/sync/entities.js';
import { pendingChanges } from '../../src/sync/outbox.js';
import { addRemote, type Strategy } from '../../src/sync/remotes.js';
import type { CredentialStore } from '../../src/sync/credentials.js';
import { removeWell, setWell } from '../../src/workspace/edit.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { cleanupAll, credentialStore, ingestGenerated, newWorkspace, wellId, wellRow } from './helpers.js';
import { accountWithWorkspace, addMember, startSyncServer, type SyncTestServer } from './server.js';

const fast = { retry: { attempts: 2, baseDelayMs: 10 } };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two clients edit the same well', () => {
  let server: SyncTestServer;
  let credsA: CredentialStore;
  let credsB: CredentialStore;
  let owner: Awaited<ReturnType<typeof accountWithWorkspace>>;
  let bEmail: string;
  let n = 0;

  beforeAll(async () => {
    server = await startSyncServer();
    credsA = credentialStore();
    credsB = credentialStore();
    owner = await accountWithWorkspace(server, credsA, '');
    bEmail = (await accountWithWorkspace(server, credsB, '')).email;
  });
  afterAll(async () => {
    await server.close();
    cleanupAll();
  });

  /** A fresh server workspace; A ingests and pushes, B pulls: both on the same versions. */
  async function pair(strategyOfB: Strategy): Promise<{ a: Workspace; b: Workspace; well: string }> {
    const name = `conflict-${++n}`;
    await owner.http.json('POST', '/workspaces', z.unknown(), { json: { name } });
    await addMember(owner.http, name, bEmail, 'member');
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1);
    addRemote(a, 'origin', `${server.url}/${name}`);
    await push(a, undefined, { credentials: credsA, ...fast });
    const b = newWorkspace('bob');
    addRemote(b, 'origin', `${server.url}/${name}`, strategyOfB);
    await pull(b, undefined, { credentials: credsB, ...fast });
    return { a, b, well: wellId(a) };
  }

  /** A changes the operator and pushes; then B changes it too (later) and pushes. */
  async function bothEdit(a: Workspace, b: Workspace, well: string): Promise<Awaited<ReturnType<typeof push>>> {
    await setWell(a, well, { operator: 'Alpha Drilling' });
    await push(a, undefined, { credentials: credsA, ...fast });
    await pause(5);
    await setWell(b, well, { operator: 'Bravo Energy' });
    return push(b, undefined, { credentials: credsB, ...fast });
  }

  it('manual: B\'s push reports the conflict, keeps both copies and overwrites nothing; the user merges', async () => {
    const { a, b, well } = await pair('manual');
    const report = await bothEdit(a, b, well);
    expect(report.conflicts.recorded).toBe(1);
    expect(report.pushed).toBe(0);
    const [c] = openConflicts(b);
    expect(c).toMatchObject({ entity: 'well', entityId: well });
    expect(c.local.data.operator).toBe('Bravo Energy');
    expect(c.remote.data.operator).toBe('Alpha Drilling');
    // B's edit stays, queued but held back until resolved; the server still has A's.
    expect(wellRow(b, well).operator).toBe('Bravo Energy');
    expect(outboxSize(b)).toBe(1);
    expect(pendingChanges(b)).toHaveLength(0);
    await pull(a, undefined, { credentials: credsA, ...fast });
    expect(wellRow(a, well).operator).toBe('Alpha Drilling');

    resolveConflict(b, c.id, { take: 'merged', data: { operator: 'Alpha-Bravo JV' } });
    const after = await push(b, undefined, { credentials: credsB, ...fast });
    expect(after).toMatchObject({ pushed: 1, queued: 0 });
    expect(after.conflicts.recorded).toBe(0);
    await pull(a, undefined, { credentials: credsA, ...fast });
    expect(wellRow(a, well).operator).toBe('Alpha-Bravo JV');
    expect(openConflicts(b)).toHaveLength(0);
  });

  it('prefer-local: B\'s copy goes to the server over A\'s', async () => {
    const { a, b, well } = await pair('prefer-local');
    const report = await bothEdit(a, b, well);
    expect(report.conflicts.resolvedLocal).toBe(1);
    expect(report.pushed).toBe(1);
    expect(outboxSize(b)).toBe(0);
    await pull(a, undefined, { credentials: credsA, ...fast });
    expect(wellRow(a, well).operator).toBe('Bravo Energy');
    expect(wellRow(a, well).version).toBe(wellRow(b, well).version);
  });

  it('prefer-remote: B takes A\'s copy and sends nothing', async () => {
    const { a, b, well } = await pair('prefer-remote');
    const report = await bothEdit(a, b, well);
    expect(report.conflicts.resolvedRemote).toBe(1);
    expect(report.pushed).toBe(0);
    expect(outboxSize(b)).toBe(0);
    expect(wellRow(b, well).operator).toBe('Alpha Drilling');
    expect(wellRow(b, well).version).toBe(wellRow(a, well).version);
  });

  it('last-write-wins: the later edit wins, whichever side made it', async () => {
    // B edited last: B wins.
    const first = await pair('last-write-wins');
    const report = await bothEdit(first.a, first.b, first.well);
    expect(report.conflicts.resolvedLocal).toBe(1);
    await pull(first.a, undefined, { credentials: credsA, ...fast });
    expect(wellRow(first.a, first.well).operator).toBe('Bravo Energy');

    // B edited first (offline), A later: A wins, even though B pushes last.
    const { a, b, well } = await pair('last-write-wins');
    await setWell(b, well, { operator: 'Bravo Energy' });
    await pause(5);
    await setWell(a, well, { operator: 'Alpha Drilling' });
    await push(a, undefined, { credentials: credsA, ...fast });
    const late = await push(b, undefined, { credentials: credsB, ...fast });
    expect(late.conflicts.resolvedRemote).toBe(1);
    expect(wellRow(b, well).operator).toBe('Alpha Drilling');
  });

  it('sync finds the conflict while pulling, before anything is sent, and keeps both copies', async () => {
    const { a, b, well } = await pair('manual');
    await setWell(a, well, { operator: 'Alpha Drilling' });
    await push(a, undefined, { credentials: credsA, ...fast });
    await setWell(b, well, { operator: 'Bravo Energy', field: 'North' });
    const r = await sync(b, undefined, { credentials: credsB, ...fast });
    expect(r.pull.conflicts.recorded).toBe(1);
    expect(r.push.pushed).toBe(0);
    expect(wellRow(b, well)).toMatchObject({ operator: 'Bravo Energy', field: 'North' });
    const [c] = openConflicts(b);
    expect(c.remote.data.operator).toBe('Alpha Drilling');
    resolveConflict(b, c.id, { take: 'remote' });
    expect(wellRow(b, well).operator).toBe('Alpha Drilling');
    expect(outboxSize(b)).toBe(0);
  });

  it('deletions travel as tombstones', async () => {
    const { a, b, well } = await pair('manual');
    removeWell(a, well);
    await push(a, undefined, { credentials: credsA, ...fast });
    const r = await pull(b, undefined, { credentials: credsB, ...fast });
    expect(r.applied).toBeGreaterThan(0);
    expect(wellRow(b, well).deleted).toBe(1);
  });
});
