import { Readable } from 'node:stream';
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

/**
 * Hands the body's chunks to `take` in order, waiting when it returns a promise. A Node
 * request (the server's own) is read through its 'data' events, paused while `take` waits:
 * no promise per chunk where none is needed. A failure of the body is a BlobError
 * 'body-interrupted'; `take`'s own failures pass as they are.
 */
export async function forEachChunk(body: BlobBody, take: (chunk: Uint8Array) => Promise<void> | undefined): Promise<void> {
  if (!(body instanceof Readable)) {
    for await (const chunk of bodyChunks(body)) await take(chunk);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    let ended = false;
    let waiting = false;
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      if (err === undefined) resolve();
      else { body.pause(); reject(err); }
    };
    const onData = (chunk: Uint8Array) => {
      let wait: Promise<void> | undefined;
      try { wait = take(chunk); } catch (e) { finish(e); return; }
      if (!wait) return;
      waiting = true;
      body.pause();
      wait.then(() => {
        waiting = false;
        if (ended) finish();
        else if (!settled) body.resume();
      }, finish);
    };
    const onEnd = () => { ended = true; if (!waiting) finish(); };
    const onError = (e: Error) => finish(interrupted(e));
    // A request whose connection is cut may close without an error: that is a short body.
    const onClose = () => { if (!ended) finish(interrupted(new Error('the connection closed before the body ended'))); };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
  });
}
