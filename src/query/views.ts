import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '../workspace/duckdb.js';
import type { CurveRow, DatasetRow, RunRow } from './catalog.js';
import { loadTable, type ColumnSpec } from './tables.js';

/**
 * The `samples` and `native_samples` views over the Parquet blobs.
 *
 * Each view reads all its files with multi-file `read_parquet([...], filename = true)` scans
 * joined to a small mapping table (file → well, run), so DuckDB reads files in parallel and a
 * filter on `well` prunes files through the join (a dynamic join filter on filename). Column
 * names are case-insensitive in DuckDB, so every collision check below is too.
 *
 * samples: one row per (well, DEPTH) on the well's grid, standard units. A well with several
 * runs is merged: where runs overlap, the most recently imported run that has a value wins.
 * Columns: well_id, well, DEPTH, depth_unit, one per property (the run's best-matching curve
 * for it: highest confidence, then first in the file), one per curve mnemonic.
 *
 * native_samples: each data set's own rows at original sampling, original units, one row per
 * (run, sample). Columns: well_id, well, run_id, source_name, dataset, depth (the index value),
 * depth_unit, one per curve mnemonic (the index too, e.g. DEPT).
 */

export interface ViewInputs {
  runs: RunRow[];
  datasets: DatasetRow[];
  curves: CurveRow[];
  /** Columns of tombstoned curves (still in their files). */
  dead: { dataset_id: string; log_run_id: string; column_name: string }[];
  blobPath: (sha256: string) => string;
  /** The columns of every file the views read (from the files themselves). */
  schemas: Map<string, FileColumn[]>;
  /** well id → the well's grid unit (the depth unit of its gridded data). */
  gridUnits: Map<string, string>;
}

const SAMPLES_FIXED = ['well_id', 'well', 'DEPTH', 'depth_unit'];
const NATIVE_FIXED = ['well_id', 'well', 'run_id', 'source_name', 'dataset', 'depth', 'depth_unit'];
const key = (name: string) => name.toLowerCase();

function pushTo<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v); else map.set(k, [v]);
}
const q = quoteIdent;

export interface FileColumn {
  name: string;
  type: string;
}

/**
 * One scan over files of differing schemas. `union_by_name` would open every file's footer
 * each time a query binds the view (~0.1 ms a file); instead files with identical schemas
 * are read by one plain multi-file scan, which binds from its first file alone, and the
 * groups are combined with UNION ALL BY NAME.
 */
function scan(files: string[], schemas: Map<string, FileColumn[]>): string {
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const sig = (schemas.get(f) ?? []).map((c) => `${c.name}\u0000${c.type}`).join('\u0001');
    const group = groups.get(sig);
    if (group) group.push(f); else groups.set(sig, [f]);
  }
  const reads = [...groups.values()].map((g) => `read_parquet([${g.map(quoteString).join(', ')}], filename = true)`);
  return reads.length === 1 ? reads[0] : `(${reads.map((r) => `SELECT * FROM ${r}`).join(' UNION ALL BY NAME ')})`;
}

/** Lower-cased column names present in at least one of the files. */
function availableColumns(files: string[], schemas: Map<string, FileColumn[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) for (const c of schemas.get(f) ?? []) out.set(key(c.name), c.type);
  return out;
}

/** Distinct names in first-seen order, case-insensitively, skipping any taken. */
function uniqueNames(names: Iterable<string>, taken: Set<string>): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (taken.has(key(n))) continue;
    taken.add(key(n));
    out.push(n);
  }
  return out;
}

/** `p."X"`, hidden in the files (runs or data sets) where X's curve is tombstoned; NULL when no file has it. */
function columnExpr(col: string, available: Map<string, string>, deadIn: string[], fileKey: string): string {
  if (!available.has(key(col))) return 'NULL::DOUBLE';
  if (!deadIn.length) return `p.${q(col)}`;
  return `CASE WHEN f.${fileKey} IN (${deadIn.map(quoteString).join(', ')}) THEN NULL ELSE p.${q(col)} END`;
}

interface GriddedFile {
  filename: string;
  run: RunRow;
  prio: number;
  /** property → column holding it in this file. */
  sources: Map<string, string>;
  columns: Set<string>;
}

function propertySources(curves: CurveRow[]): Map<string, string> {
  const best = new Map<string, CurveRow>();
  for (const c of curves) {
    if (!c.property) continue;
    const cur = best.get(c.property);
    const better = !cur || (c.property_confidence ?? 0) > (cur.property_confidence ?? 0)
      || ((c.property_confidence ?? 0) === (cur.property_confidence ?? 0) && c.position < cur.position);
    if (better) best.set(c.property, c);
  }
  return new Map([...best].map(([p, c]) => [p, c.column_name]));
}

