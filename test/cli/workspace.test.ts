/** `dataforge init`, `ingest`, `units`, `dictionary` as a user runs them. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli, tempDir } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
  mkdirSync(join(dir, 'logs', 'deeper'), { recursive: true });
  expect(runCli(['las', 'generate', join(dir, 'logs', 'a.las'), '--rows', '400', '--seed', '1']).code).toBe(0);
  expect(runCli(['las', 'generate', join(dir, 'logs', 'deeper', 'b.las'), '--rows', '300', '--seed', '2', '--depth-unit', 'FT']).code).toBe(0);
  writeFileSync(join(dir, 'logs', 'deeper', 'broken.las'), 'not a log at all\n');
  writeFileSync(join(dir, 'logs', 'core.csv'), 'DEPTH,GR,RHOB\nm,gAPI,g/cm3\n1000,45.5,2.31\n1000.5,50.1,2.35\n1001,,2.4\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('init', () => {
  it('creates a workspace and refuses to create it twice', () => {
    const r = runCli(['init', join(dir, 'ws'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dir).toBe(join(dir, 'ws', '.dataforge'));
    const again = runCli(['init', join(dir, 'ws')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('says how to start when there is no workspace', () => {
    const r = runCli(['ingest', join(dir, 'logs')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dataforge init/);
  });
});

describe('ingest', () => {
  it('walks folders, carries on past a bad file, reports one line per file and exits 1', () => {
    const r = runCli(['ingest', join(dir, 'logs'), '--workspace', join(dir, 'ws'), '--json']);
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout);
    const files = lines.filter((l) => 'status' in l);
    expect(files.map((l) => [l.file, l.status])).toEqual([
      [join(dir, 'logs', 'a.las'), 'ingested'],
      [join(dir, 'logs', 'core.csv'), 'ingested'],
      [join(dir, 'logs', 'deeper', 'b.las'), 'ingested'],
      [join(dir, 'logs', 'deeper', 'broken.las'), 'failed'],
    ]);
    expect(String(files[3].error)).toMatch(/broken\.las, line 1: .*not a LAS file/);
    const summary = lines.at(-1)!.summary as Record<string, number>;
    expect(summary).toMatchObject({ files: 4, ingested: 3, failed: 1 });
  });

  it('says a file is already present instead of ingesting it twice', () => {
    const r = runCli(['ingest', join(dir, 'logs', 'a.las'), '--workspace', join(dir, 'ws')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^present\s+.*a\.las \(already in the workspace/m);
  });

  it('plans without writing on --dry-run, with --map and --well', () => {
    const other = tempDir();
    expect(runCli(['init', other]).code).toBe(0);
    const r = runCli(['ingest', join(dir, 'logs', 'a.las'), '--dry-run', '--well', 'Pad 7', '--map', 'GR=spontaneous_potential'], { cwd: other });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would ingest .*a\.las → well Pad 7 \(new\)/);
    expect(r.stdout).toMatch(/GR→spontaneous_potential \(1\.00\)/);
    const again = runCli(['ingest', join(dir, 'logs', 'a.las'), '--json'], { cwd: other });
    expect(jsonLines(again.stdout)[0].status).toBe('ingested');
    rmSync(other, { recursive: true, force: true });
  });

  it('refuses a bad --map with a clear message', () => {
    const r = runCli(['ingest', join(dir, 'logs', 'a.las'), '--workspace', join(dir, 'ws'), '--map', 'GR']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/MNEMONIC=PROPERTY/);
  });
});

describe('units and dictionary', () => {
  it('converts with LAS spellings and refuses unknown or incompatible units', () => {
    const r = runCli(['units', 'convert', '1000', 'F', 'M', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ from: 'ft', to: 'm', result: 304.8 });
    expect(runCli(['units', 'convert', '1', 'G/C3', 'M']).code).toBe(1);
    expect(runCli(['units', 'convert', '1', 'furlongs-per-fortnight', 'M']).stderr).toMatch(/furlongs/);
  });

  it('lists units of a class and resolves mnemonics', () => {
    const list = JSON.parse(runCli(['units', 'list', '--class', 'length', '--json']).stdout) as { symbol: string }[];
    expect(list.map((u) => u.symbol)).toEqual(expect.arrayContaining(['m', 'ft', 'in']));
    const r = JSON.parse(runCli(['dictionary', 'resolve', 'RHOZ', '--unit', 'G/C3', '--json']).stdout);
    expect(r.property).toBe('bulk_density');
  });
});
