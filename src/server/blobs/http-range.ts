/**
 * Streaming a stored blob as an HTTP response, with single byte ranges (RFC 9110 §14). Shared
 * by the authenticated download and the filesystem presigned GET.
 */
import { closeSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { writeFileRange } from '../../sync/file-range-body.js';
import { FdFile } from '../../workspace/fd-file.js';
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

/** What a (range) request for a blob of `size` bytes is answered with. */
export type BlobReplyPlan =
  | { status: 200 | 206; start: number; end: number; headers: Record<string, string> }
  | { status: 416; size: number };

/** Status, headers and the (inclusive) byte range to send for `range` of a blob of `size` bytes. */
export function planReply(sha256: string, range: ByteRange, size: number): BlobReplyPlan {
  const common = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: `"${sha256}"`,
    // Content-addressed: the bytes behind this URL never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
  if (range.kind === 'whole') return { status: 200, start: 0, end: size - 1, headers: { ...common, 'Content-Length': String(size) } };
  const start = range.kind === 'suffix' ? Math.max(0, size - range.length) : range.start;
  if ((range.kind === 'suffix' && range.length === 0) || start >= size) return { status: 416, size };
  const end = Math.min(range.kind === 'from' ? range.end ?? size - 1 : size - 1, size - 1);
  return { status: 206, start, end, headers: { ...common, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` } };
}

/** The response for `sha256` (already checked to be readable by the caller); null when the bytes are gone. */
export async function blobResponse(storage: BlobStorage, sha256: string, rangeHeader: string | undefined): Promise<Response | null> {
  let range = parseRange(rangeHeader);
  if (range.kind === 'suffix') {
    // "The last N bytes" needs the size first.
    const probe = await storage.read(sha256, { start: 0, end: 0 });
    if (!probe) return null;
    await probe.body.cancel();
    const plan = planReply(sha256, range, probe.size);
    if (plan.status === 416) return unsatisfiable(probe.size);
    range = { kind: 'from', start: plan.start };
  }
  const blob = await storage.read(sha256, range.kind === 'from' ? { start: range.start, end: range.end } : undefined);
  if (!blob) return null;
  const plan = planReply(sha256, range, blob.size);
  if (plan.status === 416) {
    await blob.body.cancel();
    return unsatisfiable(blob.size);
  }
  return new Response(blob.body, { status: plan.status, headers: plan.headers });
}

/**
 * Sends a blob straight from its open file to a Node response: no web-stream wrapping on the
 * way out (a promise and a copy per chunk on both sides of it), the largest cost of a download
 * on the server's event loop, and reused buffers rather than one fresh megabyte per read (see
 * file-range-body.ts). The descriptor is closed when the body ends or fails.
 */
export function sendBlobFile(out: ServerResponse, blob: { fd: number; size: number }, plan: BlobReplyPlan, extraHeaders: Record<string, string>): void {
  if (plan.status === 416) {
    closeSync(blob.fd);
    const body = unsatisfiableBody(plan.size);
    out.writeHead(416, { ...extraHeaders, 'Content-Type': 'application/json', 'Content-Range': `bytes */${plan.size}`, 'Content-Length': String(Buffer.byteLength(body)) });
    out.end(body);
    return;
  }
  out.writeHead(plan.status, { ...plan.headers, ...extraHeaders });
  if (plan.end < plan.start) {
    closeSync(blob.fd);
    out.end();
    return;
  }
  const file = FdFile.adopt(blob.fd);
  // A file failing mid-body cuts the connection: the client sees a short body and resumes
  // with a range; a client that goes away ends the writes. Either way the file is closed.
  writeFileRange(out, file, plan.start, plan.end - plan.start + 1)
    .then(() => { out.end(); }, () => { out.destroy(); })
    .finally(() => file.close())
    .catch(() => undefined);
}

function unsatisfiableBody(size: number): string {
  return JSON.stringify({ error: { code: 'range-not-satisfiable', message: `the requested range is outside the blob (${size} bytes)` } });
}

function unsatisfiable(size: number): Response {
  return new Response(unsatisfiableBody(size), { status: 416, headers: { 'Content-Type': 'application/json', 'Content-Range': `bytes */${size}` } });
}
