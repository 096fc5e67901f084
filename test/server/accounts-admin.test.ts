/**
 * Accounts made and reset by the server's administrator (no HTTP, no token), against a
 * running server with registration closed: the new account logs in over HTTP, and a new
 * password ends every session the account had.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AccountAdminError, addAccount, listAccounts, setAccountPassword } from '../../src/server/auth/accounts-admin.js';
import { openStore } from '../../src/server/services.js';
import type { MetaStore } from '../../src/server/store/meta-store.js';
import { call, describeStores, startTestServer, type StoreKind, type TestServer } from './harness.js';

const PASSWORD = 'first long password';
const NEW_PASSWORD = 'second long password';

async function refusal(p: Promise<unknown>): Promise<AccountAdminError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AccountAdminError);
  return e as AccountAdminError;
}

describeStores('accounts by the administrator', (kind: StoreKind) => {
  let t: TestServer | undefined;
  let store: MetaStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await t?.close();
    t = undefined;
  });

  /** A closed server, and the store as `dataforge accounts` opens it: a second handle on its database. */
  async function closedServer(): Promise<{ t: TestServer; store: MetaStore }> {
    t = await startTestServer(kind, { registration: { open: false, domains: [], perAddressPerHour: 100 } });
    store = await openStore(t.config);
    return { t, store };
  }

  const login = (email: string, password: string) => call(t!.api, 'POST', '/auth/login', { body: { email, password } });

  it('an account added while registration is closed logs in; the same address cannot be added twice', async () => {
    const { store } = await closedServer();
    expect((await call(t!.api, 'POST', '/auth/register', { body: { email: 'geo@example.com', password: PASSWORD } })).status).toBe(403);
    const added = await addAccount(store, '  Geo@Example.COM ', PASSWORD);
    expect(added).toMatchObject({ email: 'geo@example.com', canLogIn: true });
    const r = await login('geo@example.com', PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user.id).toBe(added.id);
    expect((await refusal(addAccount(store, 'GEO@example.com', PASSWORD))).code).toBe('email-taken');
    expect((await listAccounts(store)).map((a) => a.email)).toEqual(['geo@example.com']);
  });

  it('refuses a bad email or a short password, naming the field, and stores nothing', async () => {
    const { store } = await closedServer();
    const bad = await refusal(addAccount(store, 'not an email', PASSWORD));
    expect(bad.code).toBe('bad-email');
    expect(bad.message).toMatch(/^email /);
    const short = await refusal(addAccount(store, 'ok@example.com', 'short'));
    expect(short.code).toBe('bad-password');
    expect(short.message).toMatch(/^password must be at least 10 characters/);
    expect(await listAccounts(store)).toEqual([]);
  });

  it('a new password ends every session: old access and refresh tokens are refused, the old password fails, the new one works', async () => {
    const { store } = await closedServer();
    await addAccount(store, 'ada@example.com', PASSWORD);
    const session = (await login('ada@example.com', PASSWORD)).body;
    expect((await call(t!.api, 'GET', '/me', { token: session.accessToken })).status).toBe(200);

    await setAccountPassword(store, 'ADA@example.com', NEW_PASSWORD);

    const me = await call(t!.api, 'GET', '/me', { token: session.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('token-revoked');
    expect((await call(t!.api, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await login('ada@example.com', PASSWORD)).status).toBe(401);
    expect((await login('ada@example.com', NEW_PASSWORD)).status).toBe(200);
  });

  it('a new password for an unknown account is refused with what to do', async () => {
    const { store } = await closedServer();
    const e = await refusal(setAccountPassword(store, 'nobody@example.com', NEW_PASSWORD));
    expect(e.code).toBe('no-account');
    expect(e.message).toContain('dataforge accounts add nobody@example.com');
  });
});

describe('accounts listing', () => {
  it('marks the no-auth local user as one no password opens', async () => {
    const t = await startTestServer('sqlite', { noAuth: true });
    const store = await openStore(t.config);
    try {
      expect((await call(t.api, 'GET', '/me')).status).toBe(200); // the local user exists from start
      const all = await listAccounts(store);
      expect(all).toEqual([expect.objectContaining({ email: 'local@localhost', canLogIn: false })]);
    } finally {
      await store.close();
      await t.close();
    }
  });
});
