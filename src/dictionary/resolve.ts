import { builtinCatalogue, type Catalogue } from '../units/index.js';
import { companyCode, normaliseDescription, normaliseMnemonic, stripDecorations } from './normalise.js';
import { DESCRIPTION_RULES, MNEMONIC_PATTERNS } from './patterns.js';
import { CURVE_PROPERTIES } from './properties.js';
import { pwlsAncestry, type PwlsCurveMapping, type PwlsPropertyTree } from './pwls.js';
import type { CurveProperty, Resolution, ResolveOptions } from './types.js';

export interface CurveDictionaryOptions {
  /** Unit catalogue used to judge a curve's unit; the built-in one by default. */
  readonly catalogue?: Catalogue;
  /** Extra mnemonic → PWLS property rows, e.g. from parsePwlsCurvesCsv. */
  readonly pwlsCurves?: readonly PwlsCurveMapping[];
  /** PWLS property hierarchy (parsePwlsPropertiesCsv), to map PWLS properties to their nearest DataForge ancestor. */
  readonly pwlsProperties?: PwlsPropertyTree;
}

type Tier = 'exact' | 'pwls' | 'pattern' | 'description';

interface Candidate {
  readonly property: CurveProperty;
  score: number;
  best: Tier;
  readonly reasons: string[];
  tiers: number;
}

interface PwlsRow {
  readonly company: string;
  readonly property: CurveProperty | undefined;
  readonly pwlsProperty: string;
}

/** Confidence of each kind of evidence before the unit is weighed. */
const SCORE = { exact: 0.9, decorated: 0.8, pwlsCompany: 0.85, pwlsAny: 0.65, pattern: 0.6, description: 0.4 } as const;
const UNIT_AGREES = 0.1;
const UNIT_CONVERTS = 0.05;
const UNIT_DISAGREES = -0.35;
const COMPANY_DISAGREES = -0.25;
/** Unit words that carry no information about what a curve measures. */
const NO_UNIT = /^(|NONE|UNITLESS|DIMENSIONLESS|N\/A|NA|-+|_+|\.|TEXT|TXT|UNKNOWN|UNK|\?+|UNITS)$/;

/**
 * Resolves vendor curve mnemonics to canonical properties. Evidence, strongest first: an exact
 * alias from the property table, a loaded PWLS mapping (company-scoped when the company is
 * known), a mnemonic pattern, description keywords. The curve's unit then raises the confidence
 * when its quantity class agrees and lowers it (or, for guesses, rules the property out) when not.
 */
export class CurveDictionary {
  readonly catalogue: Catalogue;
  private readonly properties: readonly CurveProperty[];
  private readonly byId = new Map<string, CurveProperty>();
  private readonly byMnemonic = new Map<string, CurveProperty[]>();
  private readonly byPwlsName = new Map<string, CurveProperty>();
  private readonly pwlsRows = new Map<string, PwlsRow[]>();
  private readonly options: CurveDictionaryOptions;

  constructor(properties: readonly CurveProperty[] = CURVE_PROPERTIES, options: CurveDictionaryOptions = {}) {
    this.properties = properties;
    this.options = options;
    this.catalogue = options.catalogue ?? builtinCatalogue();
    for (const p of properties) {
      this.byId.set(p.id, p);
      if (!this.byPwlsName.has(p.pwlsProperty)) this.byPwlsName.set(p.pwlsProperty, p);
      for (const m of p.mnemonics) {
        const key = normaliseMnemonic(m);
        const list = this.byMnemonic.get(key) ?? [];
        if (!list.includes(p)) list.push(p);
        this.byMnemonic.set(key, list);
      }
    }
    for (const row of options.pwlsCurves ?? []) {
      const key = normaliseMnemonic(row.mnemonic);
      const list = this.pwlsRows.get(key) ?? [];
      list.push({ company: companyCode(row.company) ?? row.company, property: this.propertyForPwls(row.pwlsProperty), pwlsProperty: row.pwlsProperty });
      this.pwlsRows.set(key, list);
    }
  }

  /** A dictionary with extra PWLS mappings (and optionally the PWLS hierarchy) added to this one's. */
  withPwls(curves: readonly PwlsCurveMapping[], properties?: PwlsPropertyTree): CurveDictionary {
    return new CurveDictionary(this.properties, {
      ...this.options,
      catalogue: this.catalogue,
      pwlsCurves: [...(this.options.pwlsCurves ?? []), ...curves],
      pwlsProperties: properties ?? this.options.pwlsProperties,
    });
  }

  getProperty(id: string): CurveProperty | undefined {
    return this.byId.get(id);
  }

  listProperties(): CurveProperty[] {
    return [...this.properties];
  }

