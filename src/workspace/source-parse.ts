/**
 * A source file read, hashed and parsed into the LAS model, before anything touches the
 * workspace: pure work on one file, run on the JS thread or in the parse worker.
 */
import { readFile, stat } from 'node:fs/promises';
import { LasError } from '../las/errors.js';
import type { LasFile } from '../las/model.js';
import type { NullPolicyInput } from '../las/null-policy.js';
import { readLasInSlices } from '../las/read.js';
import { sha256Hex } from './blob-store.js';
import { csvToLas, isCsvPath } from './csv-source.js';
import { WorkspaceError } from './errors.js';

/** What parsing needs of the ingest options (plain data: it crosses to the worker). */
export interface ParseOptions {
  map?: Record<string, string>;
  nullPolicy?: NullPolicyInput;
  encoding?: string;
}

/** A file read and parsed, before anything touches the workspace (pure CPU: can run ahead). */
export interface PreparedFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
  csv: boolean;
  las?: LasFile;
  /** Why the file cannot be ingested (unreadable, not LAS...). */
  error?: string;
}

/** A file's bytes and hash, or why they cannot be read. */
export interface SourceBytes { path: string; csv: boolean; bytes?: Uint8Array; sha256?: string; error?: string }

export async function readSourceFile(path: string): Promise<SourceBytes> {
  const csv = isCsvPath(path);
  try {
    if ((await stat(path)).isDirectory()) return { path, csv, error: `${path}: is a folder, not a file` };
    const bytes = await readFile(path);
    return { path, csv, bytes, sha256: sha256Hex(bytes) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied (check the file permissions)' : (err as Error).message;
    return { path, csv, error: `${path}: ${why}` };
  }
}

/** Parses read bytes; `pause` is awaited between slices of a large LAS file. */
export async function parseSourceBytes(src: SourceBytes, opts: ParseOptions, pause: () => Promise<void>): Promise<PreparedFile> {
  const { path, csv } = src;
  if (!src.bytes || !src.sha256) return { path, bytes: new Uint8Array(0), sha256: '', csv, error: src.error };
  const prep: PreparedFile = { path, bytes: src.bytes, sha256: src.sha256, csv };
  try {
    prep.las = csv
      ? csvToLas(src.bytes, { fileName: path, map: opts.map })
      : await readLasInSlices(src.bytes, { fileName: path, nullPolicy: opts.nullPolicy, encoding: opts.encoding }, pause);
  } catch (err) {
    if (err instanceof LasError || err instanceof WorkspaceError) prep.error = err.message;
    else throw err;
  }
  return prep;
}

/** Lets the event loop turn (DuckDB's calls for Parquet data, finished I/O) between slices of a parse. */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads, hashes and parses a file on this thread, yielding to the event loop between slices. */
export async function prepareFile(path: string, opts: ParseOptions = {}): Promise<PreparedFile> {
  return parseSourceBytes(await readSourceFile(path), opts, letOthersRun);
}

export interface ParseRequest { id: number; path: string; opts: ParseOptions }
export type ParseReply = { id: number; prep: PreparedFile; failure?: undefined } | { id: number; failure: string; prep?: undefined };
