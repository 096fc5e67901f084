/**
 * A small workspace for the query tests, built from generated and hand-written LAS files by
 * the real ingest. Expected values in the tests come from reading those LAS files again with
 * readLas, never from the query code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { logSet } from '../../src/las/access.js';
import { readLas } from '../../src/las/read.js';
import { ingestFile } from '../../src/workspace/ingest.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { tempWorkspace, writeGeneratedLas } from '../workspace/helpers.js';

/** The grid point nearest 1000 m on the default 0.1524 m grid: logs starting there sample the grid exactly. */
export const ON_GRID_START = 1000.0488;

export interface LasCurves {
  depth: Float64Array;
  curves: Map<string, Float64Array>;
}

/** The log set of a LAS file, read independently of the workspace. */
export function readLasCurves(path: string): LasCurves {
  const las = readLas(readFileSync(path), { fileName: path });
  const set = logSet(las)!;
  const curves = new Map<string, Float64Array>();
  for (const c of set.curves.slice(1)) curves.set(c.mnemonic, c.data as Float64Array);
  return { depth: set.curves[0].data as Float64Array, curves };
}

/** A LAS 2.0 file in feet whose NPHI is in PU and DT in µs/m, so both convert on the way to the grid. */
export const FEET_LAS = `~VERSION INFORMATION
 VERS.                 2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0
 WRAP.                  NO : ONE LINE PER DEPTH STEP
~WELL INFORMATION
 STRT.FT           1000.0 : START DEPTH
 STOP.FT           1004.0 : STOP DEPTH
 STEP.FT              0.5 : STEP
 NULL.            -999.25 : NULL VALUE
 WELL.          CHARLIE 3 : WELL
 UWI .   100000000000W000 : UNIQUE WELL ID
~CURVE INFORMATION
 DEPT.FT                  : DEPTH
 NPHI.PU                  : NEUTRON POROSITY
 DT  .US/M                : SONIC TRANSIT TIME
~A
 1000.0  25.0  300.0
 1000.5  30.0  310.0
 1001.0  -999.25  320.0
 1001.5  20.0  330.0
 1002.0  10.0  340.0
 1002.5  12.0  350.0
 1003.0  14.0  360.0
 1003.5  16.0  370.0
 1004.0  18.0  380.0
`;

export interface QueryFixture {
  ws: Workspace;
  root: string;
  cleanup: () => void;
  files: { alpha: string; alphaDeep: string; bravo: string; charlie: string };
  ids: { alpha: string; bravo: string; charlie: string; alphaRun: string; alphaDeepRun: string; bravoRun: string; charlieRun: string };
}

/**
 * ALPHA 1: two runs (rows 0-2999 from ON_GRID_START, and a deeper one that overlaps it);
 * BRAVO 2: one run; CHARLIE 3: the feet/PU file. All generated logs sit exactly on the grid.
 */
export async function buildFixture(): Promise<QueryFixture> {
  const { ws, root, cleanup } = tempWorkspace();
  const alpha = writeGeneratedLas(root, 'alpha.las', { rows: 3000, curves: 8, seed: 11, wellName: 'ALPHA 1', startDepth: ON_GRID_START });
  // Starts 500 samples above alpha's last one: 500 rows overlap.
  const alphaDeep = writeGeneratedLas(root, 'alpha-deep.las', { rows: 1500, curves: 6, seed: 13, wellName: 'ALPHA 1', startDepth: Number((ON_GRID_START + 2500 * 0.1524).toFixed(4)) });
  const bravo = writeGeneratedLas(root, 'bravo.las', { rows: 2000, curves: 8, seed: 12, wellName: 'BRAVO 2', startDepth: ON_GRID_START });
  const charlie = join(root, 'charlie.las');
  writeFileSync(charlie, FEET_LAS);
  const ra = await ingestFile(ws, alpha);
  const rd = await ingestFile(ws, alphaDeep, { well: 'ALPHA 1' });
  const rb = await ingestFile(ws, bravo);
  const rc = await ingestFile(ws, charlie);
  for (const r of [ra, rd, rb, rc]) expect(r.status, r.error).toBe('ingested');
  return {
    ws, root, cleanup,
    files: { alpha, alphaDeep, bravo, charlie },
    ids: {
      alpha: ra.wellId!, bravo: rb.wellId!, charlie: rc.wellId!,
      alphaRun: ra.logRunId!, alphaDeepRun: rd.logRunId!, bravoRun: rb.logRunId!, charlieRun: rc.logRunId!,
    },
  };
}

/** NaN-aware equality of two numbers (NULL is NaN on one side, null on the other). */
export function sameValue(a: number | null, b: number | null): boolean {
  const x = a === null ? NaN : a;
  const y = b === null ? NaN : b;
  return (Number.isNaN(x) && Number.isNaN(y)) || x === y;
}

export function closeTo(a: number, b: number, rel = 1e-12): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
