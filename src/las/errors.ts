import type { LasProblem } from './model.js';

/**
 * The only error the LAS engine throws. It always says where: the file (when the caller
 * named it), the line and column, and carries every problem found up to that point.
 */
export class LasError extends Error {
  override readonly name = 'LasError';
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly problems: LasProblem[];

  constructor(
    code: string,
    message: string,
    where: { file?: string; line?: number; column?: number } = {},
    problems: LasProblem[] = [],
  ) {
    super(LasError.locate(message, where));
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.problems = problems;
  }

  static fromProblem(p: LasProblem, file?: string, problems: LasProblem[] = []): LasError {
    return new LasError(p.code, p.message, { file, line: p.line, column: p.column }, problems);
  }

  private static locate(message: string, where: { file?: string; line?: number; column?: number }): string {
    const parts: string[] = [];
    if (where.file) parts.push(where.file);
    if (where.line !== undefined) parts.push(`line ${where.line}${where.column !== undefined ? `:${where.column}` : ''}`);
    return parts.length ? `${parts.join(', ')}: ${message}` : message;
  }
}
