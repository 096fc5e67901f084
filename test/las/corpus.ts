/** Finds the shared real-file corpus and its lasio reads; tests skip visibly without it. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));
export const LAS_DIR = join(CORPUS_DIR, 'las');
export const EXPECTED_DIR = join(CORPUS_DIR, 'lasio-expected');
export const HAVE_CORPUS = existsSync(LAS_DIR) && existsSync(EXPECTED_DIR);

export interface ExpectedItem { mnemonic: string; original_mnemonic: string; unit: string; value: unknown; descr: string; dtype?: string }
export interface ExpectedRead {
  file: string;
  ok: boolean;
  error: { type: string; message: string } | null;
  encoding: string | null;
  version: ExpectedItem[];
  well: ExpectedItem[];
  params: ExpectedItem[];
  curves: ExpectedItem[];
  n_rows: number;
  n_curves: number;
  data: unknown[][];
  warnings: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every LAS file in the corpus, as paths relative to `las/` (including hidden folders). */
export function corpusFiles(): string[] {
  return walk(LAS_DIR).map((p) => relative(LAS_DIR, p)).filter((p) => p !== 'SOURCES.md').sort();
}

export function expectedFor(rel: string): ExpectedRead | null {
  const base = join(EXPECTED_DIR, rel);
  if (existsSync(`${base}.json`)) return JSON.parse(readFileSync(`${base}.json`, 'utf8')) as ExpectedRead;
  if (existsSync(`${base}.json.gz`)) return JSON.parse(gunzipSync(readFileSync(`${base}.json.gz`)).toString('utf8')) as ExpectedRead;
  return null;
}

export function versionOf(e: ExpectedRead): string | null {
  const v = e.version?.find((i) => i.mnemonic === 'VERS')?.value;
  return v === undefined || v === null ? null : String(v);
}

/** lasio's (Python chardet's) encoding names → ours; BOM-only names are left to detection. */
export function lasioEncoding(e: ExpectedRead): string | undefined {
  const enc = e.encoding;
  if (!enc) return undefined;
  const u = enc.toUpperCase();
  if (u === 'UTF-16' || u === 'UTF-32') return undefined;
  if (u === 'ASCII' || u === 'UTF-8-SIG') return 'utf-8';
  return enc;
}
