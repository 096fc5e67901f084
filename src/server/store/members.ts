/** Who belongs to a workspace, with which role. */
import type { Role } from '../context.js';
import type { Sql } from './sql.js';

export interface Member { userId: string; email: string; role: Role; addedAt: number; addedBy: string | null }

interface Row { user_id: string; email: string; role: Role; added_at: number; added_by: string | null }
const toMember = (r: Row): Member => ({ userId: r.user_id, email: r.email, role: r.role, addedAt: Number(r.added_at), addedBy: r.added_by });

export class Members {
  constructor(private readonly sql: Sql) {}

  async role(workspaceId: string, userId: string): Promise<Role | undefined> {
    return (await this.sql.get<{ role: Role }>('SELECT role FROM members WHERE workspace_id = ? AND user_id = ?', [workspaceId, userId]))?.role;
  }

  async get(workspaceId: string, userId: string): Promise<Member | undefined> {
    const r = await this.sql.get<Row>('SELECT m.user_id, u.email, m.role, m.added_at, m.added_by FROM members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? AND m.user_id = ?', [workspaceId, userId]);
    return r && toMember(r);
  }

  async list(workspaceId: string): Promise<Member[]> {
    const rows = await this.sql.all<Row>('SELECT m.user_id, u.email, m.role, m.added_at, m.added_by FROM members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY u.email', [workspaceId]);
    return rows.map(toMember);
  }

  /** False when the user is already a member (their role is left as it was). */
  async add(workspaceId: string, userId: string, role: Role, addedBy: string | null, now = Date.now()): Promise<boolean> {
    const r = await this.sql.run('INSERT INTO members (workspace_id, user_id, role, added_at, added_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, user_id) DO NOTHING', [workspaceId, userId, role, now, addedBy]);
    return r.changes === 1;
  }

  async setRole(workspaceId: string, userId: string, role: Role): Promise<boolean> {
    return (await this.sql.run('UPDATE members SET role = ? WHERE workspace_id = ? AND user_id = ?', [role, workspaceId, userId])).changes === 1;
  }

  async remove(workspaceId: string, userId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM members WHERE workspace_id = ? AND user_id = ?', [workspaceId, userId])).changes === 1;
  }

  async countOwners(workspaceId: string): Promise<number> {
    return Number((await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM members WHERE workspace_id = ? AND role = 'owner'", [workspaceId]))?.n ?? 0);
  }
}
