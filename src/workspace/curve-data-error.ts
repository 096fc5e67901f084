/**
 * Bad input to the pure curve numerics (resampling, statistics, coverage): a depth grid
 * with a zero step, arrays of different lengths, grid depths out of order. These are
 * programming or metadata errors, not bad data in a file (NaN depths and NULL values are
 * handled, never thrown), so the location is the argument and, where it helps, the
 * curve's position in the run and the array index.
 */
export class CurveDataError extends Error {
  override readonly name = 'CurveDataError';
  readonly code: string;
  readonly argument?: string;
  readonly curve?: number;
  readonly index?: number;

  constructor(
    code: string,
    message: string,
    where: { argument?: string; curve?: number; index?: number } = {},
  ) {
    super(CurveDataError.locate(message, where));
    this.code = code;
    this.argument = where.argument;
    this.curve = where.curve;
    this.index = where.index;
  }

  private static locate(message: string, where: { argument?: string; curve?: number; index?: number }): string {
    const parts: string[] = [];
    if (where.argument !== undefined) parts.push(where.argument);
    if (where.curve !== undefined) parts.push(`curve ${where.curve}`);
    if (where.index !== undefined) parts.push(`index ${where.index}`);
    return parts.length > 0 ? `${parts.join(', ')}: ${message}` : message;
  }
}
