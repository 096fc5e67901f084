import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
const root = '/tmp/qexp/ws100/.dataforge';
const db = new Database(root + '/workspace.db', { readonly: true });
const runs = db.prepare('select r.id, r.gridded_sha256 g, w.name from log_runs r join wells w on w.id = r.well_id').all() as any[];
const path = (s: string) => `${root}/blobs/${s.slice(0,2)}/${s.slice(2,4)}/${s}.parquet`;
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const list = runs.map((r) => `'${path(r.g)}'`).join(',');
for (let i = 0; i < 3; i++) {
const t = performance.now();
const r = await con.runAndReadAll(`SELECT file_name, name, type, num_children FROM parquet_schema([${list}])`);
const rows = r.getRowObjectsJson();
console.log(performance.now() - t, rows.length, rows.slice(0, 3));
}
