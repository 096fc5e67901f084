/**
 * /api/v1/workspaces/:ws/members: viewers list, admins manage. Nobody may hand out or take away
 * a role above their own (an admin cannot touch an owner), and the last owner can be neither
 * demoted nor removed: a workspace always has someone who can delete or transfer it.
 * Any member may remove themselves (leave), except the last owner.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole, ROLE_RANK, ROLES, type AppEnv, type AuthInfo, type Role } from '../context.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { readJson } from '../request.js';
import type { Repositories } from '../store/meta-store.js';
import { findMember, memberJson } from './workspaces.js';

const roleSchema = z.enum(ROLES as [Role, ...Role[]], { error: `must be one of ${ROLES.join(', ')}` });
const addBody = z.object({ email: z.string().min(1, 'must not be empty'), role: roleSchema.default('member') });
const patchBody = z.object({ role: roleSchema });

/** `:user` is a user id or an email address. */
const who = (param: string) => (param.includes('@') ? { email: param } : { userId: param });

function caller(auth: AuthInfo): { userId: string; workspaceId: string; role: Role } {
  if (!auth.workspaceId || !auth.role) throw new Error('member routes must run behind requireRole');
  return { userId: auth.userId, workspaceId: auth.workspaceId, role: auth.role };
}

function mayGrant(actor: Role, role: Role): void {
  if (ROLE_RANK[role] > ROLE_RANK[actor]) throw forbidden('role-too-high', `an ${actor} cannot grant the ${role} role`);
}

function mayManage(actor: Role, target: Role): void {
  if (ROLE_RANK[target] > ROLE_RANK[actor]) throw forbidden('role-too-high', `an ${actor} cannot change an ${target}`);
}

/**
 * Inside the locked transaction: the caller's role as it is now, not as requireRole saw it a
 * moment ago (a concurrent request may have demoted them since).
 */
export async function currentRole(t: Repositories, workspaceId: string, userId: string, noAuth: boolean): Promise<Role> {
  if (noAuth) return 'owner';
  const role = await t.members.role(workspaceId, userId);
  if (!role) throw notFound('workspace-not-found', 'workspace not found');
  return role;
}

const lastOwner = () => conflict('last-owner', 'this is the last owner of the workspace: make another member owner first (or transfer it)');

export function memberRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', requireRole('viewer'), async (c) => {
    const { workspaceId } = caller(c.get('auth'));
    return c.json({ members: (await c.get('services').store.members.list(workspaceId)).map(memberJson) });
  });

  app.post('/', requireRole('admin'), async (c) => {
    const me = caller(c.get('auth'));
    const { email, role } = await readJson(c, addBody);
    mayGrant(me.role, role);
    const { store } = c.get('services');
    const user = await store.users.byEmail(email.trim().toLowerCase());
    if (!user) throw notFound('user-not-found', `no account for ${email} on this server: they must register first`);
    if (!(await store.members.add(me.workspaceId, user.id, role, me.userId))) {
      throw conflict('already-member', `${user.email} is already a member: change their role with PATCH instead`);
    }
    const added = await store.members.get(me.workspaceId, user.id);
    c.get('log').info('member added', { workspaceId: me.workspaceId, memberId: user.id, role });
    return c.json(memberJson(added!), 201);
  });

  app.patch('/:user', requireRole('admin'), async (c) => {
    const me = caller(c.get('auth'));
    const { role } = await readJson(c, patchBody);
    mayGrant(me.role, role);
    const { store, config } = c.get('services');
    const updated = await store.tx(async (t) => {
      await t.workspaces.lock(me.workspaceId);
      const actor = await currentRole(t, me.workspaceId, me.userId, config.noAuth);
      if (ROLE_RANK[actor] < ROLE_RANK.admin) throw forbidden('insufficient-role', `this needs the admin role; you are now a ${actor}`);
      mayGrant(actor, role);
      const target = await findMember(t, me.workspaceId, who(c.req.param('user')));
      mayManage(actor, target.role);
      if (target.role === 'owner' && role !== 'owner' && (await t.members.countOwners(me.workspaceId)) <= 1) throw lastOwner();
      await t.members.setRole(me.workspaceId, target.userId, role);
      return { ...target, role };
    });
    c.get('log').info('member role changed', { workspaceId: me.workspaceId, memberId: updated.userId, role });
    return c.json(memberJson(updated));
  });

  // viewer+ here because anyone may leave; removing someone else needs admin (checked below).
  app.delete('/:user', requireRole('viewer'), async (c) => {
    const me = caller(c.get('auth'));
    const { store, config } = c.get('services');
    const removed = await store.tx(async (t) => {
      await t.workspaces.lock(me.workspaceId);
      const actor = await currentRole(t, me.workspaceId, me.userId, config.noAuth);
      const target = await findMember(t, me.workspaceId, who(c.req.param('user')));
      if (target.userId !== me.userId) {
        if (ROLE_RANK[actor] < ROLE_RANK.admin) {
          throw forbidden('insufficient-role', `removing another member needs the admin role; you are a ${actor}`);
        }
        mayManage(actor, target.role);
      }
      if (target.role === 'owner' && (await t.members.countOwners(me.workspaceId)) <= 1) throw lastOwner();
      await t.members.remove(me.workspaceId, target.userId);
      return target;
    });
    c.get('log').info('member removed', { workspaceId: me.workspaceId, memberId: removed.userId });
    return c.body(null, 204);
  });

  return app;
}
