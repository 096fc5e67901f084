import { DuckDBTypeId, type DuckDBMaterializedResult, type DuckDBVector } from '@duckdb/node-api';

/**
 * Numbers out of DuckDB without a JS value per sample. The library's per-item accessor
 * tests validity with BigInt arithmetic, which costs more than reading the Parquet; a
 * DOUBLE vector keeps its values in a Float64Array and its validity mask in a
 * BigUint64Array, and copying those directly is ~10x faster. Both are fields the library
 * does not declare public, so the shape is checked on every vector and anything else
 * takes the per-item path.
 */

interface RawDoubleVector {
  items?: unknown;
  validity?: { data?: unknown; offset?: unknown };
}

/** Whether the platform stores a uint64 mask word low half first (true on x64 and arm64). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Copies the first `n` values of a numeric vector into `out[offset...]`; NULL becomes NaN. */
export function copyNumbers(vec: DuckDBVector, n: number, out: Float64Array, offset: number): void {
  const raw = vec as unknown as RawDoubleVector;
  const items = raw.items;
  if (items instanceof Float64Array && items.length >= n) {
    const mask = raw.validity?.data;
    const maskOffset = raw.validity?.offset;
    if (mask === null || mask === undefined) {
      out.set(items.subarray(0, n), offset);
      return;
    }
    if (mask instanceof BigUint64Array && maskOffset === 0 && LITTLE_ENDIAN) {
      out.set(items.subarray(0, n), offset);
      const words = new Uint32Array(mask.buffer, mask.byteOffset, mask.length * 2);
      for (let w = 0; w * 32 < n; w++) {
        const bits = words[w];
        if (bits === 0xffffffff) continue;
        const end = Math.min(32, n - w * 32);
        for (let b = 0; b < end; b++) if (((bits >>> b) & 1) === 0) out[offset + w * 32 + b] = NaN;
      }
      return;
    }
  }
  for (let i = 0; i < n; i++) {
    out[offset + i] = toNumber(vec.getItem(i));
  }
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object' && typeof (v as { toDouble?: unknown }).toDouble === 'function') return (v as { toDouble(): number }).toDouble();
  return Number(v);
}

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.DOUBLE, DuckDBTypeId.FLOAT, DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT, DuckDBTypeId.DECIMAL,
]);

export function isNumericType(id: DuckDBTypeId): boolean {
  return NUMERIC.has(id);
}

/** Every column of a materialized result as a Float64Array (the columns must be numeric). */
export function resultToFloat64(result: DuckDBMaterializedResult): Float64Array[] {
  const rows = result.rowCount;
  const cols = Array.from({ length: result.columnCount }, () => new Float64Array(rows));
  let offset = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    const n = chunk.rowCount;
    for (let c = 0; c < cols.length; c++) copyNumbers(chunk.getColumnVector(c), n, cols[c], offset);
    offset += n;
  }
  return cols;
}
