/** Reading a JSON request body: malformed JSON and invalid fields become 400s that say what is wrong. */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest, type FieldProblem } from './errors.js';

/** One problem per field: the first (zod goes on checking a value of the wrong type, e.g. "at least 10 characters" for an array). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const byPath = new Map<string, string>();
  for (const i of error.issues) {
    const path = i.path.length ? i.path.map(String).join('.') : '(body)';
    if (!byPath.has(path)) byPath.set(path, i.message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

export function invalidRequest(error: z.ZodError) {
  const fields = fieldProblems(error);
  return badRequest('invalid-request', `invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields);
}

/** Parses and validates the body (any content type: curl -d sends form-encoded by default). */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest('missing-body', 'this request needs a JSON body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest('malformed-json', `the request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw invalidRequest(r.error);
  return r.data;
}

/** Validates a path or query value the same way. */
export function parseParam<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest('invalid-request', `invalid ${name}: ${r.error.issues.map((i) => i.message).join('; ')}`, [{ path: name, message: r.error.issues[0]?.message ?? 'invalid' }]);
  return r.data;
}

export const iso = (ms: number) => new Date(ms).toISOString();
