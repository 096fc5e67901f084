/** /api/v1/workspaces: list and create; one workspace: read, delete (owner), transfer (owner). */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole, WORKSPACE_NAME, type AppEnv, type AuthInfo, type Role } from '../context.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import { iso, readJson } from '../request.js';
import type { Repositories } from '../store/meta-store.js';
import type { Member } from '../store/members.js';
import type { Workspace } from '../store/workspaces.js';

const nameSchema = z.string().trim().toLowerCase()
  .regex(WORKSPACE_NAME, 'must be 1-64 characters: lowercase letters, digits, . _ - (starting with a letter or digit)');
const createBody = z.object({ name: nameSchema });
const transferBody = z.object({ userId: z.string().min(1).optional(), email: z.string().min(1).optional() })
  .refine((b) => (b.userId === undefined) !== (b.email === undefined), 'give exactly one of userId and email');

export const workspaceJson = (w: Workspace, role: Role) => ({ id: w.id, name: w.name, createdAt: iso(w.createdAt), role });
export const memberJson = (m: Member) => ({ userId: m.userId, email: m.email, role: m.role, addedAt: iso(m.addedAt) });

/** The member a request names by user id or email; 404 when they are not in the workspace. */
export async function findMember(t: Repositories, workspaceId: string, who: { userId?: string; email?: string }): Promise<Member> {
  let userId = who.userId;
  if (who.email !== undefined) userId = (await t.users.byEmail(who.email.trim().toLowerCase()))?.id;
  const member = userId === undefined ? undefined : await t.members.get(workspaceId, userId);
  if (!member) throw notFound('member-not-found', `${who.email ?? who.userId} is not a member of this workspace`);
  return member;
}

function caller(auth: AuthInfo): { userId: string; workspaceId: string; role: Role } {
  if (!auth.workspaceId || !auth.role) throw new Error('workspace routes must run behind requireRole');
  return { userId: auth.userId, workspaceId: auth.workspaceId, role: auth.role };
}

export function workspaceRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const { auth, store, config } = c.get('services');
    const me = await auth.authenticate(c);
    const list = config.noAuth
      ? (await store.workspaces.listAll()).map((w) => workspaceJson(w, 'owner'))
      : (await store.workspaces.listForUser(me.userId)).map((w) => workspaceJson(w, w.role));
    return c.json({ workspaces: list });
  });

  app.post('/', async (c) => {
    const { auth, store } = c.get('services');
    const me = await auth.authenticate(c);
    const { name } = await readJson(c, createBody);
    const ws = await store.workspaces.create(name, me.userId);
    if (!ws) throw conflict('workspace-exists', `a workspace named '${name}' already exists on this server: choose another name`);
    c.get('log').info('workspace created', { workspaceId: ws.id });
    return c.json(workspaceJson(ws, 'owner'), 201);
  });

  app.get('/:ws', requireRole('viewer'), async (c) => {
    const { workspaceId, role } = caller(c.get('auth'));
    const { store } = c.get('services');
    const ws = await store.workspaces.byId(workspaceId);
    if (!ws) throw notFound('workspace-not-found', 'workspace not found');
    const members = await store.members.list(workspaceId);
    return c.json({ ...workspaceJson(ws, role), memberCount: members.length });
  });

  app.delete('/:ws', requireRole('owner'), async (c) => {
    const { workspaceId } = caller(c.get('auth'));
    await c.get('services').store.workspaces.delete(workspaceId);
    c.get('log').info('workspace deleted', { workspaceId });
    return c.body(null, 204);
  });

  /** Hands ownership to another member; the caller stays on as an admin. */
  app.post('/:ws/transfer', requireRole('owner'), async (c) => {
    const me = caller(c.get('auth'));
    const body = await readJson(c, transferBody);
    const { store, config } = c.get('services');
    const members = await store.tx(async (t) => {
      await t.workspaces.lock(me.workspaceId);
      // Re-checked under the lock: two owners transferring at once must not both succeed as owners.
      if (!config.noAuth && (await t.members.role(me.workspaceId, me.userId)) !== 'owner') {
        throw forbidden('insufficient-role', 'you are no longer an owner of this workspace');
      }
      const target = await findMember(t, me.workspaceId, body);
      if (target.userId === me.userId) throw badRequest('transfer-to-self', 'you already own this workspace: name another member');
      await t.members.setRole(me.workspaceId, target.userId, 'owner');
      // In no-auth mode the local user may own the workspace without being listed in it.
      if (await t.members.role(me.workspaceId, me.userId)) await t.members.setRole(me.workspaceId, me.userId, 'admin');
      return t.members.list(me.workspaceId);
    });
    c.get('log').info('workspace transferred', { workspaceId: me.workspaceId });
    return c.json({ members: members.map(memberJson) });
  });

  return app;
}
