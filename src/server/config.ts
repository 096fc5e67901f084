/**
 * Server configuration from flags and environment variables (flags win). Every value is
 * validated here, so a bad setting stops the server at start with a message naming the flag
 * or variable, instead of failing later in the middle of a request.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logger.js';
import type { RegistrationPolicy } from './auth/registration.js';

export interface S3Config {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, Ceph...); AWS when absent. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** The endpoint written into presigned URLs when clients reach the store under another name. */
  publicEndpoint?: string;
  /** Key prefix for everything the server writes (several servers can share a bucket). */
  prefix?: string;
}

export interface ServerConfig {
  host: string;
  /** 0 = any free port (tests). */
  port: number;
  /** Absolute: holds server.db (SQLite), blobs/ (filesystem storage) and jwt-secret. */
  dataDir: string;
  /** PostgreSQL for metadata when set; SQLite in dataDir otherwise. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (search_path); the server creates nothing outside it. */
  databaseSchema?: string;
  /** S3-compatible blob storage when set; the filesystem under dataDir otherwise. */
  s3?: S3Config;
  /** HS256 key for access tokens; when absent one is generated once and kept in dataDir. */
  jwtSecret?: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Largest JSON request body. */
  bodyLimitBytes: number;
  /** Largest blob upload request (blob bytes are streamed, never held in memory). */
  uploadLimitBytes: number;
  presignTtlSeconds: number;
  login: { maxFailures: number; windowSeconds: number };
  /** Who may create an account (open to all when absent). */
  registration?: RegistrationPolicy;
  /** Every request acts as a local owner; only ever on a loopback host. */
  noAuth: boolean;
  /** Base URL clients reach the server at (for presigned links); http://host:port when absent. */
  publicUrl?: string;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
}

/** Flags of `dataforge serve` (commander's output). */
export interface ServeFlags {
  host?: string;
  port?: string | number;
  data?: string;
  /** false when --no-auth was given (commander's negated option). */
  auth?: boolean;
  publicUrl?: string;
}

