import type { DuckDBConnection } from '@duckdb/node-api';
import { parseCoverage, type CurveRow, type RunRow, type WellRow } from './catalog.js';
import { loadTable, type ColumnSpec } from './tables.js';

/**
 * The `wells`, `log_runs` and `curves` tables users query: live rows only, with names a
 * person would guess (`well`, `run_id`, `rows`) rather than the storage schema's.
 */

const WELLS: ColumnSpec<WellRow>[] = [
  ['well_id', 'VARCHAR', (r) => r.id],
  ['well', 'VARCHAR', (r) => r.name],
  ['uwi', 'VARCHAR', (r) => r.uwi],
  ['api', 'VARCHAR', (r) => r.api],
  ['field', 'VARCHAR', (r) => r.field],
  ['operator', 'VARCHAR', (r) => r.operator],
  ['country', 'VARCHAR', (r) => r.country],
  ['state', 'VARCHAR', (r) => r.state],
  ['county', 'VARCHAR', (r) => r.county],
  ['location', 'VARCHAR', (r) => r.location],
  ['crs', 'VARCHAR', (r) => r.crs],
  ['x', 'DOUBLE', (r) => r.x],
  ['y', 'DOUBLE', (r) => r.y],
  ['latitude', 'DOUBLE', (r) => r.latitude],
  ['longitude', 'DOUBLE', (r) => r.longitude],
  ['kb', 'DOUBLE', (r) => r.kb],
  ['gl', 'DOUBLE', (r) => r.gl],
  ['df', 'DOUBLE', (r) => r.df],
  ['elevation_unit', 'VARCHAR', (r) => r.elevation_unit],
  ['grid_unit', 'VARCHAR', (r) => r.grid_unit],
  ['grid_step', 'DOUBLE', (r) => r.grid_step],
  ['grid_origin', 'DOUBLE', (r) => r.grid_origin],
  ['runs', 'BIGINT', (r) => r.run_count],
  ['curves', 'BIGINT', (r) => r.curve_count],
  ['created_at', 'VARCHAR', (r) => r.created_at],
  ['updated_at', 'VARCHAR', (r) => r.updated_at],
  ['version', 'BIGINT', (r) => r.version],
];

const RUNS: ColumnSpec<RunRow>[] = [
  ['run_id', 'VARCHAR', (r) => r.id],
  ['well_id', 'VARCHAR', (r) => r.well_id],
  ['well', 'VARCHAR', (r) => r.well_name],
  ['source_name', 'VARCHAR', (r) => r.source_name],
  ['source_format', 'VARCHAR', (r) => r.source_format],
  ['las_version', 'VARCHAR', (r) => r.las_version],
  ['depth_mnemonic', 'VARCHAR', (r) => r.depth_mnemonic],
  ['depth_unit', 'VARCHAR', (r) => r.depth_unit],
  ['start_depth', 'DOUBLE', (r) => r.start_depth],
  ['stop_depth', 'DOUBLE', (r) => r.stop_depth],
  ['step', 'DOUBLE', (r) => r.step],
  ['rows', 'BIGINT', (r) => r.row_count],
  ['curves', 'BIGINT', (r) => r.curve_count],
  ['has_gridded', 'BOOLEAN', (r) => r.gridded_sha256 !== null],
  ['service_company', 'VARCHAR', (r) => r.service_company],
  ['acquired_at', 'VARCHAR', (r) => r.acquired_at],
  ['imported_by', 'VARCHAR', (r) => r.imported_by],
  ['imported_at', 'VARCHAR', (r) => r.imported_at],
  ['source_sha256', 'VARCHAR', (r) => r.source_sha256],
  ['source_size', 'BIGINT', (r) => r.source_size],
];

type CurveWithExtent = CurveRow & { top: number | null; base: number | null };

const CURVES: ColumnSpec<CurveWithExtent>[] = [
  ['curve_id', 'VARCHAR', (c) => c.id],
  ['well_id', 'VARCHAR', (c) => c.well_id],
  ['well', 'VARCHAR', (c) => c.well_name],
  ['run_id', 'VARCHAR', (c) => c.log_run_id],
  ['source_name', 'VARCHAR', (c) => c.source_name],
  ['dataset', 'VARCHAR', (c) => c.dataset_name],
  ['position', 'BIGINT', (c) => c.position],
  ['mnemonic', 'VARCHAR', (c) => c.mnemonic],
  ['original_mnemonic', 'VARCHAR', (c) => c.original_mnemonic],
  ['description', 'VARCHAR', (c) => c.description],
  ['kind', 'VARCHAR', (c) => c.kind],
  ['is_index', 'BOOLEAN', (c) => c.is_index === 1],
  ['property', 'VARCHAR', (c) => c.property],
  ['property_confidence', 'DOUBLE', (c) => c.property_confidence],
  ['property_source', 'VARCHAR', (c) => c.property_source],
  ['unit', 'VARCHAR', (c) => c.unit],
  ['original_unit', 'VARCHAR', (c) => c.original_unit],
  ['min', 'DOUBLE', (c) => c.min],
  ['max', 'DOUBLE', (c) => c.max],
  ['mean', 'DOUBLE', (c) => c.mean],
  ['null_count', 'BIGINT', (c) => c.null_count],
  ['sample_count', 'BIGINT', (c) => c.sample_count],
  ['top', 'DOUBLE', (c) => c.top],
  ['base', 'DOUBLE', (c) => c.base],
  ['in_gridded', 'BOOLEAN', (c) => c.in_gridded === 1],
  ['quality', 'VARCHAR', (c) => c.quality],
  ['coverage', 'VARCHAR', (c) => c.coverage_json],
];

export async function loadMetadataTables(con: DuckDBConnection, wells: WellRow[], runs: RunRow[], curves: CurveRow[]): Promise<void> {
  await loadTable(con, 'wells', WELLS, wells);
  await loadTable(con, 'log_runs', RUNS, runs);
  const extents = curves.map((c) => {
    const cov = parseCoverage(c.coverage_json, 'm');
    return { ...c, top: cov?.top ?? null, base: cov?.base ?? null };
  });
  await loadTable(con, 'curves', CURVES, extents);
}
