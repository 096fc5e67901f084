import { Workspace } from './src/workspace/workspace.js';
import { openQuerySession, closeQuerySession } from './src/query/session.js';
import { readDepthWindow, listWells, queryColumns } from './src/query/api.js';
import { columnCache } from './src/query/column-cache.js';
const ws = Workspace.open('/tmp/qexp/ws100', { readonly: true });
let t = performance.now();
const s = await openQuerySession(ws);
console.log('open+build', (performance.now() - t).toFixed(1));
const show = async (sql: string, n = 3) => { const t = performance.now(); try { const r = await s.query(sql); console.log((performance.now() - t).toFixed(1) + 'ms', sql.slice(0, 100), r.rows.length, JSON.stringify(r.rows.slice(0, n), (_k, v) => typeof v === 'bigint' ? Number(v) : v).slice(0, 400)); } catch (e) { console.log((performance.now() - t).toFixed(1) + 'ms', 'ERR', sql.slice(0,80), (e as Error).message); } };
await show(`DESCRIBE samples`, 40);
await show(`DESCRIBE native_samples`, 40);
await show(`SELECT * FROM wells LIMIT 1`);
await show(`SELECT * FROM log_runs LIMIT 1`);
await show(`SELECT * FROM curves LIMIT 1`);
for (let i = 0; i < 3; i++) {
  await show(`SELECT DEPTH, GR, RHOB FROM samples WHERE well = 'WELL 5' AND DEPTH BETWEEN 1000 AND 2000`);
  await show(`SELECT DEPT, GR, RHOB FROM native_samples WHERE well = 'WELL 5' AND DEPT BETWEEN 1000 AND 2000`);
  await show(`SELECT well, count(*), avg(gamma_ray) FROM samples WHERE DEPTH BETWEEN 1000 AND 1100 GROUP BY well ORDER BY well LIMIT 2`);
  t = performance.now();
  const c = await queryColumns(ws, `SELECT well, DEPTH, gamma_ray, bulk_density FROM samples WHERE DEPTH BETWEEN 1000 AND 1100`);
  console.log('columns 100-well window', (performance.now() - t).toFixed(1), c.rowCount);
}
const wells = await listWells(ws);
const curves = ['GR','RHOB','NPHI','DT','ILD','SP','CALI','PEF','ILM','SFLU'];
for (let i = 0; i < 12; i++) {
  t = performance.now();
  const w = await readDepthWindow(ws, { wellId: wells[i % 3].id, curves, grid: 'gridded', maxPoints: 2000 });
  console.log('window', i, (performance.now() - t).toFixed(2), w.depth.length, w.sourceRows);
}
t = performance.now();
const nat = await readDepthWindow(ws, { wellId: wells[0].id, curves, grid: 'native', maxPoints: 2000, top: 1500, base: 2500 });
console.log('native', (performance.now() - t).toFixed(2), nat.depth.length, nat.sourceRows, nat.unit, nat.depth[0], nat.depth[nat.depth.length-1]);
console.log('cache MB', columnCache.size / 1e6);
closeQuerySession(ws);
