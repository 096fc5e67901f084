/**
 * The only error the unit catalogue throws. `code` says what went wrong; `where` locates a
 * problem inside a dictionary being loaded (e.g. "UnitSet.Unit[12] (ft)").
 */
export type UnitErrorCode = 'UNKNOWN_UNIT' | 'UNKNOWN_QUANTITY_CLASS' | 'INCOMPATIBLE_UNITS' | 'BAD_FACTOR' | 'BAD_DICTIONARY';

export class UnitError extends Error {
  override readonly name = 'UnitError';
  readonly code: UnitErrorCode;
  /** The unit text(s) involved, as the caller gave them. */
  readonly units: readonly string[];
  readonly where?: string;

  constructor(code: UnitErrorCode, message: string, details: { units?: readonly string[]; where?: string } = {}) {
    super(details.where ? `${details.where}: ${message}` : message);
    this.code = code;
    this.units = details.units ?? [];
    this.where = details.where;
  }
}
