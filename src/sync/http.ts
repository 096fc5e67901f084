/**
 * A small fetch client for the DataForge API: JSON in and out (answers validated with zod),
 * refusals as typed {@link SyncHttpError}s, the access token attached and refreshed, and
 * retries with backoff for whatever may pass (no answer, 5xx, 429).
 *
 * Tokens are read from the credential store on every request, not cached: another process
 * (a second `dataforge` command) may have rotated them meanwhile.
 */
import type { z } from 'zod';
import { z as zod } from 'zod';
import { CredentialStore, type ServerCredentials } from './credentials.js';
import { SyncHttpError } from './errors.js';
import { DEFAULT_RETRY, parseRetryAfter, retryFromEnv, withRetry, type RetryHooks, type RetryOptions } from './retry.js';

export const API_PREFIX = '/api/v1';

const ErrorBody = zod.object({ error: zod.object({ code: zod.string(), message: zod.string() }) });

export const TokenPair = zod.object({
  accessToken: zod.string(),
  expiresIn: zod.number(),
  refreshToken: zod.string(),
  user: zod.object({ id: zod.string(), email: zod.string() }),
});
export type TokenPair = zod.infer<typeof TokenPair>;

/** Refresh a little before the server would refuse the token: 30 s, or a tenth of a short lifetime. */
const EXPIRY_MARGIN_MS = 30_000;

function fresh(creds: ServerCredentials, now = Date.now()): boolean {
  const expires = Date.parse(creds.accessExpiresAt);
  const margin = Math.min(EXPIRY_MARGIN_MS, Math.max(0, expires - Date.parse(creds.savedAt)) / 10);
  return expires - margin > now;
}

export interface HttpClientOptions {
  /** Where the server is: `http://host:port` (a path prefix is kept, for a server behind a proxy). */
  server: string;
  /** Tokens; `null` sends none (a no-auth server). Default: the user's credential store. */
  credentials?: CredentialStore | null;
  retry?: Partial<RetryOptions>;
  retryHooks?: RetryHooks;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Retry transient failures (default true). Off for bodies that must not be re-sent blindly. */
  retry?: boolean;
  /** Statuses that are an answer rather than an error (besides 2xx). */
  accept?: number[];
}

export interface JsonReply<T> { status: number; headers: Headers; data: T }

export class HttpClient {
  readonly server: string;
  readonly api: string;
  readonly retry: RetryOptions;
  private readonly credentials: CredentialStore | null;
  private readonly fetchFn: typeof fetch;
  /** A caller-supplied fetch (tests, proxies): then every request, blob bodies too, goes through it. */
  readonly customFetch: boolean;
  private readonly hooks: RetryHooks;
  private refreshing?: Promise<string | undefined>;

  constructor(opts: HttpClientOptions) {
    const u = new URL(opts.server);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SyncHttpError(0, 'bad-url', `'${opts.server}' is not an http(s) URL`, opts.server);
    this.server = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
    this.api = this.server + API_PREFIX;
    this.credentials = opts.credentials === undefined ? new CredentialStore() : opts.credentials;
    this.retry = { ...DEFAULT_RETRY, ...retryFromEnv(), ...opts.retry };
    this.fetchFn = opts.fetch ?? fetch;
    this.customFetch = opts.fetch !== undefined;
    this.hooks = opts.retryHooks ?? {};
  }

