/** What the query API hands the UI and the server. Depths and statistics say their unit. */

export interface DepthGridInfo {
  unit: 'm' | 'ft';
  step: number;
  origin: number;
}

export interface WellInfo {
  id: string;
  name: string;
  uwi: string | null;
  api: string | null;
  field: string | null;
  operator: string | null;
  country: string | null;
  state: string | null;
  county: string | null;
  location: string | null;
  crs: string | null;
  x: number | null;
  y: number | null;
  latitude: number | null;
  longitude: number | null;
  kb: number | null;
  gl: number | null;
  df: number | null;
  elevationUnit: string | null;
  grid: DepthGridInfo;
  runCount: number;
  curveCount: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

export interface DatasetInfo {
  id: string;
  name: string;
  rows: number;
  depthIndexed: boolean;
}

export interface RunInfo {
  id: string;
  wellId: string;
  sourceName: string;
  sourceFormat: string;
  sourceSha256: string;
  sourceSize: number;
  lasVersion: string | null;
  encoding: string | null;
  /** The index as the file wrote it: mnemonic, unit spelling, first and last value, step. */
  depthMnemonic: string | null;
  depthUnit: string | null;
  startDepth: number | null;
  stopDepth: number | null;
  step: number | null;
  rows: number;
  serviceCompany: string | null;
  acquiredAt: string | null;
  importedBy: string;
  importedAt: string;
  /** Whether the run has a copy on the well's depth grid (not when its depth unit is unknown). */
  hasGridded: boolean;
  datasets: DatasetInfo[];
  curveCount: number;
  version: number;
  updatedAt: string;
}

export interface CurveStats {
  /** The unit of min, max and mean: the standard unit of the curve's property (`CurveInfo.unit`). */
  unit: string;
  min: number | null;
  max: number | null;
  mean: number | null;
  nullCount: number;
  sampleCount: number;
}

export interface CurveCoverage {
  /** Depth unit of every top and base: the well's grid unit. */
  unit: 'm' | 'ft';
  top: number | null;
  base: number | null;
  intervals: { top: number; base: number; rows: number }[];
  gaps: { top: number; base: number; kind: 'null' | 'missing-depth' }[];
}

export interface CurveInfo {
  id: string;
  wellId: string;
  runId: string;
  datasetId: string;
  dataset: string;
  position: number;
  /** Unique in its data set (GR:2 for a second GR); also its column name in the Parquet blobs. */
  mnemonic: string;
  originalMnemonic: string;
  description: string;
  kind: string;
  isIndex: boolean;
  property: string | null;
  propertyConfidence: number | null;
  propertySource: string | null;
  /** Standard unit (gridded data, statistics). */
  unit: string;
  /** Unit in the source file (native data). */
  originalUnit: string;
  quality: string;
  stats: CurveStats | null;
  /** Whether the curve is a column of the run's gridded data (numeric, not the index, grid known). */
  inGridded: boolean;
  version: number;
  updatedAt: string;
}

export type GridKind = 'gridded' | 'native';

export interface DepthWindowRequest {
  /** Well id (or name). */
  wellId: string;
  /** Each a curve id, a mnemonic (as stored, or as in the file) or a property id such as `gamma_ray`. */
  curves: string[];
  /** Window in the well's grid unit (native reads too); either end open when omitted. */
  top?: number;
  base?: number;
  grid: GridKind;
  /** Read from this run only (native reads always use one run; see README). */
  runId?: string;
  /** At most this many rows, keeping each curve's minimum and maximum per depth bucket (>= 2). */
  maxPoints?: number;
}

export interface WindowCurve {
  /** The name asked for. */
  name: string;
  curveId: string;
  runId: string;
  mnemonic: string;
  property: string | null;
  unit: string;
  /** NULL samples are NaN. */
  values: Float64Array;
}

export interface DepthWindow {
  /** Ascending. */
  depth: Float64Array;
  /** The well's grid unit (gridded) or the run's depth unit as the file wrote it (native). */
  unit: string;
  curves: WindowCurve[];
  /** Rows in the window before decimation. */
  sourceRows: number;
  decimated: boolean;
}
