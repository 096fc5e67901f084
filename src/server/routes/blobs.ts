/**
 * Blob endpoints, mounted at `/api/v1/workspaces/:ws/blobs` (authenticated, per workspace role),
 * and the unauthenticated presigned routes of filesystem storage at `/api/v1/presigned`.
 *
 * Blob bytes are shared by the whole server (stored once), but a workspace reads only the blobs
 * recorded for it in `workspace_blobs`: a blob is recorded when the workspace finishes or
 * confirms an upload of it, or asks `missing` about a blob the server already holds (so a
 * second workspace never sends the same bytes again).
 */
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { FsBlobStorage } from '../blobs/fs-storage.js';
import type { BlobBody } from '../blobs/body-chunks.js';
import { blobResponse, parseRange, planReply, sendBlobFile } from '../blobs/http-range.js';
import { BlobError, isSha256, type BlobStorage } from '../blobs/storage.js';
import { WorkspaceBlobs } from '../blobs/workspace-blobs.js';
import { requireRole, type AppEnv, type Role } from '../context.js';
import { badRequest, conflict, forbidden, HttpError, notFound, type FieldProblem } from '../errors.js';
import { nodeRequest, nodeResponse } from '../node-bindings.js';
import { readJson } from '../request.js';
import type { MetaStore } from '../store/meta-store.js';

export const MAX_MISSING_HASHES = 10_000;
export const DEFAULT_UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_PRESIGN_TTL_SECONDS = 15 * 60;
/** Storage lookups in flight at once while answering `missing` (S3: HEAD requests). */
const HAS_CONCURRENCY = 32;

export interface BlobRouteDeps {
  storage: BlobStorage;
  store: Pick<MetaStore, 'db'>;
  /** Largest body of one PATCH (and of one filesystem presigned PUT). */
  uploadLimitBytes?: number;
  presignTtlSeconds?: number;
  /** The role check; the app's `requireRole` unless a test substitutes its own. */
  requireRole?: (min: Role) => MiddlewareHandler<AppEnv>;
}

/** Blob grants made here are repeated durably by the push that names the blobs (see WorkspaceBlobs.record). */
const RELAXED = { durable: false };

const missingBody = z.object({ hashes: z.array(z.string()).max(MAX_MISSING_HASHES, `at most ${MAX_MISSING_HASHES} hashes per request`) });

