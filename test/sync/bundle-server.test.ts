/**
 * `bundle apply --remote`: a bundle applied to a server workspace through the ordinary blob
 * upload and push, over real HTTP on loopback, on SQLite and on PostgreSQL.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyBundle, createBundle } from '../../src/sync/bundle.js';
import { applyBundleToServer } from '../../src/sync/bundle-server.js';
import { apiFor, clone, pull, push } from '../../src/sync/client.js';
import { openConflicts, outboxSize, resolveConflict } from '../../src/sync/entities.js';
import { HttpClient } from '../../src/sync/http.js';
import { addRemote, parseRemoteUrl } from '../../src/sync/remotes.js';
import { setWell } from '../../src/workspace/edit.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { describeStores, type StoreKind } from '../server/harness.js';
import { blobBytes, cleanupAll, expectSameWorkspaces, credentialStore, ingestGenerated, newWorkspace, rows, SYNCED_TABLES, tempDir, wellId, wellRow } from './helpers.js';
import { accountWithWorkspace, addMember, startSyncServer, type SyncTestServer } from './server.js';

const TABLES = SYNCED_TABLES;
/** Cheap key derivation for tests (the default costs ~100 ms per bundle). */
const kdf = { log2N: 10, r: 8, p: 1 };
const fast = { retry: { attempts: 2, baseDelayMs: 10 } };

function entityCount(ws: Workspace): number {
  return TABLES.reduce((n, t) => n + rows(ws, t).length, 0);
}

