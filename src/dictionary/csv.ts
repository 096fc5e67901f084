import { DictionaryError } from './errors.js';

/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may
 * hold commas, line breaks and doubled quotes (""). A BOM at the start is ignored. Returns the
 * records with the (1-based) line each starts on.
 */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let recordLine = 1;
  let atFieldStart = true;
  const n = text.length;
  const endRecord = (): void => {
    fields.push(field);
    // a blank line is no record
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < n) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new DictionaryError('BAD_CSV', 'quoted field is not closed', startLine);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      atFieldStart = false;
      const next = text[i];
      if (i < n && next !== ',' && next !== '\n' && next !== '\r') {
        throw new DictionaryError('BAD_CSV', 'unexpected text after a closing quote', line);
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Records as objects keyed by the header row; throws when a required column is missing. */
export function csvObjects(text: string, required: readonly string[]): { row: Record<string, string>; line: number }[] {
  const records = parseCsv(text);
  if (records.length === 0) throw new DictionaryError('BAD_CSV', 'the file is empty');
  const header = records[0].fields.map((h) => h.trim());
  for (const col of required) {
    if (!header.includes(col)) throw new DictionaryError('MISSING_COLUMN', `no "${col}" column (columns: ${header.join(', ')})`, records[0].line);
  }
  return records.slice(1).map(({ fields, line }) => {
    const row: Record<string, string> = {};
    header.forEach((h, k) => (row[h] = (fields[k] ?? '').trim()));
    return { row, line };
  });
}
