/** Accounts. Emails are stored normalised (see auth/passwords.ts), so UNIQUE means one account per address. */
import { randomUUID } from 'node:crypto';
import type { Sql } from './sql.js';

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  /** Bumped by logout-everywhere: access tokens carrying an older value are dead. */
  tokenVersion: number;
  createdAt: number;
}

interface UserRow { id: string; email: string; password_hash: string; token_version: number; created_at: number }

const COLUMNS = 'id, email, password_hash, token_version, created_at';
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, passwordHash: r.password_hash, tokenVersion: Number(r.token_version), createdAt: Number(r.created_at) });

export class Users {
  constructor(private readonly sql: Sql) {}

  /** The new user, or null when the email is taken. */
  async create(email: string, passwordHash: string, now = Date.now()): Promise<User | null> {
    const id = randomUUID();
    const r = await this.sql.run('INSERT INTO users (id, email, password_hash, token_version, created_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT (email) DO NOTHING', [id, email, passwordHash, now]);
    return r.changes === 1 ? { id, email, passwordHash, tokenVersion: 0, createdAt: now } : null;
  }

  async byEmail(email: string): Promise<User | undefined> {
    const r = await this.sql.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [email]);
    return r && toUser(r);
  }

  async byId(id: string): Promise<User | undefined> {
    const r = await this.sql.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
    return r && toUser(r);
  }

  /** Every account, oldest first (the administrator's list). */
  async list(): Promise<User[]> {
    return (await this.sql.all<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY created_at, email`, [])).map(toUser);
  }

  /** False when there is no such account. */
  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return (await this.sql.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, id])).changes === 1;
  }

  /** Kills every access token issued so far; returns the new version. */
  async bumpTokenVersion(id: string): Promise<number> {
    const r = await this.sql.get<{ token_version: number }>('UPDATE users SET token_version = token_version + 1 WHERE id = ? RETURNING token_version', [id]);
    return Number(r?.token_version ?? 0);
  }

  /** The no-auth local user, created on first use. Its password hash matches no password. */
  async ensure(email: string, now = Date.now()): Promise<User> {
    await this.sql.run('INSERT INTO users (id, email, password_hash, token_version, created_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT (email) DO NOTHING', [randomUUID(), email, '!', now]);
    return (await this.byEmail(email))!;
  }
}
