import { countStrayControlBytes } from './byte-scan.js';
import { ColumnBuilder } from './columns.js';
import { createDecoder, DETECTION_HEAD_BYTES, detectEncoding, isAsciiCompatible, type TextDecoderLike } from './encoding.js';
import { parseHeaderLine } from './header-line.js';
import { IndexTracker } from './index-tracker.js';
import type { CurveKind, CurveValues, Delimiter, HeaderItem, LasCurve, LasDataSet, LasExtraSection, LasFile } from './model.js';
import { resolveNullPolicy, type NullPolicy, type NullPolicyInput } from './null-policy.js';
import { latin1, lineNumber, numberToken, parseDecimalText, parseNumberToken, parsed, scanned, scanPlainNumber } from './numbers.js';
import { ProblemLog } from './problems.js';
import { classifySection, sectionName, type SectionRole } from './sections.js';

export interface EngineOptions {
  /** Named in every message and error. */
  fileName?: string;
  /** Force a text encoding (e.g. `cp1251`, `utf-16le`); detected when absent. */
  encoding?: string;
  /** Refuse the file at the first recovery instead of recovering. */
  strict?: boolean;
  nullPolicy?: NullPolicyInput;
  /** Hand rows to the sink every N rows instead of keeping them (streaming). */
  chunkRows?: number;
  /** Total bytes, when known, to size the Log set's columns once instead of growing them. */
  sizeHint?: number;
}

export interface EngineSink {
  onDataStart?(set: LasDataSet): void;
  onRows?(set: LasDataSet, columns: CurveValues[], firstRow: number, rows: number): void;
}

/** Bytes the encoding detector looks at before any line is parsed. */
const DETECT_BYTES = DETECTION_HEAD_BYTES;
/** Binary files (DLIS, LIS, images) show control bytes at once: the first 16 KiB tell. */
const BINARY_PROBE_BYTES = 16384;
/** Data lines looked at before deciding how rows are laid out. */
const SAMPLE_LINES = 20;

interface RawLine { text: string; line: number }

interface HeaderSectionState { role: SectionRole; title: string; line: number; lines: RawLine[] }

type Layout = 'undecided' | 'rows' | 'flat';

interface DataState {
  set: LasDataSet;
  kinds: CurveKind[];
  builders: ColumnBuilder[];
  layout: Layout;
  sample: { bytes: Uint8Array; line: number }[];
  /** Names from the `~A DEPT GR ...` title, used when there is no ~Curve section. */
  titleNames: string[];
  /** Curves defined in the header but given no data column. */
  flatPos: number;
  firstRowOfChunk: number;
  rows: number;
  isLog: boolean;
  tracker: IndexTracker | null;
  rowStartLine: number;
  /** Every column is numeric so far: the fast row path applies. */
  allNumeric: boolean;
  /** Lines of a quoted value still open. */
  openQuote: { parts: Uint8Array[]; line: number; bytes: number } | null;
}

const WS = 32;
/** Bytes of whole lines per call of a fast path (see fastSpaceRows). */
const FAST_WINDOW = 256 * 1024;

// Decoders used whole-line (never with `stream`) keep no state between calls, so every reader
// shares them: opening a converter costs more than reading a small file's header.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_ENCODER = new TextEncoder();
const lineDecoders = new Map<string, TextDecoderLike>();
function lineDecoder(encoding: string): TextDecoderLike {
  let d = lineDecoders.get(encoding);
  if (!d) { d = createDecoder(encoding); lineDecoders.set(encoding, d); }
  return d;
}
const MAX_JOINED_LINES = 200;
const MAX_JOINED_BYTES = 1 << 18;

/**
 * True when the line leaves a double-quoted value open: a token (or field) that starts with
 * `"` and has no closing `"` on the line. Quotes inside other tokens (`A"B`, `'say "x"'`) do not count.
 */
function opensQuote(b: Uint8Array, s: number, e: number, delimiter: Delimiter): boolean {
  if (findIn(b, 34, s, e) === -1) return false;
  const sep = delimiter === 'COMMA' ? 44 : delimiter === 'TAB' ? 9 : -1;
  let i = s;
  while (i < e) {
    while (i < e && (b[i] === WS || b[i] === 9 || (sep === -1 && b[i] <= WS))) i++;
    if (i >= e) return false;
    const q = b[i];
    if (q === 34 || (q === 39 && sep === -1)) {
      const close = findIn(b, q, i + 1, e);
      if (close === -1) return q === 34;
      i = close + 1;
    }
    if (sep === -1) while (i < e && b[i] > WS) i++;
    else { while (i < e && b[i] !== sep) i++; i++; }
  }
  return false;
}

/** Index of byte `q` in b[from, e), or -1. */
function findIn(b: Uint8Array, q: number, from: number, e: number): number {
  for (let i = from; i < e; i++) if (b[i] === q) return i;
  return -1;
}

function joinLines(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length + 1, -1));
  let o = 0;
  parts.forEach((p, i) => { if (i) out[o++] = 10; out.set(p, o); o += p.length; });
  return out;
}

/** The LAS parser: bytes in (all at once or chunk by chunk), a model out. */
export class LasEngine {
  private readonly log: ProblemLog;
  private readonly policy: NullPolicy;
  private readonly chunkRows: number;
  private encoding = '';
  private decoder: TextDecoderLike | null = null;
  private asciiGuess = false;
  private fallbackDecoder: TextDecoderLike | null = null;
  private warnedLateCodePage = false;
  private transcoder: TextDecoderLike | null = null;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private carry: Uint8Array | null = null;
  private lineNo = 0;
  private lineTerminator = 10;
  private firstLine = true;
  private sawSection = false;

  private header: HeaderSectionState | null = null;
  private data: DataState | null = null;

  private version = 'unknown';
  private versionSeen = false;
  private wrap = false;
  private delimiter: Delimiter = 'SPACE';
  private nullValue: number | null = null;
  private nullValues: number[] = [];
  private readonly nullTokens: Set<string>;
  private readonly versionItems: HeaderItem[] = [];
  private readonly well: HeaderItem[] = [];
  private readonly sets = new Map<string, LasDataSet>();
  private readonly setOrder: LasDataSet[] = [];
  private readonly otherLines: string[] = [];
  private readonly extra: LasExtraSection[] = [];
  /** Columns of each set, kept across repeated data sections. */
  private readonly setBuilders = new Map<LasDataSet, ColumnBuilder[]>();
  private readonly trackers = new Map<LasDataSet, IndexTracker>();

  // Per-line scratch space for values, reused for every data line.
  private lineNums = new Float64Array(64);
  private lineTexts: (string | null | undefined)[] = [];
  private lineCols = new Int32Array(64);
  private lineCount = 0;
  private tokStart = new Int32Array(64);
  private tokEnd = new Int32Array(64);
  private tokQuoted = new Uint8Array(64);

