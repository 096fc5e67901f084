/**
 * The LAS writer: a model to LAS 1.2 / 2.0 / 3.0 text that reads back to the same model.
 *
 * The text is produced line by line (`renderLas`) so the synthetic generator can stream a
 * huge file through the very same code; `writeLas` just joins the lines.
 */
import { LasError } from './errors.js';
import { formatNumber } from './format-number.js';
import type { Delimiter, LasCurve, LasDataSet, LasFile } from './model.js';
import { type Cell, type ColumnPlan, hasSpacedText, layoutRow, planColumn, type RowLayout } from './write-columns.js';
import { renderHeaderItems } from './write-header.js';
import { type IndexRange, versionItems, wellItems } from './write-items.js';
import { type IndexSummary, summarizeIndex } from './write-index.js';

export interface WriteOptions {
  /** Default: `3.0` for a LAS 3 model, `1.2` for a LAS 1.2 model, else `2.0`. */
  version?: '1.2' | '2.0' | '3.0';
  /** LAS 1.2 / 2.0 only. Default: the model's wrap (never for LAS 3.0). */
  wrap?: boolean;
  /** Default: the model's NULL value, else -999.25. */
  nullValue?: number;
  /** Write every number with this many decimals (rounds; the default writes exact values). */
  decimals?: number;
  lineEnding?: '\n' | '\r\n';
}

export type WriteVersion = NonNullable<WriteOptions['version']>;

export const DEFAULT_NULL = -999.25;

/** Everything decided once for a whole file. */
export interface WritePlan {
  las: LasFile;
  version: WriteVersion;
  wrap: boolean;
  nullValue: number;
  decimals?: number;
  delimiter: Delimiter;
  lineEnding: '\n' | '\r\n';
  /** The sets to write, in model order. */
  sets: LasDataSet[];
}

/** One data set ready to write: its columns and a source of data lines. */
export interface SetTable {
  set: LasDataSet;
  columns: ColumnPlan[];
  lines(): Iterable<string>;
}

/** The whole file as one string. Past V8's string limit (about 512 MB of text) use {@link writeLasChunks}. */
export function writeLas(las: LasFile, options: WriteOptions = {}): string {
  return [...writeLasChunks(las, options)].join('');
}

/** Text chunks of about this many characters: big enough to write efficiently, small enough to hold many. */
const CHUNK_CHARS = 1 << 20;

/**
 * The same text as {@link writeLas}, in chunks of about 1 MB (each ends with a line end), so a
 * file of any size can be written without ever holding it as one string.
 */
export function* writeLasChunks(las: LasFile, options: WriteOptions = {}): Generator<string> {
  const plan = planWrite(las, options, hasSpacedText(las.sets.flatMap((s) => s.curves)));
  const tables = plan.sets.map((set) => tableFromModel(plan, set));
  const log = logSetOf(plan);
  const logIndex = log && log.curves.length ? summarizeIndex(log.nRows, numberAt(log.curves[0])) : null;
  let lines: string[] = [];
  let chars = 0;
  for (const line of renderLas(plan, tables, logIndex)) {
    lines.push(line);
    chars += line.length + 2;
    if (chars >= CHUNK_CHARS) {
      yield lines.join(plan.lineEnding) + plan.lineEnding;
      lines = [];
      chars = 0;
    }
  }
  if (lines.length) yield lines.join(plan.lineEnding) + plan.lineEnding;
}

/**
 * Resolves the options against the model and checks it can be written.
 * `spacedText`: whether any text value holds a space (LAS 3.0 then delimits with commas);
 * passed in so a streaming caller can answer without the data.
 */
export function planWrite(las: LasFile, options: WriteOptions, spacedText: boolean): WritePlan {
  const version = options.version ?? defaultVersion(las.version);
  if (version === '3.0' && options.wrap) {
    throw new LasError('write-unsupported', 'LAS 3.0 does not allow wrapped data (WRAP YES): write LAS 2.0 to wrap');
  }
  const wrap = version === '3.0' ? false : (options.wrap ?? las.wrap);
  const nullValue = options.nullValue ?? las.nullValue ?? safeNullValue(las);
  if (!Number.isFinite(nullValue)) throw new RangeError(`nullValue must be a finite number, got ${nullValue}`);
  const { decimals } = options;
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 100)) {
    throw new RangeError(`decimals must be an integer from 0 to 100, got ${decimals}`);
  }
  if (version !== '3.0') {
    const other = las.sets.find((s) => s.name.toUpperCase() !== 'LOG');
    if (other) {
      throw new LasError(
        'write-unsupported',
        `LAS ${version} has no place for the data set "${other.name}" (only the Log set's ~Curve/~ASCII): write LAS 3.0 to keep it`,
      );
    }
  }
  for (const set of las.sets) {
    for (const c of set.curves) {
      if (c.data.length !== set.nRows) {
        throw new LasError(
          'write-invalid',
          `set ${set.name}, curve ${c.mnemonic} has ${c.data.length} values but the set has ${set.nRows} rows`,
        );
      }
    }
  }
  return {
    las,
    version,
    wrap,
    nullValue,
    decimals,
    delimiter: version === '3.0' && spacedText ? 'COMMA' : 'SPACE',
    lineEnding: options.lineEnding ?? '\n',
    sets: las.sets,
  };
}

/**
 * For a model that names no NULL value: the first common one that no real value collides
 * with, so a file without a NULL item whose data holds -999.25 as a real number still writes.
 * A NULL the caller or the model chose that collides is refused instead.
 */
