/**
 * Synthetic but believable well logs, deterministic from a seed: for tests, demos and
 * benchmarks. `generateLas` builds the model in memory; `generateLasChunks` streams the same
 * file's text in ~1 MB pieces through the writer's own line renderer, so a 1 GB file never
 * sits in memory and is byte-for-byte what `writeLas(generateLas(o))` would give.
 */
import { formatNumber, formatNumberPreferFixed } from './format-number.js';
import { CURVE_TEMPLATES, type CurveTemplate, type DepthUnit, MAX_CURVES, bedResponse, type RockResponse } from './generate-curves.js';
import { type Bed, type Formation, drawBed, formationAt, makeFormations } from './generate-geology.js';
import { makeHeader } from './generate-header.js';
import type { HeaderItem, LasCurve, LasDataSet, LasFile } from './model.js';
import { createRng, type Rng } from './prng.js';
import { layoutRow, hasSpacedText } from './write-columns.js';
import { DEFAULT_NULL, type SetTable, planColumns, planWrite, renderLas, rowLayout, tableFromModel } from './write.js';
import { summarizeIndex } from './write-index.js';

export interface GenerateOptions {
  rows: number;
  /** Curves in the file, DEPT included (default 8, at most {@link MAX_CURVES}). */
  curves?: number;
  /** Default 1. */
  seed?: number;
  /** Default `2.0`. LAS 3.0 files also get a Tops set from the synthetic formations. */
  version?: '1.2' | '2.0' | '3.0';
  wrap?: boolean;
  /** Default 1000 M or 3000 FT. */
  startDepth?: number;
  /** Default 0.1524 M (6 in) or 0.5 FT; negative for a log recorded upwards. */
  step?: number;
  depthUnit?: 'M' | 'FT';
  wellName?: string;
}

const CHUNK_CHARS = 1 << 20;
/** NULL runs start so that about 0.5 % of each curve's samples are NULL, 5 to 40 samples at a time. */
const NULL_RUN_MIN = 5;
const NULL_RUN_MAX = 40;
const NULL_RUN_START = 0.005 / ((NULL_RUN_MIN + NULL_RUN_MAX) / 2);
/** Seed streams, so that e.g. asking for more curves does not change the header or the beds. */
const STREAM = { header: 1, formations: 2, beds: 3, noise: 4, nulls: 5 } as const;

interface Resolved {
  rows: number;
  curves: number;
  seed: number;
  version: '1.2' | '2.0' | '3.0';
  wrap: boolean;
  unit: DepthUnit;
  /** Depth i = (start + i * step) / scale, in integers, so depths are exact decimals. */
  startUnits: number;
  stepUnits: number;
  scale: number;
  depthDecimals: number;
  wellName?: string;
}

