import { readFileSync } from 'node:fs';

/** DataForge's version (from package.json): shown by --version and /health, written into Parquet footers. */
export const DATAFORGE_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
