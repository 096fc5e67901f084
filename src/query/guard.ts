import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { duckdbMessage, QueryError } from './errors.js';

/**
 * The read-only gate in front of every user query. Two independent checks, so a gap in one
 * is covered by the other:
 *  1. the statement's first keyword must start a read (SELECT, WITH, FROM, VALUES, TABLE,
 *     DESCRIBE, SHOW, SUMMARIZE, PIVOT, UNPIVOT, EXPLAIN, PRAGMA);
 *  2. DuckDB's own parse of it must be a SELECT (DESCRIBE, SHOW, SUMMARIZE and read-style
 *     PRAGMAs such as table_info are rewritten to SELECTs), or an EXPLAIN whose inner
 *     statement passes both checks (EXPLAIN ANALYZE runs its statement).
 * Preparing a statement binds it but runs nothing. Behind the gate the session is confined
 * (no file access outside the blobs, configuration locked), so even a statement that
 * slipped through could neither read other files nor undo the confinement.
 */

const READ_KEYWORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'DESC', 'SHOW', 'SUMMARIZE', 'PIVOT', 'UNPIVOT', 'EXPLAIN', 'PRAGMA']);

export const READ_ONLY_HINT = 'only SELECT (and WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, PRAGMA table_info) can run';

/** The SQL after leading blanks, comments and opening parentheses. */
function stripLead(sql: string): string {
  let s = sql;
  while (true) {
    const next = s.replace(/^\s+/, '').replace(/^--[^\n]*(\n|$)/, '').replace(/^\/\*[\s\S]*?\*\//, '').replace(/^\(/, '');
    if (next === s) return s;
    s = next;
  }
}

export function leadingKeyword(sql: string): string {
  return /^[A-Za-z_]+/.exec(stripLead(sql))?.[0].toUpperCase() ?? '';
}

function typeName(t: StatementType): string {
  const names: Partial<Record<StatementType, string>> = {
    [StatementType.VARIABLE_SET]: 'SET VARIABLE', [StatementType.SET]: 'SET', [StatementType.CREATE_FUNC]: 'CREATE FUNCTION',
    [StatementType.COPY_DATABASE]: 'COPY DATABASE', [StatementType.UPDATE_EXTENSIONS]: 'UPDATE EXTENSIONS',
  };
  return names[t] ?? (StatementType[t] ?? `statement type ${t}`).replace(/_/g, ' ');
}

function readOnly(what: string, sql: string): QueryError {
  return new QueryError('read-only', `queries are read-only: ${what} is not allowed (${READ_ONLY_HINT})`, { sql });
}

/** A DuckDB error raised while binding, reworded when it is the confinement speaking. */
export function bindError(err: unknown, sql: string): QueryError {
  const msg = duckdbMessage(err);
  const file = /Cannot access (?:file|directory) "([^"]*)"/.exec(msg)?.[1];
  if (file !== undefined && /disabled by configuration/.test(msg)) {
    return new QueryError('outside-workspace', `queries can only read the workspace's own data: "${file}" is outside it`, { sql, subject: file });
  }
  return new QueryError('bad-sql', msg, { sql });
}

/**
 * Checks `sql` and returns it prepared, ready to run; throws a QueryError for anything that
 * is not a single read.
 */
export async function prepareReadOnly(con: DuckDBConnection, sql: string, depth = 0): Promise<DuckDBPreparedStatement> {
  const keyword = leadingKeyword(sql);
  if (!keyword) throw new QueryError('bad-argument', 'the query is empty', { sql });
  if (!READ_KEYWORDS.has(keyword)) throw readOnly(keyword, sql);

  if (keyword === 'EXPLAIN') {
    if (depth > 0) throw readOnly('EXPLAIN of an EXPLAIN', sql);
    // EXPLAIN [ANALYZE] [(options)] <statement>: the inner statement must pass on its own first,
    // since binding the EXPLAIN binds it (and EXPLAIN ANALYZE runs it).
    const inner = /^EXPLAIN\s+(?:ANALY[SZ]E\b\s*)?(?:\([^)]*\)\s*)?([\s\S]*)$/i.exec(stripLead(sql))?.[1];
    if (inner === undefined || !inner.trim()) throw readOnly('an EXPLAIN whose statement cannot be checked', sql);
    (await prepareReadOnly(con, inner, depth + 1)).destroySync();
  }

  let count: number;
  let extracted: Awaited<ReturnType<DuckDBConnection['extractStatements']>>;
  try {
    extracted = await con.extractStatements(sql);
    count = extracted.count;
  } catch (err) {
    throw new QueryError('bad-sql', duckdbMessage(err), { sql });
  }
  if (count === 0) throw new QueryError('bad-argument', 'the query is empty', { sql });
  if (count > 1 && keyword === 'PIVOT') {
    // DuckDB turns a PIVOT without an IN list into a CREATE TYPE plus the SELECT.
    throw new QueryError('bad-argument', "a PIVOT needs its values listed in a read-only query: PIVOT t ON col IN ('a', 'b') USING ...", { sql });
  }
  if (count > 1) throw new QueryError('bad-argument', `run one statement at a time (found ${count})`, { sql });

  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await extracted.prepare(0);
  } catch (err) {
    throw bindError(err, sql);
  }
  const type = prepared.statementType;
  if (type === StatementType.SELECT || (type === StatementType.EXPLAIN && keyword === 'EXPLAIN' && depth === 0)) return prepared;
  prepared.destroySync();
  throw readOnly(typeName(type), sql);
}
