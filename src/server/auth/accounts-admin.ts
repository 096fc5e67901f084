/**
 * What the server's administrator does to accounts from the machine itself, with no HTTP and
 * no token: create one (the way in when self-registration is closed), list them, and set a
 * new password (which also ends every session of the account). The same rules as the API's:
 * emails normalised, the password policy, argon2id.
 */
import { z } from 'zod';
import type { MetaStore } from '../store/meta-store.js';
import { emailSchema, hashPassword, passwordSchema } from './passwords.js';

export type AccountAdminErrorCode = 'bad-email' | 'bad-password' | 'email-taken' | 'no-account';

export class AccountAdminError extends Error {
  constructor(readonly code: AccountAdminErrorCode, message: string) {
    super(message);
    this.name = 'AccountAdminError';
  }
}

export interface AccountSummary {
  id: string;
  email: string;
  createdAt: string;
  /** False for the no-auth mode's local user, which no password opens. */
  canLogIn: boolean;
}

function checked<T>(schema: z.ZodType<T>, value: string, code: AccountAdminErrorCode, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AccountAdminError(code, `${field} ${r.error.issues[0]?.message ?? 'is not valid'}`);
  return r.data;
}

export async function addAccount(store: MetaStore, email: string, password: string): Promise<AccountSummary> {
  const address = checked(emailSchema, email, 'bad-email', 'email');
  const secret = checked(passwordSchema, password, 'bad-password', 'password');
  const user = await store.users.create(address, await hashPassword(secret));
  if (!user) throw new AccountAdminError('email-taken', `an account for ${address} already exists: set its password with 'dataforge accounts password ${address}'`);
  return summary(user);
}

export async function listAccounts(store: MetaStore): Promise<AccountSummary[]> {
  return (await store.users.list()).map(summary);
}

/** A new password, and every session of the account ended (refresh tokens revoked, access tokens dead). */
export async function setAccountPassword(store: MetaStore, email: string, password: string): Promise<AccountSummary> {
  const address = checked(emailSchema, email, 'bad-email', 'email');
  const secret = checked(passwordSchema, password, 'bad-password', 'password');
  const passwordHash = await hashPassword(secret);
  const user = await store.tx(async (t) => {
    const found = await t.users.byEmail(address);
    if (!found) return undefined;
    await t.users.setPasswordHash(found.id, passwordHash);
    await t.refreshTokens.revokeAllForUser(found.id);
    await t.users.bumpTokenVersion(found.id);
    return { ...found, passwordHash };
  });
  if (!user) throw new AccountAdminError('no-account', `no account for ${address}: create it with 'dataforge accounts add ${address}'`);
  return summary(user);
}

function summary(u: { id: string; email: string; createdAt: number; passwordHash: string }): AccountSummary {
  return { id: u.id, email: u.email, createdAt: new Date(u.createdAt).toISOString(), canLogIn: u.passwordHash.startsWith('$argon2') };
}
