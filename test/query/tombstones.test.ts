import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getWell, listCurves, listWells, query, readDepthWindow } from '../../src/query/api.js';
import { closeQuerySession } from '../../src/query/session.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { buildFixture, readLasCurves, type QueryFixture } from './fixtures.js';

let fx: QueryFixture;
beforeEach(async () => { fx = await buildFixture(); }, 60_000);
afterEach(() => { closeQuerySession(fx.ws); fx.cleanup(); });

const count = async (sql: string) => Number((await query(fx.ws, sql)).rows[0][0]);

/** A tombstone as `dataforge rm` writes it: the row stays, marked deleted, its version bumped. */
function tombstone(ws: Workspace, table: 'wells' | 'log_runs' | 'curves', id: string): void {
  ws.db.prepare(`UPDATE ${table} SET deleted = 1, version = version + 1, updated_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
}

describe('tombstoned entities do not show up', () => {
  it('hides a deleted well everywhere, in a session opened before the deletion', async () => {
    // Open the session first: it must notice the change on its own.
    expect(await count(`SELECT count(*) FROM samples WHERE well = 'ALPHA 1'`)).toBeGreaterThan(0);
    tombstone(fx.ws, 'wells', fx.ids.alpha);
    expect(await count(`SELECT count(*) FROM wells WHERE well = 'ALPHA 1'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM log_runs WHERE well_id = '${fx.ids.alpha}'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM curves WHERE well_id = '${fx.ids.alpha}'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM samples WHERE well_id = '${fx.ids.alpha}'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM native_samples WHERE well_id = '${fx.ids.alpha}'`)).toBe(0);
    // The other wells are untouched.
    expect(await count(`SELECT count(DISTINCT well) FROM samples`)).toBe(2);
    expect((await listWells(fx.ws)).map((w) => w.name)).toEqual(['BRAVO 2', 'CHARLIE 3']);
    expect(await getWell(fx.ws, 'ALPHA 1')).toBeNull();
    expect(await getWell(fx.ws, fx.ids.alpha)).toBeNull();
    await expect(readDepthWindow(fx.ws, { wellId: fx.ids.alpha, curves: ['GR'], grid: 'gridded' })).rejects.toThrow(/no well/);
  });

  it('notices a deletion made by another process (another connection to the database)', async () => {
    expect(await count(`SELECT count(*) FROM wells`)).toBe(3);
    const other = Workspace.open(fx.root, { actor: 'someone else' });
    try { tombstone(other, 'wells', fx.ids.bravo); } finally { other.close(); }
    expect(await count(`SELECT count(*) FROM wells`)).toBe(2);
    expect(await count(`SELECT count(*) FROM samples WHERE well = 'BRAVO 2'`)).toBe(0);
  });

  it('hides a deleted log run of a live well: its samples and curves go, the other run stays', async () => {
    const old = readLasCurves(fx.files.alpha);
    tombstone(fx.ws, 'log_runs', fx.ids.alphaDeepRun);
    expect(await count(`SELECT count(*) FROM samples WHERE well = 'ALPHA 1'`)).toBe(old.depth.length);
    expect(await count(`SELECT count(*) FROM native_samples WHERE run_id = '${fx.ids.alphaDeepRun}'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM curves WHERE run_id = '${fx.ids.alphaDeepRun}'`)).toBe(0);
    expect(await count(`SELECT runs FROM wells WHERE well = 'ALPHA 1'`)).toBe(1);
    expect((await listCurves(fx.ws, { wellId: fx.ids.alpha })).every((c) => c.runId === fx.ids.alphaRun)).toBe(true);
  });

  it('hides a deleted curve: its column reads NULL for that run and it leaves the curves table', async () => {
    const gr = (await listCurves(fx.ws, { runId: fx.ids.bravoRun })).find((c) => c.mnemonic === 'GR')!;
    tombstone(fx.ws, 'curves', gr.id);
    expect(await count(`SELECT count(*) FROM curves WHERE curve_id = '${gr.id}'`)).toBe(0);
    expect(await count(`SELECT count(GR) FROM samples WHERE well = 'BRAVO 2'`)).toBe(0);
    expect(await count(`SELECT count(gamma_ray) FROM samples WHERE well = 'BRAVO 2'`)).toBe(0);
    expect(await count(`SELECT count(GR) FROM native_samples WHERE well = 'BRAVO 2'`)).toBe(0);
    // ALPHA 1's GR is another curve and still there.
    expect(await count(`SELECT count(GR) FROM samples WHERE well = 'ALPHA 1'`)).toBeGreaterThan(0);
    await expect(readDepthWindow(fx.ws, { wellId: fx.ids.bravo, curves: ['GR'], grid: 'gridded' })).rejects.toThrow(/no curve 'GR'/);
  });
});
