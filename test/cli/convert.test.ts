import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './run-cli.js';

interface ReadJson { ok: boolean; version: { mnemonic: string; value: unknown }[]; well: { mnemonic: string; value: unknown }[]; curves: { mnemonic: string; unit: string }[]; n_rows: number; data: unknown[][] }

const readJson = (path: string) => {
  const r = runCli(['las', 'read', '--json', path]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ReadJson;
};
const vers = (j: ReadJson) => j.version.find((i) => i.mnemonic === 'VERS')?.value;

describe('las convert', () => {
  for (const version of ['3.0', '2.0', '1.2']) {
    it(`round-trips curves, units and every value through LAS ${version}`, () => {
      const dir = tempDir();
      const out = join(dir, `out-${version}.las`);
      const r = runCli(['las', 'convert', fixture('good-2.0.las'), out, '--version', version]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`wrote .*out-${version.replace('.', '\\.')}\\.las: LAS ${version.replace('.', '\\.')}, 3 curves, 5 rows`));
      const before = readJson(fixture('good-2.0.las'));
      const after = readJson(out);
      expect(Number(vers(after))).toBe(Number(version));
      expect(after.curves.map((c) => [c.mnemonic, c.unit])).toEqual(before.curves.map((c) => [c.mnemonic, c.unit]));
      expect(after.n_rows).toBe(before.n_rows);
      expect(after.data).toEqual(before.data);
      expect(after.well.find((i) => i.mnemonic === 'WELL')?.value).toBe('TEST WELL 7-21');
    });
  }

  it('--wrap writes wrapped data that reads back the same', () => {
    const dir = tempDir();
    const out = join(dir, 'wrapped.las');
    expect(runCli(['las', 'convert', fixture('good-2.0.las'), out, '--wrap']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/WRAP\s*\.\s*YES/);
    expect(readJson(out).data).toEqual(readJson(fixture('good-2.0.las')).data);
  });

  it('--null-value changes the NULL written, not the values read back', () => {
    const dir = tempDir();
    const out = join(dir, 'null.las');
    expect(runCli(['las', 'convert', fixture('good-2.0.las'), out, '--null-value', '-9999']).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/NULL\s*\.\s*-9999\b/);
    expect(text).not.toMatch(/-999\.25/);
    expect(readJson(out).data).toEqual(readJson(fixture('good-2.0.las')).data);
  });

  it('refuses to overwrite its input, and leaves it untouched', () => {
    const dir = tempDir();
    const input = join(dir, 'in.las');
    writeFileSync(input, readFileSync(fixture('good-2.0.las')));
    const before = readFileSync(input);
    for (const out of [input, join(dir, '.', 'in.las')]) {
      const r = runCli(['las', 'convert', input, out, '--version', '3.0']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/refusing to overwrite the input file/);
    }
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['in.las']);
  });

  it('a bad input leaves no output and no temporary file behind', () => {
    const dir = tempDir();
    const out = join(dir, 'out.las');
    const r = runCli(['las', 'convert', fixture('not-las.las'), out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not-las\.las, line 1/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an output folder that does not exist is a bad path (exit 1), not a crash', () => {
    const dir = tempDir();
    const r = runCli(['las', 'convert', fixture('good-2.0.las'), join(dir, 'no', 'such', 'dir', 'out.las')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/out\.las: cannot write the file: its folder does not exist/);
  });

  it('replaces an existing output whole', () => {
    const dir = tempDir();
    const out = join(dir, 'out.las');
    writeFileSync(out, 'old content that is longer than nothing\n'.repeat(1000));
    expect(runCli(['las', 'convert', fixture('good-2.0.las'), out]).code).toBe(0);
    expect(statSync(out).size).toBeLessThan(40_000);
    expect(readJson(out).n_rows).toBe(5);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.las']);
  });

  it('keeps the other sets of a LAS 3.0 file, and refuses to drop them into LAS 2.0', () => {
    const dir = tempDir();
    const out3 = join(dir, 'out3.las');
    expect(runCli(['las', 'convert', fixture('tops-3.0.las'), out3]).code).toBe(0);
    const j = JSON.parse(runCli(['las', 'read', '--json', out3]).stdout) as { extra_sections: Record<string, unknown> };
    expect(j.extra_sections.Tops_Data).toEqual([[200.1, 200.3], ['Upper Sand', 'Lower Shale']]);
    const r = runCli(['las', 'convert', fixture('tops-3.0.las'), join(dir, 'out2.las'), '--version', '2.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Tops/);
    expect(readdirSync(dir)).toEqual(['out3.las']);
  });
});
