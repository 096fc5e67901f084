import { CurveDataError } from './curve-data-error.js';
import { checkDepthFactor } from './native-depths.js';

/** A well's depth grid: the points origin + k·step (k any integer), in the given unit. */
export interface DepthGrid {
  unit: 'm' | 'ft';
  step: number;
  origin: number;
}

/** A range that asks for more points than this is a unit or metadata mistake, not a log. */
export const MAX_GRID_POINTS = 20_000_000;

/**
 * Decimals tried when reading origin and step as decimals. Nine covers every step used in
 * practice (0.1524 m, 0.5 ft, 0.00254 m) while keeping origin·10^d well inside 2^53.
 */
const MAX_DECIMALS = 9;

/**
 * A native depth this close (in steps) outside a grid point still counts as reaching it, so a
 * log from 1000 ft converted with 0.3048 (304.79999999999995 m) still gets the 304.8 m point.
 */
const EDGE_TOLERANCE = 1e-9;

/**
 * How grid depths are computed, once per grid.
 *
 * The rule: grid point k is the double nearest to the exact decimal value origin + k·step,
 * where origin and step are read as the decimals with the fewest fractional digits (at most
 * nine) that round to them. It is computed as (O + k·S) / 10^d with O, S and the sum exact
 * integers, and one correctly rounded division, so point k equals what parsing its decimal
 * text would give: 0.1524 m × 99,999 is exactly 15239.8476, never 15239.847600000001, and
 * no point depends on any other (no accumulated error). A step with no short decimal form
 * (1/3 m) falls back to origin + k·step, which still does not accumulate.
 */
export interface GridPoints {
  readonly grid: DepthGrid;
  at(k: number): number;
}

export function checkGrid(grid: DepthGrid): void {
  if (grid.unit !== 'm' && grid.unit !== 'ft') {
    throw new CurveDataError('bad-grid', `depth grid unit must be 'm' or 'ft', got '${String(grid.unit)}'`, {
      argument: 'grid.unit',
    });
  }
  if (!(Number.isFinite(grid.step) && grid.step > 0)) {
    throw new CurveDataError('bad-grid', `depth grid step must be a positive finite number, got ${grid.step}`, {
      argument: 'grid.step',
    });
  }
  if (!Number.isFinite(grid.origin)) {
    throw new CurveDataError('bad-grid', `depth grid origin must be finite, got ${grid.origin}`, {
      argument: 'grid.origin',
    });
  }
}

export function gridPoints(grid: DepthGrid): GridPoints {
  checkGrid(grid);
  const originPlaces = decimalPlaces(grid.origin);
  const stepPlaces = decimalPlaces(grid.step);
  const d = Math.max(originPlaces, stepPlaces);
  if (originPlaces < 0 || stepPlaces < 0) return { grid, at: (k) => grid.origin + k * grid.step };
  const scale = 10 ** d;
  const origin = Math.round(grid.origin * scale);
  const step = Math.round(grid.step * scale);
  return {
    grid,
    at(k: number): number {
      const n = origin + k * step;
      return Number.isSafeInteger(n) ? n / scale : grid.origin + k * grid.step;
    },
  };
}

/** Depth of grid point k. */
export function gridDepthAt(grid: DepthGrid, k: number): number {
  return gridPoints(grid).at(k);
}

/**
 * Indices of the first and last grid points inside [top, base] (top <= base), with the
 * edge tolerance above; `first > last` when no point falls inside.
 */
export function gridIndexRange(grid: DepthGrid, top: number, base: number): { first: number; last: number } {
  checkGrid(grid);
  const first = Math.ceil((top - grid.origin) / grid.step - EDGE_TOLERANCE);
  const last = Math.floor((base - grid.origin) / grid.step + EDGE_TOLERANCE);
  return { first, last };
}

/** The grid points inside [top, base], ascending (top and base in the grid's unit). */
export function gridPointsBetween(grid: DepthGrid, top: number, base: number): Float64Array {
  if (!(Number.isFinite(top) && Number.isFinite(base)) || top > base) return new Float64Array(0);
  const { first, last } = gridIndexRange(grid, top, base);
  const count = last - first + 1;
  if (count <= 0) return new Float64Array(0);
  if (count > MAX_GRID_POINTS) {
    throw new CurveDataError(
      'grid-too-large',
      `${top}..${base} ${grid.unit} at a ${grid.step} ${grid.unit} step would be ${count} grid points (limit ${MAX_GRID_POINTS}); check the depth unit and the grid step`,
      { argument: 'grid' },
    );
  }
  const points = gridPoints(grid);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = points.at(first + i);
  return out;
}

/**
 * Grid points covering [min, max] of the finite native depths: every grid point inside that
 * range, ascending, and none outside it (no extrapolation). `depthFactor` converts a native
 * depth into the grid's unit (0.3048 for a log in feet on a metre grid).
 */
export function gridPointsFor(depths: Float64Array, grid: DepthGrid, depthFactor = 1): Float64Array {
  checkGrid(grid);
  checkDepthFactor(depthFactor);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < depths.length; i++) {
    const d = depths[i] * depthFactor;
    if (!Number.isFinite(d)) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  return gridPointsBetween(grid, min, max);
}

/** Fewest fractional digits (<= MAX_DECIMALS) of a decimal that rounds to x; -1 if none. */
function decimalPlaces(x: number): number {
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scale = 10 ** d;
    const n = Math.round(x * scale);
    if (!Number.isSafeInteger(n)) return -1;
    if (n / scale === x) return d;
  }
  return -1;
}
