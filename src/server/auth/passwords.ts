/** Email and password rules, and argon2id hashing (the parameters OWASP recommends: 19 MiB, 2 passes). */
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
/** Hashing a megabyte of "password" would be a cheap way to burn the server's CPU. */
export const PASSWORD_MAX_LENGTH = 1024;

/** Trimmed, Unicode-normalised and lowercased, so one address is one account whatever its spelling. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

export const emailSchema = z.string().transform(normaliseEmail).pipe(z.email('must be an email address').max(254, 'must be at most 254 characters'));
export const passwordSchema = z.string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

/** False for a wrong password and for a hash that is not one (e.g. the no-auth user's '!'). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash.startsWith('$argon2')) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the email is unknown, so both cases take the same time. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  return dummy;
}