  constructor(private readonly opts: EngineOptions = {}, private readonly sink: EngineSink = {}) {
    this.log = new ProblemLog(!!opts.strict, opts.fileName);
    this.policy = resolveNullPolicy(opts.nullPolicy);
    this.nullTokens = new Set(this.policy.tokens.map((t) => t.toUpperCase()));
    this.chunkRows = opts.chunkRows && opts.chunkRows > 0 ? opts.chunkRows : Infinity;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    // Node hands over Buffers: a plain Uint8Array view keeps every byte access in the hot
    // loops monomorphic (and subarray() cheap).
    if (chunk.constructor !== Uint8Array) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!this.decoder) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < DETECT_BYTES) return;
      this.startDecoding();
      return;
    }
    this.feed(chunk, false);
  }

  end(): LasFile {
    if (!this.decoder) {
      if (this.headBytes === 0) throw this.log.fatal('empty-file', 'the file is empty: a LAS file starts with a ~Version section', 1);
      this.startDecoding();
    }
    if (this.transcoder) {
      const rest = this.transcoder.decode(new Uint8Array(0), { stream: false });
      if (rest) this.processBytes(UTF8_ENCODER.encode(rest), false);
    }
    if (this.carry && this.carry.length) { const c = this.carry; this.carry = null; this.processBytes(c, true); }
    this.endSection();
    if (!this.sawSection) {
      throw this.log.fatal('not-las', 'no ~ sections found: this is not a LAS file (a LAS file starts with a ~Version section)', 1);
    }
    return this.buildModel();
  }

  // ---------------------------------------------------------------- bytes → lines

  private startDecoding(): void {
    const all = concat(this.head, this.headBytes);
    this.head = [];
    const probe = all.subarray(0, DETECT_BYTES);
    const det = detectEncoding(probe, this.opts.encoding);
    this.encoding = det.encoding;
    this.asciiGuess = det.how === 'ascii';
    const body = all.subarray(det.bomLength);
    if (isAsciiCompatible(det.encoding) && looksBinary(probe.subarray(0, BINARY_PROBE_BYTES))) {
      throw this.log.fatal('binary', 'the file holds binary data (control bytes), not LAS text: is it a LAS file?', 1);
    }
    if (isAsciiCompatible(det.encoding)) {
      this.decoder = lineDecoder(det.encoding);
    } else {
      // UTF-16/32: transcode to UTF-8 once so the byte-level data parser sees ASCII-compatible bytes.
      this.transcoder = createDecoder(det.encoding);
      this.decoder = lineDecoder('utf-8');
    }
    // Old Mac files end lines with a lone CR.
    const text = probe.subarray(0, 8192);
    if (this.transcoder) { /* line endings are checked after transcoding */ } else if (text.indexOf(10) === -1 && text.indexOf(13) !== -1) this.lineTerminator = 13;
    this.feed(body, false);
  }

  private feed(chunk: Uint8Array, _final: boolean): void {
    if (this.transcoder) {
      const text = this.transcoder.decode(chunk, { stream: true });
      if (this.firstLine && !text.includes('\n') && text.includes('\r')) this.lineTerminator = 13;
      this.processBytes(UTF8_ENCODER.encode(text), false);
    } else {
      this.processBytes(chunk, false);
    }
  }

  /**
   * Splits bytes into lines; an unterminated tail waits for the next chunk (or the end). The
   * tail is joined with the next chunk's first line only, not with the whole chunk: copying
   * every chunk once more would cost a streamed gigabyte a gigabyte of copying.
   */
  private processBytes(chunk: Uint8Array, final: boolean): void {
    const carry = this.carry;
    if (carry && carry.length) {
      this.carry = null;
      const first = chunk.indexOf(this.lineTerminator);
      if (first === -1) { this.processLines(concat([carry, chunk], carry.length + chunk.length), final); return; }
      this.processLines(concat([carry, chunk.subarray(0, first + 1)], carry.length + first + 1), false);
      chunk = chunk.subarray(first + 1);
    }
    this.processLines(chunk, final);
  }

  private processLines(buf: Uint8Array, final: boolean): void {
    const term = this.lineTerminator;
    let start = 0;
    const n = buf.length;
    while (start < n) {
      const d = this.data;
      if (d !== null && term === 10 && d.allNumeric && d.openQuote === null) {
        if (d.layout === 'rows' && d.set.delimiter === 'COMMA') start = this.fastCommaRows(buf, start, n);
        else if (d.set.delimiter === 'SPACE' && d.layout !== 'undecided') {
          // Whole lines only: a number or a gap never runs past the last line end.
          const upTo = buf.lastIndexOf(10) + 1;
          if (upTo > start) start = this.fastSpaceRows(buf, start, upTo, d.layout === 'rows');
        }
        if (start >= n) break;
      }
      let end = buf.indexOf(term, start);
      if (end === -1) {
        if (!final) { this.carry = buf.slice(start); return; }
        end = n;
      }
      let lineEnd = end;
      if (term === 10 && lineEnd > start && buf[lineEnd - 1] === 13) lineEnd--;
      this.lineNo++;
      this.onLine(buf, start, lineEnd);
      start = end + 1;
    }
  }

  private onLine(b: Uint8Array, s: number, e: number): void {
    this.firstLine = false;
    let i = s;
    while (i < e && b[i] <= WS) i++;
    if (i === e) return; // blank
    const c = b[i];
    if (this.data) {
      if (c === 126 /* ~ */) { this.endSection(); this.startSection(this.decode(b, i, e).trim()); return; }
      if (c === 35 /* # */) return;
      this.dataLine(b, i, e);
      return;
    }
    const text = this.decode(b, i, e).trimEnd();
    if (c === 126) { this.endSection(); this.startSection(text); return; }
    if (!this.header) {
      if (c !== 35) this.log.add({ severity: 'warning', code: 'text-before-section', message: `text before the first ~ section ignored: '${clip(text)}'`, line: this.lineNo, column: i - s + 1 });
      return;
    }
    if (c === 35 && this.header.role.kind !== 'other') return; // comment
    this.header.lines.push({ text, line: this.lineNo });
  }

  private decode(b: Uint8Array, s: number, e: number): string {
    if (this.asciiGuess) {
      // Detection saw only ASCII in the first 64 KiB; a later byte ≥ 0x80 that is not
      // UTF-8 is far more likely a Windows code page (a ° in a late header line).
      let high = false;
      for (let i = s; i < e; i++) if (b[i] >= 0x80) { high = true; break; }
      if (high) {
        try {
          return STRICT_UTF8.decode(b.subarray(s, e));
        } catch {
          if (!this.warnedLateCodePage) {
            this.warnedLateCodePage = true;
            this.log.add({ severity: 'info', code: 'late-code-page', message: 'bytes that are not UTF-8 appear after the first 64 KiB; such lines are read as windows-1252', line: this.lineNo });
          }
          this.fallbackDecoder ??= lineDecoder('windows-1252');
          return this.fallbackDecoder.decode(b.subarray(s, e));
        }
      }
    }
    return this.decoder!.decode(b.subarray(s, e));
  }

  // ---------------------------------------------------------------- sections

  private startSection(title: string): void {
    this.sawSection = true;
    const role = classifySection(title);
    if (role.kind === 'data') { this.startData(role, title); return; }
    this.header = { role, title, line: this.lineNo, lines: [] };
  }

  private endSection(): void {
    if (this.data) { this.endData(); this.data = null; }
    if (this.header) { this.parseHeaderSection(this.header); this.header = null; }
  }

  private get las3(): boolean {
    return this.version.startsWith('3');
  }

  private parseHeaderSection(sec: HeaderSectionState): void {
    const name = sectionName(sec.title);
    switch (sec.role.kind) {
      case 'other':
        for (const l of sec.lines) this.otherLines.push(l.text.trim());
        return;
      case 'unknown':
        this.extra.push({ title: name, lines: sec.lines.map((l) => l.text), line: sec.line });
        this.log.add({ severity: 'info', code: 'unknown-section', message: `section ~${name} is not part of the LAS standard; kept as text`, line: sec.line, section: name });
        return;
      case 'version': {
        const items = this.parseItems(sec, name, 'version');
        this.applyVersion(items, sec);
        return;
      }
      case 'well': {
        const items = this.parseItems(sec, name, 'well');
        this.applyWell(items);
        return;
      }
      case 'parameter': {
        const set = this.getSet(sec.role.set);
        const items = this.parseItems(sec, name, 'parameter');
        set.parameters.push(...items);
        return;
      }
      case 'definition': {
        const set = this.getSet(sec.role.set);
        if (set.curves.length && set.nRows > 0) {
          this.log.add({ severity: 'warning', code: 'definition-after-data', message: `~${name} comes after the data it defines; ignored`, line: sec.line, section: name });
          return;
        }
        const items = this.parseItems(sec, name, 'definition');
        for (const it of items) set.curves.push(this.toCurve(it));
        return;
      }
    }
  }

  private parseItems(sec: HeaderSectionState, section: string, kind: 'version' | 'well' | 'parameter' | 'definition'): HeaderItem[] {
    const items: HeaderItem[] = [];
    const las12Well = kind === 'well' && this.version.startsWith('1');
    for (const l of sec.lines) {
      const p = parseHeaderLine(l.text, this.las3 || (kind === 'definition' && /\{[^}]*\}\s*(\|.*)?$/.test(l.text)), kind === 'definition');
      if (p.noPeriod) {
        this.log.add({ severity: kind === 'definition' ? 'warning' : 'info', code: 'header-no-period', message: `header line has no '.' after the mnemonic; read as 'NAME : VALUE': '${clip(l.text)}'`, line: l.line, section });
      }
      let value = p.value;
      let description = p.description;
      // LAS 1.2 ~Well puts the value after the colon (`COMP. COMPANY: ANY OIL CO`), except STRT/STOP/STEP/NULL.
      if (las12Well && !/^(STRT|STOP|STEP|NULL)$/i.test(p.mnemonic) && description !== '') {
        value = p.description;
        description = p.value;
      }
      const item: HeaderItem = { mnemonic: p.mnemonic, originalMnemonic: p.mnemonic, unit: p.unit, value, description, line: l.line };
      if (p.format !== undefined) item.format = p.format;
      if (p.associations?.length) item.associations = p.associations;
      items.push(item);
    }
    dedupeMnemonics(items);
    return items;
  }

  private applyVersion(items: HeaderItem[], sec: HeaderSectionState): void {
    this.versionItems.push(...items);
    for (const it of items) {
      const m = it.originalMnemonic.toUpperCase();
      if (m === 'VERS') {
        let v = it.value;
        const n = parseDecimalText(v);
        if (n === undefined) {
          const first = /^\s*([0-9]+(?:\.[0-9]+)?)/.exec(v);
          if (first) {
            this.log.add({ severity: 'warning', code: 'version-garbled', message: `VERS value '${clip(v)}' is not a plain number; read it as ${first[1]}`, line: it.line, section: 'Version' });
            v = first[1];
          }
        }
        const num = parseDecimalText(v);
        this.version = num === undefined ? v : num === 1.2 ? '1.2' : num === 2 ? '2.0' : num === 3 ? '3.0' : String(num);
        this.versionSeen = true;
      } else if (m === 'WRAP') {
        const w = it.value.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
        if (w === 'YES' || w === 'Y' || w === 'TRUE') this.wrap = true;
        else if (w === 'NO' || w === 'N' || w === 'FALSE' || w === '') this.wrap = false;
        else this.log.add({ severity: 'warning', code: 'wrap-unknown', message: `WRAP value '${clip(it.value)}' is neither YES nor NO; assumed NO`, line: it.line, section: 'Version' });
      } else if (m === 'DLM') {
        const d = it.value.trim().toUpperCase();
        if (d === 'SPACE' || d === 'COMMA' || d === 'TAB') this.delimiter = d;
        else if (d !== '') this.log.add({ severity: 'warning', code: 'dlm-unknown', message: `DLM value '${clip(it.value)}' is not SPACE, COMMA or TAB; assumed SPACE`, line: it.line, section: 'Version' });
      }
    }
    if (!this.versionSeen) this.log.add({ severity: 'warning', code: 'no-vers', message: 'the ~Version section has no VERS item; read as LAS 2.0', line: sec.line, section: 'Version' });
  }

  private applyWell(items: HeaderItem[]): void {
    this.well.push(...items);
    for (const it of items) {
      if (it.originalMnemonic.toUpperCase() !== 'NULL') continue;
      const n = parseDecimalText(it.value) ?? parseDecimalText(it.value.split(/\s+/)[0] ?? '');
      if (n === undefined) {
        if (it.value.trim() !== '') this.log.add({ severity: 'warning', code: 'null-not-number', message: `NULL value '${clip(it.value)}' is not a number; no NULL value applied`, line: it.line, section: 'Well' });
        continue;
      }
      this.nullValue = n;
    }
    this.nullValues = [...(this.policy.headerNull && this.nullValue !== null ? [this.nullValue] : []), ...this.policy.values];
  }

  private getSet(name: string): LasDataSet {
    const key = name.toUpperCase();
    let set = this.sets.get(key);
    if (!set) {
      set = { name, parameters: [], curves: [], nRows: 0, delimiter: this.delimiter };
      this.sets.set(key, set);
      this.setOrder.push(set);
    }
    return set;
  }

  private toCurve(it: HeaderItem): LasCurve {
    // A literal of known shape, not a spread: every curve object shares one layout.
    const curve: LasCurve = { mnemonic: it.mnemonic, originalMnemonic: it.originalMnemonic, unit: it.unit, value: it.value, description: it.description, kind: kindFromFormat(it.format), data: new Float64Array(0) };
    if (it.format !== undefined) curve.format = it.format;
    if (it.associations !== undefined) curve.associations = it.associations;
    if (it.line !== undefined) curve.line = it.line;
    const arr = it.originalMnemonic.endsWith(']') ? /^(.*?)\s*\[(\d+)\]$/.exec(it.originalMnemonic) : null;
    if (arr) { curve.arrayName = arr[1]; curve.arrayIndex = Number(arr[2]); }
    return curve;
  }

  // ---------------------------------------------------------------- data sections

  private startData(role: Extract<SectionRole, { kind: 'data' }>, title: string): void {
    const set = this.getSet(role.set);
    if (role.definition.toUpperCase() !== role.set.toUpperCase() && !set.curves.length) {
      const def = this.sets.get(role.definition.toUpperCase());
      if (def) set.curves = def.curves.map((c) => ({ ...c, data: new Float64Array(0) }));
    }
    if (set.nRows > 0) {
      this.log.add({ severity: 'warning', code: 'data-repeated', message: `a second ~${sectionName(title)} section for set ${set.name}; its rows are appended`, line: this.lineNo, section: sectionName(title) });
    }
    set.delimiter = this.delimiter;
    set.dataLine = set.dataLine ?? this.lineNo;
    // The Log set is the one named Log (LAS 2's ~A); a file without one gets its index from
    // the first set that has data, chosen at the end (see buildModel).
    const isLog = set.name.toUpperCase() === 'LOG';
    dedupeMnemonics(set.curves);
    const afterTitle = title.replace(/^~\S*/, '').replace(/\|.*$/, '').trim();
    this.data = {
      set,
      kinds: [],
      builders: [],
      layout: 'undecided',
      sample: [],
      titleNames: afterTitle ? afterTitle.split(/\s+/) : [],
      flatPos: 0,
      firstRowOfChunk: set.nRows,
      rows: set.nRows,
      isLog,
      tracker: null,
      rowStartLine: 0,
      allNumeric: false,
      openQuote: null,
    };
  }

  /**
   * A quoted text value may run over several lines (free-text lithology descriptions do):
   * lines are joined while a double quote is open, up to a limit, then read as one row.
   */
  private dataLine(b: Uint8Array, s: number, e: number): void {
    const d = this.data!;
    if (!d.openQuote) {
      if (d.layout === 'rows') {
        if (d.set.delimiter === 'SPACE' ? (d.allNumeric ? this.fastRow(b, s, e) : this.fastMixedRow(b, s, e)) : d.set.delimiter === 'COMMA' && this.fastCommaRow(b, s, e)) return;
      } else if (d.layout === 'flat' && d.set.delimiter === 'SPACE' && this.fastFlatLine(b, s, e, this.lineNo)) return;
    }
    if (d.openQuote) {
      const q = d.openQuote;
      q.parts.push(b.slice(s, e));
      q.bytes += e - s + 1;
      const joined = joinLines(q.parts);
      if (!opensQuote(joined, 0, joined.length, d.set.delimiter)) { d.openQuote = null; this.logicalLine(joined, q.line); return; }
      if (q.parts.length >= MAX_JOINED_LINES || q.bytes >= MAX_JOINED_BYTES) this.flushOpenQuote();
      return;
    }
    if (opensQuote(b, s, e, d.set.delimiter)) {
      d.openQuote = { parts: [b.slice(s, e)], line: this.lineNo, bytes: e - s };
      return;
    }
    this.logicalLine(d.layout === 'undecided' ? b.slice(s, e) : b.subarray(s, e), this.lineNo);
  }

  /** A quote that never closed: read its lines one by one, as written. */
  private flushOpenQuote(): void {
    const d = this.data!;
    const q = d.openQuote;
    if (!q) return;
    d.openQuote = null;
    this.log.add({ severity: 'warning', code: 'unclosed-quote', message: 'a double quote opened here is never closed; the lines are read one by one', line: q.line });
    q.parts.forEach((p, i) => this.logicalLine(p, q.line + i));
  }

  private logicalLine(bytes: Uint8Array, line: number): void {
    const d = this.data!;
    if (d.layout === 'undecided') {
      d.sample.push({ bytes, line });
      if (d.sample.length >= SAMPLE_LINES) this.decideLayout();
      return;
    }
    this.processDataLine(bytes, 0, bytes.length, line);
  }

  /** Looks at the first data lines to learn the row layout (one line per row, or wrapped). */
  private decideLayout(): void {
    const d = this.data!;
    const counts = d.sample.map((l) => this.countValues(l.bytes));
    const n0 = d.set.curves.length;
    const firstLine = d.sample[0]?.line;
    if (n0 === 0 && counts.length && counts[0] > 0) this.inventCurves(counts[0], firstLine);
    const n = d.set.curves.length;
    const allN = counts.every((c) => c === n);
    let layout: Layout = 'rows';
    if (this.wrap && n > 0) {
      layout = 'flat';
    } else if (!allN && counts.length && n > 0 && looksWrapped(counts, n)) {
      layout = 'flat';
      this.log.add({ severity: 'warning', code: 'wrap-mismatch', message: `WRAP says NO but each row of ${n} values spans several lines; read as wrapped`, line: firstLine, section: sectionName(d.set.name) });
    } else if (!allN && counts.length > 1 && counts.every((c) => c === counts[0])) {
      const m = counts[0];
      if (m < n) {
        const missing = d.set.curves.slice(m).map((c) => c.mnemonic);
        this.log.add({ severity: 'warning', code: 'curves-without-data', message: `${n} curves are defined but the data has ${m} columns; ${missing.join(', ')} read as all NULL`, line: firstLine });
      } else if (m > n && m - n <= maxExtraColumns(n)) {
        this.addUnknownCurves(m - n, firstLine);
      }
    } else if (counts.length === 1 && counts[0] > n && n > 0 && counts[0] - n <= maxExtraColumns(n)) {
      this.addUnknownCurves(counts[0] - n, firstLine);
    }
    d.layout = layout;
    if (layout === 'rows') this.textColumnsFromSample(counts, n);
    d.kinds = d.set.curves.map((c) => c.kind);
    // Small sets (Tops, Core) start small and grow; many of them must not cost much.
    let capacity = this.chunkRows === Infinity ? 64 : Math.min(this.chunkRows, 1 << 20);
    const kept = this.setBuilders.get(d.set);
    // Only the first data section of the Log set is sized from the file (a file is mostly that).
    if (this.chunkRows === Infinity && d.isLog && !kept && this.opts.sizeHint && d.sample.length) {
      const sampleBytes = d.sample.reduce((a, l) => a + l.bytes.length + 1, 0);
      const perRow = (sampleBytes / d.sample.length) * (layout === 'flat' ? Math.max(1, d.sample.length / Math.max(1, counts.reduce((a, c) => a + c, 0) / n)) : 1);
      // Every value takes at least two bytes (a digit and a separator): the file bounds the total.
      const bound = Math.ceil(this.opts.sizeHint / 2 / Math.max(1, d.set.curves.length)) + 64;
      capacity = Math.min(Math.ceil((this.opts.sizeHint / perRow) * 1.05) + 64, bound, 1 << 27);
    }
    if (kept && kept.length === d.set.curves.length) {
      d.builders = kept; // a repeated data section appends to the same columns
    } else {
      if (kept) this.finishColumns(d.set, kept);
      d.builders = d.set.curves.map((c) => new ColumnBuilder(c.kind, capacity));
      this.setBuilders.set(d.set, d.builders);
    }
    d.allNumeric = d.builders.every((bl) => !bl.isText);
    let tracker = this.trackers.get(d.set);
    if (!tracker) { tracker = new IndexTracker(); this.trackers.set(d.set, tracker); }
    d.tracker = tracker;
    this.sink.onDataStart?.(d.set);
    const sample = d.sample;
    d.sample = [];
    for (const l of sample) this.processDataLine(l.bytes, 0, l.bytes.length, l.line);
  }

  /**
   * A column whose sampled rows already hold text is text from its first row, so number-like
   * values in it keep their exact spelling (`001`, `1.50`).
   */
  private textColumnsFromSample(counts: number[], n: number): void {
    const d = this.data!;
    const full = d.sample.filter((_, i) => counts[i] === n);
    // The index column is text only when every sampled row says so (TIME as 00:00:01);
    // one odd row is a bad row, not a text index.
    let indexText = full.length > 0;
    d.sample.forEach((l, i) => {
      if (counts[i] !== n) return;
      const nt = this.tokenize(l.bytes, 0, l.bytes.length);
      if (nt !== n) return;
      if (!this.tokQuoted[0]) {
        const first = parseNumberToken(l.bytes, this.tokStart[0], this.tokEnd[0]) !== undefined ? '0' : this.decode(l.bytes, this.tokStart[0], this.tokEnd[0]);
        if (first === '0' || isSpecialNumber(first) || this.isNullText(first)) indexText = false;
      }
      for (let t = 1; t < nt; t++) {
        const curve = d.set.curves[t];
        if (curve.kind !== 'number') continue;
        if (this.tokQuoted[t] || parseNumberToken(l.bytes, this.tokStart[t], this.tokEnd[t]) === undefined) {
          const text = this.decode(l.bytes, this.tokStart[t], this.tokEnd[t]);
          const numberLike = this.isNullText(text) || isSpecialNumber(text) || splitRunOn(text, d.set.delimiter) !== null || /^[+-]?\d+,\d+$/.test(text);
          if (this.tokQuoted[t] || !numberLike) {
            curve.kind = 'string';
            this.log.add({
              severity: this.las3 && !curve.format ? 'info' : 'warning', code: 'text-in-numeric-curve',
              message: `curve ${curve.mnemonic} holds text such as '${clip(text)}'; the curve is kept as text (name such tokens in a null policy to read them as NULL)`,
              line: l.line, column: this.tokStart[t] + 1,
            });
          }
        }
      }
    });
    if (indexText && d.set.curves[0]?.kind === 'number') d.set.curves[0].kind = 'string';
  }

  private addUnknownCurves(extra: number, line: number | undefined): void {
    const set = this.data!.set;
    for (let k = 0; k < extra; k++) set.curves.push({ mnemonic: 'UNKNOWN', originalMnemonic: '', unit: '', value: '', description: '', kind: 'number', data: new Float64Array(0) });
    dedupeMnemonics(set.curves);
    this.log.add({ severity: 'warning', code: 'extra-columns', message: `the data has ${extra} more column(s) than curves defined; added as ${set.curves.slice(-extra).map((c) => c.mnemonic).join(', ')}`, line });
  }

  private inventCurves(columns: number, line: number | undefined): void {
    const d = this.data!;
    const names = d.titleNames.length === columns ? d.titleNames : [];
    for (let k = 0; k < columns; k++) {
      const m = names[k] ?? (k === 0 ? 'DEPT' : `CURVE${k + 1}`);
      d.set.curves.push({ mnemonic: m, originalMnemonic: m, unit: '', value: '', description: '', kind: 'number', data: new Float64Array(0) });
    }
    dedupeMnemonics(d.set.curves);
    this.log.add({ severity: 'warning', code: 'missing-definition', message: `no curve definition for set ${d.set.name}; ${columns} columns named ${names.length ? 'from the data section title' : 'DEPT, CURVE2, ...'}`, line });
  }

  private countValues(bytes: Uint8Array): number {
    const nt = this.tokenize(bytes, 0, bytes.length);
    let count = 0;
    for (let t = 0; t < nt; t++) {
      if (this.tokQuoted[t]) { count++; continue; }
      const v = parseNumberToken(bytes, this.tokStart[t], this.tokEnd[t]);
      if (v !== undefined) { count++; continue; }
      count += splitRunOn(latin1(bytes, this.tokStart[t], this.tokEnd[t]), this.delimiter)?.length ?? 1;
    }
    return count;
  }

  /** Splits a data line into tokens (start/end offsets); quotes group text with spaces. */
  private tokenize(b: Uint8Array, s: number, e: number): number {
    let n = 0;
    const dlm = this.data ? this.data.set.delimiter : this.delimiter;
    if (dlm === 'SPACE') {
      let i = s;
      while (true) {
        while (i < e && (b[i] <= WS || b[i] === 26)) i++;
        if (i >= e) break;
        if (n === this.tokStart.length) this.growTokens();
        const q = b[i];
        if (q === 34 /* " */ || q === 39 /* ' */) {
          const close = findIn(b, q, i + 1, e);
          if (close !== -1) {
            this.tokStart[n] = i + 1; this.tokEnd[n] = close; this.tokQuoted[n] = 1; n++;
            i = close + 1;
            continue;
          }
        }
        const st = i;
        while (i < e && b[i] > WS && b[i] !== 26) i++;
        this.tokStart[n] = st; this.tokEnd[n] = i; this.tokQuoted[n] = 0; n++;
      }
      return n;
    }
    const sep = dlm === 'COMMA' ? 44 : 9;
    let i = s;
    while (i <= e) {
      if (n === this.tokStart.length) this.growTokens();
      let st = i;
      let quoted = 0;
      while (st < e && (b[st] === WS || (b[st] === 9 && sep !== 9))) st++;
      let en: number;
      if (st < e && b[st] === 34) {
        const close = findIn(b, 34, st + 1, e);
        if (close !== -1) {
          quoted = 1;
          this.tokStart[n] = st + 1; this.tokEnd[n] = close;
          let k = close + 1;
          while (k < e && b[k] !== sep) k++;
          this.tokQuoted[n] = quoted; n++;
          i = k + 1;
          continue;
        }
      }
      en = st;
      while (en < e && b[en] !== sep) en++;
      const next = en + 1;
      while (en > st && (b[en - 1] <= WS || b[en - 1] === 26)) en--;
      this.tokStart[n] = st; this.tokEnd[n] = en; this.tokQuoted[n] = 0; n++;
      i = next;
      if (next > e) break;
    }
    return n;
  }

  private growTokens(): void {
    const m = this.tokStart.length * 2;
    const a = new Int32Array(m); a.set(this.tokStart); this.tokStart = a;
    const b2 = new Int32Array(m); b2.set(this.tokEnd); this.tokEnd = b2;
    const c = new Uint8Array(m); c.set(this.tokQuoted); this.tokQuoted = c;
  }

  private pushLineValue(num: number, text: string | null | undefined, col: number): void {
    if (this.lineCount === this.lineNums.length) {
      const a = new Float64Array(this.lineCount * 2); a.set(this.lineNums); this.lineNums = a;
      const c = new Int32Array(this.lineCount * 2); c.set(this.lineCols); this.lineCols = c;
    }
    this.lineNums[this.lineCount] = num;
    this.lineTexts[this.lineCount] = text;
    this.lineCols[this.lineCount] = col;
    this.lineCount++;
  }

  /** Turns one data line into values (numbers, NULLs, text) in lineNums/lineTexts. */
  private lineValues(b: Uint8Array, s: number, e: number, lineNo: number, firstCol: number): void {
    const d = this.data!;
    const nt = this.tokenize(b, s, e);
    this.lineCount = 0;
    const kinds = d.kinds;
    const nulls = this.nullValues;
    const nNull = nulls.length;
    const ncols = kinds.length;
    for (let t = 0; t < nt; t++) {
      const ts = this.tokStart[t];
      const te = this.tokEnd[t];
      const col = ncols ? (firstCol + this.lineCount) % ncols : 0;
      const isIndex = col === 0 && d.isLog;
      const kind = kinds[col] ?? 'number';
      if (kind !== 'number' || this.tokQuoted[t]) {
        const text = this.decode(b, ts, te);
        if (kind !== 'number') { this.pushLineValue(NaN, this.isNullText(text) ? null : text, ts - s + 1); continue; }
        const n = parseDecimalText(text);
        if (n !== undefined) { this.pushLineValue(this.nullCheck(n, isIndex), undefined, ts - s + 1); continue; }
        this.pushLineValue(NaN, this.isNullText(text) ? null : text, ts - s + 1);
        continue;
      }
      if (te === ts) { this.pushLineValue(NaN, undefined, ts - s + 1); continue; } // empty field between delimiters
      let v = parseNumberToken(b, ts, te);
      if (v !== undefined) {
        if (!isIndex) for (let k = 0; k < nNull; k++) if (v === nulls[k]) { v = NaN; break; }
        this.pushLineValue(v, undefined, ts - s + 1);
        continue;
      }
      this.slowToken(this.decode(b, ts, te), isIndex, lineNo, ts - s + 1);
    }
  }

  private nullCheck(v: number, isIndex: boolean): number {
    if (isIndex) return v;
    for (const n of this.nullValues) if (v === n) return NaN;
    return v;
  }

  private isNullText(text: string): boolean {
    const t = text.trim();
    if (t === '') return true;
    if (this.nullTokens.has(t.toUpperCase())) return true;
    const n = parseDecimalText(t);
    return n !== undefined && this.nullValues.includes(n);
  }

  /** A token that is not a plain decimal: NULL tokens, nan/inf, run-on numbers, comma decimals, or text. */
  private slowToken(text: string, isIndex: boolean, lineNo: number, column: number): void {
    const upper = text.toUpperCase();
    if (this.nullTokens.has(upper)) { this.pushLineValue(NaN, undefined, column); return; }
    if (upper === 'NAN' || upper === '+NAN' || upper === '-NAN') { this.pushLineValue(NaN, undefined, column); return; }
    if (/^[+-]?(INF|INFINITY)$/.test(upper)) { this.pushLineValue(upper.startsWith('-') ? -Infinity : Infinity, undefined, column); return; }
    // How Microsoft's C runtime prints NaN and infinity: numbers, not text.
    if (/^[+-]?1\.#(IND|QNAN|SNAN|NAN)\d*$/.test(upper)) { this.pushLineValue(NaN, undefined, column); return; }
    if (/^[+-]?1\.#INF\d*$/.test(upper)) { this.pushLineValue(upper.startsWith('-') ? -Infinity : Infinity, undefined, column); return; }
    const parts = splitRunOn(text, this.data!.set.delimiter);
    if (parts) {
      this.log.add({ severity: 'warning', code: 'run-on', message: `'${clip(text)}' holds ${parts.length} values run together; read as ${parts.map((p) => (Number.isNaN(p) ? 'NULL' : String(p))).join(', ')}`, line: lineNo, column });
      for (const p of parts) this.pushLineValue(this.nullCheck(p, isIndex), undefined, column);
      return;
    }
    const comma = /^[+-]?\d+,\d+$/.test(text) && this.data!.set.delimiter === 'SPACE' ? Number(text.replace(',', '.')) : undefined;
    if (comma !== undefined) {
      this.log.add({ severity: 'warning', code: 'comma-decimal', message: `'${text}' uses a comma as decimal mark; read as ${comma}`, line: lineNo, column });
      this.pushLineValue(this.nullCheck(comma, isIndex), undefined, column);
      return;
    }
    this.pushLineValue(NaN, text, column);
  }

  private processDataLine(b: Uint8Array, s: number, e: number, lineNo: number): void {
    const d = this.data!;
    const n = d.builders.length;
    if (d.layout === 'flat') {
      this.lineValues(b, s, e, lineNo, d.flatPos);
      // Wrapped rows continue over lines of text values; only a row's start must be a number.
      if (d.flatPos === 0 && this.lineTexts[0] !== undefined && this.isGarbageLine(b, s, e, lineNo)) return;
      if (d.flatPos === 0) d.rowStartLine = lineNo;
      for (let k = 0; k < this.lineCount; k++) {
        this.store(d.flatPos, k, lineNo);
        d.flatPos++;
        if (d.flatPos === n) { d.flatPos = 0; this.rowDone(); if (k + 1 < this.lineCount) d.rowStartLine = lineNo; }
      }
      return;
    }
    this.lineValues(b, s, e, lineNo, 0);
    if (this.isGarbageLine(b, s, e, lineNo)) return;
    const got = this.lineCount;
    if (d.builders[0] && !d.builders[0].isText && this.lineTexts[0] !== undefined && this.lineTexts[0] !== null && got > 0) {
      this.log.add({ severity: 'warning', code: 'row-bad-index', message: `row's first value '${clip(this.lineTexts[0])}' is not a number; the row is skipped`, line: lineNo, column: this.lineCols[0] });
      return;
    }
    if (got < n) {
      this.log.add({ severity: 'warning', code: 'row-short', message: `row has ${got} value${got === 1 ? '' : 's'} but ${n} curves are defined; the missing ${n - got} read as NULL`, line: lineNo, column: e - s + 1 });
    } else if (got > n) {
      this.log.add({ severity: 'warning', code: 'row-long', message: `row has ${got} values but ${n} curves are defined; the extra ${got - n} ignored`, line: lineNo, column: this.lineCols[n] });
    }
    for (let c = 0; c < n; c++) {
      if (c < got) this.store(c, c, lineNo);
      else if (d.builders[c].isText) d.builders[c].pushText(null);
      else d.builders[c].pushNumber(NaN);
    }
    this.rowDone();
  }

  /**
   * Trailing garbage (`end of file here`, a signature, a pasted note) in an all-numeric
   * data section: a line with text and not a single number is skipped, not turned into a row
   * that would make every column text.
   */
  private isGarbageLine(b: Uint8Array, s: number, e: number, lineNo: number): boolean {
    const d = this.data!;
    if (!d.allNumeric || this.lineCount === 0) return false;
    let text = 0;
    for (let k = 0; k < this.lineCount; k++) {
      const t = this.lineTexts[k];
      if (t === undefined) { if (!Number.isNaN(this.lineNums[k])) return false; } else if (t !== null) text++;
    }
    if (text === 0) return false;
    this.log.add({ severity: 'warning', code: 'garbage-line', message: `a line with text and no numbers in the data section is skipped: '${clip(this.decode(b, s, e).trim())}'`, line: lineNo, column: 1 });
    return true;
  }

  /**
   * The hot path: a line of exactly one plain number per curve, separated by spaces,
   * in an all-numeric set. Anything unusual returns false and takes the general path.
   */
  private fastRow(b: Uint8Array, s: number, e: number): boolean {
    const d = this.data!;
    if (!d.allNumeric) return false;
    const n = d.builders.length;
    if (this.lineNumbers(b, s, e, n) !== n) return false;
    const nums = this.lineNums;
    const nulls = this.nullValues;
    const nNull = nulls.length;
    for (let k = d.isLog ? 1 : 0; k < n; k++) {
      const v = nums[k];
      for (let q = 0; q < nNull; q++) if (v === nulls[q]) { nums[k] = NaN; break; }
    }
    this.commitNumericRow(nums, n);
    return true;
  }

  /**
   * The hot path for rows with text columns (dip types, lithology codes): one bare token per
   * curve, plain numbers in the numeric columns. Quotes, a number column meeting text, a column
   * that has turned to text, or a short or long row take the general path.
   */
  private fastMixedRow(b: Uint8Array, s: number, e: number): boolean {
    const d = this.data!;
    const builders = d.builders;
    const kinds = d.kinds;
    const n = builders.length;
    if (n === 0 || kinds[0] !== 'number') return false;
    const nums = this.lineNums.length >= n ? this.lineNums : (this.lineNums = new Float64Array(n * 2));
    const texts = this.lineTexts;
    let i = s;
    for (let k = 0; k < n; k++) {
      while (i < e && b[i] <= WS) i++;
      if (i >= e) return false;
      const c = b[i];
      if (c === 34 || c === 39) return false; // quoted: the general path knows the rules
      let j = i;
      if (kinds[k] === 'number') {
        if (builders[k].isText) return false;
        const v = numberToken(b, i, e);
        if (v === undefined) return false;
        j = scanned.end;
        nums[k] = v;
        texts[k] = undefined;
      } else {
        while (j < e && b[j] > WS) j++;
        const text = this.decode(b, i, j);
        texts[k] = this.isNullText(text) ? null : text;
      }
      i = j;
    }
    while (i < e && b[i] <= WS) i++;
    if (i < e) return false; // more values than curves
    for (let k = 0; k < n; k++) {
      const bl = builders[k];
      const t = texts[k];
      if (t !== undefined) bl.pushText(t);
      else bl.pushNumber(this.nullCheck(nums[k], k === 0 && d.isLog));
    }
    if (d.tracker) d.tracker.add(nums[0]);
    this.rowDone();
    return true;
  }

  /**
   * The plain numbers of one space-delimited line, into lineNums. Returns how many, or -1
   * when a token is not a number or there are more than `max`.
   */
  private lineNumbers(b: Uint8Array, s: number, e: number, max: number): number {
    let nums = this.lineNums;
    let k = 0;
    let i = s;
    while (true) {
      while (i < e && b[i] <= WS) i++;
      if (i >= e) return k;
      if (k === max) return -1;
      const v = numberToken(b, i, e);
      if (v === undefined) return -1;
      i = scanned.end;
      if (k === nums.length) { const a = new Float64Array(k * 2); a.set(nums); nums = this.lineNums = a; }
      nums[k++] = v;
    }
  }

  /**
   * The hot path for wrapped (flat) data: a line of plain numbers in an all-numeric set. The
   * values continue the current row wherever the last line stopped; rows may end mid-line.
   */
  private fastFlatLine(b: Uint8Array, s: number, e: number, lineNo: number): boolean {
    const d = this.data!;
    const n = d.builders.length;
    if (!d.allNumeric || n === 0) return false;
    const k = this.lineNumbers(b, s, e, Infinity);
    if (k <= 0) return false;
    this.commitFlatValues(k, lineNo);
    return true;
  }

  /** The first `k` values of {@link lineNums}, read from line `lineNo`, continue the current wrapped row. */
  private commitFlatValues(k: number, lineNo: number): void {
    const d = this.data!;
    const n = d.builders.length;
    const nums = this.lineNums;
    const nulls = this.nullValues;
    const nNull = nulls.length;
    const builders = d.builders;
    if (d.flatPos === 0) d.rowStartLine = lineNo;
    for (let q = 0; q < k; q++) {
      const col = d.flatPos;
      let v = nums[q];
      if (col !== 0 || !d.isLog) for (let z = 0; z < nNull; z++) if (v === nulls[z]) { v = NaN; break; }
      const bl = builders[col];
      if (bl.length === bl.nums.length) bl.grow();
      bl.nums[bl.length++] = v;
      if (col === 0 && d.tracker) d.tracker.add(v);
      if (++d.flatPos === n) { d.flatPos = 0; this.rowDone(); if (q + 1 < k) d.rowStartLine = lineNo; }
    }
  }

  /**
   * The space-delimited fast paths over `buf[start, upTo)` in windows of about 256 KiB of whole
   * lines. A call per window, not one for the whole file: V8 optimises a function for its
   * next calls only after some calls, so one long call runs in code compiled mid-loop (OSR),
   * and the next file's first call starts again in unoptimised code.
   */
  private fastSpaceRows(buf: Uint8Array, start: number, upTo: number, rows: boolean): number {
    let s = start;
    while (s < upTo) {
      const cut = s + FAST_WINDOW >= upTo ? upTo : buf.indexOf(10, s + FAST_WINDOW) + 1;
      const next = rows ? this.fastRows(buf, s, cut) : this.fastFlatRows(buf, s, cut);
      if (next < cut) return next; // a line the general path must read
      s = next;
    }
    return s;
  }

  /**
   * {@link fastFlatLine} over many lines at once, finding the line ends as it goes, up to `n`
   * (just after a line end). Returns the start of the first line it did not take (text, a
   * section, a comment); the general path reads those.
   */
  private fastFlatRows(b: Uint8Array, start: number, n: number): number {
    const d = this.data!;
    if (d.builders.length === 0) return start;
    let nums = this.lineNums;
    let ls = start;
    while (ls < n) {
      let i = ls;
      let k = 0;
      while (true) {
        let c = 0;
        // b[n - 1] is a line end: the scan stops there at the latest.
        while ((c = b[i]) <= WS && c !== 10) i++;
        if (c === 10) break;
        i = lineNumber(b, i, n);
        if (i < 0) return ls;
        const v = parsed[0];
        if (k === nums.length) { const a = new Float64Array(k * 2); a.set(nums); nums = this.lineNums = a; }
        nums[k++] = v;
      }
      this.lineNo++;
      if (k !== 0) this.commitFlatValues(k, this.lineNo);
      ls = i + 1;
    }
    return ls;
  }

  /**
   * {@link fastRow} over many lines at once, finding the line ends as it goes (one pass over
   * the bytes instead of two), up to `n` (just after a line end). Returns the start of the
   * first line it did not take: a line the general path must read (text, a section, a short row).
   */
  private fastRows(b: Uint8Array, start: number, n: number): number {
    const d = this.data!;
    const builders = d.builders;
    const nc = builders.length;
    if (nc === 0) return start;
    // Values go straight into the columns; their lengths are set once on the way out. Every
    // column of an all-numeric set holds one value per row, so one length serves them all.
    let len = builders[0].length;
    for (let c = 1; c < nc; c++) if (builders[c].length !== len) return start;
    const cols: Float64Array[] = new Array(nc);
    let cap = Infinity;
    const refresh = (): void => {
      for (let c = 0; c < nc; c++) { const bl = builders[c]; cols[c] = bl.nums; if (bl.nums.length < cap) cap = bl.nums.length; }
    };
    refresh();
    const settle = (): void => { for (let c = 0; c < nc; c++) builders[c].length = len; };
    const nulls = this.nullValues;
    const nNull = nulls.length;
    const null0 = nNull !== 0 ? nulls[0] : NaN;
    const skipIndex = d.isLog;
    const tracker = d.tracker;
    let ls = start;
    while (ls < n) {
      if (len === cap) {
        settle();
        for (let c = 0; c < nc; c++) { const bl = builders[c]; if (bl.length === bl.nums.length) bl.grow(); }
        cap = Infinity;
        refresh();
      }
      let i = ls;
      let k = 0;
      while (true) {
        let c = 0;
        // b[n - 1] is a line end: the scan stops there at the latest. Spaces first, one test
        // a byte: they are a third of a typical data line.
        while ((c = b[i]) === 32) i++;
        if (c < 32) {
          while ((c = b[i]) <= WS && c !== 10) i++;
          if (c === 10) break;
        }
        if (k === nc) { settle(); return ls; }
        i = lineNumber(b, i, n);
        if (i < 0) { settle(); return ls; }
        let v = parsed[0];
        if ((k !== 0 || !skipIndex) && nNull !== 0 && (v === null0 || (nNull > 1 && nulls.includes(v)))) v = NaN;
        cols[k++][len] = v;
      }
      this.lineNo++;
      if (k !== 0) {
        if (k !== nc) { this.lineNo--; settle(); return ls; }
        if (tracker) tracker.add(cols[0][len]);
        len++;
        if (++d.rows - d.firstRowOfChunk >= this.chunkRows) {
          settle();
          this.flushRows();
          len = builders[0].length;
          cap = Infinity;
          refresh();
        }
      }
      ls = i + 1;
    }
    settle();
    return ls;
  }

  /** {@link fastRows} for comma-delimited rows, with the rules of {@link fastCommaRow}. */
  private fastCommaRows(b: Uint8Array, start: number, n: number): number {
    const d = this.data!;
    const nc = d.builders.length;
    if (nc === 0) return start;
    const nums = this.lineNums.length >= nc ? this.lineNums : (this.lineNums = new Float64Array(nc * 2));
    const nulls = this.nullValues;
    const nNull = nulls.length;
    const skipIndex = d.isLog;
    let ls = start;
    while (ls < n) {
      let i = ls;
      let k = 0;
      let c = 0;
      // A blank line (spaces only) is skipped, as the general path does.
      while (i < n && (c = b[i]) <= WS && c !== 10) i++;
      if (i >= n) return ls;
      if (c === 10) { this.lineNo++; ls = i + 1; continue; }
      while (true) {
        // i is at a field's first byte, after its leading spaces.
        if (k === nc) return ls;
        let v = NaN; // an empty field is NULL
        if (c !== 44 && c !== 10 && c !== 13) {
          v = scanPlainNumber(b, i, n);
          let j = scanned.end;
          if (v !== v || (j < n && (c = b[j]) !== 44 && c !== 32 && c !== 9 && c !== 10 && c !== 13)) {
            while (j < n && (c = b[j]) !== 44 && c !== 32 && c !== 9 && c !== 10 && c !== 13) j++;
            const x = parseNumberToken(b, i, j);
            if (x === undefined) return ls;
            v = x;
          }
          i = j;
          while (i < n && ((c = b[i]) === 32 || c === 9)) i++;
          if (i >= n) return ls;
          c = b[i];
          if (c !== 44 && c !== 10 && c !== 13) return ls;
          if (k !== 0 || !skipIndex) for (let q = 0; q < nNull; q++) if (v === nulls[q]) { v = NaN; break; }
        }
        nums[k++] = v;
        if (c === 13) { if (i + 1 >= n) return ls; if (b[i + 1] !== 10) return ls; i++; c = 10; }
        if (c === 10) break;
        i++; // the comma
        while (i < n && ((c = b[i]) === 32 || c === 9)) i++;
        if (i >= n) return ls;
      }
      if (k !== nc) return ls;
      this.lineNo++;
      this.commitNumericRow(nums, nc);
      ls = i + 1;
    }
    return ls;
  }

  /** Appends one all-numeric row (from a fast path) to the set's columns. */
  private commitNumericRow(nums: Float64Array, n: number): void {
    const d = this.data!;
    const builders = d.builders;
    for (let c = 0; c < n; c++) {
      const bl = builders[c];
      if (bl.length === bl.nums.length) bl.grow();
      bl.nums[bl.length++] = nums[c];
    }
    if (d.tracker) d.tracker.add(nums[0]);
    this.rowDone();
  }

  /**
   * The same hot path for comma-delimited LAS 3.0 rows: plain numbers, or empty fields (NULL),
   * with optional spaces around the commas. Quotes or text send the line to the general path.
   */
  private fastCommaRow(b: Uint8Array, s: number, e: number): boolean {
    const d = this.data!;
    if (!d.allNumeric) return false;
    const n = d.builders.length;
    const nums = this.lineNums.length >= n ? this.lineNums : (this.lineNums = new Float64Array(n * 2));
    const nulls = this.nullValues;
    const nNull = nulls.length;
    let k = 0;
    let i = s;
    while (true) {
      while (i < e && (b[i] === 32 || b[i] === 9)) i++;
      if (k === n) return false;
      let v = NaN; // an empty field is NULL
      if (i < e && b[i] !== 44) {
        v = scanPlainNumber(b, i, e);
        let j = scanned.end;
        if (v !== v || (j < e && b[j] !== 44 && b[j] !== 32 && b[j] !== 9)) {
          while (j < e && b[j] !== 44 && b[j] !== 32 && b[j] !== 9) j++;
          const x = parseNumberToken(b, i, j);
          if (x === undefined) return false;
          v = x;
        }
        i = j;
        while (i < e && (b[i] === 32 || b[i] === 9)) i++;
        if (i < e && b[i] !== 44) return false;
        if (k !== 0 || !d.isLog) for (let q = 0; q < nNull; q++) if (v === nulls[q]) { v = NaN; break; }
      }
      nums[k++] = v;
      if (i >= e) break;
      i++; // the comma
      if (i >= e) { if (k === n) return false; nums[k++] = NaN; break; }
    }
    if (k !== n) return false;
    this.commitNumericRow(nums, n);
    return true;
  }

  private store(col: number, k: number, lineNo: number): void {
    const bld = this.data!.builders[col];
    const text = this.lineTexts[k];
    if (text === undefined) {
      bld.pushNumber(this.lineNums[k]);
    } else {
      if (text !== null && bld.kind === 'number' && !bld.firstText) bld.firstText = { text, line: lineNo, column: this.lineCols[k] };
      bld.pushText(text);
      this.data!.allNumeric = false;
    }
    if (col === 0 && this.data!.tracker) this.data!.tracker.add(text === undefined ? this.lineNums[k] : NaN);
  }

  private rowDone(): void {
    const d = this.data!;
    d.rows++;
    if (d.rows - d.firstRowOfChunk >= this.chunkRows) this.flushRows();
  }

  private flushRows(): void {
    const d = this.data!;
    const rows = d.rows - d.firstRowOfChunk;
    if (rows <= 0 || !this.sink.onRows) return;
    const cols = d.builders.map((bl) => bl.take());
    this.sink.onRows(d.set, cols, d.firstRowOfChunk, rows);
    d.firstRowOfChunk = d.rows;
  }

  private endData(): void {
    const d = this.data!;
    this.flushOpenQuote();
    if (d.layout === 'undecided') {
      if (!d.sample.length && !d.set.curves.length) {
        this.log.add({ severity: 'warning', code: 'empty-data', message: `data section for set ${d.set.name} is empty and no curves are defined`, line: d.set.dataLine });
      }
      this.decideLayout();
    }
    if (d.layout === 'flat' && d.flatPos > 0) {
      const missing = d.builders.length - d.flatPos;
      this.log.add({ severity: 'warning', code: 'row-truncated', message: `the last row stops after ${d.flatPos} of ${d.builders.length} values; the missing ${missing} read as NULL`, line: d.rowStartLine });
      for (let c = d.flatPos; c < d.builders.length; c++) {
        if (d.builders[c].isText) d.builders[c].pushText(null); else d.builders[c].pushNumber(NaN);
      }
      d.flatPos = 0;
      this.rowDone();
    }
    for (let c = 0; c < d.builders.length; c++) {
      const bl = d.builders[c];
      const curve = d.set.curves[c];
      if (bl.firstText) {
        // LAS 3.0 makes {S} optional, so text in an unformatted LAS 3.0 column is expected.
        this.log.add({ severity: this.las3 && !curve.format ? 'info' : 'warning', code: 'text-in-numeric-curve', message: `curve ${curve.mnemonic} holds text such as '${clip(bl.firstText.text)}'; the curve is kept as text (name such tokens in a null policy to read them as NULL)`, line: bl.firstText.line, column: bl.firstText.column });
      }
      curve.kind = bl.kind;
    }
    if (this.sink.onRows) this.flushRows();
    if (d.rows === d.set.nRows && d.rows === 0 && d.set.curves.length) {
      this.log.add({ severity: 'warning', code: 'no-rows', message: `data section for set ${d.set.name} has no rows`, line: d.set.dataLine });
    }
    d.set.nRows = d.rows;
  }

  // ---------------------------------------------------------------- the model

  /** Moves a set's accumulated values into its curves (read-whole mode). */
  private finishColumns(set: LasDataSet, builders: ColumnBuilder[]): void {
    for (let c = 0; c < builders.length && c < set.curves.length; c++) set.curves[c].data = appendValues(set.curves[c].data, builders[c].take(true));
  }

  private buildModel(): LasFile {
    if (!this.sink.onRows) for (const [set, builders] of this.setBuilders) this.finishColumns(set, builders);
    dedupeMnemonics(this.well);
    for (const s of this.setOrder) { dedupeMnemonics(s.parameters); dedupeMnemonics(s.curves); }
    const sets = [...this.setOrder];
    const logIdx = sets.findIndex((s) => s.name.toUpperCase() === 'LOG');
    if (logIdx > 0) sets.unshift(...sets.splice(logIdx, 1));
    for (const s of sets) {
      // Curves defined but never given a data section: every value NULL.
      for (const c of s.curves) {
        if (c.data.length !== s.nRows && !this.sink.onRows) {
          c.data = c.kind === 'number' ? new Float64Array(s.nRows).fill(NaN) : new Array(s.nRows).fill(null);
        }
      }
    }
    if (!sets.length || !sets.some((s) => s.dataLine !== undefined)) {
      this.log.add({ severity: 'warning', code: 'no-data-section', message: 'the file has no data section (~ASCII / ~Log_Data); read the header only', line: this.lineNo });
    }
    const withData = (s: LasDataSet) => s.curves.length > 0 && s.dataLine !== undefined;
    const log = sets.find((s) => s.name.toUpperCase() === 'LOG' && withData(s)) ?? sets.find(withData) ?? sets[0];
    const tracker = log ? this.trackers.get(log) : undefined;
    const index = log && log.curves.length ? (tracker ?? new IndexTracker()).info(log.curves[0].originalMnemonic, log.curves[0].unit) : null;
    if (index && log) this.checkHeaderRange(index, log);
    if (tracker?.nonMonotonic) this.log.add({ severity: 'warning', code: 'index-not-monotonic', message: `index ${index?.mnemonic} goes both up and down`, line: log?.dataLine });
    return {
      version: this.versionSeen ? this.version : 'unknown',
      wrap: this.wrap,
      versionItems: this.versionItems,
      well: this.well,
      sets,
      other: this.otherLines.join('\n'),
      extraSections: this.extra,
      encoding: this.encoding,
      nullValue: this.nullValue,
      index,
      problems: this.log.finish(),
    };
  }

  private checkHeaderRange(index: NonNullable<LasFile['index']>, log: LasDataSet): void {
    const num = (m: string) => {
      const it = this.well.find((w) => w.originalMnemonic.toUpperCase() === m);
      return it ? { v: parseDecimalText(it.value), line: it.line } : undefined;
    };
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
    const strt = num('STRT');
    const stop = num('STOP');
    const step = num('STEP');
    if (log.nRows === 0) return;
    if (strt?.v !== undefined && index.first !== null && !close(strt.v, index.first)) {
      this.log.add({ severity: 'warning', code: 'strt-mismatch', message: `STRT ${strt.v} disagrees with the first index value ${index.first}; the data is used`, line: strt.line, section: 'Well' });
    }
    if (stop?.v !== undefined && index.last !== null && !close(stop.v, index.last)) {
      this.log.add({ severity: 'warning', code: 'stop-mismatch', message: `STOP ${stop.v} disagrees with the last index value ${index.last}; the data is used`, line: stop.line, section: 'Well' });
    }
    if (step?.v !== undefined && step.v !== 0 && index.step !== null && !close(step.v, index.step)) {
      this.log.add({ severity: 'warning', code: 'step-mismatch', message: `STEP ${step.v} disagrees with the data's step ${index.step}; the data is used`, line: step.line, section: 'Well' });
    }
    if (step?.v !== undefined && step.v !== 0 && !index.regular && log.nRows > 2) {
      this.log.add({ severity: 'info', code: 'irregular-index', message: `STEP ${step.v} is given but the index is irregular`, line: step.line, section: 'Well' });
    }
  }
}

// ---------------------------------------------------------------- helpers

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function appendValues(a: CurveValues, b: CurveValues): CurveValues {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  if (a instanceof Float64Array && b instanceof Float64Array) {
    const out = new Float64Array(a.length + b.length); out.set(a); out.set(b, a.length); return out;
  }
  const toArr = (x: CurveValues) => (x instanceof Float64Array ? Array.from(x, (v) => (Number.isNaN(v) ? null : String(v))) : x);
  return [...toArr(a), ...toArr(b)];
}

/** Gives repeated mnemonics unique keys `GR`, `GR:2`, `GR:3`; empty mnemonics become `UNKNOWN`. */
export function dedupeMnemonics(items: HeaderItem[]): void {
  if (items.length === 0) return;
  const seen = new Map<string, number>();
  for (const it of items) {
    const base = it.originalMnemonic.trim() === '' ? 'UNKNOWN' : it.originalMnemonic;
    const key = base.toUpperCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    it.mnemonic = n === 1 ? base : `${base}:${n}`;
  }
}

/** LAS 3.0 `{S}`-style specifiers → what the column holds. */
function kindFromFormat(format: string | undefined): CurveKind {
  if (!format) return 'number';
  const f = format.trim().toUpperCase();
  if (f === 'S' || f === 'A' || /^S\d*$/.test(f) || /^A\d*$/.test(f)) return 'string';
  if (/^[FEI]/.test(f) && /^[FEI][0-9.E+-]*$/.test(f)) return 'number';
  if (/(YY|MM|DD|HH|SS|MIN|D\/|M\/)/.test(f)) return 'datetime';
  return 'number';
}

/**
 * Values that ran together when a fixed-width column overflowed: `7.330-19508.961` is two
 * numbers; `7.020101130.188` (two decimal points) is two unreadable values, read as NULLs.
 */
function splitRunOn(text: string, delimiter: Delimiter): number[] | null {
  if (delimiter !== 'SPACE') return null;
  // Dates such as 2020-01-01 are text, not run-on numbers.
  if (text.length <= 128 && /\d-\d/.test(text) && !/^\d{1,4}-\d{1,2}-\d{1,4}([T ].*)?$/.test(text)) {
    const parts = text.replace(/(\d)-(?=\d)/g, '$1 -').split(' ');
    if (parts.length > 1 && parts.length <= 8 && parts.every((p) => parseDecimalText(p) !== undefined)) return parts.map(Number);
  }
  if (/^-?\d*\.\d*\.[\d.]*$/.test(text)) return [NaN, NaN];
  return null;
}

/** More than 1% control bytes (other than tab, CR, LF, FF, Ctrl-Z) in the head: not a text file. */
function looksBinary(head: Uint8Array): boolean {
  // NUL and Ctrl-Z padding after the text (fixed-size records, DOS end-of-file) is not binary.
  let end = head.length;
  while (end > 0 && (head[end - 1] === 0 || head[end - 1] === 26 || head[end - 1] === 10 || head[end - 1] === 13)) end--;
  return countStrayControlBytes(head, end) > end * 0.01;
}

/**
 * Undefined columns beyond this many are not a table the header forgot but a broken line
 * (a 5 MB line of numbers would otherwise become 600,000 curves): rows keep their defined width.
 */
function maxExtraColumns(defined: number): number {
  return Math.max(64, 4 * defined);
}

/** nan, inf and the C runtime's spellings of them are numbers, not text. */
function isSpecialNumber(text: string): boolean {
  return /^[+-]?(NAN|INF|INFINITY|1\.#(IND|QNAN|SNAN|NAN|INF)\d*)$/i.test(text);
}

/** Line value counts that add up to whole rows of n across consecutive lines. */
function looksWrapped(counts: number[], n: number): boolean {
  if (counts[0] >= n) return false;
  let acc = 0;
  let rows = 0;
  for (const c of counts) {
    acc += c;
    if (acc === n) { rows++; acc = 0; } else if (acc > n) return false;
  }
  return rows > 0;
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
