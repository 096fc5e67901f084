/**
 * The OpenAPI 3.1 description of /api/v1, written by hand next to the routes (a test checks that
 * every route the app serves is described here), and a self-contained docs page that renders it
 * (no CDN: the server may sit in an air-gapped network).
 */
import { Hono } from 'hono';
import type { AppEnv } from './context.js';
import { DOCS_HTML } from './openapi-page.js';

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema?: Schema) => (schema ? { description, content: json(schema) } : { description });
const err = (description: string) => ({ description, content: json(ref('Error')) });
const body = (schema: Schema, required = true) => ({ required, content: json(schema) });
const pathParam = (name: string, description: string, schema: Schema = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
const WS = pathParam('ws', 'workspace name', { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' });
const SHA = pathParam('sha', 'blob sha256 (64 lower-case hex digits)', { type: 'string', pattern: '^[0-9a-f]{64}$' });
const bearer = [{ bearer: [] }];

/** Refusals every authenticated workspace route can give. */
const wsRefusals = (min: string) => ({
  401: err('no token, or an expired, revoked or forged one'),
  403: err(`the caller's role is below ${min}`),
  404: err('no such workspace, or the caller is not a member (the two are indistinguishable)'),
});

function op(summary: string, o: { tags: string[]; role?: string; auth?: boolean; params?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; description?: string }) {
  const description = [o.role ? `Needs the **${o.role}** role (or above) in the workspace.` : '', o.description ?? ''].filter(Boolean).join(' ');
  return {
    summary,
    ...(description ? { description } : {}),
    tags: o.tags,
    ...(o.auth === false ? { security: [] } : { security: bearer }),
    ...(o.params ? { parameters: o.params } : {}),
    ...(o.requestBody ? { requestBody: o.requestBody } : {}),
    responses: {
      ...o.responses,
      ...(o.role ? wsRefusals(o.role) : o.auth === false ? {} : { 401: err('no token, or an expired, revoked or forged one') }),
      400: err('malformed JSON or invalid fields (listed in error.fields)'),
      413: err('the request body is over the limit'),
    },
  };
}

export function openApiDocument(version: string): Record<string, unknown> {
  const tokens = ok('a new session', ref('TokenPair'));
  return {
    openapi: '3.1.0',
    info: {
      title: 'DataForge sync server',
      version,
      description: 'Self-hosted server for DataForge workspaces: accounts, workspaces and members, blobs and sync. '
        + 'Errors are JSON `{ "error": { "code", "message", "fields"? } }`; every response carries an `X-Request-Id`.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'access token from /auth/login, /auth/register or /auth/refresh' } },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: {
            code: { type: 'string', examples: ['invalid-request'] },
            message: { type: 'string' },
            fields: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          } } },
        },
        Credentials: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string', format: 'email' }, password: { type: 'string', minLength: 10, maxLength: 1024 } } },
        RefreshRequest: { type: 'object', required: ['refreshToken'], properties: { refreshToken: { type: 'string' } } },
        TeamSettings: {
          type: 'object', required: ['depthUnit', 'defaultStep', 'conflictStrategy'],
          properties: { depthUnit: { enum: ['m', 'ft'] }, defaultStep: { type: 'number', exclusiveMinimum: 0, maximum: 1000 }, conflictStrategy: { enum: ['manual', 'last-write-wins', 'prefer-local', 'prefer-remote'] } },
        },
        TeamSettingsResponse: {
          type: 'object', required: ['settings', 'version', 'updatedAt', 'updatedBy'],
          properties: { settings: { oneOf: [ref('TeamSettings'), { type: 'null' }] }, version: { type: 'integer' }, updatedAt: { type: ['string', 'null'], format: 'date-time' }, updatedBy: { type: ['string', 'null'] } },
        },
        TokenPair: {
          type: 'object',
          properties: {
            tokenType: { const: 'Bearer' }, accessToken: { type: 'string' }, expiresIn: { type: 'integer', description: 'seconds' },
            refreshToken: { type: 'string', description: 'single use: each refresh returns a new one; reusing an old one revokes the session' },
            refreshExpiresIn: { type: 'integer' }, user: ref('UserRef'),
          },
        },
        UserRef: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' } } },
        User: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
        Role: { type: 'string', enum: ['viewer', 'member', 'admin', 'owner'] },
        Workspace: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, role: ref('Role'), memberCount: { type: 'integer' } },
        },
        Member: { type: 'object', properties: { userId: { type: 'string' }, email: { type: 'string' }, role: ref('Role'), addedAt: { type: 'string', format: 'date-time' } } },
        Members: { type: 'object', properties: { members: { type: 'array', items: ref('Member') } } },
        Health: {
          type: 'object',
          properties: { status: { enum: ['ok', 'unavailable'] }, version: { type: 'string' }, store: { enum: ['sqlite', 'postgres'] }, blobs: { enum: ['fs', 's3'] }, auth: { enum: ['enabled', 'disabled'] }, time: { type: 'string' } },
        },
        BlobState: { type: 'object', properties: { sha256: { type: 'string' }, stored: { type: 'boolean' }, offset: { type: 'integer' } } },
      },
    },
    paths: {
      '/health': { get: op('Server status, version and storage kinds', { tags: ['server'], auth: false, responses: { 200: ok('up', ref('Health')), 503: ok('the database does not answer', ref('Health')) } }) },
      '/openapi.json': { get: op('This document', { tags: ['server'], auth: false, responses: { 200: ok('OpenAPI 3.1 document') } }) },
      '/docs': { get: op('A readable page rendering this document', { tags: ['server'], auth: false, responses: { 200: { description: 'HTML', content: { 'text/html': {} } } } }) },
      '/auth/register': { post: op('Create an account (and log in)', { tags: ['auth'], auth: false, requestBody: body(ref('Credentials')), responses: { 201: tokens, 403: err('registration is closed, or the email is outside the allowed domains (DATAFORGE_REGISTRATION, DATAFORGE_REGISTRATION_DOMAINS)'), 409: err('the email has an account'), 429: err('too many registrations from this address this hour (DATAFORGE_REGISTRATION_LIMIT)') } }) },
      '/auth/login': {
        post: op('Log in with email and password', {
          tags: ['auth'], auth: false, requestBody: body(ref('Credentials')),
          description: 'Too many failures for one email from one address answer 429 with Retry-After (seconds).',
          responses: { 200: tokens, 401: err('wrong email or password'), 429: err('too many failed logins: see Retry-After') },
        }),
      },
      '/auth/refresh': { post: op('Swap a refresh token for a new pair (rotation)', { tags: ['auth'], auth: false, requestBody: body(ref('RefreshRequest')), responses: { 200: tokens, 401: err('invalid, expired, revoked or reused refresh token (reuse revokes the whole session)') } }) },
      '/auth/logout': { post: op('End the session this refresh token belongs to', { tags: ['auth'], auth: false, requestBody: body(ref('RefreshRequest')), responses: { 204: ok('logged out (also when the token was unknown)') } }) },
      '/auth/logout-all': { post: op('End every session and revoke every access token of the caller', { tags: ['auth'], responses: { 204: ok('logged out everywhere') } }) },
      '/me': { get: op('The caller', { tags: ['auth'], responses: { 200: ok('the account', ref('User')) } }) },
      '/workspaces': {
        get: op('Workspaces the caller belongs to', { tags: ['workspaces'], responses: { 200: ok('list', { type: 'object', properties: { workspaces: { type: 'array', items: ref('Workspace') } } }) } }),
        post: op('Create a workspace; the caller becomes its owner', { tags: ['workspaces'], requestBody: body({ type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' } } }), responses: { 201: ok('created', ref('Workspace')), 409: err('the name is taken') } }),
      },
      '/workspaces/{ws}': {
        get: op('One workspace', { tags: ['workspaces'], role: 'viewer', params: [WS], responses: { 200: ok('the workspace', ref('Workspace')) } }),
        delete: op('Delete the workspace and everything in it', { tags: ['workspaces'], role: 'owner', params: [WS], responses: { 204: ok('deleted') } }),
      },
      '/workspaces/{ws}/transfer': {
        post: op('Make another member owner; the caller becomes admin', {
          tags: ['workspaces'], role: 'owner', params: [WS],
          requestBody: body({ type: 'object', description: 'exactly one of userId and email', properties: { userId: { type: 'string' }, email: { type: 'string' } } }),
          responses: { 200: ok('the members after the transfer', ref('Members')), 404: err('no such workspace, or the target is not a member') },
        }),
      },
      '/workspaces/{ws}/members': {
        get: op('Members and their roles', { tags: ['members'], role: 'viewer', params: [WS], responses: { 200: ok('list', ref('Members')) } }),
        post: op('Add a registered user', {
          tags: ['members'], role: 'admin', params: [WS], description: 'Nobody grants a role above their own.',
          requestBody: body({ type: 'object', required: ['email'], properties: { email: { type: 'string' }, role: { ...ref('Role'), default: 'member' } } }),
          responses: { 201: ok('added', ref('Member')), 404: err('no account with that email'), 409: err('already a member') },
        }),
      },
      '/workspaces/{ws}/members/{user}': {
        patch: op("Change a member's role", {
          tags: ['members'], role: 'admin', params: [WS, pathParam('user', 'user id or email')],
          description: 'Nobody grants or changes a role above their own; the last owner cannot be demoted.',
          requestBody: body({ type: 'object', required: ['role'], properties: { role: ref('Role') } }),
          responses: { 200: ok('updated', ref('Member')), 409: err('the last owner') },
        }),
        delete: op('Remove a member (or leave: any role may remove themselves)', {
          tags: ['members'], role: 'admin', params: [WS, pathParam('user', 'user id or email')],
          description: 'Removing yourself needs only viewer. The last owner cannot be removed.',
          responses: { 204: ok('removed'), 409: err('the last owner') },
        }),
      },
      '/workspaces/{ws}/sync/push': {
        post: op('Push a batch of entity changes', {
          tags: ['sync'], role: 'member', params: [WS],
          description: 'Each change names the version it was made on (baseVersion). The server applies it only if that is still the current version; otherwise it is a conflict and the server copy comes back. The same idempotencyKey sent again returns the first answer and applies nothing. If a referenced blob is missing, nothing is applied and missingBlobs lists them.',
          requestBody: body({ type: 'object', required: ['idempotencyKey', 'changes'], properties: { idempotencyKey: { type: 'string' }, changes: { type: 'array', maxItems: 1000, items: { type: 'object' } }, settings: { ...ref('TeamSettings'), description: 'the pusher\'s team settings: recorded if the workspace has none yet, else ignored' } } }),
          responses: { 200: ok('applied, conflicts, missingBlobs and the new cursor', { type: 'object', properties: { applied: { type: 'array', items: { type: 'object' } }, conflicts: { type: 'array', items: { type: 'object' } }, missingBlobs: { type: 'array', items: { type: 'string' } }, cursor: { type: 'integer' } } }) },
        }),
      },
      '/workspaces/{ws}/sync/pull': {
        get: op('Changes since a cursor, paginated', {
          tags: ['sync'], role: 'viewer', params: [WS, { name: 'since', in: 'query', required: false, schema: { type: 'integer' } }, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', maximum: 5000 } }],
          responses: { 200: ok('entities in change order, the next cursor, and whether more follow', { type: 'object', properties: { changes: { type: 'array', items: { type: 'object' } }, cursor: { type: 'integer' }, more: { type: 'boolean' } } }) },
        }),
      },
      '/workspaces/{ws}/sync/head': {
        get: op('The latest cursor of the workspace', { tags: ['sync'], role: 'viewer', params: [WS], responses: { 200: ok('the cursor', { type: 'object', properties: { cursor: { type: 'integer' } } }) } }),
      },
      '/workspaces/{ws}/sync/settings': {
        get: op('The team settings of the workspace', {
          tags: ['sync'], role: 'viewer', params: [WS],
          description: 'What a team shares besides data: depthUnit (m | ft) and defaultStep of new wells\' depth grids, and the conflictStrategy a new clone starts with. `settings` is null until the first push that carries settings records them.',
          responses: { 200: ok('the settings and their version', ref('TeamSettingsResponse')) },
        }),
        put: op('Change the team settings', {
          tags: ['sync'], role: 'admin', params: [WS],
          description: 'baseVersion is the version the change was made on (0 when there are none yet); a stale one answers 409 settings-changed and changes nothing. Members\' existing workspaces keep their own settings; new clones take these.',
          requestBody: body({ type: 'object', required: ['baseVersion', 'settings'], properties: { baseVersion: { type: 'integer', minimum: 0 }, settings: ref('TeamSettings') } }),
          responses: { 200: ok('the new settings', ref('TeamSettingsResponse')), 409: err('settings-changed: baseVersion is not the current version') },
        }),
      },
      '/workspaces/{ws}/blobs/missing': {
        post: op('Which of these blobs the server lacks', {
          tags: ['blobs'], role: 'member', params: [WS],
          description: 'Blobs the server already holds (from any workspace) become readable by this one and are not listed: they never need sending again.',
          requestBody: body({ type: 'object', required: ['hashes'], properties: { hashes: { type: 'array', maxItems: 10000, items: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } }),
          responses: { 200: ok('the missing ones, and where cut uploads of them stand', { type: 'object', properties: { missing: { type: 'array', items: { type: 'string' } }, offsets: { type: 'object', description: 'sha256 → bytes already received (only uploads above 0): resume there', additionalProperties: { type: 'integer', minimum: 0 } } } }) },
        }),
      },
      '/workspaces/{ws}/blobs/{sha}': {
        get: op('Download a blob (streamed; Range supported; ?redirect=1 for a presigned URL)', {
          tags: ['blobs'], role: 'viewer', params: [WS, SHA, { name: 'redirect', in: 'query', required: false, schema: { enum: ['1'] } }],
          description: 'HEAD (member) reports a resumable upload: Upload-Offset and Blob-Stored headers.',
          responses: { 200: { description: 'the bytes', content: { 'application/octet-stream': {} } }, 206: { description: 'a range' }, 302: { description: 'to a presigned URL' } },
        }),
        patch: op('Append upload bytes at Upload-Offset (resumable)', {
          tags: ['blobs'], role: 'member', params: [WS, SHA, { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer' } }, { name: 'Upload-Complete', in: 'header', required: false, schema: { enum: ['?1', '?0'] } }],
          description: 'With Upload-Complete: ?1 these are the blob\'s last bytes: the server also finishes the upload (hash check, store, record for the workspace) and answers 201, or 422 when the bytes do not hash to sha (discarded). A cut body keeps the bytes that arrived: resume at the offset HEAD or missing reports.',
          requestBody: { required: true, content: { 'application/octet-stream': {} } },
          responses: { 200: ok('bytes received so far', ref('BlobState')), 201: ok('complete: stored', ref('BlobState')), 409: err('the offset is not where the upload is: see Upload-Offset'), 422: err('complete, but the bytes do not hash to sha: discarded') },
        }),
      },
      '/workspaces/{ws}/blobs/{sha}/finish': {
        post: op('Verify the uploaded bytes against the hash and store them', { tags: ['blobs'], role: 'member', params: [WS, SHA], responses: { 201: ok('stored', ref('BlobState')), 409: err('nothing uploaded'), 422: err('the bytes do not hash to sha: discarded') } }),
      },
      '/workspaces/{ws}/blobs/{sha}/confirm': {
        post: op('Same as finish, after a presigned PUT', { tags: ['blobs'], role: 'member', params: [WS, SHA], responses: { 201: ok('stored', ref('BlobState')), 409: err('nothing uploaded'), 422: err('the bytes do not hash to sha: discarded') } }),
      },
      '/workspaces/{ws}/blobs/{sha}/presign-put': {
        post: op('A presigned URL to PUT the blob to', { tags: ['blobs'], role: 'member', params: [WS, SHA], responses: { 200: ok('the URL (or stored: true when the server has it)', { type: 'object', properties: { url: { type: 'string' }, method: { const: 'PUT' }, expiresAt: { type: 'string' }, stored: { type: 'boolean' } } }) } }),
      },
      '/presigned/{op}/{sha}': {
        get: op('Download through a presigned URL (filesystem storage)', { tags: ['blobs'], auth: false, params: [pathParam('op', 'get or put'), SHA], responses: { 200: { description: 'the bytes' }, 403: err('bad signature or expired') } }),
        put: op('Upload through a presigned URL (filesystem storage); then confirm', { tags: ['blobs'], auth: false, params: [pathParam('op', 'get or put'), SHA], requestBody: { required: true, content: { 'application/octet-stream': {} } }, responses: { 200: ok('received', ref('BlobState')), 403: err('bad signature or expired') } }),
      },
    },
  };
}

export function openApiRoutes(version: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const doc = openApiDocument(version);
  app.get('/openapi.json', (c) => c.json(doc));
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'");
    return c.html(DOCS_HTML);
  });
  return app;
}