function safeNullValue(las: LasFile): number {
  const candidates = [DEFAULT_NULL, -9999.25, -99999.25, -999999.25];
  const used = new Set<number>();
  for (const set of las.sets) {
    for (const c of set.curves) {
      if (!(c.data instanceof Float64Array)) continue;
      for (const v of candidates) if (!used.has(v) && c.data.includes(v)) used.add(v);
    }
  }
  return candidates.find((v) => !used.has(v)) ?? candidates[0];
}

function defaultVersion(modelVersion: string): WriteVersion {
  if (modelVersion.startsWith('3')) return '3.0';
  if (modelVersion.startsWith('1')) return '1.2';
  return '2.0';
}

export function logSetOf(plan: WritePlan): LasDataSet | undefined {
  return plan.sets.find((s) => s.name.toUpperCase() === 'LOG');
}

/** Column plans of a set; the Log set's index is never checked against NULL (readers never null it). */
export function planColumns(plan: WritePlan, set: LasDataSet): ColumnPlan[] {
  const isLog = set.name.toUpperCase() === 'LOG';
  const ctx = { nullValue: plan.nullValue, decimals: plan.decimals, delimiter: plan.delimiter, setName: set.name };
  return set.curves.map((c, i) => planColumn(c, ctx, !(isLog && i === 0)));
}

export function rowLayout(plan: WritePlan, columns: ColumnPlan[], widths: number[]): RowLayout {
  return { widths, leftAligned: columns.map((c) => c.text), delimiter: plan.delimiter, wrap: plan.wrap };
}

function numberAt(curve: LasCurve): (row: number) => number {
  const data = curve.data;
  return data instanceof Float64Array ? (i) => data[i] : () => NaN;
}

function cellAt(curve: LasCurve, row: number): Cell {
  return curve.data[row];
}

/** Formats every cell twice (once to measure, once to write) rather than holding all the text. */
export function tableFromModel(plan: WritePlan, set: LasDataSet): SetTable {
  const columns = planColumns(plan, set);
  const widths = columns.map((col) => {
    let w = col.minWidth;
    for (let r = 0; r < set.nRows; r++) w = Math.max(w, col.cell(cellAt(col.curve, r), r).length);
    return w;
  });
  const layout = rowLayout(plan, columns, widths);
  return {
    set,
    columns,
    *lines() {
      const cells: string[] = new Array<string>(columns.length);
      const out: string[] = [];
      for (let r = 0; r < set.nRows; r++) {
        for (let c = 0; c < columns.length; c++) cells[c] = columns[c].cell(cellAt(columns[c].curve, r), r);
        out.length = 0;
        layoutRow(cells, layout, out);
        yield* out;
      }
    },
  };
}

/** The whole file, line by line (without line endings). */
export function* renderLas(plan: WritePlan, tables: SetTable[], logIndex: IndexSummary | null): Generator<string> {
  const las3 = plan.version === '3.0';
  yield las3 ? '~Version' : '~Version Information';
  yield* renderHeaderItems(versionItems(plan.version, plan.wrap, plan.delimiter, plan.las.versionItems), { las3 });
  yield las3 ? '~Well' : '~Well Information';
  const logTable = tables.find((t) => t.set.name.toUpperCase() === 'LOG');
  const well = wellItems(plan.las.well, formatNumber(plan.nullValue), indexRange(logTable, logIndex), plan.version === '1.2');
  yield* renderHeaderItems(well, { las3 });
  if (las3) {
    yield* otherAndExtras(plan, las3);
    for (const t of tables) {
      if (t.set.parameters.length) {
        yield `~${t.set.name}_Parameter`;
        yield* renderHeaderItems(t.set.parameters, { las3 });
      }
      yield `~${t.set.name}_Definition`;
      yield* renderHeaderItems(t.set.curves.map(withFormat), { las3, curves: true });
      yield `~${t.set.name}_Data | ${t.set.name}_Definition`;
      yield* t.lines();
    }
    return;
  }
  yield '~Curve Information';
  yield* renderHeaderItems(logTable?.set.curves ?? [], { las3, curves: true });
  if (logTable?.set.parameters.length) {
    yield '~Parameter Information';
    yield* renderHeaderItems(logTable.set.parameters, { las3 });
  }
  yield* otherAndExtras(plan, las3);
  yield '~ASCII';
  if (logTable) yield* logTable.lines();
}

/** LAS 3.0 definitions always say what a column holds: `{F}` numbers, `{S}` text, unless the model says more. */
function withFormat(c: LasCurve): LasCurve {
  const numeric = c.data instanceof Float64Array;
  // A numeric specifier on a curve that holds text would make a reader parse the text as numbers.
  if (c.format && (numeric || !/^[FEI]/i.test(c.format.trim()))) return c;
  return { ...c, format: numeric ? 'F' : 'S' };
}

function* otherAndExtras(plan: WritePlan, las3: boolean): Generator<string> {
  const other = plan.las.other.split(/\r?\n/);
  if (other.some((l) => l.trim() !== '')) {
    yield las3 ? '~Other' : '~Other Information';
    yield* trimBlankEdges(other);
  }
  for (const s of plan.las.extraSections) {
    yield `~${s.title}`;
    yield* s.lines;
  }
}

function trimBlankEdges(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].trim() === '') a++;
  while (b > a && lines[b - 1].trim() === '') b--;
  return lines.slice(a, b);
}

/** STRT/STOP/STEP as the Log set's index column writes them, or null without rows. */
function indexRange(logTable: SetTable | undefined, logIndex: IndexSummary | null): IndexRange | null {
  const indexColumn = logTable?.columns[0];
  if (!indexColumn || !logIndex || logIndex.rows === 0) return null;
  const show = (x: number): string => indexColumn.cell(x, -1);
  return { unit: indexColumn.curve.unit, first: show(logIndex.first), last: show(logIndex.last), step: show(logIndex.step) };
}
