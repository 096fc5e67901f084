import type { CurveDictionary } from '../dictionary/index.js';
import type { CurveKind, LasCurve, LasDataSet } from '../las/model.js';
import type { Catalogue } from '../units/index.js';
import { WorkspaceError } from './errors.js';

/** What ingest will do with one curve: its property, its standard unit and the conversion to it. */
export interface CurvePlan {
  curve: LasCurve;
  mnemonic: string;
  kind: CurveKind;
  isIndex: boolean;
  property: string | null;
  confidence: number | null;
  /** `auto` from the dictionary, `user` from --map. */
  source: 'auto' | 'user' | null;
  reason: string | null;
  originalUnit: string;
  /** The unit gridded data and statistics are in. */
  unit: string;
  /** Original → standard unit, when they differ. */
  convert?: (x: number) => number;
  warning?: string;
}

/** Maps each curve of the Log set to a property and a standard unit (overrides from --map win). */
export function planCurves(set: LasDataSet, map: Record<string, string>, company: string | undefined, dict: CurveDictionary, units: Catalogue): CurvePlan[] {
  const overrides = new Map(Object.entries(map).map(([k, v]) => [k.toUpperCase(), v]));
  for (const [mnem, prop] of overrides) {
    if (!dict.getProperty(prop)) throw new WorkspaceError('unknown-property', `--map ${mnem}=${prop}: there is no property '${prop}' (see 'dataforge dictionary list')`);
  }
  return set.curves.map((curve, position) => {
    const isIndex = position === 0;
    const plan: CurvePlan = {
      curve, mnemonic: curve.mnemonic, kind: curve.kind, isIndex, property: null, confidence: null, source: null, reason: null,
      originalUnit: curve.unit, unit: curve.unit,
    };
    const userProp = overrides.get(curve.mnemonic.toUpperCase()) ?? overrides.get(curve.originalMnemonic.toUpperCase());
    if (userProp) {
      plan.property = userProp; plan.confidence = 1; plan.source = 'user'; plan.reason = 'mapped by the user';
    } else {
      const r = dict.resolveMnemonic(curve.originalMnemonic, { unit: curve.unit, description: curve.description, company });
      if (r) { plan.property = r.property.id; plan.confidence = r.confidence; plan.source = 'auto'; plan.reason = r.reason; }
    }
    if (isIndex || curve.kind !== 'number' || !plan.property) return plan;
    const prop = dict.getProperty(plan.property)!;
    const std = prop.standardUnit;
    if (curve.unit.trim() === '') {
      plan.warning = `${curve.mnemonic} has no unit; values kept as written (assumed ${std} for display only)`;
      return plan;
    }
    // Read the unit as the property's quantity class would (F is degF for a temperature, ft for a depth).
    const unit = units.findUnitInClass(curve.unit, prop.quantityClass) ?? units.findUnit(curve.unit);
    if (!unit) {
      plan.warning = `${curve.mnemonic}: unit '${curve.unit}' is not in the unit catalogue; values kept as written`;
      return plan;
    }
    let convert: (x: number) => number;
    try {
      convert = units.converter(unit.symbol, std);
    } catch {
      plan.warning = `${curve.mnemonic}: unit '${curve.unit}' cannot be converted to ${prop.name}'s unit ${std}; values kept as written`;
      return plan;
    }
    plan.unit = std;
    if (unit.symbol !== units.findUnit(std)?.symbol) plan.convert = convert;
    return plan;
  });
}
