/**
 * Login tokens per sync server, in `${DATAFORGE_CONFIG_DIR ?? ~/.config/dataforge}/credentials.json`,
 * readable by the user only (0600, in a 0700 folder). Keyed by the server's origin, so one
 * login serves every workspace and every local clone on that server.
 *
 * Written whole to a temp file and renamed over the old one: a crash never leaves half a file,
 * and a refresh token rotated by the server is never lost to a torn write.
 */
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SyncError } from './errors.js';

export const ServerCredentials = z.object({
  email: z.string(),
  userId: z.string(),
  accessToken: z.string(),
  /** ISO time the access token stops working (refreshed a little before). */
  accessExpiresAt: z.string(),
  refreshToken: z.string(),
  savedAt: z.string(),
});
export type ServerCredentials = z.infer<typeof ServerCredentials>;

const CredentialsFile = z.object({
  version: z.literal(1),
  servers: z.record(z.string(), ServerCredentials),
});
type CredentialsFile = z.infer<typeof CredentialsFile>;

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATAFORGE_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'dataforge');
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'credentials.json');
}

/** `http://Host:8080/` → `http://host:8080`: the key tokens are stored under. */
export function serverKey(serverUrl: string): string {
  const u = new URL(serverUrl);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

export class CredentialStore {
  /**
   * The file as last read, with what identified it (inode, change time, size): a sync asks for
   * the token before every request, and reading and checking the file each time was ~60 µs;
   * a stat is one. Every write renames a new file in (another inode), by this process or any
   * other, so a changed file is always read again.
   */
  private cached: { stamp: string; file: CredentialsFile } | null = null;

  constructor(readonly path: string = credentialsPath()) {}

  private read(): CredentialsFile {
    const st = statSync(this.path, { bigint: true, throwIfNoEntry: false });
    const stamp = st ? `${st.ino}:${st.ctimeNs}:${st.mtimeNs}:${st.size}` : '';
    if (st && this.cached?.stamp === stamp) return this.cached.file;
    const file = this.readFile();
    this.cached = st ? { stamp, file } : null;
    return file;
  }

  private readFile(): CredentialsFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, servers: {} };
      throw new SyncError('credentials-unreadable', `cannot read ${this.path}: ${(e as Error).message}`);
    }
    try {
      return CredentialsFile.parse(JSON.parse(text));
    } catch {
      throw new SyncError('credentials-corrupt', `${this.path} is not a DataForge credentials file: delete it and log in again`);
    }
  }

  private write(file: CredentialsFile): void {
    const dir = dirname(this.path);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      const bytes = Buffer.from(`${JSON.stringify(file, null, 2)}\n`);
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw new SyncError('credentials-unwritable', `cannot write ${this.path}: ${(e as Error).message}`);
    }
    closeSync(fd);
    // The umask may have taken bits away, never added them; make sure it is exactly 0600.
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
    this.cached = null;
  }

  get(serverUrl: string): ServerCredentials | undefined {
    return this.read().servers[serverKey(serverUrl)];
  }

  set(serverUrl: string, creds: ServerCredentials): void {
    // A copy: the cached file stays as it is on disk should the write fail.
    const file: CredentialsFile = { version: 1, servers: { ...this.read().servers } };
    file.servers[serverKey(serverUrl)] = creds;
    this.write(file);
  }

  /** True when there was something to forget. */
  delete(serverUrl: string): boolean {
    const file: CredentialsFile = { version: 1, servers: { ...this.read().servers } };
    const key = serverKey(serverUrl);
    if (!(key in file.servers)) return false;
    delete file.servers[key];
    this.write(file);
    return true;
  }

  servers(): string[] {
    return Object.keys(this.read().servers);
  }
}
