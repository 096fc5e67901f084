import { createHmac, timingSafeEqual } from 'node:crypto';
import { isSha256 } from './storage.js';

/** What a filesystem presigned URL lets its holder do with one blob. */
export type PresignOp = 'get' | 'put';

export type PresignVerdict = 'ok' | 'expired' | 'bad-signature';

/** The signature covers the operation, the blob and the expiry, so none can be swapped. */
export function presignSignature(secret: string, op: PresignOp, sha256: string, expires: number): string {
  return createHmac('sha256', secret).update(`dataforge-presign-v1\n${op}\n${sha256}\n${expires}`).digest('hex');
}

/**
 * Checks the signature before the expiry: an edited `expires` is reported as tampering, and
 * only a genuine URL past its time is reported as expired.
 */
export function verifyPresignSignature(
  secret: string, op: string, sha256: string, expires: string | undefined, sig: string | undefined, nowMs = Date.now(),
): PresignVerdict {
  if ((op !== 'get' && op !== 'put') || !isSha256(sha256)) return 'bad-signature';
  if (expires === undefined || sig === undefined || !/^[0-9]{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig)) return 'bad-signature';
  const expected = Buffer.from(presignSignature(secret, op, sha256, Number(expires)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'bad-signature';
  return Number(expires) * 1000 <= nowMs ? 'expired' : 'ok';
}
