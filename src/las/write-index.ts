/**
 * STRT / STOP / STEP as the data says, not as the old header said: after editing or
 * splicing, the header must describe the rows actually written.
 */

export interface IndexSummary {
  rows: number;
  first: number;
  last: number;
  /** The regular step, or 0 when the index is irregular or has fewer than two rows (LAS: STEP 0). */
  step: number;
}

/** Summarises an index given row by row (a function so a generator need not hold the column). */
export function summarizeIndex(rows: number, valueAt: (row: number) => number): IndexSummary {
  if (rows === 0) return { rows, first: NaN, last: NaN, step: 0 };
  const first = valueAt(0);
  const last = valueAt(rows - 1);
  if (rows < 2 || !Number.isFinite(first) || !Number.isFinite(last)) return { rows, first, last, step: 0 };
  const step = (last - first) / (rows - 1);
  // Each difference carries rounding from both depths: allow a few ulps of the largest depth.
  const tolerance = Math.abs(step) * 1e-9 + 4 * Number.EPSILON * Math.max(Math.abs(first), Math.abs(last));
  let previous = first;
  for (let i = 1; i < rows; i++) {
    const v = valueAt(i);
    if (!(Math.abs(v - previous - step) <= tolerance)) return { rows, first, last, step: 0 };
    previous = v;
  }
  // (last - first) / n is rarely the decimal the user meant (0.15239999999994325): 12 digits are plenty.
  return { rows, first, last, step: Number(step.toPrecision(12)) };
}
