import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bodyChunks, tooLarge, type BlobBody } from './body-chunks.js';
import { KeyedLock } from './keyed-lock.js';
import { assertSha256, BlobError, type BlobStorage } from './storage.js';

export interface S3BlobStorageOptions {
  bucket: string;
  /** S3-compatible endpoint (MinIO, Ceph, ...); omit for AWS. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most self-hosted S3 servers need. */
  forcePathStyle?: boolean;
  /** Key prefix for everything this server writes; a trailing '/' is added when missing. */
  prefix?: string;
  /**
   * The endpoint written into presigned URLs when clients reach the object store under another
   * name than the server does (e.g. `http://minio:9000` inside compose, a public host outside).
   */
  presignEndpoint?: string;
  /** Staged upload parts are cut at this size (bytes held in memory per request); default 8 MiB. */
  partBytes?: number;
}

type StagedKey = { key: string; size: number };

const OFFSET_DIGITS = 16;

/**
 * Blobs in an S3 bucket:
 *   `<prefix>blobs/<sha256>`                 stored blobs
 *   `<prefix>uploads/<sha256>/<offset>`      a resumable upload, as plain objects: one per
 *                                            piece, named by its zero-padded start offset
 *   `<prefix>uploads/<sha256>/put`           a presigned PUT, waiting for its confirm
 *   `<prefix>uploads/<sha256>/assembled`     several pieces joined while being verified
 *
 * Why plain objects rather than an S3 multipart upload: multipart parts must be at least 5 MiB
 * (except the last) and each part is all-or-nothing, while a cut connection may leave any
 * number of bytes; with plain objects every byte that arrived is kept at its offset, whatever
 * the piece sizes. The uploaded size is the contiguous run of pieces from offset 0.
 * Limitation: the final CopyObject is a single copy, so one blob can be at most 5 GiB.
 */
export class S3BlobStorage implements BlobStorage {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  private readonly presigner: S3Client;
  private readonly lock = new KeyedLock();
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partBytes: number;

