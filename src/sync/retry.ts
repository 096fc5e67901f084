/**
 * Retry with exponential backoff and jitter, for requests that failed in a way that may
 * pass: no answer, a 5xx, a 429. A server that says when to come back (Retry-After) is
 * believed, up to a cap. Attempts are bounded: an unreachable server is reported, not waited
 * on for ever (the outbox keeps the changes for the next run).
 */
import { SyncHttpError } from './errors.js';

export interface RetryOptions {
  /** Tries in all, the first included (1 = no retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured; a server asking for more gets this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 300, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

/** DATAFORGE_SYNC_ATTEMPTS overrides the number of tries (1 = fail fast, e.g. in scripts). */
export function retryFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RetryOptions> {
  const n = Number(env.DATAFORGE_SYNC_ATTEMPTS);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? { attempts: n } : {};
}

/**
 * Delay before try number `attempt + 1` (attempt counts from 1): "equal jitter", half the
 * exponential step fixed and half random, so clients that failed together spread out but
 * none comes back at once (the server may still be settling the request that failed).
 */
export function backoffDelay(attempt: number, opts: RetryOptions, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return retryAfterMs !== undefined ? Math.min(opts.maxRetryAfterMs, Math.max(retryAfterMs, jittered)) : jittered;
}

/** Retry-After as seconds or an HTTP date → milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryHooks {
  /** Told before each wait: what failed and how long until the next try. */
  onRetry?: (error: SyncHttpError, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** Runs `fn` until it succeeds, fails for good (not transient), or the tries are used up. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions, hooks: RetryHooks = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!(e instanceof SyncHttpError) || !e.transient || attempt >= opts.attempts) throw e;
      const delay = backoffDelay(attempt, opts, e.retryAfterMs);
      hooks.onRetry?.(e, attempt, delay);
      await (hooks.sleep ?? sleep)(delay);
    }
  }
}
