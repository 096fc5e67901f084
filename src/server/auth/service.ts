/**
 * Accounts and sessions: register, login, refresh (rotating), logout (one session) and logout
 * everywhere, and the authentication of each request.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppEnv, AuthInfo } from '../context.js';
import { conflict, unauthorized } from '../errors.js';
import type { MetaStore } from '../store/meta-store.js';
import type { User } from '../store/users.js';
import { AccessTokens } from './access-tokens.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { LoginLimiter } from './rate-limit.js';
import { OPEN_REGISTRATION, RegistrationGate, type RegistrationPolicy } from './registration.js';
import { hashRefreshToken, looksLikeRefreshToken, newRefreshToken } from './refresh-secrets.js';

/** The user every request acts as when the server runs without authentication. */
export const LOCAL_USER_EMAIL = 'local@localhost';

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: { id: string; email: string };
}

export interface AuthSettings {
  key: Uint8Array;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  login: { maxFailures: number; windowSeconds: number };
  /** Who may register; open to all (20 attempts per address per hour) when absent. */
  registration?: RegistrationPolicy;
  noAuth: boolean;
  trustProxy: boolean;
}

const invalidRefresh = () => unauthorized('invalid-refresh-token', 'the refresh token is not valid: log in again');

export class AuthService {
  readonly tokens: AccessTokens;
  private readonly limiter: LoginLimiter;
  private readonly registration: RegistrationGate;
  private localUser?: User;

  constructor(private readonly store: MetaStore, private readonly settings: AuthSettings) {
    this.tokens = new AccessTokens(settings.key, settings.accessTtlSeconds);
    this.limiter = new LoginLimiter(store, settings.login.maxFailures, settings.login.windowSeconds);
    this.registration = new RegistrationGate(store, settings.registration ?? OPEN_REGISTRATION);
  }

  /** Call once at start: creates the local user of no-auth mode. */
  async init(): Promise<void> {
    if (this.settings.noAuth) this.localUser = await this.store.users.ensure(LOCAL_USER_EMAIL);
    void dummyHash(); // warm: the first unknown-email login should not be slower than the rest
  }

  /** `email` already normalised and `password` already checked against the policy (routes/auth.ts). */
  async register(email: string, password: string, address: string): Promise<TokenPair> {
    await this.registration.admit(email, address);
    const user = await this.store.users.create(email, await hashPassword(password));
    if (!user) throw conflict('email-taken', `an account for ${email} already exists: log in instead`);
    return this.startSession(user);
  }

  async login(email: string, password: string, address: string): Promise<TokenPair> {
    const key = LoginLimiter.key(email, address);
    await this.limiter.check(key);
    const user = await this.store.users.byEmail(email);
    // Verify against something even for an unknown email, so timing does not reveal accounts.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok) {
      await this.limiter.failed(key);
      throw unauthorized('invalid-credentials', 'wrong email or password');
    }
    await this.limiter.succeeded(key);
    return this.startSession(user);
  }

  /**
   * Swaps a refresh token for a new pair. A token already swapped (so a copy is in someone
   * else's hands) revokes its whole family: the thief and the user both have to log in again.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    if (!looksLikeRefreshToken(refreshToken)) throw invalidRefresh();
    const now = Date.now();
    const outcome = await this.store.tx(async (t) => {
      const row = await t.refreshTokens.byHash(hashRefreshToken(refreshToken));
      if (!row || row.revokedAt !== null) return { kind: 'invalid' as const };
      if (row.usedAt !== null || !(await t.refreshTokens.markUsed(row.id, now))) {
        await t.refreshTokens.revokeFamily(row.familyId, now);
        return { kind: 'reused' as const };
      }
      if (row.expiresAt <= now) return { kind: 'expired' as const };
      const user = await t.users.byId(row.userId);
      if (!user) return { kind: 'invalid' as const };
      const next = await this.issueRefresh(t.refreshTokens, user.id, row.familyId, now);
      return { kind: 'ok' as const, user, refreshToken: next };
    });
    // Thrown outside the transaction: the family's revocation must be committed, not rolled back.
    if (outcome.kind === 'reused') throw unauthorized('refresh-token-reused', 'this refresh token was already used, so it may have been stolen: every session of this login is revoked; log in again');
    if (outcome.kind === 'expired') throw unauthorized('refresh-token-expired', 'the refresh token has expired: log in again');
    if (outcome.kind === 'invalid') throw invalidRefresh();
    return this.pair(outcome.user, outcome.refreshToken);
  }

  /** Ends the session (token family) this refresh token belongs to. Unknown tokens are ignored: logging out twice is fine. */
  async logout(refreshToken: string): Promise<void> {
    if (!looksLikeRefreshToken(refreshToken)) return;
    const row = await this.store.refreshTokens.byHash(hashRefreshToken(refreshToken));
    if (row) await this.store.refreshTokens.revokeFamily(row.familyId);
  }

  /** Revokes every refresh token and kills every access token of the user. */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.store.tx(async (t) => {
      await t.refreshTokens.revokeAllForUser(userId);
      await t.users.bumpTokenVersion(userId);
    });
  }

  /** The caller of this request (401 otherwise); also sets `c.get('auth')`. */
  async authenticate(c: Context<AppEnv>): Promise<AuthInfo> {
    let auth: AuthInfo;
    if (this.settings.noAuth && this.localUser) {
      auth = { userId: this.localUser.id, email: this.localUser.email };
    } else {
      const header = c.req.header('authorization');
      const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      if (!m) throw unauthorized('missing-token', 'send an access token: Authorization: Bearer <token> (from POST /api/v1/auth/login)');
      const claims = await this.tokens.verify(m[1]);
      const user = await this.store.users.byId(claims.userId);
      if (!user) throw unauthorized('invalid-token', 'the access token belongs to no account');
      if (user.tokenVersion !== claims.tokenVersion) throw unauthorized('token-revoked', 'the access token was revoked (logout everywhere): log in again');
      auth = { userId: user.id, email: user.email };
    }
    c.set('auth', auth);
    return auth;
  }

  /** The client's address, for rate limiting (X-Forwarded-For's last hop only behind a trusted proxy). */
  clientAddress(c: Context<AppEnv>): string {
    if (this.settings.trustProxy) {
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (hops.length) return hops[hops.length - 1];
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // not served by @hono/node-server (e.g. app.request in a test)
    }
  }

  private lastPrune = 0;

  private async startSession(user: User): Promise<TokenPair> {
    // Expired refresh tokens are dead weight: forget them now and then (at most hourly).
    const now = Date.now();
    if (now - this.lastPrune > 3600_000) {
      this.lastPrune = now;
      await this.store.refreshTokens.prune(now);
    }
    const refreshToken = await this.issueRefresh(this.store.refreshTokens, user.id, randomUUID(), Date.now());
    return this.pair(user, refreshToken);
  }

  private async issueRefresh(repo: MetaStore['refreshTokens'], userId: string, familyId: string, now: number): Promise<string> {
    const token = newRefreshToken();
    await repo.insert({ id: randomUUID(), userId, familyId, tokenHash: hashRefreshToken(token), expiresAt: now + this.settings.refreshTtlSeconds * 1000 }, now);
    return token;
  }

  private async pair(user: User, refreshToken: string): Promise<TokenPair> {
    return {
      tokenType: 'Bearer',
      accessToken: await this.tokens.sign(user.id, user.tokenVersion),
      expiresIn: this.settings.accessTtlSeconds,
      refreshToken,
      refreshExpiresIn: this.settings.refreshTtlSeconds,
      user: { id: user.id, email: user.email },
    };
  }
}
