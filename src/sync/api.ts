/** The endpoints of one server workspace the sync client uses, with their answers validated. */
import { z } from 'zod';
import { answerText, BlobHttp, headerOf, type FileRange } from './blob-http.js';
import { SyncHttpError } from './errors.js';
import { unreachableError, type HttpClient } from './http.js';
import { withRetry } from './retry.js';
import { MissingBlobsResponse, PullResponse, PushResponse, TeamSettingsResponse, type PushRequest, type TeamSettings } from './protocol.js';

/** The server takes at most this many hashes per `missing` question. */
const MISSING_BATCH = 10_000;

const HeadResponse = z.object({ cursor: z.number().int().nonnegative() });
const WorkspaceInfo = z.object({ id: z.string(), name: z.string(), role: z.string() });
const PatchResponse = z.object({ stored: z.boolean(), offset: z.number().int().nonnegative().optional() });

export interface UploadState { offset: number; stored: boolean }

/** What a PATCH did: where the upload stands, and whether the server stored the blob AND recorded it for this workspace (then no finish is needed). */
export type AppendResult = (UploadState & { recorded: boolean }) | { mismatch: true };

/** A download's answer: the status, where a partial body starts, and the bytes. */
export interface DownloadStream { status: number; contentRange: string | null; chunks: AsyncIterable<Uint8Array> }

export interface MissingBlobs {
  missing: string[];
  /** Bytes the server holds of cut uploads (absent: 0, or a server that does not say). */
  offsets: Map<string, number>;
}

export class WorkspaceApi {
  private readonly base: string;
  /** Blob bodies over node:http; null when the caller supplied its own fetch (then everything goes through it). */
  private readonly blobHttp: BlobHttp | null;

  constructor(readonly http: HttpClient, readonly workspace: string) {
    this.base = `/workspaces/${encodeURIComponent(workspace)}`;
    this.blobHttp = http.customFetch ? null : new BlobHttp(http);
  }

  async info(): Promise<z.infer<typeof WorkspaceInfo>> {
    return (await this.http.json('GET', this.base, WorkspaceInfo)).data;
  }

  async head(): Promise<number> {
    return (await this.http.json('GET', `${this.base}/sync/head`, HeadResponse)).data.cursor;
  }

  async pull(since: number, limit: number): Promise<PullResponse> {
    return (await this.http.json('GET', `${this.base}/sync/pull?since=${since}&limit=${limit}`, PullResponse)).data;
  }

  /** The workspace's team settings; null from a server older than them (no such route). */
  async teamSettings(): Promise<TeamSettingsResponse | null> {
    const { status, data } = await this.http.json('GET', `${this.base}/sync/settings`, z.unknown(), { accept: [404] });
    if (status === 404) {
      if ((data as { error?: { code?: string } } | undefined)?.error?.code === 'not-found') return null;
      throw new SyncHttpError(404, 'workspace-not-found', `${this.workspace} is not a workspace on ${this.http.server} you belong to`, this.http.api);
    }
    const parsed = TeamSettingsResponse.safeParse(data);
    if (!parsed.success) throw new SyncHttpError(status, 'bad-response', `${this.http.server} answered the team settings in an unexpected shape: is the server the same DataForge version?`, this.http.api);
    return parsed.data;
  }

  /** Changes the team settings (admin), made on `baseVersion`; the server refuses a stale one (409 settings-changed). */
  async putTeamSettings(baseVersion: number, settings: TeamSettings): Promise<TeamSettingsResponse> {
    return (await this.http.json('PUT', `${this.base}/sync/settings`, TeamSettingsResponse, { json: { baseVersion, settings } })).data;
  }

  /** Retried as a whole with the same idempotency key: the server applies it at most once. */
  async push(req: PushRequest): Promise<PushResponse> {
    return (await this.http.json('POST', `${this.base}/sync/push`, PushResponse, { json: req })).data;
  }

  /**
   * Which of these blobs the server lacks (the ones it has are recorded for this workspace),
   * and where cut uploads of them stand (so no HEAD per blob is needed).
   */
  async missingWithOffsets(hashes: string[]): Promise<MissingBlobs> {
    const out: MissingBlobs = { missing: [], offsets: new Map() };
    for (let i = 0; i < hashes.length; i += MISSING_BATCH) {
      const { data } = await this.http.json('POST', `${this.base}/blobs/missing`, MissingBlobsResponse, { json: { hashes: hashes.slice(i, i + MISSING_BATCH) } });
      out.missing.push(...data.missing);
      for (const [sha, at] of Object.entries(data.offsets ?? {})) out.offsets.set(sha, at);
    }
    return out;
  }

