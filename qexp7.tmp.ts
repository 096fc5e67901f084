import { Workspace } from './src/workspace/workspace.js';
import { openQuerySession } from './src/query/session.js';
import { prepareReadOnly } from './src/query/guard.js';
const ws = Workspace.open('/tmp/qexp/ws100', { readonly: true });
const s = await openQuerySession(ws);
const sql = `SELECT DEPTH, GR, RHOB FROM samples WHERE well = 'WELL 5' AND DEPTH BETWEEN 1000 AND 2000`;
const con = (s as any).user;
for (let i = 0; i < 4; i++) {
  let t = performance.now();
  const p = await prepareReadOnly(con, sql);
  const t1 = performance.now();
  const r = await p.run();
  const t2 = performance.now();
  await s.refresh();
  const t3 = performance.now();
  const r2 = await con.run(sql);
  const t4 = performance.now();
  console.log('prepare', (t1 - t).toFixed(1), 'run', (t2 - t1).toFixed(1), 'refresh', (t3 - t2).toFixed(1), 'plain run', (t4 - t3).toFixed(1), r.rowCount, r2.rowCount);
}
const r = await s.query(`EXPLAIN ANALYZE ${sql}`);
console.log(String(r.rows[0][1]));
