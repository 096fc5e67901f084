/**
 * The HS256 key for access tokens. Given by DATAFORGE_JWT_SECRET, or generated on first start
 * and kept in the data dir (mode 0600) so tokens survive restarts; several servers sharing one
 * database must be given the same secret.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config.js';

export const JWT_SECRET_FILE = 'jwt-secret';

export function loadOrCreateJwtSecret(dataDir: string, given?: string): { key: Uint8Array; source: 'environment' | 'generated' | 'file' } {
  if (given !== undefined) return { key: new TextEncoder().encode(given), source: 'environment' };
  const file = join(dataDir, JWT_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  let source: 'generated' | 'file' = 'file';
  try {
    // 'wx': if two servers start at once, exactly one writes and both read the same secret.
    writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
    source = 'generated';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Tighten a secret file someone made readable to others (e.g. restored from a backup).
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new ConfigError(file, 'the JWT secret file holds fewer than 32 characters: delete it to generate a new one (signs everyone out)');
  return { key: new TextEncoder().encode(text), source };
}
