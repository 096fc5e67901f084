/**
 * The numbers ingest stores besides the original file: each number curve in its standard
 * unit, the run's gridded copy, and every curve's statistics and coverage. Pure CPU work on
 * a parsed file, done before anything touches the workspace so the commit only writes rows.
 * The depth column is ordered once for the resampling and every curve's coverage.
 */
import type { LasCurve, LasDataSet } from '../las/model.js';
import { curveCoverage, curveStats, type Coverage, type CurveStats } from './curve-stats.js';
import type { CurvePlan } from './curve-plan.js';
import type { DepthGrid } from './depth-grid.js';
import { orderNativeDepths } from './native-depths.js';
import { resampleOrderedRun, type ResampleMethod } from './resample.js';

export interface CurveFigures {
  stats: CurveStats | null;
  coverage: Coverage | null;
}

export interface DerivedRun {
  /** Number curves of the Log set in their standard unit (the original array when no conversion). */
  converted: Map<LasCurve, Float64Array>;
  /** The gridded copy: grid depths and one column per numeric non-index curve of `numeric`. */
  gridded: { depths: Float64Array; numeric: CurvePlan[]; curves: Float64Array[] } | null;
  /** Statistics and coverage of every curve of every set with curves. */
  figures: Map<LasCurve, CurveFigures>;
}

/**
 * `factor` converts the Log set's native depths into the grid's unit; null when the set is
 * not depth-indexed or its unit is unknown (no gridded copy, no coverage then).
 */
export function deriveRun(sets: LasDataSet[], log: LasDataSet, plans: CurvePlan[], grid: DepthGrid, factor: number | null, method: ResampleMethod): DerivedRun {
  const converted = new Map<LasCurve, Float64Array>();
  for (const p of plans) {
    if (p.kind !== 'number') continue;
    const values = p.curve.data as Float64Array;
    converted.set(p.curve, p.convert ? values.map(p.convert) : values);
  }
  const native = factor !== null ? orderNativeDepths(log.curves[0].data as Float64Array, factor) : null;
  let gridded: DerivedRun['gridded'] = null;
  if (native) {
    const numeric = plans.filter((p) => p.kind === 'number' && !p.isIndex);
    const run = resampleOrderedRun(native, numeric.map((p) => converted.get(p.curve)!), grid, method);
    gridded = { depths: run.depths, numeric, curves: run.curves };
  }
  // orderNativeDepths(depths, factor) multiplies each depth by factor, exactly as the
  // depth-in-grid column coverage is defined on, so it is that column's ordering too.
  const depthInGrid = native ? scaled(log.curves[0].data as Float64Array, factor!) : null;
  const figures = new Map<LasCurve, CurveFigures>();
  for (const set of sets) {
    if (!set.curves.length) continue;
    const isLog = set === log;
    set.curves.forEach((c, position) => {
      if (c.kind !== 'number') { figures.set(c, { stats: null, coverage: null }); return; }
      const values = converted.get(c) ?? (c.data as Float64Array);
      const coverage = isLog && depthInGrid && position > 0 ? curveCoverage(depthInGrid, values, { ordered: native! }) : null;
      figures.set(c, { stats: curveStats(values), coverage });
    });
  }
  return { converted, gridded, figures };
}

function scaled(depths: Float64Array, factor: number): Float64Array {
  return factor === 1 ? depths : depths.map((d) => d * factor);
}
