/**
 * The in-memory model of a LAS file, shared by the reader and the writer.
 *
 * One model covers LAS 1.2, 2.0 and 3.0: a LAS 2 file's ~Parameter / ~Curve / ~ASCII
 * sections are the data set named "Log", exactly as LAS 3.0 calls them
 * (~Log_Parameter / ~Log_Definition / ~Log_Data). LAS 3.0 files carry any number of
 * further sets (Core, Tops, Inclinometry, ...), each with its own definition and data.
 *
 * Plain data only (no classes) so a model can be cloned, serialised and sent to the browser.
 */

export type Severity = 'info' | 'warning' | 'error';

/** A graded parse problem with its location, after dlisio's severity model. */
export interface LasProblem {
  severity: Severity;
  /** Stable machine code, e.g. `row-short`, `header-unparsed`, `wrap-mismatch`. */
  code: string;
  message: string;
  /** 1-based line in the file, when the problem has one. */
  line?: number;
  /** 1-based column (in characters of the decoded line), when known. */
  column?: number;
  /** Section title without the tilde, e.g. `Curve`, `Log_Data`. */
  section?: string;
}

export interface HeaderItem {
  /** Unique key in its section: the mnemonic, or `MNEM:2`, `MNEM:3` for repeats. */
  mnemonic: string;
  /** The mnemonic exactly as written in the file. */
  originalMnemonic: string;
  unit: string;
  /** The value as text, trimmed. Use {@link headerNumber} to read it as a number. */
  value: string;
  description: string;
  /** LAS 3.0 format specifier inside `{}` (without the braces), e.g. `F10.4`, `S`, `DD/MM/YYYY`. */
  format?: string;
  /** LAS 3.0 `|` associations. */
  associations?: string[];
  /** 1-based line the item came from (absent for items built in code). */
  line?: number;
}

/** What a curve's values are. Strings cover LAS 3.0 `{S}` columns and text found in data. */
export type CurveKind = 'number' | 'string' | 'datetime';

/** Numbers: NaN stands for NULL. Text: `null` stands for NULL. */
export type CurveValues = Float64Array | (string | null)[];

export interface LasCurve extends HeaderItem {
  kind: CurveKind;
  /** LAS 3.0 array curves `NMR[3]`: the base name and the 1-based element index. */
  arrayName?: string;
  arrayIndex?: number;
  /** One value per row of the data set. */
  data: CurveValues;
}

export type Delimiter = 'SPACE' | 'COMMA' | 'TAB';

/** A parameter / definition / data triple. LAS 2's ~P, ~C, ~A are the set "Log". */
export interface LasDataSet {
  /** `Log`, `Core`, `Tops`, `Inclinometry`, `Drilling`, `Perforations`, or any other name. */
  name: string;
  parameters: HeaderItem[];
  curves: LasCurve[];
  nRows: number;
  delimiter: Delimiter;
  /** Line of the data section's title, when the set has one. */
  dataLine?: number;
}

/** A section the reader keeps but does not interpret (e.g. vendor sections in LAS 2). */
export interface LasExtraSection {
  /** Title without the tilde, as written. */
  title: string;
  /** Lines of the section, without the title line. */
  lines: string[];
  line?: number;
}

export type IndexKind = 'depth' | 'time' | 'other';
export type IndexDirection = 'increasing' | 'decreasing' | 'constant' | 'mixed' | 'empty';

/** What the reader learnt about the first column of the "Log" set. */
export interface IndexInfo {
  mnemonic: string;
  /** Unit as written (e.g. `F`, `M`, `.1IN`, `S`), or `''`. */
  unit: string;
  /** Canonical unit: `m`, `ft`, `0.1 in`, `s`, `ms`, or `null` when unknown. */
  canonicalUnit: 'm' | 'ft' | '0.1 in' | 's' | 'ms' | 'min' | 'h' | null;
  kind: IndexKind;
  direction: IndexDirection;
  /** True when every step between consecutive rows is the same (within 1e-9 relative). */
  regular: boolean;
  /** The data's step when regular, else null. */
  step: number | null;
  first: number | null;
  last: number | null;
}

export interface LasFile {
  /** `1.2`, `2.0`, `3.0`, or what the file says (e.g. `2.1`); `unknown` with no VERS. */
  version: string;
  wrap: boolean;
  /** The ~Version section items (VERS, WRAP, DLM, ...). */
  versionItems: HeaderItem[];
  /** The ~Well section items. */
  well: HeaderItem[];
  /** Data sets in file order; the "Log" set first when present. */
  sets: LasDataSet[];
  /** Text of the ~Other section, lines joined with `\n`. */
  other: string;
  extraSections: LasExtraSection[];
  /** Encoding used to decode the text (WHATWG label, e.g. `utf-8`, `windows-1251`, `utf-16le`). */
  encoding: string;
  /** The ~W NULL value, when given and numeric. */
  nullValue: number | null;
  index: IndexInfo | null;
  problems: LasProblem[];
}
