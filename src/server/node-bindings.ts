/**
 * The Node request and response behind a Hono context under @hono/node-server; undefined
 * elsewhere (app.request in tests). Blob bodies are read and written through them directly:
 * the web-stream wrapping Hono adds costs a promise and a copy per chunk.
 */
import type { Context } from 'hono';
import { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

function binding(c: Context, name: 'incoming' | 'outgoing'): unknown {
  const env: unknown = c.env;
  return env && typeof env === 'object' && name in env ? (env as Record<string, unknown>)[name] : undefined;
}

/** The request body as Node delivers it (an IncomingMessage). */
export function nodeRequest(c: Context): Readable | undefined {
  const incoming = binding(c, 'incoming');
  return incoming instanceof Readable ? incoming : undefined;
}

export function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing = binding(c, 'outgoing');
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}
