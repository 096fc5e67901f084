/**
 * The `core` schema: accounts, refresh tokens, workspaces, members, login attempts. Times are
 * epoch milliseconds; ids are UUID text. Deleting a workspace deletes its memberships (and, by
 * the same ON DELETE CASCADE convention, later modules' rows that reference it).
 */
import { registerMigrations, type Migration } from './migrations.js';

const tables = (timestamp: string) => `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  token_version INTEGER NOT NULL DEFAULT 0,
  created_at ${timestamp} NOT NULL
);

CREATE TABLE refresh_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  family_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at ${timestamp} NOT NULL,
  expires_at ${timestamp} NOT NULL,
  used_at ${timestamp},
  revoked_at ${timestamp}
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens(user_id);

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at ${timestamp} NOT NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL
);

CREATE TABLE members (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'member', 'admin', 'owner')),
  added_at ${timestamp} NOT NULL,
  added_by TEXT,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX members_user ON members(user_id);

CREATE TABLE login_attempts (
  attempt_key TEXT NOT NULL,
  at ${timestamp} NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts(attempt_key, at);
`;

export const CORE_MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'users, refresh tokens, workspaces, members, login attempts', sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
];

registerMigrations('core', CORE_MIGRATIONS);
