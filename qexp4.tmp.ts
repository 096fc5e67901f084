import { DuckDBInstance, type DuckDBDataChunk } from '@duckdb/node-api';
import Database from 'better-sqlite3';
const root = '/tmp/qexp/ws100/.dataforge';
const db = new Database(root + '/workspace.db', { readonly: true });
const runs = db.prepare('select r.id, r.gridded_sha256 g, w.name from log_runs r join wells w on w.id = r.well_id').all() as any[];
const path = (s: string) => `${root}/blobs/${s.slice(0,2)}/${s.slice(2,4)}/${s}.parquet`;
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run('SET parquet_metadata_cache = true');
const cols = ['GR','RHOB','NPHI','DT','ILD','SP','CALI','PEF','ILM','SFLU'];
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1].toFixed(1);
async function readAll(file: string, mode: 'get' | 'items') {
  const res = await con.run(`SELECT DEPTH, ${cols.map(c => `"${c}"`).join(', ')} FROM read_parquet('${file}')`);
  const n = res.rowCount; const out = [new Float64Array(n), ...cols.map(() => new Float64Array(n))];
  let off = 0;
  for (;;) { const ch = await res.fetchChunk(); if (!ch || ch.rowCount === 0) break; const rc = ch.rowCount;
    for (let c = 0; c < out.length; c++) { const v = ch.getColumnVector(c); const o = out[c];
      if (mode === 'items') { const items = (v as any).items as Float64Array; o.set(items.subarray(0, rc), off); const val = (v as any).validity; for (let r = 0; r < rc; r++) if (!val.itemValid(r)) o[off + r] = NaN; }
      else for (let r = 0; r < rc; r++) { const x = v.getItem(r) as number | null; o[off + r] = x === null ? NaN : x; } }
    off += rc; }
  return out;
}
async function sqlDecimate(file: string, B: number) {
  const aggs = cols.map(c => `min("${c}"), max("${c}"), arg_min(DEPTH, "${c}") < arg_max(DEPTH, "${c}")`).join(', ');
  const r = await con.runAndReadAll(`WITH w AS (SELECT * FROM read_parquet('${file}')), r AS (SELECT min(DEPTH) t, max(DEPTH) b FROM w) SELECT least(floor((DEPTH - t) / (b - t) * ${B}), ${B - 1}) k, min(DEPTH), max(DEPTH), ${aggs} FROM w, r GROUP BY k ORDER BY k`);
  return r.getColumns();
}
for (const mode of ['get', 'items', 'sql'] as const) {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const file = path(runs[i % 10].g);
    const t = performance.now();
    if (mode === 'sql') await sqlDecimate(file, 1000); else await readAll(file, mode);
    times.push(performance.now() - t);
  }
  console.log(mode, 'median', med(times), 'min', Math.min(...times).toFixed(1));
}
