import duckdb from '@duckdb/node-bindings';
import type { CurveValues } from '../las/model.js';
import { quoteIdent, quoteString } from './duckdb.js';
import { offerTable, registerSource, sourceSelect } from './parquet-source.js';

export interface ParquetColumn {
  name: string;
  values: CurveValues;
}

/** Rows per Parquet row group: small enough that a depth-window read touches little more than it needs. */
export const ROW_GROUP_ROWS = 4096;

/**
 * zstd level 1, not DuckDB's default 3: compressing is about half of writing a log's
 * Parquet, and level 1 takes ~30% less of it for files ~10% larger (measured on generated
 * 20k-row logs: 870 KB instead of 789 KB). Reading is as fast either way. Ingest speed was
 * the issue; a tenth more disk for the derived copies (never the originals) is the price.
 */
const ZSTD_LEVEL = 1;

/**
 * How a Parquet file's pages are compressed. Native copies (and exports) are zstd. Gridded
 * copies are snappy: their values are interpolated between samples, full 64-bit doubles
 * that zstd shrank by about a tenth (1.71 vs 1.92 MB on a generated 20k-row log) for about a
 * quarter of the write; snappy gives up as fast on such data and still halves a gridded
 * copy whose points fall on the samples (values copied exactly).
 */
export type ParquetCompression = 'zstd' | 'snappy';
export const GRIDDED_COMPRESSION: ParquetCompression = 'snappy';

/**
 * No dictionary pages: log values are nearly all distinct, so DuckDB's dictionary attempt
 * on each column chunk is thrown away, and it cost about a quarter of a log's write (measured
 * on generated 20k-row logs: 30 → 22.5 ms CPU, files byte-for-byte the same size).
 */
const DICTIONARY_SIZE_LIMIT = 0;

/**
 * COPYs at once. Each runs on a thread of its own (libuv's pool) in a single-threaded
 * DuckDB, so two keep both cores of a small machine busy while JS parses the next file;
 * more would only queue for the same cores and hold more files in memory.
 */
const MAX_WRITERS = 2;

interface Writer { con: duckdb.Connection; busy: boolean }
let pool: Promise<Writer[]> | null = null;
const waiting: (() => void)[] = [];

/**
 * The writers' own in-memory DuckDB (one thread each, no database file), apart from the
 * instance that reads Parquet back, so a long COPY never holds up a query's threads.
 */
function writers(): Promise<Writer[]> {
  pool ??= (async () => {
    const config = duckdb.create_config();
    duckdb.set_config(config, 'threads', '1');
    const db = await duckdb.open(':memory:', config);
    const out: Writer[] = [];
    for (let i = 0; i < MAX_WRITERS; i++) {
      const con = await duckdb.connect(db);
      registerSource(con);
      out.push({ con, busy: false });
    }
    return out;
  })();
  return pool;
}

async function acquire(): Promise<Writer> {
  const all = await writers();
  for (;;) {
    const free = all.find((w) => !w.busy);
    if (free) { free.busy = true; return free; }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(w: Writer): void {
  w.busy = false;
  waiting.shift()?.();
}

/**
 * Writes columns to a Parquet file (zstd unless told otherwise) with key-value footer metadata. Numbers are
 * nullable DOUBLE (NaN becomes NULL); text columns are VARCHAR. The columns are read in
 * place while the COPY runs: the caller must not change them until it settles.
 */
export async function writeParquet(path: string, columns: ParquetColumn[], rows: number, kv: Record<string, string>, compression: ParquetCompression = 'zstd'): Promise<void> {
  const offer = offerTable({ names: columns.map((c) => c.name), columns: columns.map((c) => c.values), rows });
  const w = await acquire();
  try {
    const meta = Object.entries(kv).map(([k, v]) => `${quoteIdent(k)}: ${quoteString(v)}`).join(', ');
    await duckdb.query(w.con, `COPY (${sourceSelect(offer.id, columns.map((c) => c.name))}) TO ${quoteString(path)} (FORMAT parquet, ${compression === 'zstd' ? `COMPRESSION zstd, COMPRESSION_LEVEL ${ZSTD_LEVEL}` : 'COMPRESSION snappy'}, DICTIONARY_SIZE_LIMIT ${DICTIONARY_SIZE_LIMIT}, ROW_GROUP_SIZE ${ROW_GROUP_ROWS}${meta ? `, KV_METADATA {${meta}}` : ''})`);
  } finally {
    offer.release();
    release(w);
  }
}
