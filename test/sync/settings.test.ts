/**
 * Team settings: the first push records the pusher's depth grid and conflict strategy on the
 * server; `clone` starts a workspace with them; an admin changes them on the current version.
 * Over real HTTP on loopback, on SQLite and on PostgreSQL.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiFor, clone, push } from '../../src/sync/client.js';
import { HttpClient } from '../../src/sync/http.js';
import { addRemote, listRemotes, parseRemoteUrl } from '../../src/sync/remotes.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { describeStores, type StoreKind } from '../server/harness.js';
import { cleanupAll, credentialStore, ingestGenerated, tempDir } from './helpers.js';
import { accountWithWorkspace, addMember, startSyncServer, type SyncTestServer } from './server.js';

const fast = { retry: { attempts: 2, baseDelayMs: 10 } };

describeStores('team settings', (kind: StoreKind) => {
  let server: SyncTestServer;
  const owner = credentialStore();
  const member = credentialStore();
  let ownerEmail = '';
  let n = 0;

  beforeAll(async () => {
    server = await startSyncServer({}, { store: kind });
    ownerEmail = (await accountWithWorkspace(server, owner, '')).email;
    await accountWithWorkspace(server, member, '');
  });
  afterAll(async () => {
    await server.close();
    cleanupAll();
  });

  async function serverWorkspace(): Promise<string> {
    const name = `team-${++n}`;
    const http = new HttpClient({ server: server.url, credentials: owner, retry: { attempts: 1 } });
    await http.json('POST', '/workspaces', z.unknown(), { json: { name } });
    await addMember(http, name, member.get(server.url)!.email, 'member');
    return `${server.url}/${name}`;
  }

  function open(dir: string, actor: string): Workspace {
    return Workspace.open(dir, { actor });
  }

  it("clone takes the team's depth grid and conflict strategy; remotes, identity and later pushers' settings stay their own", async () => {
    const url = await serverWorkspace();
    const aDir = join(tempDir(), 'a');
    const a = Workspace.init(aDir, { actor: 'alice', settings: { depthUnit: 'ft', defaultStep: 0.5 } });
    try {
      await ingestGenerated(a, 1, { seed: 21 });
      addRemote(a, 'origin', url, 'last-write-wins');
      addRemote(a, 'mirror', `${server.url}/elsewhere`);
      expect((await apiFor(parseRemoteUrl(url), { credentials: owner }).teamSettings())?.settings).toBeNull();
      await push(a, 'origin', { credentials: owner, ...fast });
    } finally {
      a.close();
    }
    const team = await apiFor(parseRemoteUrl(url), { credentials: member }).teamSettings();
    expect(team).toMatchObject({ version: 1, updatedBy: ownerEmail, settings: { depthUnit: 'ft', defaultStep: 0.5, conflictStrategy: 'last-write-wins' } });

    // A later pusher with other settings does not change the team's.
    const c = Workspace.init(join(tempDir(), 'c'), { actor: 'carol' });
    try {
      await ingestGenerated(c, 1, { seed: 22 });
      addRemote(c, 'origin', url, 'prefer-local');
      await push(c, undefined, { credentials: member, ...fast });
    } finally {
      c.close();
    }
    expect((await apiFor(parseRemoteUrl(url), { credentials: member }).teamSettings())?.version).toBe(1);

    const bDir = join(tempDir(), 'b');
    const cloned = await clone(url, bDir, { credentials: member, actor: 'bob', ...fast });
    expect(cloned.settings).toEqual({ depthUnit: 'ft', defaultStep: 0.5, conflictStrategy: 'last-write-wins' });
    const b = open(bDir, 'bob');
    const aAgain = open(aDir, 'alice');
    try {
      expect(b.settings).toEqual({ depthUnit: 'ft', defaultStep: 0.5 });
      expect(listRemotes(b).map((r) => [r.name, r.strategy])).toEqual([['origin', 'last-write-wins']]);
      expect(b.id).not.toBe(aAgain.id);
      // What the settings are for: Bob's new well is gridded like the team's.
      await ingestGenerated(b, 1, { seed: 23 });
      const grids = b.db.prepare("SELECT grid_unit, grid_step FROM wells WHERE created_by = 'bob'").all() as { grid_unit: string }[];
      expect(grids).toEqual([{ grid_unit: 'ft', grid_step: expect.any(Number) }]);
    } finally {
      b.close();
      aAgain.close();
    }
  });

  it('an admin changes them on the current version; a member, or a stale version, is refused; a new clone takes the new ones', async () => {
    const url = await serverWorkspace();
    const target = parseRemoteUrl(url);
    const a = Workspace.init(join(tempDir(), 'a'), { actor: 'alice' });
    try {
      await ingestGenerated(a, 1, { seed: 31 });
      addRemote(a, 'origin', url);
      await push(a, undefined, { credentials: owner, ...fast });
    } finally {
      a.close();
    }
    const next = { depthUnit: 'ft' as const, defaultStep: 0.25, conflictStrategy: 'prefer-remote' as const };
    await expect(apiFor(target, { credentials: member, ...fast }).putTeamSettings(1, next)).rejects.toMatchObject({ status: 403 });
    const changed = await apiFor(target, { credentials: owner, ...fast }).putTeamSettings(1, next);
    expect(changed).toMatchObject({ version: 2, settings: next });
    await expect(apiFor(target, { credentials: owner, ...fast }).putTeamSettings(1, { ...next, defaultStep: 1 }))
      .rejects.toMatchObject({ status: 409, code: 'settings-changed' });
    expect((await apiFor(target, { credentials: member }).teamSettings())?.settings).toEqual(next);
    const cloned = await clone(url, join(tempDir(), 'late'), { credentials: member, actor: 'lou', ...fast });
    expect(cloned.settings).toEqual(next);
  });
});
