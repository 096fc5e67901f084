/**
 * The order a push sends queued changes in (src/sync/outbox.ts): family by family, parents
 * first, so each batch carries its own wells' blobs and every member can apply each page's
 * rows as soon as that page's blobs are in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { blobFilesOf } from '../../src/sync/blob-files.js';
import { pendingChanges } from '../../src/sync/outbox.js';
import type { Change } from '../../src/sync/protocol.js';
import { cleanupAll, ingestGenerated, newWorkspace } from './helpers.js';

afterAll(cleanupAll);

const keyOf = (c: Change) => `${c.entity.type}:${c.entity.id}`;

/** The parents a change's row names, as keys. */
function parentsOf(c: Change): string[] {
  const d = c.entity.data;
  if (c.entity.type === 'log_run') return [`well:${String(d.well_id)}`];
  if (c.entity.type === 'dataset') return [`log_run:${String(d.log_run_id)}`];
  if (c.entity.type === 'curve') return [`dataset:${String(d.dataset_id)}`, `log_run:${String(d.log_run_id)}`, `well:${String(d.well_id)}`];
  return [];
}

function expectParentsFirst(changes: Change[]): void {
  const at = new Map(changes.map((c, i) => [keyOf(c), i]));
  for (const [i, c] of changes.entries()) {
    for (const p of parentsOf(c)) {
      const pi = at.get(p);
      if (pi !== undefined) expect(pi, `${p} before ${keyOf(c)}`).toBeLessThan(i);
    }
  }
}

/** The well each change belongs to. */
function wellOf(c: Change, runs: Map<string, string>): string {
  const d = c.entity.data;
  if (c.entity.type === 'well') return c.entity.id;
  if (c.entity.type === 'dataset') return runs.get(String(d.log_run_id))!;
  return String(d.well_id);
}

describe('the order queued changes go out in', () => {
  it('is well by well, each well before its log runs, data sets and curves, in the order the wells were queued', async () => {
    const ws = newWorkspace('olga');
    try {
      await ingestGenerated(ws, 4, { seed: 21 });
      const changes = pendingChanges(ws, 10_000);
      const runs = new Map(changes.filter((c) => c.entity.type === 'log_run').map((c) => [c.entity.id, String(c.entity.data.well_id)]));
      const wells = changes.map((c) => wellOf(c, runs));
      // Each well's changes are one unbroken run, and the wells come in the order they were ingested.
      const runsOfWells = wells.filter((w, i) => i === 0 || wells[i - 1] !== w);
      expect(runsOfWells.length).toBe(4);
      const ingestOrder = (ws.db.prepare('SELECT id FROM wells ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
      expect(runsOfWells).toEqual(ingestOrder);
      expectParentsFirst(changes);
      // So the first well's changes carry its blobs and no other well's.
      const first = changes.filter((_, i) => wells[i] === ingestOrder[0]);
      const firstBlobs = new Set(first.flatMap((c) => blobFilesOf(c.entity).map((f) => f.sha256)));
      const otherBlobs = changes.filter((_, i) => wells[i] !== ingestOrder[0]).flatMap((c) => blobFilesOf(c.entity).map((f) => f.sha256));
      expect(firstBlobs.size).toBeGreaterThan(0);
      expect(otherBlobs.some((sha) => firstBlobs.has(sha))).toBe(false);
      // A limit takes the first changes of that order.
      expect(pendingChanges(ws, 5).map(keyOf)).toEqual(changes.slice(0, 5).map(keyOf));
    } finally {
      ws.close();
    }
  });

  it('keeps parents first when rows disagree about their well (a curve filed under another well than its log run)', async () => {
    const ws = newWorkspace('pia');
    try {
      await ingestGenerated(ws, 3, { seed: 31 });
      const wells = (ws.db.prepare('SELECT id FROM wells ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
      // A curve of the last well's log run, filed under the first well: family order alone
      // would send it before its data set and log run.
      const curve = ws.db.prepare('SELECT c.id FROM curves c JOIN log_runs r ON r.id = c.log_run_id WHERE r.well_id = ? LIMIT 1').get(wells[2]) as { id: string };
      ws.db.prepare('UPDATE curves SET well_id = ? WHERE id = ?').run(wells[0], curve.id);
      const changes = pendingChanges(ws, 10_000);
      expect(changes.some((c) => c.entity.id === curve.id)).toBe(true);
      expectParentsFirst(changes);
    } finally {
      ws.close();
    }
  });
});
