/** Finds the Energistics UoM dictionary in ../shared/reference; tests that need it skip visibly without it. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ENERGISTICS_JSON = fileURLToPath(
  new URL('../../../shared/reference/geosoft-as__osdu-uom/standard/Energistics_Unit_of_Measure_Dictionary.json', import.meta.url),
);
export const HAVE_ENERGISTICS = existsSync(ENERGISTICS_JSON);

export interface RefUnit {
  Symbol: string;
  Name: string;
  Dimension: string;
  IsBase?: boolean;
  BaseUnit?: string;
  A?: string;
  B?: string;
  C?: string;
  D?: string;
}
export interface RefClass {
  Name: string;
  Dimension: string;
  BaseForConversion: string;
  AlternativeBase?: string;
  MemberUnit?: string[];
}
export interface RefDictionary {
  UnitSet: { Unit: RefUnit[] };
  QuantityClassSet: { QuantityClass: RefClass[] };
}

export function readReference(): { text: string; dict: RefDictionary } {
  const text = readFileSync(ENERGISTICS_JSON, 'utf8');
  return { text, dict: JSON.parse(text) as RefDictionary };
}

/**
 * The dictionary's own conversion, written independently of src/units: y = (A + B x)/(C + D x),
 * with "PI" and "n*PI" expanded as the dictionary's description says.
 */
export function refToBase(u: RefUnit, x: number): number {
  if (u.IsBase) return x;
  const n = (s: string | undefined): number => {
    const t = (s ?? '0').trim();
    const m = /^(?:([\d.Ee+-]+)\*)?PI$/.exec(t);
    return m ? (m[1] ? Number(m[1]) : 1) * Math.PI : Number(t);
  };
  return (n(u.A) + n(u.B) * x) / (n(u.C) + n(u.D) * x);
}
