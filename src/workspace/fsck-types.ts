/** What fsck reports: one problem per finding, naming the file or the entity concerned. */

export type FsckCode =
  | 'sqlite-integrity' // PRAGMA integrity_check failed
  | 'foreign-key' // a live row names a parent that does not exist
  | 'tombstone-orphan' // a live row under a tombstoned run or well
  | 'blob-missing' // a live row references a blob whose file is gone
  | 'blob-corrupt' // a blob's bytes no longer match its hash
  | 'blob-row-missing' // a live row references a blob the blobs table does not list
  | 'blob-file-missing' // a blobs row whose file is gone (nothing live needs it)
  | 'orphan-file' // a file under blobs/ no blobs row names
  | 'stale-temp' // a temp file of a process that is gone
  | 'parquet-unreadable'
  | 'row-count' // rows recorded vs rows in the Parquet file
  | 'curve-count' // curves recorded vs columns in the Parquet file
  | 'gridded-shape' // the gridded copy's columns or rows do not match the run
  | 'stats' // stored statistics differ from the data
  | 'coverage' // stored coverage differs from the data
  | 'unit-mismatch'; // a curve's stored unit cannot be reached from its original unit

export interface FsckProblem {
  code: FsckCode;
  message: string;
  /** The file concerned, when there is one. */
  path?: string;
  entity?: 'blob' | 'well' | 'log_run' | 'dataset' | 'curve' | 'database';
  id?: string;
  /** Set by --repair: what was done. */
  repaired?: string;
}

export interface FsckReport {
  ok: boolean;
  repair: boolean;
  checked: { blobs: number; files: number; runs: number; datasets: number; curves: number };
  problems: FsckProblem[];
  repaired: number;
  /** Problems not repaired. */
  remaining: number;
}
