/**
 * What can go wrong asking the workspace a question. `code` says what; `sql` is the query
 * concerned (when there is one) and `subject` names the well, run or curve that was not found.
 */
export type QueryErrorCode =
  | 'read-only' // a statement that would change something, or one we cannot check
  | 'bad-sql' // DuckDB refused the query (syntax, unknown column...)
  | 'outside-workspace' // the query names a file outside the workspace's blobs
  | 'not-found'
  | 'ambiguous'
  | 'bad-argument'
  | 'no-data' // the curve exists but not on the grid asked for
  | 'unreadable-data'; // a blob the views need cannot be read

export class QueryError extends Error {
  override readonly name = 'QueryError';
  readonly code: QueryErrorCode;
  readonly sql?: string;
  readonly subject?: string;

  constructor(code: QueryErrorCode, message: string, details: { sql?: string; subject?: string } = {}) {
    super(message);
    this.code = code;
    this.sql = details.sql;
    this.subject = details.subject;
  }
}

/** DuckDB's message, trimmed; its LINE/caret lines stay, since they point into the SQL the user wrote. */
export function duckdbMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim();
}
