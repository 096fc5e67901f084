/**
 * Errors of the sync client. Every one carries a stable `code` (callers branch on it) and a
 * message that says what to do; the CLI prints the message and exits 1.
 */

export class SyncError extends Error {
  override readonly name: string = 'SyncError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * A request to a sync server that failed: `status` is the HTTP status, or 0 when no answer
 * came back at all (refused connection, cut connection, DNS failure) — `code` is then
 * 'unreachable'. `url` is where the request went (never with credentials in it).
 */
export class SyncHttpError extends SyncError {
  override readonly name = 'SyncHttpError';
  constructor(readonly status: number, code: string, message: string, readonly url: string, readonly retryAfterMs?: number) {
    super(code, message);
  }

  /** Worth trying again later: no answer, a server error, or too many requests. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** A bundle that cannot be read or applied: wrong passphrase, damaged or altered bytes, bad format. */
export class BundleError extends SyncError {
  override readonly name = 'BundleError';
  constructor(code: string, message: string, readonly file?: string) {
    super(code, file ? `${file}: ${message}` : message);
  }
}