export function blobRoutes(deps: BlobRouteDeps): Hono<AppEnv> {
  const { storage } = deps;
  const index = new WorkspaceBlobs(deps.store.db);
  const uploadLimit = deps.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
  const ttl = deps.presignTtlSeconds ?? DEFAULT_PRESIGN_TTL_SECONDS;
  const role = deps.requireRole ?? requireRole;
  const app = new Hono<AppEnv>();

  app.post('/missing', role('member'), async (c) => {
    const { hashes } = await readJson(c, missingBody);
    const bad: FieldProblem[] = [];
    hashes.forEach((h, i) => { if (!isSha256(h) && bad.length < 20) bad.push({ path: `hashes.${i}`, message: 'not a lower-case sha256 hex digest' }); });
    if (bad.length > 0) throw badRequest('bad-hash', `${bad.length === 20 ? '20 or more' : bad.length} of the hashes are not lower-case sha256 hex digests`, bad);
    const unique = [...new Set(hashes)];
    const known = await index.recordedAnywhere(unique);
    const held = await mapLimit(unique, HAS_CONCURRENCY, async (sha) => known.has(sha) || storage.has(sha));
    const present = unique.filter((_, i) => held[i]);
    await index.record(workspaceOf(c), present, RELAXED);
    const missing = unique.filter((_, i) => !held[i]);
    // Where each cut upload stands, so the client resumes without a HEAD per blob.
    const sizes = await mapLimit(missing, HAS_CONCURRENCY, (sha) => storage.uploadedSize(sha));
    const offsets: Record<string, number> = {};
    missing.forEach((sha, i) => { if (sizes[i] > 0) offsets[sha] = sizes[i]; });
    // Only when there is one: the answer's shape is unchanged for clients that never cut an upload.
    return c.json(Object.keys(offsets).length ? { missing, offsets } : { missing });
  });

  // Hono answers HEAD with the GET route, so one route serves both: HEAD reports an upload's
  // offset (member+), GET downloads (viewer+).
  const headOrGetRole: MiddlewareHandler<AppEnv> = (c, next) => role(c.req.method === 'HEAD' ? 'member' : 'viewer')(c, next);
  app.get('/:sha', headOrGetRole, async (c) => {
    const sha = hashParam(c);
    if (c.req.method === 'HEAD') {
      const stored = await storage.has(sha);
      const offset = stored ? 0 : await storage.uploadedSize(sha);
      return c.body(null, 200, { 'Upload-Offset': String(offset), 'Blob-Stored': stored ? 'true' : 'false', 'Cache-Control': 'no-store' });
    }
    if (!(await index.isRecorded(workspaceOf(c), sha))) throw blobNotFound(sha);
    if (c.req.query('redirect') === '1') {
      c.header('Cache-Control', 'no-store');
      return c.redirect(await storage.presignGet(sha, ttl), 302);
    }
    const out = nodeResponse(c);
    const res = out && storage instanceof FsBlobStorage
      ? await withStorageErrors(() => sendFromFile(c, out, storage, sha))
      : await withStorageErrors(() => blobResponse(storage, sha, c.req.header('Range')));
    if (!res) {
      c.get('log')?.error('a blob recorded for a workspace is missing from storage', { sha256: sha, workspaceId: workspaceOf(c) });
      throw blobNotFound(sha);
    }
    return res;
  });

  // `Upload-Complete: ?1` (as in the IETF resumable uploads draft) says this PATCH carries the
  // blob's last bytes: the server finishes it in the same request (hash check included), so a
  // blob that fits in one request costs one round trip.
  app.patch('/:sha', role('member'), async (c) => {
    const sha = hashParam(c);
    const offset = uploadOffset(c.req.header('Upload-Offset'));
    const complete = uploadComplete(c.req.header('Upload-Complete'));
    if (await storage.has(sha)) {
      if (complete) await index.record(workspaceOf(c), [sha], RELAXED);
      return c.json({ sha256: sha, stored: true });
    }
    refuseDeclaredSize(c.req.header('Content-Length'), uploadLimit);
    let size: number;
    try {
      size = await storage.appendUpload(sha, offset, requestBody(c), uploadLimit, complete);
    } catch (err) {
      if (err instanceof BlobError && err.code === 'offset-mismatch') {
        const current = await storage.uploadedSize(sha);
        throw new HttpError(409, 'offset-mismatch', `this upload is at offset ${current}, not ${offset}: send the bytes from ${current}`, { 'Upload-Offset': String(current) });
      }
      throw httpErrorOf(err);
    }
    c.header('Upload-Offset', String(size));
    if (!complete) return c.json({ sha256: sha, stored: false, offset: size });
    await finishOf(c, sha);
    return c.json({ sha256: sha, stored: true, offset: size }, 201);
  });

  /** Hash-checks an upload and records the blob for the workspace; 422 on a mismatch (the bytes are dropped). */
  const finishOf = async (c: Context<AppEnv>, sha: string): Promise<void> => {
    const result = await withStorageErrors(() => storage.finishUpload(sha));
    if (result === 'hash-mismatch') {
      throw new HttpError(422, 'hash-mismatch', `the uploaded bytes do not hash to ${sha}; nothing was stored, upload the blob again from offset 0`);
    }
    if (result === 'no-upload' && !(await storage.has(sha))) {
      throw conflict('no-upload', `there is no upload of ${sha} to finish: send its bytes first`);
    }
    await index.record(workspaceOf(c), [sha], RELAXED);
  };

  const finish = async (c: Context<AppEnv>) => {
    const sha = hashParam(c);
    await finishOf(c, sha);
    return c.json({ sha256: sha, stored: true }, 201);
  };
  app.post('/:sha/finish', role('member'), finish);
  app.post('/:sha/confirm', role('member'), finish);

  app.post('/:sha/presign-put', role('member'), async (c) => {
    const sha = hashParam(c);
    if (await storage.has(sha)) {
      await index.record(workspaceOf(c), [sha], RELAXED);
      return c.json({ sha256: sha, stored: true });
    }
    const url = await withStorageErrors(() => storage.presignPut(sha, ttl));
    return c.json({ sha256: sha, stored: false, method: 'PUT', url, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() });
  });

  return app;
}

export interface PresignedRouteDeps {
  storage: BlobStorage;
  /** Largest body of one presigned PUT (a whole blob). */
  uploadLimitBytes?: number;
}

/**
 * `GET|PUT /api/v1/presigned/:op/:sha?expires=&sig=`, for filesystem storage only (with S3 the
 * URLs point at the object store). No login: the HMAC signature is the authority, so it is
 * checked before anything is read or written.
 */