const srcColumn = (property: string) => `src:${property}`;

/** Builds the mapping table and the `samples` view; call inside the rebuild's transaction. */
export async function createSamplesView(con: DuckDBConnection, inp: ViewInputs): Promise<void> {
  const byRun = new Map<string, CurveRow[]>();
  for (const c of inp.curves) if (c.in_gridded === 1) pushTo(byRun, c.log_run_id, c);
  const files: GriddedFile[] = inp.runs.filter((r) => r.gridded_sha256).map((run, prio) => {
    const curves = byRun.get(run.id) ?? [];
    return { filename: inp.blobPath(run.gridded_sha256!), run, prio, sources: propertySources(curves), columns: new Set(curves.map((c) => key(c.column_name))) };
  });

  const taken = new Set(SAMPLES_FIXED.map(key));
  const properties = uniqueNames([...new Set(files.flatMap((f) => [...f.sources.keys()]))].sort(), taken);
  const mnemonics = uniqueNames([...new Set(files.flatMap((f) => (byRun.get(f.run.id) ?? []).map((c) => c.column_name)))].sort(), taken);

  const mapping: ColumnSpec<GriddedFile>[] = [
    ['filename', 'VARCHAR', (f) => f.filename],
    ['run_id', 'VARCHAR', (f) => f.run.id],
    ['well_id', 'VARCHAR', (f) => f.run.well_id],
    ['well', 'VARCHAR', (f) => f.run.well_name],
    ['depth_unit', 'VARCHAR', (f) => inp.gridUnits.get(f.run.well_id) ?? null],
    ['prio', 'BIGINT', (f) => f.prio],
    ...properties.map((p): ColumnSpec<GriddedFile> => [srcColumn(p), 'VARCHAR', (f) => f.sources.get(p) ?? null]),
  ];
  await loadTable(con, 'internal.gridded_files', mapping, files);

  // Runs whose file holds a column whose curve is tombstoned (the column stays in the file).
  const deadRuns = new Map<string, string[]>();
  for (const d of inp.dead) pushTo(deadRuns, key(d.column_name), d.log_run_id);

  const wellsWithRuns = new Map<string, number>();
  for (const f of files) wellsWithRuns.set(f.run.well_id, (wellsWithRuns.get(f.run.well_id) ?? 0) + 1);
  const single = files.filter((f) => wellsWithRuns.get(f.run.well_id) === 1);
  const multi = files.filter((f) => wellsWithRuns.get(f.run.well_id)! > 1);

  const parts: string[] = [];
  for (const [part, merged] of [[single, false], [multi, true]] as const) {
    if (!part.length) continue;
    const available = availableColumns(part.map((f) => f.filename), inp.schemas);
    const runIds = new Set(part.map((f) => f.run.id));
    const propExprs = properties.map((p) => `${propertyExpr(p, part, available, deadRuns)} AS ${q(p)}`);
    const mnemExprs = mnemonics.map((m) => `${columnExpr(m, available, (deadRuns.get(key(m)) ?? []).filter((id) => runIds.has(id)), 'run_id')} AS ${q(m)}`);
    const from = `${scan(part.map((f) => f.filename), inp.schemas)} AS p JOIN internal.gridded_files AS f ON f.filename = p.filename`;
    if (!merged) {
      parts.push(`SELECT f.well_id AS well_id, f.well AS well, p."DEPTH" AS "DEPTH", f.depth_unit AS depth_unit${[...propExprs, ...mnemExprs].map((e) => `, ${e}`).join('')}\nFROM ${from}`);
    } else {
      const pick = [...properties, ...mnemonics].map((c) => `, arg_max(${q(c)}, "__prio") FILTER (WHERE ${q(c)} IS NOT NULL) AS ${q(c)}`).join('');
      parts.push(`SELECT well_id, well, "DEPTH", depth_unit${pick}\nFROM (SELECT f.well_id AS well_id, f.well AS well, f.prio AS "__prio", p."DEPTH" AS "DEPTH", f.depth_unit AS depth_unit${[...propExprs, ...mnemExprs].map((e) => `, ${e}`).join('')}\n  FROM ${from})\nGROUP BY well_id, well, "DEPTH", depth_unit`);
    }
  }
  if (!parts.length) {
    const cols = [...properties, ...mnemonics].map((c) => `, NULL::DOUBLE AS ${q(c)}`).join('');
    parts.push(`SELECT NULL::VARCHAR AS well_id, NULL::VARCHAR AS well, NULL::DOUBLE AS "DEPTH", NULL::VARCHAR AS depth_unit${cols} WHERE false`);
  }
  await con.run(`CREATE OR REPLACE VIEW samples AS\n${parts.join('\nUNION ALL\n')}`);
}

