import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

interface ReadJson { curves: { mnemonic: string }[]; n_rows: number; data: unknown[][]; extra_sections: Record<string, unknown> }

describe('las generate', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other data', () => {
    const dir = tempDir();
    const args = (name: string, seed: string) => ['las', 'generate', join(dir, name), '--rows', '3000', '--curves', '10', '--seed', seed];
    expect(runCli(args('a.las', '42')).code).toBe(0);
    expect(runCli(args('b.las', '42')).code).toBe(0);
    expect(runCli(args('c.las', '43')).code).toBe(0);
    const a = readFileSync(join(dir, 'a.las'));
    expect(a.equals(readFileSync(join(dir, 'b.las')))).toBe(true);
    expect(a.equals(readFileSync(join(dir, 'c.las')))).toBe(false);
    // Only the finished files: no temporary left behind.
    expect(readdirSync(dir).sort()).toEqual(['a.las', 'b.las', 'c.las']);
  });

  it('writes the asked rows and curves, which read back cleanly', () => {
    const dir = tempDir();
    const out = join(dir, 'g.las');
    const r = runCli(['las', 'generate', out, '--rows', '1234', '--curves', '6']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/6 curves, 1234 rows/);
    const v = runCli(['las', 'validate', out]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/: ok/);
    const j = JSON.parse(runCli(['las', 'read', '--json', out]).stdout) as ReadJson;
    expect(j.n_rows).toBe(1234);
    expect(j.curves.map((c) => c.mnemonic)[0]).toBe('DEPT');
    expect(j.curves).toHaveLength(6);
  });

  it('wraps LAS 2.0 and adds a Tops set to LAS 3.0', () => {
    const dir = tempDir();
    expect(runCli(['las', 'generate', join(dir, 'w.las'), '--rows', '50', '--wrap', '--curves', '20']).code).toBe(0);
    expect(readFileSync(join(dir, 'w.las'), 'utf8')).toMatch(/WRAP\s*\.\s*YES/);
    expect((JSON.parse(runCli(['las', 'read', '--json', join(dir, 'w.las')]).stdout) as ReadJson).n_rows).toBe(50);
    expect(runCli(['las', 'generate', join(dir, 'v3.las'), '--rows', '500', '--version', '3.0']).code).toBe(0);
    const j = JSON.parse(runCli(['las', 'read', '--json', join(dir, 'v3.las')]).stdout) as ReadJson;
    expect(j.n_rows).toBe(500);
    expect(Object.keys(j.extra_sections)).toContain('Tops_Data');
  });

  it('--json reports what was written', () => {
    const dir = tempDir();
    const out = join(dir, 'g.las');
    const r = runCli(['las', 'generate', out, '--rows', '10', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as { rows: number; bytes: number };
    expect(rep.rows).toBe(10);
    expect(rep.bytes).toBe(readFileSync(out).length);
  });
});
