import type { IndexInfo } from '../las/model.js';

const METRES: Record<string, number> = { m: 1, ft: 0.3048, '0.1 in': 0.00254 };

/** Multiply a depth in the index's unit by this to get the grid's unit; null when the index unit is unknown or not a length. */
export function depthFactor(indexUnit: IndexInfo['canonicalUnit'], gridUnit: 'm' | 'ft'): number | null {
  if (!indexUnit || !(indexUnit in METRES)) return null;
  if (indexUnit === gridUnit) return 1;
  return METRES[indexUnit] / METRES[gridUnit];
}
