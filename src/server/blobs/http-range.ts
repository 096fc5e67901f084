/**
 * Streaming a stored blob as an HTTP response, with single byte ranges (RFC 9110 §14). Shared
 * by the authenticated download and the filesystem presigned GET.
 */
import type { BlobStorage } from './storage.js';

export type ByteRange =
  | { kind: 'whole' }
  | { kind: 'from'; start: number; end?: number }
  | { kind: 'suffix'; length: number };

/**
 * Only one `bytes=` range is honoured; several ranges or a malformed header mean "the whole
 * blob", which RFC 9110 allows (a server may ignore Range).
 */
export function parseRange(header: string | undefined): ByteRange {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/i);
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  if (m[1] === '') return { kind: 'suffix', length: Number(m[2]) };
  const start = Number(m[1]);
  if (m[2] === '') return { kind: 'from', start };
  const end = Number(m[2]);
  return end < start || !Number.isSafeInteger(end) ? { kind: 'whole' } : { kind: 'from', start, end };
}

/** The response for `sha256` (already checked to be readable by the caller); null when the bytes are gone. */
export async function blobResponse(storage: BlobStorage, sha256: string, rangeHeader: string | undefined): Promise<Response | null> {
  let range = parseRange(rangeHeader);
  if (range.kind === 'suffix') {
    // "The last N bytes" needs the size first.
    const probe = await storage.read(sha256, { start: 0, end: 0 });
    if (!probe) return null;
    await probe.body.cancel();
    if (range.length === 0 || probe.size === 0) return unsatisfiable(probe.size);
    range = { kind: 'from', start: Math.max(0, probe.size - range.length) };
  }
  const common = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: `"${sha256}"`,
    // Content-addressed: the bytes behind this URL never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
  if (range.kind === 'whole') {
    const blob = await storage.read(sha256);
    if (!blob) return null;
    return new Response(blob.body, { status: 200, headers: { ...common, 'Content-Length': String(blob.size) } });
  }
  const blob = await storage.read(sha256, { start: range.start, end: range.end });
  if (!blob) return null;
  if (range.start >= blob.size) {
    await blob.body.cancel();
    return unsatisfiable(blob.size);
  }
  const end = Math.min(range.end ?? blob.size - 1, blob.size - 1);
  return new Response(blob.body, {
    status: 206,
    headers: { ...common, 'Content-Length': String(end - range.start + 1), 'Content-Range': `bytes ${range.start}-${end}/${blob.size}` },
  });
}

function unsatisfiable(size: number): Response {
  const body = JSON.stringify({ error: { code: 'range-not-satisfiable', message: `the requested range is outside the blob (${size} bytes)` } });
  return new Response(body, { status: 416, headers: { 'Content-Type': 'application/json', 'Content-Range': `bytes */${size}` } });
}
