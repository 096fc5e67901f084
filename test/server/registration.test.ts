/** Who may create an account: open, limited to email domains, closed; and registrations per client address. */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { call, describeStores, startTestServer, type StoreKind, type TestServer } from './harness.js';

const PASSWORD = 'correct horse battery';

describeStores('registration policy', (kind: StoreKind) => {
  let t: TestServer | undefined;
  afterEach(async () => { await t?.close(); t = undefined; });

  const register = (email: string, from = '203.0.113.7') =>
    call(t!.api, 'POST', '/auth/register', { body: { email, password: PASSWORD }, headers: { 'x-forwarded-for': from } });

  it('closed: every registration is refused with 403, and existing accounts still log in', async () => {
    t = await startTestServer(kind, { registration: { open: true, domains: [], perAddressPerHour: 100 } });
    expect((await register('early@example.com')).status).toBe(201);
    await t.close();
    t = await startTestServer(kind, { registration: { open: false, domains: [], perAddressPerHour: 100 } });
    const r = await register('late@example.com');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('registration-closed');
    expect(r.body.error.message).toMatch(/administrator/);
  });

  it('domains: only emails in the listed domains may register, whatever their case', async () => {
    t = await startTestServer(kind, { registration: { open: true, domains: ['example.com', 'geo.example.org'], perAddressPerHour: 100 } });
    expect((await register('ada@Example.COM')).status).toBe(201);
    expect((await register('bob@geo.example.org')).status).toBe(201);
    for (const email of ['eve@evil.com', 'eve@sub.example.com', 'eve@example.com.evil.net']) {
      const r = await register(email);
      expect(r.status, email).toBe(403);
      expect(r.body.error.code).toBe('registration-domain');
      expect(r.body.error.message).toContain('@example.com');
    }
  });

  it('limits registrations per client address per hour (429 with Retry-After), other addresses unaffected', async () => {
    t = await startTestServer(kind, { trustProxy: true, registration: { open: true, domains: [], perAddressPerHour: 3 } });
    for (let i = 0; i < 3; i++) expect((await register(`user${i}@example.com`, '198.51.100.1')).status).toBe(201);
    const over = await register('user3@example.com', '198.51.100.1');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect(over.body.error.message).toMatch(/too many accounts registered from your address/);
    expect((await register('user4@example.com', '198.51.100.2')).status).toBe(201);
    // The refused attempt created nothing: that email is still free elsewhere.
    expect((await register('user3@example.com', '198.51.100.2')).status).toBe(201);
  });
});

describe('registration settings', () => {
  it('default to open, no domain list, 20 per address per hour', () => {
    expect(loadConfig({}, {}, '/srv').registration).toEqual({ open: true, domains: [], perAddressPerHour: 20 });
  });

  it('read DATAFORGE_REGISTRATION, _DOMAINS and _LIMIT', () => {
    const c = loadConfig({}, { DATAFORGE_REGISTRATION: 'Closed', DATAFORGE_REGISTRATION_DOMAINS: ' Example.com, @geo.example.org ,', DATAFORGE_REGISTRATION_LIMIT: '5' }, '/srv');
    expect(c.registration).toEqual({ open: false, domains: ['example.com', 'geo.example.org'], perAddressPerHour: 5 });
  });

  it('name the setting when a value is wrong', () => {
    for (const [name, value, why] of [
      ['DATAFORGE_REGISTRATION', 'invite', /'open' or 'closed'/],
      ['DATAFORGE_REGISTRATION_DOMAINS', 'example', /email domains/],
      ['DATAFORGE_REGISTRATION_LIMIT', '0', /./],
    ] as const) {
      let err: unknown;
      try { loadConfig({}, { [name]: value }, '/srv'); } catch (e) { err = e; }
      expect(err, name).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).setting).toBe(name);
      expect((err as ConfigError).message).toMatch(why);
    }
  });
});
