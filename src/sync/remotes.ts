/**
 * The servers a workspace syncs with (table `remotes`): a name, the URL of the server
 * workspace, how far pulls got, when the last push/pull succeeded, the last error, and the
 * conflict strategy.
 */
import { nowIso, type Workspace } from '../workspace/workspace.js';
import { SyncError } from './errors.js';
import { CONFLICT_STRATEGIES } from './protocol.js';

export const STRATEGIES = CONFLICT_STRATEGIES;
export type Strategy = (typeof STRATEGIES)[number];

export const DEFAULT_REMOTE = 'origin';
const REMOTE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Server workspace names, as the server allows them. */
const WORKSPACE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface RemoteUrl {
  /** As given, normalised: `http://host:port/WORKSPACE`. */
  url: string;
  /** `http://host:port` (with any path prefix before the workspace). */
  server: string;
  workspace: string;
}

export interface Remote extends RemoteUrl {
  name: string;
  pullCursor: number;
  lastPullAt: string | null;
  lastPushAt: string | null;
  lastError: string | null;
  strategy: Strategy;
}

/** `http://host:port/WORKSPACE` → the server and the workspace name. */
export function parseRemoteUrl(raw: string): RemoteUrl {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SyncError('bad-remote-url', `'${raw}' is not a URL: give http://HOST:PORT/WORKSPACE`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SyncError('bad-remote-url', `'${raw}': only http:// and https:// servers are supported`);
  if (u.username || u.password) throw new SyncError('bad-remote-url', `'${raw}': do not put credentials in the URL; run 'dataforge login' instead`);
  if (u.search || u.hash) throw new SyncError('bad-remote-url', `'${raw}': a remote URL has no query or fragment`);
  const parts = u.pathname.split('/').filter(Boolean);
  const workspace = decodeURIComponent(parts.pop() ?? '');
  if (!workspace) throw new SyncError('bad-remote-url', `'${raw}' names no workspace: give http://HOST:PORT/WORKSPACE`);
  if (!WORKSPACE_NAME.test(workspace)) {
    throw new SyncError('bad-remote-url', `'${workspace}' is not a server workspace name (lowercase letters, digits, . _ -, up to 64)`);
  }
  const prefix = parts.length ? `/${parts.join('/')}` : '';
  const server = `${u.protocol}//${u.host}${prefix}`;
  return { url: `${server}/${workspace}`, server, workspace };
}

interface RemoteRow {
  name: string; url: string; workspace: string; pull_cursor: number;
  last_pull_at: string | null; last_push_at: string | null; last_error: string | null; strategy: string;
}

function toRemote(r: RemoteRow): Remote {
  const parsed = parseRemoteUrl(r.url);
  return {
    ...parsed, name: r.name, pullCursor: Number(r.pull_cursor), lastPullAt: r.last_pull_at, lastPushAt: r.last_push_at,
    lastError: r.last_error, strategy: (STRATEGIES as readonly string[]).includes(r.strategy) ? (r.strategy as Strategy) : 'manual',
  };
}

export function listRemotes(ws: Workspace): Remote[] {
  return (ws.db.prepare('SELECT * FROM remotes ORDER BY name').all() as RemoteRow[]).map(toRemote);
}

export function addRemote(ws: Workspace, name: string, url: string, strategy: Strategy = 'manual'): Remote {
  if (!REMOTE_NAME.test(name)) throw new SyncError('bad-remote-name', `'${name}' is not a remote name: letters, digits, . _ -, up to 64`);
  const parsed = parseRemoteUrl(url);
  if (ws.db.prepare('SELECT 1 FROM remotes WHERE name = ?').get(name)) {
    throw new SyncError('remote-exists', `a remote named '${name}' exists already: remove it first ('dataforge remote remove ${name}') or choose another name`);
  }
  ws.db.prepare('INSERT INTO remotes (name, url, workspace, strategy) VALUES (?, ?, ?, ?)').run(name, parsed.url, parsed.workspace, strategy);
  return getRemote(ws, name);
}

/** The named remote; without a name, the only one, else 'origin'. */
export function getRemote(ws: Workspace, name?: string): Remote {
  if (name !== undefined) {
    const row = ws.db.prepare('SELECT * FROM remotes WHERE name = ?').get(name) as RemoteRow | undefined;
    if (!row) throw new SyncError('no-such-remote', `no remote named '${name}'${hint(ws)}`);
    return toRemote(row);
  }
  const all = listRemotes(ws);
  if (all.length === 1) return all[0];
  const origin = all.find((r) => r.name === DEFAULT_REMOTE);
  if (origin) return origin;
  if (!all.length) throw new SyncError('no-remote', "this workspace has no remote: add one with 'dataforge remote add origin http://HOST:PORT/WORKSPACE'");
  throw new SyncError('which-remote', `this workspace has several remotes (${all.map((r) => r.name).join(', ')}) and none is 'origin': name one`);
}

function hint(ws: Workspace): string {
  const names = listRemotes(ws).map((r) => r.name);
  return names.length ? ` (remotes: ${names.join(', ')})` : " (add one with 'dataforge remote add NAME URL')";
}

export function removeRemote(ws: Workspace, name: string): void {
  getRemote(ws, name);
  ws.db.prepare('DELETE FROM remotes WHERE name = ?').run(name);
}

export function setStrategy(ws: Workspace, name: string, strategy: Strategy): Remote {
  getRemote(ws, name);
  ws.db.prepare('UPDATE remotes SET strategy = ? WHERE name = ?').run(strategy, name);
  return getRemote(ws, name);
}

export function setPullCursor(ws: Workspace, name: string, cursor: number): void {
  ws.db.prepare('UPDATE remotes SET pull_cursor = ? WHERE name = ?').run(cursor, name);
}

export function noteSuccess(ws: Workspace, name: string, what: 'push' | 'pull'): void {
  ws.db.prepare(`UPDATE remotes SET ${what === 'push' ? 'last_push_at' : 'last_pull_at'} = ?, last_error = NULL WHERE name = ?`).run(nowIso(), name);
}

export function noteError(ws: Workspace, name: string, message: string): void {
  ws.db.prepare('UPDATE remotes SET last_error = ? WHERE name = ?').run(`${nowIso()} ${message}`, name);
}
