import { Catalogue } from './catalogue.js';
import { UnitError } from './errors.js';
import { EXTENSION_QUANTITY_CLASSES, EXTENSION_UNITS } from './extensions.js';
import { parseFactor } from './factor.js';
import { LAS_UNIT_ALIASES } from './las-aliases.js';
import type { QuantityClassInput, UnitInput } from './types.js';

export interface EnergisticsImportOptions {
  /** Add DataForge's LAS spellings (F, G/C3, OHMM, ...) for the units the dictionary has. Default true. */
  readonly lasAliases?: boolean;
  /** Add DataForge's extension units (b/elec) when the dictionary lacks them. Default true. */
  readonly extensions?: boolean;
}

type Json = Record<string, unknown>;

/**
 * Loads a full Energistics Unit of Measure dictionary in its JSON form (PascalCase keys:
 * UnitSet.Unit[], QuantityClassSet.QuantityClass[]; A, B, C, D as strings, "PI" and "2*PI"
 * allowed) into a catalogue with the same API as the built-in one. Lower-camel-case keys are
 * accepted too. Problems are reported as UnitError with the path of the offending entry.
 */
export function parseEnergisticsDictionary(jsonText: string, options: EnergisticsImportOptions = {}): Catalogue {
  let root: unknown;
  try {
    root = JSON.parse(jsonText);
  } catch (e) {
    throw new UnitError('BAD_DICTIONARY', `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(root)) throw new UnitError('BAD_DICTIONARY', 'expected a JSON object at the top level');

  const unitSet = field(root, 'UnitSet');
  const unitList = isObject(unitSet) ? field(unitSet, 'Unit') : undefined;
  if (!Array.isArray(unitList)) throw new UnitError('BAD_DICTIONARY', 'no UnitSet.Unit array: not an Energistics unit dictionary');
  const units: UnitInput[] = unitList.map((raw, i) => readUnit(raw, `UnitSet.Unit[${i}]`));

  const classSet = field(root, 'QuantityClassSet');
  const classList = isObject(classSet) ? field(classSet, 'QuantityClass') : [];
  if (!Array.isArray(classList)) throw new UnitError('BAD_DICTIONARY', 'QuantityClassSet.QuantityClass is not an array');
  const classes: QuantityClassInput[] = classList.map((raw, i) => readClass(raw, `QuantityClassSet.QuantityClass[${i}]`));

  if (options.extensions ?? true) {
    const symbols = new Set(units.map((u) => u.symbol));
    const names = new Set(classes.map((c) => c.name));
    units.push(...EXTENSION_UNITS.filter((u) => !symbols.has(u.symbol)));
    classes.push(...EXTENSION_QUANTITY_CLASSES.filter((c) => !names.has(c.name)));
  }
  const title = field(root, 'Title');
  const version = field(root, 'Version');
  return new Catalogue({
    units,
    quantityClasses: classes,
    aliases: options.lasAliases ?? true ? LAS_UNIT_ALIASES : undefined,
    lenientAliases: true,
    info: { title: typeof title === 'string' ? title : undefined, version: typeof version === 'string' ? version : undefined },
  });
}

function readUnit(raw: unknown, where: string): UnitInput {
  if (!isObject(raw)) throw new UnitError('BAD_DICTIONARY', 'expected an object', { where });
  const symbol = text(raw, 'Symbol', where);
  const at = `${where} (${symbol})`;
  const name = text(raw, 'Name', at);
  const dimension = text(raw, 'Dimension', at);
  const isBase = field(raw, 'IsBase');
  if (isBase === true || isBase === 'true') return { symbol, name, dimension };
  return {
    symbol,
    name,
    dimension,
    baseUnit: text(raw, 'BaseUnit', at),
    A: factor(raw, 'A', at, '0'),
    B: factor(raw, 'B', at),
    C: factor(raw, 'C', at),
    D: factor(raw, 'D', at, '0'),
  };
}

function readClass(raw: unknown, where: string): QuantityClassInput {
  if (!isObject(raw)) throw new UnitError('BAD_DICTIONARY', 'expected an object', { where });
  const name = text(raw, 'Name', where);
  const at = `${where} (${name})`;
  const members = field(raw, 'MemberUnit') ?? [];
  if (!Array.isArray(members) || !members.every((m) => typeof m === 'string')) {
    throw new UnitError('BAD_DICTIONARY', 'MemberUnit is not a list of unit symbols', { where: at });
  }
  const alternative = field(raw, 'AlternativeBase');
  return {
    name,
    dimension: text(raw, 'Dimension', at),
    baseForConversion: text(raw, 'BaseForConversion', at),
    alternativeBase: typeof alternative === 'string' && alternative !== '' ? alternative : undefined,
    members: members as string[],
  };
}

/** A key in PascalCase or lower camel case. */
function field(obj: Json, pascal: string): unknown {
  if (pascal in obj) return obj[pascal];
  return obj[pascal[0].toLowerCase() + pascal.slice(1)];
}

function text(obj: Json, key: string, where: string): string {
  const v = field(obj, key);
  if (typeof v !== 'string' || v === '') throw new UnitError('BAD_DICTIONARY', `missing ${key}`, { where });
  return v;
}

function factor(obj: Json, key: string, where: string, fallback?: string): string {
  const v = field(obj, key);
  if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') {
    parseFactor(v, `${where} ${key}`); // fail here, where the path of the entry is known
    return String(v);
  }
  if (fallback !== undefined && (v === undefined || v === null)) return fallback;
  throw new UnitError('BAD_DICTIONARY', `missing conversion factor ${key}`, { where });
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
