/**
 * The edit, gc, fsck and export commands, run in-process through their registrars (the way
 * main.ts wires them), with stdout captured.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register as registerEdit } from '../../src/cli/edit.js';
import { CliError } from '../../src/cli/errors.js';
import { register as registerExport } from '../../src/cli/export.js';
import { register as registerFsck } from '../../src/cli/fsck.js';
import { readLas } from '../../src/las/read.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import { WorkspaceError } from '../../src/workspace/errors.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { tempWorkspace } from './helpers.js';
import { writeUnitLas, type UnitLas } from './unit-las.js';

let ctx: ReturnType<typeof tempWorkspace>;
let ws: Workspace;
let las: UnitLas;
let runId: string;
beforeEach(async () => {
  ctx = tempWorkspace();
  ws = ctx.ws;
  las = writeUnitLas(ctx.root, 'u.las', { wellName: 'CLI WELL' });
  runId = (await ingestFile(ws, las.path)).logRunId!;
});
afterEach(() => ctx.cleanup());

async function dataforge(...args: string[]): Promise<string> {
  const program = new Command('dataforge').exitOverride();
  registerEdit(program);
  registerFsck(program);
  registerExport(program);
  const visit = (c: Command) => { c.exitOverride().configureOutput({ writeErr: () => undefined }); c.commands.forEach(visit); };
  visit(program);
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  try {
    await program.parseAsync([...args, '--workspace', ctx.root], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return stdout;
}

const row = (sql: string, ...a: unknown[]) => ws.db.prepare(sql).get(...a) as Record<string, unknown>;

describe('dataforge well set / curve set / rm / gc', () => {
  it('well set prints what changed and lands in the database', async () => {
    const text = await dataforge('well', 'set', 'CLI WELL', '--uwi', '42-000-1', '--kb', '25.5', '--elevation-unit', 'm');
    expect(text).toContain('updated well CLI WELL');
    expect(text).toContain("uwi: (none) → '42-000-1'");
    expect(text).toContain('kb: (none) → 25.5');
    expect(row('SELECT uwi, kb, elevation_unit, version FROM wells')).toEqual({ uwi: '42-000-1', kb: 25.5, elevation_unit: 'm', version: 2 });
    const json = JSON.parse(await dataforge('well', 'set', 'CLI WELL', '--kb', 'none', '--grid-step', '0.25', '--json')) as Record<string, unknown>;
    expect(json.changed).toEqual({ kb: { before: 25.5, after: null }, grid_step: { before: 0.5, after: 0.25 } });
    expect((json.regrid as { runs: unknown[] }).runs).toHaveLength(1);
    await expect(dataforge('well', 'set', 'CLI WELL', '--lat', '123')).rejects.toThrow(WorkspaceError);
  });

  it('curve set, rm and gc', async () => {
    const text = await dataforge('curve', 'set', 'CLI WELL/GR', '--quality', 'good');
    expect(text).toContain("quality: 'unreviewed' → 'good'");
    await expect(dataforge('curve', 'set', 'CLI WELL/GR', '--quality', 'great')).rejects.toThrow(/expected one of/);
    const rm = await dataforge('rm', 'run', runId.slice(0, 8));
    expect(rm).toContain(`removed log run ${runId.slice(0, 8)} (u.las): 1 data set, 4 curves`);
    expect(await dataforge('gc', '--dry-run')).toMatch(/gc: would delete 3 blobs/);
    expect(await dataforge('gc')).toMatch(/gc: deleted 3 blobs, [\d.]+ kB freed/);
    expect(await dataforge('gc')).toBe('gc: nothing to delete\n');
  });
});

describe('dataforge fsck', () => {
  it('says all is well, and exits 1 (a CliError) while problems remain', async () => {
    expect(await dataforge('fsck')).toMatch(/no problems found/);
    const gridded = row('SELECT gridded_sha256 g FROM log_runs').g as string;
    rmSync(ws.blobs.pathOf(gridded, 'parquet'));
    await expect(dataforge('fsck')).rejects.toThrow(CliError);
    await expect(dataforge('fsck')).rejects.toThrow(/1 problem remains/);
    const repaired = await dataforge('fsck', '--repair');
    expect(repaired).toMatch(/repaired\s+blob-missing/);
    expect(repaired).toMatch(/1 repaired, 0 remain/);
    const report = JSON.parse(await dataforge('fsck', '--json')) as { ok: boolean };
    expect(report.ok).toBe(true);
  });
});

describe('dataforge export', () => {
  it('takes the format from the extension, a curve list and a depth window', async () => {
    const file = join(ctx.root, 'out.las');
    const text = await dataforge('export', 'CLI WELL', file, '--curves', 'RHOB,gamma_ray', '--depth', '1500:1510', '--units', 'standard');
    expect(text).toMatch(/wrote .*out\.las: LAS 2\.0, 21 rows × 2 curves \(DEPT 1500–1510 m\)/);
    const back = readLas(readFileSync(file));
    expect(back.sets[0].curves.map((c) => [c.mnemonic, c.unit])).toEqual([['DEPT', 'm'], ['RHOB', 'g/cm3'], ['GR', 'gAPI']]);
    await expect(dataforge('export', 'CLI WELL', file)).rejects.toThrow(/already exists/);
    await expect(dataforge('export', 'CLI WELL', join(ctx.root, 'x.dat'))).rejects.toThrow(/--format/);
    await expect(dataforge('export', 'CLI WELL', join(ctx.root, 'y.las'), '--depth', '10:1')).rejects.toThrow(/TOP <= BASE/);
  });

  it('--original writes the ingested file byte for byte', async () => {
    const file = join(ctx.root, 'copy.las');
    const text = await dataforge('export', '--original', runId, file);
    expect(text).toContain('the original u.las');
    expect(readFileSync(file).equals(readFileSync(las.path))).toBe(true);
    const again = join(ctx.root, 'copy2.las');
    await dataforge('export', 'CLI WELL', again, '--original', runId.slice(0, 8));
    expect(existsSync(again)).toBe(true);
  });
});
