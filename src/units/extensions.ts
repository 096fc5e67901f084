import type { QuantityClassInput, UnitInput } from './types.js';

/**
 * Units that well logs use but the Energistics UoM dictionary V1 does not define. Each is marked
 * `extension` so that checks against the dictionary can tell them apart.
 *
 * - b/elec: the photoelectric absorption factor (PEF) in barns per electron. POSC v2.2 defined it
 *   (as area per amount of substance, a molar conversion that does not hold for PEF as logged);
 *   Energistics V1 dropped it and PWLS treats PEF as dimensionless. DataForge keeps it as a base
 *   unit of its own class so that PEF values are never silently turned into percentages.
 */
export const EXTENSION_UNITS: readonly UnitInput[] = [
  { symbol: 'b/elec', name: 'barn per electron', dimension: 'none', extension: true },
];

export const EXTENSION_QUANTITY_CLASSES: readonly QuantityClassInput[] = [
  { name: 'photoelectric absorption factor', dimension: 'none', baseForConversion: 'b/elec', members: ['b/elec'], extension: true },
];
