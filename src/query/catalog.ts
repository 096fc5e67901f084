import type Database from 'better-sqlite3';
import type { CurveCoverage, CurveInfo, DatasetInfo, RunInfo, WellInfo } from './types.js';

/**
 * Live metadata straight from the workspace database. Everything here skips tombstones: a
 * curve is live only when it, its data set, its run and its well all are.
 */

export interface WellRow {
  id: string; name: string; uwi: string | null; api: string | null; field: string | null; operator: string | null;
  country: string | null; state: string | null; county: string | null; location: string | null; crs: string | null;
  x: number | null; y: number | null; latitude: number | null; longitude: number | null;
  kb: number | null; gl: number | null; df: number | null; elevation_unit: string | null;
  grid_unit: string; grid_step: number; grid_origin: number;
  created_at: string; created_by: string; updated_at: string; updated_by: string; version: number;
  run_count: number; curve_count: number;
}

export interface RunRow {
  id: string; well_id: string; well_name: string; source_name: string; source_sha256: string; source_size: number; source_format: string;
  las_version: string | null; encoding: string | null; depth_mnemonic: string | null; depth_unit: string | null;
  start_depth: number | null; stop_depth: number | null; step: number | null; row_count: number;
  service_company: string | null; acquired_at: string | null; imported_by: string; imported_at: string;
  gridded_sha256: string | null; version: number; updated_at: string; curve_count: number;
}

export interface DatasetRow {
  id: string; log_run_id: string; name: string; native_sha256: string; row_count: number; is_depth_indexed: number;
}

export interface CurveRow {
  id: string; dataset_id: string; dataset_name: string; log_run_id: string; well_id: string; well_name: string; source_name: string;
  position: number; mnemonic: string; original_mnemonic: string; description: string; column_name: string; kind: string; is_index: number;
  property: string | null; property_confidence: number | null; property_source: string | null;
  original_unit: string; unit: string; min: number | null; max: number | null; mean: number | null;
  null_count: number | null; sample_count: number | null; coverage_json: string | null; quality: string;
  version: number; updated_at: string;
  /** 1 when the curve is a column of its run's gridded Parquet. */
  in_gridded: number;
  imported_at: string;
}

const LIVE_WELLS = `
  SELECT w.*,
    (SELECT count(*) FROM log_runs r WHERE r.well_id = w.id AND r.deleted = 0) AS run_count,
    (SELECT count(*) FROM curves c JOIN datasets d ON d.id = c.dataset_id JOIN log_runs r ON r.id = c.log_run_id
      WHERE c.well_id = w.id AND c.deleted = 0 AND d.deleted = 0 AND r.deleted = 0) AS curve_count
  FROM wells w WHERE w.deleted = 0`;

const LIVE_RUNS = `
  SELECT r.*, w.name AS well_name,
    (SELECT count(*) FROM curves c JOIN datasets d ON d.id = c.dataset_id WHERE c.log_run_id = r.id AND c.deleted = 0 AND d.deleted = 0) AS curve_count
  FROM log_runs r JOIN wells w ON w.id = r.well_id
  WHERE r.deleted = 0 AND w.deleted = 0`;

const LIVE_CURVES = `
  SELECT c.*, d.name AS dataset_name, w.name AS well_name, r.source_name, r.imported_at,
    (c.kind = 'number' AND c.is_index = 0 AND d.is_depth_indexed = 1 AND r.gridded_sha256 IS NOT NULL) AS in_gridded
  FROM curves c
    JOIN datasets d ON d.id = c.dataset_id
    JOIN log_runs r ON r.id = c.log_run_id
    JOIN wells w ON w.id = c.well_id
  WHERE c.deleted = 0 AND d.deleted = 0 AND r.deleted = 0 AND w.deleted = 0`;

export function wellRows(db: Database.Database): WellRow[] {
  return db.prepare(`${LIVE_WELLS} ORDER BY w.name COLLATE NOCASE, w.id`).all() as WellRow[];
}

export function wellRowById(db: Database.Database, id: string): WellRow | undefined {
  return db.prepare(`${LIVE_WELLS} AND w.id = ?`).get(id) as WellRow | undefined;
}

export function wellRowsByName(db: Database.Database, name: string): WellRow[] {
  return db.prepare(`${LIVE_WELLS} AND w.name = ? COLLATE NOCASE`).all(name) as WellRow[];
}

export function runRows(db: Database.Database, wellId?: string): RunRow[] {
  const sql = `${LIVE_RUNS}${wellId ? ' AND r.well_id = ?' : ''} ORDER BY r.imported_at, r.rowid`;
  return (wellId ? db.prepare(sql).all(wellId) : db.prepare(sql).all()) as RunRow[];
}

export function runRowById(db: Database.Database, id: string): RunRow | undefined {
  return db.prepare(`${LIVE_RUNS} AND r.id = ?`).get(id) as RunRow | undefined;
}

