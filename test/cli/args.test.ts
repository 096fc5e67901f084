import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './run-cli.js';

/** Bad arguments are the user's to fix: exit 1, one message that says what is wrong. */
describe('bad arguments exit 1 with a message', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown las command', ['las', 'frob'], /unknown command 'frob'/],
    ['an unknown option', ['las', 'read', '--frob', fixture('good-2.0.las')], /unknown option '--frob'/],
    ['read without a file', ['las', 'read'], /missing required argument 'file'/],
    ['generate without --rows', ['las', 'generate', 'x.las'], /--rows <n>' not specified/],
    ['a negative row count', ['las', 'generate', 'x.las', '--rows', '-5'], /--rows.*whole number from 0/],
    ['a row count that is not a number', ['las', 'generate', 'x.las', '--rows', 'lots'], /got 'lots'/],
    ['too many curves', ['las', 'generate', 'x.las', '--rows', '5', '--curves', '999'], /--curves.*from 1 to \d+/],
    ['an unknown LAS version', ['las', 'generate', 'x.las', '--rows', '5', '--version', '4.0'], /expected one of 1\.2, 2\.0, 3\.0/],
    ['wrapping LAS 3.0', ['las', 'generate', 'x.las', '--rows', '5', '--version', '3.0', '--wrap'], /LAS 3\.0 does not allow wrapped data/],
    ['an unknown encoding', ['las', 'read', '--encoding', 'klingon-8', fixture('good-2.0.las')], /Unknown text encoding "klingon-8"/],
    ['a misspelt null policy', ['las', 'read', '--null-policy', 'comon', fixture('good-2.0.las')], /unknown null policy 'comon'/],
    ['a NULL value that is not a number', ['las', 'convert', fixture('good-2.0.las'), 'o.las', '--null-value', 'none'], /expected a number/],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, () => {
      const dir = tempDir();
      const r = runCli(args, { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      // Nothing is written when the arguments are refused.
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('accepts a custom null policy list and reads the listed value as NULL', () => {
    const r = runCli(['las', 'read', '--json', '--null-policy', 'strict,45.21', fixture('good-2.0.las')]);
    expect(r.code).toBe(0);
    const gr = (JSON.parse(r.stdout) as { data: unknown[][] }).data[1];
    expect(gr[0]).toBeNull();
    expect(gr[2]).toBe(88.8);
  });

  it('honours a forced encoding', () => {
    const r = runCli(['las', 'read', '--json', '--encoding', 'cp1252', join(fixture('good-2.0.las'))]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { encoding: string }).encoding).toBe('windows-1252');
  });
});
