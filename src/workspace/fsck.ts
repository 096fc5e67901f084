/**
 * `fsck`: checks that the workspace is whole. The database passes SQLite's integrity check
 * and its references hold; every referenced blob exists and re-hashes to its name; no file
 * in blobs/ lacks a row and no row lacks its file; each data set's Parquet matches its
 * metadata and its statistics. `repair` fixes what can be fixed without losing anything.
 */
import { checkBlobs } from './fsck-blobs.js';
import { checkData } from './fsck-data.js';
import type { FsckProblem, FsckReport } from './fsck-types.js';
import { WorkspaceError } from './errors.js';
import type { Workspace } from './workspace.js';

export type { FsckCode, FsckProblem, FsckReport } from './fsck-types.js';

export async function fsck(ws: Workspace, opts: { repair?: boolean } = {}): Promise<FsckReport> {
  const repair = !!opts.repair;
  if (repair && ws.db.readonly) throw new WorkspaceError('read-only', 'fsck --repair needs the workspace opened for writing', ws.layout.root);
  const problems: FsckProblem[] = [];
  checkDatabase(ws, problems);
  const blobs = await checkBlobs(ws, repair, problems);
  const data = await checkData(ws, blobs.bad, repair, problems);
  const repaired = problems.filter((p) => p.repaired).length;
  return {
    ok: problems.length === repaired,
    repair,
    checked: { blobs: blobs.blobs, files: blobs.files, runs: data.runs, datasets: data.datasets, curves: data.curves },
    problems,
    repaired,
    remaining: problems.length - repaired,
  };
}

const SYNCED = new Set(['log_runs', 'datasets', 'curves', 'wells']);

function checkDatabase(ws: Workspace, problems: FsckProblem[]): void {
  const integrity = ws.db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity) {
    if (row.integrity_check !== 'ok') problems.push({ code: 'sqlite-integrity', entity: 'database', path: ws.layout.db, message: `SQLite integrity check: ${row.integrity_check}` });
  }
  const fk = ws.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string; fkid: number }[];
  for (const v of fk) {
    // References to blobs are the blob check's: a tombstone naming a blob gc collected is
    // expected, and a live one is reported there with the file concerned.
    if (v.parent === 'blobs') continue;
    if (SYNCED.has(v.table)) {
      const row = ws.db.prepare(`SELECT id FROM ${v.table} WHERE rowid = ?`).get(v.rowid) as { id: string } | undefined;
      problems.push({ code: 'foreign-key', entity: 'database', id: row?.id, path: ws.layout.db, message: `${v.table} row ${row?.id ?? v.rowid} names a missing ${v.parent} row` });
    } else {
      problems.push({ code: 'foreign-key', entity: 'database', path: ws.layout.db, message: `${v.table} row ${v.rowid} names a missing ${v.parent} row` });
    }
  }
}
