import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
const root = '/tmp/qexp/ws100/.dataforge';
const db = new Database(root + '/workspace.db', { readonly: true });
const runs = db.prepare('select r.id, r.gridded_sha256 g, w.name from log_runs r join wells w on w.id = r.well_id').all() as any[];
const path = (s: string) => `${root}/blobs/${s.slice(0,2)}/${s.slice(2,4)}/${s}.parquet`;
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run('SET parquet_metadata_cache = true');
await con.run(`CREATE TABLE files AS SELECT * FROM (VALUES ${runs.map((r) => `('${path(r.g)}', '${r.name}', '${r.id}')`).join(',')}) t(filename, well, run_id)`);
const list = runs.map((r) => `'${path(r.g)}'`).join(',');
await con.run(`CREATE VIEW v_union AS SELECT f.well, p.* EXCLUDE (filename) FROM read_parquet([${list}], union_by_name = true, filename = true) p JOIN files f USING (filename)`);
await con.run(`CREATE VIEW v_plain AS SELECT f.well, p.* EXCLUDE (filename) FROM read_parquet([${list}], filename = true) p JOIN files f USING (filename)`);
const half = runs.slice(0, 50).map((r) => `'${path(r.g)}'`).join(','), half2 = runs.slice(50).map((r) => `'${path(r.g)}'`).join(',');
await con.run(`CREATE VIEW v_groups AS SELECT f.well, p.* EXCLUDE (filename) FROM (SELECT * FROM read_parquet([${half}], filename = true) UNION ALL BY NAME SELECT * FROM read_parquet([${half2}], filename = true)) p JOIN files f USING (filename)`);
for (const v of ['v_union', 'v_plain', 'v_groups']) for (const sql of [`SELECT DEPTH, GR, RHOB FROM ${v} WHERE well = 'WELL 5' AND DEPTH BETWEEN 1000 AND 2000`, `SELECT count(*), avg(GR) FROM ${v} WHERE DEPTH BETWEEN 1000 AND 1100`]) {
  const ts: number[] = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); await con.run(sql); ts.push(performance.now() - t); }
  console.log(v, sql.slice(0, 50), ts.map(x => x.toFixed(1)).join(' '));
}
