/**
 * The Parquet writer feeds DuckDB straight from the typed arrays: every value (NULLs where a
 * number is NaN or a text is null) must come back as written, in order, across DuckDB's vector
 * boundaries and the scan's batch boundaries, and
 * with several files written at once, with the footer metadata and row groups in place.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parquetConnection, quoteString } from '../../src/workspace/duckdb.js';
import { readParquetTable } from '../../src/workspace/parquet-columns.js';
import { BATCH_ROWS } from '../../src/workspace/parquet-source.js';
import { ROW_GROUP_ROWS, writeParquet } from '../../src/workspace/parquet-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'df-pq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function columns(rows: number, seed: number) {
  const depth = Float64Array.from({ length: rows }, (_, i) => 1000 + i * 0.1524);
  // NULL runs that start and end inside and across DuckDB's 2,048-row vectors.
  const gr = Float64Array.from({ length: rows }, (_, i) => ((i + seed) % 997 < 40 || (i > 2040 && i < 2060) ? NaN : Math.sin(i * 0.01 + seed) * 50 + 60));
  const allNull = new Float64Array(rows).fill(NaN);
  const text = Array.from({ length: rows }, (_, i) => (i % 7 === 3 ? null : `lith ${(i + seed) % 5}\u0000x`));
  return [{ name: 'DEPT', values: depth }, { name: 'GR', values: gr }, { name: 'EMPTY', values: allNull }, { name: 'LITH', values: text }];
}

describe('writeParquet', () => {
  it('writes every value and NULL back as given, several files at once', async () => {
    const rows = 9_000;
    const files = [0, 1, 2, 3].map((seed) => ({ path: join(dir, `f${seed}.parquet`), cols: columns(rows, seed) }));
    await Promise.all(files.map((f) => writeParquet(f.path, f.cols, rows, { well_id: 'w', note: "it's" })));
    for (const f of files) {
      const t = await readParquetTable(f.path);
      expect(t.names).toEqual(['DEPT', 'GR', 'EMPTY', 'LITH']);
      expect(t.rows).toBe(rows);
      f.cols.forEach((c, i) => expect(t.columns[i]).toEqual(c.values));
    }
  });

  it('keeps rows in order across scan batches', async () => {
    const rows = 2 * BATCH_ROWS + 17;
    const cols = columns(rows, 5);
    const path = join(dir, 'batches.parquet');
    await writeParquet(path, cols, rows, {});
    const t = await readParquetTable(path);
    expect(t.rows).toBe(rows);
    cols.forEach((c, i) => expect(t.columns[i]).toEqual(c.values));
  });

  it('writes zstd row groups and the footer key-value metadata', async () => {
    const path = join(dir, 'meta.parquet');
    await writeParquet(path, columns(10_000, 9), 10_000, { well_id: 'w-1', grid: '0.1524 m from 0' });
    const con = await parquetConnection();
    const kv = (await con.runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${quoteString(path)})`)).getRowObjectsJS();
    expect(Object.fromEntries(kv.map((r) => [r.k, r.v]))).toMatchObject({ well_id: 'w-1', grid: '0.1524 m from 0' });
    const meta = (await con.runAndReadAll(`SELECT DISTINCT row_group_id, compression FROM parquet_metadata(${quoteString(path)})`)).getRowObjectsJS();
    expect(new Set(meta.map((r) => r.compression))).toEqual(new Set(['ZSTD']));
    expect(new Set(meta.map((r) => r.row_group_id)).size).toBe(Math.ceil(10_000 / ROW_GROUP_ROWS));
  });

  it('writes a file with no rows', async () => {
    const path = join(dir, 'empty.parquet');
    await writeParquet(path, [{ name: 'DEPT', values: new Float64Array(0) }], 0, {});
    expect((await readParquetTable(path)).rows).toBe(0);
  });
});