  /** How far a resumable upload of `sha` got, or that the server has the blob already. */
  async uploadState(sha: string): Promise<UploadState> {
    return withRetry(async () => {
      const res = await this.http.stream('HEAD', `${this.base}/blobs/${sha}`);
      const offset = Number(res.headers.get('upload-offset') ?? 'NaN');
      if (!Number.isSafeInteger(offset) || offset < 0) {
        throw new SyncHttpError(res.status, 'bad-response', `${this.http.server} did not say how much of blob ${sha} it has (no Upload-Offset)`, this.http.api);
      }
      return { offset, stored: res.headers.get('blob-stored') === 'true' };
    }, this.http.retry);
  }

  /**
   * Sends `src` (a byte range of a file) as the part of the blob that starts at `offset`;
   * `complete` marks the blob's last bytes (`Upload-Complete: ?1`): the server then checks the
   * hash and stores the blob in the same request. One try: after a failure the caller asks
   * {@link uploadState} where to go on from. A 409 says the server is at another offset
   * (returned, not thrown); a 422 that the bytes do not match the hash.
   */
  async appendRange(sha: string, offset: number, src: FileRange, complete: boolean): Promise<AppendResult> {
    const headers = { 'upload-offset': String(offset), 'upload-complete': complete ? '?1' : '?0' };
    const path = `${this.base}/blobs/${sha}`;
    let status: number;
    let text: string;
    let at: string | null;
    if (this.blobHttp) {
      const a = await this.blobHttp.send('PATCH', path, { headers, body: src, accept: [409, 422] });
      status = a.status;
      at = headerOf(a, 'upload-offset');
      text = await answerText(a, this.http.api + path, this.http.server);
    } else {
      const bytes = Buffer.allocUnsafe(src.length);
      const { bytesRead } = await src.fh.read(bytes, 0, src.length, src.position);
      if (bytesRead !== src.length) throw new SyncHttpError(0, 'blob-changed-locally', `blob ${sha} changed size while being uploaded: run 'dataforge fsck'`, this.http.api);
      const r = await this.http.json('PATCH', path, z.unknown(), { body: bytes, headers, retry: false, accept: [409, 422] });
      status = r.status;
      at = r.headers.get('upload-offset');
      text = JSON.stringify(r.data ?? null);
    }
    if (status === 422) return { mismatch: true };
    if (status === 409) {
      const n = Number(at ?? 'NaN');
      if (Number.isSafeInteger(n) && n >= 0) return { offset: n, stored: false, recorded: false };
      throw new SyncHttpError(409, 'offset-mismatch', `the server refused the upload of ${sha} at offset ${offset}`, this.http.api);
    }
    let parsed: z.infer<typeof PatchResponse> | undefined;
    try { parsed = PatchResponse.parse(JSON.parse(text)); } catch { parsed = undefined; }
    if (!parsed) throw new SyncHttpError(status, 'bad-response', 'unexpected answer to a blob upload', this.http.api);
    // 201 only comes from a server that finished the blob in this request (older ones ignore Upload-Complete).
    return { offset: parsed.offset ?? offset + src.length, stored: parsed.stored, recorded: complete && parsed.stored && status === 201 };
  }

  /** Asks the server to check the uploaded bytes against `sha` and keep them. */
  async finish(sha: string): Promise<'stored' | 'hash-mismatch' | 'no-upload'> {
    const { status, data } = await this.http.json('POST', `${this.base}/blobs/${sha}/finish`, z.unknown(), { accept: [409, 422] });
    if (status === 422) return 'hash-mismatch';
    if (status === 409) {
      const code = (data as { error?: { code?: string } } | undefined)?.error?.code;
      if (code === 'no-upload') return 'no-upload';
      throw new SyncHttpError(409, code ?? 'conflict', `the server refused to finish the upload of ${sha}`, this.http.api);
    }
    return 'stored';
  }

  /** Starts a download of `sha` from byte `from` (a Range request when > 0); the body is read by the caller. */
  async downloadStream(sha: string, from: number): Promise<DownloadStream> {
    const path = `${this.base}/blobs/${sha}`;
    const headers: Record<string, string> = from > 0 ? { range: `bytes=${from}-` } : {};
    if (this.blobHttp) {
      const a = await this.blobHttp.send('GET', path, { headers });
      return { status: a.status, contentRange: headerOf(a, 'content-range'), chunks: a.body };
    }
    const res = await this.download(sha, from);
    if (!res.body) throw new SyncHttpError(res.status, 'bad-response', `no body in the download of blob ${sha}`, this.http.api);
    return { status: res.status, contentRange: res.headers.get('content-range'), chunks: webChunks(res.body, this.http.api + path, this.http.server) };
  }

  /** Starts a download of `sha` from byte `from` (a Range request when > 0). */
  async download(sha: string, from: number): Promise<Response> {
    return this.http.stream('GET', `${this.base}/blobs/${sha}`, { headers: from > 0 ? { range: `bytes=${from}-` } : {} });
  }
}

/** A web body's chunks; a failed read (a cut connection) becomes an 'unreachable' error. */
async function* webChunks(body: ReadableStream<Uint8Array>, url: string, server: string): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    while (true) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try { next = await reader.read(); } catch (e) { throw unreachableError(e, url, server); }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}
