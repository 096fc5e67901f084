import { UnitError } from './errors.js';
import { parseFactor } from './factor.js';
import { CONTEXT_READINGS } from './las-aliases.js';
import { aliasKey, cleanUnitText, isUpperCaseText } from './normalise.js';
import type { QuantityClass, QuantityClassInput, Unit, UnitInput, UnitLike } from './types.js';

export interface CatalogueSource {
  readonly units: readonly UnitInput[];
  readonly quantityClasses: readonly QuantityClassInput[];
  /** Alternative spellings: target symbol → spellings (matched case- and space-insensitively). */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /** Skip aliases whose target the catalogue lacks instead of failing (for imported dictionaries). */
  readonly lenientAliases?: boolean;
  /** Where the catalogue came from, e.g. the dictionary's title and version. */
  readonly info?: CatalogueInfo;
}

export interface CatalogueInfo {
  readonly title?: string;
  readonly version?: string;
}

export interface LookupOptions {
  /** Try the exact Energistics symbol before LAS readings of upper-case text. */
  readonly symbolsFirst?: boolean;
}

const identity = (x: number): number => x;

/**
 * A set of units and quantity classes with the Energistics conversion rule
 * base = (A + B*x) / (C + D*x). Two units convert when they share a base unit, or when a
 * quantity class lists both and names their two bases as its base and alternative base
 * (so % → m3/m3 works through "volume per volume"). Anything else is refused with a UnitError.
 */
export class Catalogue {
  readonly info: CatalogueInfo;
  private readonly bySymbol = new Map<string, Unit>();
  private readonly byKey = new Map<string, Unit[]>();
  private readonly aliasByKey = new Map<string, Unit>();
  private readonly aliasesBySymbol = new Map<string, string[]>();
  private readonly classes = new Map<string, QuantityClass>();

  constructor(source: CatalogueSource) {
    this.info = source.info ?? {};
    const classesOf = new Map<string, string[]>();
    for (const qc of source.quantityClasses) {
      if (this.classes.has(qc.name)) throw new UnitError('BAD_DICTIONARY', `quantity class "${qc.name}" is defined twice`);
      const frozen: QuantityClass = Object.freeze({
        name: qc.name,
        dimension: qc.dimension,
        baseForConversion: qc.baseForConversion,
        alternativeBase: qc.alternativeBase,
        members: Object.freeze([...qc.members]),
        extension: qc.extension ?? false,
      });
      this.classes.set(qc.name, frozen);
      for (const m of qc.members) {
        const list = classesOf.get(m) ?? [];
        list.push(qc.name);
        classesOf.set(m, list);
      }
    }
    for (const input of source.units) this.addUnit(input, classesOf.get(input.symbol) ?? []);
    for (const u of this.bySymbol.values()) {
      if (!this.bySymbol.has(u.baseUnit)) {
        throw new UnitError('BAD_DICTIONARY', `unit "${u.symbol}" converts to "${u.baseUnit}", which is not defined`, { units: [u.symbol] });
      }
    }
    for (const qc of this.classes.values()) {
      for (const m of qc.members) {
        if (!this.bySymbol.has(m)) {
          throw new UnitError('BAD_DICTIONARY', `quantity class "${qc.name}" lists "${m}", which is not defined`, { units: [m] });
        }
      }
    }
    for (const [target, spellings] of Object.entries(source.aliases ?? {})) this.addAliases(target, spellings, source.lenientAliases ?? false);
  }

