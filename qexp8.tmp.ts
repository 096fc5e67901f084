import { Workspace } from './src/workspace/workspace.js';
import { openQuerySession } from './src/query/session.js';
const ws = Workspace.open('/tmp/qexp/ws100', { readonly: true });
const s = await openQuerySession(ws);
const con = (s as any).user;
for (const sql of [`SELECT DEPTH, GR, RHOB FROM samples WHERE well = 'WELL 5' AND DEPTH BETWEEN 1000 AND 2000`, `SELECT 1 FROM samples LIMIT 0`, `SELECT 1`]) {
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const p = await con.prepare(sql);
  const t1 = performance.now();
  await p.run();
  const t2 = performance.now();
  await p.run();
  const t3 = performance.now();
  console.log(sql.slice(0, 40), 'prepare', (t1 - t).toFixed(1), 'run1', (t2 - t1).toFixed(1), 'run2', (t3 - t2).toFixed(1));
}}