function resolve(o: GenerateOptions): Resolved {
  const rows = o.rows;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a whole number >= 0, got ${rows}`);
  const curves = o.curves ?? 8;
  if (!Number.isInteger(curves) || curves < 1 || curves > MAX_CURVES) {
    throw new RangeError(`curves must be a whole number from 1 to ${MAX_CURVES} (DEPT included), got ${curves}`);
  }
  const version = o.version ?? '2.0';
  const wrap = o.wrap ?? false;
  if (version === '3.0' && wrap) throw new RangeError('LAS 3.0 does not allow wrapped data: use version 2.0 to wrap');
  const unit = o.depthUnit ?? 'M';
  const step = o.step ?? (unit === 'FT' ? 0.5 : 0.1524);
  const start = o.startDepth ?? (unit === 'FT' ? 3000 : 1000);
  if (!Number.isFinite(step) || step === 0) throw new RangeError(`step must be a non-zero number, got ${step}`);
  if (!Number.isFinite(start)) throw new RangeError(`startDepth must be a number, got ${start}`);
  const depthDecimals = Math.max(decimalsOf(step), decimalsOf(start));
  const scale = 10 ** depthDecimals;
  const startUnits = Math.round(start * scale);
  const stepUnits = Math.round(step * scale);
  if (!Number.isSafeInteger(Math.abs(startUnits) + Math.abs(stepUnits) * Math.max(rows, 1))) {
    throw new RangeError('startDepth, step and rows give depths too large to write exactly');
  }
  return { rows, curves, seed: o.seed ?? 1, version, wrap, unit, startUnits, stepUnits, scale, depthDecimals, wellName: o.wellName };
}

/** Decimals a depth needs (capped: a 1e-9 m step is not a log). */
function decimalsOf(x: number): number {
  const s = formatNumber(Math.abs(x));
  if (s.includes('E')) return 6;
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : Math.min(6, s.length - dot - 1);
}

function depthAt(r: Resolved, row: number): number {
  return (r.startUnits + row * r.stepUnits) / r.scale + 0;
}

/** Rounds to `decimals` so the model holds exactly what its text says; `+ 0` turns -0 into 0. */
function roundTo(x: number, scale: number): number {
  return Math.round(x * scale) / scale + 0;
}

/** Column width for a curve clipped to [lo, hi]: the writer's measured width can never exceed it. */
function fixedFormat(decimals: number, values: number[]): string {
  const width = Math.max(...values.map((v) => formatNumberPreferFixed(v, decimals).length));
  return `F${width}.${decimals}`;
}

/** Everything about a generated file except its data rows. */
interface Prepared {
  r: Resolved;
  templates: CurveTemplate[];
  formations: Formation[];
  header: ReturnType<typeof makeHeader>;
  first: number;
  last: number;
}

function prepare(o: GenerateOptions): Prepared {
  const r = resolve(o);
  const first = depthAt(r, 0);
  const last = depthAt(r, Math.max(0, r.rows - 1));
  const toM = r.unit === 'FT' ? 0.3048 : 1;
  const header = makeHeader(createRng(r.seed, STREAM.header), r.unit, Math.max(first, last), r.wellName);
  const formations = makeFormations(createRng(r.seed, STREAM.formations), Math.min(first, last) * toM, Math.max(first, last) * toM);
  return { r, templates: CURVE_TEMPLATES.slice(0, r.curves - 1), formations, header, first, last };
}

function depthCurve(p: Prepared, data: Float64Array): LasCurve {
  const { r } = p;
  return {
    mnemonic: 'DEPT',
    originalMnemonic: 'DEPT',
    unit: r.unit,
    value: '',
    description: 'DEPTH',
    format: fixedFormat(r.depthDecimals, [p.first, p.last]),
    kind: 'number',
    data,
  };
}

function logCurve(p: Prepared, t: CurveTemplate, data: Float64Array): LasCurve {
  return {
    mnemonic: t.mnemonic,
    originalMnemonic: t.mnemonic,
    unit: t.unit(p.r.unit),
    value: '',
    description: t.description,
    format: fixedFormat(t.decimals, [t.lo, t.hi, DEFAULT_NULL]),
    kind: 'number',
    data,
  };
}

/** The LAS 3.0 Tops set: one row per formation, depths in the log's unit and decimals. */
function topsSet(p: Prepared): LasDataSet {
  const { r } = p;
  const toUnit = r.unit === 'FT' ? 1 / 0.3048 : 1;
  const rows = p.r.rows === 0 ? [] : p.formations.filter((f) => f.base > f.top);
  const tops = Float64Array.from(rows, (f) => roundTo(f.top * toUnit, r.scale));
  const bases = Float64Array.from(rows, (f) => roundTo(f.base * toUnit, r.scale));
  const format = fixedFormat(r.depthDecimals, [...tops, ...bases, 0]);
  const curve = (mnemonic: string, description: string, data: Float64Array): LasCurve => ({
    mnemonic, originalMnemonic: mnemonic, unit: r.unit, value: '', description, format, kind: 'number', data,
  });
  return {
    name: 'Tops',
    parameters: [],
    curves: [
      curve('TOPT', 'TOP DEPTH', tops),
      curve('TOPB', 'BASE DEPTH', bases),
      { mnemonic: 'TOPN', originalMnemonic: 'TOPN', unit: '', value: '', description: 'FORMATION NAME', format: 'S', kind: 'string', data: rows.map((f) => f.name) },
    ],
    nRows: rows.length,
    delimiter: 'SPACE',
  };
}

function model(p: Prepared, logCurves: LasCurve[], nRows: number): LasFile {
  const { r } = p;
  const index = logCurves[0];
  const showDepth = (x: number) => formatNumberPreferFixed(x, r.depthDecimals);
  const step = r.stepUnits / r.scale;
  const item = (mnemonic: string, unit: string, value: string, description: string): HeaderItem => ({
    mnemonic, originalMnemonic: mnemonic, unit, value, description,
  });
  const well = [
    item('STRT', r.unit, showDepth(p.first), 'START DEPTH'),
    item('STOP', r.unit, showDepth(p.last), 'STOP DEPTH'),
    item('STEP', r.unit, showDepth(r.rows > 1 ? step : 0), 'STEP'),
    item('NULL', '', formatNumber(DEFAULT_NULL), 'NULL VALUE'),
    ...p.header.well,
  ];
  const sets: LasDataSet[] = [{ name: 'Log', parameters: p.header.parameters, curves: logCurves, nRows, delimiter: 'SPACE' }];
  if (r.version === '3.0') sets.push(topsSet(p));
  const direction = r.rows === 0 ? 'empty' : r.rows === 1 ? 'constant' : r.stepUnits > 0 ? 'increasing' : 'decreasing';
  return {
    version: r.version,
    wrap: r.wrap,
    versionItems: [],
    well,
    sets,
    other: `Synthetic well log generated by DataForge from seed ${r.seed}.\nThe well, its header and its data are invented: not real data.`,
    extraSections: [],
    encoding: 'utf-8',
    nullValue: DEFAULT_NULL,
    index: {
      mnemonic: index.mnemonic,
      unit: r.unit,
      canonicalUnit: r.unit === 'FT' ? 'ft' : 'm',
      kind: 'depth',
      direction,
      regular: true,
      step: r.rows > 1 ? step : null,
      first: r.rows ? p.first : null,
      last: r.rows ? p.last : null,
    },
    problems: [],
  };
}

/** Generates a whole synthetic LAS model in memory. */
export function generateLas(o: GenerateOptions): LasFile {
  const p = prepare(o);
  const n = p.r.rows;
  const logCurves = [depthCurve(p, new Float64Array(n)), ...p.templates.map((t) => logCurve(p, t, new Float64Array(n)))];
  const log = new SyntheticLog(p);
  const row = new Float64Array(logCurves.length);
  for (let i = 0; i < n; i++) {
    log.next(row);
    for (let c = 0; c < row.length; c++) (logCurves[c].data as Float64Array)[i] = row[c];
  }
  return model(p, logCurves, n);
}

/**
 * The text of `writeLas(generateLas(o), { version: o.version, wrap: o.wrap })`, in chunks of
 * about 1 MB, generated row by row.
 */
export function* generateLasChunks(o: GenerateOptions): Generator<string> {
  const p = prepare(o);
  // A skeleton model (no rows) carries the header; rows come from the generator.
  const skeleton = model(p, [depthCurve(p, new Float64Array(0)), ...p.templates.map((t) => logCurve(p, t, new Float64Array(0)))], 0);
  const plan = planWrite(skeleton, { version: p.r.version, wrap: p.r.wrap }, hasSpacedText(skeleton.sets.flatMap((s) => s.curves)));
  const [logSet, ...rest] = skeleton.sets;
  const columns = planColumns(plan, logSet);
  // Every reading is clipped to its format's range, so the format width is the column width.
  const layout = rowLayout(plan, columns, columns.map((c) => c.minWidth));
  const logTable: SetTable = {
    set: logSet,
    columns,
    *lines() {
      const log = new SyntheticLog(p);
      const row = new Float64Array(columns.length);
      const cells = new Array<string>(columns.length);
      const out: string[] = [];
      for (let i = 0; i < p.r.rows; i++) {
        log.next(row);
        for (let c = 0; c < columns.length; c++) cells[c] = columns[c].cell(row[c], i);
        out.length = 0;
        layoutRow(cells, layout, out);
        yield* out;
      }
    },
  };
  const tables = [logTable, ...rest.map((s) => tableFromModel(plan, s))];
  const logIndex = summarizeIndex(p.r.rows, (i) => depthAt(p.r, i));
  let chunk = '';
  for (const line of renderLas(plan, tables, logIndex)) {
    chunk += line + plan.lineEnding;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * The rows of a synthetic log, one `next()` at a time: walks down the beds, asks each tool for
 * its response, blurs it to the tool's resolution, adds noise and NULL runs, then rounds.
 */
class SyntheticLog {
  private row = 0;
  private readonly p: Prepared;
  private readonly beds: Rng;
  private readonly noise: Rng;
  private readonly nulls: Rng;
  private readonly stepM: number;
  private readonly toM: number;
  /** Templates to compute: the file's curves plus what computed curves need. */
  private readonly computed: CurveTemplate[];
  private readonly outputIndex: number[];
  private readonly scales: number[];
  private readonly alphas: number[];
  private readonly smooth: Float64Array;
  private readonly drift: Float64Array;
  /** This row's reading and NULL flag of each computed template. */
  private readonly reading: Float64Array;
  private readonly isNull: Uint8Array;
  /** For computed curves: the positions (in `computed`) of the curves they are computed from. */
  private readonly sources: number[][];
  private readonly readingOf: (mnemonic: string) => number;
  private readonly nullLeft: Int32Array;
  private bed: Bed | null = null;
  private bedLeft = 0;
  private response: RockResponse | null = null;

  constructor(p: Prepared) {
    this.p = p;
    const { r } = p;
    this.beds = createRng(r.seed, STREAM.beds);
    this.noise = createRng(r.seed, STREAM.noise);
    this.nulls = createRng(r.seed, STREAM.nulls);
    this.toM = r.unit === 'FT' ? 0.3048 : 1;
    this.stepM = Math.abs(r.stepUnits / r.scale) * this.toM;
    const wanted = new Set(p.templates.map((t) => t.mnemonic));
    for (const t of p.templates) for (const f of t.from ?? []) wanted.add(f);
    this.computed = CURVE_TEMPLATES.filter((t) => wanted.has(t.mnemonic));
    this.outputIndex = this.computed.map((t) => p.templates.indexOf(t) + 1);
    this.scales = this.computed.map((t) => 10 ** t.decimals);
    this.alphas = this.computed.map((t) => (t.resolution ? 1 - Math.exp(-this.stepM / t.resolution) : 1));
    this.smooth = new Float64Array(this.computed.length).fill(NaN);
    this.drift = new Float64Array(this.computed.length);
    this.nullLeft = new Int32Array(this.computed.length);
    this.reading = new Float64Array(this.computed.length);
    this.isNull = new Uint8Array(this.computed.length);
    const position = new Map(this.computed.map((t, k) => [t.mnemonic, k]));
    this.sources = this.computed.map((t) => (t.from ?? []).map((m) => position.get(m)!));
    this.readingOf = (m) => this.reading[position.get(m)!];
  }

  next(out: Float64Array): void {
    const { r, header } = this.p;
    const depth = depthAt(r, this.row);
    out[0] = depth;
    const zM = depth * this.toM;
    if (this.bedLeft <= 0 || !this.bed) {
      this.bed = drawBed(this.beds, formationAt(this.p.formations, zM), zM);
      this.bedLeft += this.bed.thickness;
      this.response = bedResponse(this.bed, header.conditions);
    }
    this.bedLeft -= this.stepM;
    const resp = this.response!;
    for (let k = 0; k < this.computed.length; k++) {
      const t = this.computed[k];
      let v: number;
      if (t.measure) {
        const target = t.logScale ? Math.log10(t.measure(resp, zM, header.conditions)) : t.measure(resp, zM, header.conditions);
        const s = Number.isNaN(this.smooth[k]) ? target : this.smooth[k] + this.alphas[k] * (target - this.smooth[k]);
        this.smooth[k] = s;
        if (t.drift) this.drift[k] = Math.max(-20, Math.min(20, this.drift[k] + t.drift * Math.sqrt(this.stepM) * this.noise.normal()));
        const base = s + this.drift[k];
        v = t.logScale ? 10 ** (base + t.noise!(base) * this.noise.normal()) : base + t.noise!(base) * this.noise.normal();
      } else {
        v = t.derive!(this.readingOf);
      }
      v = v < t.lo ? t.lo : v > t.hi ? t.hi : v;
      this.reading[k] = v;
      this.isNull[k] = 0;
      const o = this.outputIndex[k];
      if (o === 0) continue; // computed only as an input
      let nul = false;
      if (this.nullLeft[k] > 0) {
        this.nullLeft[k]--;
        nul = true;
      } else if (this.nulls.chance(NULL_RUN_START)) {
        this.nullLeft[k] = this.nulls.int(NULL_RUN_MIN, NULL_RUN_MAX) - 1;
        nul = true;
      }
      if (!nul) for (const src of this.sources[k]) if (this.isNull[src]) nul = true;
      this.isNull[k] = nul ? 1 : 0;
      out[o] = nul ? NaN : roundTo(v, this.scales[k]);
    }
    this.row++;
  }
}
