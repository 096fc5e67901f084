/**
 * HTTP errors the API answers with. Every refusal is JSON `{ error: { code, message } }`:
 * `code` is stable (clients branch on it), `message` is for people.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldProblem { path: string; message: string }

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
    /** Per-field problems of a request that failed validation. */
    readonly fields?: FieldProblem[],
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, fields?: FieldProblem[]) => new HttpError(400, code, message, {}, fields);
export const unauthorized = (code: string, message: string) =>
  new HttpError(401, code, message, { 'WWW-Authenticate': `Bearer error="invalid_token"` });
export const forbidden = (code: string, message: string) => new HttpError(403, code, message);
export const notFound = (code: string, message: string) => new HttpError(404, code, message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new HttpError(429, 'too-many-requests', message, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

/** The JSON body of an error response. */
export function errorBody(code: string, message: string, fields?: FieldProblem[]): { error: { code: string; message: string; fields?: FieldProblem[] } } {
  return { error: fields ? { code, message, fields } : { code, message } };
}
