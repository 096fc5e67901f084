/**
 * The role table, written once as data and tested exhaustively: every workspace endpoint ×
 * {owner, admin, member, viewer, non-member (with a valid token for another workspace), no
 * token, expired token, forged token}. An allowed call must take effect; a refused one must
 * answer the right status and change nothing.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLE_RANK, type Role } from '../../src/server/context.js';
import { call, describeStores, register, startTestServer, TEST_JWT_SECRET, type Account, type Reply, type StoreKind, type TestServer } from './harness.js';

/** The minimum role of each workspace endpoint: the table the server must obey. */
const ROLE_TABLE: Record<string, Role> = {
  'GET /workspaces/:ws': 'viewer',
  'DELETE /workspaces/:ws': 'owner',
  'POST /workspaces/:ws/transfer': 'owner',
  'GET /workspaces/:ws/members': 'viewer',
  'POST /workspaces/:ws/members': 'admin',
  'PATCH /workspaces/:ws/members/:user': 'admin',
  'DELETE /workspaces/:ws/members/:user': 'admin',
  'POST /workspaces/:ws/sync/push': 'member',
  'GET /workspaces/:ws/sync/pull': 'viewer',
  'GET /workspaces/:ws/sync/head': 'viewer',
  'GET /workspaces/:ws/sync/settings': 'viewer',
  'PUT /workspaces/:ws/sync/settings': 'admin',
};

const ACTORS = ['owner', 'admin', 'member', 'viewer', 'non-member', 'no token', 'expired token', 'forged token'] as const;
type Actor = (typeof ACTORS)[number];

type Outcome = 'allowed' | 401 | 403 | 404;
function expected(actor: Actor, min: Role): Outcome {
  if (actor === 'no token' || actor === 'expired token' || actor === 'forged token') return 401;
  if (actor === 'non-member') return 404; // indistinguishable from a workspace that does not exist
  return ROLE_RANK[actor] >= ROLE_RANK[min] ? 'allowed' : 403;
}

interface Case { ws: string; wsId: string }
interface Users { owner: Account; admin: Account; member: Account; viewer: Account; outsider: Account; target: Account; newcomer: Account }

/** How to call each endpoint, and whether its effect is visible afterwards (read through the store). */
interface Probe { call(t: TestServer, c: Case, u: Users, token?: string): Promise<Reply>; happened(t: TestServer, c: Case, u: Users, r: Reply): Promise<boolean> }
const PROBES: Record<keyof typeof ROLE_TABLE, Probe> = {
  'GET /workspaces/:ws': {
    call: (t, c, _u, token) => call(t.api, 'GET', `/workspaces/${c.ws}`, { token }),
    happened: async (_t, c, _u, r) => r.body?.id === c.wsId,
  },
  'DELETE /workspaces/:ws': {
    call: (t, c, _u, token) => call(t.api, 'DELETE', `/workspaces/${c.ws}`, { token }),
    happened: async (t, c) => (await t.server.services.store.workspaces.byId(c.wsId)) === undefined,
  },
  'POST /workspaces/:ws/transfer': {
    call: (t, c, u, token) => call(t.api, 'POST', `/workspaces/${c.ws}/transfer`, { token, body: { userId: u.target.id } }),
    happened: async (t, c, u) => (await t.server.services.store.members.role(c.wsId, u.target.id)) === 'owner',
  },
  'GET /workspaces/:ws/members': {
    call: (t, c, _u, token) => call(t.api, 'GET', `/workspaces/${c.ws}/members`, { token }),
    happened: async (_t, _c, u, r) => Array.isArray(r.body?.members) && r.body.members.some((m: { email: string }) => m.email === u.target.email),
  },
  'POST /workspaces/:ws/members': {
    call: (t, c, u, token) => call(t.api, 'POST', `/workspaces/${c.ws}/members`, { token, body: { email: u.newcomer.email, role: 'viewer' } }),
    happened: async (t, c, u) => (await t.server.services.store.members.role(c.wsId, u.newcomer.id)) === 'viewer',
  },
  'PATCH /workspaces/:ws/members/:user': {
    call: (t, c, u, token) => call(t.api, 'PATCH', `/workspaces/${c.ws}/members/${u.target.id}`, { token, body: { role: 'member' } }),
    happened: async (t, c, u) => (await t.server.services.store.members.role(c.wsId, u.target.id)) === 'member',
  },
  'DELETE /workspaces/:ws/members/:user': {
    call: (t, c, u, token) => call(t.api, 'DELETE', `/workspaces/${c.ws}/members/${u.target.id}`, { token }),
    happened: async (t, c, u) => (await t.server.services.store.members.role(c.wsId, u.target.id)) === undefined,
  },
  'POST /workspaces/:ws/sync/push': {
    call: (t, c, _u, token) => {
      lastPushed = randomUUID();
      const entity = { type: 'well', id: lastPushed, version: 1, deleted: false, updatedAt: '2026-11-22T00:00:00Z', updatedBy: 'probe', data: { name: 'probe' }, blobs: [] };
      return call(t.api, 'POST', `/workspaces/${c.ws}/sync/push`, { token, body: { idempotencyKey: `probe-${lastPushed}`, changes: [{ baseVersion: 0, entity }] } });
    },
    happened: async (t, c) => (await t.server.services.store.db.get('SELECT 1 AS x FROM sync_entities WHERE workspace_id = ? AND id = ?', [c.wsId, lastPushed])) !== undefined,
  },
  'GET /workspaces/:ws/sync/pull': {
    call: (t, c, _u, token) => call(t.api, 'GET', `/workspaces/${c.ws}/sync/pull?since=0`, { token }),
    happened: async (_t, _c, _u, r) => Array.isArray(r.body?.changes),
  },
  'GET /workspaces/:ws/sync/head': {
    call: (t, c, _u, token) => call(t.api, 'GET', `/workspaces/${c.ws}/sync/head`, { token }),
    happened: async (_t, _c, _u, r) => typeof r.body?.cursor === 'number',
  },
  'GET /workspaces/:ws/sync/settings': {
    call: (t, c, _u, token) => call(t.api, 'GET', `/workspaces/${c.ws}/sync/settings`, { token }),
    happened: async (_t, _c, _u, r) => typeof r.body?.version === 'number',
  },
  'PUT /workspaces/:ws/sync/settings': {
    call: (t, c, _u, token) => call(t.api, 'PUT', `/workspaces/${c.ws}/sync/settings`, { token, body: { baseVersion: 0, settings: { depthUnit: 'ft', defaultStep: 0.5, conflictStrategy: 'manual' } } }),
    happened: async (t, c) => (await t.server.services.store.db.get('SELECT 1 AS x FROM sync_settings WHERE workspace_id = ?', [c.wsId])) !== undefined,
  },
};