  /** A JSON request; the answer is validated against `schema`. */
  async json<S extends z.ZodType>(method: string, path: string, schema: S, opts: RequestOptions = {}): Promise<JsonReply<z.output<S>>> {
    const run = async () => {
      const res = await this.send(method, path, opts);
      const text = await readText(res, this.api + path);
      if (res.status === 204 || text === '') return { status: res.status, headers: res.headers, data: schema.parse(undefined) };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new SyncHttpError(res.status, 'bad-response', `${this.server} answered ${method} ${path} with something that is not JSON: is this a DataForge server?`, this.api + path);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        throw new SyncHttpError(res.status, 'bad-response', `${this.server} answered ${method} ${path} in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}): is the server the same DataForge version?`, this.api + path);
      }
      return { status: res.status, headers: res.headers, data: parsed.data };
    };
    return opts.retry === false ? run() : withRetry(run, this.retry, this.hooks);
  }

  /**
   * A request whose answer the caller reads itself (a blob download): the status is checked,
   * the body left unread. No retry here: the caller knows how to resume.
   */
  async stream(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    return this.send(method, path, opts);
  }

  /** One try: attaches the token, refreshes it once on a 401, turns refusals into errors. */
  private async send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const url = this.api + path;
    let token = await this.accessToken();
    for (let refreshed = false; ; refreshed = true) {
      const res = await this.fetchOnce(method, url, opts, token);
      if (res.ok || opts.accept?.includes(res.status)) return res;
      if (res.status === 401 && token && !refreshed) {
        await res.body?.cancel().catch(() => undefined);
        const fresh = await this.refreshAfter401(token);
        if (fresh) { token = fresh; continue; }
        throw new SyncHttpError(401, 'login-required', `your login to ${this.server} has expired or was revoked: run 'dataforge login'`, url);
      }
      if (res.status === 401 && !token) {
        await res.body?.cancel().catch(() => undefined);
        throw new SyncHttpError(401, 'login-required', `not logged in to ${this.server}: run 'dataforge login --email YOU'`, url);
      }
      throw await errorOf(res, url, this.server);
    }
  }

  private async fetchOnce(method: string, url: string, opts: RequestOptions, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: RequestInit['body'];
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.body) {
      headers['content-type'] ??= 'application/octet-stream';
      body = opts.body;
    }
    try {
      return await this.fetchFn(url, { method, headers, body, redirect: 'follow' });
    } catch (e) {
      throw unreachable(e, url, this.server);
    }
  }

  // ---- tokens ---------------------------------------------------------------------------

  private stored(): ServerCredentials | undefined {
    return this.credentials?.get(this.server);
  }

  /** The access token to send (refreshed first when it is about to run out); undefined without a login. */
  async bearer(): Promise<string | undefined> {
    return this.accessToken();
  }

  /** After `rejected` was answered 401: a fresh token, or undefined when the session is over (log in again). */
  async tokenAfter401(rejected: string): Promise<string | undefined> {
    return this.refreshAfter401(rejected);
  }

  private async accessToken(): Promise<string | undefined> {
    const creds = this.stored();
    if (!creds) return undefined;
    if (fresh(creds)) return creds.accessToken;
    return this.refreshAfter401(creds.accessToken);
  }

  /**
   * A new access token, after `rejected` was refused or ran out. One refresh at a time: the
   * server rotates refresh tokens and treats a reused one as theft (it ends the session).
   */
  private refreshAfter401(rejected: string): Promise<string | undefined> {
    this.refreshing ??= this.refresh(rejected).finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  private async refresh(rejected: string): Promise<string | undefined> {
    const creds = this.stored();
    if (!creds) return undefined;
    // Another process may have refreshed already: use its token rather than spend the refresh token again.
    if (creds.accessToken !== rejected && fresh(creds)) return creds.accessToken;
    let res: Response;
    const url = `${this.api}/auth/refresh`;
    try {
      res = await withRetry(async () => {
        const r = await this.fetchOnce('POST', url, { json: { refreshToken: creds.refreshToken } }, undefined);
        if (r.status >= 500 || r.status === 429) throw await errorOf(r, url, this.server);
        return r;
      }, this.retry, this.hooks);
    } catch (e) {
      throw e instanceof SyncHttpError ? e : unreachable(e, url, this.server);
    }
    if (res.status === 401 || res.status === 400) {
      await res.body?.cancel().catch(() => undefined);
      // The session is over (expired, revoked, or ended as stolen): forget the dead tokens.
      this.credentials?.delete(this.server);
      return undefined;
    }
    if (!res.ok) throw await errorOf(res, url, this.server);
    const pair = TokenPair.parse(JSON.parse(await readText(res, url)));
    this.saveTokens(pair);
    return pair.accessToken;
  }

  /** Stores a token pair from login or refresh (the refresh token is a new one each time). */
  saveTokens(pair: TokenPair): void {
    this.credentials?.set(this.server, {
      email: pair.user.email, userId: pair.user.id,
      accessToken: pair.accessToken, accessExpiresAt: new Date(Date.now() + pair.expiresIn * 1000).toISOString(),
      refreshToken: pair.refreshToken, savedAt: new Date().toISOString(),
    });
  }

  get loggedInAs(): string | undefined {
    return this.stored()?.email;
  }

  // ---- accounts -------------------------------------------------------------------------

  async login(email: string, password: string): Promise<TokenPair> {
    // No retry on a refusal (wrong password counts against the rate limit), only on no answer.
    const { data } = await this.json('POST', '/auth/login', TokenPair, { json: { email, password } });
    this.saveTokens(data);
    return data;
  }

  async register(email: string, password: string): Promise<TokenPair> {
    const { data } = await this.json('POST', '/auth/register', TokenPair, { json: { email, password } });
    this.saveTokens(data);
    return data;
  }

  /**
   * Ends the session on the server and forgets the tokens here. The local tokens go even when
   * the server cannot be reached (then `serverSaid` is false: the refresh token lives on there until it expires).
   */
  async logout(): Promise<{ wasLoggedIn: boolean; serverSaid: boolean }> {
    const creds = this.stored();
    if (!creds) return { wasLoggedIn: false, serverSaid: false };
    let serverSaid = true;
    try {
      await this.json('POST', '/auth/logout', zod.unknown(), { json: { refreshToken: creds.refreshToken }, accept: [401] });
    } catch (e) {
      if (!(e instanceof SyncHttpError)) throw e;
      serverSaid = false;
    } finally {
      this.credentials?.delete(this.server);
    }
    return { wasLoggedIn: true, serverSaid };
  }
}

async function readText(res: Response, url: string): Promise<string> {
  try {
    return await res.text();
  } catch (e) {
    throw unreachable(e, url, new URL(url).origin);
  }
}

function unreachable(e: unknown, url: string, server: string): SyncHttpError {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
  return new SyncHttpError(0, 'unreachable', `cannot reach ${server} (${why})`, url);
}

async function errorOf(res: Response, url: string, server: string): Promise<SyncHttpError> {
  let text = '';
  try { text = await res.text(); } catch { /* the refusal is what matters */ }
  return refusal({ status: res.status, statusText: res.statusText, text, retryAfter: res.headers.get('retry-after') }, url, server);
}

/** A refusal as a typed error: the server's `{ error: { code, message } }` when it sent one, else the status line. */
export function refusal(answer: { status: number; statusText?: string; text: string; retryAfter?: string | null }, url: string, server: string): SyncHttpError {
  let code = `http-${answer.status}`;
  let message = `${server} answered ${answer.status} ${answer.statusText ?? ''}`.trim();
  try {
    const body = ErrorBody.safeParse(JSON.parse(answer.text));
    if (body.success) { code = body.data.error.code; message = body.data.error.message; }
  } catch { /* not JSON: keep the status line */ }
  return new SyncHttpError(answer.status, code, message, url, parseRetryAfter(answer.retryAfter ?? null));
}

/** No answer at all (refused, cut, reset): a transient 'unreachable' error. */
export function unreachableError(e: unknown, url: string, server: string): SyncHttpError {
  return unreachable(e, url, server);
}
