/** Errors of the curve dictionary; `line` locates a problem in a CSV being loaded. */
export type DictionaryErrorCode = 'BAD_CSV' | 'MISSING_COLUMN' | 'UNKNOWN_PROPERTY';

export class DictionaryError extends Error {
  override readonly name = 'DictionaryError';
  readonly code: DictionaryErrorCode;
  readonly line?: number;

  constructor(code: DictionaryErrorCode, message: string, line?: number) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
    this.code = code;
    this.line = line;
  }
}
