import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { query } from '../../src/query/api.js';
import { closeQuerySession, openQuerySession } from '../../src/query/session.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import { tempWorkspace, writeGeneratedLas } from '../workspace/helpers.js';
import { ON_GRID_START } from './fixtures.js';

let ctx: ReturnType<typeof tempWorkspace> | undefined;
afterEach(() => { if (ctx) { closeQuerySession(ctx.ws); ctx.cleanup(); ctx = undefined; } });

describe('workspaces with nothing, or something missing', () => {
  it('answers over an empty workspace: the views exist and are empty', async () => {
    ctx = tempWorkspace();
    expect((await query(ctx.ws, 'SELECT count(*) FROM samples')).rows[0][0]).toBe(0n);
    expect((await query(ctx.ws, 'SELECT count(*) FROM native_samples')).rows[0][0]).toBe(0n);
    const cols = (await query(ctx.ws, 'DESCRIBE samples')).rows.map((r) => r[0]);
    expect(cols).toEqual(['well_id', 'well', 'DEPTH', 'depth_unit']);
    // Data ingested after the session opened shows up on the next query.
    const f = writeGeneratedLas(ctx.root, 'a.las', { rows: 200, curves: 3, seed: 5, wellName: 'LATE 1', startDepth: ON_GRID_START });
    expect((await ingestFile(ctx.ws, f)).status).toBe('ingested');
    expect((await query(ctx.ws, "SELECT count(*) FROM samples WHERE well = 'LATE 1'")).rows[0][0]).toBe(200n);
  });

  it('takes each run\'s own curve for a property, even when runs map different mnemonics to it', async () => {
    ctx = tempWorkspace();
    const a = writeGeneratedLas(ctx.root, 'a.las', { rows: 100, curves: 8, seed: 7, wellName: 'PLAIN 1', startDepth: ON_GRID_START });
    const b = writeGeneratedLas(ctx.root, 'b.las', { rows: 100, curves: 8, seed: 8, wellName: 'SWAPPED 2', startDepth: ON_GRID_START });
    await ingestFile(ctx.ws, a);
    // In this file the user says SP is the gamma ray and GR the SP.
    await ingestFile(ctx.ws, b, { map: { SP: 'gamma_ray', GR: 'spontaneous_potential' } });
    const rows = (await query(ctx.ws, 'SELECT well, GR, SP, gamma_ray, spontaneous_potential FROM samples')).rows;
    expect(rows.length).toBe(200);
    for (const [well, gr, sp, gamma, spont] of rows) {
      if (well === 'PLAIN 1') expect([gamma, spont]).toEqual([gr, sp]);
      else expect([gamma, spont]).toEqual([sp, gr]);
    }
  });

  it('leaves out a data file that has gone missing, says so, and still answers for the rest', async () => {
    ctx = tempWorkspace();
    const a = writeGeneratedLas(ctx.root, 'a.las', { rows: 200, curves: 3, seed: 5, wellName: 'KEPT 1', startDepth: ON_GRID_START });
    const b = writeGeneratedLas(ctx.root, 'b.las', { rows: 200, curves: 3, seed: 6, wellName: 'BROKEN 2', startDepth: ON_GRID_START });
    await ingestFile(ctx.ws, a);
    const rb = await ingestFile(ctx.ws, b);
    const sha = (ctx.ws.db.prepare('SELECT gridded_sha256 FROM log_runs WHERE id = ?').get(rb.logRunId) as { gridded_sha256: string }).gridded_sha256;
    const path = ctx.ws.blobs.pathOf(sha, 'parquet');
    rmSync(path);
    const session = await openQuerySession(ctx.ws);
    expect(session.unreadable).toEqual([path]);
    const rows = (await query(ctx.ws, 'SELECT well, count(*) FROM samples GROUP BY well')).rows;
    expect(rows).toEqual([['KEPT 1', 200n]]);
    // Its native data is still there.
    expect((await query(ctx.ws, "SELECT count(*) FROM native_samples WHERE well = 'BROKEN 2'")).rows[0][0]).toBe(200n);
  });
});
