/** Builds what the app needs from a config: the store (migrated), the auth service, blob storage. */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateJwtSecret } from './auth/secret.js';
import { AuthService } from './auth/service.js';
import { FsBlobStorage } from './blobs/fs-storage.js';
import { S3BlobStorage } from './blobs/s3-storage.js';
import type { BlobStorage } from './blobs/storage.js';
import { ConfigError, type ServerConfig } from './config.js';
import { openMetaStore, type MetaStore } from './store/meta-store.js';
import { DATAFORGE_VERSION } from '../version.js';

export function packageVersion(): string {
  return DATAFORGE_VERSION;
}

/** A URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export async function openStore(config: ServerConfig): Promise<MetaStore> {
  try {
    return await openMetaStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (config.databaseUrl) throw new ConfigError('DATABASE_URL', `cannot use PostgreSQL at ${redactUrl(config.databaseUrl)}: ${why}`);
    throw new ConfigError('--data', `cannot use the SQLite database in ${config.dataDir}: ${why}`);
  }
}

/** Keys for the server: the JWT key, and a presign key derived from it (rotating one rotates both). */
export function serverKeys(config: ServerConfig): { jwt: Uint8Array; presign: string; source: string } {
  const { key, source } = loadOrCreateJwtSecret(config.dataDir, config.jwtSecret);
  const presign = createHmac('sha256', key).update('dataforge presigned urls v1').digest('base64url');
  return { jwt: key, presign, source };
}

export function createBlobStorage(config: ServerConfig, presignSecret: string, publicUrl: string): BlobStorage {
  if (config.s3) {
    const s3 = config.s3;
    return new S3BlobStorage({
      bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey,
      forcePathStyle: s3.forcePathStyle, presignEndpoint: s3.publicEndpoint, prefix: s3.prefix,
    });
  }
  return new FsBlobStorage(join(config.dataDir, 'blobs'), { presignSecret, publicUrl });
}

export async function createAuth(config: ServerConfig, store: MetaStore, key: Uint8Array): Promise<AuthService> {
  const auth = new AuthService(store, {
    key,
    accessTtlSeconds: config.accessTtlSeconds,
    refreshTtlSeconds: config.refreshTtlSeconds,
    login: config.login,
    registration: config.registration,
    noAuth: config.noAuth,
    trustProxy: config.trustProxy,
  });
  await auth.init();
  return auth;
}
