/**
 * Access tokens: short-lived HS256 JWTs carrying the user id (`sub`) and the user's token
 * version (`tv`). Logout-everywhere bumps the version, so a stolen token dies at once instead
 * of living out its TTL.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { unauthorized } from '../errors.js';

const ISSUER = 'dataforge';
const AUDIENCE = 'dataforge-api';

export interface AccessClaims { userId: string; tokenVersion: number }

/**
 * Verified tokens are remembered briefly: a sync sends many requests with the same token and
 * the HMAC check (webcrypto, a thread-pool round trip) was a visible share of each. Only the
 * signature check is skipped; the caller still checks the user and token version on every
 * request, so a revoked token dies at once. Never past the token's own expiry.
 */
const VERIFIED_TTL_MS = 30_000;
const VERIFIED_MAX = 1024;

interface Verified { claims: AccessClaims; until: number }

export class AccessTokens {
  private readonly verified = new Map<string, Verified>();

  constructor(private readonly key: Uint8Array, readonly ttlSeconds: number) {}

  sign(userId: string, tokenVersion: number): Promise<string> {
    return new SignJWT({ tv: tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${Math.round(this.ttlSeconds)}s`)
      .sign(this.key);
  }

  /** The claims of a valid token; a 401 naming why otherwise. */
  async verify(token: string): Promise<AccessClaims> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && hit.until > now) return hit.claims;
    if (hit) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (typeof payload.sub !== 'string' || typeof payload.tv !== 'number') throw unauthorized('invalid-token', 'the access token is missing its claims');
      const claims = { userId: payload.sub, tokenVersion: payload.tv };
      this.remember(token, claims, typeof payload.exp === 'number' ? payload.exp * 1000 : now);
      return claims;
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw unauthorized('token-expired', 'the access token has expired: get a new one from POST /api/v1/auth/refresh');
      if (e instanceof errors.JOSEError) throw unauthorized('invalid-token', 'the access token is not valid (bad signature, format or claims)');
      throw e;
    }
  }

  private remember(token: string, claims: AccessClaims, expiresAtMs: number): void {
    const until = Math.min(Date.now() + VERIFIED_TTL_MS, expiresAtMs);
    if (until <= Date.now()) return;
    // Oldest first out (a Map keeps insertion order): bounded whatever the traffic.
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { claims, until });
  }
}
