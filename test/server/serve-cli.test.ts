/** `dataforge serve` as a process: starts, answers, stops on SIGTERM; refuses bad settings with exit 1. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SERVE_JS = fileURLToPath(new URL('../../dist/cli/serve.js', import.meta.url));
const ERRORS_JS = fileURLToPath(new URL('../../dist/cli/errors.js', import.meta.url));

/** The command as main.ts runs it (until main.ts registers it): errors a user can fix exit 1. */
const RUNNER = `
const { serveCommand } = await import(${JSON.stringify(SERVE_JS)});
const { isBadInput, errorLine } = await import(${JSON.stringify(ERRORS_JS)});
const state = { exitCode: 0 };
try {
  await serveCommand(state).exitOverride().parseAsync(process.argv.slice(1), { from: 'user' });
  process.exitCode = state.exitCode;
} catch (e) {
  process.stderr.write((isBadInput(e) ? errorLine(e) : String(e && e.stack || e)) + '\\n');
  process.exitCode = isBadInput(e) ? 1 : 2;
}`;

function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER, '--', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function waitFor<T>(what: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = what();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

describe('dataforge serve', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('serves until SIGTERM, then stops cleanly with exit 0', async () => {
    const data = mkdtempSync(join(tmpdir(), 'df-serve-'));
    dirs.push(data);
    const p = serve(['--port', '0', '--data', data], { DATAFORGE_JWT_SECRET: '', DATAFORGE_NO_AUTH: '' });
    const url = await waitFor(() => /DataForge server on (http:\/\/\S+) /.exec(p.err())?.[1]);
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { status: string; store: string };
    expect(health).toMatchObject({ status: 'ok', store: 'sqlite' });
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    const msgs = p.out().trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs).toEqual(expect.arrayContaining(['listening', 'signal received', 'shutting down', 'stopped']));
  });

  it('refuses --no-auth on a non-loopback host, naming the flag, exit 1', async () => {
    const p = serve(['--no-auth', '--host', '0.0.0.0', '--port', '0']);
    expect(await p.exit).toBe(1);
    expect(p.err()).toMatch(/^--no-auth: refused on host '0\.0\.0\.0'.*loopback/);
  });

  it('refuses a bad environment setting, naming it, exit 1', async () => {
    const p = serve(['--port', '0'], { DATAFORGE_ACCESS_TTL: 'forever' });
    expect(await p.exit).toBe(1);
    expect(p.err()).toMatch(/^DATAFORGE_ACCESS_TTL: expected a duration/);
  });
});
