/**
 * DataForge's unit catalogue: the units well logs use, in the Energistics form
 * base = (A + B*x) / (C + D*x), with the spellings LAS files use. Pure TypeScript, no Node APIs.
 *
 * @example
 * import { convert, converter, findUnit } from 'dataforge/units';
 * convert(100, 'DEGF', 'degC');            // 37.77…
 * const toMetres = converter('FT', 'm');   // for whole curves
 * findUnit('G/C3')?.symbol;                // 'g/cm3'
 */
import { builtinCatalogue } from './builtin.js';
import type { LookupOptions } from './catalogue.js';
import type { QuantityClass, Unit, UnitLike } from './types.js';

export { Catalogue } from './catalogue.js';
export type { CatalogueInfo, CatalogueSource, LookupOptions } from './catalogue.js';
export { UnitError } from './errors.js';
export type { UnitErrorCode } from './errors.js';
export { parseEnergisticsDictionary } from './energistics-json.js';
export type { EnergisticsImportOptions } from './energistics-json.js';
export { builtinCatalogue, builtinUnitInputs, builtinQuantityClassInputs } from './builtin.js';
export { parseFactor } from './factor.js';
export { aliasKey, cleanUnitText } from './normalise.js';
export { CONTEXT_READINGS, LAS_UNIT_ALIASES } from './las-aliases.js';
export { EXTENSION_UNITS, EXTENSION_QUANTITY_CLASSES } from './extensions.js';
export type * from './types.js';

/** Looks a unit up in the built-in catalogue by symbol or alias; undefined when unknown. */
export function findUnit(symbolOrAlias: UnitLike, options?: LookupOptions): Unit | undefined {
  return builtinCatalogue().findUnit(symbolOrAlias, options);
}

/** Like findUnit, but throws UnitError("UNKNOWN_UNIT"). */
export function getUnit(symbolOrAlias: UnitLike, options?: LookupOptions): Unit {
  return builtinCatalogue().getUnit(symbolOrAlias, options);
}

/** Converts one value; throws UnitError for an unknown unit or units of different quantity classes. */
export function convert(value: number, from: UnitLike, to: UnitLike): number {
  return builtinCatalogue().convert(value, from, to);
}

/** A conversion function for many values; the checks are done once, here. */
export function converter(from: UnitLike, to: UnitLike): (x: number) => number {
  return builtinCatalogue().converter(from, to);
}

/** Reads unit text as a unit of the expected quantity class when it can ("F" on a temperature curve is degF). */
export function findUnitInClass(text: UnitLike, quantityClass: string): Unit | undefined {
  return builtinCatalogue().findUnitInClass(text, quantityClass);
}

export function canConvert(from: UnitLike, to: UnitLike): boolean {
  return builtinCatalogue().canConvert(from, to);
}

/** The primary quantity class of a unit; undefined when the unit is unknown. */
export function quantityClassOf(unit: UnitLike): string | undefined {
  return builtinCatalogue().quantityClassOf(unit);
}

/** Every quantity class that lists the unit. */
export function quantityClassesOf(unit: UnitLike): readonly string[] {
  return builtinCatalogue().quantityClassesOf(unit);
}

export function listUnits(quantityClass?: string): Unit[] {
  return builtinCatalogue().listUnits(quantityClass);
}

export function listQuantityClasses(): QuantityClass[] {
  return builtinCatalogue().listQuantityClasses();
}
