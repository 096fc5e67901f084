/** GET /api/v1/health: is the server up, which version, which storage. No login (load balancers poll it). */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const { store, blobs, version, config } = c.get('services');
    let database = true;
    try {
      await store.db.get('SELECT 1 AS ok');
    } catch (e) {
      database = false;
      c.get('log').error('health check: the database does not answer', { error: e instanceof Error ? e.message : String(e) });
    }
    return c.json({
      status: database ? 'ok' : 'unavailable',
      version,
      store: store.kind,
      blobs: blobs.kind,
      auth: config.noAuth ? 'disabled' : 'enabled',
      time: new Date().toISOString(),
    }, database ? 200 : 503);
  });
  return app;
}
