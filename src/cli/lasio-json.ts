/**
 * A read as one JSON object in the layout of the reference reader lasio's dumps
 * (../shared/corpus/lasio-expected), so our read and lasio's compare key by key.
 *
 * Written in pieces (a generator of text) so a big file's data never becomes one giant string.
 */
import { getSet, logSet } from '../las/access.js';
import type { LasError } from '../las/errors.js';
import type { CurveValues, HeaderItem, LasCurve, LasDataSet, LasFile, LasProblem } from '../las/model.js';

type JsonValue = string | number | null;

/** How lasio types a header value: ~C values stay text, ~P always numbers, others all but API/UWI. */
type ValueRule = 'text' | 'number' | 'number-except-ids';

const ID_MNEMONICS = new Set(['API', 'UWI']);
const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * lasio's `SectionParser.num`: a comma between digits is a decimal mark, then an integer,
 * else a finite float, else the text unchanged.
 */
export function lasioNumber(text: string): JsonValue {
  const t = text.replace(/(\d),(\d)/g, '$1.$2');
  if (INTEGER.test(t) || DECIMAL.test(t)) {
    const n = Number(t.trim());
    if (Number.isFinite(n)) return n;
  }
  return text;
}

function typedValue(item: HeaderItem, rule: ValueRule): JsonValue {
  if (rule === 'text') return item.value;
  if (rule === 'number-except-ids' && ID_MNEMONICS.has(item.mnemonic.toUpperCase())) return item.value;
  return lasioNumber(item.value);
}

function itemJson(item: HeaderItem, rule: ValueRule): Record<string, JsonValue> {
  return { mnemonic: item.mnemonic, original_mnemonic: item.originalMnemonic, unit: item.unit, value: typedValue(item, rule), descr: item.description };
}

/** numpy's dtype spelling: float64 for numbers, `<U32`-style (at least 32) for text. */
function dtype(c: LasCurve): string {
  if (c.kind === 'number' && c.data instanceof Float64Array) return 'float64';
  let longest = 0;
  for (const v of c.data) if (typeof v === 'string' && v.length > longest) longest = v.length;
  return `<U${Math.max(32, longest)}`;
}

/** NaN / NULL → null; infinities as lasio writes them. */
function cellJson(v: number | string | null | undefined): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'null';
    if (v === Infinity) return '"inf"';
    if (v === -Infinity) return '"-inf"';
    return JSON.stringify(v);
  }
  return v === null || v === undefined ? 'null' : JSON.stringify(v);
}

const CELLS_PER_PIECE = 16384;

/** One column as a JSON array, in pieces. */
function* columnJson(values: CurveValues, rows: number): Generator<string> {
  yield '[';
  for (let start = 0; start < rows; start += CELLS_PER_PIECE) {
    const end = Math.min(rows, start + CELLS_PER_PIECE);
    const cells = new Array<string>(end - start);
    for (let i = start; i < end; i++) cells[i - start] = cellJson(values[i]);
    yield (start ? ',' : '') + cells.join(',');
  }
  yield ']';
}

function* columnsJson(set: LasDataSet | undefined): Generator<string> {
  yield '[';
  const curves = set?.curves ?? [];
  for (let i = 0; i < curves.length; i++) {
    if (i) yield ',';
    yield* columnJson(curves[i].data, set!.nRows);
  }
  yield ']';
}

/** Our problems, one line each: `line 17:5: warning row-long: ...`. */
export function problemText(p: LasProblem): string {
  const where = p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `:${p.column}` : ''}: ` : '';
  return `${where}${p.severity} ${p.code}: ${p.message}`;
}

function indexUnit(las: LasFile): string | null {
  switch (las.index?.canonicalUnit) {
    case 'm': return 'M';
    case 'ft': return 'FT';
    case '0.1 in': return '.1IN';
    default: return null;
  }
}

/**
 * The sets lasio would report: `curves`/`data` from the Log set (or the first set with
 * curves), `params` from the Log set; every other set goes to `extra_sections` as
 * `<Name>_Parameter`, `<Name>_Definition` (item lists, as lasio keeps them) and `<Name>_Data`
 * (columns, which lasio does not read).
 */
function layout(las: LasFile) {
  const data = logSet(las);
  const log = getSet(las, 'Log') ?? data;
  const others = las.sets.filter((s) => s !== data && !(s === log && s.curves.length === 0));
  return { data, log, others };
}

const key = (k: string) => JSON.stringify(k);

export function* lasioJson(las: LasFile, file: string): Generator<string> {
  const las3 = las.version.startsWith('3');
  const { data, log, others } = layout(las);
  const metaRule: ValueRule = 'number-except-ids';
  const head: Record<string, unknown> = {
    file,
    ok: true,
    error: null,
    encoding: las.encoding,
    version: las.versionItems.map((i) => itemJson(i, metaRule)),
    well: las.well.map((i) => itemJson(i, metaRule)),
    params: (log?.parameters ?? []).map((i) => itemJson(i, las3 ? metaRule : 'number')),
    curves: (data?.curves ?? []).map((c) => ({ ...itemJson(c, las3 ? metaRule : 'text'), dtype: dtype(c) })),
    other: las.other,
  };
  yield JSON.stringify(head).slice(0, -1);
  yield `,${key('extra_sections')}:{`;
  const used = new Set<string>();
  const entry = function* (k: string, body: Iterable<string>) {
    // Two sections with one title must not collapse into one JSON key.
    let name = k;
    for (let n = 2; used.has(name); n++) name = `${k}:${n}`;
    yield `${used.size ? ',' : ''}${key(name)}:`;
    used.add(name);
    yield* body;
  };
  for (const s of others) {
    if (s.parameters.length) yield* entry(`${s.name}_Parameter`, [JSON.stringify(s.parameters.map((i) => itemJson(i, metaRule)))]);
    if (s.curves.length) {
      yield* entry(`${s.name}_Definition`, [JSON.stringify(s.curves.map((c) => itemJson(c, metaRule)))]);
      yield* entry(`${s.name}_Data`, columnsJson(s));
    }
  }
  for (const x of las.extraSections) yield* entry(x.title, [JSON.stringify(x.lines.join('\n'))]);
  yield '}';
  const tail = { index_unit: indexUnit(las), n_rows: data?.nRows ?? 0, n_curves: data?.curves.length ?? 0 };
  yield `,${JSON.stringify(tail).slice(1, -1)},${key('data')}:`;
  yield* columnsJson(data);
  yield `,${key('warnings')}:${JSON.stringify(las.problems.map(problemText))}}\n`;
}

/** A failed read, in lasio's layout for files it could not read. */
export function lasioFailureJson(file: string, error: { type: string; message: string }, problems: LasProblem[] = []): string {
  return `${JSON.stringify({ file, ok: false, error, encoding: null, warnings: problems.map(problemText) })}\n`;
}

export function lasErrorJson(file: string, e: LasError): string {
  return lasioFailureJson(file, { type: 'LasError', message: e.message }, e.problems);
}
