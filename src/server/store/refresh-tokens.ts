/**
 * Refresh tokens, stored as SHA-256 hashes (a database leak yields no usable token). Tokens of
 * one login form a family: each refresh marks the old one used and adds its successor; a used
 * token presented again means it was stolen, and the whole family is revoked.
 */
import type { Sql } from './sql.js';

export interface RefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

interface Row { id: string; user_id: string; family_id: string; expires_at: number; used_at: number | null; revoked_at: number | null }

const toToken = (r: Row): RefreshToken => ({
  id: r.id, userId: r.user_id, familyId: r.family_id, expiresAt: Number(r.expires_at),
  usedAt: r.used_at === null ? null : Number(r.used_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

export class RefreshTokens {
  constructor(private readonly sql: Sql) {}

  async insert(t: { id: string; userId: string; familyId: string; tokenHash: string; expiresAt: number }, now = Date.now()): Promise<void> {
    await this.sql.run('INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [t.id, t.userId, t.familyId, t.tokenHash, now, t.expiresAt]);
  }

  async byHash(tokenHash: string): Promise<RefreshToken | undefined> {
    const r = await this.sql.get<Row>('SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?', [tokenHash]);
    return r && toToken(r);
  }

  /** Marks a live token used; false when it was already used or revoked (a concurrent refresh lost the race). */
  async markUsed(id: string, now = Date.now()): Promise<boolean> {
    const r = await this.sql.run('UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL', [now, id]);
    return r.changes === 1;
  }

  async revokeFamily(familyId: string, now = Date.now()): Promise<number> {
    return (await this.sql.run('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL', [now, familyId])).changes;
  }

  async revokeAllForUser(userId: string, now = Date.now()): Promise<number> {
    return (await this.sql.run('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [now, userId])).changes;
  }

  /** Forgets tokens expired before `before` (their families can no longer be used anyway). */
  async prune(before: number): Promise<number> {
    return (await this.sql.run('DELETE FROM refresh_tokens WHERE expires_at < ?', [before])).changes;
  }
}
