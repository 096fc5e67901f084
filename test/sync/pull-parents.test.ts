/**
 * The server hands out changes in the order they were made, one row per entity at its latest
 * version, so a well edited after its import comes after its own log runs, data sets and
 * curves. A pull whose pages split such a family must still end with every row and every
 * foreign key in place, and never leave a child without its parent between pages.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clone, pull, push, status } from '../../src/sync/client.js';
import { parkedCount } from '../../src/sync/parked.js';
import { addRemote } from '../../src/sync/remotes.js';
import { setWell } from '../../src/workspace/edit.js';
import { fsck } from '../../src/workspace/fsck.js';
import { gc } from '../../src/workspace/gc.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { cleanupAll, credentialStore, expectSameWorkspaces, ingestGenerated, newWorkspace, tempDir } from './helpers.js';
import { accountWithWorkspace, startSyncServer, type SyncTestServer } from './server.js';

describe('pull pages that put children before their parents', () => {
  let server: SyncTestServer;
  const creds = credentialStore();
  const fast = { retry: { attempts: 2, baseDelayMs: 10 } };

  beforeAll(async () => {
    server = await startSyncServer();
    await accountWithWorkspace(server, creds, 'edited');
  });
  afterAll(async () => {
    await server.close();
    cleanupAll();
  });

  it('a clone in small pages of wells edited after their import has every row, and every foreign key holds', async () => {
    const a = newWorkspace('ann');
    await ingestGenerated(a, 3, { seed: 41 });
    addRemote(a, 'origin', `${server.url}/edited`);
    await push(a, undefined, { credentials: creds, ...fast });
    // Edited later: each well now comes after its children in the server's order.
    for (const { id } of a.db.prepare('SELECT id FROM wells').all() as { id: string }[]) await setWell(a, id, { field: `field of ${id}` });
    await push(a, undefined, { credentials: creds, ...fast });

    for (const pageSize of [1, 4, 7]) {
      const dir = join(tempDir(), `b-${pageSize}`);
      const cloned = await clone(`${server.url}/edited`, dir, { credentials: creds, actor: 'bea', pageSize, ...fast });
      expect(cloned.pull.waiting).toBe(0);
      const b = Workspace.open(dir);
      try {
        expectSameWorkspaces(a, b);
        expect(b.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      } finally {
        b.close();
      }
    }
  });

  it('a pull cut between pages leaves no row without its parent, and the next pull completes it', async () => {
    const a = newWorkspace('cat');
    await ingestGenerated(a, 2, { seed: 51 });
    addRemote(a, 'origin', `${server.url}/edited`);
    await push(a, undefined, { credentials: creds, ...fast });
    for (const { id } of a.db.prepare('SELECT id FROM wells').all() as { id: string }[]) await setWell(a, id, { field: `edited ${id}` });
    await push(a, undefined, { credentials: creds, ...fast });

    const cutDir = join(tempDir(), 'cut');
    const b = Workspace.init(cutDir, { actor: 'dan' });
    try {
      addRemote(b, 'origin', `${server.url}/edited`);
      // Pages of 3; the connection dies after the fourth page has been answered.
      let pages = 0;
      const dying: typeof fetch = async (input, init) => {
        if (String(input).includes('/sync/pull') && ++pages > 4) throw new TypeError('fetch failed: the line dropped');
        return fetch(input, init);
      };
      await expect(pull(b, undefined, { credentials: creds, fetch: dying, pageSize: 3, retry: { attempts: 1 } })).rejects.toThrow();
      // Children that came before their wells wait, outside their tables; the `status` count says so.
      expect(parkedCount(b)).toBeGreaterThan(0);
      expect((await status(b, undefined, { credentials: creds })).waiting).toBe(parkedCount(b));
      expect(b.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      // Their blobs are in, known to fsck, and kept by gc until they go in.
      const waitingBlobs = (b.db.prepare("SELECT b.value AS sha FROM sync_parked p, json_each(p.entity_json, '$.blobs') b").all() as { sha: string }[]).map((r) => r.sha);
      expect(waitingBlobs.length).toBeGreaterThan(0);
      expect(gc(b).blobs).toBe(0);
      expect((await fsck(b)).problems).toEqual([]);
      for (const sha of waitingBlobs) expect(b.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha), sha).toBeDefined();
      const rest = await pull(b, undefined, { credentials: creds, pageSize: 3, ...fast });
      expect(rest.waiting).toBe(0);
      expect(parkedCount(b)).toBe(0);
      expect(b.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      b.close();
    }
    // The second test's workspace holds both tests' wells; compare with a fresh clone of it.
    const whole = Workspace.open((await clone(`${server.url}/edited`, join(tempDir(), 'whole'), { credentials: creds, actor: 'eve', ...fast })).root);
    const again = Workspace.open(cutDir);
    try {
      expectSameWorkspaces(whole, again);
    } finally {
      whole.close();
      again.close();
    }
  });
});
