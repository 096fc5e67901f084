import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, clone, pull, push, status } from '../../src/sync/client.js';
import { outboxSize } from '../../src/sync/entities.js';
import { addRemote } from '../../src/sync/remotes.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { setWell } from '../../src/workspace/edit.js';
import { blobBytes, cleanupAll, credentialStore, expectSameWorkspaces, ingestGenerated, newWorkspace, rows, SYNCED_TABLES, tempDir, wellRow } from './helpers.js';
import { accountWithWorkspace, addMember, startSyncServer, type SyncTestServer } from './server.js';

const TABLES = SYNCED_TABLES;

describe('push, clone, pull over a real server', () => {
  let server: SyncTestServer;
  const credsA = credentialStore();
  const credsB = credentialStore();
  const fast = { retry: { attempts: 2, baseDelayMs: 10 } };

  beforeAll(async () => {
    server = await startSyncServer();
    const a = await accountWithWorkspace(server, credsA, 'team');
    const b = await accountWithWorkspace(server, credsB, '');
    await addMember(a.http, 'team', b.email, 'member');
  });
  afterAll(async () => {
    await server.close();
    cleanupAll();
  });

  it('A ingests offline and pushes; B clones and has the same wells, curves and byte-identical blobs', async () => {
    const a = newWorkspace('alice');
    await ingestGenerated(a, 3);
    expect(outboxSize(a)).toBeGreaterThan(0);
    addRemote(a, 'origin', `${server.url}/team`);

    const pushed = await push(a, undefined, { credentials: credsA, ...fast });
    const total = TABLES.reduce((n, t) => n + rows(a, t).length, 0);
    expect(pushed.pushed).toBe(total);
    expect(pushed.blobsUploaded).toBe(blobBytes(a).size);
    expect(outboxSize(a)).toBe(0);

    const dir = join(tempDir(), 'b');
    const cloned = await clone(`${server.url}/team`, dir, { credentials: credsB, actor: 'bob', ...fast });
    expect(cloned.pull.applied).toBe(total);
    const b = Workspace.open(dir);
    try {
      expectSameWorkspaces(a, b);
      // What came from the server is not queued to go back.
      expect(outboxSize(b)).toBe(0);
      const st = await status(b, undefined, { credentials: credsB });
      expect(st).toMatchObject({ reachable: true, ahead: 0, behind: 0, conflicts: 0 });
    } finally {
      b.close();
    }

    // A's own push does not show as "behind", and a second push sends nothing.
    expect(await status(a, undefined, { credentials: credsA })).toMatchObject({ ahead: 0, behind: 0 });
    const again = await push(a, undefined, { credentials: credsA, ...fast });
    expect(again).toMatchObject({ pushed: 0, requests: 0, blobsUploaded: 0 });
  });

  /** Alice and Bob, each with a fresh workspace that has pulled everything on the server. */
  async function aliceAndBobUpToDate(): Promise<[Workspace, Workspace]> {
    const a = newWorkspace('alice');
    addRemote(a, 'origin', `${server.url}/team`);
    await pull(a, undefined, { credentials: credsA, ...fast });
    const b = newWorkspace('bob');
    addRemote(b, 'origin', `${server.url}/team`);
    await pull(b, undefined, { credentials: credsB, ...fast });
    return [a, b];
  }

  it('pulls new work in pages, advancing the cursor, and never sends a blob the server has', async () => {
    const [a, b] = await aliceAndBobUpToDate();

    await ingestGenerated(b, 2, { seed: 50 });
    const pushedB = await push(b, undefined, { credentials: credsB, ...fast });
    expect(pushedB.pushed).toBeGreaterThan(0);

    const before = (await status(a, undefined, { credentials: credsA })).behind;
    expect(before).toBe(pushedB.pushed);
    const pulled = await pull(a, undefined, { credentials: credsA, ...fast, pageSize: 7, onProgress: () => undefined });
    expect(pulled.applied).toBe(pushedB.pushed);
    for (const t of TABLES) expect(rows(a, t)).toEqual(rows(b, t));
    expect((await status(a, undefined, { credentials: credsA })).behind).toBe(0);

    // The same LAS file ingested in a third workspace: its original is already on the server.
    const c = newWorkspace('carol');
    await ingestGenerated(c, 1, { seed: 50 });
    addRemote(c, 'origin', `${server.url}/team`);
    const pushedC = await push(c, undefined, { credentials: credsB, ...fast });
    expect(pushedC.blobsAlreadyThere).toBeGreaterThanOrEqual(1);
  });

  it('a pushed change that changes nothing takes no version and no cursor step, and never hides another client\'s change', async () => {
    const [a, b] = await aliceAndBobUpToDate();
    const [w1, w2, w3] = (a.db.prepare('SELECT id FROM wells ORDER BY id LIMIT 3').all() as { id: string }[]).map((r) => r.id);
    const api = apiFor({ server: server.url, workspace: 'team' }, { credentials: credsA });

    // Bob's change lands first; Alice has not pulled it when she pushes.
    await setWell(b, w1, { field: 'Bob Field' });
    await push(b, undefined, { credentials: credsB, ...fast });
    // Alice: a real change, and one undone before it went out (queued, the same content as the server's).
    const untouched = wellRow(a, w3);
    await setWell(a, w2, { country: 'Norway' });
    await setWell(a, w3, { operator: 'Passing Ops' });
    await setWell(a, w3, { operator: (untouched.operator as string | null) ?? '' });
    const head = await api.head();
    const r = await push(a, undefined, { credentials: credsA, ...fast });
    expect(r).toMatchObject({ pushed: 2, queued: 0 });
    expect(await api.head()).toBe(head + 1);
    expect(wellRow(a, w3).version).toBe(untouched.version);

    // Her next pull still brings Bob's change.
    await pull(a, undefined, { credentials: credsA, ...fast });
    expect(wellRow(a, w1).field).toBe('Bob Field');
    await pull(b, undefined, { credentials: credsB, ...fast });
    expect(wellRow(b, w2).country).toBe('Norway');
  });
});
