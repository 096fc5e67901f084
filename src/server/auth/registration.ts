/**
 * Who may create an account on this server. Self-registration is open by default (a team server
 * on a private network); a company server can restrict it to its own email domains or close it,
 * and every address is limited in how many accounts it may create per hour, since each one costs
 * an argon2id hash and a row.
 */
import { forbidden } from '../errors.js';
import type { MetaStore } from '../store/meta-store.js';
import { LoginLimiter } from './rate-limit.js';

export interface RegistrationPolicy {
  /** false: POST /auth/register is refused (403 registration-closed). */
  open: boolean;
  /** When non-empty, only emails in these domains may register (lower case, no '@'). */
  domains: string[];
  /** Registration attempts allowed per client address per hour. */
  perAddressPerHour: number;
}

export const OPEN_REGISTRATION: RegistrationPolicy = { open: true, domains: [], perAddressPerHour: 20 };

export class RegistrationGate {
  private readonly limiter: LoginLimiter;

  constructor(store: MetaStore, private readonly policy: RegistrationPolicy) {
    this.limiter = new LoginLimiter(store, policy.perAddressPerHour, 3600, 'too many accounts registered from your address');
  }

  /** Throws 403 when the policy refuses `email`, 429 when `address` has registered too often; else counts the attempt. */
  async admit(email: string, address: string): Promise<void> {
    if (!this.policy.open) throw forbidden('registration-closed', 'this server does not take new accounts: ask its administrator for one (made on the server with `dataforge accounts add`)');
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    if (this.policy.domains.length && !this.policy.domains.includes(domain)) {
      throw forbidden('registration-domain', `this server takes accounts for ${this.policy.domains.map((d) => `@${d}`).join(', ')} only`);
    }
    const key = `register|${address}`;
    await this.limiter.check(key);
    await this.limiter.failed(key); // every attempt counts, taken or not
  }
}
