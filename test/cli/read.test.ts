import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, jsonLines, runCli, tempDir } from './run-cli.js';

interface Item { mnemonic: string; original_mnemonic: string; unit: string; value: unknown; descr: string; dtype?: string }
interface ReadJson {
  file: string; ok: boolean; error: { type: string; message: string } | null; encoding: string | null;
  version: Item[]; well: Item[]; params: Item[]; curves: Item[]; other: string; extra_sections: Record<string, unknown>;
  index_unit: string | null; n_rows: number; n_curves: number; data: unknown[][]; warnings: string[];
}

const LASIO_KEYS = ['file', 'ok', 'error', 'encoding', 'version', 'well', 'params', 'curves', 'other', 'extra_sections', 'index_unit', 'n_rows', 'n_curves', 'data', 'warnings'];

describe('las read: the human summary', () => {
  it('shows version, well, curves with units, depth range and unit, rows, encoding', () => {
    const r = runCli(['las', 'read', fixture('good-2.0.las')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const s = r.stdout;
    expect(s).toMatch(/LAS 2\.0/);
    expect(s).toMatch(/encoding utf-8/);
    expect(s).toMatch(/TEST WELL 7-21/);
    expect(s).toMatch(/1500 to 1501 M \(increasing, step 0\.25\)/);
    expect(s).toMatch(/rows\s+5\b/);
    expect(s).toMatch(/DEPT\s+M\s+DEPTH/);
    expect(s).toMatch(/GR\s+GAPI\s+GAMMA RAY/);
    expect(s).toMatch(/RHOB\s+G\/C3\s+BULK DENSITY/);
    expect(s).toMatch(/problems\s+none/);
  });

  it('lists problems with their line numbers', () => {
    const r = runCli(['las', 'read', fixture('warnings-2.0.las')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/problems\s+2 warnings/);
    // The short row is the 16th line of the fixture; STOP is on line 6.
    expect(r.stdout).toMatch(/line 16\S*\s+warning\s+row-short/);
    expect(r.stdout).toMatch(/line 6\s+warning\s+stop-mismatch/);
    expect(r.stdout).toMatch(/FT/);
  });

  it('names the other data sets of a LAS 3.0 file', () => {
    const r = runCli(['las', 'read', fixture('tops-3.0.las')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/LAS 3\.0/);
    expect(r.stdout).toMatch(/Tops \(2 curves, 2 rows\)/);
  });

  it('goes on after a bad file, then exits 1 naming it', () => {
    const r = runCli(['las', 'read', fixture('not-las.las'), fixture('good-2.0.las'), 'no/such/file.las']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/TEST WELL 7-21/);
    const errs = r.stderr.trim().split('\n');
    expect(errs).toHaveLength(2);
    expect(errs[0]).toMatch(/not-las\.las, line 1: .*not a LAS file/);
    expect(errs[1]).toMatch(/no\/such\/file\.las: .*no such file \(check the path\)/);
  });

  it('reads a file from the current folder by a relative path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny.las'), '~V\nVERS. 2.0 :\nWRAP. NO :\n~W\nNULL. -999.25 :\n~C\nDEPT.M :\nX.V :\n~A\n1 2\n2 3\n');
    const r = runCli(['las', 'read', 'tiny.las'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny\.las\n/);
    expect(r.stdout).toMatch(/rows\s+2\b/);
  });
});

describe('las read --json: the layout of lasio-expected', () => {
  it('writes one object per file per line, with every lasio key', () => {
    const r = runCli(['las', 'read', '--json', fixture('good-2.0.las'), fixture('wrapped-2.0.las')]);
    expect(r.code).toBe(0);
    const objs = jsonLines(r.stdout);
    expect(objs).toHaveLength(2);
    for (const o of objs) expect(Object.keys(o).sort()).toEqual([...LASIO_KEYS].sort());
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('types header values as lasio does, keeps NULLs as null', () => {
    const r = runCli(['las', 'read', '--json', fixture('good-2.0.las')]);
    const j = JSON.parse(r.stdout) as ReadJson;
    expect(j.ok).toBe(true);
    expect(j.error).toBeNull();
    const well = Object.fromEntries(j.well.map((i) => [i.mnemonic, i.value]));
    expect(well.STRT).toBe(1500);
    expect(well.NULL).toBe(-999.25);
    expect(well.WELL).toBe('TEST WELL 7-21');
    // UWI looks like a number but is an identifier: its leading zero must survive.
    expect(well.UWI).toBe('0100072100000');
    expect(j.params.find((p) => p.mnemonic === 'BHT')).toMatchObject({ unit: 'DEGC', value: 67.5, descr: 'BOTTOM HOLE TEMPERATURE' });
    expect(j.curves.map((c) => [c.mnemonic, c.unit, c.dtype])).toEqual([['DEPT', 'M', 'float64'], ['GR', 'GAPI', 'float64'], ['RHOB', 'G/C3', 'float64']]);
    expect(j.n_rows).toBe(5);
    expect(j.n_curves).toBe(3);
    expect(j.index_unit).toBe('M');
    expect(j.data).toEqual([
      [1500, 1500.25, 1500.5, 1500.75, 1501],
      [45.21, 47.003, 88.8, null, 102.5],
      [2.451, null, 2.5012, 2.48, 2.6125],
    ]);
    expect(j.other).toMatch(/Hand-written fixture/);
    expect(j.warnings).toEqual([]);
  });

  it('unwraps wrapped data', () => {
    const j = JSON.parse(runCli(['las', 'read', '--json', fixture('wrapped-2.0.las')]).stdout) as ReadJson;
    expect(j.n_rows).toBe(3);
    expect(j.data[0]).toEqual([10, 10.1, 10.2]);
    expect(j.data[4]).toEqual([1.4, null, 3.4]);
  });

  it('puts the other LAS 3.0 sets in extra_sections with their data', () => {
    const j = JSON.parse(runCli(['las', 'read', '--json', fixture('tops-3.0.las')]).stdout) as ReadJson;
    expect(j.curves.map((c) => c.mnemonic)).toEqual(['DEPT', 'GR']);
    expect(j.data).toEqual([[200, 200.2, 200.4], [60.5, 61.25, null]]);
    const defs = j.extra_sections.Tops_Definition as Item[];
    expect(defs.map((d) => d.mnemonic)).toEqual(['TOPT', 'TOPN']);
    expect(j.extra_sections.Tops_Data).toEqual([[200.1, 200.3], ['Upper Sand', 'Lower Shale']]);
  });

  it('reports problems as warnings with line numbers', () => {
    const j = JSON.parse(runCli(['las', 'read', '--json', fixture('warnings-2.0.las')]).stdout) as ReadJson;
    expect(j.warnings.some((w) => /^line 16\b.*row-short/.test(w))).toBe(true);
    expect(j.data[1]).toEqual([-12.5, -13, null]);
  });

  it('gives ok:false with a located LasError for a file that is not LAS, exit 1', () => {
    const r = runCli(['las', 'read', '--json', fixture('not-las.las'), fixture('good-2.0.las')]);
    expect(r.code).toBe(1);
    const [bad, good] = jsonLines(r.stdout) as unknown as ReadJson[];
    expect(bad.ok).toBe(false);
    expect(bad.error?.type).toBe('LasError');
    expect(bad.error?.message).toMatch(/not-las\.las, line 1:/);
    expect(good.ok).toBe(true);
    // Only JSON on stdout; the message for people goes to stderr.
    expect(r.stderr).toMatch(/not-las\.las/);
  });

  it('strict mode refuses a file that needs a recovery', () => {
    const r = runCli(['las', 'read', '--json', '--strict', fixture('warnings-2.0.las')]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as ReadJson;
    expect(j.ok).toBe(false);
    expect(j.error?.message).toMatch(/warnings-2\.0\.las, line \d+/);
  });

  it('prints no progress bar or other text when stdout is JSON', () => {
    const r = runCli(['las', 'read', '--json', fixture('good-2.0.las'), fixture('wrapped-2.0.las')]);
    expect(r.stderr).toBe('');
    for (const line of r.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
