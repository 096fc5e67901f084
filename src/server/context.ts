/**
 * Contracts shared by every server module (see briefs/server.md): roles, who is calling,
 * the Hono environment, and the role check for /api/v1/workspaces/:ws/* routes.
 */
import type { MiddlewareHandler } from 'hono';
import type { AuthService } from './auth/service.js';
import type { BlobStorage } from './blobs/storage.js';
import type { ServerConfig } from './config.js';
import { forbidden, notFound } from './errors.js';
import type { MetaStore } from './store/meta-store.js';

/** viewer reads, member pushes, admin manages members, owner deletes/transfers. */
export type Role = 'viewer' | 'member' | 'admin' | 'owner';
export const ROLE_RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };
export const ROLES: readonly Role[] = ['viewer', 'member', 'admin', 'owner'];

/** The caller; `workspaceId` and `role` are set once requireRole has passed. */
export interface AuthInfo { userId: string; email: string; workspaceId?: string; role?: Role }

export interface Logger {
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
}

/** What every handler can reach: set once per request by the app. */
export interface ServerServices {
  readonly config: ServerConfig;
  readonly store: MetaStore;
  readonly auth: AuthService;
  /** The server-wide logger (per-request lines go through `c.get('log')`). */
  readonly log: Logger;
  readonly version: string;
  readonly blobs: BlobStorage;
}

export type AppEnv = { Variables: { auth: AuthInfo; requestId: string; log: Logger; services: ServerServices } };

/** Workspace names in URLs: lowercase, no slashes, so `URL/WORKSPACE` is unambiguous. */
export const WORKSPACE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * For /api/v1/workspaces/:ws/* routes: authenticates the caller (401), then answers 404 to a
 * non-member exactly as for a workspace that does not exist (never leak existence) and 403 to a
 * member below `min`. On success `c.get('auth')` carries workspaceId and role.
 */
export function requireRole(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const services = c.get('services');
    const auth = c.get('auth') ?? (await services.auth.authenticate(c));
    const name = c.req.param('ws') ?? '';
    const missing = () => notFound('workspace-not-found', `workspace '${name}' not found`);
    if (!WORKSPACE_NAME.test(name)) throw missing();
    const ws = await services.store.workspaces.byName(name);
    if (!ws) throw missing();
    // Without authentication (loopback only) the local user owns everything.
    const role: Role | undefined = services.config.noAuth ? 'owner' : await services.store.members.role(ws.id, auth.userId);
    if (!role) throw missing();
    if (ROLE_RANK[role] < ROLE_RANK[min]) {
      throw forbidden('insufficient-role', `this needs the ${min} role in workspace '${name}'; you are ${role === 'admin' ? 'an' : 'a'} ${role}`);
    }
    c.set('auth', { ...auth, workspaceId: ws.id, role });
    await next();
  };
}
