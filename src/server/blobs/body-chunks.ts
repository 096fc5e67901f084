import { BlobError } from './storage.js';

/** Request bodies arrive as a web ReadableStream (Hono) or any async iterable (tests, Node streams). */
export type BlobBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Yields the body's chunks; a failure of the body itself (a cut connection) becomes a
 * BlobError 'body-interrupted', so callers can tell it apart from a storage failure.
 */
export async function* bodyChunks(body: BlobBody): AsyncGenerator<Uint8Array> {
  if (isAsyncIterable(body)) {
    const it = body[Symbol.asyncIterator]();
    while (true) {
      let next: IteratorResult<Uint8Array>;
      try { next = await it.next(); } catch (err) { throw interrupted(err); }
      if (next.done) return;
      yield next.value;
    }
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  try {
    while (true) {
      const next = await reader.read().catch((err: unknown) => { throw interrupted(err); });
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}

function isAsyncIterable(body: BlobBody): body is AsyncIterable<Uint8Array> {
  // Node's web ReadableStream is async-iterable too, but reading it through a reader works everywhere.
  return !(typeof (body as ReadableStream).getReader === 'function') && typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function';
}

function interrupted(err: unknown): BlobError {
  const why = err instanceof Error ? err.message : String(err);
  return new BlobError('body-interrupted', `the upload body stopped before its end (${why}); the bytes received so far are kept, resume from the offset HEAD reports`);
}

export function tooLarge(maxBytes: number): BlobError {
  return new BlobError('too-large', `the request body is larger than ${maxBytes} bytes; send the upload in smaller PATCH requests`);
}
