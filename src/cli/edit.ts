/**
 * `dataforge well set`, `dataforge curve set`, `dataforge rm run|well`, `dataforge gc`:
 * thin commands over src/workspace/edit.ts. Every edit lands in the audit log.
 */
import type { Command } from 'commander';
import { gc, QUALITY_FLAGS, removeRun, removeWell, setCurve, setWell, type SetCurveResult, type SetWellResult, type WellChanges } from '../workspace/edit.js';
import { out } from './io.js';
import { parseChoice } from './options.js';
import { CLEAR, commandGroup, parseNumber, parseNumberOrNone, parsePositive, shortId, showBytes, showValue, withWorkspace } from './workspace-edit-helpers.js';
import { workspaceOption } from './workspace.js';

type NumberFlag = number | typeof CLEAR;

interface WellSetFlags {
  workspace?: string; json?: boolean;
  name?: string; uwi?: string; api?: string; field?: string; operator?: string; country?: string; state?: string; county?: string;
  location?: string; crs?: string; x?: NumberFlag; y?: NumberFlag; lat?: NumberFlag; lon?: NumberFlag;
  kb?: NumberFlag; gl?: NumberFlag; df?: NumberFlag; elevationUnit?: string;
  gridStep?: number; gridUnit?: 'm' | 'ft'; gridOrigin?: number; method?: 'linear' | 'nearest' | 'step';
}

function wellChanges(o: WellSetFlags): WellChanges {
  const c: WellChanges = {};
  const text = ['name', 'uwi', 'api', 'field', 'operator', 'country', 'state', 'county', 'location', 'crs'] as const;
  for (const k of text) if (o[k] !== undefined) c[k] = o[k];
  if (o.elevationUnit !== undefined) c.elevationUnit = o.elevationUnit;
  for (const [flag, key] of [['x', 'x'], ['y', 'y'], ['lat', 'latitude'], ['lon', 'longitude'], ['kb', 'kb'], ['gl', 'gl'], ['df', 'df']] as const) {
    const v = o[flag];
    if (v !== undefined) c[key] = v === CLEAR ? null : v;
  }
  if (o.gridStep !== undefined || o.gridUnit !== undefined || o.gridOrigin !== undefined) {
    c.grid = { ...(o.gridUnit !== undefined ? { unit: o.gridUnit } : {}), ...(o.gridStep !== undefined ? { step: o.gridStep } : {}), ...(o.gridOrigin !== undefined ? { origin: o.gridOrigin } : {}) };
  }
  return c;
}

function changedLines(changed: Record<string, { before: unknown; after: unknown }>): string {
  return Object.entries(changed).map(([k, v]) => `  ${k}: ${showValue(v.before)} → ${showValue(v.after)}\n`).join('');
}

function wellText(r: SetWellResult): string {
  if (!Object.keys(r.changed).length) return `well ${r.name} (${shortId(r.id)}): nothing to change\n`;
  let s = `updated well ${r.name} (${shortId(r.id)}), version ${r.version}:\n${changedLines(r.changed)}`;
  if (r.regrid) {
    const n = r.regrid.runs.length;
    s += `re-gridded ${n} log run${n === 1 ? '' : 's'} onto ${r.grid.step} ${r.grid.unit} from ${r.grid.origin} (the old gridded copies stay until 'dataforge gc')\n`;
    for (const k of r.regrid.skipped) s += `  skipped run ${shortId(k.id)} (${k.sourceName}): ${k.reason}\n`;
  }
  return s;
}

function curveText(r: SetCurveResult): string {
  if (!Object.keys(r.changed).length) return `curve ${r.mnemonic} (${shortId(r.id)}): nothing to change\n${r.notes.map((n) => `note: ${n}\n`).join('')}`;
  let s = `updated curve ${r.mnemonic} (${shortId(r.id)}) of run ${shortId(r.runId)}, version ${r.version}:\n${changedLines(r.changed)}`;
  if (r.rederived) s += `values re-converted to ${r.rederived.unit.after}: statistics${r.rederived.gridded ? " and the run's gridded copy" : ''} rewritten\n`;
  for (const n of r.notes) s += `note: ${n}\n`;
  return s;
}

