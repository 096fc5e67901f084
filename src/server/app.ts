/**
 * The Hono application: request ids, one JSON log line per request, the JSON body limit, the
 * routes under /api/v1 and the JSON error format `{ error: { code, message } }`.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import type { AppEnv, ServerServices } from './context.js';
import { errorBody, HttpError } from './errors.js';
import type { JsonLogger } from './logger.js';
import { errorFields } from './logger.js';
import { openApiRoutes } from './openapi.js';
import { nodeResponse } from './node-bindings.js';
import { fieldProblems } from './request.js';
import { authRoutes, meRoutes } from './routes/auth.js';
import { blobRoutes, presignedRoutes } from './routes/blobs.js';
import { healthRoutes } from './routes/health.js';
import { memberRoutes } from './routes/members.js';
import { workspaceRoutes } from './routes/workspaces.js';
import { syncRoutes } from './sync/routes.js';

export const API = '/api/v1';

/** Blob bytes are streamed to storage under their own limit (config.uploadLimitBytes), not the JSON one. */
const RAW_BODY_PATHS = [/^\/api\/v1\/workspaces\/[^/]+\/blobs\/[0-9a-f]{64}$/, /^\/api\/v1\/presigned\//];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function requestContext(services: ServerServices, logger: JsonLogger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    // A caller-chosen id lets a client match its logs to ours; anything odd is replaced, not echoed.
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('services', services);
    c.set('log', log);
    await next();
    try {
      c.res.headers.set('X-Request-Id', requestId);
      if (c.req.path.startsWith(`${API}/auth/`)) c.res.headers.set('Cache-Control', 'no-store');
    } catch {
      // Immutable headers (a proxied Response): the log line still carries the id.
    }
    // Path only: query strings can carry presigned signatures. Never headers or bodies (tokens, passwords).
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: sentStatus(c) ?? c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      user: c.get('auth')?.userId ?? null,
    });
  };
}

/** The status of an answer a route wrote to the Node response itself (a download); c.res is then only a stand-in. */
function sentStatus(c: Context<AppEnv>): number | undefined {
  const out = nodeResponse(c);
  return out?.headersSent ? out.statusCode : undefined;
}

function jsonBodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpError(413, 'body-too-large', `the request body is larger than the limit of ${maxBytes} bytes (DATAFORGE_BODY_LIMIT): send less per request`);
    },
  });
  return async (c, next) => (RAW_BODY_PATHS.some((p) => p.test(c.req.path)) ? next() : limit(c, next));
}

export function createApp(services: ServerServices, logger: JsonLogger): Hono<AppEnv> {
  const { config } = services;
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(services, logger));
  app.use(`${API}/*`, jsonBodyLimit(config.bodyLimitBytes));

  app.route(`${API}/health`, healthRoutes());
  app.route(API, openApiRoutes(services.version));
  app.route(`${API}/auth`, authRoutes());
  app.route(`${API}/me`, meRoutes());
  app.route(`${API}/workspaces`, workspaceRoutes());
  app.route(`${API}/workspaces/:ws/members`, memberRoutes());
  app.route(`${API}/workspaces/:ws/blobs`, blobRoutes({
    storage: services.blobs, store: services.store, uploadLimitBytes: config.uploadLimitBytes, presignTtlSeconds: config.presignTtlSeconds,
  }));
  app.route(`${API}/presigned`, presignedRoutes({ storage: services.blobs, uploadLimitBytes: config.uploadLimitBytes }));
  // The sync protocol: push (member+), pull and head (viewer+).
  app.route(`${API}/workspaces/:ws/sync`, syncRoutes());

  app.get('/', (c) => c.redirect(`${API}/docs`));

  app.notFound((c) => c.json(errorBody('not-found', `no route for ${c.req.method} ${c.req.path} (see ${API}/docs)`), 404));

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      return c.json(errorBody(err.code, err.message, err.fields), err.status, err.headers);
    }
    if (err instanceof ZodError) {
      const fields = fieldProblems(err);
      return c.json(errorBody('invalid-request', `invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields), 400);
    }
    if (err instanceof HTTPException) {
      return c.json(errorBody('http-error', err.message || 'request refused'), err.status as ContentfulStatusCode);
    }
    const requestId = c.get('requestId');
    (c.get('log') ?? logger).error('unhandled error', errorFields(err));
    return c.json(errorBody('internal', `internal server error (request id ${requestId}): the server log has the details`), 500);
  });

  return app;
}