  private addUnit(input: UnitInput, classNames: string[]): void {
    const where = `unit "${input.symbol}"`;
    if (this.bySymbol.has(input.symbol)) throw new UnitError('BAD_DICTIONARY', `unit "${input.symbol}" is defined twice`, { units: [input.symbol] });
    const isBase = input.baseUnit === undefined || input.baseUnit === '' || input.baseUnit === input.symbol;
    const factors = isBase
      ? { A: '0', B: '1', C: '1', D: '0' }
      : { A: String(input.A ?? '0'), B: String(input.B ?? ''), C: String(input.C ?? ''), D: String(input.D ?? '0') };
    const a = parseFactor(factors.A, where);
    const b = parseFactor(factors.B, where);
    const c = parseFactor(factors.C, where);
    const d = parseFactor(factors.D, where);
    if (b === 0 && d === 0) throw new UnitError('BAD_FACTOR', 'B and D are both zero, so the conversion cannot be inverted', { where });
    const baseUnit = isBase ? input.symbol : (input.baseUnit as string);
    // The primary class is one whose base is the unit's own base, so % lands in "dimensionless"
    // rather than in whichever ratio class happens to be listed first.
    const primary = classNames.find((n) => this.classes.get(n)?.baseForConversion === baseUnit) ?? classNames[0];
    const unit: Unit = Object.freeze({
      symbol: input.symbol,
      name: input.name,
      dimension: input.dimension,
      isBase,
      baseUnit,
      factors: Object.freeze(factors),
      a,
      b,
      c,
      d,
      quantityClass: primary,
      quantityClasses: Object.freeze([...classNames]),
      extension: input.extension ?? false,
    });
    this.bySymbol.set(unit.symbol, unit);
    const key = aliasKey(unit.symbol);
    const same = this.byKey.get(key) ?? [];
    same.push(unit);
    this.byKey.set(key, same);
  }

  private addAliases(target: string, spellings: readonly string[], lenient: boolean): void {
    const unit = this.bySymbol.get(target);
    if (!unit) {
      if (lenient) return;
      throw new UnitError('BAD_DICTIONARY', `alias target "${target}" is not a unit of this catalogue`, { units: [target] });
    }
    for (const spelling of spellings) {
      const key = aliasKey(spelling);
      const before = this.aliasByKey.get(key);
      if (before && before !== unit) {
        throw new UnitError('BAD_DICTIONARY', `alias "${spelling}" names both "${before.symbol}" and "${target}"`, { units: [spelling] });
      }
      this.aliasByKey.set(key, unit);
      const list = this.aliasesBySymbol.get(target) ?? [];
      if (!list.includes(spelling)) list.push(spelling);
      this.aliasesBySymbol.set(target, list);
    }
  }

  /** Number of units. */
  get size(): number {
    return this.bySymbol.size;
  }

  /**
   * Looks a unit up by symbol or alias. Enclosing brackets and surrounding spaces are ignored.
   * Order: an upper-case text is first read as LAS files write it (F = ft, S = s, MV = mV, D = d);
   * then the exact, case-sensitive symbol; then any alias, ignoring case and spaces; then a symbol
   * that matches ignoring case, if only one does. With `symbolsFirst` the exact symbol is tried
   * first (S = siemens), for text known to hold Energistics symbols. Undefined when unknown.
   */
  findUnit(text: UnitLike, options: LookupOptions = {}): Unit | undefined {
    if (typeof text !== 'string') return this.bySymbol.get(text.symbol);
    const cleaned = cleanUnitText(text);
    if (cleaned === '') return undefined;
    const key = aliasKey(cleaned);
    if (!options.symbolsFirst && isUpperCaseText(cleaned)) {
      const las = this.aliasByKey.get(key);
      if (las) return las;
    }
    const exact = this.bySymbol.get(cleaned);
    if (exact) return exact;
    const alias = this.aliasByKey.get(key);
    if (alias) return alias;
    const loose = this.byKey.get(key);
    return loose && loose.length === 1 ? loose[0] : undefined;
  }

  /**
   * Reads unit text as a unit of an expected quantity class when the text allows it: a LAS "F"
   * is degF on a temperature curve but ft on a depth curve; "API" is nAPI on a neutron curve.
   * Falls back to findUnit's reading when no reading fits the class.
   */
  findUnitInClass(text: UnitLike, quantityClass: string): Unit | undefined {
    const first = this.findUnit(text);
    if (typeof text !== 'string' || (first && first.quantityClasses.includes(quantityClass))) return first;
    const readings = [...(CONTEXT_READINGS[aliasKey(text)] ?? []), cleanUnitText(text)];
    for (const symbol of readings) {
      const u = this.bySymbol.get(symbol);
      if (u && u.quantityClasses.includes(quantityClass)) return u;
    }
    return first;
  }

  /** Like findUnit, but throws a UnitError for an unknown unit. */
  getUnit(text: UnitLike, options: LookupOptions = {}): Unit {
    const unit = this.findUnit(text, options);
    if (!unit) {
      const shown = typeof text === 'string' ? text : text.symbol;
      throw new UnitError('UNKNOWN_UNIT', `unknown unit "${shown}"`, { units: [shown] });
    }
    return unit;
  }