/**
 * The value of property P in a file: its source column, chosen per file. When every file of
 * the part that has that column uses it for P, a plain column reference; otherwise a CASE on
 * the file's mapping.
 */
function propertyExpr(p: string, part: GriddedFile[], available: Map<string, string>, deadRuns: Map<string, string[]>): string {
  const sources = [...new Set(part.map((f) => f.sources.get(p)).filter((s): s is string => !!s && available.has(key(s))))];
  if (!sources.length) return 'NULL::DOUBLE';
  if (sources.length === 1) {
    const col = sources[0];
    const plain = part.every((f) => !f.columns.has(key(col)) || f.sources.get(p) === col)
      && !(deadRuns.get(key(col)) ?? []).some((id) => part.some((f) => f.run.id === id));
    if (plain) return `p.${q(col)}`;
  }
  return `CASE f.${q(srcColumn(p))}${sources.map((s) => ` WHEN ${quoteString(s)} THEN p.${q(s)}`).join('')} END`;
}

interface NativeFile {
  filename: string;
  dataset: DatasetRow;
  run: RunRow;
  indexColumn: string;
}

/** Builds the mapping table and the `native_samples` view; call inside the rebuild's transaction. */
export async function createNativeSamplesView(con: DuckDBConnection, inp: ViewInputs): Promise<void> {
  const runs = new Map(inp.runs.map((r) => [r.id, r]));
  const byDataset = new Map<string, CurveRow[]>();
  for (const c of inp.curves) pushTo(byDataset, c.dataset_id, c);
  const files: NativeFile[] = [];
  for (const d of inp.datasets) {
    const index = (byDataset.get(d.id) ?? []).find((c) => c.is_index === 1 && c.kind === 'number');
    const run = runs.get(d.log_run_id);
    if (index && run) files.push({ filename: inp.blobPath(d.native_sha256), dataset: d, run, indexColumn: index.column_name });
  }
  const taken = new Set(NATIVE_FIXED.map(key));
  const columns = uniqueNames(files.flatMap((f) => (byDataset.get(f.dataset.id) ?? []).map((c) => c.column_name)), taken);

  const mapping: ColumnSpec<NativeFile>[] = [
    ['filename', 'VARCHAR', (f) => f.filename],
    ['dataset_id', 'VARCHAR', (f) => f.dataset.id],
    ['run_id', 'VARCHAR', (f) => f.run.id],
    ['well_id', 'VARCHAR', (f) => f.run.well_id],
    ['well', 'VARCHAR', (f) => f.run.well_name],
    ['source_name', 'VARCHAR', (f) => f.run.source_name],
    ['dataset', 'VARCHAR', (f) => f.dataset.name],
    ['depth_unit', 'VARCHAR', (f) => f.run.depth_unit],
    ['index_column', 'VARCHAR', (f) => f.indexColumn],
  ];
  await loadTable(con, 'internal.native_files', mapping, files);

  const fixed = 'f.well_id AS well_id, f.well AS well, f.run_id AS run_id, f.source_name AS source_name, f.dataset AS dataset';
  if (!files.length) {
    const cols = columns.map((c) => `, NULL::DOUBLE AS ${q(c)}`).join('');
    await con.run(`CREATE OR REPLACE VIEW native_samples AS SELECT NULL::VARCHAR AS well_id, NULL::VARCHAR AS well, NULL::VARCHAR AS run_id, NULL::VARCHAR AS source_name, NULL::VARCHAR AS dataset, NULL::DOUBLE AS depth, NULL::VARCHAR AS depth_unit${cols} WHERE false`);
    return;
  }
  const available = availableColumns(files.map((f) => f.filename), inp.schemas);
  const deadSets = new Map<string, string[]>();
  for (const d of inp.dead) pushTo(deadSets, key(d.column_name), d.dataset_id);
  const indexColumns = [...new Set(files.map((f) => f.indexColumn))];
  const depth = indexColumns.length === 1
    ? `p.${q(indexColumns[0])}`
    : `CASE f.index_column${indexColumns.map((c) => ` WHEN ${quoteString(c)} THEN p.${q(c)}`).join('')} END`;
  const cols = columns.map((c) => `, ${columnExpr(c, available, deadSets.get(key(c)) ?? [], 'dataset_id')} AS ${q(c)}`).join('');
  await con.run(`CREATE OR REPLACE VIEW native_samples AS
SELECT ${fixed}, ${depth} AS depth, f.depth_unit AS depth_unit${cols}
FROM ${scan(files.map((f) => f.filename), inp.schemas)} AS p JOIN internal.native_files AS f ON f.filename = p.filename`);
}
