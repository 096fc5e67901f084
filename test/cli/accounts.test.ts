/** `dataforge accounts` as a process: add, list and set passwords on a server's data folder; bad input exits 1. */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/serve.js';
import { runCli, tempDir } from './run-cli.js';

describe('dataforge accounts', () => {
  const data = tempDir();
  afterAll(() => rmSync(data, { recursive: true, force: true }));
  const accounts = (args: string[], input?: string) => runCli(['accounts', ...args, '--data', data], { input });

  it('adds an account from a password on stdin and lists it', () => {
    const r = accounts(['add', 'Geo@Example.com', '--password-stdin'], 'a long enough password\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^account geo@example\.com created/);
    const list = accounts(['list', '--json']);
    expect(list.code).toBe(0);
    const rows = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as { email: string; canLogIn: boolean });
    expect(rows).toEqual([expect.objectContaining({ email: 'geo@example.com', canLogIn: true })]);
  });

  it('refuses a second account for the address, a short password, a missing password and an unknown account, each with exit 1', () => {
    const taken = accounts(['add', 'geo@example.com', '--password-stdin'], 'another long password\n');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists: set its password with 'dataforge accounts password geo@example\.com'/);
    const short = accounts(['add', 'new@example.com', '--password-stdin'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password must be at least 10 characters/);
    const none = runCli(['accounts', 'add', 'new@example.com', '--data', data], { input: '' });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no password: pipe it in with --password-stdin, or set DATAFORGE_PASSWORD/);
    const unknown = accounts(['password', 'nobody@example.com', '--password-stdin'], 'a long enough password\n');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no account for nobody@example\.com/);
    expect(accounts(['list', '--json']).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a new password set from the command line is the one the server takes', async () => {
    expect(accounts(['password', 'geo@example.com', '--password-stdin'], 'the second password\n').code).toBe(0);
    const server = await startServer({ ...loadConfig({ port: 0, data }, {}), logLevel: 'silent' });
    try {
      const login = (password: string) => fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'geo@example.com', password }) });
      expect((await login('a long enough password')).status).toBe(401);
      expect((await login('the second password')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