  /** True when the text names a unit of this catalogue. */
  hasUnit(text: string): boolean {
    return this.findUnit(text) !== undefined;
  }

  /** The unit's primary quantity class, or undefined when the unit is unknown or in no class. */
  quantityClassOf(unit: UnitLike): string | undefined {
    return this.findUnit(unit)?.quantityClass;
  }

  /** Every quantity class that lists the unit (empty when unknown). */
  quantityClassesOf(unit: UnitLike): readonly string[] {
    return this.findUnit(unit)?.quantityClasses ?? [];
  }

  getQuantityClass(name: string): QuantityClass | undefined {
    return this.classes.get(name);
  }

  /** All units, or the members of one quantity class (throws UnitError for an unknown class). */
  listUnits(quantityClass?: string): Unit[] {
    if (quantityClass === undefined) return [...this.bySymbol.values()];
    const qc = this.classes.get(quantityClass);
    if (!qc) throw new UnitError('UNKNOWN_QUANTITY_CLASS', `unknown quantity class "${quantityClass}"`);
    return qc.members.map((m) => this.bySymbol.get(m) as Unit);
  }

  listQuantityClasses(): QuantityClass[] {
    return [...this.classes.values()];
  }

  /** The alternative spellings that resolve to a symbol. */
  aliasesOf(symbol: string): readonly string[] {
    return this.aliasesBySymbol.get(symbol) ?? [];
  }

  /** True when values convert between the two units (both known and compatible). */
  canConvert(from: UnitLike, to: UnitLike): boolean {
    const f = this.findUnit(from);
    const t = this.findUnit(to);
    return f !== undefined && t !== undefined && this.compatible(f, t);
  }

  convert(value: number, from: UnitLike, to: UnitLike): number {
    return this.converter(from, to)(value);
  }

  /**
   * A conversion function for many values (e.g. a curve): the lookups and checks are done once.
   * Linear conversions multiply then divide by exact products of the factors, so that 0.3048 m
   * gives exactly 1 ft; affine and rational ones (temperatures) go through the base unit.
   */
  converter(from: UnitLike, to: UnitLike): (x: number) => number {
    const f = this.getUnit(from);
    const t = this.getUnit(to);
    if (f === t) return identity;
    if (!this.compatible(f, t)) throw this.incompatible(f, t);
    if (f.a === 0 && f.d === 0 && t.a === 0 && t.d === 0) {
      const num = f.b * t.c;
      const den = f.c * t.b;
      if (num === den) return identity;
      if (den === 1) return (x) => x * num;
      return (x) => (x * num) / den;
    }
    return (x) => fromBase(t, toBase(f, x));
  }

  /** The value in the unit's base unit. */
  toBase(value: number, unit: UnitLike): number {
    return toBase(this.getUnit(unit), value);
  }

  /** A value given in the unit's base unit, expressed in the unit. */
  fromBase(value: number, unit: UnitLike): number {
    return fromBase(this.getUnit(unit), value);
  }

  private compatible(f: Unit, t: Unit): boolean {
    if (f.baseUnit === t.baseUnit) return true;
    for (const name of f.quantityClasses) {
      if (!t.quantityClasses.includes(name)) continue;
      const qc = this.classes.get(name) as QuantityClass;
      const bases = [qc.baseForConversion, qc.alternativeBase];
      if (bases.includes(f.baseUnit) && bases.includes(t.baseUnit)) return true;
    }
    return false;
  }

  private incompatible(f: Unit, t: Unit): UnitError {
    const describe = (u: Unit): string => `"${u.symbol}" (${u.quantityClass ?? 'no quantity class'}, dimension ${u.dimension})`;
    const why = f.dimension === t.dimension ? 'different quantity classes' : 'different dimensions';
    return new UnitError('INCOMPATIBLE_UNITS', `cannot convert ${describe(f)} to ${describe(t)}: ${why}`, { units: [f.symbol, t.symbol] });
  }
}

function toBase(u: Unit, x: number): number {
  return (u.a + u.b * x) / (u.c + u.d * x);
}

function fromBase(u: Unit, y: number): number {
  return (u.a - u.c * y) / (u.d * y - u.b);
}
