/**
 * Node-only loader for `dataforge units import FILE`. Kept apart from the pure catalogue so
 * that the browser build never pulls in node:fs.
 */
import { readFile } from 'node:fs/promises';
import type { Catalogue } from './catalogue.js';
import { parseEnergisticsDictionary, type EnergisticsImportOptions } from './energistics-json.js';
import { UnitError } from './errors.js';

export async function loadEnergisticsDictionaryFile(path: string, options?: EnergisticsImportOptions): Promise<Catalogue> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UnitError('BAD_DICTIONARY', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { where: path });
  }
  try {
    return parseEnergisticsDictionary(text, options);
  } catch (e) {
    if (e instanceof UnitError) throw new UnitError(e.code, e.message, { units: e.units, where: path });
    throw e;
  }
}
