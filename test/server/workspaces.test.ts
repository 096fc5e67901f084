/** Workspaces and members: ownership rules, isolation between workspaces, no-auth mode. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeStores, register, startTestServer, type Account, type StoreKind, type TestServer } from './harness.js';

describeStores('workspaces', (kind: StoreKind) => {
  let t: TestServer;
  let alice: Account, bob: Account, carol: Account;
  beforeAll(async () => {
    t = await startTestServer(kind);
    [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((n) => register(t.api, n)));
  });
  afterAll(() => t?.close());

  const post = (token: string, path: string, body: unknown) => call(t.api, 'POST', path, { token, body });

  it('validates names and keeps them unique; a deleted workspace frees its name', async () => {
    for (const name of ['', 'Has Space', '../etc', 'a/b', '-lead', 'x'.repeat(65)]) {
      const r = await post(alice.token, '/workspaces', { name });
      expect(r.status, name).toBe(400);
      expect(r.body.error.fields[0].path).toBe('name');
    }
    expect((await post(alice.token, '/workspaces', { name: 'North-Sea' })).body.name).toBe('north-sea');
    const dup = await post(bob.token, '/workspaces', { name: 'north-sea' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('workspace-exists');
    expect((await call(t.api, 'DELETE', '/workspaces/north-sea', { token: alice.token })).status).toBe(204);
    expect((await call(t.api, 'GET', '/workspaces/north-sea', { token: alice.token })).status).toBe(404);
    expect((await post(bob.token, '/workspaces', { name: 'north-sea' })).status).toBe(201);
  });

  it('nobody reads another workspace: lists, details and members stay private', async () => {
    await post(alice.token, '/workspaces', { name: 'alice-private' });
    await post(bob.token, '/workspaces', { name: 'bob-private' });
    await post(bob.token, '/workspaces/bob-private/members', { email: carol.email, role: 'viewer' });
    const aliceList = (await call(t.api, 'GET', '/workspaces', { token: alice.token })).body.workspaces.map((w: { name: string }) => w.name);
    expect(aliceList).toContain('alice-private');
    expect(aliceList).not.toContain('bob-private');
    const carolList = (await call(t.api, 'GET', '/workspaces', { token: carol.token })).body.workspaces;
    expect(carolList.map((w: { name: string; role: string }) => [w.name, w.role])).toEqual([['bob-private', 'viewer']]);
    for (const path of ['/workspaces/bob-private', '/workspaces/bob-private/members']) {
      const r = await call(t.api, 'GET', path, { token: alice.token });
      expect(r.status).toBe(404);
      expect(r.text).not.toContain(bob.email);
    }
    // Hiding the member list from outsiders also hides whether an email is a member.
    const probe = await call(t.api, 'DELETE', `/workspaces/bob-private/members/${encodeURIComponent(carol.email)}`, { token: alice.token });
    expect(probe.status).toBe(404);
    expect(probe.body.error.code).toBe('workspace-not-found');
  });

  it('never lets the last owner go: no demotion, no removal, no leaving', async () => {
    await post(alice.token, '/workspaces', { name: 'one-owner' });
    const demote = await call(t.api, 'PATCH', `/workspaces/one-owner/members/${alice.id}`, { token: alice.token, body: { role: 'admin' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('last-owner');
    const leave = await call(t.api, 'DELETE', `/workspaces/one-owner/members/${alice.id}`, { token: alice.token });
    expect(leave.status).toBe(409);
    // With a second owner, either may step down.
    await post(alice.token, '/workspaces/one-owner/members', { email: bob.email, role: 'owner' });
    expect((await call(t.api, 'PATCH', `/workspaces/one-owner/members/${alice.id}`, { token: alice.token, body: { role: 'admin' } })).status).toBe(200);
    expect((await call(t.api, 'DELETE', `/workspaces/one-owner/members/${bob.id}`, { token: bob.token })).status).toBe(409);
    const members = (await call(t.api, 'GET', '/workspaces/one-owner/members', { token: bob.token })).body.members;
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual([[alice.email, 'admin'], [bob.email, 'owner']].sort());
  });

  it('keeps one owner when two owners demote each other at the same time', async () => {
    await post(alice.token, '/workspaces', { name: 'race-owners' });
    await post(alice.token, '/workspaces/race-owners/members', { email: bob.email, role: 'owner' });
    const [a, b] = await Promise.all([
      call(t.api, 'PATCH', `/workspaces/race-owners/members/${bob.id}`, { token: alice.token, body: { role: 'admin' } }),
      call(t.api, 'PATCH', `/workspaces/race-owners/members/${alice.id}`, { token: bob.token, body: { role: 'admin' } }),
    ]);
    // The loser is refused either as no longer an owner (403) or as the last owner (409).
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const ws = await t.server.services.store.workspaces.byName('race-owners');
    expect(await t.server.services.store.members.countOwners(ws!.id)).toBe(1);
  });

  it('admins manage members up to their own rank, never owners', async () => {
    await post(alice.token, '/workspaces', { name: 'ranks' });
    await post(alice.token, '/workspaces/ranks/members', { email: bob.email, role: 'admin' });
    const grantOwner = await post(bob.token, '/workspaces/ranks/members', { email: carol.email, role: 'owner' });
    expect(grantOwner.status).toBe(403);
    expect(grantOwner.body.error.code).toBe('role-too-high');
    expect((await post(bob.token, '/workspaces/ranks/members', { email: carol.email, role: 'admin' })).status).toBe(201);
    expect((await call(t.api, 'PATCH', `/workspaces/ranks/members/${carol.id}`, { token: bob.token, body: { role: 'owner' } })).status).toBe(403);
    expect((await call(t.api, 'PATCH', `/workspaces/ranks/members/${alice.id}`, { token: bob.token, body: { role: 'viewer' } })).status).toBe(403);
    expect((await call(t.api, 'DELETE', `/workspaces/ranks/members/${alice.id}`, { token: bob.token })).status).toBe(403);
    // By email in the path, too.
    expect((await call(t.api, 'PATCH', `/workspaces/ranks/members/${encodeURIComponent(carol.email)}`, { token: bob.token, body: { role: 'viewer' } })).body.role).toBe('viewer');
    const again = await post(bob.token, '/workspaces/ranks/members', { email: carol.email, role: 'member' });
    expect(again.status).toBe(409);
    const unknown = await post(bob.token, '/workspaces/ranks/members', { email: 'nobody@example.com', role: 'member' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('user-not-found');
    const badRole = await call(t.api, 'PATCH', `/workspaces/ranks/members/${carol.id}`, { token: bob.token, body: { role: 'superuser' } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.fields[0].path).toBe('role');
  });

  it('any member may leave; a viewer may not remove others', async () => {
    await post(alice.token, '/workspaces', { name: 'leaving' });
    await post(alice.token, '/workspaces/leaving/members', { email: bob.email, role: 'viewer' });
    await post(alice.token, '/workspaces/leaving/members', { email: carol.email, role: 'viewer' });
    const kick = await call(t.api, 'DELETE', `/workspaces/leaving/members/${carol.id}`, { token: bob.token });
    expect(kick.status).toBe(403);
    expect((await call(t.api, 'DELETE', `/workspaces/leaving/members/${bob.id}`, { token: bob.token })).status).toBe(204);
    expect((await call(t.api, 'GET', '/workspaces/leaving', { token: bob.token })).status).toBe(404);
  });

  it('transfers ownership to a member; the old owner stays as admin', async () => {
    await post(alice.token, '/workspaces', { name: 'handover' });
    expect((await post(alice.token, '/workspaces/handover/transfer', { userId: carol.id })).status).toBe(404); // not a member
    await post(alice.token, '/workspaces/handover/members', { email: carol.email, role: 'viewer' });
    expect((await post(alice.token, '/workspaces/handover/transfer', { userId: alice.id })).status).toBe(400);
    expect((await post(alice.token, '/workspaces/handover/transfer', {})).status).toBe(400);
    const r = await post(alice.token, '/workspaces/handover/transfer', { email: carol.email });
    expect(r.status).toBe(200);
    expect(r.body.members.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual([[alice.email, 'admin'], [carol.email, 'owner']].sort());
    // Now only carol can delete it.
    expect((await call(t.api, 'DELETE', '/workspaces/handover', { token: alice.token })).status).toBe(403);
    expect((await call(t.api, 'DELETE', '/workspaces/handover', { token: carol.token })).status).toBe(204);
    expect(await t.server.services.store.members.list((r.body.members[0] as { userId: string }).userId)).toEqual([]);
  });
});

describeStores('no-auth mode', (kind: StoreKind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, { noAuth: true });
  });
  afterAll(() => t?.close());

  it('acts as a local owner for every request, without any token', async () => {
    const health = await call(t.api, 'GET', '/health');
    expect(health.body.auth).toBe('disabled');
    const me = await call(t.api, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('local@localhost');
    expect((await call(t.api, 'POST', '/workspaces', { body: { name: 'local-ws' } })).status).toBe(201);
    const r = await call(t.api, 'GET', '/workspaces/local-ws');
    expect(r.body.role).toBe('owner');
    // Even a workspace someone else created.
    const other = await register(t.api, 'someone');
    const ws = await t.server.services.store.workspaces.create('theirs', other.id);
    expect((await call(t.api, 'GET', '/workspaces')).body.workspaces.map((w: { name: string }) => w.name)).toEqual(['local-ws', 'theirs']);
    expect((await call(t.api, 'GET', '/workspaces/theirs/members')).status).toBe(200);
    expect((await call(t.api, 'DELETE', '/workspaces/theirs')).status).toBe(204);
    expect(await t.server.services.store.workspaces.byId(ws!.id)).toBeUndefined();
    // Workspaces that do not exist are still 404.
    expect((await call(t.api, 'GET', '/workspaces/nothing-here')).status).toBe(404);
  });
});
