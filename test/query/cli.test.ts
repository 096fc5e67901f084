import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorLine, isBadInput } from '../../src/cli/errors.js';
import { register } from '../../src/cli/query.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import { tempWorkspace, writeGeneratedLas } from '../workspace/helpers.js';
import { ON_GRID_START } from './fixtures.js';

/**
 * `dataforge query` run in process, the way main.ts runs a command (main.ts does not list
 * it yet): stdout and stderr captured, a bad-input error gives exit code 1.
 */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const state = { exitCode: 0 };
  const program = new Command('dataforge').exitOverride();
  register(program, state);
  program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: (s) => { stderr += s; }, writeOut: (s) => { stdout += s; } }));
  let stdout = '';
  let stderr = '';
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: state.exitCode, stdout, stderr };
  } catch (e) {
    if (e instanceof CommanderError) return { code: 1, stdout, stderr };
    if (isBadInput(e)) return { code: 1, stdout, stderr: stderr + errorLine(e) };
    throw e;
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

let ctx: ReturnType<typeof tempWorkspace>;
beforeAll(async () => {
  ctx = tempWorkspace();
  for (const [name, seed] of [['ALPHA 1', 1], ['BRAVO 22', 2]] as const) {
    const f = writeGeneratedLas(ctx.root, `${seed}.las`, { rows: 300, curves: 4, seed, wellName: name, startDepth: ON_GRID_START });
    expect((await ingestFile(ctx.ws, f)).status).toBe('ingested');
  }
}, 60_000);
afterAll(() => ctx.cleanup());

describe('dataforge query', () => {
  it('prints an aligned table, numbers on the right', async () => {
    const r = await run(['query', 'SELECT well, runs, grid_step FROM wells ORDER BY well', '--workspace', ctx.root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'well      runs  grid_step',
      '--------  ----  ---------',
      'ALPHA 1      1     0.1524',
      'BRAVO 22     1     0.1524',
      '(2 rows)',
      '',
    ].join('\n'));
  });

  it('writes RFC 4180 CSV: CRLF, quoted fields, NULL as an empty field', async () => {
    const sql = `SELECT 'a,b' AS "x,y", 'say "hi"' AS q, 'two' || chr(10) || 'lines' AS t, NULL AS n, 1.5 AS d`;
    const r = await run(['query', sql, '--format', 'csv', '--workspace', ctx.root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('"x,y",q,t,n,d\r\n"a,b","say ""hi""","two\nlines",,1.5\r\n');
  });

  it('writes JSON: an array of row objects, integers as numbers while exact', async () => {
    const r = await run(['query', "SELECT well, runs, 9007199254740993::BIGINT AS big, NULL AS n FROM wells ORDER BY well", '--format', 'json', '--workspace', ctx.root]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { well: 'ALPHA 1', runs: 1, big: '9007199254740993', n: null },
      { well: 'BRAVO 22', runs: 1, big: '9007199254740993', n: null },
    ]);
    const empty = await run(['query', 'SELECT * FROM wells WHERE false', '--format', 'json', '--workspace', ctx.root]);
    expect(JSON.parse(empty.stdout)).toEqual([]);
  });

  it('answers a samples query over the gridded data (logs on the grid: one row per sample)', async () => {
    const r = await run(['query', "SELECT well, count(*) AS n FROM samples GROUP BY well ORDER BY well", '--format', 'json', '--workspace', ctx.root]);
    expect(JSON.parse(r.stdout)).toEqual([{ well: 'ALPHA 1', n: 300 }, { well: 'BRAVO 22', n: 300 }]);
  });

  it('exits 1 with the message for a statement that would write, and for bad SQL', async () => {
    const w = await run(['query', 'DROP TABLE wells', '--workspace', ctx.root]);
    expect(w.code).toBe(1);
    expect(w.stderr).toMatch(/queries are read-only: DROP is not allowed/);
    expect(w.stdout).toBe('');
    const bad = await run(['query', 'SELEC 1', '--workspace', ctx.root]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/read-only: SELEC is not allowed/);
    const col = await run(['query', 'SELECT nope FROM wells', '--workspace', ctx.root]);
    expect(col.code).toBe(1);
    expect(col.stderr).toMatch(/nope/);
  });

  it('refuses an unknown format and a folder that is not a workspace', async () => {
    const f = await run(['query', 'SELECT 1', '--format', 'xml', '--workspace', ctx.root]);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/expected one of table, csv, json/);
    const ws = await run(['query', 'SELECT 1', '--workspace', '/nonexistent/place']);
    expect(ws.code).toBe(1);
    expect(ws.stderr).toMatch(/no DataForge workspace/);
  });

  it('documents the views in its help', async () => {
    const r = await run(['query', '--help']);
    expect(r.stdout).toMatch(/samples\s+one row per well and grid depth/);
    expect(r.stdout).toMatch(/native_samples/);
  });
});
