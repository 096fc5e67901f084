/**
 * Which files in the workspace blob store an entity needs. The store names a blob by hash
 * and extension (`<sha256>.<ext>`); the extension follows from the column that references it,
 * the same way the workspace registers pulled blobs.
 */
import type { Workspace } from '../workspace/workspace.js';
import type { Entity } from './protocol.js';

export interface BlobFile { sha256: string; ext: string; kind: 'source' | 'gridded' | 'native' }

export function blobFilesOf(e: Pick<Entity, 'type' | 'data'>): BlobFile[] {
  const out: BlobFile[] = [];
  const sha = (v: unknown) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : undefined);
  if (e.type === 'log_run') {
    const source = sha(e.data.source_sha256);
    if (source) out.push({ sha256: source, ext: e.data.source_format === 'csv' ? 'csv' : 'las', kind: 'source' });
    const gridded = sha(e.data.gridded_sha256);
    if (gridded) out.push({ sha256: gridded, ext: 'parquet', kind: 'gridded' });
  }
  if (e.type === 'dataset') {
    const native = sha(e.data.native_sha256);
    if (native) out.push({ sha256: native, ext: 'parquet', kind: 'native' });
  }
  return out;
}

/** Where a local blob lives, by the extension the workspace recorded for it. */
export function localBlobPath(ws: Workspace, sha256: string, fallbackExt: string): string {
  const row = ws.db.prepare('SELECT ext FROM blobs WHERE sha256 = ?').get(sha256) as { ext: string } | undefined;
  return ws.blobs.pathOf(sha256, row?.ext ?? fallbackExt);
}