describeStores('bundle apply to a server', (kind: StoreKind) => {
  let server: SyncTestServer;
  const owner = credentialStore();
  const viewer = credentialStore();
  const member = credentialStore();
  let n = 0;

  beforeAll(async () => {
    server = await startSyncServer({}, { store: kind });
    await accountWithWorkspace(server, owner, '');
    await accountWithWorkspace(server, viewer, '');
    await accountWithWorkspace(server, member, '');
  });
  afterAll(async () => {
    await server.close();
    cleanupAll();
  });

  /** A fresh server workspace (each test its own), with a viewer and a member besides the owner. */
  async function serverWorkspace(): Promise<{ url: ReturnType<typeof parseRemoteUrl>; head(): Promise<number> }> {
    const name = `carry-${++n}`;
    const http = new HttpClient({ server: server.url, credentials: owner, retry: { attempts: 1 } });
    await http.json('POST', '/workspaces', z.unknown(), { json: { name } });
    await addMember(http, name, viewer.get(server.url)!.email, 'viewer');
    await addMember(http, name, member.get(server.url)!.email, 'member');
    const url = parseRemoteUrl(`${server.url}/${name}`);
    return { url, head: () => apiFor(url, { credentials: owner }).head() };
  }

  async function storedOnServer(sha: string): Promise<boolean> {
    return server.services().blobs.has(sha);
  }

  it('adds the wells, curves and blobs (a clone sees them byte-identical); applying it again changes nothing', async () => {
    const { url, head } = await serverWorkspace();
    const a = newWorkspace('alice');
    await ingestGenerated(a, 2, { seed: 40 });
    const bundle = createBundle(a, join(tempDir(), 'field.dfb'));

    const r = await applyBundleToServer(bundle.file, url, { credentials: member, ...fast });
    expect(r).toMatchObject({ entities: entityCount(a), applied: entityCount(a), alreadyApplied: 0, conflicts: [], blobsUploaded: bundle.blobs, blobsAlreadyThere: 0 });
    expect(await head()).toBe(entityCount(a));

    const dir = join(tempDir(), 'b');
    await clone(url.url, dir, { credentials: owner, actor: 'bob', ...fast });
    const b = Workspace.open(dir);
    try {
      expectSameWorkspaces(a, b);
    } finally {
      b.close();
    }

    const again = await applyBundleToServer(bundle.file, url, { credentials: member, ...fast });
    expect(again).toMatchObject({ applied: 0, alreadyApplied: entityCount(a), conflicts: [], blobsUploaded: 0, blobsAlreadyThere: bundle.blobs });
    expect(await head()).toBe(entityCount(a));
  });

  it('a change made on a version the server moved past is reported field by field and overwrites nothing; --queue in a clone settles it', async () => {
    const { url, head } = await serverWorkspace();
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 60 });
    addRemote(a, 'origin', url.url);
    await push(a, undefined, { credentials: member, ...fast });
    const well = wellId(a);

    // Bob changes the well on the server; Alice, offline, changes it too and ingests a new file.
    const bobDir = join(tempDir(), 'bob');
    await clone(url.url, bobDir, { credentials: owner, actor: 'bob', ...fast });
    const bob = Workspace.open(bobDir, { actor: 'bob' });
    try {
      await setWell(bob, well, { operator: 'Bravo Ops' });
      await push(bob, undefined, { credentials: owner, ...fast });
    } finally {
      bob.close();
    }
    await setWell(a, well, { operator: 'Alpha Ops' });
    await ingestGenerated(a, 1, { seed: 61 });
    const headBefore = await head();
    const pending = outboxSize(a);
    // A full bundle: the entities Alice did not change go too, and change nothing on the server.
    const bundle = createBundle(a, join(tempDir(), 'alice.dfb'), { passphrase: 'field trip', kdf });

    const r = await applyBundleToServer(bundle.file, url, { credentials: member, passphrase: 'field trip', ...fast });
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ type: 'well', id: well, serverUpdatedBy: 'bob', deleted: { bundle: false, server: false } });
    expect(r.conflicts[0].fields).toContainEqual({ field: 'operator', bundle: 'Alpha Ops', server: 'Bravo Ops' });
    expect(r.applied).toBe(pending - 1);
    expect(r.alreadyApplied).toBe(bundle.entities - pending);
    expect(await head()).toBe(headBefore + pending - 1);

    // Nothing overwritten: a fresh clone has Bob's operator and Alice's new file.
    const wDir = join(tempDir(), 'w');
    await clone(url.url, wDir, { credentials: member, actor: 'wendy', ...fast });
    const w = Workspace.open(wDir, { actor: 'wendy' });
    try {
      expect(wellRow(w, well).operator).toBe('Bravo Ops');
      expect(rows(w, 'log_runs').map((x) => x.id).sort()).toEqual(rows(a, 'log_runs').map((x) => x.id).sort());

      // The way out the report gives: the bundle's changes queued in the clone, pushed, resolved.
      const queued = applyBundle(w, bundle.file, { passphrase: 'field trip', queue: true });
      expect(queued).toMatchObject({ queued: 1, applied: 0 });
      const p = await push(w, undefined, { credentials: member, ...fast });
      expect(p.conflicts.recorded).toBe(1);
      const [c] = openConflicts(w);
      expect(c).toMatchObject({ entityId: well, local: { data: { operator: 'Alpha Ops' } }, remote: { data: { operator: 'Bravo Ops' } } });
      resolveConflict(w, c.id, { take: 'local' });
      expect((await push(w, undefined, { credentials: member, ...fast })).pushed).toBe(1);
    } finally {
      w.close();
    }
    await pull(a, undefined, { credentials: member, ...fast });
    expect(wellRow(a, well).operator).toBe('Alpha Ops');
  });

  it('an encrypted bundle with a wrong passphrase is refused with nothing stored and no plaintext left behind', async () => {
    const { url, head } = await serverWorkspace();
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 70 });
    const bundle = createBundle(a, join(tempDir(), 'sealed.dfb'), { passphrase: 'right one', kdf });
    const hashes = [...blobBytes(a).keys()];
    const tmp = tempDir('df-tmp-');
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      await expect(applyBundleToServer(bundle.file, url, { credentials: member, passphrase: 'wrong one', ...fast }))
        .rejects.toMatchObject({ code: 'wrong-passphrase' });
      expect(await head()).toBe(0);
      for (const sha of hashes) expect(await storedOnServer(sha)).toBe(false);
      expect(readdirSync(tmp)).toEqual([]);

      // The right passphrase: the decrypted blobs go up, and their temp copies go away.
      const r = await applyBundleToServer(bundle.file, url, { credentials: member, passphrase: 'right one', ...fast });
      expect(r).toMatchObject({ encrypted: true, applied: bundle.entities, blobsUploaded: hashes.length });
      for (const sha of hashes) expect(await storedOnServer(sha)).toBe(true);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
  });

  it('a viewer is refused before anything is sent', async () => {
    const { url, head } = await serverWorkspace();
    const a = newWorkspace('alice');
    await ingestGenerated(a, 1, { seed: 80 });
    const bundle = createBundle(a, join(tempDir(), 'v.dfb'));
    await expect(applyBundleToServer(bundle.file, url, { credentials: viewer, ...fast }))
      .rejects.toMatchObject({ code: 'insufficient-role', message: expect.stringMatching(/viewer .*member role/) });
    expect(await head()).toBe(0);
    for (const sha of blobBytes(a).keys()) expect(await storedOnServer(sha)).toBe(false);
  });
});
