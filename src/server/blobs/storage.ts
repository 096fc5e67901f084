/**
 * The server's blob storage contract (issue 4). Blobs are immutable and content-addressed by
 * their sha256; they are shared by every workspace on the server (which workspace may READ a
 * blob is recorded in the metadata store, not here).
 *
 * Upload life cycle: a client appends bytes at the offset the server reports (`uploadedSize`),
 * possibly over several requests and after cut connections, then `finishUpload` re-hashes what
 * arrived and only a matching upload becomes a stored blob. A presigned PUT lands in the same
 * staging area and is confirmed with the same `finishUpload`.
 */

export interface BlobStorage {
  readonly kind: 'fs' | 's3';
  has(sha256: string): Promise<boolean>;
  /** Bytes received so far for a resumable upload of this blob (0 if none). */
  uploadedSize(sha256: string): Promise<number>;
  /**
   * Appends a chunk at `offset` (must equal uploadedSize, else throws BlobError 'offset-mismatch'); returns the new size.
   * `last`: the client says these are the blob's last bytes and a finish follows at once (a store may start checking them early).
   */
  appendUpload(sha256: string, offset: number, body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number, last?: boolean): Promise<number>;
  /** Re-hashes the uploaded bytes; moves them into place when they match, else discards them. */
  finishUpload(sha256: string): Promise<'stored' | 'hash-mismatch' | 'no-upload'>;
  /**
   * Streams a stored blob (optionally a byte range; `end` is inclusive, as in HTTP `Range`).
   * `size` is always the blob's TOTAL size; a range starting at or past the end yields an empty body.
   */
  read(sha256: string, range?: { start: number; end?: number }): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  /** Presigned URLs (S3: real presigned; fs: URLs under /api/v1/presigned/... with an HMAC signature and expiry the server verifies). */
  presignGet(sha256: string, ttlSeconds: number): Promise<string>;
  presignPut(sha256: string, ttlSeconds: number): Promise<string>;
}

/**
 * Codes: 'bad-hash' (not a sha256 hex digest), 'offset-mismatch', 'too-large' (a request body
 * over its limit; the request's bytes are discarded), 'body-interrupted' (the body stream failed;
 * the bytes that did arrive are kept so the upload can resume), 'storage' (the backend failed).
 */
export class BlobError extends Error {
  override readonly name = 'BlobError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lower-case hex only: the hash becomes a file name / object key, so nothing else may pass. */
export function isSha256(s: string): boolean {
  return typeof s === 'string' && SHA256_HEX.test(s);
}

/** Throws unless `s` is a sha256 hex digest: the last line of defence before a hash touches a path or key. */
export function assertSha256(s: string): void {
  if (!isSha256(s)) throw new BlobError('bad-hash', `'${String(s).slice(0, 80)}' is not a lower-case sha256 hex digest`);
}
