/** Accounts and sessions over real HTTP, on both stores. */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeStores, register, startTestServer, TEST_JWT_SECRET, type StoreKind, type TestServer } from './harness.js';

const key = (s: string) => new TextEncoder().encode(s);

describeStores('auth', (kind: StoreKind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, { login: { maxFailures: 3, windowSeconds: 60 } });
  });
  afterAll(() => t?.close());

  it('registers with a normalised email, then logs in with any spelling of it', async () => {
    const r = await call(t.api, 'POST', '/auth/register', { body: { email: '  Ada.Lovelace@Example.COM ', password: 'analytical engine' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: 'ada.lovelace@example.com' } });
    const me = await call(t.api, 'GET', '/me', { token: r.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: r.body.user.id, email: 'ada.lovelace@example.com' });
    const login = await call(t.api, 'POST', '/auth/login', { body: { email: 'ADA.LOVELACE@example.com', password: 'analytical engine' } });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(r.body.user.id);
    const dup = await call(t.api, 'POST', '/auth/register', { body: { email: 'ada.lovelace@EXAMPLE.com', password: 'another password' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('email-taken');
  });

  it('enforces the password policy and email format, listing the fields', async () => {
    const r = await call(t.api, 'POST', '/auth/register', { body: { email: 'not-an-email', password: 'short' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-request');
    expect(r.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'password']);
    expect(r.body.error.message).toMatch(/password: must be at least 10 characters/);
    const nine = await call(t.api, 'POST', '/auth/register', { body: { email: 'nine@example.com', password: '123456789' } });
    expect(nine.status).toBe(400);
    const ten = await call(t.api, 'POST', '/auth/register', { body: { email: 'ten@example.com', password: '1234567890' } });
    expect(ten.status).toBe(201);
  });

  it('refuses wrong passwords and unknown emails alike', async () => {
    const a = await register(t.api, 'wrongpw');
    const wrong = await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: 'not the password' } });
    const unknown = await call(t.api, 'POST', '/auth/login', { body: { email: 'nobody@example.com', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('rotates refresh tokens on every use; a reused one revokes the whole family', async () => {
    const a = await register(t.api, 'rotate');
    const r1 = await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: a.refresh } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(a.refresh);
    expect((await call(t.api, 'GET', '/me', { token: r1.body.accessToken })).status).toBe(200);
    const r2 = await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(200);
    // Someone replays the first token: the family dies, including the newest token.
    const replay = await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: a.refresh } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('refresh-token-reused');
    const newest = await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: r2.body.refreshToken } });
    expect(newest.status).toBe(401);
    // Another login (another family) is untouched.
    const other = await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } });
    expect((await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const a = await register(t.api, 'race');
    const [x, y] = await Promise.all([0, 1].map(() => call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: a.refresh } })));
    expect([x.status, y.status].sort()).toEqual([200, 401]);
  });

  it('refuses refresh tokens that are made up or malformed', async () => {
    for (const refreshToken of ['dfr_' + 'A'.repeat(43), 'garbage', 'x'.repeat(150)]) {
      const r = await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken } });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('invalid-refresh-token');
    }
  });

  it('logout ends one session; logout-all ends every session and kills live access tokens', async () => {
    const a = await register(t.api, 'logout');
    const second = (await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } })).body;
    expect((await call(t.api, 'POST', '/auth/logout', { body: { refreshToken: a.refresh } })).status).toBe(204);
    expect((await call(t.api, 'POST', '/auth/logout', { body: { refreshToken: a.refresh } })).status).toBe(204); // twice is fine
    expect((await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: a.refresh } })).status).toBe(401);
    const alive = await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } });
    expect(alive.status).toBe(200);

    const third = (await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } })).body;
    expect((await call(t.api, 'POST', '/auth/logout-all', {})).status).toBe(401);
    expect((await call(t.api, 'POST', '/auth/logout-all', { token: alive.body.accessToken })).status).toBe(204);
    for (const token of [alive.body.accessToken, third.accessToken, a.token]) {
      const me = await call(t.api, 'GET', '/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('token-revoked');
    }
    for (const refreshToken of [alive.body.refreshToken, third.refreshToken]) {
      expect((await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    }
    // A fresh login works again.
    const again = await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } });
    expect((await call(t.api, 'GET', '/me', { token: again.body.accessToken })).status).toBe(200);
  });

  it('refuses forged, tampered, unsigned and foreign tokens', async () => {
    const a = await register(t.api, 'forge');
    const claims = (secret: string, alg = 'HS256') => new SignJWT({ tv: 0 }).setProtectedHeader({ alg }).setSubject(a.id)
      .setIssuer('dataforge').setAudience('dataforge-api').setIssuedAt().setExpirationTime('10m').sign(key(secret));
    const forged = await claims('another-secret-of-at-least-32-characters');
    const [h, p] = a.token.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'someone-else' })).toString('base64url')}.${a.token.split('.')[2]}`;
    const wrongAudience = await new SignJWT({ tv: 0 }).setProtectedHeader({ alg: 'HS256' }).setSubject(a.id).setIssuer('dataforge').setAudience('elsewhere').setExpirationTime('10m').sign(key(TEST_JWT_SECRET));
    for (const token of [forged, unsigned, tampered, wrongAudience, 'not.a.jwt', a.refresh]) {
      const r = await call(t.api, 'GET', '/me', { token });
      expect(r.status, token).toBe(401);
      expect(r.body.error.code).toBe('invalid-token');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const missing = await call(t.api, 'GET', '/me');
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('missing-token');
    // A correctly signed token for a user who does not exist.
    const ghost = await new SignJWT({ tv: 0 }).setProtectedHeader({ alg: 'HS256' }).setSubject('00000000-0000-0000-0000-000000000000').setIssuer('dataforge').setAudience('dataforge-api').setExpirationTime('10m').sign(key(TEST_JWT_SECRET));
    expect((await call(t.api, 'GET', '/me', { token: ghost })).status).toBe(401);
  });

  it('rate-limits failed logins per email and address, with Retry-After', async () => {
    const a = await register(t.api, 'limited');
    const b = await register(t.api, 'bystander');
    for (let i = 0; i < 3; i++) {
      expect((await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: 'wrong password' } })).status).toBe(401);
    }
    // Locked out: even the right password is refused until the window frees up.
    const locked = await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too-many-requests');
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    // Another account from the same address is not affected.
    expect((await call(t.api, 'POST', '/auth/login', { body: { email: b.email, password: b.password } })).status).toBe(200);
  });

  it('a success clears earlier failures', async () => {
    const a = await register(t.api, 'clears');
    for (let i = 0; i < 2; i++) await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: 'wrong password' } });
    expect((await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } })).status).toBe(200);
    for (let i = 0; i < 2; i++) await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: 'wrong password' } });
    expect((await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } })).status).toBe(200);
  });

  it('never writes tokens or passwords to the log', async () => {
    const a = await register(t.api, 'logged');
    const login = await call(t.api, 'POST', '/auth/login', { body: { email: a.email, password: a.password } });
    await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    await call(t.api, 'GET', '/me', { token: login.body.accessToken });
    const all = t.rawLogs.join('\n');
    for (const secret of [a.password, a.token, a.refresh, login.body.accessToken, login.body.refreshToken]) expect(all).not.toContain(secret);
    const lines = t.logs.filter((l) => l.msg === 'request' && l.path === '/api/v1/me');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatchObject({ method: 'GET', status: 200, user: a.id, requestId: expect.any(String), ms: expect.any(Number) });
  });
});

describeStores('auth with short-lived tokens', (kind: StoreKind) => {
  let t: TestServer;
  beforeAll(async () => {
    // Not 1 s: a JWT's exp is in whole seconds, so a 1 s token issued late in a second can be
    // dead within milliseconds, before the first request of a loaded machine checks it.
    t = await startTestServer(kind, { accessTtlSeconds: 2, refreshTtlSeconds: 4 });
  });
  afterAll(() => t?.close());

  it('expires access tokens after their TTL and refresh tokens after theirs', async () => {
    const a = await register(t.api, 'expiry');
    expect((await call(t.api, 'GET', '/me', { token: a.token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 4100));
    const me = await call(t.api, 'GET', '/me', { token: a.token });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('token-expired');
    const refreshed = await call(t.api, 'POST', '/auth/refresh', { body: { refreshToken: a.refresh } });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error.code).toBe('refresh-token-expired');
  });
});
