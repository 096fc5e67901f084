/** /api/v1/auth/*: accounts and sessions; and GET /api/v1/me. */
import { Hono } from 'hono';
import { z } from 'zod';
import { emailSchema, PASSWORD_MAX_LENGTH, passwordSchema } from '../auth/passwords.js';
import type { AppEnv } from '../context.js';
import { unauthorized } from '../errors.js';
import { iso, readJson } from '../request.js';

const registerBody = z.object({ email: emailSchema, password: passwordSchema });
// No policy on login: a short password is just a wrong one (and counts as a failure).
const loginBody = z.object({ email: emailSchema, password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX_LENGTH) });
const refreshBody = z.object({ refreshToken: z.string().min(1, 'must not be empty').max(200) });

export function authRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/register', async (c) => {
    const { email, password } = await readJson(c, registerBody);
    const auth = c.get('services').auth;
    const pair = await auth.register(email, password, auth.clientAddress(c));
    c.get('log').info('account registered', { userId: pair.user.id });
    return c.json(pair, 201);
  });

  app.post('/login', async (c) => {
    const { email, password } = await readJson(c, loginBody);
    const auth = c.get('services').auth;
    return c.json(await auth.login(email, password, auth.clientAddress(c)));
  });

  app.post('/refresh', async (c) => {
    const { refreshToken } = await readJson(c, refreshBody);
    try {
      return c.json(await c.get('services').auth.refresh(refreshToken));
    } catch (e) {
      if (e instanceof Error && 'code' in e && e.code === 'refresh-token-reused') c.get('log').warn('refresh token reuse: session family revoked');
      throw e;
    }
  });

  app.post('/logout', async (c) => {
    const { refreshToken } = await readJson(c, refreshBody);
    await c.get('services').auth.logout(refreshToken);
    return c.body(null, 204);
  });

  app.post('/logout-all', async (c) => {
    const auth = c.get('services').auth;
    const me = await auth.authenticate(c);
    await auth.logoutEverywhere(me.userId);
    return c.body(null, 204);
  });

  return app;
}

export function meRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const { auth, store } = c.get('services');
    const me = await auth.authenticate(c);
    const user = await store.users.byId(me.userId);
    if (!user) throw unauthorized('invalid-token', 'the access token belongs to no account');
    return c.json({ id: user.id, email: user.email, createdAt: iso(user.createdAt) });
  });
  return app;
}
