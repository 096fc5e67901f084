/**
 * An export table as LAS 2.0 / 3.0, CSV or Parquet. Numbers are written exactly (shortest
 * round-trip text in LAS and CSV, float64 in Parquet), so every format reads back to the
 * same values.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { IndexTracker } from '../las/index-tracker.js';
import type { HeaderItem, LasCurve, LasFile } from '../las/model.js';
import { writeLasChunks } from '../las/write.js';
import type { ExportColumn, ExportTable } from './export-table.js';
import { writeParquet } from './parquet-writer.js';
import { DATAFORGE_VERSION } from './version.js';

export type ExportFormat = 'las2' | 'las3' | 'csv' | 'parquet';

function item(mnemonic: string, unit: string, value: string | number | null, description: string): HeaderItem | null {
  if (value === null || value === '') return null;
  return { mnemonic, originalMnemonic: mnemonic, unit, value: String(value), description };
}

/** The LAS model of a table: well metadata as it is now in the workspace (edits included). */
export function tableToLas(t: ExportTable, version: '2.0' | '3.0'): LasFile {
  const w = t.well;
  const run = t.runs.length === 1 ? t.runs[0] : undefined;
  const well = [
    item('COMP', '', w.operator, 'COMPANY'),
    item('WELL', '', w.name, 'WELL'),
    item('FLD', '', w.field, 'FIELD'),
    item('LOC', '', w.location, 'LOCATION'),
    item('CTRY', '', w.country, 'COUNTRY'),
    item('STAT', '', w.state, 'STATE'),
    item('CNTY', '', w.county, 'COUNTY'),
    item('SRVC', '', run?.service_company ?? null, 'SERVICE COMPANY'),
    item('DATE', '', run?.acquired_at ?? null, 'LOG DATE'),
    item('UWI', '', w.uwi, 'UNIQUE WELL ID'),
    item('API', '', w.api, 'API NUMBER'),
  ].filter((i): i is HeaderItem => i !== null);
  const eu = w.elevation_unit ?? '';
  const parameters = [
    item('EKB', eu, w.kb, 'ELEVATION KELLY BUSHING'),
    item('EGL', eu, w.gl, 'ELEVATION GROUND LEVEL'),
    item('EDF', eu, w.df, 'ELEVATION DERRICK FLOOR'),
  ].filter((i): i is HeaderItem => i !== null);
  const curves: LasCurve[] = [t.depth, ...t.columns].map((c) => ({
    mnemonic: c.name, originalMnemonic: c.originalMnemonic, unit: c.unit, value: '', description: c.description, kind: c.kind, data: c.values,
  }));
  const tracker = new IndexTracker();
  const depth = t.depth.values as Float64Array;
  for (let i = 0; i < depth.length; i++) tracker.add(depth[i]);
  return {
    version, wrap: false, versionItems: [], well, other: '', extraSections: [], encoding: 'utf-8', nullValue: null, problems: [],
    sets: [{ name: 'Log', parameters, curves, nRows: t.rows, delimiter: 'SPACE' }],
    index: tracker.info(t.depth.originalMnemonic, t.depth.unit),
  };
}

function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvHeader(c: ExportColumn): string {
  return csvField(c.unit ? `${c.name} (${c.unit})` : c.name);
}

function csvCell(v: number | string | null): string {
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  return v === null ? '' : csvField(v);
}

/** CSV: a header of `NAME (unit)`, one row per depth, empty cells for NULL; what ingest reads. */
function writeCsv(path: string, t: ExportTable): void {
  const cols = [t.depth, ...t.columns];
  const fd = openSync(path, 'w');
  try {
    let buf = `${cols.map(csvHeader).join(',')}\n`;
    const cells = new Array<string>(cols.length);
    for (let r = 0; r < t.rows; r++) {
      for (let c = 0; c < cols.length; c++) cells[c] = csvCell(cols[c].values[r]);
      buf += `${cells.join(',')}\n`;
      if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; }
    }
    if (buf) writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

/** Chunk by chunk: an export may be larger than any one string can be. */
function writeText(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try { for (const chunk of chunks) writeSync(fd, chunk); } finally { closeSync(fd); }
}

export async function writeTable(path: string, t: ExportTable, format: ExportFormat, meta: Record<string, string>): Promise<void> {
  switch (format) {
    case 'las2':
    case 'las3':
      writeText(path, writeLasChunks(tableToLas(t, format === 'las2' ? '2.0' : '3.0'), { version: format === 'las2' ? '2.0' : '3.0' }));
      return;
    case 'csv':
      writeCsv(path, t);
      return;
    case 'parquet': {
      const cols = [t.depth, ...t.columns];
      const units = Object.fromEntries(cols.map((c) => [c.name, c.unit]));
      await writeParquet(path, cols.map((c) => ({ name: c.name, values: c.values })), t.rows, { ...meta, dataforge_version: DATAFORGE_VERSION, units: JSON.stringify(units) });
      return;
    }
  }
}
