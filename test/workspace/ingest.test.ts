import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parquetConnection, quoteString } from '../../src/workspace/duckdb.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { tempWorkspace, writeGeneratedLas } from './helpers.js';

let ctx: ReturnType<typeof tempWorkspace>;
let ws: Workspace;
beforeEach(() => { ctx = tempWorkspace(); ws = ctx.ws; });
afterEach(() => ctx.cleanup());

const count = (table: string) => (ws.db.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

describe('ingest', () => {
  it('stores the original bytes, native and gridded Parquet, and the metadata', async () => {
    const file = writeGeneratedLas(ctx.root, 'a.las', { rows: 800, curves: 8, seed: 3, wellName: 'ALPHA 1' });
    const r = await ingestFile(ws, file);
    expect(r.status).toBe('ingested');
    expect(r.wellCreated).toBe(true);
    expect(r.wellName).toBe('ALPHA 1');
    const run = ws.db.prepare('SELECT * FROM log_runs').get() as Record<string, unknown>;
    expect(run.row_count).toBe(800);
    // The original file is kept byte for byte.
    const src = ws.blobs.pathOf(run.source_sha256 as string, 'las');
    expect(readFileSync(src).equals(readFileSync(file))).toBe(true);
    expect(await ws.blobs.verify(run.source_sha256 as string, 'las')).toBe(true);
    expect(count('datasets')).toBe(1);
    expect(count('curves')).toBe(8);
    const gr = ws.db.prepare("SELECT * FROM curves WHERE original_mnemonic = 'GR'").get() as Record<string, unknown>;
    expect(gr.property).toBe('gamma_ray');
    expect(gr.min as number).toBeLessThan(gr.max as number);
    expect(JSON.parse(gr.coverage_json as string).intervals.length).toBeGreaterThan(0);
    expect(run.gridded_sha256).toMatch(/^[0-9a-f]{64}$/);
    // Native: zstd, with the footer naming its well and source; gridded: snappy (see parquet-writer).
    const set = ws.db.prepare('SELECT native_sha256 FROM datasets').get() as { native_sha256: string };
    const con = await parquetConnection();
    const compression = async (sha: string) => (await con.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata(${quoteString(ws.blobs.pathOf(sha, 'parquet'))})`)).getRowObjectsJS().map((r) => r.compression);
    expect(await compression(set.native_sha256)).toEqual(['ZSTD']);
    expect(await compression(run.gridded_sha256 as string)).toEqual(['SNAPPY']);
    const kv = (await con.runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${quoteString(ws.blobs.pathOf(set.native_sha256, 'parquet'))})`)).getRowObjectsJS();
    expect(Object.fromEntries(kv.map((r) => [r.k, r.v]))).toMatchObject({ well_id: r.wellId, source_sha256: run.source_sha256, las_version: '2.0', created_by: 'tester' });
    const audit = ws.db.prepare("SELECT action, entity, actor FROM audit_log ORDER BY id").all();
    expect(audit).toEqual([{ action: 'create', entity: 'well', actor: 'tester' }, { action: 'ingest', entity: 'log_run', actor: 'tester' }]);
  });

  it('is a no-op that says so when the same bytes come again', async () => {
    const file = writeGeneratedLas(ctx.root, 'a.las');
    expect((await ingestFile(ws, file)).status).toBe('ingested');
    const again = await ingestFile(ws, file);
    expect(again.status).toBe('already-present');
    expect(count('log_runs')).toBe(1);
  });

  it('adds a log run to the existing well for a new file of the same well; nothing overwritten', async () => {
    const a = writeGeneratedLas(ctx.root, 'a.las', { seed: 1, wellName: 'BRAVO 2' });
    const b = writeGeneratedLas(ctx.root, 'b.las', { seed: 2, wellName: 'BRAVO 2' });
    const ra = await ingestFile(ws, a);
    const rb = await ingestFile(ws, b);
    expect(rb.wellCreated).toBe(false);
    expect(rb.wellId).toBe(ra.wellId);
    expect(count('wells')).toBe(1);
    expect(count('log_runs')).toBe(2);
  });

  it('fails cleanly on a file that is not LAS and leaves the workspace unchanged', async () => {
    const bad = join(ctx.root, 'bad.las');
    writeFileSync(bad, 'this is not a log\n');
    const r = await ingestFile(ws, bad);
    expect(r.status).toBe('failed');
    expect(r.error).toContain('bad.las');
    expect(count('log_runs') + count('blobs') + count('wells')).toBe(0);
  });

  it('honours --well and --map overrides, and a dry run writes nothing', async () => {
    const file = writeGeneratedLas(ctx.root, 'a.las');
    const dry = await ingestFile(ws, file, { dryRun: true, well: 'Chosen', map: { GR: 'spontaneous_potential' } });
    expect(dry.status).toBe('dry-run');
    expect(dry.wellName).toBe('Chosen');
    expect(dry.curves!.find((c) => c.mnemonic === 'GR')!.property).toBe('spontaneous_potential');
    expect(count('blobs')).toBe(0);
    const real = await ingestFile(ws, file, { well: 'Chosen', map: { GR: 'spontaneous_potential' } });
    expect(real.status).toBe('ingested');
    const gr = ws.db.prepare("SELECT property, property_source FROM curves WHERE original_mnemonic = 'GR'").get();
    expect(gr).toEqual({ property: 'spontaneous_potential', property_source: 'user' });
  });

  it('converts to the standard unit for the gridded copy and keeps the original unit', async () => {
    const file = writeGeneratedLas(ctx.root, 'ft.las', { depthUnit: 'FT', step: 0.5 });
    const r = await ingestFile(ws, file);
    expect(r.status).toBe('ingested');
    const well = ws.db.prepare('SELECT grid_unit, grid_step FROM wells').get();
    expect(well).toEqual({ grid_unit: 'm', grid_step: 0.1524 });
  });
});
