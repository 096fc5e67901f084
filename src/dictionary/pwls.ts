import { csvObjects } from './csv.js';

/** One row of a PWLS "Curves" sheet: a company's mnemonic and the PWLS property it measures. */
export interface PwlsCurveMapping {
  readonly company: string;
  readonly mnemonic: string;
  readonly pwlsProperty: string;
  readonly quantityClass: string;
  readonly lisMnemonic: string;
  readonly description: string;
}

/** One PWLS property and its parent in the PWLS hierarchy. */
export interface PwlsPropertyNode {
  readonly name: string;
  readonly parent: string | undefined;
  readonly quantityClass: string;
  readonly abstract: boolean;
  readonly description: string;
}

export type PwlsPropertyTree = ReadonlyMap<string, PwlsPropertyNode>;

/**
 * Reads a PWLS v3 curves CSV (the "Curves" sheet saved as CSV, RFC 4180 quoting) with the columns
 * Company Code, Curve Mnemonic, PWLS v3 Property, Curve Unit Quantity Class, LIS Curve Mnemonic,
 * Curve Description. Rows without a mnemonic or property are skipped.
 */
export function parsePwlsCurvesCsv(text: string): PwlsCurveMapping[] {
  const rows = csvObjects(text, ['Company Code', 'Curve Mnemonic', 'PWLS v3 Property']);
  const out: PwlsCurveMapping[] = [];
  for (const { row } of rows) {
    const mnemonic = row['Curve Mnemonic'];
    const pwlsProperty = row['PWLS v3 Property'];
    if (!mnemonic || !pwlsProperty) continue;
    out.push({
      company: row['Company Code'],
      mnemonic,
      pwlsProperty: pwlsProperty.toLowerCase(),
      quantityClass: row['Curve Unit Quantity Class'] ?? '',
      lisMnemonic: row['LIS Curve Mnemonic'] ?? '',
      description: row['Curve Description'] ?? '',
    });
  }
  return out;
}

/** Reads a PWLS v3 properties CSV (the "Properties" sheet) into a name → node map. */
export function parsePwlsPropertiesCsv(text: string): PwlsPropertyTree {
  const rows = csvObjects(text, ['PWLS 3 property', 'Parent PWLS 3 Property']);
  const tree = new Map<string, PwlsPropertyNode>();
  for (const { row } of rows) {
    const name = row['PWLS 3 property'].toLowerCase();
    if (!name) continue;
    const parent = row['Parent PWLS 3 Property'].toLowerCase();
    tree.set(name, {
      name,
      parent: parent && parent !== 'n/a' && parent !== name ? parent : undefined,
      quantityClass: row['Primary QuantityClass'] ?? '',
      abstract: (row['Abstract?'] ?? '').toLowerCase() === 'true',
      description: row['Property Description'] ?? '',
    });
  }
  return tree;
}

/** The property and its ancestors, nearest first (stops on a cycle). */
export function pwlsAncestry(tree: PwlsPropertyTree, name: string): string[] {
  const chain: string[] = [];
  let cur: string | undefined = name.toLowerCase();
  while (cur !== undefined && !chain.includes(cur)) {
    chain.push(cur);
    cur = tree.get(cur)?.parent;
  }
  return chain;
}
