/**
 * `POST /push` (member+), `GET /pull` and `/head` (viewer+), and the team settings: `GET
 * /settings` (viewer+), `PUT /settings` (admin+). Mounted at /api/v1/workspaces/:ws/sync.
 */
import { Hono } from 'hono';
import { PullQuery, PushRequest, PutTeamSettingsRequest } from '../../sync/protocol.js';
import { requireRole, type AppEnv } from '../context.js';
import { badRequest, conflict } from '../errors.js';
import { readJson } from '../request.js';
import { SyncEngine } from './engine.js';
import { putTeamSettings, readTeamSettings } from './settings.js';

export function syncRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const engineOf = (c: { get(k: 'services'): AppEnv['Variables']['services'] }) => new SyncEngine(c.get('services').store.db, c.get('services').blobs);

  app.post('/push', requireRole('member'), async (c) => {
    let raw: unknown;
    try { raw = await c.req.json(); } catch { throw badRequest('bad-json', 'the body is not valid JSON'); }
    const parsed = PushRequest.safeParse(raw);
    if (!parsed.success) throw badRequest('bad-request', 'not a push request', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const res = await engineOf(c).push(c.get('auth').workspaceId!, parsed.data, c.get('auth').email);
    return c.json(res);
  });

  app.get('/pull', requireRole('viewer'), async (c) => {
    const q = PullQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('bad-request', 'since and limit must be whole numbers', q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    return c.json(await engineOf(c).pull(c.get('auth').workspaceId!, q.data.since, q.data.limit));
  });

  app.get('/head', requireRole('viewer'), async (c) => c.json({ cursor: await engineOf(c).head(c.get('auth').workspaceId!) }));

  app.get('/settings', requireRole('viewer'), async (c) => c.json(await readTeamSettings(c.get('services').store.db, c.get('auth').workspaceId!)));

  app.put('/settings', requireRole('admin'), async (c) => {
    const { baseVersion, settings } = await readJson(c, PutTeamSettingsRequest);
    const auth = c.get('auth');
    const res = await putTeamSettings(c.get('services').store.db, auth.workspaceId!, baseVersion, settings, auth.email);
    if (res === 'stale') throw conflict('settings-changed', `the team settings are no longer at version ${baseVersion}: read them again (GET .../sync/settings) and make the change on the current version`);
    c.get('log').info('team settings changed', { workspaceId: auth.workspaceId, version: res.version });
    return c.json(res);
  });
  return app;
}
