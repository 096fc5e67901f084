/** Workspaces: a URL name, unique on the server, and an id other tables reference. */
import { randomUUID } from 'node:crypto';
import type { Role } from '../context.js';
import type { Sql } from './sql.js';

export interface Workspace { id: string; name: string; createdAt: number; createdBy: string | null }
export interface WorkspaceWithRole extends Workspace { role: Role }

interface Row { id: string; name: string; created_at: number; created_by: string | null; role?: Role }
const toWorkspace = (r: Row): Workspace => ({ id: r.id, name: r.name, createdAt: Number(r.created_at), createdBy: r.created_by });

export class Workspaces {
  constructor(private readonly sql: Sql) {}

  /** Creates it with `ownerId` as its first owner; null when the name is taken. */
  async create(name: string, ownerId: string, now = Date.now()): Promise<Workspace | null> {
    return this.sql.tx(async (t) => {
      const id = randomUUID();
      const r = await t.run('INSERT INTO workspaces (id, name, created_at, created_by) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING', [id, name, now, ownerId]);
      if (r.changes !== 1) return null;
      await t.run("INSERT INTO members (workspace_id, user_id, role, added_at, added_by) VALUES (?, ?, 'owner', ?, ?)", [id, ownerId, now, ownerId]);
      return { id, name, createdAt: now, createdBy: ownerId };
    });
  }

  async byName(name: string): Promise<Workspace | undefined> {
    const r = await this.sql.get<Row>('SELECT id, name, created_at, created_by FROM workspaces WHERE name = ?', [name]);
    return r && toWorkspace(r);
  }

  async byId(id: string): Promise<Workspace | undefined> {
    const r = await this.sql.get<Row>('SELECT id, name, created_at, created_by FROM workspaces WHERE id = ?', [id]);
    return r && toWorkspace(r);
  }

  /** The workspaces `userId` belongs to, with the role there, by name. */
  async listForUser(userId: string): Promise<WorkspaceWithRole[]> {
    const rows = await this.sql.all<Row & { role: Role }>(
      'SELECT w.id, w.name, w.created_at, w.created_by, m.role FROM workspaces w JOIN members m ON m.workspace_id = w.id WHERE m.user_id = ? ORDER BY w.name',
      [userId],
    );
    return rows.map((r) => ({ ...toWorkspace(r), role: r.role }));
  }

  /** Every workspace (no-auth mode, where the local user owns them all). */
  async listAll(): Promise<Workspace[]> {
    return (await this.sql.all<Row>('SELECT id, name, created_at, created_by FROM workspaces ORDER BY name')).map(toWorkspace);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM workspaces WHERE id = ?', [id])).changes === 1;
  }

  /**
   * Inside a transaction: serialises membership changes of one workspace, so two concurrent
   * demotions cannot both see "another owner remains". SQLite's BEGIN IMMEDIATE already does.
   */
  async lock(id: string): Promise<void> {
    if (this.sql.dialect === 'postgres') await this.sql.get('SELECT id FROM workspaces WHERE id = ? FOR UPDATE', [id]);
  }
}
