import { readFileSync } from 'node:fs';

/** The package version, written into every Parquet footer. */
export const DATAFORGE_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
