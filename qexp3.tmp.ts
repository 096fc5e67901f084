import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
const root = '/tmp/qexp/ws100/.dataforge';
const db = new Database(root + '/workspace.db', { readonly: true });
const runs = db.prepare('select r.id, r.gridded_sha256 g, w.name from log_runs r join wells w on w.id = r.well_id').all() as any[];
const path = (s: string) => `${root}/blobs/${s.slice(0,2)}/${s.slice(2,4)}/${s}.parquet`;
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run(`CREATE TABLE t AS SELECT 1 a`);
await con.run(`SET temp_directory = '/tmp/qexp/dtmp'`);
await con.run(`SET allowed_directories = ['${root}/blobs/']`);
await con.run(`SET enable_external_access = false`);
console.log((await con.runAndReadAll(`SELECT value FROM duckdb_settings() WHERE name = 'allowed_directories'`)).getRowObjectsJson());
for (const s of ['DESCRIBE t', 'SHOW t', 'SHOW TABLES', 'SUMMARIZE t', 'PIVOT t ON a', 'FROM t', 'VALUES (1)', 'WITH x AS (SELECT 1) SELECT * FROM x', 'EXPLAIN SELECT 1', 'EXPLAIN ANALYZE SELECT 1', 'PRAGMA table_info(\'t\')', 'PRAGMA show_tables', 'CALL pragma_table_info(\'t\')', 'SET threads=1', 'RESET threads', 'CHECKPOINT', 'USE memory', 'BEGIN', 'DETACH memory', 'SELECT 1; SELECT 2', 'UPDATE t SET a = 2', 'EXPORT DATABASE \'/tmp/x\'', 'CREATE MACRO m(x) AS x', 'LOAD sqlite', 'VACUUM', 'ANALYZE', 'DESCRIBE SELECT 1']) {
  try {
    const ex = await con.extractStatements(s);
    const types = [];
    for (let i = 0; i < ex.count; i++) { try { const p = await ex.prepare(i); types.push(p.statementType); p.destroySync(); } catch (e) { types.push('ERR ' + (e as Error).message.split('\n')[0]); } }
    console.log(s, '=>', ex.count, types);
  } catch (e) { console.log(s, 'extract ERR', (e as Error).message.split('\n')[0]); }
}
const one = path(runs[5].g);
const cols = ['GR','RHOB','NPHI','DT','ILD','SP','CALI','PEF','ILM','SFLU'];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const res = await con.run(`SELECT DEPTH, ${cols.map(c => `"${c}"`).join(', ')} FROM read_parquet('${one}') ORDER BY DEPTH`);
  const t1 = performance.now();
  let n = 0; const out = cols.map(() => new Float64Array(25000)); const dep = new Float64Array(25000);
  for (;;) { const ch = await res.fetchChunk(); if (!ch || ch.rowCount === 0) break; const rc = ch.rowCount;
    const dv = ch.getColumnVector(0); for (let r = 0; r < rc; r++) dep[n + r] = (dv.getItem(r) as number);
    for (let c = 0; c < cols.length; c++) { const v = ch.getColumnVector(c + 1); const o = out[c]; for (let r = 0; r < rc; r++) { const x = v.getItem(r) as number | null; o[n + r] = x === null ? NaN : x; } }
    n += rc; }
  console.log('direct read', n, (t1 - t).toFixed(1), (performance.now() - t).toFixed(1));
}