/** The entity id the last push probe sent, so its effect can be looked up. */
let lastPushed = '';

const sign = (sub: string, secret: string, exp: number) => new SignJWT({ tv: 0 }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub)
  .setIssuer('dataforge').setAudience('dataforge-api').setIssuedAt(exp - 900).setExpirationTime(exp).sign(new TextEncoder().encode(secret));

describeStores('role table', (kind: StoreKind) => {
  let t: TestServer;
  let u: Users;
  const tokens = {} as Record<Actor, string | undefined>;
  let n = 0;

  beforeAll(async () => {
    t = await startTestServer(kind);
    const names = ['owner', 'admin', 'member', 'viewer', 'outsider', 'target', 'newcomer'] as const;
    const accounts = await Promise.all(names.map((name) => register(t.api, name)));
    u = Object.fromEntries(names.map((name, i) => [name, accounts[i]])) as unknown as Users;
    // The outsider's token is valid: for a workspace of their own.
    expect((await call(t.api, 'POST', '/workspaces', { token: u.outsider.token, body: { name: 'outsiders-own' } })).status).toBe(201);
    const now = Math.floor(Date.now() / 1000);
    Object.assign(tokens, {
      owner: u.owner.token, admin: u.admin.token, member: u.member.token, viewer: u.viewer.token, 'non-member': u.outsider.token,
      'no token': undefined,
      'expired token': await sign(u.owner.id, TEST_JWT_SECRET, now - 60),
      'forged token': await sign(u.owner.id, 'not-the-server-secret-but-long-enough-1234', now + 600),
    });
  });
  afterAll(() => t?.close());

  /** A fresh workspace per case, so a destructive call cannot spoil the next one. */
  async function freshWorkspace(): Promise<Case> {
    const ws = `roles-${++n}`;
    const created = await call(t.api, 'POST', '/workspaces', { token: u.owner.token, body: { name: ws } });
    expect(created.status).toBe(201);
    for (const [who, role] of [[u.admin, 'admin'], [u.member, 'member'], [u.viewer, 'viewer'], [u.target, 'viewer']] as const) {
      expect((await call(t.api, 'POST', `/workspaces/${ws}/members`, { token: u.owner.token, body: { email: who.email, role } })).status).toBe(201);
    }
    return { ws, wsId: created.body.id };
  }

  for (const [endpoint, min] of Object.entries(ROLE_TABLE)) {
    it(`${endpoint} needs ${min}`, async () => {
      for (const actor of ACTORS) {
        const c = await freshWorkspace();
        const probe = PROBES[endpoint];
        const r = await probe.call(t, c, u, tokens[actor]);
        const want = expected(actor, min);
        const effect = await probe.happened(t, c, u, r);
        const where = `${endpoint} as ${actor}: ${r.status} ${r.text}`;
        if (want === 'allowed') {
          expect(r.status, where).toBeGreaterThanOrEqual(200);
          expect(r.status, where).toBeLessThan(300);
          expect(effect, where).toBe(true);
        } else {
          expect(r.status, where).toBe(want);
          expect(r.body?.error?.code, where).toEqual(expect.any(String));
          expect(effect, where).toBe(false);
          // A refusal never carries the workspace's data.
          expect(r.text, where).not.toContain(c.wsId);
          expect(r.text, where).not.toContain(u.target.email);
        }
      }
    });
  }

  it('answers a non-member exactly as for a workspace that does not exist', async () => {
    const c = await freshWorkspace();
    for (const [endpoint] of Object.entries(ROLE_TABLE)) {
      const real = await PROBES[endpoint].call(t, c, u, u.outsider.token);
      const none = await PROBES[endpoint].call(t, { ws: 'no-such-workspace', wsId: 'x' }, u, u.outsider.token);
      expect(real.status).toBe(404);
      expect(real.body.error.code).toBe(none.body.error.code);
      expect(real.body.error.message.replace(c.ws, 'WS')).toBe(none.body.error.message.replace('no-such-workspace', 'WS'));
    }
  });

  it('account endpoints need a valid token and nothing more', async () => {
    for (const actor of ACTORS) {
      const ok = !['no token', 'expired token', 'forged token'].includes(actor);
      for (const [method, path, body] of [['GET', '/me'], ['GET', '/workspaces'], ['POST', '/workspaces', { name: `acct-${++n}` }], ['POST', '/auth/logout-all']] as const) {
        if (ok && path === '/auth/logout-all') continue; // would end the shared sessions; covered in auth.test.ts
        const r = await call(t.api, method, path, { token: tokens[actor], body });
        expect(r.status, `${method} ${path} as ${actor}`).toBe(ok ? (method === 'POST' ? 201 : 200) : 401);
      }
    }
  });
});
