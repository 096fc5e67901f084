/**
 * DataForge's curve dictionary: canonical log properties (gamma ray, bulk density, ...) with
 * their quantity class, standard unit, display scale and range, valid range and colour, and the
 * vendor mnemonics that resolve to each. Pure TypeScript, no Node APIs.
 *
 * @example
 * import { resolveMnemonic } from 'dataforge/dictionary';
 * resolveMnemonic('RHOZ', { unit: 'G/C3' }); // { property: bulk_density, confidence: 1, reason: ... }
 */
import { CurveDictionary } from './resolve.js';
import type { CurveProperty, Resolution, ResolveOptions } from './types.js';

export { CurveDictionary } from './resolve.js';
export type { CurveDictionaryOptions } from './resolve.js';
export { CURVE_PROPERTIES } from './properties.js';
export { MNEMONIC_PATTERNS, DESCRIPTION_RULES } from './patterns.js';
export { parsePwlsCurvesCsv, parsePwlsPropertiesCsv, pwlsAncestry } from './pwls.js';
export type { PwlsCurveMapping, PwlsPropertyNode, PwlsPropertyTree } from './pwls.js';
export { parseCsv } from './csv.js';
export { DictionaryError } from './errors.js';
export type { DictionaryErrorCode } from './errors.js';
export { normaliseMnemonic, companyCode } from './normalise.js';
export type * from './types.js';

let builtin: CurveDictionary | undefined;

/** The built-in dictionary (no PWLS file loaded). */
export function defaultDictionary(): CurveDictionary {
  builtin ??= new CurveDictionary();
  return builtin;
}

/** Resolves a curve mnemonic to a property with a confidence (0..1) and a reason; null when nothing fits. */
export function resolveMnemonic(mnemonic: string, options?: ResolveOptions): Resolution | null {
  return defaultDictionary().resolveMnemonic(mnemonic, options);
}

export function getProperty(id: string): CurveProperty | undefined {
  return defaultDictionary().getProperty(id);
}

export function listProperties(): CurveProperty[] {
  return defaultDictionary().listProperties();
}
