/**
 * Login rate limiting: after `maxFailures` failed logins for one email from one address within
 * the window, further attempts (even with the right password) get 429 with Retry-After until the
 * oldest failure leaves the window. Keyed by email + address so an attacker elsewhere cannot lock
 * a user out of their own machine.
 */
import { tooManyRequests } from '../errors.js';
import type { MetaStore } from '../store/meta-store.js';

export class LoginLimiter {
  constructor(
    private readonly store: MetaStore,
    private readonly maxFailures: number,
    private readonly windowSeconds: number,
    /** What the 429 says happened (the wait is added). */
    private readonly what = 'too many failed logins for this account from your address',
  ) {}

  static key(email: string, address: string): string {
    return `${email}|${address}`;
  }

  /** Throws 429 while the key is locked out. */
  async check(key: string, now = Date.now()): Promise<void> {
    const windowMs = this.windowSeconds * 1000;
    const { count, oldest } = await this.store.loginAttempts.failuresSince(key, now - windowMs);
    if (count >= this.maxFailures && oldest !== null) {
      const retryAfter = (oldest + windowMs - now) / 1000;
      throw tooManyRequests(`${this.what}: try again in ${Math.ceil(retryAfter)} s`, retryAfter);
    }
  }

  private lastPrune = 0;

  async failed(key: string, now = Date.now()): Promise<void> {
    await this.store.loginAttempts.recordFailure(key, now);
    // Keep the table small: failures older than the window no longer count for anyone.
    const windowMs = this.windowSeconds * 1000;
    if (now - this.lastPrune > windowMs) {
      this.lastPrune = now;
      await this.store.loginAttempts.prune(now - windowMs);
    }
  }

  async succeeded(key: string): Promise<void> {
    await this.store.loginAttempts.clear(key);
  }
}
