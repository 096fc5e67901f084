/**
 * The typed query API the UI and the server use. Metadata comes straight from the workspace
 * database (always current); curve data from the Parquet blobs through the workspace's
 * DuckDB session (session.ts), opened on first use and kept until closeQuerySession(ws).
 */
import type { Workspace } from '../workspace/workspace.js';
import { curveRows, datasetRows, parseCoverage, runRows, toCurveInfo, toRunInfo, toWellInfo, wellRowById, wellRows } from './catalog.js';
import { columnCache } from './column-cache.js';
import { QueryError } from './errors.js';
import { openQuerySession, type ColumnarResult, type QueryResult } from './session.js';
import type { CurveCoverage, CurveInfo, CurveStats, RunInfo, WellInfo } from './types.js';
import { findWell, resolveWell } from './wells.js';

export { readDepthWindow } from './window.js';
export { closeQuerySession, openQuerySession } from './session.js';
export type { ColumnarResult, QueryCursor, QueryResult, ResultColumn } from './session.js';
export type * from './types.js';
export { QueryError } from './errors.js';

/** Live wells, by name. */
export async function listWells(ws: Workspace): Promise<WellInfo[]> {
  return wellRows(ws.db).map(toWellInfo);
}

/** A live well by id or name; null when there is none. Throws when two wells share the name. */
export async function getWell(ws: Workspace, idOrName: string): Promise<WellInfo | null> {
  const row = findWell(ws.db, idOrName);
  return row ? toWellInfo(row) : null;
}

/** A well's live log runs, oldest import first. */
export async function listRuns(ws: Workspace, wellId: string): Promise<RunInfo[]> {
  const well = resolveWell(ws.db, wellId);
  const runs = runRows(ws.db, well.id);
  const sets = datasetRows(ws.db, runs.map((r) => r.id));
  return runs.map((r) => toRunInfo(r, sets));
}

/** Live curves of a well, of a run, or of the whole workspace. */
export async function listCurves(ws: Workspace, filter: { wellId?: string; runId?: string } = {}): Promise<CurveInfo[]> {
  const wellId = filter.wellId ? resolveWell(ws.db, filter.wellId).id : undefined;
  return curveRows(ws.db, { wellId, runId: filter.runId }).map(toCurveInfo);
}

function liveCurve(ws: Workspace, curveId: string) {
  const row = curveRows(ws.db, { curveId })[0];
  if (!row) throw new QueryError('not-found', `no curve ${curveId} in the workspace`, { subject: curveId });
  return row;
}

/** Statistics of a curve in its standard unit; null for a curve that is not numeric. */
export async function curveStats(ws: Workspace, curveId: string): Promise<CurveStats | null> {
  return toCurveInfo(liveCurve(ws, curveId)).stats;
}

/** Where a curve has values and where it has gaps, in the well's grid unit; null when not computed (index, text curves). */
export async function curveCoverage(ws: Workspace, curveId: string): Promise<CurveCoverage | null> {
  const row = liveCurve(ws, curveId);
  const well = wellRowById(ws.db, row.well_id)!;
  return parseCoverage(row.coverage_json, well.grid_unit === 'ft' ? 'ft' : 'm');
}

/** Runs one read-only SQL statement over the views (see README.md). */
export async function query(ws: Workspace, sql: string): Promise<QueryResult> {
  return (await openQuerySession(ws)).query(sql);
}

/** Like query, but column by column: numeric columns as Float64Array (NULL is NaN), for charts and bulk reads. */
export async function queryColumns(ws: Workspace, sql: string): Promise<ColumnarResult> {
  return (await openQuerySession(ws)).queryColumns(sql);
}

/** Bytes of decoded curve columns kept for display reads, shared by all workspaces (default 256 MB). */
export function setColumnCacheBudget(bytes: number): void {
  columnCache.setBudget(bytes);
}
