/**
 * Encryption of bundles: AES-256-GCM with a key from the passphrase (scrypt, random salt).
 *
 * The payload is sealed in segments of at most 1 MiB, each with its own GCM tag, so a
 * reader never uses a byte before it is authenticated and a big bundle never has to fit in
 * memory. Nonce of segment i: 7-byte random prefix ‖ i (u32 BE) ‖ 1 if it is the last
 * segment else 0 — so segments cannot be reordered, dropped, or the bundle cut short
 * unnoticed. Every segment authenticates the whole file header as additional data.
 *
 * A key check value (HMAC of a fixed label under the key) in the header tells a wrong
 * passphrase apart from damaged data.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { BundleError } from './errors.js';

export const SEGMENT_BYTES = 1 << 20;
export const TAG_BYTES = 16;
export const SALT_BYTES = 16;
export const NONCE_PREFIX_BYTES = 7;
export const KEY_CHECK_BYTES = 16;

export interface KdfParams { log2N: number; r: number; p: number }
/** ~100 ms and 32 MiB on a laptop: slow to guess, quick to open. */
export const DEFAULT_KDF: KdfParams = { log2N: 15, r: 8, p: 1 };
/** Refused above these on reading: a crafted header must not make us spend minutes or gigabytes. */
const MAX_KDF: KdfParams = { log2N: 20, r: 16, p: 4 };

export interface CryptoHeader { kdf: KdfParams; salt: Buffer; noncePrefix: Buffer; keyCheck: Buffer }

export function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): Buffer {
  if (kdf.log2N > MAX_KDF.log2N || kdf.r > MAX_KDF.r || kdf.p > MAX_KDF.p || kdf.log2N < 10 || kdf.r < 1 || kdf.p < 1) {
    throw new BundleError('bad-kdf', `the bundle asks for key-derivation parameters out of range (N=2^${kdf.log2N}, r=${kdf.r}, p=${kdf.p}): it is damaged or not made by DataForge`);
  }
  const N = 2 ** kdf.log2N;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + 16 * 1024 * 1024 });
}

export function keyCheckOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update('dataforge bundle key check v1').digest().subarray(0, KEY_CHECK_BYTES);
}

export function newCryptoHeader(passphrase: string, kdf: KdfParams = DEFAULT_KDF): { header: CryptoHeader; key: Buffer } {
  const salt = randomBytes(SALT_BYTES);
  const key = deriveKey(passphrase, salt, kdf);
  return { header: { kdf, salt, noncePrefix: randomBytes(NONCE_PREFIX_BYTES), keyCheck: keyCheckOf(key) }, key };
}

/** The key for an encrypted bundle, or a clear refusal when the passphrase is not the one it was made with. */
export function openKey(passphrase: string, header: CryptoHeader, file?: string): Buffer {
  const key = deriveKey(passphrase, header.salt, header.kdf);
  if (!timingSafeEqual(keyCheckOf(key), header.keyCheck)) {
    throw new BundleError('wrong-passphrase', 'wrong passphrase: this bundle was encrypted with another one (or its header is damaged); nothing was applied', file);
  }
  return key;
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

/** Encrypts segment `index`: ciphertext ‖ tag. */
export function sealSegment(key: Buffer, prefix: Buffer, aad: Buffer, index: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', key, nonce(prefix, index, last));
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([body, c.getAuthTag()]);
}

/**
 * Decrypts and authenticates segment `index`. Tries it as a middle segment, then as the last
 * one (the flag is in the nonce, not in clear): returns which it was.
 */
export function openSegment(key: Buffer, prefix: Buffer, aad: Buffer, index: number, sealed: Buffer, file?: string): { plain: Buffer; last: boolean } {
  if (sealed.length < TAG_BYTES) throw altered(file);
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  for (const last of [false, true]) {
    try {
      const d = createDecipheriv('aes-256-gcm', key, nonce(prefix, index, last));
      d.setAAD(aad);
      d.setAuthTag(tag);
      const plain = Buffer.concat([d.update(body), d.final()]);
      return { plain, last };
    } catch {
      // not this flag (or not authentic): try the other, then refuse
    }
  }
  throw altered(file);
}

export function altered(file?: string): BundleError {
  return new BundleError('bundle-altered', 'the bundle has been altered or damaged (its authentication failed): nothing was applied', file);
}
