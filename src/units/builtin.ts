import { Catalogue } from './catalogue.js';
import { ENERGISTICS_QUANTITY_CLASSES, ENERGISTICS_UNITS } from './energistics-table.js';
import { EXTENSION_QUANTITY_CLASSES, EXTENSION_UNITS } from './extensions.js';
import { LAS_UNIT_ALIASES } from './las-aliases.js';
import type { QuantityClassInput, UnitInput } from './types.js';

/** The units of the built-in table, in the form a Catalogue takes. */
export function builtinUnitInputs(): UnitInput[] {
  const rows: UnitInput[] = ENERGISTICS_UNITS.map(([symbol, name, dimension, base, A, B, C, D]) =>
    base === '' ? { symbol, name, dimension } : { symbol, name, dimension, baseUnit: base, A, B, C, D },
  );
  return [...rows, ...EXTENSION_UNITS];
}

export function builtinQuantityClassInputs(): QuantityClassInput[] {
  const rows: QuantityClassInput[] = ENERGISTICS_QUANTITY_CLASSES.map((q) => ({
    name: q.name,
    dimension: q.dimension,
    baseForConversion: q.base,
    alternativeBase: q.alternativeBase,
    members: q.members,
  }));
  return [...rows, ...EXTENSION_QUANTITY_CLASSES];
}

let builtin: Catalogue | undefined;

/** DataForge's own catalogue: the well-log subset of Energistics, its extensions and the LAS spellings. */
export function builtinCatalogue(): Catalogue {
  builtin ??= new Catalogue({
    units: builtinUnitInputs(),
    quantityClasses: builtinQuantityClassInputs(),
    aliases: LAS_UNIT_ALIASES,
    info: { title: 'DataForge well-log units (subset of Energistics UoM V1.0.1)', version: '1' },
  });
  return builtin;
}