/** A setting that cannot be used; `setting` is the flag or variable to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
  }
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: 'dataforge-server',
  accessTtlSeconds: 15 * 60,
  refreshTtlSeconds: 30 * 24 * 3600,
  bodyLimitBytes: 10 * 1024 * 1024,
  uploadLimitBytes: 2 * 1024 * 1024 * 1024,
  presignTtlSeconds: 15 * 60,
  loginMaxFailures: 5,
  loginWindowSeconds: 15 * 60,
  registrationPerHour: 20,
  shutdownTimeoutMs: 10_000,
  logLevel: 'info' as LogLevel,
  s3Region: 'us-east-1',
};

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Seconds from `900`, `45s`, `15m`, `12h`, `30d`. */
const duration = z.string().trim().transform((s, ctx) => {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(s);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 900, 45s, 15m, 12h or 30d (got '${s}')` });
    return z.NEVER;
  }
  return Number(m[1]) * DURATION_UNITS[(m[2] ?? 's').toLowerCase()];
}).pipe(z.number().positive('must be more than zero'));

/** Bytes from `1048576`, `512kb`, `10mb`, `2gb` (binary multiples). */
const size = z.string().trim().transform((s, ctx) => {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?b?|[kmg])?$/i.exec(s);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `expected a size such as 1048576, 512kb, 10mb or 2gb (got '${s}')` });
    return z.NEVER;
  }
  return Math.floor(Number(m[1]) * SIZE_UNITS[(m[2] || 'b').toLowerCase()]);
}).pipe(z.number().int().min(1, 'must be at least 1 byte'));

const bool = z.string().trim().toLowerCase().transform((s, ctx) => {
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(s)) return false;
  ctx.addIssue({ code: 'custom', message: `expected 1/0, true/false, yes/no or on/off (got '${s}')` });
  return z.NEVER;
});

const port = z.string().trim().regex(/^\d+$/, 'must be a whole number from 0 to 65535').transform(Number)
  .pipe(z.number().int().min(0).max(65535, 'must be a whole number from 0 to 65535'));

const wholeNumber = (min: number) => z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min));

const httpUrl = z.string().trim().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL').transform((s) => s.replace(/\/+$/, ''));

const postgresUrl = z.string().trim().refine((s) => /^postgres(ql)?:\/\//i.test(s), 'must be a postgres:// or postgresql:// URL');
const sqlIdentifier = z.string().trim().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier (letters, digits, _)');
const hostName = z.string().trim().min(1, 'must not be empty').refine((h) => isIP(stripBrackets(h)) !== 0 || /^[a-z0-9.-]+$/i.test(h), 'must be an IP address or a host name');
const jwtSecret = z.string().min(32, 'must be at least 32 characters (use e.g. `openssl rand -base64 48`)');
const registrationMode = z.string().trim().toLowerCase().pipe(z.enum(['open', 'closed'], { message: "must be 'open' or 'closed'" }));
/** `example.com, Example.org` → ['example.com', 'example.org']. */
const emailDomains = z.string().transform((s) => s.split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter((d) => d !== ''))
  .pipe(z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be email domains such as example.com, separated by commas')));
const logLevel = z.enum(LOG_LEVELS as [LogLevel, ...LogLevel[]]);

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** 127.0.0.0/8, ::1 (any spelling), ::ffff:127.x.y.z and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = stripBrackets(host.trim().toLowerCase());
  if (h === 'localhost') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  if (isIP(h) === 6) {
    // Expand '::' so every spelling of ::1 compares equal.
    const [head, tail = ''] = h.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = h.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
    return groups.length === 8 && groups.slice(0, 7).every((g) => parseInt(g, 16) === 0) && parseInt(groups[7], 16) === 1;
  }
  return false;
}

/** One raw value and the name the user gave it by, so errors name what to fix. */
interface Raw { value: string; source: string }

function pick(flag: { name: string; value: string | number | undefined }, envName: string, env: NodeJS.ProcessEnv): Raw | undefined {
  if (flag.value !== undefined) return { value: String(flag.value), source: flag.name };
  const v = env[envName];
  return v !== undefined && v !== '' ? { value: v, source: envName } : undefined;
}

function fromEnv(name: string, env: NodeJS.ProcessEnv): Raw | undefined {
  return pick({ name, value: undefined }, name, env);
}

function parse<T>(raw: Raw | undefined, schema: z.ZodType<T, string>): T | undefined;
function parse<T>(raw: Raw | undefined, schema: z.ZodType<T, string>, fallback: T): T;
function parse<T>(raw: Raw | undefined, schema: z.ZodType<T, string>, fallback?: T): T | undefined {
  if (!raw) return fallback;
  const r = schema.safeParse(raw.value);
  if (!r.success) throw new ConfigError(raw.source, r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

function s3Config(env: NodeJS.ProcessEnv): S3Config | undefined {
  const names = ['BUCKET', 'ENDPOINT', 'REGION', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'FORCE_PATH_STYLE', 'PUBLIC_ENDPOINT', 'PREFIX'].map((n) => `DATAFORGE_S3_${n}`);
  const given = names.filter((n) => fromEnv(n, env));
  if (given.length === 0) return undefined;
  const bucket = parse(fromEnv('DATAFORGE_S3_BUCKET', env), z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name (3-63 lowercase letters, digits, dots, hyphens)'));
  if (!bucket) throw new ConfigError('DATAFORGE_S3_BUCKET', `is required when other S3 settings are set (${given.join(', ')})`);
  const endpoint = parse(fromEnv('DATAFORGE_S3_ENDPOINT', env), httpUrl);
  const accessKeyId = parse(fromEnv('DATAFORGE_S3_ACCESS_KEY_ID', env), z.string());
  const secretAccessKey = parse(fromEnv('DATAFORGE_S3_SECRET_ACCESS_KEY', env), z.string());
  if (accessKeyId === undefined) throw new ConfigError('DATAFORGE_S3_ACCESS_KEY_ID', 'is required with DATAFORGE_S3_BUCKET');
  if (secretAccessKey === undefined) throw new ConfigError('DATAFORGE_S3_SECRET_ACCESS_KEY', 'is required with DATAFORGE_S3_BUCKET');
  return {
    bucket,
    endpoint,
    region: parse(fromEnv('DATAFORGE_S3_REGION', env), z.string().trim().min(1), DEFAULTS.s3Region),
    accessKeyId,
    secretAccessKey,
    // S3-compatible servers (MinIO, s3rver) need path-style URLs; AWS itself prefers virtual hosts.
    forcePathStyle: parse(fromEnv('DATAFORGE_S3_FORCE_PATH_STYLE', env), bool, endpoint !== undefined),
    publicEndpoint: parse(fromEnv('DATAFORGE_S3_PUBLIC_ENDPOINT', env), httpUrl),
    prefix: parse(fromEnv('DATAFORGE_S3_PREFIX', env), z.string().trim().regex(/^[A-Za-z0-9._/-]{1,200}$/, 'must be letters, digits, . _ - and /')),
  };
}

/** Reads flags then environment variables, applies defaults, validates everything. Throws ConfigError. */
export function loadConfig(flags: ServeFlags = {}, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const host = parse(pick({ name: '--host', value: flags.host }, 'DATAFORGE_HOST', env), hostName, DEFAULTS.host);
  const noAuthRaw = flags.auth === false ? { value: '1', source: '--no-auth' } : fromEnv('DATAFORGE_NO_AUTH', env);
  const noAuth = parse(noAuthRaw, bool, false);
  if (noAuth && !isLoopbackHost(host)) {
    throw new ConfigError(noAuthRaw!.source, `refused on host '${host}': without authentication every request acts as the owner of every workspace, so it is only allowed on a loopback host (127.0.0.0/8, ::1, localhost)`);
  }
  const accessTtlSeconds = parse(fromEnv('DATAFORGE_ACCESS_TTL', env), duration, DEFAULTS.accessTtlSeconds);
  const refreshTtlSeconds = parse(fromEnv('DATAFORGE_REFRESH_TTL', env), duration, DEFAULTS.refreshTtlSeconds);
  if (refreshTtlSeconds < accessTtlSeconds) throw new ConfigError('DATAFORGE_REFRESH_TTL', 'must not be shorter than DATAFORGE_ACCESS_TTL');
  return {
    host,
    port: parse(pick({ name: '--port', value: flags.port }, 'DATAFORGE_PORT', env), port, DEFAULTS.port),
    dataDir: resolve(cwd, parse(pick({ name: '--data', value: flags.data }, 'DATAFORGE_DATA', env), z.string().min(1), DEFAULTS.dataDir)),
    databaseUrl: parse(fromEnv('DATABASE_URL', env), postgresUrl),
    databaseSchema: parse(fromEnv('DATAFORGE_DB_SCHEMA', env), sqlIdentifier),
    s3: s3Config(env),
    jwtSecret: parse(fromEnv('DATAFORGE_JWT_SECRET', env), jwtSecret),
    accessTtlSeconds,
    refreshTtlSeconds,
    bodyLimitBytes: parse(fromEnv('DATAFORGE_BODY_LIMIT', env), size, DEFAULTS.bodyLimitBytes),
    uploadLimitBytes: parse(fromEnv('DATAFORGE_UPLOAD_LIMIT', env), size, DEFAULTS.uploadLimitBytes),
    presignTtlSeconds: parse(fromEnv('DATAFORGE_PRESIGN_TTL', env), duration, DEFAULTS.presignTtlSeconds),
    login: {
      maxFailures: parse(fromEnv('DATAFORGE_LOGIN_MAX_FAILURES', env), wholeNumber(1), DEFAULTS.loginMaxFailures),
      windowSeconds: parse(fromEnv('DATAFORGE_LOGIN_WINDOW', env), duration, DEFAULTS.loginWindowSeconds),
    },
    registration: {
      open: parse(fromEnv('DATAFORGE_REGISTRATION', env), registrationMode, 'open') === 'open',
      domains: parse(fromEnv('DATAFORGE_REGISTRATION_DOMAINS', env), emailDomains, []),
      perAddressPerHour: parse(fromEnv('DATAFORGE_REGISTRATION_LIMIT', env), wholeNumber(1), DEFAULTS.registrationPerHour),
    },
    noAuth,
    publicUrl: parse(pick({ name: '--public-url', value: flags.publicUrl }, 'DATAFORGE_PUBLIC_URL', env), httpUrl),
    trustProxy: parse(fromEnv('DATAFORGE_TRUST_PROXY', env), bool, false),
    shutdownTimeoutMs: parse(fromEnv('DATAFORGE_SHUTDOWN_TIMEOUT', env), duration, DEFAULTS.shutdownTimeoutMs / 1000) * 1000,
    logLevel: parse(fromEnv('DATAFORGE_LOG_LEVEL', env), logLevel, DEFAULTS.logLevel),
  };
}

/** Checks a config built in code (tests, embedding) the way loadConfig checks flags. */
export function assertStartable(config: ServerConfig): void {
  if (config.noAuth && !isLoopbackHost(config.host)) {
    throw new ConfigError('--no-auth', `refused on host '${config.host}': no-auth is only allowed on a loopback host (127.0.0.0/8, ::1, localhost)`);
  }
  if (config.jwtSecret !== undefined && config.jwtSecret.length < 32) throw new ConfigError('DATAFORGE_JWT_SECRET', 'must be at least 32 characters');
}

/** The URL clients use, for links the server hands out. */
export function publicUrlOf(config: ServerConfig, boundPort: number): string {
  if (config.publicUrl) return config.publicUrl;
  const h = stripBrackets(config.host);
  const host = h === '0.0.0.0' || h === '::' ? '127.0.0.1' : h;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${boundPort}`;
}