export function datasetRows(db: Database.Database, runIds?: string[]): DatasetRow[] {
  if (runIds && !runIds.length) return [];
  const only = runIds ? ` AND d.log_run_id IN (${runIds.map(() => '?').join(', ')})` : '';
  return db.prepare(`SELECT d.id, d.log_run_id, d.name, d.native_sha256, d.row_count, d.is_depth_indexed
    FROM datasets d JOIN log_runs r ON r.id = d.log_run_id JOIN wells w ON w.id = r.well_id
    WHERE d.deleted = 0 AND r.deleted = 0 AND w.deleted = 0${only} ORDER BY r.imported_at, r.rowid, d.rowid`).all(...(runIds ?? [])) as DatasetRow[];
}

export function curveRows(db: Database.Database, filter: { wellId?: string; runId?: string; curveId?: string } = {}): CurveRow[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.wellId) { where.push('c.well_id = ?'); args.push(filter.wellId); }
  if (filter.runId) { where.push('c.log_run_id = ?'); args.push(filter.runId); }
  if (filter.curveId) { where.push('c.id = ?'); args.push(filter.curveId); }
  const sql = `${LIVE_CURVES}${where.map((w) => ` AND ${w}`).join('')} ORDER BY r.imported_at, r.rowid, d.rowid, c.position`;
  return db.prepare(sql).all(...args) as CurveRow[];
}

/**
 * Curves whose column is in a data set's Parquet, tombstoned ones included: a tombstoned
 * curve's column is still in the file, and the views must hide it.
 */
export function deadColumns(db: Database.Database): { dataset_id: string; log_run_id: string; column_name: string; is_depth_indexed: number }[] {
  return db.prepare(`SELECT c.dataset_id, c.log_run_id, c.column_name, d.is_depth_indexed FROM curves c JOIN datasets d ON d.id = c.dataset_id
    WHERE c.deleted = 1 AND d.deleted = 0`).all() as { dataset_id: string; log_run_id: string; column_name: string; is_depth_indexed: number }[];
}

export function toWellInfo(r: WellRow): WellInfo {
  return {
    id: r.id, name: r.name, uwi: r.uwi, api: r.api, field: r.field, operator: r.operator, country: r.country, state: r.state,
    county: r.county, location: r.location, crs: r.crs, x: r.x, y: r.y, latitude: r.latitude, longitude: r.longitude,
    kb: r.kb, gl: r.gl, df: r.df, elevationUnit: r.elevation_unit,
    grid: { unit: r.grid_unit === 'ft' ? 'ft' : 'm', step: r.grid_step, origin: r.grid_origin },
    runCount: r.run_count, curveCount: r.curve_count,
    createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at, updatedBy: r.updated_by, version: r.version,
  };
}

export function toRunInfo(r: RunRow, datasets: DatasetRow[]): RunInfo {
  return {
    id: r.id, wellId: r.well_id, sourceName: r.source_name, sourceFormat: r.source_format, sourceSha256: r.source_sha256,
    sourceSize: r.source_size, lasVersion: r.las_version, encoding: r.encoding, depthMnemonic: r.depth_mnemonic,
    depthUnit: r.depth_unit, startDepth: r.start_depth, stopDepth: r.stop_depth, step: r.step, rows: r.row_count,
    serviceCompany: r.service_company, acquiredAt: r.acquired_at, importedBy: r.imported_by, importedAt: r.imported_at,
    hasGridded: r.gridded_sha256 !== null,
    datasets: datasets.filter((d) => d.log_run_id === r.id).map((d): DatasetInfo => ({ id: d.id, name: d.name, rows: d.row_count, depthIndexed: d.is_depth_indexed === 1 })),
    curveCount: r.curve_count, version: r.version, updatedAt: r.updated_at,
  };
}

export function toCurveInfo(c: CurveRow): CurveInfo {
  const hasStats = c.sample_count !== null || c.null_count !== null;
  return {
    id: c.id, wellId: c.well_id, runId: c.log_run_id, datasetId: c.dataset_id, dataset: c.dataset_name, position: c.position,
    mnemonic: c.mnemonic, originalMnemonic: c.original_mnemonic, description: c.description, kind: c.kind, isIndex: c.is_index === 1,
    property: c.property, propertyConfidence: c.property_confidence, propertySource: c.property_source,
    unit: c.unit, originalUnit: c.original_unit, quality: c.quality,
    stats: hasStats ? { unit: c.unit, min: c.min, max: c.max, mean: c.mean, nullCount: c.null_count ?? 0, sampleCount: c.sample_count ?? 0 } : null,
    inGridded: c.in_gridded === 1, version: c.version, updatedAt: c.updated_at,
  };
}

interface StoredCoverage {
  intervals?: { top: number; base: number; rows: number }[];
  gaps?: { top: number; base: number; kind: 'null' | 'missing-depth' }[];
}

/** The stored coverage of a curve (depths in the well's grid unit), or null when none was computed. */
export function parseCoverage(json: string | null, unit: 'm' | 'ft'): CurveCoverage | null {
  if (!json) return null;
  const c = JSON.parse(json) as StoredCoverage;
  const intervals = c.intervals ?? [];
  const gaps = c.gaps ?? [];
  const top = intervals.length ? Math.min(...intervals.map((i) => i.top)) : null;
  const base = intervals.length ? Math.max(...intervals.map((i) => i.base)) : null;
  return { unit, top, base, intervals, gaps };
}
