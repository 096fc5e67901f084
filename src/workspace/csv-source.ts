import { parse } from 'csv-parse/sync';
import { dedupeMnemonics } from '../las/engine.js';
import type { CurveValues, LasCurve, LasFile } from '../las/model.js';
import { parseDecimalText } from '../las/numbers.js';
import { IndexTracker } from '../las/index-tracker.js';
import { WorkspaceError } from './errors.js';

export function isCsvPath(path: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(path);
}

const DEPTH_NAMES = /^(DEPT|DEPTH|MD|TVD|TVDSS|DEPTH_M|DEPTH_FT|MDEPTH|DEP)$/i;

/** `GR (gAPI)`, `GR [gAPI]`, `GR.gAPI` → name and unit. */
function splitNameUnit(header: string): { name: string; unit: string } {
  const h = header.trim();
  const m = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]\s*$/.exec(h) ?? /^([^.\s]+)\.(\S+)$/.exec(h);
  return m ? { name: m[1].trim(), unit: m[2].trim() } : { name: h, unit: '' };
}

/**
 * A CSV log → the LAS model: a header row of curve names, then an optional row of units
 * (or units in the names, `GR (gAPI)`), then one row per depth. The depth column is the
 * one named DEPT/DEPTH/MD..., else the first.
 */
export function csvToLas(bytes: Uint8Array, opts: { fileName: string; map?: Record<string, string> }): LasFile {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, comment: '#' }) as string[][];
  } catch (err) {
    throw new WorkspaceError('bad-csv', `not a readable CSV file: ${(err as Error).message}`, opts.fileName);
  }
  if (rows.length < 2) throw new WorkspaceError('bad-csv', 'a CSV log needs a header row and at least one data row', opts.fileName);
  const header = rows[0].map(splitNameUnit);
  let dataStart = 1;
  const second = rows[1];
  const numericCells = second.filter((c) => parseDecimalText(c) !== undefined).length;
  if (numericCells === 0 && second.some((c) => c !== '')) {
    second.forEach((u, i) => { if (header[i] && u) header[i].unit = u.replace(/^[([]|[)\]]$/g, ''); });
    dataStart = 2;
  }
  let depthCol = header.findIndex((h) => DEPTH_NAMES.test(h.name));
  if (depthCol === -1) depthCol = 0;
  const order = [depthCol, ...header.map((_, i) => i).filter((i) => i !== depthCol)];
  const n = rows.length - dataStart;
  const curves: LasCurve[] = order.map((col) => {
    const cells = rows.slice(dataStart).map((r) => r[col] ?? '');
    const numbers = new Float64Array(n);
    let text = false;
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      if (c === '' || /^(nan|null|na|-999\.25)$/i.test(c)) { numbers[i] = NaN; continue; }
      const v = parseDecimalText(c);
      if (v === undefined) { text = true; break; }
      numbers[i] = v;
    }
    if (col === depthCol && text) throw new WorkspaceError('bad-csv', `the depth column '${header[col].name}' holds text`, opts.fileName);
    const data: CurveValues = text ? cells.map((c) => (c === '' ? null : c)) : numbers;
    const name = header[col].name || `COL${col + 1}`;
    return { mnemonic: name, originalMnemonic: name, unit: header[col].unit, value: '', description: '', kind: text ? 'string' : 'number', data };
  });
  dedupeMnemonics(curves);
  const tracker = new IndexTracker();
  for (const d of curves[0].data as Float64Array) tracker.add(d);
  return {
    version: 'csv', wrap: false, versionItems: [], well: [], other: '', extraSections: [], encoding: 'utf-8', nullValue: null,
    sets: [{ name: 'Log', parameters: [], curves, nRows: n, delimiter: 'COMMA' }],
    index: tracker.info(curves[0].originalMnemonic, curves[0].unit),
    problems: [],
  };
}
