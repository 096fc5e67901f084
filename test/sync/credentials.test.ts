/**
 * The credentials file is read once and kept while it is unchanged; any write, by this store
 * or another process's (another CredentialStore on the same file), is seen by the next read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialStore, type ServerCredentials } from '../../src/sync/credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'df-creds-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const creds = (n: number): ServerCredentials => ({
  email: 'a@example.com', userId: 'u1', accessToken: `access-${n}`, accessExpiresAt: '2030-01-01T00:00:00.000Z', refreshToken: `refresh-${n}`, savedAt: '2026-01-01T00:00:00.000Z',
});

describe('credentials file cache', () => {
  it('sees every rotation written by another store on the same file, however quick', () => {
    const path = join(dir, 'credentials.json');
    const mine = new CredentialStore(path);
    const other = new CredentialStore(path);
    other.set('http://srv:1', creds(1));
    expect(mine.get('http://srv:1')?.refreshToken).toBe('refresh-1');
    // Same length, same second: only the file's identity tells the two apart.
    for (let n = 2; n < 50; n++) {
      other.set('http://srv:1', creds(n));
      expect(mine.get('http://srv:1')?.refreshToken).toBe(`refresh-${n}`);
    }
    mine.delete('http://srv:1');
    expect(other.get('http://srv:1')).toBeUndefined();
  });

  it('reads a file edited in place, and an empty store once the file is gone', () => {
    const path = join(dir, 'edited.json');
    const store = new CredentialStore(path);
    store.set('http://srv:2', creds(1));
    expect(store.get('http://srv:2')?.accessToken).toBe('access-1');
    // By hand, in place (same inode): its size and times tell.
    writeFileSync(path, JSON.stringify({ version: 1, servers: { 'http://srv:2': { ...creds(7), accessToken: 'access-edited-by-hand' } } }));
    expect(store.get('http://srv:2')?.accessToken).toBe('access-edited-by-hand');
    rmSync(path);
    expect(store.servers()).toEqual([]);
  });
});
