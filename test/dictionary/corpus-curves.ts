/** Reads the curve lists of lasio's expected reads in ../shared/corpus; tests skip visibly without it. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const EXPECTED_DIR = fileURLToPath(new URL('../../../shared/corpus/lasio-expected', import.meta.url));
export const HAVE_EXPECTED = existsSync(EXPECTED_DIR);

export interface CorpusCurve {
  readonly file: string;
  /** Position in the file's curve list; 0 is the index (depth or time). */
  readonly position: number;
  readonly mnemonic: string;
  readonly unit: string;
  readonly descr: string;
}

interface ExpectedCurve {
  mnemonic: string;
  original_mnemonic: string;
  unit: string;
  descr: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.json') || name.endsWith('.json.gz')) out.push(p);
  }
  return out;
}

/** Every curve of every expected read, `.json` and `.json.gz`. */
export function corpusCurves(): CorpusCurve[] {
  const out: CorpusCurve[] = [];
  for (const path of walk(EXPECTED_DIR).sort()) {
    const raw = readFileSync(path);
    const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    const read = JSON.parse(text) as { curves?: ExpectedCurve[] };
    (read.curves ?? []).forEach((c, position) =>
      out.push({
        file: relative(EXPECTED_DIR, path),
        position,
        mnemonic: c.original_mnemonic ?? c.mnemonic,
        unit: c.unit ?? '',
        descr: c.descr ?? '',
      }),
    );
  }
  return out;
}
