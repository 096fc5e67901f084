/**
 * The conversion from a curve's original unit to its standard unit, decided exactly as
 * ingest decides it (see planCurves), so that re-deriving gridded data and statistics, and
 * checking them, reproduce what ingest stored bit for bit.
 */
import type { CurveDictionary } from '../dictionary/index.js';
import type { Catalogue } from '../units/index.js';
import { WorkspaceError } from './errors.js';
import type { CurveRow } from './lookup.js';

export type Convert = (x: number) => number;

export interface StandardUnit {
  /** The unit gridded data and statistics are stored in. */
  unit: string;
  /** Original → standard; absent when no conversion applies. */
  convert?: Convert;
  warning?: string;
}

/**
 * The standard unit of a number curve mapped to `propertyId` (null: unmapped), as ingest
 * would choose it: the property's unit when the original unit converts to it, else the
 * original unit with a warning saying why.
 */
export function standardUnitFor(units: Catalogue, dict: CurveDictionary, mnemonic: string, originalUnit: string, propertyId: string | null): StandardUnit {
  if (!propertyId) return { unit: originalUnit };
  const prop = dict.getProperty(propertyId);
  if (!prop) throw new WorkspaceError('unknown-property', `there is no property '${propertyId}' (see 'dataforge dictionary list')`);
  const std = prop.standardUnit;
  if (originalUnit.trim() === '') return { unit: originalUnit, warning: `${mnemonic} has no unit; values kept as written (assumed ${std} for display only)` };
  // Read the unit as the property's quantity class would (F is degF for a temperature, ft for a depth).
  const from = units.findUnitInClass(originalUnit, prop.quantityClass) ?? units.findUnit(originalUnit);
  if (!from) return { unit: originalUnit, warning: `${mnemonic}: unit '${originalUnit}' is not in the unit catalogue; values kept as written` };
  let convert: Convert;
  try {
    convert = units.converter(from.symbol, std);
  } catch {
    return { unit: originalUnit, warning: `${mnemonic}: unit '${originalUnit}' cannot be converted to ${prop.name}'s unit ${std}; values kept as written` };
  }
  return from.symbol === units.findUnit(std)?.symbol ? { unit: std } : { unit: std, convert };
}

/**
 * Original → stored unit for a curve as it is in the workspace, or undefined when its values
 * are stored as written (index curves, text, unconverted units). Throws when the stored unit
 * cannot be reached from the original one: the metadata is inconsistent.
 */
export function storedConversion(units: Catalogue, dict: CurveDictionary, curve: Pick<CurveRow, 'mnemonic' | 'kind' | 'is_index' | 'original_unit' | 'unit' | 'property'>): Convert | undefined {
  if (curve.kind !== 'number' || curve.is_index || curve.unit === curve.original_unit) return undefined;
  const prop = curve.property ? dict.getProperty(curve.property) : undefined;
  const planned = prop && prop.standardUnit === curve.unit ? standardUnitFor(units, dict, curve.mnemonic, curve.original_unit, prop.id) : undefined;
  if (planned && planned.unit === curve.unit) return planned.convert;
  // Not what ingest would pick for its property today (e.g. the dictionary changed): convert plainly.
  const from = units.findUnit(curve.original_unit);
  const to = units.findUnit(curve.unit);
  if (!from || !to) throw new WorkspaceError('unit-mismatch', `curve ${curve.mnemonic}: cannot convert its original unit '${curve.original_unit}' to its stored unit '${curve.unit}'`);
  if (from.symbol === to.symbol) return undefined;
  try {
    return units.converter(from.symbol, to.symbol);
  } catch {
    throw new WorkspaceError('unit-mismatch', `curve ${curve.mnemonic}: cannot convert its original unit '${curve.original_unit}' to its stored unit '${curve.unit}'`);
  }
}

/** Stored → original unit, for exporting gridded data in original units. */
export function inverseConversion(units: Catalogue, dict: CurveDictionary, curve: Parameters<typeof storedConversion>[2]): Convert | undefined {
  if (!storedConversion(units, dict, curve)) return undefined;
  const prop = curve.property ? dict.getProperty(curve.property) : undefined;
  const from = (prop ? units.findUnitInClass(curve.original_unit, prop.quantityClass) : undefined) ?? units.findUnit(curve.original_unit);
  const to = units.findUnit(curve.unit);
  return units.converter(to!.symbol, from!.symbol);
}

export function applyConversion(values: Float64Array, convert: Convert | undefined): Float64Array {
  return convert ? values.map(convert) : values;
}
