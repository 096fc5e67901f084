/**
 * Named NULL policies, after lasio's `null_policy`: which data values mean "no value".
 * The ~W NULL value is honoured by every policy but `none`; the depth index is never nulled.
 */
export type NullPolicyName = 'none' | 'strict' | 'common' | 'aggressive';

export interface NullPolicy {
  /** Honour the NULL value declared in the ~Well section. */
  headerNull: boolean;
  /** Numeric values that mean NULL (compared after parsing, so `-999.2500` matches -999.25). */
  values: number[];
  /** Text tokens that mean NULL, compared case-insensitively (e.g. `(null)`, `NA`, `-`). */
  tokens: string[];
}

export const NULL_POLICIES: Record<NullPolicyName, NullPolicy> = {
  none: { headerNull: false, values: [], tokens: [] },
  strict: { headerNull: true, values: [], tokens: [] },
  common: {
    headerNull: true,
    values: [-999.25, 999.25, -9999.25, 9999.25],
    tokens: ['(null)', '-', '--', 'NA', '#N/A', 'N/A', 'NAN', 'INF', '-INF', '+INF', 'IO', 'IND', '-1.#IND', '1.#INF', '-1.#INF', '1.#QNAN'],
  },
  aggressive: {
    headerNull: true,
    values: [-999.25, 999.25, -9999.25, 9999.25, -999, 999, -9999, 9999, -999.99, 999.99, -9999.99, 9999.99, -2147483647, 2147483647, -32767, 32767],
    tokens: ['(null)', '-', '--', 'NA', '#N/A', 'N/A', 'NAN', 'INF', '-INF', '+INF', 'IO', 'IND', '-1.#IND', '1.#INF', '-1.#INF', '1.#QNAN'],
  },
};

/** A policy name, a full policy, or a name plus extra values and tokens. */
export type NullPolicyInput =
  | NullPolicyName
  | NullPolicy
  | { base?: NullPolicyName; values?: number[]; tokens?: string[] };

export function resolveNullPolicy(input: NullPolicyInput | undefined): NullPolicy {
  if (input === undefined) return NULL_POLICIES.strict;
  if (typeof input === 'string') {
    const p = NULL_POLICIES[input];
    if (!p) throw new TypeError(`unknown null policy '${input}': use one of ${Object.keys(NULL_POLICIES).join(', ')}`);
    return p;
  }
  if ('headerNull' in input) return input;
  const base = NULL_POLICIES[input.base ?? 'strict'];
  return {
    headerNull: base.headerNull,
    values: [...base.values, ...(input.values ?? [])],
    tokens: [...base.tokens, ...(input.tokens ?? [])],
  };
}

/** Parses a CLI spelling: `strict`, `common`, `aggressive`, `none`, or `strict,-9999,N/A` (a base then extra values/tokens). */
export function parseNullPolicySpec(spec: string): NullPolicyInput {
  const parts = spec.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const names = Object.keys(NULL_POLICIES);
  let base: NullPolicyName = 'strict';
  if (parts.length && names.includes(parts[0].toLowerCase())) base = parts.shift()!.toLowerCase() as NullPolicyName;
  if (!parts.length) return base;
  const values: number[] = [];
  const tokens: string[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (p !== '' && Number.isFinite(n)) values.push(n);
    else tokens.push(p);
  }
  return { base, values, tokens };
}