  constructor(options: S3BlobStorageOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ? options.prefix.replace(/\/*$/, '/') : '';
    this.partBytes = options.partBytes ?? 8 * 1024 * 1024;
    this.client = makeClient(options, options.endpoint);
    this.presigner = options.presignEndpoint ? makeClient(options, options.presignEndpoint) : this.client;
  }

  blobKey(sha256: string): string {
    assertSha256(sha256);
    return `${this.prefix}blobs/${sha256}`;
  }

  private stagingPrefix(sha256: string): string {
    assertSha256(sha256);
    return `${this.prefix}uploads/${sha256}/`;
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.objectSize(this.blobKey(sha256))) !== null;
  }

  async uploadedSize(sha256: string): Promise<number> {
    return chainEnd(await this.partChain(sha256));
  }

  async appendUpload(sha256: string, offset: number, body: BlobBody, maxBytes: number): Promise<number> {
    return this.lock.run(sha256, async () => {
      const current = await this.uploadedSize(sha256);
      if (offset !== current) {
        throw new BlobError('offset-mismatch', `upload of ${sha256} is at offset ${current}, not ${offset}; continue from ${current}`);
      }
      const written: string[] = [];
      let flushed = 0;
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const flush = async (): Promise<void> => {
        if (pendingBytes === 0) return;
        const key = this.partKey(sha256, offset + flushed);
        await this.put(key, Buffer.concat(pending, pendingBytes));
        written.push(key);
        flushed += pendingBytes;
        pending = [];
        pendingBytes = 0;
      };
      try {
        for await (const chunk of bodyChunks(body)) {
          if (flushed + pendingBytes + chunk.byteLength > maxBytes) {
            // The whole request is refused: remove what it already stored.
            await Promise.all(written.map((key) => this.delete(key)));
            throw tooLarge(maxBytes);
          }
          pending.push(chunk);
          pendingBytes += chunk.byteLength;
          if (pendingBytes >= this.partBytes) await flush();
        }
        await flush();
      } catch (err) {
        // A cut connection keeps what arrived, so the retry continues from exactly there.
        if (err instanceof BlobError && err.code === 'body-interrupted') await flush();
        throw err;
      }
      return offset + flushed;
    });
  }

  async finishUpload(sha256: string): Promise<'stored' | 'hash-mismatch' | 'no-upload'> {
    return this.lock.run(sha256, async () => {
      const staged = await this.listStaged(sha256);
      if (staged.length === 0) return 'no-upload';
      const finalKey = this.blobKey(sha256);
      let stored = await this.has(sha256);
      const presignedPut = staged.find((s) => s.key.endsWith('/put'));
      if (!stored && presignedPut && (await this.hashObject(presignedPut.key)) === sha256) {
        await this.copy(presignedPut.key, finalKey);
        stored = true;
      }
      if (!stored) {
        const chain = chainOf(staged, this.stagingPrefix(sha256));
        if (chain.length === 1 && (await this.hashObject(chain[0].key)) === sha256) {
          await this.copy(chain[0].key, finalKey);
          stored = true;
        } else if (chain.length > 1) {
          const assembled = `${this.stagingPrefix(sha256)}assembled`;
          if ((await this.assemble(chain, assembled)) === sha256) {
            await this.copy(assembled, finalKey);
            stored = true;
          }
          staged.push({ key: assembled, size: 0 });
        }
      }
      // Matched or not, the staged bytes have served their purpose: a mismatch starts over.
      await Promise.all(staged.map((s) => this.delete(s.key)));
      return stored ? 'stored' : 'hash-mismatch';
    });
  }

  async read(sha256: string, range?: { start: number; end?: number }): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    const key = this.blobKey(sha256);
    try {
      const out = await this.client.send(new GetObjectCommand({
        Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
      }));
      const total = out.ContentRange ? Number(out.ContentRange.split('/')[1]) : Number(out.ContentLength ?? 0);
      if (!out.Body) throw new BlobError('storage', `S3 returned no body for ${key}`);
      const body = out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      if (!range) return { body, size: total };
      // Some S3-compatible servers answer a range they find odd with more bytes than asked
      // (s3rver sends everything for `bytes=0-0`); cut out the requested bytes from what came.
      const sent = out.ContentRange?.match(/^bytes (\d+)-(\d+)\//);
      const sentStart = sent ? Number(sent[1]) : 0;
      const sentEnd = sent ? Number(sent[2]) : total - 1;
      const wantEnd = Math.min(range.end ?? total - 1, total - 1);
      if (sentStart === range.start && sentEnd === wantEnd) return { body, size: total };
      if (sentStart > range.start || sentEnd < wantEnd) {
        await body.cancel();
        throw new BlobError('storage', `the object store sent bytes ${sentStart}-${sentEnd} of ${key} when asked for ${range.start}-${wantEnd}`);
      }
      return { body: sliceStream(body, range.start - sentStart, wantEnd - sentStart), size: total };
    } catch (err) {
      if (isNotFound(err)) return null;
      if (statusOf(err) === 416) {
        // A range past the end: report the size with an empty body, as the contract says.
        const size = await this.objectSize(key);
        return size === null ? null : { body: new ReadableStream<Uint8Array>({ start(c) { c.close(); } }), size };
      }
      throw storageError(err, `reading ${key}`);
    }
  }

  async presignGet(sha256: string, ttlSeconds: number): Promise<string> {
    return getSignedUrl(this.presigner, new GetObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256) }), { expiresIn: ttlSeconds });
  }

  /** The URL targets the staging key `uploads/<sha>/put`; only the confirm (finishUpload) makes it a blob. */
  async presignPut(sha256: string, ttlSeconds: number): Promise<string> {
    const key = `${this.stagingPrefix(sha256)}put`;
    return getSignedUrl(this.presigner, new PutObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: ttlSeconds });
  }

  private partKey(sha256: string, offset: number): string {
    return `${this.stagingPrefix(sha256)}${String(offset).padStart(OFFSET_DIGITS, '0')}`;
  }

  private async partChain(sha256: string): Promise<StagedKey[]> {
    return chainOf(await this.listStaged(sha256), this.stagingPrefix(sha256));
  }

  private async listStaged(sha256: string): Promise<StagedKey[]> {
    const prefix = this.stagingPrefix(sha256);
    const found: StagedKey[] = [];
    let token: string | undefined;
    do {
      const page = await this.send(`listing ${prefix}`, (c) => c.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })));
      for (const o of page.Contents ?? []) if (o.Key) found.push({ key: o.Key, size: Number(o.Size ?? 0) });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  private async objectSize(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return Number(head.ContentLength ?? 0);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw storageError(err, `checking ${key}`);
    }
  }

  private async hashObject(key: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of this.objectChunks(key)) hash.update(chunk);
    return hash.digest('hex');
  }

  private async *objectChunks(key: string): AsyncGenerator<Uint8Array> {
    const out = await this.send(`reading ${key}`, (c) => c.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })));
    if (!out.Body) return;
    yield* out.Body as unknown as AsyncIterable<Uint8Array>;
  }

  /** Joins the pieces into one staging object while hashing them: one pass over the bytes. */
  private async assemble(chain: StagedKey[], target: string): Promise<string> {
    const hash = createHash('sha256');
    const objectChunks = this.objectChunks.bind(this);
    const total = chainEnd(chain);
    async function* joined(): AsyncGenerator<Uint8Array> {
      for (const piece of chain) {
        for await (const chunk of objectChunks(piece.key)) {
          hash.update(chunk);
          yield chunk;
        }
      }
    }
    await this.send(`writing ${target}`, (c) => c.send(new PutObjectCommand({ Bucket: this.bucket, Key: target, Body: Readable.from(joined()), ContentLength: total })));
    return hash.digest('hex');
  }

  private async put(key: string, bytes: Buffer): Promise<void> {
    await this.send(`writing ${key}`, (c) => c.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.byteLength })));
  }

  private async copy(from: string, to: string): Promise<void> {
    const source = `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
    await this.send(`copying ${from} to ${to}`, (c) => c.send(new CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource: source })));
  }

  private async delete(key: string): Promise<void> {
    await this.send(`deleting ${key}`, (c) => c.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  /** Runs one S3 call, naming the operation in its error (the SDK's own messages rarely say which key). */
  private async send<T>(what: string, call: (client: S3Client) => Promise<T>): Promise<T> {
    try {
      return await call(this.client);
    } catch (err) {
      throw storageError(err, what);
    }
  }
}

function makeClient(o: S3BlobStorageOptions, endpoint: string | undefined): S3Client {
  return new S3Client({
    endpoint,
    region: o.region,
    forcePathStyle: o.forcePathStyle ?? false,
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
    // Only the checksums S3 itself requires: the default CRC trailers (aws-chunked bodies and
    // checksum parameters in presigned URLs) are not understood by every S3-compatible server.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The pieces that form a contiguous run from offset 0; anything after a gap is ignored. */
function chainOf(staged: StagedKey[], stagingPrefix: string): StagedKey[] {
  const byOffset = new Map<number, StagedKey>();
  for (const s of staged) {
    const name = s.key.slice(stagingPrefix.length);
    if (/^[0-9]{16}$/.test(name)) byOffset.set(Number(name), s);
  }
  const chain: StagedKey[] = [];
  let at = 0;
  for (let piece = byOffset.get(at); piece && piece.size > 0; piece = byOffset.get(at)) {
    chain.push(piece);
    at += piece.size;
  }
  return chain;
}

/** Bytes `start..end` (inclusive, relative to the stream's first byte) of a stream. */
function sliceStream(whole: ReadableStream<Uint8Array>, start: number, end: number): ReadableStream<Uint8Array> {
  let at = 0;
  return whole.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const from = Math.max(start - at, 0);
      const to = Math.min(end + 1 - at, chunk.byteLength);
      at += chunk.byteLength;
      if (to > from) controller.enqueue(chunk.subarray(from, to));
    },
  }));
}

function chainEnd(chain: StagedKey[]): number {
  return chain.reduce((n, s) => n + s.size, 0);
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(err) === 404;
}

function storageError(err: unknown, what: string): BlobError {
  if (err instanceof BlobError) return err;
  const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new BlobError('storage', `object storage failed ${what}: ${why}`);
}