export function presignedRoutes(deps: PresignedRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const uploadLimit = deps.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
  const authorise = (c: Context<AppEnv>, method: 'get' | 'put'): { fs: FsBlobStorage; sha: string } => {
    if (!(deps.storage instanceof FsBlobStorage)) {
      throw notFound('presigned-not-served', 'this server keeps blobs in S3: presigned URLs point at the object store, not here');
    }
    const sha = hashParam(c);
    const op = c.req.param('op');
    if (op !== method) throw forbidden('presigned-url-invalid', `this presigned URL is for ${op === 'get' || op === 'put' ? op.toUpperCase() : 'nothing'}, not ${method.toUpperCase()}`);
    const expires = c.req.query('expires');
    const verdict = deps.storage.verifyPresigned(op, sha, expires, c.req.query('sig'));
    if (verdict === 'expired') {
      throw forbidden('presigned-url-expired', `this presigned URL expired at ${new Date(Number(expires) * 1000).toISOString()}: ask the server for a new one`);
    }
    if (verdict !== 'ok') {
      throw forbidden('presigned-url-invalid', 'this presigned URL\'s signature does not match: it was altered, or signed by another server or with an older key');
    }
    return { fs: deps.storage, sha };
  };

  app.get('/:op/:sha', async (c) => {
    const { fs, sha } = authorise(c, 'get');
    const res = await blobResponse(fs, sha, c.req.header('Range'));
    if (!res) throw blobNotFound(sha);
    return res;
  });

  app.put('/:op/:sha', async (c) => {
    const { fs, sha } = authorise(c, 'put');
    if (await fs.has(sha)) return c.json({ sha256: sha, stored: true });
    refuseDeclaredSize(c.req.header('Content-Length'), uploadLimit);
    const received = await fs.putPresigned(sha, c.req.raw.body ?? emptyBody(), uploadLimit).catch((err: unknown) => { throw httpErrorOf(err); });
    return c.json({ sha256: sha, stored: false, received });
  });

  return app;
}

function hashParam(c: Context<AppEnv>): string {
  const sha = c.req.param('sha') ?? '';
  if (!isSha256(sha)) throw badRequest('bad-hash', 'a blob is named by its sha256 as 64 lower-case hex digits');
  return sha;
}

function workspaceOf(c: Context<AppEnv>): string {
  const id = c.get('auth')?.workspaceId;
  if (!id) throw new Error('blob routes must run behind requireRole (no workspace on the request)');
  return id;
}

function uploadOffset(header: string | undefined): number {
  if (header === undefined || !/^\d{1,15}$/.test(header.trim())) {
    throw badRequest('bad-upload-offset', 'Upload-Offset must be the number of bytes the server already has (ask with HEAD)');
  }
  return Number(header.trim());
}

/** Structured-field boolean (RFC 8941): `?1` true, `?0` or absent false. */
function uploadComplete(header: string | undefined): boolean {
  if (header === undefined) return false;
  const v = header.trim();
  if (v === '?1') return true;
  if (v === '?0') return false;
  throw badRequest('bad-upload-complete', 'Upload-Complete must be ?1 (these are the blob\'s last bytes) or ?0');
}

/** The request body: the Node request itself where there is one (see node-bindings.ts), else the web body. */
function requestBody(c: Context<AppEnv>): BlobBody {
  return nodeRequest(c) ?? c.req.raw.body ?? emptyBody();
}

/**
 * A download written to the Node response directly (see sendBlobFile); Hono is answered with
 * the adapter's "already sent" mark. The request id goes out with the headers, as the app
 * adds it to every answer.
 */
async function sendFromFile(c: Context<AppEnv>, out: ServerResponse, storage: FsBlobStorage, sha: string): Promise<Response | null> {
  const blob = await storage.openBlob(sha);
  if (!blob) return null;
  const plan = planReply(sha, parseRange(c.req.header('Range')), blob.size);
  const requestId = c.get('requestId');
  sendBlobFile(out, blob, plan, requestId ? { 'X-Request-Id': requestId } : {});
  return RESPONSE_ALREADY_SENT;
}

function refuseDeclaredSize(contentLength: string | undefined, limit: number): void {
  if (contentLength !== undefined && Number(contentLength) > limit) throw tooLargeError(limit);
}

function tooLargeError(limit: number): HttpError {
  return new HttpError(413, 'upload-too-large', `one upload request may carry at most ${limit} bytes: send the blob in several PATCH requests`);
}

function blobNotFound(sha: string): HttpError {
  return notFound('blob-not-found', `blob ${sha} is not in this workspace`);
}

function httpErrorOf(err: unknown): unknown {
  if (!(err instanceof BlobError)) return err;
  switch (err.code) {
    case 'too-large': return new HttpError(413, 'upload-too-large', err.message);
    case 'bad-hash': return badRequest('bad-hash', err.message);
    case 'body-interrupted': return badRequest('body-interrupted', err.message);
    case 'offset-mismatch': return conflict('offset-mismatch', err.message);
    default: return new HttpError(503, 'blob-storage-unavailable', err.message);
  }
}

async function withStorageErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw httpErrorOf(err);
  }
}

function emptyBody(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start(controller) { controller.close(); } });
}

/** Like Promise.all over `items.map(fn)`, with at most `limit` calls in flight. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
