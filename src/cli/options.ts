/**
 * Checks and converts option values, so a typo is refused up front with a message that
 * says what is allowed instead of surfacing later as a strange read.
 */
import { InvalidArgumentError } from 'commander';
import { normalizeEncodingName } from '../las/encoding.js';
import { NULL_POLICIES, parseNullPolicySpec, type NullPolicyInput } from '../las/null-policy.js';

export function parseEncoding(value: string): string {
  try {
    normalizeEncodingName(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
  return value;
}

export function parseNullPolicy(value: string): NullPolicyInput {
  const names = Object.keys(NULL_POLICIES);
  const parts = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new InvalidArgumentError(`use one of ${names.join(', ')}, or a list like 'common,-9999,N/A'`);
  // A lone word that is not a policy is far more likely a misspelt policy than one NULL token.
  if (parts.length === 1 && !names.includes(parts[0].toLowerCase()) && !Number.isFinite(Number(parts[0]))) {
    throw new InvalidArgumentError(`unknown null policy '${value}': use one of ${names.join(', ')}, or a list like 'strict,${parts[0]}' for a custom NULL token`);
  }
  return parseNullPolicySpec(value);
}

export function parseWholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got '${value}'`);
    }
    return n;
  };
}

export function parseFiniteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number such as -999.25, got '${value}'`);
  return n;
}

export function parseChoice<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    const hit = choices.find((c) => c.toLowerCase() === value.toLowerCase());
    if (!hit) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got '${value}'`);
    return hit;
  };
}

export const LAS_VERSIONS = ['1.2', '2.0', '3.0'] as const;
export type LasVersionChoice = (typeof LAS_VERSIONS)[number];

/** Options every reading command shares. */
export interface ReadFlags {
  strict?: boolean;
  encoding?: string;
  nullPolicy?: NullPolicyInput;
  json?: boolean;
}