  /** Mnemonics that name more than one property (the unit decides between them). */
  ambiguousMnemonics(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [m, props] of this.byMnemonic) if (props.length > 1) out.set(m, props.map((p) => p.id));
    return out;
  }

  /**
   * The DataForge property for a PWLS property name: the one that names it, else (with the PWLS
   * hierarchy loaded) the nearest ancestor that one names. Index properties (depth, time) are
   * matched by name only, so that e.g. "bit depth" or "delay time" do not become a log index.
   */
  propertyForPwls(pwlsProperty: string): CurveProperty | undefined {
    const name = pwlsProperty.toLowerCase();
    const direct = this.byPwlsName.get(name);
    if (direct) return direct;
    const tree = this.options.pwlsProperties;
    if (!tree) return undefined;
    for (const ancestor of pwlsAncestry(tree, name).slice(1)) {
      const p = this.byPwlsName.get(ancestor);
      if (p && !p.isIndex) return p;
    }
    return undefined;
  }

  resolveMnemonic(mnemonic: string, options: ResolveOptions = {}): Resolution | null {
    const m = normaliseMnemonic(mnemonic);
    const description = normaliseDescription(options.description ?? '');
    if (m === '' && description === '') return null;
    const candidates = new Map<string, Candidate>();
    const add = (property: CurveProperty, score: number, tier: Tier, reason: string): void => {
      const c = candidates.get(property.id);
      if (!c) {
        candidates.set(property.id, { property, score, best: tier, reasons: [reason], tiers: 1 });
        return;
      }
      c.reasons.push(reason);
      c.tiers++;
      if (score > c.score) {
        c.score = score;
        c.best = tier;
      }
    };

    // 1. exact alias, or an alias under a run-number / tool suffix
    const exact = this.byMnemonic.get(m);
    if (exact) {
      exact.forEach((p, i) => add(p, SCORE.exact - 0.02 * i, 'exact', `"${m}" is a listed mnemonic of ${p.id}`));
    } else {
      const base = stripDecorations(m);
      const decorated = base ? this.byMnemonic.get(base) : undefined;
      if (base && decorated) decorated.forEach((p, i) => add(p, SCORE.decorated - 0.02 * i, 'exact', `"${m}" is "${base}" with a suffix`));
    }

    // 2. loaded PWLS mappings
    const code = companyCode(options.company);
    const rows = this.pwlsRows.get(m) ?? [];
    const scoped = code ? rows.filter((r) => r.company === code) : [];
    if (scoped.length > 0) {
      for (const r of scoped) if (r.property) add(r.property, SCORE.pwlsCompany, 'pwls', `PWLS (company ${code}) maps "${m}" to "${r.pwlsProperty}"`);
    } else if (rows.length > 0) {
      const counts = new Map<CurveProperty, number>();
      for (const r of rows) if (r.property) counts.set(r.property, (counts.get(r.property) ?? 0) + 1);
      for (const [p, k] of counts) add(p, SCORE.pwlsAny + 0.1 * (k / rows.length), 'pwls', `PWLS maps "${m}" to ${p.pwlsProperty} in ${k} of ${rows.length} rows`);
    }

    // 3. mnemonic patterns, ranked by their order
    let rank = 0;
    if (m !== '') {
      for (const [re, id] of MNEMONIC_PATTERNS) {
        const p = this.byId.get(id);
        if (!p || !re.test(m)) continue;
        add(p, SCORE.pattern - 0.02 * rank++, 'pattern', `"${m}" matches the ${id} pattern ${re.source.length > 40 ? re.source.slice(0, 40) + '…' : re.source}`);
      }
    }

    // 4. description keywords (a veto rule stops guessing altogether)
    let vetoed = false;
    if (description !== '') {
      const rule = DESCRIPTION_RULES.find(([re]) => re.test(description));
      if (rule) {
        const [, id] = rule;
        const p = id ? this.byId.get(id) : undefined;
        if (id === null) vetoed = true;
        else if (p) add(p, SCORE.description, 'description', `description "${options.description?.trim()}" suggests ${id}`);
      }
    }

    // 5. weigh the unit and the company
    let best: Candidate | undefined;
    for (const c of candidates.values()) {
      const guess = c.best === 'pattern' || c.best === 'description';
      if (guess && vetoed) continue;
      const unit = this.unitEvidence(options.unit, c.property);
      if (unit.kind === 'disagrees' && guess) continue;
      // agreeing kinds of evidence add up a little, unless the unit contradicts them all
      if (c.tiers > 1 && unit.kind !== 'disagrees') c.score += 0.05 * (c.tiers - 1);
      c.score += unit.kind === 'agrees' ? UNIT_AGREES : unit.kind === 'converts' ? UNIT_CONVERTS : unit.kind === 'disagrees' ? UNIT_DISAGREES : 0;
      c.reasons.push(unit.note);
      if (c.best === 'exact' && scoped.length > 0 && !scoped.some((r) => r.property === c.property)) {
        c.score += COMPANY_DISAGREES;
        c.reasons.push(`but PWLS says company ${code}'s "${m}" is ${scoped.map((r) => `"${r.pwlsProperty}"`).join(', ')}`);
      }
      if (!best || c.score > best.score) best = c;
    }
    if (!best) return null;
    const confidence = Math.round(Math.min(1, Math.max(0, best.score)) * 1000) / 1000;
    return { property: best.property, confidence, reason: best.reasons.join('; ') };
  }

  private unitEvidence(unitText: string | undefined, property: CurveProperty): { kind: 'none' | 'agrees' | 'converts' | 'disagrees'; note: string } {
    const text = (unitText ?? '').trim();
    if (NO_UNIT.test(text.toUpperCase())) return { kind: 'none', note: text === '' ? 'no unit given' : `unit "${text}" says nothing` };
    const unit = this.catalogue.findUnitInClass(text, property.quantityClass);
    if (!unit) return { kind: 'none', note: `unit "${text}" is not in the catalogue` };
    if (unit.quantityClasses.includes(property.quantityClass)) {
      return { kind: 'agrees', note: `unit ${unit.symbol} is ${property.quantityClass}` };
    }
    const standard = this.catalogue.findUnit(property.standardUnit, { symbolsFirst: true });
    if (standard && this.catalogue.canConvert(unit, standard)) {
      return { kind: 'converts', note: `unit ${unit.symbol} converts to ${standard.symbol}` };
    }
    return { kind: 'disagrees', note: `unit ${unit.symbol} (${unit.quantityClass ?? unit.dimension}) is not ${property.quantityClass}` };
  }
}
