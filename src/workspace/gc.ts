/**
 * Garbage collection of blobs. A tombstoned row keeps its blobs (so a removal can still be
 * looked into, and the original exported) until gc; gc deletes the blobs that no live row
 * references: those only tombstones reference, and those nothing references (an old gridded
 * copy after a re-grid). A blob staged by a writer that has not committed yet is never
 * touched.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { nowIso, type Workspace } from './workspace.js';

export interface GcBlob {
  sha256: string;
  ext: string;
  kind: string;
  /** Bytes on disk (0 when the file was already gone). */
  bytes: number;
  path: string;
}

export interface GcResult {
  dryRun: boolean;
  /** Blobs removed (or that would be, in a dry run). */
  blobs: number;
  bytes: number;
  removed: GcBlob[];
}

/**
 * Blobs a live (not tombstoned) row references, or a pulled entity waiting for its parent
 * (sync_parked: it goes into its table later); these are never collected.
 */
export const LIVE_REFERENCES = `
  SELECT source_sha256 AS sha256 FROM log_runs WHERE deleted = 0
  UNION SELECT gridded_sha256 FROM log_runs WHERE deleted = 0 AND gridded_sha256 IS NOT NULL
  UNION SELECT native_sha256 FROM datasets WHERE deleted = 0
  UNION SELECT b.value FROM sync_parked p, json_each(p.entity_json, '$.blobs') b`;

export function gc(ws: Workspace, opts: { dryRun?: boolean } = {}): GcResult {
  const dryRun = !!opts.dryRun;
  const candidates = (): GcBlob[] => {
    const rows = ws.db.prepare(`SELECT sha256, ext, kind, size FROM blobs
        WHERE sha256 NOT IN (${LIVE_REFERENCES})
          AND sha256 NOT IN (SELECT sha256 FROM staged_blobs)
        ORDER BY sha256`).all() as { sha256: string; ext: string; kind: string; size: number }[];
    return rows.map((r) => {
      const path = ws.blobs.pathOf(r.sha256, r.ext);
      let bytes = 0;
      try { bytes = statSync(path).size; } catch { /* already gone: the row is dropped all the same */ }
      return { sha256: r.sha256, ext: r.ext, kind: r.kind, bytes, path };
    });
  };
  if (dryRun) {
    const removed = candidates();
    return { dryRun, blobs: removed.length, bytes: removed.reduce((s, b) => s + b.bytes, 0), removed };
  }
  // Tombstoned rows keep naming their blobs (sync needs the tombstones), so deleting the
  // blob rows must not trip the foreign keys; the pragma only works outside a transaction.
  const fk = ws.db.pragma('foreign_keys', { simple: true }) as number;
  if (fk) ws.db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE: a writer staging a blob waits for us, so it cannot find a file we are deleting.
    return ws.db.transaction((): GcResult => {
      const removed = candidates();
      const drop = ws.db.prepare('DELETE FROM blobs WHERE sha256 = ?');
      for (const b of removed) drop.run(b.sha256);
      const bytes = removed.reduce((s, b) => s + b.bytes, 0);
      if (removed.length) ws.audit('gc', 'workspace', ws.id, undefined, { blobs: removed.length, bytes, at: nowIso() });
      for (const b of removed) if (existsSync(b.path)) rmSync(b.path, { force: true });
      return { dryRun, blobs: removed.length, bytes, removed };
    }).immediate();
  } finally {
    if (fk) ws.db.pragma('foreign_keys = ON');
  }
}