export function register(program: Command): void {
  const well = commandGroup(program, 'well', 'wells of the workspace');
  well.command('set')
    .description("change a well's metadata or depth grid (a new grid re-grids its log runs); recorded in the audit log")
    .argument('<well>', 'well name or id')
    .option('--name <name>', 'new name (must be unique)')
    .option('--uwi <uwi>', "unique well identifier ('' clears)")
    .option('--api <api>', "API number ('' clears)")
    .option('--field <field>', "field ('' clears)")
    .option('--operator <operator>', "operator ('' clears)")
    .option('--country <country>', "country ('' clears)")
    .option('--state <state>', "state or province ('' clears)")
    .option('--county <county>', "county ('' clears)")
    .option('--location <text>', "location as text ('' clears)")
    .option('--crs <crs>', "coordinate reference system of x/y, e.g. EPSG:23031 ('' clears)")
    .option('--x <n>', "easting in the CRS ('none' clears)", parseNumberOrNone)
    .option('--y <n>', "northing in the CRS ('none' clears)", parseNumberOrNone)
    .option('--lat <deg>', "latitude ('none' clears)", parseNumberOrNone)
    .option('--lon <deg>', "longitude ('none' clears)", parseNumberOrNone)
    .option('--kb <n>', "kelly bushing elevation ('none' clears)", parseNumberOrNone)
    .option('--gl <n>', "ground level elevation ('none' clears)", parseNumberOrNone)
    .option('--df <n>', "derrick floor elevation ('none' clears)", parseNumberOrNone)
    .option('--elevation-unit <unit>', 'unit of KB/GL/DF: m or ft')
    .option('--grid-step <n>', 'depth grid step', parsePositive)
    .option('--grid-unit <unit>', 'depth grid unit: m or ft', parseChoice(['m', 'ft'] as const))
    .option('--grid-origin <n>', 'depth grid origin (a grid point)', parseNumber)
    .option('--method <m>', 'resampling when re-gridding: linear, nearest or step (default linear)', parseChoice(['linear', 'nearest', 'step'] as const))
    .option(...workspaceOption)
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, o: WellSetFlags) => {
      const r = await withWorkspace(o.workspace, (ws) => setWell(ws, ref, wellChanges(o), { method: o.method }));
      await out(o.json ? `${JSON.stringify(r)}\n` : wellText(r));
    });

  const curve = commandGroup(program, 'curve', 'curves of the workspace');
  curve.command('set')
    .description("change a curve's property mapping or quality flag; recorded in the audit log")
    .argument('<curve>', 'curve id, or RUN/MNEMONIC, or WELL/MNEMONIC (e.g. "ALPHA 1/GR")')
    .option('--property <id>', "property id from the dictionary (see 'dataforge dictionary list'); 'none' unmaps")
    .option('--quality <flag>', `quality flag: ${QUALITY_FLAGS.join(', ')}`, parseChoice(QUALITY_FLAGS))
    .option('--method <m>', 'resampling if the gridded copy is rewritten: linear, nearest or step', parseChoice(['linear', 'nearest', 'step'] as const))
    .option(...workspaceOption)
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, o: { property?: string; quality?: (typeof QUALITY_FLAGS)[number]; method?: 'linear' | 'nearest' | 'step'; workspace?: string; json?: boolean }) => {
      const property = o.property === undefined ? undefined : o.property.toLowerCase() === 'none' ? null : o.property;
      const r = await withWorkspace(o.workspace, (ws) => setCurve(ws, ref, { property, quality: o.quality }, { method: o.method }));
      await out(o.json ? `${JSON.stringify(r)}\n` : curveText(r));
    });

  program.command('rm')
    .description("remove a log run or a well (with its runs) as a tombstone; its blobs stay until 'dataforge gc'")
    .argument('<kind>', 'run or well', parseChoice(['run', 'well'] as const))
    .argument('<id>', 'run id (or a unique prefix), or well name or id')
    .option(...workspaceOption)
    .option('--json', 'print the result as JSON')
    .action(async (kind: 'run' | 'well', id: string, o: { workspace?: string; json?: boolean }) => {
      const r = await withWorkspace(o.workspace, (ws) => (kind === 'run' ? removeRun(ws, id) : removeWell(ws, id)));
      const what = r.entity === 'well'
        ? `well ${r.name} (${shortId(r.id)}): ${r.runs} log run${r.runs === 1 ? '' : 's'}, ${r.datasets} data set${r.datasets === 1 ? '' : 's'}, ${r.curves} curves`
        : `log run ${shortId(r.id)} (${r.name}): ${r.datasets} data set${r.datasets === 1 ? '' : 's'}, ${r.curves} curves`;
      await out(o.json ? `${JSON.stringify(r)}\n` : `removed ${what}; the blobs stay until 'dataforge gc'\n`);
    });

  program.command('gc')
    .description('delete blobs no live row references (those of removed runs and wells, old gridded copies)')
    .option('--dry-run', 'list what would be deleted, delete nothing')
    .option(...workspaceOption)
    .option('--json', 'print the result as JSON')
    .action(async (o: { dryRun?: boolean; workspace?: string; json?: boolean }) => {
      const r = await withWorkspace(o.workspace, (ws) => gc(ws, { dryRun: o.dryRun }));
      if (o.json) { await out(`${JSON.stringify(r)}\n`); return; }
      let s = '';
      if (o.dryRun) for (const b of r.removed) s += `  ${b.kind.padEnd(8)} ${b.sha256.slice(0, 16)}.${b.ext}  ${showBytes(b.bytes)}\n`;
      s += r.blobs === 0 ? 'gc: nothing to delete\n' : `gc: ${o.dryRun ? 'would delete' : 'deleted'} ${r.blobs} blob${r.blobs === 1 ? '' : 's'}, ${showBytes(r.bytes)}${o.dryRun ? '' : ' freed'}\n`;
      await out(s);
    });
}
