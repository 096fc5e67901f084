import { describe, expect, it } from 'vitest';
import { fixture, jsonLines, runCli } from './run-cli.js';

describe('las validate', () => {
  it('passes a good file: verdict ok, exit 0', () => {
    const r = runCli(['las', 'validate', fixture('good-2.0.las')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/good-2\.0\.las: ok/);
  });

  it('passes a file with warnings (exit 0) and lists each with its line', () => {
    const r = runCli(['las', 'validate', fixture('warnings-2.0.las')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warnings-2\.0\.las: warnings \(2 problems\)/);
    expect(r.stdout).toMatch(/line 16\S*\s+warning\s+row-short/);
  });

  it('--strict counts warnings as errors: exit 1, every problem still listed', () => {
    const r = runCli(['las', 'validate', '--strict', fixture('warnings-2.0.las')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/warnings-2\.0\.las: errors/);
    expect(r.stdout).toMatch(/row-short/);
    expect(r.stdout).toMatch(/stop-mismatch/);
  });

  it('fails a file that is not LAS: exit 1, naming the file and the line', () => {
    const r = runCli(['las', 'validate', fixture('not-las.las')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not-las\.las: errors/);
    expect(r.stdout).toMatch(/line 1\s+error\s+not-las/);
  });

  it('fails a missing path: exit 1, naming the file on stderr', () => {
    const r = runCli(['las', 'validate', 'missing/nowhere.las']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\/nowhere\.las: cannot read the file: no such file \(check the path\)/);
  });

  it('one bad file among good ones makes the exit 1, with a tally', () => {
    const r = runCli(['las', 'validate', fixture('good-2.0.las'), fixture('not-las.las'), fixture('tops-3.0.las')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/3 files: 2 ok, 0 with warnings, 1 with errors/);
  });

  it('--json gives one verdict object per file', () => {
    const r = runCli(['las', 'validate', '--json', fixture('good-2.0.las'), fixture('warnings-2.0.las'), fixture('not-las.las'), 'nope.las']);
    expect(r.code).toBe(1);
    const v = jsonLines(r.stdout) as { file: string; verdict: string; problems: { line?: number; code: string }[]; error: { type: string } | null }[];
    expect(v.map((x) => x.verdict)).toEqual(['ok', 'warnings', 'errors', 'errors']);
    expect(v[1].problems.find((p) => p.code === 'row-short')?.line).toBe(16);
    expect(v[2].error?.type).toBe('LasError');
    expect(v[3].error?.type).toBe('FileError');
  });
});
