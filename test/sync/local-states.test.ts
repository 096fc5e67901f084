/**
 * A pulled page's local copies are read in one query per table (localStates): they must say
 * exactly what the per-entity lookup says, for entities we have, have queued, and lack.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { entityKey, localState, localStates, markPushed } from '../../src/sync/entities.js';
import { pendingChanges } from '../../src/sync/outbox.js';
import type { EntityType } from '../../src/sync/protocol.js';
import { cleanupAll, ingestGenerated, newWorkspace } from './helpers.js';

afterAll(cleanupAll);

describe('localStates', () => {
  it('agrees with localState for present, queued, pushed and unknown entities of every type', async () => {
    const ws = newWorkspace('lena');
    try {
      await ingestGenerated(ws, 3, { seed: 11 });
      // Half of what was ingested is pushed (left the outbox with a server version); the rest stays queued.
      const queued = pendingChanges(ws, 10_000);
      const pushed = queued.filter((_, i) => i % 2 === 0);
      markPushed(ws, pushed, pushed.map((c) => ({ type: c.entity.type, id: c.entity.id, version: 7 })));
      const asked: { type: EntityType; id: string }[] = queued.map((c) => ({ type: c.entity.type, id: c.entity.id }));
      for (const type of ['well', 'log_run', 'dataset', 'curve'] as const) asked.push({ type, id: `absent-${type}` });

      const batch = localStates(ws, asked);
      expect(batch.size).toBe(asked.length);
      for (const e of asked) expect(batch.get(entityKey(e.type, e.id)), `${e.type} ${e.id}`).toEqual(localState(ws, e));
      // And the mix the comparison covered is the one it claims to.
      const states = [...batch.values()];
      expect(states.filter((s) => s.local && s.queued).length).toBeGreaterThan(0);
      expect(states.filter((s) => s.local && !s.queued && s.local.syncedVersion === 7).length).toBe(pushed.length);
      expect(states.filter((s) => !s.local).length).toBe(4);
    } finally {
      ws.close();
    }
  });
});
