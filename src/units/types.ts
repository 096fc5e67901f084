/**
 * Shapes of the unit catalogue. A unit converts to its base unit by the Energistics formula
 * base = (A + B*x) / (C + D*x); the factors are kept both as written (strings such as "PI" or
 * "2*PI", so they can be compared with the dictionary) and as numbers (for arithmetic).
 */

/** One unit as the built-in table writes it: [symbol, name, dimension, base ('' for a base unit), A, B, C, D]. */
export type UnitRow = readonly [
  symbol: string,
  name: string,
  dimension: string,
  base: string,
  a: string,
  b: string,
  c: string,
  d: string,
];

/** One quantity class as the built-in table writes it. */
export interface QuantityClassRow {
  readonly name: string;
  readonly dimension: string;
  /** The class's BaseForConversion. */
  readonly base: string;
  /** A second base unit the class treats as equal to `base` (e.g. Euc beside m3/m3). */
  readonly alternativeBase?: string;
  readonly members: readonly string[];
}

/** The four conversion factors exactly as a dictionary writes them. */
export interface ConversionFactors {
  readonly A: string;
  readonly B: string;
  readonly C: string;
  readonly D: string;
}

/** A unit definition handed to a catalogue. Factors may be strings ("PI", "1E-6") or numbers. */
export interface UnitInput {
  readonly symbol: string;
  readonly name: string;
  readonly dimension: string;
  /** Absent or equal to `symbol` for a base unit. */
  readonly baseUnit?: string;
  readonly A?: string | number;
  readonly B?: string | number;
  readonly C?: string | number;
  readonly D?: string | number;
  /** True for a unit DataForge adds that the Energistics dictionary does not have. */
  readonly extension?: boolean;
}

export interface QuantityClassInput {
  readonly name: string;
  readonly dimension: string;
  readonly baseForConversion: string;
  readonly alternativeBase?: string;
  readonly members: readonly string[];
  readonly extension?: boolean;
}

/** A resolved unit of a catalogue. */
export interface Unit {
  readonly symbol: string;
  readonly name: string;
  /** Energistics dimension string, e.g. "L", "M/L3", "T/L", "1" or "none". */
  readonly dimension: string;
  readonly isBase: boolean;
  /** The unit this one converts to; its own symbol for a base unit. */
  readonly baseUnit: string;
  readonly factors: ConversionFactors;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  /** The first quantity class that lists the unit, if any. */
  readonly quantityClass: string | undefined;
  /** Every quantity class that lists the unit. */
  readonly quantityClasses: readonly string[];
  readonly extension: boolean;
}

export interface QuantityClass {
  readonly name: string;
  readonly dimension: string;
  readonly baseForConversion: string;
  readonly alternativeBase: string | undefined;
  readonly members: readonly string[];
  readonly extension: boolean;
}

/** Something that names a unit: a symbol or alias, or a unit already looked up. */
export type UnitLike = string | Unit;
