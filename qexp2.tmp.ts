import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
const root = '/tmp/qexp/ws100/.dataforge';
const db = new Database(root + '/workspace.db', { readonly: true });
const runs = db.prepare('select r.id, r.gridded_sha256 g, w.name from log_runs r join wells w on w.id = r.well_id').all() as any[];
const path = (s: string) => `${root}/blobs/${s.slice(0,2)}/${s.slice(2,4)}/${s}.parquet`;
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const q = async (sql: string, show = false) => { const t = performance.now(); try { const r = await con.runAndReadAll(sql); const t2 = performance.now(); const rows = r.getRowObjectsJson(); console.log((t2-t).toFixed(1)+'ms', (performance.now()-t2).toFixed(1)+'ms', sql.slice(0,100), rows.length, show ? JSON.stringify(rows).slice(0,3000) : ''); return rows; } catch (e) { console.log((performance.now()-t).toFixed(1)+'ms', 'ERR', sql.slice(0,90), (e as Error).message.slice(0,300)); } };
await q(`SET parquet_metadata_cache = true`);
const branches = runs.map((r) => `SELECT '${r.id}' AS run_id, '${r.name}' AS well, DEPTH, GR, GR AS gamma_ray, RHOB, RHOB AS bulk_density, NPHI FROM read_parquet('${path(r.g)}')`);
await q(`CREATE VIEW s_union AS ${branches.join('\nUNION ALL BY NAME\n')}`);
await q(`CREATE TABLE files AS SELECT * FROM (VALUES ${runs.map((r) => `('${path(r.g)}', '${r.name}', '${r.id}')`).join(',')}) t(filename, well, run_id)`);
await q(`CREATE VIEW s_multi AS SELECT f.well, f.run_id, p.* EXCLUDE (filename) FROM read_parquet([${runs.map((r) => `'${path(r.g)}'`).join(',')}], union_by_name = true, filename = true) p JOIN files f USING (filename)`);
const one = path(runs[5].g);
for (let i = 0; i < 2; i++) {
  await q(`SELECT count(*) FROM read_parquet('${one}') WHERE DEPTH BETWEEN 1000 AND 1100`);
  await q(`SELECT count(*), avg(GR) FROM s_union WHERE DEPTH BETWEEN 1000 AND 1100`);
  await q(`SELECT count(*), avg(GR) FROM s_multi WHERE DEPTH BETWEEN 1000 AND 1100`);
  await q(`SELECT well, DEPTH, GR, RHOB FROM s_union WHERE DEPTH BETWEEN 1000 AND 1100`);
  await q(`SELECT well, DEPTH, GR, RHOB FROM s_multi WHERE DEPTH BETWEEN 1000 AND 1100`);
  await q(`SELECT DEPTH, GR, RHOB FROM s_union WHERE well = 'WELL 5' AND DEPTH BETWEEN 1000 AND 2000`);
  await q(`SELECT DEPTH, GR, RHOB FROM s_multi WHERE well = 'WELL 5' AND DEPTH BETWEEN 1000 AND 2000`);
}
await q(`EXPLAIN ANALYZE SELECT count(*), avg(GR) FROM s_union WHERE DEPTH BETWEEN 1000 AND 1100`, true);
await q(`SELECT * FROM parquet_metadata('${one}') LIMIT 30`, true);
