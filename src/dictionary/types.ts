/** Shapes of the curve dictionary. */

export type DisplayScale = 'linear' | 'log';

/** A canonical log property (a "curve family") that vendor mnemonics resolve to. */
export interface CurveProperty {
  /** Stable identifier, e.g. "bulk_density". */
  readonly id: string;
  /** Human name, e.g. "Bulk density". */
  readonly name: string;
  /** The PWLS v3 property this one is (or is the closest general ancestor of). */
  readonly pwlsProperty: string;
  /** Energistics quantity class of the values. */
  readonly quantityClass: string;
  /** The unit a workspace stores this property in; a symbol of the unit catalogue. */
  readonly standardUnit: string;
  readonly displayScale: DisplayScale;
  /** Conventional track scale in the standard unit; left may exceed right (NPHI 0.45 → -0.15). */
  readonly displayRange: { readonly left: number; readonly right: number };
  /** Values outside this range (standard unit) cannot be physical and mark bad data. */
  readonly validRange: { readonly min: number; readonly max: number };
  /** CSS colour for plots. */
  readonly colour: string;
  /** Vendor mnemonics that mean this property (upper case). */
  readonly mnemonics: readonly string[];
  /** True for curves that usually index a log (depth, time). */
  readonly isIndex?: boolean;
}

export interface ResolveOptions {
  /** The curve's unit as the file writes it. */
  readonly unit?: string;
  /** The curve's description. */
  readonly description?: string;
  /** Service company: an RP66 code ("440") or a name ("Schlumberger"); used with loaded PWLS mappings. */
  readonly company?: string;
}

export interface Resolution {
  readonly property: CurveProperty;
  /** 0..1: exact alias ≈ 0.9, loaded PWLS mapping ≈ 0.75–0.85, pattern ≈ 0.6, description ≈ 0.4, adjusted by the unit. */
  readonly confidence: number;
  /** Why, in words: which rule matched and what the unit said. */
  readonly reason: string;
}
