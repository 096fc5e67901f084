/**
 * A small LAS 2.0 file whose curves are NOT in the workspace's standard units (RHOB in
 * kg/m3, DT in us/m), with NULLs and a text-free header, written by hand so the tests see
 * unit conversion at work. Values are returned as written, for comparisons.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface UnitLas {
  path: string;
  depth: number[];
  /** NaN = NULL. */
  gr: number[];
  rhob: number[];
  dt: number[];
}

export function writeUnitLas(dir: string, name: string, opts: { wellName?: string; rows?: number; start?: number; step?: number; depthUnit?: 'M' | 'F'; seed?: number } = {}): UnitLas {
  const rows = opts.rows ?? 120;
  const start = opts.start ?? 1500;
  const step = opts.step ?? 0.5;
  const unit = opts.depthUnit ?? 'M';
  const seed = opts.seed ?? 1;
  const depth: number[] = [];
  const gr: number[] = [];
  const rhob: number[] = [];
  const dt: number[] = [];
  for (let i = 0; i < rows; i++) {
    depth.push(Number((start + i * step).toFixed(4)));
    gr.push(i % 17 === 5 ? NaN : Number((40 + 30 * Math.sin((i + seed) / 7)).toFixed(3)));
    rhob.push(i >= 10 && i < 14 ? NaN : Number((2300 + 200 * Math.cos((i * seed) / 11)).toFixed(2)));
    dt.push(Number((250 + 40 * Math.sin((i + 3 * seed) / 5)).toFixed(2)));
  }
  const cell = (v: number) => (Number.isNaN(v) ? '-999.25' : String(v));
  const text = [
    '~Version Information',
    ' VERS.   2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0',
    ' WRAP.   NO  : ONE LINE PER DEPTH STEP',
    '~Well Information',
    ` STRT.${unit} ${depth[0]} : START DEPTH`,
    ` STOP.${unit} ${depth[rows - 1]} : STOP DEPTH`,
    ` STEP.${unit} ${step} : STEP`,
    ' NULL.   -999.25 : NULL VALUE',
    ` WELL.   ${opts.wellName ?? 'UNIT WELL'} : WELL`,
    ' COMP.   TEST OIL : COMPANY',
    '~Curve Information',
    ` DEPT.${unit}  : DEPTH`,
    ' GR.GAPI  : GAMMA RAY',
    ' RHOB.KG/M3 : BULK DENSITY',
    ' DT.US/M  : SONIC',
    '~A',
    ...depth.map((d, i) => `${d} ${cell(gr[i])} ${cell(rhob[i])} ${cell(dt[i])}`),
    '',
  ].join('\n');
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, depth, gr, rhob, dt };
}
