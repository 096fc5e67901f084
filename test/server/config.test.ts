/** Configuration: flags over environment over defaults; every bad value names its setting. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JWT_SECRET_FILE, loadOrCreateJwtSecret } from '../../src/server/auth/secret.js';
import { ConfigError, isLoopbackHost, loadConfig, type ServeFlags } from '../../src/server/config.js';
import { startServer } from '../../src/server/serve.js';

const configError = (flags: ServeFlags, env: Record<string, string>): ConfigError => {
  try {
    loadConfig(flags, env, '/srv');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({}, {}, '/srv');
    expect(c).toMatchObject({
      host: '127.0.0.1', port: 8080, dataDir: '/srv/dataforge-server', accessTtlSeconds: 900, refreshTtlSeconds: 30 * 86400,
      bodyLimitBytes: 10 * 1024 * 1024, noAuth: false, login: { maxFailures: 5, windowSeconds: 900 }, trustProxy: false,
    });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.s3).toBeUndefined();
    expect(c.jwtSecret).toBeUndefined();
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      DATAFORGE_HOST: '0.0.0.0', DATAFORGE_PORT: '9000', DATAFORGE_DATA: 'data', DATABASE_URL: 'postgres://u:p@db/x',
      DATAFORGE_ACCESS_TTL: '5m', DATAFORGE_REFRESH_TTL: '7d', DATAFORGE_BODY_LIMIT: '512kb', DATAFORGE_LOGIN_MAX_FAILURES: '3',
      DATAFORGE_LOGIN_WINDOW: '1h', DATAFORGE_PUBLIC_URL: 'https://df.example.com/', DATAFORGE_JWT_SECRET: 'x'.repeat(40),
    };
    const c = loadConfig({}, env, '/srv');
    expect(c).toMatchObject({
      host: '0.0.0.0', port: 9000, dataDir: '/srv/data', databaseUrl: 'postgres://u:p@db/x', accessTtlSeconds: 300, refreshTtlSeconds: 7 * 86400,
      bodyLimitBytes: 512 * 1024, login: { maxFailures: 3, windowSeconds: 3600 }, publicUrl: 'https://df.example.com', jwtSecret: 'x'.repeat(40),
    });
    const f = loadConfig({ host: '127.0.0.2', port: '0', data: '/abs' }, env, '/srv');
    expect(f).toMatchObject({ host: '127.0.0.2', port: 0, dataDir: '/abs' });
  });

  it('reads S3 settings, path-style by default with a custom endpoint', () => {
    const c = loadConfig({}, {
      DATAFORGE_S3_BUCKET: 'logs', DATAFORGE_S3_ENDPOINT: 'http://minio:9000', DATAFORGE_S3_ACCESS_KEY_ID: 'ak', DATAFORGE_S3_SECRET_ACCESS_KEY: 'sk',
    });
    expect(c.s3).toEqual({ bucket: 'logs', endpoint: 'http://minio:9000', region: 'us-east-1', accessKeyId: 'ak', secretAccessKey: 'sk', forcePathStyle: true, publicEndpoint: undefined, prefix: undefined });
    expect(loadConfig({}, { DATAFORGE_S3_BUCKET: 'logs', DATAFORGE_S3_ACCESS_KEY_ID: 'a', DATAFORGE_S3_SECRET_ACCESS_KEY: 's' }).s3!.forcePathStyle).toBe(false);
  });

  it.each([
    [{ port: '80x' }, {}, '--port'],
    [{}, { DATAFORGE_PORT: '70000' }, 'DATAFORGE_PORT'],
    [{}, { DATAFORGE_ACCESS_TTL: 'soon' }, 'DATAFORGE_ACCESS_TTL'],
    [{}, { DATAFORGE_ACCESS_TTL: '2d', DATAFORGE_REFRESH_TTL: '1d' }, 'DATAFORGE_REFRESH_TTL'],
    [{}, { DATAFORGE_BODY_LIMIT: 'lots' }, 'DATAFORGE_BODY_LIMIT'],
    [{}, { DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{}, { DATAFORGE_JWT_SECRET: 'short' }, 'DATAFORGE_JWT_SECRET'],
    [{}, { DATAFORGE_NO_AUTH: 'maybe' }, 'DATAFORGE_NO_AUTH'],
    [{}, { DATAFORGE_S3_ENDPOINT: 'http://minio:9000' }, 'DATAFORGE_S3_BUCKET'],
    [{}, { DATAFORGE_S3_BUCKET: 'logs', DATAFORGE_S3_SECRET_ACCESS_KEY: 's' }, 'DATAFORGE_S3_ACCESS_KEY_ID'],
    [{}, { DATAFORGE_S3_BUCKET: 'Bad_Bucket', DATAFORGE_S3_ACCESS_KEY_ID: 'a', DATAFORGE_S3_SECRET_ACCESS_KEY: 's' }, 'DATAFORGE_S3_BUCKET'],
    [{ publicUrl: 'ftp://x' }, {}, '--public-url'],
    [{}, { DATAFORGE_LOG_LEVEL: 'loud' }, 'DATAFORGE_LOG_LEVEL'],
  ] as [ServeFlags, Record<string, string>, string][])('names the setting at fault: %o %o → %s', (flags, env, setting) => {
    const e = configError(flags, env);
    expect(e.setting).toBe(setting);
    expect(e.message.startsWith(`${setting}: `)).toBe(true);
  });

  it('refuses --no-auth unless the host is loopback', () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::', 'example.com', '10.0.0.1']) {
      const e = configError({ auth: false, host }, {});
      expect(e.setting).toBe('--no-auth');
      expect(e.message).toMatch(/loopback/);
      expect(configError({}, { DATAFORGE_NO_AUTH: '1', DATAFORGE_HOST: host }).setting).toBe('DATAFORGE_NO_AUTH');
    }
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '0:0:0:0:0:0:0:1']) {
      expect(loadConfig({ auth: false, host }, {}).noAuth).toBe(true);
    }
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.255.255.254', '::1', '::ffff:127.0.0.1', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', '0.0.0.0', '::', '::2', '1::1', 'localhost.example.com', '127.0.0.1.nip.io'].some(isLoopbackHost)).toBe(false);
  });
});

describe('startServer refusals', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'df-config-'));
    dirs.push(d);
    return d;
  };

  it('refuses no-auth on a non-loopback host even when the config was built in code', async () => {
    const config = { ...loadConfig({ port: 0, data: tmp() }, {}), host: '0.0.0.0', noAuth: true };
    await expect(startServer(config)).rejects.toThrow(/--no-auth: refused on host '0.0.0.0'/);
  });

  it('names the port when it is taken', async () => {
    const data = tmp();
    const first = await startServer({ ...loadConfig({ port: 0, data }, {}), logLevel: 'silent' });
    try {
      await expect(startServer({ ...loadConfig({ port: first.port, data: tmp() }, {}), logLevel: 'silent' })).rejects.toThrow(/--port: port \d+ on 127.0.0.1 is already in use/);
    } finally {
      await first.close();
    }
  });

  it('names DATABASE_URL when PostgreSQL cannot be reached, without printing the password', async () => {
    const config = { ...loadConfig({ port: 0, data: tmp() }, {}), databaseUrl: 'postgres://u:hunter2secret@127.0.0.1:1/x', logLevel: 'silent' as const };
    const e = await startServer(config).then(() => null, (err: unknown) => err as Error);
    expect(e?.message).toMatch(/^DATABASE_URL: cannot use PostgreSQL at postgres:\/\/u:\*\*\*@127.0.0.1:1\/x/);
    expect(e?.message).not.toContain('hunter2secret');
  });
});

describe('JWT secret', () => {
  it('is generated once, kept 0600, and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'df-secret-'));
    try {
      const a = loadOrCreateJwtSecret(dir);
      expect(a.source).toBe('generated');
      expect(statSync(join(dir, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
      const b = loadOrCreateJwtSecret(dir);
      expect(b.source).toBe('file');
      expect(Buffer.from(b.key).equals(Buffer.from(a.key))).toBe(true);
      expect(a.key.length).toBeGreaterThanOrEqual(32);
      // A file someone loosened is tightened again.
      chmodSync(join(dir, JWT_SECRET_FILE), 0o644);
      loadOrCreateJwtSecret(dir);
      expect(statSync(join(dir, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
      writeFileSync(join(dir, JWT_SECRET_FILE), 'short\n');
      expect(() => loadOrCreateJwtSecret(dir)).toThrow(/fewer than 32 characters/);
      expect(readFileSync(join(dir, JWT_SECRET_FILE), 'utf8')).toBe('short\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('comes from the environment when given (nothing written)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'df-secret-'));
    try {
      const s = loadOrCreateJwtSecret(dir, 'y'.repeat(40));
      expect(s.source).toBe('environment');
      expect(() => statSync(join(dir, JWT_SECRET_FILE))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
