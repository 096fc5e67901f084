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

export class AccessTokens {
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
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (typeof payload.sub !== 'string' || typeof payload.tv !== 'number') throw unauthorized('invalid-token', 'the access token is missing its claims');
      return { userId: payload.sub, tokenVersion: payload.tv };
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw unauthorized('token-expired', 'the access token has expired: get a new one from POST /api/v1/auth/refresh');
      if (e instanceof errors.JOSEError) throw unauthorized('invalid-token', 'the access token is not valid (bad signature, format or claims)');
      throw e;
    }
  }
}
