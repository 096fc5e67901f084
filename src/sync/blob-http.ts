/**
 * Blob bodies over node:http(s) directly, not fetch: on a fast link fetch's web streams
 * (a copy of every upload body, a promise per chunk) cost more CPU than moving the bytes.
 * Connections are kept alive and shared by every transfer of this process; uploads are read
 * from the file into pooled buffers and written as they are read (file-range-body.ts).
 *
 * Only the transport lives here: what to send and how to resume is blobs-transfer.ts's
 * business. Refusals become the same typed {@link SyncHttpError}s the fetch client throws.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { BlobFileHandle } from '../workspace/fd-file.js';
import { SyncError, SyncHttpError } from './errors.js';
import { FileRangeReadError, writeFileRange } from './file-range-body.js';
import { refusal, unreachableError, type HttpClient } from './http.js';

/**
 * Sockets per server: above the transfers a push or pull has under way (three per blob on the
 * wire; see transferQueue in client.ts), so none queues for one.
 */
const MAX_SOCKETS = 32;
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
};

/** A connection silent this long is given up (then retried like any cut one): fetch's body timeout. */
const IDLE_TIMEOUT_MS = 300_000;

export interface BlobAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  /** The body, unread: the caller reads it (a download) or it is read here (other answers). */
  body: IncomingMessage;
}

/** A file byte range as a request body; `onSent` is told once all of it is handed to the connection. */
export interface FileRange { fh: BlobFileHandle; position: number; length: number; onSent?: () => void }

export class BlobHttp {
  constructor(private readonly http: HttpClient) {}

  /**
   * A request whose answer's status is checked (2xx or `accept`, else the refusal is thrown)
   * and whose body is left for the caller. A 401 is answered by refreshing the token once and
   * sending again: the server checks the token before it reads any body byte.
   */
  async send(method: string, path: string, opts: { headers?: Record<string, string>; body?: FileRange; accept?: number[] } = {}): Promise<BlobAnswer> {
    const url = this.http.api + path;
    let token = await this.http.bearer();
    for (let refreshed = false; ; refreshed = true) {
      const res = await this.once(method, url, opts.headers ?? {}, token, opts.body);
      const status = res.statusCode ?? 0;
      if ((status >= 200 && status < 300) || opts.accept?.includes(status)) return { status, headers: res.headers, body: res };
      const text = await readAll(res).catch(() => '');
      if (status === 401 && token && !refreshed) {
        const fresh = await this.http.tokenAfter401(token);
        if (fresh) { token = fresh; continue; }
        throw new SyncHttpError(401, 'login-required', `your login to ${this.http.server} has expired or was revoked: run 'dataforge login'`, url);
      }
      if (status === 401 && !token) throw new SyncHttpError(401, 'login-required', `not logged in to ${this.http.server}: run 'dataforge login --email YOU'`, url);
      throw refusal({ status, statusText: res.statusMessage, text, retryAfter: headerOf(res, 'retry-after') }, url, this.http.server);
    }
  }

  /** One request; no answer at all (refused, reset, cut) becomes a transient 'unreachable' error. */
  private once(method: string, url: string, extra: Record<string, string>, token: string | undefined, body?: FileRange): Promise<IncomingMessage> {
    const u = new URL(url);
    const headers: OutgoingHttpHeaders = { accept: 'application/json', ...extra };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) {
      headers['content-type'] = 'application/octet-stream';
      headers['content-length'] = String(body.length);
    }
    const https = u.protocol === 'https:';
    const make = https ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      let answered = false;
      const req = make({ protocol: u.protocol, hostname: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, agent: agents[https ? 'https:' : 'http:'] });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`)));
      req.on('response', (res) => { answered = true; resolve(res); });
      req.on('error', (e) => { if (!answered) reject(unreachableError(e, url, this.http.server)); });
      if (!body) { req.end(); return; }
      writeRange(req, body).then(() => req.end(body.onSent), (e: unknown) => {
        // A file that cannot be read ends the request; a dead connection already failed it.
        if (!answered) req.destroy(e instanceof Error ? e : new Error(String(e)));
        if (e instanceof SyncError) reject(e);
      });
    });
  }
}

/** Streams the range into the request (pooled buffers, see file-range-body.ts); file failures become SyncErrors. */
async function writeRange(req: ClientRequest, src: FileRange): Promise<void> {
  try {
    await writeFileRange(req, src.fh, src.position, src.length);
  } catch (e) {
    if (!(e instanceof FileRangeReadError)) throw e;
    if (e.reason === 'short') throw new SyncError('blob-changed-locally', 'a blob file changed size while being uploaded: run \'dataforge fsck\'');
    throw new SyncError('blob-unreadable-locally', `a blob file could not be read for its upload (${e.message}): run 'dataforge fsck'`);
  }
}

async function readAll(res: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of res) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Reads a (small, JSON) answer body. */
export async function answerText(a: BlobAnswer, url: string, server: string): Promise<string> {
  try {
    return await readAll(a.body);
  } catch (e) {
    throw unreachableError(e, url, server);
  }
}

export function headerOf(res: Pick<IncomingMessage, 'headers'>, name: string): string | null {
  const v = res.headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}
