import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

describe('dataforge --help and --version', () => {
  it('prints the top-level help with the las group, exit 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: dataforge/);
    expect(r.stdout).toMatch(/\blas\b/);
  });

  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('lists the four las commands', () => {
    const r = runCli(['las', '--help']);
    expect(r.code).toBe(0);
    for (const c of ['read', 'validate', 'convert', 'generate']) expect(r.stdout).toMatch(new RegExp(`\\n\\s+${c}\\b`));
  });

  const commands: [string, RegExp[]][] = [
    ['read', [/--json/, /--strict/, /--encoding/, /--null-policy/]],
    ['validate', [/--json/, /--strict/]],
    ['convert', [/--version/, /--wrap/, /--null-value/, /--encoding/]],
    ['generate', [/--rows/, /--curves/, /--seed/, /--wrap/, /--version/]],
  ];
  for (const [cmd, options] of commands) {
    it(`documents every option of las ${cmd}`, () => {
      const r = runCli(['las', cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: dataforge las ${cmd}`));
      for (const o of options) expect(r.stdout).toMatch(o);
    });
  }

  it('shows help on stderr and exits 1 when no command is given', () => {
    const r = runCli([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Usage: dataforge/);
  });
});
