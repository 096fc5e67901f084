/** Failed logins per key (email + client address), for rate limiting; kept in the store so it survives restarts and is shared by several servers. */
import type { Sql } from './sql.js';

export class LoginAttempts {
  constructor(private readonly sql: Sql) {}

  async recordFailure(key: string, now = Date.now()): Promise<void> {
    await this.sql.run('INSERT INTO login_attempts (attempt_key, at) VALUES (?, ?)', [key, now]);
  }

  /** Failures since `since`, and the time of the oldest of them (when the window frees up). */
  async failuresSince(key: string, since: number): Promise<{ count: number; oldest: number | null }> {
    const r = await this.sql.get<{ n: number; oldest: number | null }>('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_attempts WHERE attempt_key = ? AND at >= ?', [key, since]);
    return { count: Number(r?.n ?? 0), oldest: r?.oldest == null ? null : Number(r.oldest) };
  }

  async clear(key: string): Promise<void> {
    await this.sql.run('DELETE FROM login_attempts WHERE attempt_key = ?', [key]);
  }

  async prune(before: number): Promise<number> {
    return (await this.sql.run('DELETE FROM login_attempts WHERE at < ?', [before])).changes;
  }
}
